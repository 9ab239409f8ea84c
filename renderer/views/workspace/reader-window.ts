import { useEffect, useState, type RefObject } from 'react';
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

export interface Band {
  /** Top and bottom of the band in the reader body's own coordinates (one screen above and below the visible part). */
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
      const top = Math.floor((visibleTop - height) / BAND_STEP) * BAND_STEP;
      const bottom = Math.ceil((visibleTop + 2 * height) / BAND_STEP) * BAND_STEP;
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

/**
 * The text offsets [start, end) of the segments that lie (even partly) in the band, found by binary search over the
 * paragraphs' positions; null when nothing is laid out yet.
 */
export function offsetsInBand(
  paragraphs: readonly (HTMLElement | undefined)[],
  segments: readonly ReaderSegment[],
  band: Band,
): { start: number; end: number } | null {
  const indexes: number[] = [];
  for (let i = 0; i < segments.length; i++) if (paragraphs[i]) indexes.push(i);
  if (indexes.length === 0) return null;
  const bottomOf = (p: HTMLElement) => p.offsetTop + p.offsetHeight;
  // First paragraph whose bottom reaches the band's top.
  let lo = 0;
  let hi = indexes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottomOf(paragraphs[indexes[mid]!]!) < band.top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // Last paragraph whose top is above the band's bottom.
  lo = first;
  hi = indexes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[indexes[mid]!]!.offsetTop > band.bottom) hi = mid - 1;
    else lo = mid;
  }
  return { start: segments[indexes[first]!]!.start, end: segments[indexes[lo]!]!.end };
}

/** The codings that overlap [start, end) of the text. */
export function codingsWithin<T extends { start: number; end: number }>(codings: readonly T[], range: { start: number; end: number }): T[] {
  return codings.filter((c) => c.start < range.end && c.end > range.start);
}
