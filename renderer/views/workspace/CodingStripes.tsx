import { useEffect, useState, type RefObject } from 'react';
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

  // An effect, not a layout effect: a child's layout effect runs before its parent's ref is attached on first mount.
  useEffect(() => {
    const body = props.bodyRef.current;
    if (!body) return;
    const measure = () => {
      const origin = body.getBoundingClientRect();
      const paragraphs = paragraphsByIndex(body);
      const sorted = [...props.codings].sort((a, b) => a.start - b.start || b.end - a.end);
      const boxes = sorted.map((coding) => {
        const ranges = domRanges(paragraphs, props.segments, coding.start, coding.end, segmentAt(props.segments, coding.start));
        if (ranges.length === 0) return { top: 0, bottom: 0 };
        const first = ranges[0]!.getClientRects()[0];
        const lastRects = ranges[ranges.length - 1]!.getClientRects();
        const last = lastRects[lastRects.length - 1];
        return first && last ? { top: first.top - origin.top, bottom: last.bottom - origin.top } : { top: 0, bottom: 0 };
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

  const hidden = stripes.filter((s) => s.column >= MAX_STRIPE_COLUMNS).length;
  return (
    <div className="coding-stripes" aria-label="Coding stripes" role="group" data-hidden={hidden || undefined}>
      {stripes
        .filter((s) => s.column < MAX_STRIPE_COLUMNS)
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
