import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { CODE_PALETTE } from '../../../shared/model/palette';
import type { CodeRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { deleteCode, mergeCodes, splitCode, updateCode } from '../../commands/code-commands';
import { ConfirmDialog } from '../../components/Dialog';
import { useUi } from '../../state/ui-store';
import type { CodeCounts } from './CodebookPane';
import { MemoButton } from '../memos/MemoButton';

type TextField = 'description' | 'inclusion' | 'exclusion' | 'example';
const FIELDS: { field: TextField; label: string; placeholder: string }[] = [
  { field: 'description', label: 'Definition', placeholder: 'What this code captures' },
  { field: 'inclusion', label: 'Include when', placeholder: 'Inclusion criteria' },
  { field: 'exclusion', label: 'Exclude when', placeholder: 'Exclusion criteria' },
  { field: 'example', label: 'Example', placeholder: 'A typical passage' },
];

/** A code's published definition (definition, inclusion, exclusion, example), colour, counts, merge, split, delete. */
export function CodeDetails(props: { code: CodeRecord; codes: CodeRecord[]; counts?: CodeCounts; onClose: () => void; onDeleted: () => void }) {
  const { code } = props;
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [mergeTarget, setMergeTarget] = useState('');
  const [splitOpen, setSplitOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [splitName, setSplitName] = useState('');
  const codings = useLiveQuery(async () => (splitOpen ? db.codings.where('codeId').equals(code.id).limit(300).toArray() : []), [db, code.id, splitOpen]);
  const texts = useLiveQuery(async () => {
    if (!codings?.length) return new Map<string, string>();
    const ids = [...new Set(codings.map((c) => c.documentId))];
    return new Map((await db.texts.bulkGet(ids)).filter((t) => !!t).map((t) => [t!.id, t!.text]));
  }, [db, codings]);

  const run = async (work: Promise<void>) => {
    try {
      await work;
    } catch (error) {
      notify((error as Error).message, { kind: 'error' });
    }
  };
  const save = (field: TextField | 'name', value: string) => {
    if (value !== code[field]) void run(execute(updateCode(code, { [field]: value })));
  };

  return (
    <section className="code-details" aria-label={`Code details: ${code.name}`}>
      <div className="details-head">
        <span className="swatch large" style={{ background: code.color }} aria-hidden="true" />
        <input className="details-name" aria-label="Code name" defaultValue={code.name} key={`n-${code.name}`} onBlur={(e) => e.target.value.trim() && save('name', e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
        <button type="button" className="icon-button" aria-label="Close code details" onClick={props.onClose}>
          ×
        </button>
      </div>
      <p className="details-counts">
        {props.counts?.codings ?? 0} codings · {props.counts?.documents ?? 0} documents · {props.counts?.cases ?? 0} participants
      </p>
      <div className="colour-row" role="radiogroup" aria-label="Colour">
        {CODE_PALETTE.map((c) => (
          <button key={c} type="button" role="radio" aria-checked={c === code.color} aria-label={`Colour ${c}`} className="colour-choice small" style={{ background: c }} onClick={() => c !== code.color && void run(execute(updateCode(code, { color: c })))} />
        ))}
      </div>
      {FIELDS.map(({ field, label, placeholder }) => (
        <label key={field} className="field">
          <span>{label}</span>
          <textarea rows={field === 'description' ? 3 : 2} placeholder={placeholder} defaultValue={code[field]} key={`${field}-${code[field]}`} onBlur={(e) => save(field, e.target.value)} />
        </label>
      ))}
      {code.history && code.history.length > 0 && (
        <details className="details-history">
          <summary>History ({code.history.length})</summary>
          <ul>
            {code.history.map((h, i) => (
              <li key={i}>
                {new Date(h.at).toLocaleDateString('en-GB')}: {h.note}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="details-actions">
        <label className="merge">
          <span className="visually-hidden">Merge into</span>
          <select aria-label={`Merge ${code.name} into`} value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)}>
            <option value="">Merge into…</option>
            {props.codes
              .filter((c) => c.id !== code.id)
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          className="small"
          disabled={!mergeTarget}
          onClick={() => {
            const target = props.codes.find((c) => c.id === mergeTarget);
            if (target) void run(execute(mergeCodes(code, target)).then(props.onDeleted));
          }}
        >
          Merge
        </button>
        <button type="button" className="small" aria-expanded={splitOpen} onClick={() => setSplitOpen(!splitOpen)}>
          Split…
        </button>
        <MemoButton targetType="code" targetId={code.id} title={code.name} label="Code memo" className="small" />
        <button type="button" className="small danger-text" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      </div>
      {splitOpen && (
        <div className="split" role="group" aria-label="Split: move chosen codings to a new code">
          <ul className="split-list">
            {codings?.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      setChosen(next);
                    }}
                  />{' '}
                  {(texts?.get(c.documentId) ?? '').slice(c.start, Math.min(c.end, c.start + 120))}
                </label>
              </li>
            ))}
          </ul>
          <form
            className="new-code"
            onSubmit={(e) => {
              e.preventDefault();
              if (!splitName.trim() || chosen.size === 0) return;
              void run(execute(splitCode(code, [...chosen], splitName, props.codes.length)));
              setChosen(new Set());
              setSplitName('');
              setSplitOpen(false);
            }}
          >
            <input placeholder="New code for the chosen codings" aria-label="New code for the chosen codings" value={splitName} onChange={(e) => setSplitName(e.target.value)} />
            <button type="submit" disabled={!splitName.trim() || chosen.size === 0}>
              Move {chosen.size}
            </button>
          </form>
        </div>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete code?"
          message={`“${code.name}” and its ${props.counts?.codings ?? 0} codings will be deleted; its subcodes move up a level. You can undo this.`}
          confirmLabel="Delete code"
          danger
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void run(execute(deleteCode(code)).then(props.onDeleted));
          }}
        />
      )}
    </section>
  );
}
