import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $loadMemoContent, $memoPlainText, MEMO_NODES } from '../../../renderer/views/memos/memo-lexical';
import { memoContentToPlainText, plainTextToMemoContent } from '../../../shared/model/memo-content';
import { buildSample } from '../../../shared/sample/index';

function editor(): LexicalEditor {
  return createEditor({ namespace: 'test', nodes: [...MEMO_NODES], onError: (error) => { throw error; } });
}

/** Loads stored content the way the memo editor does and reads back its plain text and JSON. */
function load(content: string, plainText = '') {
  const e = editor();
  e.update(() => $loadMemoContent(content, plainText), { discrete: true });
  return { plainText: e.read($memoPlainText), json: JSON.stringify(e.getEditorState().toJSON()), editor: e };
}

describe('memo content in the editor', () => {
  it('opens the sample project memos and reads back exactly their stored plain text', async () => {
    const sample = await buildSample('p');
    expect(sample.memos.length).toBeGreaterThanOrEqual(2);
    for (const memo of sample.memos) {
      const { plainText, json } = load(memo.content, memo.plainText);
      expect(plainText).toBe(memo.plainText);
      // What the editor saves reads the same without the editor too (export and search use that path).
      expect(memoContentToPlainText(json)).toBe(memo.plainText);
    }
  });

  it('writes headings, bold words and lists as lines with bullets and numbers', () => {
    const e = editor();
    e.update(
      () => {
        const root = $getRoot();
        root.clear();
        const heading = $createHeadingNode('h3').append($createTextNode('Parents in the room'));
        const para = $createParagraphNode().append(
          $createTextNode('They were '),
          $createTextNode('present').toggleFormat('bold'),
          $createTextNode(' but not heard.'),
        );
        const bullets = $createListNode('bullet').append(
          $createListItemNode().append($createTextNode('chair')),
          $createListItemNode().append($createTextNode('social worker')),
          // A nested list sits in an item of its own.
          $createListItemNode().append($createListNode('bullet').append($createListItemNode().append($createTextNode('team manager')))),
        );
        const numbers = $createListNode('number', 3).append(
          $createListItemNode().append($createTextNode('ask')),
          $createListItemNode().append($createTextNode('listen')),
        );
        root.append(heading, para, bullets, numbers, $createParagraphNode());
      },
      { discrete: true },
    );
    expect(e.read($memoPlainText)).toBe(
      ['Parents in the room', 'They were present but not heard.', '• chair', '• social worker', '  • team manager', '3. ask', '4. listen'].join('\n'),
    );

    // Saved and loaded again, nothing changes: bold stays bold, lists stay lists.
    const json = JSON.stringify(e.getEditorState().toJSON());
    const again = load(json);
    expect(again.json).toBe(json);
    const bold = JSON.parse(json).root.children[1].children[1];
    expect(bold).toMatchObject({ type: 'text', text: 'present', format: 1 });
  });

  it('shows the plain text when the rich content is damaged or of an unknown kind', () => {
    expect(load('{"root": {"children": [', 'Line one\nLine two').plainText).toBe('Line one\nLine two');
    const unknown = JSON.stringify({ root: { type: 'root', children: [{ type: 'whiteboard', version: 1 }] } });
    expect(load(unknown, 'Kept words').plainText).toBe('Kept words');
  });

  it('starts an empty memo with one empty paragraph', () => {
    const { plainText, json } = load('', '');
    expect(plainText).toBe('');
    const root = JSON.parse(json).root;
    expect(root.children).toHaveLength(1);
    expect(root.children[0].type).toBe('paragraph');
  });

  it('keeps text from plain-text content across blank lines', () => {
    // plainTextToMemoContent drops blank lines between paragraphs; the editor must not add them back.
    const content = plainTextToMemoContent('One\n\nTwo');
    expect(load(content).plainText).toBe('One\nTwo');
  });
});
