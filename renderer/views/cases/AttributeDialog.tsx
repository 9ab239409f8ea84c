import { useMemo, useRef, useState } from 'react';
import { KNOWN_SCALES } from '../../../shared/import/participants';
import type { AttributeDefinition, AttributeScope, AttributeType, AttributeValue } from '../../../shared/model/types';
import { Dialog } from '../../components/Dialog';
import { ATTRIBUTE_TYPE_NAMES, cleanOptions, displayValue, planValueConversion, type AttributeFields } from '../../commands/case-commands';

const TYPE_HINTS: Record<AttributeType, string> = {
  text: 'Any words, e.g. a role or a note.',
  number: 'A quantity, e.g. years in practice.',
  date: 'A day, e.g. the interview date.',
  category: 'One of a fixed list, e.g. an agency.',
  scale: 'One of an ordered list, best first, e.g. Excellent … Unsatisfactory.',
};

const TYPES: AttributeType[] = ['text', 'number', 'date', 'category', 'scale'];
const SHOWN_CLEARED = 6;
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** “P01 “Health”, P02 “Police” and 3 more”: the values a change would clear, by their owners' names. */
function clearedList(cleared: AttributeValue[], attribute: AttributeDefinition, ownerName?: (id: string) => string): string {
  const named = cleared
    .map((v) => ({ owner: ownerName?.(v.ownerId) ?? '', value: displayValue(v.value, attribute) }))
    .sort((a, b) => collator.compare(a.owner, b.owner));
  const shown = named.slice(0, SHOWN_CLEARED).map((v) => `${v.owner} “${v.value}”`.trim());
  const more = named.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

interface OptionRow {
  key: number;
  text: string;
  /** The option as stored before this edit, so renaming it carries its values along. */
  from?: string;
}

export interface AttributeDialogResult {
  fields: AttributeFields;
  scope: AttributeScope;
  renamed: Record<string, string>;
}

/**
 * Adds or edits an attribute: its name, type and, for a category or scale, its values (in order for a scale).
 * When editing, it shows which stored values would no longer fit before anything changes.
 */
export function AttributeDialog(props: {
  attribute?: AttributeDefinition;
  scope: AttributeScope;
  /** The attribute's stored values (editing only), to warn about values a change would clear. */
  values?: AttributeValue[];
  ownerName?: (id: string) => string;
  onSave: (result: AttributeDialogResult) => void;
  onDelete?: () => void;
  onClose: () => void;
}) {
  const { attribute } = props;
  const nextKey = useRef(0);
  const rowsOf = (options: readonly string[], keepFrom: boolean): OptionRow[] =>
    options.map((text) => ({ key: nextKey.current++, text, ...(keepFrom ? { from: text } : {}) }));
  const [name, setName] = useState(attribute?.name ?? '');
  const [scope, setScope] = useState<AttributeScope>(attribute?.scope ?? props.scope);
  const [type, setType] = useState<AttributeType>(attribute?.type ?? 'text');
  const [rows, setRows] = useState<OptionRow[]>(() => rowsOf(attribute?.options ?? [], true));
  const [error, setError] = useState<string>();

  const hasOptions = type === 'category' || type === 'scale';
  const options = hasOptions ? cleanOptions(rows.map((r) => r.text)) : [];
  const renamed = useMemo(() => {
    const map: Record<string, string> = {};
    for (const row of rows) if (row.from !== undefined && row.text.trim() !== '' && row.text.trim() !== row.from) map[row.from] = row.text.trim();
    return map;
  }, [rows]);
  const inUse = useMemo(() => cleanOptions((props.values ?? []).map((v) => v.value)), [props.values]);
  const cleared = attribute && props.values ? planValueConversion(props.values, { name: name || attribute.name, type, options }, renamed).cleared : [];

  const changeType = (next: AttributeType) => {
    setType(next);
    // Moving to a list type from free values offers the values in use as the list.
    if ((next === 'category' || next === 'scale') && rows.every((r) => r.text.trim() === '')) {
      const scale = next === 'scale' ? KNOWN_SCALES.find((s) => inUse.length > 0 && inUse.every((v) => s.some((o) => o.toLowerCase() === v.toLowerCase()))) : undefined;
      setRows(rowsOf(scale ?? inUse, false));
    }
  };
  const update = (key: number, text: string) => setRows(rows.map((r) => (r.key === key ? { ...r, text } : r)));
  const move = (index: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    setRows(next);
  };
  const submit = () => {
    const clean = name.trim();
    if (clean === '') return setError('Give the attribute a name, such as Agency or Role.');
    if (hasOptions && options.length === 0) return setError(`Add at least one value to choose from.`);
    props.onSave({ fields: { name: clean, type, options }, scope, renamed });
  };

  return (
    <Dialog
      title={attribute ? `Attribute “${attribute.name}”` : 'Add attribute'}
      onClose={props.onClose}
      footer={
        <>
          {props.onDelete && (
            <button type="button" className="danger-outline push-start" onClick={props.onDelete}>
              Delete attribute…
            </button>
          )}
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={submit}>
            {attribute ? 'Save' : 'Add attribute'}
          </button>
        </>
      }
    >
      <div className="attribute-form">
        <label className="field">
          <span>Name</span>
          <input
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') submit();
            }}
          />
        </label>
        {attribute ? (
          <p className="muted attribute-scope">Describes {attribute.scope === 'case' ? 'participants' : 'documents'}.</p>
        ) : (
          <fieldset className="choice-row">
            <legend>Describes</legend>
            <label>
              <input type="radio" name="attribute-scope" checked={scope === 'case'} onChange={() => setScope('case')} /> Participants
            </label>
            <label>
              <input type="radio" name="attribute-scope" checked={scope === 'document'} onChange={() => setScope('document')} /> Documents
            </label>
          </fieldset>
        )}
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => changeType(e.target.value as AttributeType)}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {ATTRIBUTE_TYPE_NAMES[t]}
              </option>
            ))}
          </select>
          <span className="hint">{TYPE_HINTS[type]}</span>
        </label>

        {hasOptions && (
          <fieldset className="options-editor">
            <legend>{type === 'scale' ? 'Values, best first' : 'Values'}</legend>
            <ol className="option-rows">
              {rows.map((row, i) => (
                <li key={row.key}>
                  {type === 'scale' && <span className="option-rank">{i + 1}</span>}
                  <input aria-label={`Value ${i + 1}`} value={row.text} onChange={(e) => update(row.key, e.target.value)} />
                  {type === 'scale' && (
                    <>
                      <button type="button" className="icon-button" aria-label={`Move ${row.text || 'value'} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                        ↑
                      </button>
                      <button type="button" className="icon-button" aria-label={`Move ${row.text || 'value'} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                        ↓
                      </button>
                    </>
                  )}
                  <button type="button" className="icon-button" aria-label={`Remove ${row.text || 'value'}`} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <div className="options-actions">
              <button type="button" className="small" onClick={() => setRows([...rows, { key: nextKey.current++, text: '' }])}>
                Add value
              </button>
              {type === 'scale' && (
                <select
                  aria-label="Use a known scale"
                  value=""
                  onChange={(e) => {
                    const scale = KNOWN_SCALES[Number(e.target.value)];
                    if (scale) setRows(rowsOf(scale, false));
                  }}
                >
                  <option value="">Use a known scale…</option>
                  {KNOWN_SCALES.map((s, i) => (
                    <option key={i} value={i}>
                      {s[0]} … {s.at(-1)}
                    </option>
                  ))}
                </select>
              )}
              {inUse.length > 0 && (
                <button type="button" className="small" onClick={() => setRows(rowsOf(inUse, false))}>
                  Use the {inUse.length} values in use
                </button>
              )}
            </div>
          </fieldset>
        )}

        {cleared.length > 0 && (
          <div className="attribute-warning" role="status">
            <strong>
              {cleared.length} {cleared.length === 1 ? 'value does' : 'values do'} not fit and will be cleared:
            </strong>{' '}
            {clearedList(cleared, attribute!, props.ownerName)}. Undo brings them back.
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
