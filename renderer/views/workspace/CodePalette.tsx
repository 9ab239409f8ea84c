import { useMemo, useState } from 'react';
import { fuzzyFilter } from '../../../shared/text/fuzzy-match';
import type { CodeRecord } from '../../../shared/model/types';

export interface PaletteChoice {
  /** An existing code, or a new code's name. */
  code?: CodeRecord;
  newName?: string;
}

function codePath(code: CodeRecord, byId: Map<string, CodeRecord>): string {
  const parts = [code.name];
  let parent = code.parentId ? byId.get(code.parentId) : undefined;
  while (parent) {
    parts.unshift(parent.name);
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return parts.join(' / ');
}

/**
 * The code palette that opens at a selection: type to filter (fuzzy), Enter applies, a new name creates and applies,
 * 1-9 apply recent codes, "In vivo" makes the selected words a code.
 */
export function CodePalette(props: {
  codes: CodeRecord[];
  recent: CodeRecord[];
  selectedText: string;
  position: { left: number; top: number };
  onChoose: (choice: PaletteChoice) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const byId = useMemo(() => new Map(props.codes.map((c) => [c.id, c])), [props.codes]);
  const matches = useMemo(() => {
    const list = query.trim() ? fuzzyFilter(query, props.codes, (c) => codePath(c, byId), 8) : props.recent.slice(0, 9);
    return list;
  }, [query, props.codes, props.recent, byId]);
  const exact = props.codes.some((c) => c.name.toLowerCase() === query.trim().toLowerCase());
  const canCreate = query.trim().length > 0 && !exact;
  const options: PaletteChoice[] = [...matches.map((code) => ({ code })), ...(canCreate ? [{ newName: query.trim() }] : [])];
  const inVivo = props.selectedText.replace(/\s+/g, ' ').trim().slice(0, 80);

  return (
    <div
      className="code-palette"
      role="dialog"
      aria-label="Apply a code"
      style={{ left: props.position.left, top: props.position.top }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <input
        autoFocus
        className="palette-input"
        placeholder="Code name: type to find or create"
        aria-label="Code name"
        aria-controls="palette-options"
        aria-activedescendant={options[active] ? `palette-option-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const choice = e.shiftKey && query.trim() ? { newName: query.trim() } : options[active];
            if (choice) props.onChoose(choice);
          } else if (!query && /^[1-9]$/.test(e.key)) {
            const code = props.recent[Number(e.key) - 1];
            if (code) {
              e.preventDefault();
              props.onChoose({ code });
            }
          }
        }}
      />
      <ul id="palette-options" role="listbox" aria-label={query ? 'Matching codes' : 'Recent codes'} className="palette-options">
        {options.map((option, i) => (
          <li
            key={option.code?.id ?? `new-${option.newName}`}
            id={`palette-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              props.onChoose(option);
            }}
          >
            {option.code ? (
              <>
                <span className="swatch" style={{ background: option.code.color }} aria-hidden="true" />
                <span className="palette-name">{codePath(option.code, byId)}</span>
                {!query && i < 9 && <kbd>{i + 1}</kbd>}
              </>
            ) : (
              <span className="palette-new">
                Create code “<strong>{option.newName}</strong>”
              </span>
            )}
          </li>
        ))}
        {options.length === 0 && <li className="palette-empty">{props.codes.length ? 'No matching code' : 'Type a name to create your first code'}</li>}
      </ul>
      <div className="palette-footer">
        <button type="button" className="small" title="Make the selected words a new code" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onChoose({ newName: inVivo })} disabled={!inVivo}>
          In vivo: “{inVivo.length > 28 ? `${inVivo.slice(0, 27)}…` : inVivo}”
        </button>
        <span className="hint">Enter apply · Shift+Enter new · Esc close</span>
      </div>
    </div>
  );
}
