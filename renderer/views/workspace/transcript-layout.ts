import type { DocumentText } from '../../../shared/model/types';

/** A piece of the document shown as one paragraph: its words are text[textStart, end). */
export interface ReaderSegment {
  start: number;
  textStart: number;
  end: number;
  speaker?: string;
  time?: number;
}

/**
 * How the reader lays out a document: one segment per speaker turn when the document has turns, else one per
 * block (paragraph), else one per non-empty line. Each segment's words are rendered as one text node, so a stored
 * offset maps to a DOM position by simple subtraction.
 */
export function readerSegments(doc: DocumentText): ReaderSegment[] {
  if (doc.turns.length > 0) {
    return doc.turns.map((t) => ({ start: t.start, textStart: t.contentStart ?? t.start, end: t.end, speaker: t.speaker, time: t.time }));
  }
  if (doc.blocks.length > 0) return doc.blocks.map((b) => ({ start: b.start, textStart: b.start, end: b.end }));
  const segments: ReaderSegment[] = [];
  let offset = 0;
  for (const line of doc.text.split('\n')) {
    if (line.trim()) segments.push({ start: offset, textStart: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return segments;
}

/** Index of the segment whose words contain the offset (binary search; segments are in text order). */
export function segmentAt(segments: readonly ReaderSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.textStart) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return lo;
}

export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
