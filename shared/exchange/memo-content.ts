/**
 * Memos are stored as Lexical editor state; other tools exchange plain text. A memo read from another tool gets
 * the simplest editor state that shows its text: one paragraph per line.
 */

export function plainTextToEditorState(text: string): string {
  if (text === '') return '';
  const paragraphs = text.split('\n').map((line) => ({
    children: line
      ? [{ detail: 0, format: 0, mode: 'normal', style: '', text: line, type: 'text', version: 1 }]
      : [],
    direction: null,
    format: '',
    indent: 0,
    type: 'paragraph',
    version: 1,
    textFormat: 0,
    textStyle: '',
  }));
  return JSON.stringify({
    root: { children: paragraphs, direction: null, format: '', indent: 0, type: 'root', version: 1 },
  });
}
