import { useEffect, useMemo, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { cooccurrenceToTable, type CooccurrenceCount, type CooccurrenceMode, type ExtractFilter } from '../../../shared/query';
import { useQuery } from '../../query/query-client';
import { useUi } from '../../state/ui-store';
import { heatStyle, QueryError, ResultHeader, Segmented, useLookups } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, useQueryForm } from './queries-ui';

interface CooccurrenceForm {
  codeIds?: Id[];
  mode: CooccurrenceMode;
  count: CooccurrenceCount;
  view: 'matrix' | 'list';
  filter: ExtractFilter;
}

/**
 * Code co-occurrence: which codes are applied to the same passages (or the same turn), as a heat-coloured matrix and
 * as a list of pairs, most frequent first. A cell or pair opens the passages where the two codes meet.
 */
export function CooccurrenceQuery() {
  const lookups = useLookups();
  const [form, update] = useQueryForm<CooccurrenceForm>('cooccurrence', { mode: 'overlap', count: 'codings', view: 'matrix', filter: {} });
  const [pair, setPair] = useState<[Id, Id] | null>(null);
  const request = useMemo(
    () => ({ kind: 'cooccurrence' as const, ...(form.codeIds?.length ? { codeIds: form.codeIds } : {}), mode: form.mode, count: form.count, filter: cleanFilter(form.filter) }),
    [form.codeIds, form.mode, form.count, form.filter],
  );
  const result = useQuery(request);
  useEffect(() => setPair(null), [request]);
  const matrix = result.data?.matrix;
  const max = useMemo(() => (matrix ? matrix.counts.reduce((m, row, i) => row.reduce((n, v, j) => (i === j ? n : Math.max(n, v)), m), 0) : 0), [matrix]);
  const table = form.view === 'list' ? result.data?.listTable : matrix ? cooccurrenceToTable(matrix) : undefined;
  const name = (id: Id) => lookups.codes.get(id)?.name ?? '';
  const unit = form.count === 'codings' ? 'pairs of codings' : form.count === 'documents' ? 'documents' : 'participants';

  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <span className="query-row-label">Codes</span>
          <SelectionPicker value={{ codeIds: form.codeIds ?? [] }} themes={false} onChange={(s) => update({ codeIds: s.codeIds?.length ? [...s.codeIds] : undefined })} label="Codes to cross (none chosen: every code)" />
          <span className="query-row-label">meet when</span>
          <Segmented label="Codes meet when" value={form.mode} onChange={(mode) => update({ mode })} options={[{ value: 'overlap', label: 'They overlap' }, { value: 'same-turn', label: 'In the same turn' }]} />
          <span className="query-row-label">counting</span>
          <Segmented
            label="Count"
            value={form.count}
            onChange={(count) => update({ count })}
            options={[
              { value: 'codings', label: 'Pairs' },
              { value: 'documents', label: 'Documents' },
              { value: 'cases', label: 'Participants' },
            ]}
          />
        </div>
        <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />
      </div>
      <section className="query-result" aria-label="Code co-occurrence">
        <ResultHeader title="Co-occurrence" count={result.data ? `${result.data.list.length} pairs of codes` : undefined} loading={result.loading} table={table} fileName={`code co-occurrence ${form.view}`}>
          <Segmented label="Show as" value={form.view} onChange={(view) => update({ view })} options={[{ value: 'matrix', label: 'Matrix' }, { value: 'list', label: 'List' }]} />
        </ResultHeader>
        <QueryError message={result.error} />
        {matrix && form.view === 'matrix' && (
          <>
            <p className="hint matrix-caption">Number of {unit} where the two codes meet; the diagonal (shaded) is each code's own number. Click a cell to read the passages.</p>
            <div className="matrix-scroll">
              <table className="matrix heat-matrix cooccurrence-matrix" aria-label="Co-occurrence matrix">
                <thead>
                  <tr>
                    <th scope="col" className="matrix-corner">
                      Code
                    </th>
                    {matrix.codeIds.map((id) => (
                      <th key={id} scope="col" className="vertical" title={lookups.codes.get(id) ? matrix.codeNames[matrix.codeIds.indexOf(id)] : undefined}>
                        <span>{name(id)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.codeIds.map((a, i) => (
                    <tr key={a}>
                      <th scope="row" title={matrix.codeNames[i]}>
                        <span className="swatch" style={{ background: lookups.codes.get(a)?.color }} aria-hidden="true" />
                        {name(a)}
                      </th>
                      {matrix.codeIds.map((b, j) => {
                        const v = matrix.counts[i]![j]!;
                        if (i === j) {
                          return (
                            <td key={b} className="diagonal" title={`${name(a)}: ${v}`}>
                              {v}
                            </td>
                          );
                        }
                        const selected = !!pair && ((pair[0] === a && pair[1] === b) || (pair[0] === b && pair[1] === a));
                        return (
                          <td key={b} style={heatStyle(v, max)} className={selected ? 'selected' : undefined}>
                            {v > 0 ? (
                              <button type="button" aria-pressed={selected} aria-label={`${name(a)} with ${name(b)}: ${v}`} onClick={() => setPair(selected ? null : [a, b])}>
                                {v}
                              </button>
                            ) : (
                              <span className="zero">·</span>
                            )}
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
        {result.data && form.view === 'list' && (
          <table className="pair-list">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Meets</th>
                <th scope="col" className="num">
                  {form.count === 'codings' ? 'Pairs' : form.count === 'documents' ? 'Documents' : 'Participants'}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.data.list.map((p) => (
                <tr key={`${p.codeA}|${p.codeB}`} className={pair && pair[0] === p.codeA && pair[1] === p.codeB ? 'selected' : undefined}>
                  <td>{result.data!.matrix.codeNames[result.data!.matrix.codeIds.indexOf(p.codeA)]}</td>
                  <td>{result.data!.matrix.codeNames[result.data!.matrix.codeIds.indexOf(p.codeB)]}</td>
                  <td className="num">
                    <button type="button" className="link-button" onClick={() => setPair([p.codeA, p.codeB])} aria-label={`Read the passages where ${name(p.codeA)} meets ${name(p.codeB)}`}>
                      {p.count}
                    </button>
                  </td>
                </tr>
              ))}
              {result.data.list.length === 0 && (
                <tr>
                  <td colSpan={3} className="hint">
                    No two codes meet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {pair && <PairPassages pair={pair} mode={form.mode} filter={form.filter} onClose={() => setPair(null)} />}
      </section>
    </div>
  );
}

function PairPassages({ pair, mode, filter, onClose }: { pair: [Id, Id]; mode: CooccurrenceMode; filter: ExtractFilter; onClose: () => void }) {
  const lookups = useLookups();
  const reveal = useUi((s) => s.reveal);
  const request = useMemo(() => ({ kind: 'pairs' as const, codeIds: pair, mode, filter: cleanFilter(filter), limit: 500 }), [pair, mode, filter]);
  const result = useQuery(request);
  const a = lookups.codes.get(pair[0])?.name ?? '';
  const b = lookups.codes.get(pair[1])?.name ?? '';
  return (
    <section className="drilldown" aria-label="Passages where the two codes meet">
      <ResultHeader title={`Where “${a}” meets “${b}”`} count={result.data?.pairs.length} loading={result.loading} table={result.data?.table} fileName={`${a} with ${b}`}>
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </ResultHeader>
      <QueryError message={result.error} />
      <ol className="passage-list">
        {result.data?.pairs.map((p) => (
          <li key={`${p.a.id}|${p.b.id}`} className="extract">
            <blockquote className="extract-text">{p.passage.text}</blockquote>
            <div className="extract-meta">
              <span>{p.caseId ? lookups.cases.get(p.caseId)?.name : ''}</span>
              <span>{p.overlap ? `${p.overlap.end - p.overlap.start} characters coded with both` : 'in the same turn'}</span>
              <button type="button" className="small" onClick={() => reveal(p.documentId, p.passage.start, p.passage.end)}>
                Open in transcript
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
