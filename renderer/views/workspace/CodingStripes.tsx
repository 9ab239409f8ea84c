import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { CodeRecord, CoderRecord, CodingRecord } from '../../../shared/model/types';
import { domRanges } from './selection';
import { segmentAt, type ReaderSegment } from './transcript-layout';

interface Stripe {
  coding: CodingRecord;
  top: number;
  height: number;
  column: number;
}

export const MAX_STRIPE_COLUMNS = 7;
/**
 * Characters kept free after a coding before another may take its column: about one line of the reader, so two
 * codings that meet on the same line never draw their stripes over each other.
 */
export const COLUMN_GAP_CHARS = 90;

/**
 * Each coding's column in the margin, from its place in the text: greedy interval colouring (each takes the leftmost
 * column free at its start, codings sorted by start), the classic optimal assignment. Working from offsets, not
 * pixels, gives every coding the same column wherever the reader is scrolled and needs no measuring.
 */
export function assignColumns(codings: readonly { start: number; end: number }[], gap = COLUMN_GAP_CHARS): number[] {
  const columnEnds: number[] = [];
  return codings.map(({ start, end }) => {
    let column = columnEnds.findIndex((busyUntil) => busyUntil <= start);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(end + gap);
    } else columnEnds[column] = end + gap;
    return column;
  });
}

/** Coding stripes in the margin, as in NVivo and MAXQDA: each coding's extent, in its code's colour, with its name. */
export const CodingStripes = memo(function CodingStripes(props: {
  bodyRef: RefObject<HTMLDivElement | null>;
  segments: readonly ReaderSegment[];
  /** Every coding (their columns depend on all of them) and those to draw (in a dense transcript, near the screen). */
  codings: readonly CodingRecord[];
  shown: readonly CodingRecord[] | null;
  paragraphs: () => (HTMLElement | undefined)[];
  /** Changes when passages can have moved (useReaderLayout). */
  layout: string;
  codes: Map<string, CodeRecord>;
  coders: Map<string, CoderRecord>;
  memos: Map<string, string>;
  onOpen: (coding: CodingRecord, event: React.MouseEvent) => void;
  onHover: (coding: CodingRecord | null) => void;
}) {
  const { bodyRef, segments, codings, shown, paragraphs: paragraphsOf, layout } = props;
  const [stripes, setStripes] = useState<Stripe[]>([]);
  const placed = useMemo(() => {
    const sorted = [...codings].sort((a, b) => a.start - b.start || b.end - a.end);
    const columns = assignColumns(sorted);
    return { sorted, columns: new Map(sorted.map((c, i) => [c.id, columns[i]!])), hidden: columns.filter((c) => c >= MAX_STRIPE_COLUMNS).length };
  }, [codings]);
  // Where each coding's passage lies, kept while the text and its layout stay the same: adding one coding to a
  // transcript with thousands then measures one passage, not all of them.
  const boxCache = useRef<{ segments: readonly ReaderSegment[]; layout: string; boxes: Map<string, { start: number; end: number; top: number; bottom: number }> } | null>(null);

  // An effect, not a layout effect: a child's layout effect runs before its parent's ref is attached on first mount.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const paragraphs = paragraphsOf();
    const drawn = (shown ?? []).filter((c) => placed.columns.get(c.id)! < MAX_STRIPE_COLUMNS);
    let cache = boxCache.current;
    if (!cache || cache.segments !== segments || cache.layout !== layout) {
      cache = { segments, layout, boxes: new Map() };
      boxCache.current = cache;
    }
    const known = cache.boxes;
    const origin = body.getBoundingClientRect();
    const next: Stripe[] = [];
    for (const coding of drawn) {
      let box = known.get(coding.id);
      if (!box || box.start !== coding.start || box.end !== coding.end) {
        const ranges = domRanges(paragraphs, segments, coding.start, coding.end, segmentAt(segments, coding.start));
        const first = ranges[0]?.getClientRects()[0];
        const lastRects = ranges[ranges.length - 1]?.getClientRects();
        const last = lastRects?.[lastRects.length - 1];
        // A passage not laid out yet (no rectangles) is measured again next time.
        if (!first || !last) continue;
        box = { start: coding.start, end: coding.end, top: first.top - origin.top, bottom: last.bottom - origin.top };
        known.set(coding.id, box);
      }
      next.push({ coding, top: box.top, height: Math.max(6, box.bottom - box.top), column: placed.columns.get(coding.id)! });
    }
    setStripes(next);
  }, [bodyRef, segments, placed, shown, paragraphsOf, layout]);


  // Each column is a plain block of stripes spaced by margins: positioned stripes would each be a paint layer of
  // their own, and every frame of scrolling pays for each layer.
  const columns: Stripe[][] = Array.from({ length: MAX_STRIPE_COLUMNS }, () => []);
  for (const stripe of stripes) columns[stripe.column]!.push(stripe);
  return (
    <div className="coding-stripes" aria-label="Coding stripes" role="group" data-hidden={placed.hidden || undefined}>
      {columns.map((list, column) => {
        let bottom = 0;
        return (
          <div className="stripe-column" key={column}>
            {list
              .sort((a, b) => a.top - b.top)
              .map((s) => {
                const code = props.codes.get(s.coding.codeId);
                const coder = props.coders.get(s.coding.coderId);
                const memo = props.memos.get(s.coding.id);
                const label = `${code?.name ?? 'Code'} · ${coder?.initials ?? '?'}`;
                const marginTop = s.top - bottom;
                bottom = s.top + s.height;
                return (
                  <button
                    type="button"
                    key={s.coding.id}
                    className="stripe"
                    style={{ marginTop, height: s.height, ['--stripe' as string]: code?.color ?? '#888' }}
                    title={`${code?.name ?? 'Code'}\n${coder ? `${coder.name} (${coder.initials})` : ''}${s.coding.exemplar ? '\nExemplar quote' : ''}${memo ? `\nMemo: ${memo}` : ''}`}
                    aria-label={`${label}${s.coding.exemplar ? ', exemplar' : ''}`}
                    onClick={(e) => props.onOpen(s.coding, e)}
                    onMouseEnter={() => props.onHover(s.coding)}
                    onMouseLeave={() => props.onHover(null)}
                  >
                    {s.height > 60 && (
                      <span className="stripe-label" aria-hidden="true">
                        {fitLabel(label, s.height - 6)}
                      </span>
                    )}
                  </button>
                );
              })}
          </div>
        );
      })}
      {placed.hidden > 0 && <span className="stripes-more">+{placed.hidden} more</span>}
    </div>
  );
});

/** The label shortened to fit a stripe's height (about 6.5 px a character at the label's size), with an ellipsis. */
export function fitLabel(label: string, height: number): string {
  const fits = Math.floor(height / 6.5);
  return label.length <= fits ? label : `${label.slice(0, Math.max(1, fits - 1)).trimEnd()}…`;
}
