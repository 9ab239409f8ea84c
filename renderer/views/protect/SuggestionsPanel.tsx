import { useMemo, useState } from 'react';
import { PSEUDONYM_CATEGORIES, type PseudonymCategory, type PseudonymEntry, type PseudonymTable } from '../../../shared/protect';
import { addPseudonymEntries, dismissSuggestions, restoreDismissedSuggestions } from '../../commands/protect-commands';
import type { ReviewSuggestion } from '../../protect/protect-engine';
import type { SuggestionsState } from '../../protect/protect-store';
import { PERSON_ROLES, proposeReplacements, ROLE_LABEL, type PersonRole } from '../../protect/replacements';
import { CATEGORY_LABEL, GROUP_LABEL, groupOf, plural, REASON_LABEL, termKey, timeOf, useRunCommand, type SuggestionGroup } from './protect-ui';

/** What the user changed on a suggestion before accepting it. */
interface Choice {
  category?: PseudonymCategory;
  role?: PersonRole;
  replacement?: string;
}

/**
 * Suggestions to review: each with its kind, how often it occurs and a few examples in context. Accepting adds it to
 * the table with a proposed replacement ("[Child 1]", "[School A]", "[Phone]"), which can be edited first.
 */
export function SuggestionsPanel(props: { table: PseudonymTable; dismissed: string[]; state: SuggestionsState; onScan: () => void }) {
  const run = useRunCommand();
  const [group, setGroup] = useState<SuggestionGroup>('all');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [announce, setAnnounce] = useState('');
  const { suggestions, busy } = props.state;

  const inTable = useMemo(() => new Set(props.table.map((e) => termKey(e.term))), [props.table]);
  const gone = useMemo(() => new Set(props.dismissed), [props.dismissed]);
  // Still to review: not accepted or dismissed since the scan. Most frequent first within each kind.
  const open = useMemo(
    () => (suggestions ?? []).filter((s) => !inTable.has(termKey(s.term)) && !gone.has(termKey(s.term))).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term)),
    [suggestions, inTable, gone],
  );
  const categoryOf = (s: ReviewSuggestion) => choices[s.term]?.category ?? s.category;
  const counts = useMemo(() => {
    const c: Record<SuggestionGroup, number> = { all: open.length, people: 0, places: 0, organisations: 0, numbers: 0 };
    for (const s of open) c[groupOf(choices[s.term]?.category ?? s.category)]++;
    return c;
  }, [open, choices]);
  const shown = group === 'all' ? open : open.filter((s) => groupOf(categoryOf(s)) === group);
  // Proposals follow the list order, after what the table already uses: accepting one leaves the others as they are.
  const proposals = useMemo(
    () =>
      proposeReplacements(
        props.table,
        open.map((s) => ({ category: choices[s.term]?.category ?? s.category, reason: s.reason, role: choices[s.term]?.role, override: choices[s.term]?.replacement })),
      ),
    [props.table, open, choices],
  );
  const proposalOf = new Map(open.map((s, i) => [s.term, proposals[i]!]));

  const choose = (term: string, change: Choice) => setChoices((all) => ({ ...all, [term]: { ...all[term], ...change } }));
  const entryOf = (s: ReviewSuggestion): PseudonymEntry => {
    const entry: PseudonymEntry = { term: s.term, replacement: proposalOf.get(s.term) ?? s.replacement, category: categoryOf(s) };
    if (s.caseSensitive) entry.caseSensitive = true;
    return entry;
  };
  const accept = async (s: ReviewSuggestion) => {
    const entry = entryOf(s);
    if (await run(addPseudonymEntries([entry]))) setAnnounce(`Added “${s.term}” as ${entry.replacement}.`);
  };
  const acceptAll = async () => {
    const entries = shown.map(entryOf);
    if (await run(addPseudonymEntries(entries, { skipExisting: true }))) setAnnounce(`Added ${plural(entries.length, 'term')} to the table.`);
  };
  const dismiss = async (s: ReviewSuggestion) => {
    if (await run(dismissSuggestions([s.term]))) setAnnounce(`Dismissed “${s.term}”.`);
  };

  return (
    <section className="protect-panel" aria-labelledby="protect-suggestions-title">
      <header className="protect-panel-head">
        <div>
          <h2 id="protect-suggestions-title">Suggestions to review</h2>
          <p className="protect-lede">
            Names, places, schools and numbers found in your documents: speakers, capitalised names that recur, phone numbers, postcodes, dates of
            birth, NHS and record numbers. Nothing is replaced until you accept it and apply the table.
          </p>
        </div>
        <div className="protect-head-actions">
          {props.dismissed.length > 0 && (
            <button type="button" onClick={() => void run(restoreDismissedSuggestions())}>
              Show {plural(props.dismissed.length, 'dismissed suggestion')} again
            </button>
          )}
          <button type="button" onClick={props.onScan} disabled={busy}>
            {busy ? 'Scanning…' : 'Scan again'}
          </button>
        </div>
      </header>

      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>

      {props.state.error && (
        <p className="protect-error" role="alert">
          {props.state.error}
        </p>
      )}

      {suggestions === undefined ? (
        <div className="protect-loading" role="status">
          <progress aria-label="Scanning the documents" />
          <span>Scanning every document for names, places and numbers…</span>
        </div>
      ) : (
        <>
          <div className="protect-toolbar">
            <div className="protect-segmented" role="group" aria-label="Show suggestions of one kind">
              {(Object.keys(GROUP_LABEL) as SuggestionGroup[]).map((g) => (
                <button key={g} type="button" aria-pressed={group === g} className={group === g ? 'on' : ''} onClick={() => setGroup(g)} disabled={g !== 'all' && counts[g] === 0}>
                  {GROUP_LABEL[g]} <span className="protect-segment-count">{counts[g]}</span>
                </button>
              ))}
            </div>
            <span className="protect-count">{props.state.scannedAt && `Scanned at ${timeOf(props.state.scannedAt)}`}</span>
            <button type="button" onClick={() => void acceptAll()} disabled={shown.length === 0 || busy}>
              Accept all {shown.length > 0 ? shown.length : ''} shown
            </button>
          </div>

          {open.length === 0 ? (
            <div className="protect-empty">
              <p>
                <strong>Nothing left to review.</strong>{' '}
                {suggestions.length === 0
                  ? 'No names, places or numbers were found that are not already in the table.'
                  : 'Every suggestion is in the table or dismissed. Scan again after importing more documents.'}
              </p>
            </div>
          ) : (
            <ul className="suggestion-list" aria-label="Suggestions">
              {shown.map((s) => {
                const category = categoryOf(s);
                const choice = choices[s.term] ?? {};
                return (
                  <li key={s.term} className="suggestion">
                    <div className="suggestion-main">
                      <div className="suggestion-title">
                        <span className="suggestion-term">{s.term}</span>
                        <span className="reason-badge">{REASON_LABEL[s.reason]}</span>
                        {s.caseSensitive && (
                          <span className="reason-badge subtle" title="Also an ordinary word: only this capitalisation is replaced">
                            Match case
                          </span>
                        )}
                        <span className="suggestion-count">
                          {plural(s.count, 'time')} in {plural(s.documentCount, 'document')}
                        </span>
                      </div>
                      <ul className="suggestion-examples" aria-label={`Examples of ${s.term}`}>
                        {s.examples.map((x) => (
                          <li key={`${x.documentId}:${x.start}`}>
                            <span className="example-document" title={x.documentName}>{x.documentName}</span>
                            <span className="example-text">
                              {x.before}
                              <mark>{x.match}</mark>
                              {x.after}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </div>
                    <div className="suggestion-controls">
                      <label className="add-field">
                        <span>Category</span>
                        <select
                          aria-label={`Category of ${s.term}`}
                          value={category}
                          onChange={(e) => choose(s.term, { category: e.target.value as PseudonymCategory, replacement: undefined })}
                        >
                          {PSEUDONYM_CATEGORIES.map((c) => (
                            <option key={c} value={c}>
                              {CATEGORY_LABEL[c]}
                            </option>
                          ))}
                        </select>
                      </label>
                      {category === 'person' && (
                        <label className="add-field">
                          <span>Role</span>
                          <select
                            aria-label={`Role of ${s.term}`}
                            value={choice.role ?? (s.reason === 'speaker' ? 'participant' : 'person')}
                            onChange={(e) => choose(s.term, { role: e.target.value as PersonRole, replacement: undefined })}
                          >
                            {PERSON_ROLES.map((r) => (
                              <option key={r} value={r}>
                                {ROLE_LABEL[r]}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                      <label className="add-field grow">
                        <span>Replacement</span>
                        <input
                          aria-label={`Replacement for ${s.term}`}
                          value={choice.replacement ?? proposalOf.get(s.term) ?? ''}
                          onChange={(e) => choose(s.term, { replacement: e.target.value })}
                          onKeyDown={(e) => e.key === 'Enter' && void accept(s)}
                        />
                      </label>
                      <div className="suggestion-buttons">
                        <button type="button" className="primary" onClick={() => void accept(s)} aria-label={`Accept ${s.term}`}>
                          Accept
                        </button>
                        <button type="button" onClick={() => void dismiss(s)} aria-label={`Dismiss ${s.term}`}>
                          Dismiss
                        </button>
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
