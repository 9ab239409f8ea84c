import { useMemo, useState } from 'react';
import type { BooleanHit, BooleanOperator, CodeSelection, ExtractFilter } from '../../../shared/query';
import { useQuery } from '../../query/query-client';
import { useUi } from '../../state/ui-store';
import { QueryError, ResultHeader, Segmented } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, isEmptySelection, useQueryForm } from './queries-ui';

interface BooleanForm {
  a: CodeSelection;
  b: CodeSelection;
  operator: BooleanOperator;
  scope: 'overlap' | 'same-turn';
  range: 'union' | 'intersection';
  distance: number;
  filter: ExtractFilter;
}

const OPERATORS: { value: BooleanOperator; label: string; explain: string }[] = [
  { value: 'and', label: 'AND', explain: 'passages coded with both' },
  { value: 'or', label: 'OR', explain: 'passages coded with either' },
  { value: 'not', label: 'NOT', explain: 'passages coded with the first and not the second' },
  { value: 'near', label: 'NEAR', explain: 'the first within some turns of the second' },
];

/** Boolean code queries: A AND B, A OR B, A NOT B, A NEAR B (within n turns), each side a choice of codes or themes. */
export function BooleanQueryView() {
  const [form, update] = useQueryForm<BooleanForm>('boolean', { a: {}, b: {}, operator: 'and', scope: 'overlap', range: 'union', distance: 1, filter: {} });
  const ready = !isEmptySelection(form.a) && !isEmptySelection(form.b);
  const request = useMemo(
    () =>
      ready
        ? {
            kind: 'boolean' as const,
            query: {
              operator: form.operator,
              a: form.a,
              b: form.b,
              ...(form.operator === 'and' || form.operator === 'not' ? { scope: form.scope } : {}),
              ...(form.operator === 'and' && form.scope === 'overlap' ? { range: form.range } : {}),
              ...(form.operator === 'near' ? { distance: form.distance } : {}),
              filter: cleanFilter(form.filter),
            },
          }
        : null,
    [ready, form.operator, form.a, form.b, form.scope, form.range, form.distance, form.filter],
  );
  const result = useQuery(request);
  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <SelectionPicker value={form.a} onChange={(a) => update({ a })} label="First codes or themes (A)" />
          <Segmented label="Operator" value={form.operator} onChange={(operator) => update({ operator })} options={OPERATORS.map((o) => ({ value: o.value, label: o.label }))} />
          <SelectionPicker value={form.b} onChange={(b) => update({ b })} label="Second codes or themes (B)" />
        </div>
        <div className="query-row">
          <span className="hint">{OPERATORS.find((o) => o.value === form.operator)?.explain}</span>
          {(form.operator === 'and' || form.operator === 'not') && (
            <Segmented
              label="Where"
              value={form.scope}
              onChange={(scope) => update({ scope })}
              options={[
                { value: 'overlap', label: 'Same words' },
                { value: 'same-turn', label: 'Same turn' },
              ]}
            />
          )}
          {form.operator === 'and' && form.scope === 'overlap' && (
            <Segmented
              label="Show"
              value={form.range}
              onChange={(range) => update({ range })}
              options={[
                { value: 'union', label: 'Whole codings' },
                { value: 'intersection', label: 'Only the shared words' },
              ]}
            />
          )}
          {form.operator === 'near' && (
            <label className="inline-field">
              within
              <input type="number" min={0} max={20} value={form.distance} onChange={(e) => update({ distance: Math.max(0, Math.min(20, Math.round(Number(e.target.value) || 0))) })} aria-label="Most turns apart" />
              turns
            </label>
          )}
        </div>
        <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />
      </div>
      {!request ? (
        <p className="query-empty">Choose codes or themes on both sides, e.g. “Parents excluded or overwhelmed” AND “Language and jargon”.</p>
      ) : (
        <section className="query-result" aria-label="Boolean query results">
          <ResultHeader title="Passages" count={result.data?.hits.length} loading={result.loading} table={result.data?.table} fileName={`boolean query ${form.operator}`} />
          <QueryError message={result.error} />
          {result.data && result.data.hits.length === 0 && <p className="query-empty">No passages match.</p>}
          <ol className="passage-list">
            {result.data?.hits.slice(0, 500).map((h) => <HitItem key={`${h.documentId}|${h.start}|${h.end}`} hit={h} />)}
          </ol>
          {result.data && result.data.hits.length > 500 && <p className="hint">The first 500 of {result.data.hits.length} are shown; save the table for all.</p>}
        </section>
      )}
    </div>
  );
}

function HitItem({ hit }: { hit: BooleanHit }) {
  const [context, setContext] = useState(false);
  const reveal = useUi((s) => s.reveal);
  const before = hit.context.text.slice(0, Math.max(0, hit.start - hit.context.start));
  const after = hit.context.text.slice(Math.max(0, hit.end - hit.context.start));
  return (
    <li className="extract">
      <blockquote className="extract-text">{hit.text}</blockquote>
      <div className="extract-meta">
        <span>{[hit.caseName ?? hit.documentName, hit.context.speaker].filter(Boolean).join(' · ')}</span>
        <span>
          {hit.codingIdsA.length} of A, {hit.codingIdsB.length} of B
        </span>
      </div>
      <div className="extract-actions">
        <button type="button" className="small" aria-expanded={context} onClick={() => setContext(!context)}>
          {context ? 'Hide context' : 'Context'}
        </button>
        <button type="button" className="small" onClick={() => reveal(hit.documentId, hit.start, hit.end)}>
          Open in transcript
        </button>
      </div>
      {context && (
        <div className="extract-context">
          <p>
            {before}
            <mark>{hit.text}</mark>
            {after}
          </p>
        </div>
      )}
    </li>
  );
}
