import { $isListItemNode, $isListNode, ListItemNode, ListNode, type ListNode as ListNodeType } from '@lexical/list';
import { LinkNode } from '@lexical/link';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $parseSerializedNode,
  type EditorThemeClasses,
  type Klass,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';

/** The node types a memo may hold. Loading and saving use the same list, so nothing written is unreadable. */
export const MEMO_NODES: readonly Klass<LexicalNode>[] = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode];

/** Class names for the editor's content, styled in memos.css. */
export const MEMO_THEME: EditorThemeClasses = {
  paragraph: 'memo-p',
  quote: 'memo-quote',
  heading: { h1: 'memo-h1', h2: 'memo-h2', h3: 'memo-h3' },
  list: {
    ul: 'memo-ul',
    ol: 'memo-ol',
    listitem: 'memo-li',
    nested: { listitem: 'memo-li-nested' },
  },
  link: 'memo-link',
  text: { bold: 'memo-bold', italic: 'memo-italic', underline: 'memo-underline', strikethrough: 'memo-strike', code: 'memo-code' },
};

/**
 * Fills the root from stored content. Must run inside an editor update. Content that cannot be read (damaged, or
 * written by a newer version with node types this one lacks) falls back to the stored plain text, so the words are
 * never lost from view; the rich form is only replaced once the user edits.
 */
export function $loadMemoContent(content: string, plainText: string): void {
  const root = $getRoot();
  root.clear();
  let nodes: LexicalNode[] = [];
  if (content) {
    try {
      const state = JSON.parse(content) as { root?: { children?: SerializedLexicalNode[] } };
      nodes = (state.root?.children ?? []).map((child) => $parseSerializedNode(child));
    } catch {
      nodes = [];
    }
  }
  if (nodes.length === 0 && plainText) {
    nodes = plainText.split('\n').map((line) => {
      const paragraph = $createParagraphNode();
      if (line) paragraph.append($createTextNode(line));
      return paragraph;
    });
  }
  if (nodes.length === 0) nodes = [$createParagraphNode()];
  // Only block nodes may sit at the root.
  for (const node of nodes) {
    if ($isElementNode(node) && !node.isInline()) root.append(node);
    else root.append($createParagraphNode().append(node));
  }
}

function listLines(list: ListNodeType, depth: number): string[] {
  const lines: string[] = [];
  let number = list.getStart();
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().filter($isListNode);
    if (nested.length > 0 && nested.length === item.getChildrenSize()) {
      for (const child of nested) lines.push(...listLines(child, depth + 1));
      continue;
    }
    const marker = list.getListType() === 'number' ? `${number}.` : '•';
    number += 1;
    const text = item
      .getChildren()
      .filter((child) => !$isListNode(child))
      .map((child) => child.getTextContent())
      .join('');
    lines.push(`${'  '.repeat(depth)}${marker} ${text}`);
    for (const child of nested) lines.push(...listLines(child, depth + 1));
  }
  return lines;
}

/**
 * The memo's plain text for search and export: one line per paragraph or heading, list items with their bullet or
 * number, nested items indented. Must run inside an editor read or update.
 */
export function $memoPlainText(): string {
  const lines: string[] = [];
  for (const block of $getRoot().getChildren()) {
    if ($isListNode(block)) lines.push(...listLines(block, 0));
    else lines.push(block.getTextContent());
  }
  // Trailing empty paragraphs carry nothing worth searching or exporting.
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines.join('\n');
}
