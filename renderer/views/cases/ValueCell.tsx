import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AttributeDefinition } from '../../../shared/model/types';
import { displayValue } from '../../commands/case-commands';

/**
 * Cells edited in place: a button showing the value; Enter, F2 or a click opens the editor that fits the attribute's
 * type (in a text or number cell, typing a character does too, starting from it); Enter or leaving the cell saves
 * (one command), Escape cancels.
 */

interface EditorProps {
  label: string;
  value: string;
  /** Saves the value; resolves false when it was refused (the editor then stays open). */
  onSave: (value: string) => Promise<boolean>;
}

function useEditing() {
  const [editing, setEditing] = useState(false);
  /** The character typed to start editing, which replaces the value. */
  const [typed, setTyped] = useState<string>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      buttonRef.current?.focus();
    }
  }, [editing]);
  const stop = (focusCell: boolean) => {
    refocus.current = focusCell;
    setEditing(false);
  };
  const start = (first?: string) => {
    setTyped(first);
    setEditing(true);
  };
  return { editing, typed, start, stop, buttonRef };
}

/** A text cell (a name, a description, a text or number attribute). */
export function TextCell(props: EditorProps & { placeholder?: string; inputMode?: 'text' | 'decimal'; className?: string; display?: string }) {
  const { editing, typed, start, stop, buttonRef } = useEditing();
  if (!editing) {
    return (
      <button
        ref={buttonRef}
        type="button"
        className={`cell-button${props.value === '' ? ' empty' : ''}${props.className ? ` ${props.className}` : ''}`}
        aria-label={`${props.label}: ${props.value === '' ? 'empty' : (props.display ?? props.value)}`}
        onClick={() => start()}
        onKeyDown={(e) => {
          if (e.key === 'F2') {
            e.preventDefault();
            start();
          } else if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            start(e.key);
          }
        }}
      >
        {props.value === '' ? (props.placeholder ?? '—') : (props.display ?? props.value)}
      </button>
    );
  }
  return <TextEditor {...props} initial={typed} onDone={stop} />;
}

function TextEditor(props: EditorProps & { initial?: string; inputMode?: 'text' | 'decimal'; onDone: (focusCell: boolean) => void }) {
  const [draft, setDraft] = useState(props.initial ?? props.value);
  const typedStart = props.initial !== undefined;
  const saving = useRef(false);
  const save = async (focusCell: boolean) => {
    if (saving.current) return;
    if (draft.trim() === props.value.trim()) {
      props.onDone(focusCell);
      return;
    }
    saving.current = true;
    const ok = await props.onSave(draft);
    saving.current = false;
    if (ok) props.onDone(focusCell);
  };
  return (
    <input
      className="cell-input"
      autoFocus
      aria-label={props.label}
      value={draft}
      inputMode={props.inputMode}
      onFocus={(e) => {
        // Typing replaced the value: carry on after the typed character; otherwise select it all to retype.
        if (typedStart) e.currentTarget.setSelectionRange(draft.length, draft.length);
        else e.currentTarget.select();
      }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void save(false)}
      onKeyDown={(e) => handleKeys(e, () => void save(true), () => props.onDone(true))}
    />
  );
}

function handleKeys(e: KeyboardEvent, save: () => void, cancel: () => void): void {
  if (e.key === 'Enter') {
    e.preventDefault();
    save();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    cancel();
  }
}

/** A cell for an attribute value, with the editor its type needs. */
export function ValueCell({ attribute, ownerName, value, onSave }: { attribute: AttributeDefinition; ownerName: string; value: string; onSave: (value: string) => Promise<boolean> }) {
  const label = `${attribute.name} of ${ownerName}`;
  if (attribute.type === 'text' || attribute.type === 'number') {
    return (
      <TextCell
        label={label}
        value={value}
        onSave={onSave}
        inputMode={attribute.type === 'number' ? 'decimal' : 'text'}
        className={attribute.type === 'number' ? 'number' : undefined}
      />
    );
  }
  return <ChoiceCell attribute={attribute} label={label} value={value} onSave={onSave} />;
}

/** Dates (a date field) and categories and scales (a list of their values). */
function ChoiceCell({ attribute, label, value, onSave }: { attribute: AttributeDefinition; label: string; value: string; onSave: (value: string) => Promise<boolean> }) {
  const { editing, start, stop, buttonRef } = useEditing();
  const shown = value === '' ? '' : displayValue(value, attribute);
  if (!editing) {
    const rank = attribute.type === 'scale' ? attribute.options.indexOf(value) : -1;
    return (
      <button
        ref={buttonRef}
        type="button"
        className={`cell-button${value === '' ? ' empty' : ''}`}
        aria-label={`${label}: ${value === '' ? 'empty' : shown}`}
        onClick={() => start()}
        onKeyDown={(e) => {
          if (e.key === 'F2') {
            e.preventDefault();
            start();
          }
        }}
      >
        {value === '' ? (
          '—'
        ) : attribute.type === 'scale' && rank >= 0 ? (
          <span className="scale-value">
            <ScaleDots rank={rank} size={attribute.options.length} />
            {shown}
          </span>
        ) : attribute.type === 'category' ? (
          <span className="category-value">{shown}</span>
        ) : (
          shown
        )}
      </button>
    );
  }
  if (attribute.type === 'date') {
    return <DateEditor label={label} value={value} onSave={onSave} onDone={stop} />;
  }
  const known = value === '' || attribute.options.includes(value);
  return (
    <select
      className="cell-input"
      autoFocus
      aria-label={label}
      defaultValue={value}
      onChange={async (e) => {
        if (await onSave(e.target.value)) stop(true);
      }}
      onBlur={() => stop(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          stop(true);
        }
      }}
    >
      <option value="">— none —</option>
      {!known && <option value={value}>{value} (not a listed value)</option>}
      {attribute.options.map((option, i) => (
        <option key={option} value={option}>
          {attribute.type === 'scale' ? `${i + 1}. ${option}` : option}
        </option>
      ))}
    </select>
  );
}

function DateEditor({ label, value, onSave, onDone }: EditorProps & { onDone: (focusCell: boolean) => void }) {
  const [draft, setDraft] = useState(value);
  const save = async (focusCell: boolean) => {
    if (draft === value) return onDone(focusCell);
    if (await onSave(draft)) onDone(focusCell);
  };
  return (
    <input
      type="date"
      className="cell-input"
      autoFocus
      aria-label={label}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void save(false)}
      onKeyDown={(e) => handleKeys(e, () => void save(true), () => onDone(true))}
    />
  );
}

/** Where a value sits on its scale, best on the left: filled dots up to it. */
export function ScaleDots({ rank, size }: { rank: number; size: number }) {
  return (
    <span className="scale-dots" aria-hidden="true" data-level={Math.round(((size - 1 - rank) / Math.max(1, size - 1)) * 4)}>
      {Array.from({ length: size }, (_, i) => (
        <span key={i} className={i <= size - 1 - rank ? 'on' : ''} />
      ))}
    </span>
  );
}
