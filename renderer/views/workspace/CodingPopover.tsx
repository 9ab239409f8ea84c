import type { CodeRecord, CoderRecord, CodingRecord, MemoRecord } from '../../../shared/model/types';
import { MemoButton } from '../memos/MemoButton';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export interface CodingAction {
  kind: 'remove' | 'recode' | 'exemplar' | 'extend-start' | 'shrink-start' | 'extend-end' | 'shrink-end' | 'to-selection';
  coding: CodingRecord;
  codeId?: string;
}

/** The codings under a click: code, coder, time and memo, with remove, recode, resize and exemplar actions. */
export function CodingPopover(props: {
  codings: CodingRecord[];
  codes: Map<string, CodeRecord>;
  coders: Map<string, CoderRecord>;
  memos: Map<string, MemoRecord>;
  text: string;
  position: { left: number; top: number };
  hasSelection: boolean;
  onAction: (action: CodingAction) => void;
  onClose: () => void;
}) {
  const allCodes = [...props.codes.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div
      className="coding-popover"
      role="dialog"
      aria-label="Codings here"
      style={{ left: props.position.left, top: props.position.top }}
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <div className="popover-head">
        <strong>{props.codings.length === 1 ? '1 coding here' : `${props.codings.length} codings here`}</strong>
        <button type="button" className="icon-button" aria-label="Close" onClick={props.onClose} autoFocus>
          ×
        </button>
      </div>
      <ul className="popover-list">
        {props.codings.map((coding) => {
          const code = props.codes.get(coding.codeId);
          const coder = props.coders.get(coding.coderId);
          const memo = props.memos.get(coding.id);
          const passage = props.text.slice(coding.start, coding.end);
          return (
            <li key={coding.id} className="popover-coding">
              <div className="popover-code">
                <span className="swatch" style={{ background: code?.color }} aria-hidden="true" />
                <strong>{code?.name ?? 'Unknown code'}</strong>
                {coding.exemplar && <span className="badge">exemplar</span>}
              </div>
              <div className="popover-meta">
                <span className="coder-chip" style={{ borderColor: coder?.color }}>{coder ? `${coder.name} (${coder.initials})` : 'Unknown coder'}</span>
                <span>{dateFormat.format(coding.createdAt)}</span>
              </div>
              <blockquote className="popover-quote">“{passage.length > 220 ? `${passage.slice(0, 200)}…` : passage}”</blockquote>
              {memo?.plainText && <p className="popover-memo">Memo: {memo.plainText}</p>}
              <div className="popover-actions">
                <label>
                  <span className="visually-hidden">Change code</span>
                  <select
                    aria-label={`Change code of this ${code?.name ?? ''} coding`}
                    value={coding.codeId}
                    onChange={(e) => props.onAction({ kind: 'recode', coding, codeId: e.target.value })}
                  >
                    {allCodes.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="small" aria-pressed={!!coding.exemplar} onClick={() => props.onAction({ kind: 'exemplar', coding })}>
                  {coding.exemplar ? '★ Exemplar' : '☆ Exemplar'}
                </button>
                <MemoButton targetType="coding" targetId={coding.id} title={`${code?.name ?? 'Coding'}: ${passage.slice(0, 40)}`} label="Memo" className="small" />
                <button type="button" className="small danger-text" onClick={() => props.onAction({ kind: 'remove', coding })}>
                  Remove
                </button>
              </div>
              <div className="popover-resize" role="group" aria-label="Change the extent">
                <span className="hint">Extent:</span>
                <button type="button" className="small" aria-label="Start one word earlier" onClick={() => props.onAction({ kind: 'extend-start', coding })}>
                  ◂ start
                </button>
                <button type="button" className="small" aria-label="Start one word later" onClick={() => props.onAction({ kind: 'shrink-start', coding })}>
                  start ▸
                </button>
                <button type="button" className="small" aria-label="End one word earlier" onClick={() => props.onAction({ kind: 'shrink-end', coding })}>
                  ◂ end
                </button>
                <button type="button" className="small" aria-label="End one word later" onClick={() => props.onAction({ kind: 'extend-end', coding })}>
                  end ▸
                </button>
                {props.hasSelection && (
                  <button type="button" className="small" onClick={() => props.onAction({ kind: 'to-selection', coding })}>
                    Fit to selection
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Moves a boundary by one word, staying on word edges. */
export function nudge(text: string, coding: CodingRecord, kind: CodingAction['kind']): { start: number; end: number } {
  let { start, end } = coding;
  const isWord = (i: number) => /[\p{L}\p{N}'’-]/u.test(text[i] ?? ' ');
  if (kind === 'extend-start') {
    start--;
    while (start > 0 && !isWord(start)) start--;
    while (start > 0 && isWord(start - 1)) start--;
  } else if (kind === 'shrink-start') {
    while (start < end && isWord(start)) start++;
    while (start < end && !isWord(start)) start++;
  } else if (kind === 'extend-end') {
    while (end < text.length && !isWord(end)) end++;
    while (end < text.length && isWord(end)) end++;
  } else if (kind === 'shrink-end') {
    while (end > start && isWord(end - 1)) end--;
    while (end > start && !isWord(end - 1)) end--;
  }
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  return end > start ? { start, end } : { start: coding.start, end: coding.end };
}
