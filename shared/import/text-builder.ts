import type { Block } from '../model/types';
import { normaliseText } from '../text/normalise';
import type { ImportedComment, ImportedDocument } from './types';

export type BlockKind = Block['kind'];

/**
 * A block's text as stored: normaliseText, and no byte order marks left at its start (normaliseText removes one;
 * a second would make the text change when normalised again).
 */
export function normaliseBlock(raw: string): string {
  return normaliseText(raw).replace(/^\ufeff+/, '');
}

interface OpenBlock {
  kind: BlockKind;
  level: number | undefined;
  raw: string;
  anchors: { key: string; at: number; side: 'start' | 'end' }[];
}

/**
 * Assembles the text of a structured document (DOCX, ODT, RTF, PDF) block by block.
 *
 * Blocks are joined by one "\n". Each block is normalised on its own when it closes; a line feed never composes
 * with its neighbours under NFC, so the joined text is exactly what normaliseText would make of it, and every
 * offset handed out (blocks, anchors) indexes the final text.
 *
 * Anchors mark places in the text by key (a comment's start or end). An anchor placed inside an open block is
 * resolved when the block closes; one placed between blocks resolves to the start of the next block (side
 * "start") or the end of the previous one (side "end").
 */
export class DocumentTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private open: OpenBlock | undefined;
  private pendingStarts: string[] = [];
  readonly blocks: Block[] = [];
  readonly anchors = new Map<string, number>();

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  begin(kind: BlockKind, level?: number): void {
    if (this.open) this.end();
    this.open = { kind, level, raw: '', anchors: [] };
  }

  /** Changes the kind (and level) of the open block, for formats that say what a paragraph was only at its end. */
  retag(kind: BlockKind, level?: number): void {
    if (!this.open) return;
    this.open.kind = kind;
    this.open.level = level;
  }

  write(raw: string): void {
    if (!this.open) this.begin('paragraph');
    this.open!.raw += raw;
  }

  /** The raw text written so far into the open block ("" when none is open). */
  get openText(): string {
    return this.open?.raw ?? '';
  }

  anchor(key: string, side: 'start' | 'end'): void {
    if (this.open) {
      this.open.anchors.push({ key, at: this.open.raw.length, side });
    } else if (side === 'start') {
      this.pendingStarts.push(key);
    } else {
      this.anchors.set(key, this.length);
    }
  }

  /** Closes the open block. A block that is empty or only white space is dropped; its anchors stay where it was. */
  end(): Block | undefined {
    const open = this.open;
    if (!open) return undefined;
    this.open = undefined;
    const text = normaliseBlock(open.raw);
    if (text.trim() === '') {
      for (const { key, side } of open.anchors) this.anchor(key, side);
      return undefined;
    }
    const separator = this.parts.length > 0 ? 1 : 0;
    if (separator) this.parts.push('\n');
    const start = this.length + separator;
    this.parts.push(text);
    this.length = start + text.length;
    for (const key of this.pendingStarts) this.anchors.set(key, start);
    this.pendingStarts = [];
    for (const { key, at } of open.anchors) {
      // The normalised length of the raw prefix is where that raw position landed.
      this.anchors.set(key, start + Math.min(normaliseBlock(open.raw.slice(0, at)).length, text.length));
    }
    const block: Block = { start, end: this.length, kind: open.kind };
    if (open.level !== undefined) block.level = open.level;
    this.blocks.push(block);
    return block;
  }

  /** Adds a whole block at once. */
  add(raw: string, kind: BlockKind, level?: number): Block | undefined {
    this.begin(kind, level);
    this.write(raw);
    return this.end();
  }

  get textLength(): number {
    return this.length;
  }

  finish(): { text: string; blocks: Block[] } {
    this.end();
    for (const key of this.pendingStarts) this.anchors.set(key, this.length);
    this.pendingStarts = [];
    return { text: this.parts.join(''), blocks: this.blocks };
  }
}

/** The file name without folders and without its last extension: "Interview 3.docx" -> "Interview 3". */
export function documentName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function makeDocument(
  fileName: string,
  format: string,
  built: { text: string; blocks: Block[] },
  comments: ImportedComment[],
  warnings: string[],
): ImportedDocument {
  return {
    name: documentName(fileName),
    format,
    text: built.text,
    turns: [],
    blocks: built.blocks,
    comments,
    warnings,
  };
}

