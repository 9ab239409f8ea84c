import { useEffect, useMemo, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { attributeMatrixToTable, type ExtractFilter, type MatrixCellShown, type MatrixCount, type MatrixRowSpec } from '../../../shared/query';
import { useQuery } from '../../query/query-client';
import { ExtractList } from '../themes/ExtractList';
import { useThemesUi } from '../themes/themes-ui';
import { heatStyle, QueryError, ResultHeader, Segmented, useLookups } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, useQueryForm } from './queries-ui';

interface MatrixForm {
  rows: 'codes' | 'themes';
  /** Chosen codes (undefined: every code). */
  codeIds?: Id[];
  attributeId?: Id;
  count: MatrixCount;
  shown: MatrixCellShown;
  filter: ExtractFilter;
  includeChildCodes: boolean;
}

const fmtPercent = (v: number | null) => (v === null ? '–' : `${v >= 10 || v === 0 ? Math.round(v) : v.toFixed(1)}%`);

/**
 * Codes or themes by the values of an attribute (e.g. by agency): how many extracts, documents or participants fall
 * in each cell, as counts or row, column or group percentages. A cell opens its extracts.
 */
export function MatrixQuery() {
  const lookups = useLookups();
  const [form, update] = useQueryForm<MatrixForm>('matrix', { rows: 'codes', count: 'extracts', shown: 'counts', filter: {}, includeChildCodes: false });
  const attributeId = form.attributeId && lookups.attributes.some((a) => a.id === form.attributeId) ? form.attributeId : lookups.attributes.find((a) => a.type === 'category')?.id ?? lookups.attributes[0]?.id;
  const [cell, setCell] = useState<{ row: number; column: number } | null>(null);

  const rows: MatrixRowSpec[] | 'all-codes' | 'all-themes' = form.rows === 'themes' ? 'all-themes' : form.codeIds && form.codeIds.length > 0 ? form.codeIds.map((id) => ({ kind: 'code' as const, id })) : 'all-codes';
  const request = useMemo(
    () => (attributeId ? { kind: 'matrix' as const, rows, attributeId, count: form.count, filter: cleanFilter(form.filter), includeChildCodes: form.includeChildCodes } : null),
    // `rows` is derived from the form fields listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attributeId, form.rows, form.codeIds, form.count, form.filter, form.includeChildCodes],
  );
  const result = useQuery(request);
  const matrix = result.data?.matrix;
  useEffect(() => setCell(null), [request]);
  const table = useMemo(() => (matrix ? attributeMatrixToTable(matrix, form.shown) : undefined), [matrix, form.shown]);

  const values = matrix
    ? form.shown === 'row-percent'
      ? matrix.rowPercent
      : form.shown === 'column-percent'
        ? matrix.columnPercent
        : form.shown === 'percent-of-column-size'
          ? matrix.percentOfColumnSize
          : matrix.counts
    : [];
  const max = values.reduce((m, row) => row.reduce<number>((n, v) => Math.max(n, v ?? 0), m), 0);
  // Rows show a code's own name, indented under its parent (the full path is in the tooltip and the saved file).
  const depthOf = (r: { kind: 'code' | 'theme'; id: Id }): number => {
    let depth = 0;
    const seen = new Set<Id>();
    let parent = r.kind === 'code' ? lookups.codes.get(r.id)?.parentId : lookups.themes.get(r.id)?.parentId;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      depth++;
      parent = r.kind === 'code' ? lookups.codes.get(parent)?.parentId : lookups.themes.get(parent)?.parentId;
    }
    return depth;
  };
  const unit = form.count === 'extracts' ? 'extracts' : form.count === 'documents' ? 'documents' : 'participants';

  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <Segmented label="Rows" value={form.rows} onChange={(v) => update({ rows: v })} options={[{ value: 'codes', label: 'Codes' }, { value: 'themes', label: 'Themes' }]} />
          {form.rows === 'codes' && (
            <SelectionPicker value={{ codeIds: form.codeIds ?? [] }} themes={false} onChange={(s) => update({ codeIds: s.codeIds?.length ? [...s.codeIds] : undefined })} label="Codes to show as rows (none chosen: every code)" />
          )}
          <span className="query-row-label">by</span>
          <select value={attributeId ?? ''} aria-label="Attribute for the columns" onChange={(e) => update({ attributeId: e.target.value })}>
            {lookups.attributes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.scope === 'document' ? ' (document)' : ''}
              </option>
            ))}
          </select>
          <span className="query-row-label">counting</span>
          <Segmented
            label="Count"
            value={form.count}
            onChange={(count) => update({ count })}
            options={[
              { value: 'extracts', label: 'Extracts' },
              { value: 'documents', label: 'Documents' },
              { value: 'cases', label: 'Participants' },
            ]}
          />
        </div>
        <div className="query-row">
          <span className="query-row-label">Show</span>
          <Segmented
            label="Show cells as"
            value={form.shown}
            onChange={(shown) => update({ shown })}
            options={[
              { value: 'counts', label: 'Counts' },
              { value: 'row-percent', label: 'Row %' },
              { value: 'column-percent', label: 'Column %' },
              { value: 'percent-of-column-size', label: '% of group' },
            ]}
          />
          <label className="check-row">
            <input type="checkbox" checked={form.includeChildCodes} onChange={(e) => update({ includeChildCodes: e.target.checked })} />
            Count codes below each code too
          </label>
        </div>
        <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />
      </div>
      {!attributeId ? (
        <p className="query-empty">This project has no attributes yet: give participants or documents attributes (such as agency) to compare them.</p>
      ) : (
        <section className="query-result" aria-label="Matrix">
          <ResultHeader title="Matrix" count={matrix ? `${matrix.rows.length} × ${matrix.columns.length}` : undefined} loading={result.loading} table={table} fileName={`${form.rows === 'themes' ? 'themes' : 'codes'} by ${matrix?.attributeName ?? 'attribute'}`} />
          <QueryError message={result.error} />
          {matrix && (
            <>
              <p className="hint matrix-caption">
                {form.shown === 'counts' && `Number of ${unit} in each cell. `}
                {form.shown === 'row-percent' && `Share of each row's ${unit} in each column. `}
                {form.shown === 'column-percent' && `Share of each column's ${unit} in each row. `}
                {form.shown === 'percent-of-column-size' && `Share of each group's ${form.count === 'cases' ? 'participants' : 'documents'} with the row's ${unit}. `}
                Click a cell to read its extracts.
              </p>
              <div className="matrix-scroll">
                <table className="matrix heat-matrix" aria-label={`${form.rows === 'themes' ? 'Themes' : 'Codes'} by ${matrix.attributeName}`}>
                  <thead>
                    <tr>
                      <th scope="col" className="matrix-corner">
                        {form.rows === 'themes' ? 'Theme' : 'Code'}
                      </th>
                      {matrix.columns.map((c, j) => (
                        <th key={c.label} scope="col">
                          {c.label}
                          <span className="matrix-n">N = {matrix.columnSizes[j]}</span>
                        </th>
                      ))}
                      {form.shown === 'counts' && <th scope="col">Total</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {matrix.rows.map((r, i) => (
                      <tr key={r.id}>
                        <th scope="row" title={r.name} style={{ paddingInlineStart: 12 + depthOf(r) * 16 }}>
                          <span className="swatch" style={{ background: r.kind === 'code' ? lookups.codes.get(r.id)?.color : lookups.themes.get(r.id)?.color }} aria-hidden="true" />
                          {r.kind === 'code' ? (lookups.codes.get(r.id)?.name ?? r.name) : r.name}
                        </th>
                        {matrix.columns.map((c, j) => {
                          const v = values[i]?.[j] ?? null;
                          const selected = cell?.row === i && cell.column === j;
                          return (
                            <td key={c.label} style={heatStyle(v ?? 0, max)} className={selected ? 'selected' : undefined}>
                              <button type="button" onClick={() => setCell(selected ? null : { row: i, column: j })} aria-label={`${r.name}, ${c.label}: ${form.shown === 'counts' ? v : fmtPercent(v)}`} aria-pressed={selected}>
                                {form.shown === 'counts' ? v : fmtPercent(v)}
                              </button>
                            </td>
                          );
                        })}
                        {form.shown === 'counts' && <td className="matrix-total">{matrix.rowTotals[i]}</td>}
                      </tr>
                    ))}
                  </tbody>
                  {form.shown === 'counts' && (
                    <tfoot>
                      <tr>
                        <th scope="row">Total</th>
                        {matrix.columnTotals.map((t, j) => (
                          <td key={j} className="matrix-total">
                            {t}
                          </td>
                        ))}
                        <td className="matrix-total">{matrix.columnTotals.reduce((a, b) => a + b, 0)}</td>
                      </tr>
                    </tfoot>
                  )}
                </table>
              </div>
              {cell && matrix.rows[cell.row] && matrix.columns[cell.column] && (
                <CellExtracts
                  row={matrix.rows[cell.row]!}
                  column={matrix.columns[cell.column]!}
                  attributeId={attributeId}
                  attributeName={matrix.attributeName}
                  filter={form.filter}
                  includeChildCodes={form.includeChildCodes}
                  onClose={() => setCell(null)}
                />
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}

function CellExtracts(props: {
  row: { kind: 'code' | 'theme'; id: Id; name: string };
  column: { value: string | null; label: string };
  attributeId: Id;
  attributeName: string;
  filter: ExtractFilter;
  includeChildCodes: boolean;
  onClose: () => void;
}) {
  const lookups = useLookups();
  const template = useThemesUi((s) => s.template);
  const request = useMemo(() => {
    const base = cleanFilter(props.filter) ?? {};
    const filter: ExtractFilter = { ...base, attributes: [...(base.attributes ?? []), { attributeId: props.attributeId, values: [props.column.value] }] };
    const selection = props.row.kind === 'code' ? { codeIds: [props.row.id] } : { themeIds: [props.row.id] };
    return { kind: 'extracts' as const, selection: { ...selection, includeChildCodes: props.includeChildCodes }, filter, template };
  }, [props.row, props.column, props.attributeId, props.filter, props.includeChildCodes, template]);
  const result = useQuery(request);
  return (
    <section className="drilldown" aria-label="Extracts of the chosen cell">
      <ResultHeader title={`Extracts of “${props.row.name}” where ${props.attributeName} is ${props.column.label}`} count={result.data?.extracts.length} loading={result.loading} table={result.data?.table} fileName={`${props.row.name} ${props.column.label}`}>
        <button type="button" className="small" onClick={props.onClose}>
          Close
        </button>
      </ResultHeader>
      <QueryError message={result.error} />
      {result.data && <ExtractList extracts={result.data.extracts} grouping="case" cases={lookups.cases} codes={lookups.codes} pageSize={100} empty={<p>No extracts in this cell.</p>} />}
    </section>
  );
}
