import type { Range } from '../../shared/agreement/index';
import type { DocumentText } from '../../shared/model/types';
import { readerSegments } from '../views/workspace/transcript-layout';

/**
 * What of a document the disagreement navigator shows around a passage: the speaker turns (or paragraphs) the
 * passage lies in, with the turn before it for context (usually the question asked), long turns cut to a window
 * around the passage at word boundaries. Offsets stay those of the stored text, so codings mark it directly.
 */
export interface ContextPiece {
  start: number;
  end: number;
  speaker?: string;
  /** Text of the turn or paragraph was left out before `start` / after `end`. */
  cutBefore: boolean;
  cutAfter: boolean;
  /** The piece lies before the passage, given for context only. */
  lead: boolean;
}

export interface ContextOptions {
  /** Characters of context kept on each side of the passage inside its own turns. */
  around?: number;
  /** Characters kept of the turn before the passage (its end). */
  lead?: number;
}

/** The nearest word boundary at or before `at` (not before `floor`). */
function backToSpace(text: string, at: number, floor: number): number {
  if (at <= floor) return floor;
  for (let i = at; i > floor; i--) if (/\s/.test(text[i - 1]!)) return i;
  return floor;
}

/** The nearest word boundary at or after `at` (not after `ceiling`). */
function onToSpace(text: string, at: number, ceiling: number): number {
  if (at >= ceiling) return ceiling;
  for (let i = at; i < ceiling; i++) if (/\s/.test(text[i]!)) return i;
  return ceiling;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

export function passageContext(doc: DocumentText, passage: Range, options: ContextOptions = {}): ContextPiece[] {
  const around = options.around ?? 320;
  const leadLength = options.lead ?? 220;
  const text = doc.text;
  const segments = readerSegments(doc);
  const first = segments.findIndex((s) => s.end > passage.start);
  const inside = segments.filter((s) => s.end > passage.start && s.textStart < passage.end);
  if (inside.length === 0) {
    // Between segments (or a document without any): a plain window around the passage.
    const start = backToSpace(text, Math.max(0, passage.start - around), 0);
    const end = onToSpace(text, Math.min(text.length, passage.end + around), text.length);
    const [s, e] = trimmed(text, Math.min(start, passage.start), Math.max(end, passage.end));
    return [{ start: s, end: e, cutBefore: s > 0, cutAfter: e < text.length, lead: false }];
  }
  const pieces: ContextPiece[] = [];
  const previous = first > 0 ? segments[first - 1] : undefined;
  if (previous && leadLength > 0) {
    const from = Math.max(previous.textStart, backToSpace(text, previous.end - leadLength, previous.textStart));
    const [s, e] = trimmed(text, from, previous.end);
    if (e > s) pieces.push({ start: s, end: e, speaker: previous.speaker, cutBefore: s > previous.textStart, cutAfter: false, lead: true });
  }
  inside.forEach((segment, i) => {
    let start = Math.min(segment.textStart, passage.start);
    let end = Math.max(segment.end, passage.end);
    // Only the first and last turns are cut; those wholly inside the passage are shown whole.
    if (i === 0 && passage.start - start > around) start = backToSpace(text, passage.start - around, start);
    if (i === inside.length - 1 && end - passage.end > around) end = onToSpace(text, passage.end + around, end);
    const [s, e] = trimmed(text, start, end);
    const [ts, te] = trimmed(text, segment.textStart, segment.end);
    pieces.push({
      start: Math.min(s, passage.start),
      end: Math.max(e, passage.end),
      speaker: segment.speaker,
      cutBefore: s > ts,
      cutAfter: e < te,
      lead: false,
    });
  });
  return pieces;
}

/** A run of text with the same marks: `marks[i]` is true when layer i covers it. */
export interface MarkedRun {
  start: number;
  end: number;
  marks: boolean[];
}

/** Splits [start, end) at every boundary of the layers' ranges, each run knowing which layers cover it. */
export function markRuns(start: number, end: number, layers: readonly (readonly Range[])[]): MarkedRun[] {
  const cuts = new Set([start, end]);
  for (const ranges of layers) {
    for (const r of ranges) {
      if (r.start > start && r.start < end) cuts.add(r.start);
      if (r.end > start && r.end < end) cuts.add(r.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: MarkedRun[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const marks = layers.map((ranges) => ranges.some((r) => r.start <= s && r.end >= e));
    const last = runs[runs.length - 1];
    if (last && last.marks.every((m, j) => m === marks[j])) last.end = e;
    else runs.push({ start: s, end: e, marks });
  }
  return runs;
}

/** The passage's words on one line, cut at a word boundary, for a record or a list. */
export function quoteOf(text: string, range: Range, max = 280): string {
  const words = text.slice(range.start, range.end).replace(/\s+/g, ' ').trim();
  if (words.length <= max) return words;
  const cut = words.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
