import { useId, useRef, useState } from 'react';
import { AGREEMENT_UNITS, type AgreementUnit } from '../../../shared/agreement/index';
import type { Id } from '../../../shared/model/types';
import { formatCoefficient, orderedThemes } from '../../../shared/report/index';
import type { ReportOutput, ReportSettings } from '../../writeup/protocol';
import { clampQuotes, MAX_QUOTES_PER_THEME, SECTION_OPTIONS, toggleTheme } from '../../writeup/settings';
import type { StoredAgreement } from '../../writeup/writeup-ui';
import type { WriteupData } from './use-writeup';

const UNIT_LABELS: Record<AgreementUnit, string> = { character: 'Characters', turn: 'Speaker turns', paragraph: 'Paragraphs' };

/** The findings report's options: themes, sections, quotes, attribution, breakdown, pseudonyms, agreement. */
export function ReportOptions(props: {
  data: WriteupData;
  settings: ReportSettings;
  projectName: string;
  output?: ReportOutput;
  onChange: (changes: Partial<ReportSettings>) => void;
  onReset: () => void;
  agreement?: StoredAgreement;
  agreementStale: boolean;
  agreementRunning?: string;
  agreementError?: string;
  onComputeAgreement: (coderIds: [Id, Id], unit: AgreementUnit) => void;
}) {
  const { data, settings, onChange, output } = props;
  const id = useId();
  const attributionInput = useRef<HTMLInputElement>(null);
  const themeTree = orderedThemes(data.themes).flatMap(({ theme, subthemes }) => [{ theme, depth: 0 }, ...subthemes.map((s) => ({ theme: s, depth: 1 }))]);
  const chosenThemes = new Set(settings.themeIds ?? data.themes.map((t) => t.id));
  const treeIds = themeTree.map(({ theme }) => ({ id: theme.id, parentId: theme.parentId }));
  const checkedTops = themeTree.filter(({ depth, theme }) => depth === 0 && chosenThemes.has(theme.id)).length;

  const caseCategory = data.attributes.find((a) => a.scope === 'case' && a.type === 'category');
  const attributeValue = settings.byAttribute ?? caseCategory?.id ?? '';

  const insertField = (field: string) => {
    const input = attributionInput.current;
    const base = settings.attribution || output?.defaultAttribution || '({case})';
    const token = `{${field}}`;
    let next: string;
    if (input && settings.attribution && input.selectionStart !== null && document.activeElement === input) {
      next = base.slice(0, input.selectionStart) + token + base.slice(input.selectionEnd ?? input.selectionStart);
    } else {
      // Inside the closing bracket when the template ends with one: "({case})" -> "({case}, {Role})".
      const close = /[)\]]\s*$/.exec(base);
      next = close ? `${base.slice(0, close.index)}, ${token}${base.slice(close.index)}` : `${base} ${token}`;
    }
    onChange({ attribution: next });
    requestAnimationFrame(() => attributionInput.current?.focus());
  };

  return (
    <form className="wu-options" aria-label="Report options" onSubmit={(e) => e.preventDefault()}>
      <div className="wu-field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} type="text" value={settings.title} placeholder={props.projectName} onChange={(e) => onChange({ title: e.target.value })} />
      </div>

      {themeTree.length > 0 && (
        <fieldset className="wu-group">
          <legend>Themes</legend>
          <p className="wu-note">In the order of the Themes view.</p>
          <ul className="wu-checklist">
            {themeTree.map(({ theme, depth }) => {
              const checked = chosenThemes.has(theme.id);
              const lastTop = depth === 0 && checked && checkedTops === 1;
              return (
                <li key={theme.id} style={{ paddingInlineStart: depth * 18 }}>
                  <label title={lastTop ? 'The report needs at least one theme' : undefined}>
                    <input type="checkbox" checked={checked} disabled={lastTop} onChange={(e) => onChange({ themeIds: toggleTheme(settings.themeIds, treeIds, theme.id, e.target.checked) })} />
                    <span className="wu-swatch" style={{ background: theme.color }} aria-hidden="true" />
                    <span className="wu-theme-name">{theme.name}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      <fieldset className="wu-group">
        <legend>Sections</legend>
        <ul className="wu-checklist">
          {SECTION_OPTIONS.map((s) => (
            <li key={s.id}>
              <label title={s.hint}>
                <input type="checkbox" checked={settings.sections[s.id]} onChange={(e) => onChange({ sections: { ...settings.sections, [s.id]: e.target.checked } })} />
                {s.label}
              </label>
              {s.id === 'charts' && settings.sections.charts && (
                <label className="wu-sub-option">
                  <input type="checkbox" checked={settings.heatmap} onChange={(e) => onChange({ heatmap: e.target.checked })} />
                  Co-occurrence heatmap
                </label>
              )}
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="wu-group" disabled={!settings.sections.quotes}>
        <legend>Quotes</legend>
        <div className="wu-inline">
          <label htmlFor={`${id}-quotes`}>Quotes per theme</label>
          <input
            id={`${id}-quotes`}
            type="number"
            min={0}
            max={MAX_QUOTES_PER_THEME}
            value={settings.quotesPerTheme}
            onChange={(e) => e.target.value !== '' && onChange({ quotesPerTheme: clampQuotes(Number(e.target.value)) })}
          />
        </div>
        <div className="wu-field">
          <label htmlFor={`${id}-attribution`}>Attribution</label>
          <input
            id={`${id}-attribution`}
            ref={attributionInput}
            type="text"
            spellCheck={false}
            value={settings.attribution}
            placeholder={output?.defaultAttribution ?? '({case})'}
            aria-describedby={`${id}-attribution-example`}
            aria-invalid={output?.attributionError ? true : undefined}
            onChange={(e) => onChange({ attribution: e.target.value })}
          />
          {output && output.fields.length > 0 && (
            <div className="wu-fields" role="group" aria-label="Insert a field into the attribution">
              {output.fields.filter((f) => !['coder', 'code path'].includes(f)).map((f) => (
                <button key={f} type="button" className="wu-chip" onClick={() => insertField(f)} title={`Insert {${f}}`}>
                  {f}
                </button>
              ))}
            </div>
          )}
          <p className="wu-example" id={`${id}-attribution-example`} aria-live="polite">
            {output?.attributionError ? (
              <span className="danger-text">{output.attributionError}</span>
            ) : (
              <>
                Example: <q>{output?.attributionExample || '—'}</q>
              </>
            )}
          </p>
        </div>
      </fieldset>

      <div className="wu-field">
        <label htmlFor={`${id}-by`}>Break prevalence down by</label>
        <select id={`${id}-by`} value={attributeValue} onChange={(e) => onChange({ byAttribute: e.target.value })}>
          <option value="">Nothing</option>
          {data.attributes.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.scope === 'case' ? 'participants' : 'documents'})
            </option>
          ))}
        </select>
      </div>

      {data.pseudonyms && (
        <label className="wu-check">
          <input type="checkbox" checked={settings.pseudonymise} onChange={(e) => onChange({ pseudonymise: e.target.checked })} />
          <span>
            Pseudonymised text
            <span className="wu-note">Names in quotes, attributions and titles are replaced from the project’s pseudonym table ({data.pseudonyms.length} terms).</span>
          </span>
        </label>
      )}

      {settings.sections.method && <AgreementOptions {...props} />}

      <div className="wu-options-end">
        <button type="button" className="link-button" onClick={props.onReset}>
          Reset options
        </button>
      </div>
    </form>
  );
}

function AgreementOptions(props: Parameters<typeof ReportOptions>[0]) {
  const { data, agreement, settings, onChange } = props;
  const id = useId();
  const coders = data.coders.filter((c) => c.codings > 0);
  const [pair, setPair] = useState<[Id, Id] | undefined>(agreement?.coderIds);
  const [unit, setUnit] = useState<AgreementUnit>(agreement?.summary.unit ?? 'character');
  if (coders.length < 2) return null;
  const a = pair && coders.some((c) => c.id === pair[0]) ? pair[0] : coders[0]!.id;
  const b = pair && coders.some((c) => c.id === pair[1]) && pair[1] !== a ? pair[1] : coders.find((c) => c.id !== a)!.id;
  return (
    <fieldset className="wu-group">
      <legend>Agreement in the method paragraph</legend>
      <div className="wu-agreement-coders">
        <select aria-label="First coder" value={a} onChange={(e) => setPair([e.target.value, e.target.value === b ? a : b])}>
          {coders.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <span className="wu-note">and</span>
        <select aria-label="Second coder" value={b} onChange={(e) => setPair([e.target.value === a ? b : a, e.target.value])}>
          {coders.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="wu-inline">
        <label htmlFor={`${id}-unit`}>Unit</label>
        <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value as AgreementUnit)}>
          {AGREEMENT_UNITS.map((u) => (
            <option key={u} value={u}>
              {UNIT_LABELS[u]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => props.onComputeAgreement([a, b], unit)} disabled={props.agreementRunning !== undefined}>
          {agreement ? 'Compute again' : 'Compute agreement'}
        </button>
      </div>
      {props.agreementRunning !== undefined && (
        <p className="wu-note" role="status">
          <span className="wu-spinner" aria-hidden="true" /> {props.agreementRunning}…
        </p>
      )}
      {props.agreementError && (
        <p className="danger-text" role="alert">
          {props.agreementError}
        </p>
      )}
      {agreement && (
        <div className="wu-agreement-result">
          <p>
            {agreement.summary.coderNames.join(' and ')}:{' '}
            {agreement.summary.figures.map((f) => `${f.measure} = ${formatCoefficient(f.value)}`).join('; ') || 'no figures'}
            <span className="wu-note">
              {' '}
              ({UNIT_LABELS[agreement.summary.unit].toLowerCase()}, {agreement.summary.codes} codes, {agreement.summary.documents} documents)
            </span>
          </p>
          {agreement.summary.undefinedFigures.map((u) => (
            <p key={u} className="wu-note">
              {u}
            </p>
          ))}
          {props.agreementStale && <p className="wu-warning">The codings have changed since: compute again for current figures.</p>}
          <label className="wu-check">
            <input type="checkbox" checked={settings.agreement} onChange={(e) => onChange({ agreement: e.target.checked })} />
            <span>Print in the method paragraph</span>
          </label>
        </div>
      )}
      {!agreement && <p className="wu-note">Compares the two coders over every document both coded, for all codes.</p>}
    </fieldset>
  );
}
