import type { ReaderSegment } from './transcript-layout';

/**
 * Maps between DOM positions in the reader and offsets in the stored text. Each segment's words are one text node
 * inside `p.turn-text[data-index]`, so a DOM offset is the segment's textStart plus the node offset.
 */

function pointToOffset(container: Node, offset: number, segments: readonly ReaderSegment[], edge: 'start' | 'end'): number | null {
  const element = container.nodeType === Node.TEXT_NODE ? container.parentElement : (container as Element);
  const paragraph = element?.closest<HTMLElement>('p.turn-text');
  if (paragraph) {
    const segment = segments[Number(paragraph.dataset.index)];
    if (!segment) return null;
    if (container.nodeType === Node.TEXT_NODE) return segment.textStart + offset;
    return offset === 0 ? segment.textStart : segment.end;
  }
  // The point is outside any paragraph (between turns, on a speaker label): snap to the nearest paragraph.
  const turn = element?.closest<HTMLElement>('.turn');
  const p = turn?.querySelector<HTMLElement>('p.turn-text');
  if (p) {
    const segment = segments[Number(p.dataset.index)];
    if (segment) return edge === 'start' ? segment.textStart : segment.end;
  }
  return null;
}

/** The current selection as [start, end) in the text, trimmed of surrounding white space; null if none. */
export function selectionOffsets(body: HTMLElement, segments: readonly ReaderSegment[], text: string): { start: number; end: number } | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  let start = pointToOffset(range.startContainer, range.startOffset, segments, 'start');
  let end = pointToOffset(range.endContainer, range.endOffset, segments, 'end');
  if (start === null || end === null || end <= start) return null;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** The text offset under a screen point (for clicks on coded passages). */
export function offsetAtPoint(x: number, y: number, segments: readonly ReaderSegment[]): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) return pointToOffset(position.offsetNode, position.offset, segments, 'start');
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? pointToOffset(range.startContainer, range.startOffset, segments, 'start') : null;
}

/** The reader's paragraphs by segment index (a turn being edited has none). */
export function paragraphsByIndex(body: HTMLElement): (HTMLElement | undefined)[] {
  const out: (HTMLElement | undefined)[] = [];
  body.querySelectorAll<HTMLElement>('p.turn-text').forEach((p) => {
    out[Number(p.dataset.index)] = p;
  });
  return out;
}

/** DOM ranges for [start, end) of the text, one per segment it touches. */
export function domRanges(
  paragraphs: readonly (HTMLElement | undefined)[],
  segments: readonly ReaderSegment[],
  start: number,
  end: number,
  firstIndex: number,
): Range[] {
  const ranges: Range[] = [];
  for (let i = firstIndex; i < segments.length && segments[i]!.textStart < end; i++) {
    const segment = segments[i]!;
    const node = paragraphs[i]?.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const length = (node as Text).length;
    const from = Math.max(start, segment.textStart) - segment.textStart;
    const to = Math.min(end, segment.end) - segment.textStart;
    // The DOM may briefly lag the data (a correction just saved): never ask for an offset the node lacks.
    if (to <= from || to > length) continue;
    const range = new Range();
    range.setStart(node, from);
    range.setEnd(node, to);
    ranges.push(range);
  }
  return ranges;
}
