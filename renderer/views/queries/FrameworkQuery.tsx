import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { frameworkToTable, type ExtractFilter, type FrameworkMatrix } from '../../../shared/query';
import { useProjectSession } from '../../app/project-session';
import { useQuery } from '../../query/query-client';
import { useUi } from '../../state/ui-store';
import { ExtractList } from '../themes/ExtractList';
import { QueryError, ResultHeader, Segmented, useLookups } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, useQueryForm } from './queries-ui';
import { FRAMEWORK_SUMMARIES_KEY, readSummaries, setFrameworkSummary } from './query-commands';

interface FrameworkForm {
  themeIds?: Id[];
  filter: ExtractFilter;
  content: 'summary' | 'extracts' | 'both';
}

/**
 * The framework matrix: participants by themes, each cell holding the participant's extracts for the theme and a
 * summary the researcher writes (saved as one undoable step per edit).
 */
export function FrameworkQuery() {
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const lookups = useLookups();
  const [form, update] = useQueryForm<FrameworkForm>('framework', { filter: {}, content: 'both' });
  const summariesValue = useLiveQuery(async () => (await db.meta.get(FRAMEWORK_SUMMARIES_KEY))?.value ?? null, [db]);
  const summaries = useMemo(() => readSummaries(summariesValue), [summariesValue]);
  const request = useMemo(() => ({ kind: 'framework' as const, ...(form.themeIds?.length ? { themeIds: form.themeIds } : {}), filter: cleanFilter(form.filter) }), [form.themeIds, form.filter]);
  const result = useQuery(request);
  const [open, setOpen] = useState<{ caseId: Id; themeId: Id } | null>(null);
  useEffect(() => setOpen(null), [request]);

  const matrix: FrameworkMatrix | undefined = useMemo(() => {
    const m = result.data?.matrix;
    if (!m) return undefined;
    return { ...m, cells: m.cells.map((row) => row.map((cell) => ({ ...cell, summary: summaries[cell.key] ?? '' }))) };
  }, [result.data, summaries]);
  const table = useMemo(() => (matrix ? frameworkToTable(matrix, form.content) : undefined), [matrix, form.content]);
  const openCell = open && matrix ? matrix.cells[matrix.cases.findIndex((c) => c.id === open.caseId)]?.[matrix.themes.findIndex((t) => t.id === open.themeId)] : undefined;

  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <span className="query-row-label">Themes</span>
          <SelectionPicker value={{ themeIds: form.themeIds ?? [] }} codes={false} onChange={(s) => update({ themeIds: s.themeIds?.length ? [...s.themeIds] : undefined })} label="Themes as columns (none chosen: every theme)" />
        </div>
        <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />
      </div>
      <section className="query-result" aria-label="Framework matrix">
        <ResultHeader title="Framework matrix" count={matrix ? `${matrix.cases.length} participants × ${matrix.themes.length} themes` : undefined} loading={result.loading} table={table} fileName="framework matrix">
          <Segmented
            label="Files hold"
            value={form.content}
            onChange={(content) => update({ content })}
            options={[
              { value: 'both', label: 'Summaries and quotes' },
              { value: 'summary', label: 'Summaries' },
              { value: 'extracts', label: 'Quotes' },
            ]}
          />
        </ResultHeader>
        <QueryError message={result.error} />
        {matrix && matrix.themes.length === 0 && <p className="query-empty">No themes yet: create themes in the Themes view first.</p>}
        {matrix && matrix.themes.length > 0 && (
          <>
            <p className="hint matrix-caption">Write a short summary of what each participant says about each theme; click a count to read the extracts behind it.{matrix.extractsWithoutCase > 0 ? ` ${matrix.extractsWithoutCase} extracts are in documents of no participant and have no row.` : ''}</p>
            <div className="matrix-scroll">
              <table className="framework">
                <thead>
                  <tr>
                    <th scope="col" className="matrix-corner">
                      Participant
                    </th>
                    {matrix.themes.map((t) => (
                      <th key={t.id} scope="col">
                        <span className="swatch" style={{ background: lookups.themes.get(t.id)?.color }} aria-hidden="true" /> {t.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.cases.map((c, i) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.name}
                        <span className="framework-role">{lookups.cases.get(c.id)?.description}</span>
                      </th>
                      {matrix.themes.map((t, j) => {
                        const cell = matrix.cells[i]![j]!;
                        const selected = open?.caseId === c.id && open.themeId === t.id;
                        return (
                          <td key={t.id} className={selected ? 'selected' : undefined}>
                            <button type="button" className="framework-count" aria-pressed={selected} disabled={cell.extracts.length === 0} onClick={() => setOpen(selected ? null : { caseId: c.id, themeId: t.id })}>
                              {cell.extracts.length === 0 ? 'no extracts' : `${cell.extracts.length} ${cell.extracts.length === 1 ? 'extract' : 'extracts'}`}
                            </button>
                            <SummaryField
                              value={cell.summary}
                              label={`Summary of ${c.name} for ${t.name}`}
                              onSave={(text) =>
                                execute(setFrameworkSummary(cell.key, text, c.name, t.name)).catch((error: Error) => notify(error.message, { kind: 'error' }))
                              }
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {openCell && (
          <section className="drilldown" aria-label="Extracts of the chosen cell">
            <ResultHeader title={`${matrix!.cases.find((c) => c.id === openCell.caseId)?.name} on “${matrix!.themes.find((t) => t.id === openCell.themeId)?.name}”`} count={openCell.extracts.length} loading={false} table={undefined} fileName="cell">
              <button type="button" className="small" onClick={() => setOpen(null)}>
                Close
              </button>
            </ResultHeader>
            <ExtractList extracts={openCell.extracts.map((e) => ({ ...e, attribution: '' }))} grouping="code" cases={lookups.cases} codes={lookups.codes} empty={<p>No extracts.</p>} />
          </section>
        )}
      </section>
    </div>
  );
}

function SummaryField({ value, label, onSave }: { value: string; label: string; onSave: (text: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <textarea
      className="framework-summary"
      rows={2}
      value={draft}
      placeholder="Summary…"
      aria-label={label}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onSave(draft)}
    />
  );
}
