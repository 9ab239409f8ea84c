import { useEffect, useState, type RefObject } from 'react';
import type { CodingRecord } from '../../../shared/model/types';
import { domRanges, offsetAtPoint, paragraphsByIndex } from './selection';
import { segmentAt, type ReaderSegment } from './transcript-layout';

interface Handle {
  left: number;
  top: number;
  height: number;
}

/**
 * Two handles at the start and end of a chosen coding: drag one across the text to move that boundary. While
 * dragging, the new extent is previewed; on release it is stored as one command.
 */
export function BoundaryHandles(props: {
  bodyRef: RefObject<HTMLDivElement | null>;
  segments: readonly ReaderSegment[];
  coding: CodingRecord;
  onPreview: (range: { start: number; end: number } | null) => void;
  onCommit: (range: { start: number; end: number }) => void;
}) {
  const { bodyRef, segments, coding } = props;
  const [handles, setHandles] = useState<{ start: Handle; end: Handle } | null>(null);
  const [range, setRange] = useState({ start: coding.start, end: coding.end });

  useEffect(() => setRange({ start: coding.start, end: coding.end }), [coding.start, coding.end]);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const ranges = domRanges(paragraphsByIndex(body), segments, range.start, range.end, segmentAt(segments, range.start));
    const first = ranges[0]?.getClientRects()[0];
    const lastRects = ranges.at(-1)?.getClientRects();
    const last = lastRects?.[lastRects.length - 1];
    if (!first || !last) {
      setHandles(null);
      return;
    }
    const origin = body.getBoundingClientRect();
    setHandles({
      start: { left: first.left - origin.left, top: first.top - origin.top, height: first.height },
      end: { left: last.right - origin.left, top: last.top - origin.top, height: last.height },
    });
  }, [bodyRef, segments, range]);

  if (!handles) return null;
  const drag = (edge: 'start' | 'end') => (event: React.PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    let current = range;
    const move = (e: PointerEvent) => {
      const offset = offsetAtPoint(e.clientX, e.clientY, segments);
      if (offset === null) return;
      current = edge === 'start' ? { start: Math.min(offset, current.end - 1), end: current.end } : { start: current.start, end: Math.max(offset, current.start + 1) };
      setRange(current);
      props.onPreview(current);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      props.onPreview(null);
      if (current.start !== coding.start || current.end !== coding.end) props.onCommit(current);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <>
      {(['start', 'end'] as const).map((edge) => (
        <span
          key={edge}
          className={`boundary-handle boundary-${edge}`}
          role="slider"
          aria-label={edge === 'start' ? 'Drag to move the start of the coding' : 'Drag to move the end of the coding'}
          aria-valuenow={edge === 'start' ? range.start : range.end}
          tabIndex={-1}
          style={{ left: handles[edge].left, top: handles[edge].top, height: handles[edge].height }}
          onPointerDown={drag(edge)}
          onMouseUp={(e) => e.stopPropagation()}
        />
      ))}
    </>
  );
}
