import { useEffect, useMemo, useState, type RefObject } from 'react';
import { paragraphsByIndex } from './selection';
import type { ReaderSegment } from './transcript-layout';

/**
 * The part of a long transcript near the screen. A densely coded transcript paints highlights and draws stripes
 * only for codings there: every registered highlight range costs the browser work on each change and each frame
 * (it re-derives its text markers from all of them), and thousands of positioned stripes slowed every frame.
 */

/** Highlights and stripes are kept to the band near the screen from this many codings on. */
export const WINDOW_FROM = 400;

/** Height of the steps the band moves in: work follows the band only when it crosses a step. */
const BAND_STEP = 600;
/**
 * How far the band reaches beyond the visible part, in screens. Chromium rebuilds the markers of every registered
 * highlight range at each change of the page, so this is a trade: a wider band costs every change more, a narrower
 * one must follow the scroll more often. Half a screen is more than a fast wheel scroll moves in a frame.
 */
const BAND_MARGIN = 0.5;

export interface Band {
  /** Top and bottom of the band in the reader body's own coordinates (the visible part and a margin around it). */
  top: number;
  bottom: number;
}

/** The band near the screen, updated on scroll and resize; `key` re-attaches it when the body is replaced. */
export function useVisibleBand(bodyRef: RefObject<HTMLElement | null>, key: unknown): Band | null {
  const [band, setBand] = useState<Band | null>(null);
  useEffect(() => {
    const body = bodyRef.current;
    const scroller = body?.closest<HTMLElement>('.reader-pane');
    if (!body || !scroller) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const visibleTop = scroller.getBoundingClientRect().top - body.getBoundingClientRect().top;
      const height = scroller.clientHeight;
      const top = Math.floor((visibleTop - BAND_MARGIN * height) / BAND_STEP) * BAND_STEP;
      const bottom = Math.ceil((visibleTop + (1 + BAND_MARGIN) * height) / BAND_STEP) * BAND_STEP;
      setBand((old) => (old && old.top === top && old.bottom === bottom ? old : { top, bottom }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    scroller.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(schedule);
    observer.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', schedule);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [bodyRef, key]);
  return band;
}

/** A block of consecutive turns in the reader: its element and the indexes of its first and last segment. */
export interface ReaderBlock {
  element: { readonly offsetTop: number; readonly offsetHeight: number };
  first: number;
  last: number;
}

/** The reader's blocks of turns (`.turn-chunk[data-first][data-last]`), in text order. */
export function readerBlocks(body: HTMLElement): ReaderBlock[] {
  return Array.from(body.querySelectorAll<HTMLElement>('.turn-chunk'), (element) => ({
    element,
    first: Number(element.dataset.first),
    last: Number(element.dataset.last),
  }));
}

/**
 * The text offsets [start, end) of the blocks that lie (even partly) in the band, found by binary search over the
 * blocks' positions; null when there are none. Blocks, not paragraphs: a block off screen is not laid out, and
 * reading a paragraph's position inside it would make the browser lay it out.
 */
export function offsetsInBand(blocks: readonly ReaderBlock[], segments: readonly ReaderSegment[], band: Band): { start: number; end: number } | null {
  if (blocks.length === 0) return null;
  const bottomOf = (b: ReaderBlock) => b.element.offsetTop + b.element.offsetHeight;
  // First block whose bottom reaches the band's top.
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottomOf(blocks[mid]!) < band.top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // Last block whose top is above the band's bottom.
  hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.element.offsetTop > band.bottom) hi = mid - 1;
    else lo = mid;
  }
  const from = segments[blocks[first]!.first];
  const to = segments[blocks[lo]!.last];
  return from && to ? { start: from.start, end: to.end } : null;
}

/** Turns per block: a block is laid out and painted only near the screen (content-visibility), so opening a
 * long transcript lays out the few blocks in view instead of hundreds of turns. */
export const TURNS_PER_BLOCK = 12;

/**
 * A block's height before it is first laid out (the browser remembers the real one after): a guess from its
 * length, so the scroll bar and positions are close to right from the start.
 */
export function estimatedBlockHeight(segments: readonly ReaderSegment[]): number {
  let height = 0;
  for (const s of segments) height += Math.max(44, Math.ceil((s.end - s.textStart) / 80) * 27) + 14;
  return Math.round(height);
}

/** The codings that overlap [start, end) of the text. */
export function codingsWithin<T extends { start: number; end: number }>(codings: readonly T[], range: { start: number; end: number }): T[] {
  return codings.filter((c) => c.start < range.end && c.end > range.start);
}

/**
 * The codings to draw for a band range (see useBandRange): all of them when the reader is not windowed, those
 * overlapping the range when it is, none (null) until the range is known.
 */
export function codingsToDraw<T extends { start: number; end: number }>(codings: readonly T[], range: { start: number; end: number } | null | undefined): readonly T[] | null {
  if (range === undefined) return codings;
  return range ? codingsWithin(codings, range) : null;
}

/** How long after the last scroll event the reader counts as still scrolling. */
const SCROLL_SETTLE_MS = 150;

/**
 * Marks the reader's pane `.scrolling` while it scrolls, so the text takes no pointer events then: otherwise every
 * scrolled frame moves the text under a resting pointer, and the browser hit-tests, restyles the hovered turn's
 * buttons and repaints for it, which made frames late on a long transcript.
 */
export function useScrollingClass(bodyRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const scroller = bodyRef.current?.closest<HTMLElement>('.reader-pane');
    if (!scroller) return;
    let timer = 0;
    const onScroll = () => {
      if (!timer) scroller.classList.add('scrolling');
      else window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timer = 0;
        scroller.classList.remove('scrolling');
      }, SCROLL_SETTLE_MS);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
      scroller.classList.remove('scrolling');
    };
  }, [bodyRef]);
}

/**
 * A key that changes when passages can have moved: the reader's width, or the text column's height (a block of turns
 * laid out for the first time turns out taller or shorter than its estimate).
 */
export function useReaderLayout(bodyRef: RefObject<HTMLElement | null>): string {
  const [layout, setLayout] = useState('');
  useEffect(() => {
    const body = bodyRef.current;
    const column = body?.querySelector<HTMLElement>('.reader-text');
    if (!body || !column) return;
    const observer = new ResizeObserver(() => setLayout(`${body.clientWidth}×${column.offsetHeight}`));
    observer.observe(body);
    observer.observe(column);
    return () => observer.disconnect();
  }, [bodyRef]);
  return layout;
}

/**
 * The text offsets of the band near the screen, worked out when the band or the layout changes and not on every
 * change to the codings: finding it reads positions, which makes the browser lay out first. Undefined when the
 * reader is not windowed (every coding is drawn); null until known.
 */
export function useBandRange(
  bodyRef: RefObject<HTMLElement | null>,
  segments: readonly ReaderSegment[],
  band: Band | null,
  layout: string,
  active: boolean,
): { start: number; end: number } | null | undefined {
  const [range, setRange] = useState<{ start: number; end: number } | null>(null);
  useEffect(() => {
    const body = bodyRef.current;
    if (!active || !body || !band) return;
    const next = offsetsInBand(readerBlocks(body), segments, band);
    setRange((old) => (old && next && old.start === next.start && old.end === next.end ? old : next));
  }, [bodyRef, segments, band, layout, active]);
  return active ? range : undefined;
}

/**
 * The reader's paragraphs by segment index, looked up once for a given text and turn being edited (the only
 * things that change them) and shared by the highlights and the stripes.
 */
export function useParagraphs(bodyRef: RefObject<HTMLElement | null>, segments: readonly ReaderSegment[], editing: number | null): () => (HTMLElement | undefined)[] {
  return useMemo(() => {
    let cached: (HTMLElement | undefined)[] | undefined;
    return () => {
      if (!cached && bodyRef.current) cached = paragraphsByIndex(bodyRef.current);
      return cached ?? [];
    };
    // `segments` and `editing` are the keys: a new text or a turn opened for editing changes the paragraphs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bodyRef, segments, editing]);
}

/**
 * The value as it was when the last frame was painted: it follows `value` one frame late. The stripes use it, so a
 * new coding's highlight is painted in the frame right after Enter and the margin (which sorts and measures the
 * codings) catches up in the next, instead of both delaying the first.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [painted, setPainted] = useState(value);
  useEffect(() => {
    if (Object.is(painted, value)) return;
    let cancelled = false;
    const frame = requestAnimationFrame(() => {
      // A message posted from a frame callback is handled once that frame is drawn.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!cancelled) setPainted(() => value);
      };
      channel.port2.postMessage(null);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [value, painted]);
  return painted;
}
