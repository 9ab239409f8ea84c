/**
 * Memos are edited with Lexical and stored as its serialised editor state. These helpers make that JSON from plain
 * text (for built-in content and imported notes) and read the plain text back (for search and export), without
 * loading Lexical, so the engine stays free of UI code.
 */

interface SerializedNode {
  type: string;
  text?: string;
  children?: SerializedNode[];
}

export function plainTextToMemoContent(text: string): string {
  const paragraphs = text.split(/\n+/);
  return JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs.map((p) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: p ? [{ type: 'text', version: 1, text: p, detail: 0, format: 0, mode: 'normal', style: '' }] : [],
      })),
    },
  });
}

export function memoContentToPlainText(content: string): string {
  if (!content) return '';
  try {
    const state = JSON.parse(content) as { root?: SerializedNode };
    const blocks: string[] = [];
    const inline = (node: SerializedNode): string =>
      node.type === 'linebreak' ? '\n' : (node.text ?? '') + (node.children ?? []).map(inline).join('');
    for (const child of state.root?.children ?? []) {
      if (child.type === 'list') blocks.push(...(child.children ?? []).map((item) => `• ${inline(item)}`));
      else blocks.push(inline(child));
    }
    return blocks.join('\n');
  } catch {
    return '';
  }
}
