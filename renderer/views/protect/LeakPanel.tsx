import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { PseudonymTable } from '../../../shared/protect';
import { useProjectSession } from '../../app/project-session';
import { lastAuditSeq } from '../../commands/merge-commands';
import type { LeakRow } from '../../protect/protect-engine';
import type { LeakState } from '../../protect/protect-store';
import { useUi } from '../../state/ui-store';
import { CATEGORY_LABEL, plural, timeOf } from './protect-ui';

const FIELD_LABEL: Readonly<Record<string, string>> = {
  text: 'text',
  speaker: 'speaker label',
  name: 'name',
  title: 'title',
  description: 'description',
  source: 'source file',
  turns: 'speaker label',
};

/** The leak check: every real term of the table still anywhere in the project (texts, memos, code names, ...). */
export function LeakPanel(props: { table: PseudonymTable; state: LeakState; onCheck: () => void }) {
  const { db } = useProjectSession();
  const reveal = useUi((s) => s.reveal);
  const { rows, busy } = props.state;
  const seq = useLiveQuery(() => lastAuditSeq(db), [db]);
  const outdated = rows !== undefined && props.state.auditSeq !== undefined && seq !== undefined && seq !== props.state.auditSeq;
  const byTerm = useMemo(() => {
    const groups = new Map<string, LeakRow[]>();
    for (const row of rows ?? []) groups.set(row.term, [...(groups.get(row.term) ?? []), row]);
    return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  }, [rows]);

  return (
    <section className="protect-panel" aria-labelledby="protect-leaks-title">
      <header className="protect-panel-head">
        <div>
          <h2 id="protect-leaks-title">Leak check</h2>
          <p className="protect-lede">
            Looks for every real term of the table anywhere in the project: transcripts, speaker labels, document names, memos, code names and
            definitions, themes, participants and attributes. Any capitalisation counts, except for terms marked “match case”.
          </p>
        </div>
        <div className="protect-head-actions">
          <button type="button" className="primary" onClick={props.onCheck} disabled={busy || props.table.length === 0}>
            {busy ? 'Checking…' : rows ? 'Check again' : 'Check the project'}
          </button>
        </div>
      </header>

      {props.state.error && (
        <p className="protect-error" role="alert">
          {props.state.error}
        </p>
      )}

      {outdated && !busy && (
        <p className="protect-outdated" role="status">
          The project has changed since this check{props.state.checkedAt ? ` at ${timeOf(props.state.checkedAt)}` : ''}: check again before sharing anything.
        </p>
      )}

      {props.table.length === 0 ? (
        <div className="protect-empty">
          <p>
            <strong>The pseudonym table is empty.</strong> The leak check looks for the table’s real terms: add them first.
          </p>
        </div>
      ) : busy ? (
        <div className="protect-loading" role="status">
          <progress aria-label="Checking the project" />
          <span>Checking every record of the project…</span>
        </div>
      ) : !rows ? (
        <div className="protect-empty">
          <p>Run the check after applying the table, and before sharing anything.</p>
        </div>
      ) : rows.length === 0 ? (
        <div className={outdated ? 'leak-clear outdated' : 'leak-clear'} role="status">
          <span className="leak-clear-mark" aria-hidden="true">
            ✓
          </span>
          <div>
            <strong>No real terms found.</strong>
            <span>
              Checked {plural(props.state.terms ?? props.table.length, 'term')} across the whole project at {props.state.checkedAt ? timeOf(props.state.checkedAt) : ''}.
            </span>
          </div>
        </div>
      ) : (
        <div className="leak-results" role="region" aria-label="Leak check results">
          <p className="leak-summary" role="status">
            <strong>
              {plural(rows.length, 'place')} still {rows.length === 1 ? 'holds' : 'hold'} {plural(byTerm.length, 'real term')}.
            </strong>{' '}
            Apply the table to the whole project, or edit these by hand.
          </p>
          {byTerm.map(([term, hits]) => (
            <div key={term} className="leak-group">
              <h3>
                {term} <span className="term-category">{CATEGORY_LABEL[hits[0]!.category]}</span>
                <span className="leak-count">×{hits.length}</span>
              </h3>
              <ul>
                {hits.slice(0, 50).map((hit, i) => (
                  <li key={i}>
                    <span className="leak-where">
                      {hit.kind} · {hit.label}
                      {hit.field && <span className="muted"> · {FIELD_LABEL[hit.field] ?? hit.field}</span>}
                    </span>
                    <span className="leak-context">{marked(hit.context, hit.found)}</span>
                    {hit.documentId && hit.start !== undefined && hit.end !== undefined && (
                      <button type="button" className="small" onClick={() => reveal(hit.documentId!, hit.start!, hit.end!)} aria-label={`Show ${hit.found} in ${hit.label}`}>
                        Show
                      </button>
                    )}
                  </li>
                ))}
                {hits.length > 50 && <li className="muted">and {hits.length - 50} more</li>}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** The context with the term found marked (its first occurrence). */
function marked(context: string, found: string) {
  const at = context.indexOf(found);
  if (at < 0) return context;
  return (
    <>
      {context.slice(0, at)}
      <mark>{found}</mark>
      {context.slice(at + found.length)}
    </>
  );
}
