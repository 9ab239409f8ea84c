import { useMemo } from 'react';
import type { CodeSelection, ExtractFilter } from '../../../shared/query';
import { useQuery } from '../../query/query-client';
import { ExtractList, type ExtractGrouping } from '../themes/ExtractList';
import { useThemesUi } from '../themes/themes-ui';
import { QueryError, ResultHeader, Segmented, useLookups } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, isEmptySelection, useQueryForm } from './queries-ui';

interface SegmentsForm {
  selection: CodeSelection;
  filter: ExtractFilter;
  grouping: ExtractGrouping;
}

/** Coded segments: every extract of the chosen codes or themes, narrowed by documents, participants, attributes, coders and text. */
export function SegmentsQuery() {
  const [form, update] = useQueryForm<SegmentsForm>('segments', { selection: {}, filter: {}, grouping: 'code' });
  const template = useThemesUi((s) => s.template);
  const lookups = useLookups();
  const request = useMemo(
    () => (isEmptySelection(form.selection) ? null : { kind: 'extracts' as const, selection: form.selection, filter: cleanFilter(form.filter), template }),
    [form.selection, form.filter, template],
  );
  const result = useQuery(request);
  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <span className="query-row-label">Extracts of</span>
          <SelectionPicker value={form.selection} onChange={(selection) => update({ selection })} label="Codes and themes to retrieve" />
        </div>
        <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />
      </div>
      {!request ? (
        <p className="query-empty">Choose codes or themes to read their coded segments. A theme brings the codes of its subthemes too.</p>
      ) : (
        <section className="query-result" aria-label="Coded segments">
          <ResultHeader title="Coded segments" count={result.data?.extracts.length} loading={result.loading} table={result.data?.table} fileName="coded segments">
            <Segmented
              label="Group by"
              value={form.grouping}
              onChange={(grouping) => update({ grouping })}
              options={[
                { value: 'code', label: 'By code' },
                { value: 'case', label: 'By participant' },
                { value: 'document', label: 'By document' },
                { value: 'none', label: 'In order' },
              ]}
            />
          </ResultHeader>
          <QueryError message={result.error} />
          {result.data && (
            <ExtractList extracts={result.data.extracts} grouping={form.grouping} cases={lookups.cases} codes={lookups.codes} pageSize={200} empty={<p>No coded segments match.</p>} />
          )}
        </section>
      )}
    </div>
  );
}
