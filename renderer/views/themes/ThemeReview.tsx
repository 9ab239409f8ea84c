import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AttributeDefinition, Id } from '../../../shared/model/types';
import { nOfN, type CoverageGroup, type SupportCount } from '../../../shared/query/coverage';
import { useProjectSession } from '../../app/project-session';
import { useQuery } from '../../query/query-client';
import { SaveTableButtons } from '../queries/SaveTable';
import { ExtractList } from './ExtractList';
import type { ThemesData } from './theme-data';
import { useThemesUi } from './themes-ui';

/**
 * Phase 4, reviewing a theme: every extract of the theme on one page, grouped by code or by participant, and its
 * coverage at a glance: how many participants and documents support it (n of N), by an attribute such as agency,
 * with those that do not listed by name.
 */
export function ThemeReview({ data, themeId }: { data: ThemesData; themeId?: Id }) {
  const { db } = useProjectSession();
  const theme = themeId ? data.themeById.get(themeId) : undefined;
  const attributes = useLiveQuery(() => db.attributes.orderBy('order').toArray(), [db]);
  const caseList = useLiveQuery(() => db.cases.orderBy('order').toArray(), [db]);
  const documentList = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);
  const grouping = useThemesUi((s) => s.grouping);
  const setGrouping = useThemesUi((s) => s.setGrouping);
  const storedAttribute = useThemesUi((s) => s.coverageAttributeId);
  const setAttribute = useThemesUi((s) => s.setCoverageAttribute);
  const template = useThemesUi((s) => s.template);
  const setTemplate = useThemesUi((s) => s.setTemplate);
  const [templateDraft, setTemplateDraft] = useState(template);

  const attributeId = useMemo(() => {
    if (!attributes) return undefined;
    if (storedAttribute && attributes.some((a) => a.id === storedAttribute)) return storedAttribute;
    return (attributes.find((a) => a.scope === 'case' && a.type === 'category') ?? attributes.find((a) => a.scope === 'case'))?.id;
  }, [attributes, storedAttribute]);

  const request = useMemo(
    () => (theme && attributes ? { kind: 'review' as const, themeId: theme.id, template, ...(attributeId ? { attributeId } : {}) } : null),
    [theme, attributes, attributeId, template],
  );
  const review = useQuery(request);
  const cases = useMemo(() => new Map((caseList ?? []).map((c) => [c.id, c])), [caseList]);
  const documents = useMemo(() => new Map((documentList ?? []).map((d) => [d.id, d])), [documentList]);

  if (!theme) {
    return (
      <div className="review-empty">
        <h2>Review a theme</h2>
        <p>Choose a theme in the list to read every extract it gathers and see which participants and agencies support it.</p>
      </div>
    );
  }
  const result = review.data;
  const coverage = result?.coverage;
  const caseName = (id: Id) => {
    const c = cases.get(id);
    return c ? (c.description ? `${c.name} (${c.description})` : c.name) : id;
  };
  return (
    <div className="theme-review" aria-busy={review.loading}>
      <header className="review-head" style={{ borderInlineStartColor: theme.color }}>
        <div className="review-title">
          <h2>{theme.name}</h2>
          <span className={`status status-${theme.status.replace(' ', '-')}`}>{theme.status}</span>
        </div>
        {theme.definition ? <p className="review-definition">{theme.definition}</p> : <p className="review-definition hint">No definition yet: write its central organising concept in the panel on the right.</p>}
      </header>

      {review.error && <p className="query-error" role="alert">{review.error}</p>}

      <section className="coverage" aria-labelledby="coverage-title">
        <div className="coverage-head">
          <h3 id="coverage-title">Coverage</h3>
          <label className="inline-field">
            <span>By</span>
            <select value={attributeId ?? ''} onChange={(e) => setAttribute(e.target.value || undefined)} aria-label="Break coverage down by attribute">
              {(attributes ?? []).map((a: AttributeDefinition) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.scope === 'document' ? ' (document)' : ''}
                </option>
              ))}
              {attributes?.length === 0 && <option value="">No attributes</option>}
            </select>
          </label>
          {result && <SaveTableButtons table={result.coverageTable} name={`${theme.name} coverage`} label="coverage" />}
        </div>
        {coverage ? (
          <>
            <div className="coverage-figures">
              <Figure label="Participants" count={coverage.cases} testId="coverage-participants" />
              <Figure label="Documents" count={coverage.documents} testId="coverage-documents" />
              <div className="figure">
                <span className="figure-value">{coverage.extractCount}</span>
                <span className="figure-label">extracts from {coverage.codeIds.length} codes</span>
              </div>
            </div>
            {coverage.byAttribute && (
              <table className="coverage-table" aria-label={`Coverage by ${coverage.byAttribute.attributeName}`}>
                <thead>
                  <tr>
                    <th scope="col">{coverage.byAttribute.attributeName}</th>
                    <th scope="col">Participants</th>
                    <th scope="col">Documents</th>
                    <th scope="col">Not supporting</th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.byAttribute.groups.map((g: CoverageGroup) => (
                    <tr key={g.label}>
                      <th scope="row">{g.label}</th>
                      <td>
                        <Bar count={g.cases} />
                      </td>
                      <td>
                        <Bar count={g.documents} />
                      </td>
                      <td className="coverage-missing">{g.cases.total > 0 ? g.cases.unsupported.map((id) => cases.get(id)?.name ?? id).join(', ') || '—' : g.documents.unsupported.map((id) => documents.get(id)?.name ?? id).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {coverage.cases.unsupported.length > 0 ? (
              <p className="coverage-unsupported">
                <strong>Not supported by {coverage.cases.unsupported.length} {coverage.cases.unsupported.length === 1 ? 'participant' : 'participants'}:</strong>{' '}
                {coverage.cases.unsupported.map(caseName).join('; ')}
              </p>
            ) : (
              coverage.cases.total > 0 && <p className="coverage-unsupported">Every participant supports this theme.</p>
            )}
          </>
        ) : (
          <p className="hint">{review.loading ? 'Counting…' : ''}</p>
        )}
      </section>

      <section className="review-extracts" aria-labelledby="extracts-title">
        <div className="review-toolbar">
          <h3 id="extracts-title">
            Extracts <span className="count">{result?.extracts.length ?? ''}</span>
          </h3>
          <div className="segmented" role="radiogroup" aria-label="Group extracts by">
            {(['code', 'case'] as const).map((g) => (
              <button key={g} type="button" role="radio" aria-checked={grouping === g} onClick={() => setGrouping(g)}>
                By {g === 'code' ? 'code' : 'participant'}
              </button>
            ))}
          </div>
          <label className="inline-field template-field">
            <span>Attribution</span>
            <input
              value={templateDraft}
              onChange={(e) => setTemplateDraft(e.target.value)}
              onBlur={() => setTemplate(templateDraft)}
              onKeyDown={(e) => e.key === 'Enter' && setTemplate(templateDraft)}
              aria-label="Attribution template"
              aria-describedby="template-help"
              spellCheck={false}
            />
          </label>
          {result && <SaveTableButtons table={result.table} name={`${theme.name} extracts`} label="extracts" />}
        </div>
        <p id="template-help" className={result?.templateError ? 'query-error' : 'hint template-help'}>
          {result?.templateError ?? 'Copied quotes end with this, e.g. {Role}, {case} or {Agency}, {case}; fields: {case}, {document}, {speaker}, {code}, {coder} and any attribute.'}
        </p>
        {result && (
          <ExtractList
            extracts={result.extracts}
            grouping={grouping}
            cases={cases}
            codes={data.codeById}
            pageSize={300}
            empty={<p>No extracts yet. Add codes to this theme on the map, or code passages with its codes.</p>}
          />
        )}
      </section>
    </div>
  );
}

function Figure({ label, count, testId }: { label: string; count: SupportCount; testId: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <span className="figure-value">
        {count.n}
        <span className="figure-of"> of {count.total}</span>
      </span>
      <span className="figure-label">{label.toLowerCase()} support it</span>
      <Bar count={count} bare />
    </div>
  );
}

function Bar({ count, bare }: { count: SupportCount; bare?: boolean }) {
  const share = count.total > 0 ? count.n / count.total : 0;
  return (
    <span className="bar-cell" title={`${nOfN(count)} (${Math.round(share * 100)}%)`}>
      <span className="bar" aria-hidden="true">
        <span className="bar-fill" style={{ width: `${share * 100}%` }} />
      </span>
      {!bare && <span className="bar-label">{nOfN(count)}</span>}
    </span>
  );
}
