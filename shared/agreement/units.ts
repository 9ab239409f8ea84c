/**
 * Units of comparison and which coders coded each of them.
 *
 * Three kinds of unit:
 * - character: every UTF-16 code unit of the stored text is a unit (as NVivo's coding comparison counts them);
 * - turn: each speaker turn (DocumentText.turns);
 * - paragraph: each block (DocumentText.blocks), or, when a document has no blocks, the paragraphs found in its
 *   text (see `paragraphRanges`).
 * A coder "coded" a unit for a code when any of their codings of that code overlaps it (shares at least one
 * character). For characters that is simply "the character lies inside a coding".
 *
 * The result for one code in one document is a *profile*: how many units carry each pattern of coders (a bit mask,
 * bit i set when coder i coded the unit). Characters are handled by a sweep over the sorted coding boundaries, so
 * the cost follows the number of codings, not the length of the text.
 */
import type { Block, DocumentText, Turn } from '../model/types';

export type AgreementUnit = 'character' | 'turn' | 'paragraph';
export const AGREEMENT_UNITS: readonly AgreementUnit[] = ['character', 'turn', 'paragraph'];

export interface Range {
  start: number;
  end: number;
}

/** Units per coding pattern: mask -> number of units (characters, turns or paragraphs). Mask 0 is "no coder". */
export type Profile = Map<number, number>;

/**
 * Paragraphs of a plain text, used when a document has no stored blocks. If the text has blank lines, paragraphs
 * are separated by blank lines (a line break inside a paragraph is kept, as in hard-wrapped text); otherwise every
 * line is a paragraph (one line per turn is the usual transcript layout). Leading and trailing white space is left
 * out of each paragraph, and paragraphs of only white space are dropped.
 */
export function paragraphRanges(text: string): Range[] {
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*\n\s*/g : /\n/g;
  const ranges: Range[] = [];
  let from = 0;
  const push = (start: number, end: number): void => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) ranges.push({ start, end });
  };
  for (const match of text.matchAll(separator)) {
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, text.length);
  return ranges;
}

export interface DocumentUnits {
  /** Units in text order; for characters a single range covering the whole text. */
  ranges: Range[];
  /** The number of units: the text length for characters, else ranges.length. */
  count: number;
  /** Set when the requested unit was not available and another was used. */
  warning?: string;
}

/** The units of one document for the chosen kind of unit. */
export function documentUnits(text: DocumentText, unit: AgreementUnit, documentName = text.id): DocumentUnits {
  if (unit === 'character') return { ranges: [{ start: 0, end: text.text.length }], count: text.text.length };
  if (unit === 'turn') {
    const turns = cleanRanges(text.turns, text.text.length);
    if (turns.length > 0) return { ranges: turns, count: turns.length };
    const paragraphs = paragraphUnits(text);
    return {
      ...paragraphs,
      warning: `"${documentName}" has no speaker turns; its paragraphs were used as units instead.`,
    };
  }
  return paragraphUnits(text);
}

function paragraphUnits(text: DocumentText): DocumentUnits {
  const blocks = cleanRanges(text.blocks, text.text.length);
  const ranges = blocks.length > 0 ? blocks : paragraphRanges(text.text);
  return { ranges, count: ranges.length };
}

/** Ranges clipped to the text, empty ones dropped, sorted by start. */
function cleanRanges(ranges: readonly (Turn | Block | Range)[], length: number): Range[] {
  return ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Character profile of one code in one document: for each pattern of coders, how many characters carry it.
 * `codings[i]` are coder i's ranges (any order, overlaps allowed); ranges are clipped to [0, length).
 */
export function characterProfile(length: number, codings: readonly (readonly Range[])[]): Profile {
  const events: number[] = []; // flat triples: position, coder, +1 (a coding starts) or -1 (it ends)
  codings.forEach((ranges, coder) => {
    for (const r of ranges) {
      const start = Math.max(0, r.start);
      const end = Math.min(length, r.end);
      if (end <= start) continue;
      events.push(start, coder, 1, end, coder, -1);
    }
  });
  const order: number[] = [];
  for (let i = 0; i < events.length; i += 3) order.push(i);
  order.sort((a, b) => events[a]! - events[b]!);
  const depth = new Array<number>(codings.length).fill(0);
  const profile: Profile = new Map();
  let mask = 0;
  let position = 0;
  let covered = 0;
  for (const e of order) {
    const at = events[e]!;
    if (at > position) {
      if (mask !== 0) {
        profile.set(mask, (profile.get(mask) ?? 0) + (at - position));
        covered += at - position;
      }
      position = at;
    }
    const coder = events[e + 1]!;
    depth[coder]! += events[e + 2]!;
    if (depth[coder]! > 0) mask |= 1 << coder;
    else mask &= ~(1 << coder);
  }
  if (length - covered > 0) profile.set(0, length - covered);
  return profile;
}

/**
 * Unit profile of one code in one document for turns or paragraphs: each unit counts once, with the coders who
 * have a coding overlapping it.
 */
export function unitProfile(units: readonly Range[], codings: readonly (readonly Range[])[]): Profile {
  const masks = new Map<number, number>();
  // Units are sorted by start; when their ends also increase (no unit inside another), a binary search finds the
  // first unit a coding can reach, otherwise every unit starting before the coding's end is checked.
  let monotonic = true;
  for (let i = 1; i < units.length; i++) if (units[i]!.end < units[i - 1]!.end) monotonic = false;
  codings.forEach((ranges, coder) => {
    const bit = 1 << coder;
    for (const r of ranges) {
      if (r.end <= r.start) continue;
      let i = monotonic ? firstEndingAfter(units, r.start) : 0;
      for (; i < units.length && units[i]!.start < r.end; i++) {
        if (units[i]!.end > r.start) masks.set(i, (masks.get(i) ?? 0) | bit);
      }
    }
  });
  const profile: Profile = new Map();
  for (const mask of masks.values()) profile.set(mask, (profile.get(mask) ?? 0) + 1);
  const uncoded = units.length - masks.size;
  if (uncoded > 0) profile.set(0, uncoded);
  return profile;
}

/** Index of the first unit whose end is after `position` (units sorted, ends non-decreasing). */
function firstEndingAfter(units: readonly Range[], position: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.end > position) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The profile of one code in one document, for the chosen kind of unit. */
export function profileFor(
  unit: AgreementUnit,
  units: DocumentUnits,
  codings: readonly (readonly Range[])[],
): Profile {
  if (unit === 'character') return characterProfile(units.count, codings);
  return unitProfile(units.ranges, codings);
}

/** Merges overlapping ranges (touching ranges stay apart), sorted by start. */
export function mergeOverlapping(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}

/** Merges overlapping and touching ranges into the covered set, sorted by start. */
export function coverage(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}
