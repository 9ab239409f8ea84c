import { useRef } from 'react';

/**
 * A draggable divider between two panes. Keyboard: arrow keys move it by 16 px (a separator is a focusable
 * control with a value, per WAI-ARIA).
 */
export function Splitter(props: {
  label: string;
  size: number;
  min: number;
  max: number;
  /** +1 when dragging right grows the pane, -1 when it shrinks it (a pane on the right). */
  direction: 1 | -1;
  onResize: (size: number) => void;
}) {
  const start = useRef<{ x: number; size: number } | null>(null);
  const clamp = (v: number) => Math.max(props.min, Math.min(props.max, v));
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.size}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      className="splitter"
      onPointerDown={(e) => {
        start.current = { x: e.clientX, size: props.size };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (start.current) props.onResize(clamp(start.current.size + props.direction * (e.clientX - start.current.x)));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') props.onResize(clamp(props.size - 16 * props.direction));
        if (e.key === 'ArrowRight') props.onResize(clamp(props.size + 16 * props.direction));
      }}
    />
  );
}
