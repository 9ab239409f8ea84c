import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CodeRecord, CoderRecord, CodingRecord } from '../../../shared/model/types';
import { domRanges, paragraphsByIndex } from './selection';
import { segmentAt, type ReaderSegment } from './transcript-layout';

interface Stripe {
  coding: CodingRecord;
  top: number;
  height: number;
  column: number;
}

const COLUMN_WIDTH = 17;
export const MAX_STRIPE_COLUMNS = 7;

/**
 * Greedy interval colouring: each stripe takes the leftmost column free at its top. Codings are sorted by start, so
 * this is the classic optimal assignment for intervals.
 */
export function assignColumns(items: { top: number; bottom: number }[]): number[] {
  const columnEnds: number[] = [];
  return items.map(({ top, bottom }) => {
    let column = columnEnds.findIndex((end) => end <= top);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(bottom);
    } else columnEnds[column] = bottom;
    return column;
  });
}

/** Coding stripes in the margin, as in NVivo and MAXQDA: each coding's extent, in its code's colour, with its name. */
export function CodingStripes(props: {
  bodyRef: RefObject<HTMLDivElement | null>;
  segments: readonly ReaderSegment[];
  codings: readonly CodingRecord[];
  codes: Map<string, CodeRecord>;
  coders: Map<string, CoderRecord>;
  memos: Map<string, string>;
  onOpen: (coding: CodingRecord, event: React.MouseEvent) => void;
  onHover: (coding: CodingRecord | null) => void;
}) {
  const [stripes, setStripes] = useState<Stripe[]>([]);
  const [width, setWidth] = useState(0);
  // Where each coding's passage lies, kept while the text and its width stay the same: adding one coding to a
  // transcript with thousands then measures one passage, not all of them.
  const boxCache = useRef<{ segments: readonly ReaderSegment[]; width: number; boxes: Map<string, { start: number; end: number; top: number; bottom: number }> } | null>(null);

  // An effect, not a layout effect: a child's layout effect runs before its parent's ref is attached on first mount.
  useEffect(() => {
    const body = props.bodyRef.current;
    if (!body) return;
    const measure = () => {
      const origin = body.getBoundingClientRect();
      let cache = boxCache.current;
      if (!cache || cache.segments !== props.segments || cache.width !== body.clientWidth) {
        cache = { segments: props.segments, width: body.clientWidth, boxes: new Map() };
        boxCache.current = cache;
      }
      const known = cache.boxes;
      let paragraphs: (HTMLElement | undefined)[] | undefined;
      const sorted = [...props.codings].sort((a, b) => a.start - b.start || b.end - a.end);
      const boxes = sorted.map((coding) => {
        const cached = known.get(coding.id);
        if (cached && cached.start === coding.start && cached.end === coding.end) return cached;
        paragraphs ??= paragraphsByIndex(body);
        const ranges = domRanges(paragraphs, props.segments, coding.start, coding.end, segmentAt(props.segments, coding.start));
        const first = ranges[0]?.getClientRects()[0];
        const lastRects = ranges[ranges.length - 1]?.getClientRects();
        const last = lastRects?.[lastRects.length - 1];
        const box = first && last ? { start: coding.start, end: coding.end, top: first.top - origin.top, bottom: last.bottom - origin.top } : { start: coding.start, end: coding.end, top: 0, bottom: 0 };
        // A passage not laid out yet (no rectangles) is measured again next time.
        if (first && last) known.set(coding.id, box);
        return box;
      });
      const columns = assignColumns(boxes.map((b) => ({ top: b.top, bottom: b.bottom + 2 })));
      setStripes(sorted.map((coding, i) => ({ coding, top: boxes[i]!.top, height: Math.max(6, boxes[i]!.bottom - boxes[i]!.top), column: columns[i]! })));
      setWidth(body.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(() => {
      if (body.clientWidth !== width) measure();
    });
    observer.observe(body);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.codings, props.segments, props.bodyRef]);

  const view = useVisibleBand(props.bodyRef);
  // A transcript with few codings keeps every stripe in the page (each is a button to reach); a densely coded one
  // draws only those near the screen.
  const windowed = view !== null && stripes.length > WINDOW_FROM;
  const hidden = stripes.filter((s) => s.column >= MAX_STRIPE_COLUMNS).length;
  return (
    <div className="coding-stripes" aria-label="Coding stripes" role="group" data-hidden={hidden || undefined}>
      {stripes
        .filter((s) => s.column < MAX_STRIPE_COLUMNS && (!windowed || (s.top + s.height >= view.top && s.top <= view.bottom)))
        .map((s) => {
          const code = props.codes.get(s.coding.codeId);
          const coder = props.coders.get(s.coding.coderId);
          const memo = props.memos.get(s.coding.id);
          const label = `${code?.name ?? 'Code'} · ${coder?.initials ?? '?'}`;
          return (
            <button
              type="button"
              key={s.coding.id}
              className="stripe"
              style={{ top: s.top, height: s.height, left: s.column * COLUMN_WIDTH, ['--stripe' as string]: code?.color ?? '#888' }}
              title={`${code?.name ?? 'Code'}\n${coder ? `${coder.name} (${coder.initials})` : ''}${s.coding.exemplar ? '\nExemplar quote' : ''}${memo ? `\nMemo: ${memo}` : ''}`}
              aria-label={`${label}${s.coding.exemplar ? ', exemplar' : ''}`}
              onClick={(e) => props.onOpen(s.coding, e)}
              onMouseEnter={() => props.onHover(s.coding)}
              onMouseLeave={() => props.onHover(null)}
            >
              {s.height > 60 && <span className="stripe-label">{label}</span>}
            </button>
          );
        })}
      {hidden > 0 && <span className="stripes-more">+{hidden} more</span>}
    </div>
  );
}

/** Stripes drawn only near the screen from this many codings on. */
const WINDOW_FROM = 400;

/** Height of the steps the visible band moves in: the stripes re-render only when the band crosses a step. */
const BAND_STEP = 600;

/**
 * The part of the reader's body near the screen (one screen above and below), in the body's own coordinates.
 * Only stripes there are drawn: thousands of positioned buttons made every frame slow, scrolling included.
 */
function useVisibleBand(bodyRef: RefObject<HTMLDivElement | null>): { top: number; bottom: number } | null {
  const [band, setBand] = useState<{ top: number; bottom: number } | null>(null);
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
  }, [bodyRef]);
  return band;
}
