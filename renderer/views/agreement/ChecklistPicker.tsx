import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Id } from '../../../shared/model/types';

export interface ChecklistItem {
  id: Id;
  name: string;
  /** Shown after the name, e.g. a code's path or a coding count. */
  detail?: string;
  depth?: number;
  color?: string;
}

/**
 * A button that opens a checklist to choose some of many things (codes, documents). `selected` undefined means
 * all, now and as more are added; choosing every item also comes back as undefined.
 */
export function ChecklistPicker(props: {
  label: string;
  /** Plural noun: "codes", "documents". */
  noun: string;
  items: readonly ChecklistItem[];
  selected: readonly Id[] | undefined;
  onChange: (selected: Id[] | undefined) => void;
}) {
  const { label, noun, items, selected, onChange } = props;
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const chosen = useMemo(() => new Set(selected ?? items.map((i) => i.id)), [selected, items]);
  const count = items.filter((i) => chosen.has(i.id)).length;
  const summary = selected === undefined ? `All ${noun}` : count === 0 ? `No ${noun}` : `${count} of ${items.length} ${noun}`;

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  const set = (ids: Set<Id>) => onChange(items.every((i) => ids.has(i.id)) ? undefined : items.filter((i) => ids.has(i.id)).map((i) => i.id));
  const words = filter.trim().toLowerCase();
  const visible = words ? items.filter((i) => `${i.name} ${i.detail ?? ''}`.toLowerCase().includes(words)) : items;

  return (
    <div className="agr-picker" ref={root}>
      <span className="agr-setup-label" id={`${listId}-label`}>
        {label}
      </span>
      <button
        ref={button}
        type="button"
        className="agr-picker-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`${label}: ${summary}`}
        onClick={() => setOpen(!open)}
      >
        {summary} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="agr-picker-panel"
          role="dialog"
          aria-label={`Choose ${noun}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <div className="agr-picker-tools">
            <input type="search" autoFocus placeholder={`Filter ${noun}`} aria-label={`Filter ${noun}`} value={filter} onChange={(e) => setFilter(e.target.value)} />
            <button type="button" className="small-button" onClick={() => onChange(undefined)}>
              All
            </button>
            <button type="button" className="small-button" onClick={() => onChange([])}>
              None
            </button>
          </div>
          <ul className="agr-picker-list" aria-labelledby={`${listId}-label`}>
            {visible.map((item) => (
              <li key={item.id} style={{ paddingInlineStart: `${8 + (words ? 0 : (item.depth ?? 0) * 16)}px` }}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(item.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(item.id);
                      else next.delete(item.id);
                      set(next);
                    }}
                  />
                  {item.color && <span className="swatch" style={{ background: item.color }} aria-hidden="true" />}
                  <span className="agr-picker-name">{item.name}</span>
                  {item.detail && <span className="agr-picker-detail">{item.detail}</span>}
                </label>
              </li>
            ))}
            {visible.length === 0 && <li className="agr-picker-empty">No {noun} match “{filter.trim()}”.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
