import { useState } from 'react';
import type { PseudonymReportRow } from '../../../shared/protect';
import { documentTotals, otherPlacesCount, placesOf } from '../../protect/report-format';
import { CATEGORY_LABEL, plural } from './protect-ui';

/** What pseudonymisation replaces (or replaced) where: per term with its places, and per document. */
export function ReportView(props: { report: PseudonymReportRow[]; label: string; past?: boolean }) {
  const [showMissing, setShowMissing] = useState(false);
  const found = props.report.filter((r) => r.count > 0).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  const missing = props.report.filter((r) => r.count === 0);
  const documents = documentTotals(props.report);
  const elsewhere = otherPlacesCount(props.report);
  const total = found.reduce((sum, r) => sum + r.count, 0);

  return (
    <div className="report" aria-label={props.label} role="region">
      <dl className="report-figures">
        <div>
          <dt>{props.past ? 'Replaced' : 'Replacements'}</dt>
          <dd>{total.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt>Terms found</dt>
          <dd>
            {found.length}
            <span className="of"> of {props.report.length}</span>
          </dd>
        </div>
        <div>
          <dt>Documents</dt>
          <dd>{documents.length}</dd>
        </div>
        <div>
          <dt>Elsewhere</dt>
          <dd title="Memos, codes, themes, participants and other fields">{elsewhere.toLocaleString('en-GB')}</dd>
        </div>
      </dl>

      <div className="report-columns">
        <div className="report-card">
        <h4 className="report-card-title">By term</h4>
        <table className="protect-table report-table">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col" aria-label="replaced by" />
              <th scope="col">Replacement</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {found.map((row) => {
              const places = placesOf(row);
              return (
                <tr key={row.term}>
                  <td className="term-cell">
                    <span className="term-name">{row.term}</span>
                    <span className="term-category">{CATEGORY_LABEL[row.category]}</span>
                  </td>
                  <td className="arrow-cell" aria-hidden="true">
                    →
                  </td>
                  <td className="replacement-cell">{row.replacement}</td>
                  <td className="num">{row.count}</td>
                  <td>
                    <ul className="place-chips" aria-label={`Where ${row.term} ${props.past ? 'was' : 'is'} replaced`}>
                      {places.slice(0, 6).map((p) => (
                        <li key={p.key} title={`${p.kind}: ${p.label} (${p.fields.join(', ')})`}>
                          {p.kind !== 'Document' && <span className="place-kind">{p.kind}</span>}
                          <span className="place-label">{p.label}</span>
                          <span className="place-count">{p.count}</span>
                        </li>
                      ))}
                      {places.length > 6 && <li className="place-more">+{places.length - 6} more</li>}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>

        <div className="report-card">
        <h4 className="report-card-title">By document</h4>
        <table className="protect-table report-docs">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col" className="num">
                Terms
              </th>
              <th scope="col" className="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.documentId}>
                <td>{d.label}</td>
                <td className="num">{d.terms}</td>
                <td className="num">{d.count}</td>
              </tr>
            ))}
            {documents.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No document contains a term of the table.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        </div>
      </div>

      {missing.length > 0 && (
        <div className="report-missing">
          <button type="button" className="link-button" aria-expanded={showMissing} onClick={() => setShowMissing(!showMissing)}>
            {showMissing ? '▾' : '▸'} {plural(missing.length, 'term')} of the table {missing.length === 1 ? 'was' : 'were'} not found
          </button>
          {showMissing && <p className="muted">{missing.map((r) => r.term).join(', ')}</p>}
        </div>
      )}
    </div>
  );
}
