/**
 * Changing a document's stored text, and moving every range over it.
 *
 * Stored text never changes silently: a typo fixed or a name pseudonymised is a list of edits, and every range over
 * the text (codings, turns, blocks, memo anchors) moves through the one mapping made here, so the coded words stay
 * the same words.
 *
 * An edit replaces `[start, end)` of the old text (UTF-16 code units) with `text`. A list holds edits that do not
 * overlap; they may touch (one ends where the next starts), and at most one insertion (start === end) may sit at a
 * given offset. The list may come in any order.
 *
 * How offsets move (`mapOffset(offset, bias)`): offsets outside every edit shift by the growth of the edits before
 * them. An offset inside or at the edge of an edit depends on what it bounds:
 *
 * - bias 'start' (it starts a range): at or inside a replaced span it moves to the start of the replacement, so a
 *   range that starts inside replaced text now starts with its replacement; at the end of a replaced span it moves
 *   to the end of the replacement; at an insertion it moves after the inserted text.
 * - bias 'end' (it ends a range): at or inside a replaced span it moves to the end of the replacement, so a range
 *   that ends inside replaced text now ends with the whole replacement; at the start of a replaced span it moves to
 *   the start of the replacement; at an insertion it stays before the inserted text.
 *
 * So for a range `[start, end)` (`mapRange`):
 * - its text is kept exactly when no edit reaches inside it (edits that only touch its edges, including insertions
 *   there, leave it alone: text inserted at a range's edge is not taken into the range);
 * - an edit strictly inside it grows or shrinks it;
 * - an edit that straddles one of its edges takes the whole replacement into the range;
 * - a range lying inside one replaced span becomes the whole replacement (a coding of a name becomes a coding of its
 *   pseudonym);
 * - it is `null` when nothing is left of it: its text was deleted (replaced by nothing), or it was empty.
 *
 * Offsets outside the old text are first clamped to it.
 */
import type { Block, DocumentText, Turn } from '../model/types';

export interface TextEdit {
  /** First replaced code unit of the old text. */
  start: number;
  /** End (exclusive) of the replaced span; equal to start for an insertion. */
  end: number;
  /** The replacement (empty to delete). */
  text: string;
}

export interface TextRange {
  start: number;
  end: number;
}

export type OffsetBias = 'start' | 'end';

/** How offsets of the old text move into the new text. */
export interface OffsetMap {
  readonly oldLength: number;
  readonly newLength: number;
  /** The edits in text order, as applied. */
  readonly edits: readonly TextEdit[];
  mapOffset(offset: number, bias: OffsetBias): number;
  /** The range's new position, or null when nothing of it is left (see the rules above). */
  mapRange(range: TextRange): TextRange | null;
}

/** Sorts and checks an edit list against a text of `length` code units; throws an Error saying what is wrong. */
export function normaliseEdits(edits: readonly TextEdit[], length: number): TextEdit[] {
  const sorted = edits
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.index - b.index)
    .map(({ e }) => e);
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end < edit.start || edit.end > length) {
      throw new Error(`A text edit [${edit.start}, ${edit.end}) does not fit a text of ${length} characters.`);
    }
    if (previous) {
      const bothInsertions = previous.start === previous.end && edit.start === edit.end && previous.start === edit.start;
      if (edit.start < previous.end || bothInsertions) {
        throw new Error(`Text edits [${previous.start}, ${previous.end}) and [${edit.start}, ${edit.end}) overlap.`);
      }
    }
    previous = edit;
  }
  return sorted;
}

class EditOffsetMap implements OffsetMap {
  /** Where each edit's replacement starts in the new text. */
  private readonly newStarts: number[];
  readonly newLength: number;

  constructor(
    readonly edits: readonly TextEdit[],
    readonly oldLength: number,
  ) {
    this.newStarts = [];
    let delta = 0;
    for (const edit of edits) {
      this.newStarts.push(edit.start + delta);
      delta += edit.text.length - (edit.end - edit.start);
    }
    this.newLength = oldLength + delta;
  }

  mapOffset(offset: number, bias: OffsetBias): number {
    const o = Math.min(Math.max(offset, 0), this.oldLength);
    const edits = this.edits;
    if (bias === 'start') {
      // The last edit starting at or before the offset decides (an insertion before a replacement at the same
      // offset comes first in the list, so the replacement wins, and the range starts with it).
      let lo = 0;
      let hi = edits.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edits[mid]!.start <= o) lo = mid + 1;
        else hi = mid;
      }
      const i = lo - 1;
      if (i < 0) return o;
      const edit = edits[i]!;
      const newStart = this.newStarts[i]!;
      const newEnd = newStart + edit.text.length;
      if (o >= edit.end) return newEnd + (o - edit.end);
      return newStart;
    }
    // bias 'end': the first edit ending at or after the offset decides, if it also starts at or before it.
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid]!.end < o) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    const edit = edits[i];
    if (edit && edit.start <= o) {
      const newStart = this.newStarts[i]!;
      if (o === edit.start) return newStart;
      return newStart + edit.text.length;
    }
    if (i === 0) return o;
    const before = edits[i - 1]!;
    return this.newStarts[i - 1]! + before.text.length + (o - before.end);
  }

  mapRange(range: TextRange): TextRange | null {
    if (!(range.end > range.start)) return null;
    const start = this.mapOffset(range.start, 'start');
    const end = this.mapOffset(range.end, 'end');
    return end > start ? { start, end } : null;
  }
}

/** Applies edits to a string: the new text and how offsets move. Throws when edits overlap or fall outside it. */
export function editText(text: string, edits: readonly TextEdit[]): { text: string; map: OffsetMap } {
  const sorted = normaliseEdits(edits, text.length).filter((e) => e.start !== e.end || e.text !== '');
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  out += text.slice(at);
  return { text: out, map: new EditOffsetMap(sorted, text.length) };
}

/** The map of an edit list over a text of `length` code units, without building the new text. */
export function offsetMapOf(edits: readonly TextEdit[], length: number): OffsetMap {
  return new EditOffsetMap(
    normaliseEdits(edits, length).filter((e) => e.start !== e.end || e.text !== ''),
    length,
  );
}

/** Moves a record's `[start, end)` through a map, keeping its other fields; null when nothing of it is left. */
export function moveRange<T extends TextRange>(record: T, map: OffsetMap): T | null {
  const moved = map.mapRange(record);
  return moved ? { ...record, start: moved.start, end: moved.end } : null;
}

export interface EditedDocumentText {
  text: DocumentText;
  map: OffsetMap;
  /** Moves any range over the old text (a coding, a memo anchor); null when nothing of it is left. */
  move: <T extends TextRange>(record: T) => T | null;
}

/**
 * Applies edits to a document's text: the new DocumentText with its turns and blocks moved (a turn or block whose
 * text was deleted entirely is dropped; a turn's contentStart moves as the start of its words), and the function
 * that moves codings and memo anchors the same way.
 */
export function applyTextEdits(document: DocumentText, edits: readonly TextEdit[]): EditedDocumentText {
  const { text, map } = editText(document.text, edits);
  const move = <T extends TextRange>(record: T): T | null => moveRange(record, map);
  // Structure differs from codings in one way: text inserted where a turn, block or a turn's words begin belongs
  // to them (a word added at the start of a turn is part of that turn), so such a start stays before the insertion.
  const insertionAt = new Set(map.edits.filter((e) => e.start === e.end).map((e) => e.start));
  const structureStart = (offset: number) => (insertionAt.has(offset) ? map.mapOffset(offset, 'end') : map.mapOffset(offset, 'start'));
  const moveStructure = <T extends TextRange>(record: T): T | null => {
    const moved = move(record);
    if (!moved) return null;
    return { ...moved, start: Math.min(structureStart(record.start), moved.end) };
  };
  const turns: Turn[] = [];
  for (const turn of document.turns) {
    const moved = moveStructure(turn);
    if (!moved) continue;
    if (turn.contentStart !== undefined) {
      const contentStart = structureStart(turn.contentStart);
      moved.contentStart = Math.min(Math.max(contentStart, moved.start), moved.end);
    }
    turns.push(moved);
  }
  const blocks: Block[] = [];
  for (const block of document.blocks) {
    const moved = moveStructure(block);
    if (moved) blocks.push(moved);
  }
  return { text: { ...document, text, turns, blocks }, map, move };
}

/**
 * Two edit lists in turn (`second` is over the text `first` produced) as one list over the original text.
 *
 * Applying the result gives exactly the text of applying both. Where the second list's edits reach into text the
 * first replaced, they merge with it into one replacement; a range bounded inside such a merged edit then follows
 * the rules for that one replacement, which can differ from moving it twice (e.g. text deleted, then text inserted at
 * that place, is one replacement). Edits that do not reach into each other move every offset exactly as the two
 * lists in turn do.
 */
export function composeEdits(original: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  const a = normaliseEdits(first, original.length).filter((e) => e.start !== e.end || e.text !== '');
  const middle = editText(original, a).text;
  const b = normaliseEdits(second, middle.length).filter((e) => e.start !== e.end || e.text !== '');

  // The first list's replacements as spans of the middle text.
  interface Piece {
    kind: 1 | 2;
    from: number;
    to: number;
    edit: TextEdit;
  }
  const pieces: Piece[] = [];
  let delta = 0;
  for (const edit of a) {
    const from = edit.start + delta;
    pieces.push({ kind: 1, from, to: from + edit.text.length, edit });
    delta += edit.text.length - (edit.end - edit.start);
  }
  for (const edit of b) pieces.push({ kind: 2, from: edit.start, to: edit.end, edit });

  // Edits of different lists interact when they overlap, when an empty one lies strictly inside the other, or when
  // both are empty at the same place; groups of interacting edits become one edit.
  const interact = (p: Piece, q: Piece): boolean => {
    if (p.kind === q.kind) return false;
    if (Math.max(p.from, q.from) < Math.min(p.to, q.to)) return true;
    if (p.from === p.to && q.from < p.from && p.from < q.to) return true;
    if (q.from === q.to && p.from < q.from && q.from < p.to) return true;
    return p.from === p.to && q.from === q.to && p.from === q.from;
  };
  const parent = pieces.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // Pieces sorted by position: only neighbours within a span can interact, but the lists are short; compare pairs
  // that are close in position.
  const order = pieces.map((_, i) => i).sort((x, y) => pieces[x]!.from - pieces[y]!.from || pieces[x]!.to - pieces[y]!.to);
  for (let i = 0; i < order.length; i++) {
    const p = pieces[order[i]!]!;
    for (let j = i + 1; j < order.length; j++) {
      const q = pieces[order[j]!]!;
      if (q.from > p.to) break;
      if (interact(p, q)) parent[find(order[i]!)] = find(order[j]!);
    }
  }

  // Old offsets of a middle-text position: from just after every first-list edit ending at or before it (startward)
  // or just before any first-list deletion sitting there (endward).
  const backStart = (p: number): number => {
    let d = 0;
    for (const piece of pieces) if (piece.kind === 1 && piece.to <= p) d += piece.edit.text.length - (piece.edit.end - piece.edit.start);
    return p - d;
  };
  const backEnd = (p: number): number => {
    let d = 0;
    for (const piece of pieces) {
      if (piece.kind === 1 && (piece.to < p || (piece.to === p && piece.to > piece.from))) {
        d += piece.edit.text.length - (piece.edit.end - piece.edit.start);
      }
    }
    return p - d;
  };

  const groups = new Map<number, Piece[]>();
  for (const [i, piece] of pieces.entries()) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(piece);
    else groups.set(root, [piece]);
  }
  const out: { edit: TextEdit; from: number; to: number }[] = [];
  for (const group of groups.values()) {
    const from = Math.min(...group.map((p) => p.from));
    const to = Math.max(...group.map((p) => p.to));
    let start = backStart(from);
    let end = backEnd(to);
    for (const p of group) {
      if (p.kind === 1) {
        start = Math.min(start, p.edit.start);
        end = Math.max(end, p.edit.end);
      }
    }
    // The group's new text: the middle text over its span with the second list's edits applied.
    let text = '';
    let at = from;
    for (const p of group.filter((g) => g.kind === 2).sort((x, y) => x.from - y.from || x.to - y.to)) {
      text += middle.slice(at, p.from) + p.edit.text;
      at = p.to;
    }
    text += middle.slice(at, to);
    out.push({ edit: { start, end, text }, from, to });
  }
  out.sort((x, y) => x.edit.start - y.edit.start || x.edit.end - y.edit.end || x.from - y.from || x.to - y.to);
  // Two insertions at one old offset (text added at both edges of an earlier insertion) are one insertion.
  const merged: TextEdit[] = [];
  for (const { edit } of out) {
    const last = merged[merged.length - 1];
    if (last && last.start === last.end && edit.start === edit.end && last.start === edit.start) {
      merged[merged.length - 1] = { start: last.start, end: last.end, text: last.text + edit.text };
    } else merged.push(edit);
  }
  return merged.filter((e) => e.start !== e.end || e.text !== '');
}
