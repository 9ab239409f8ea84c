import { useId, type ReactNode } from 'react';
import type { CodeMatch, MergeConflict } from '../../../shared/exchange/merge';
import type { Id } from '../../../shared/model/types';
import { plural } from '../../../shared/text/plural';
import {
  choiceValue,
  codeChoiceOptions,
  codeGroups,
  conflictFieldName,
  conflictGroups,
  documentCounts,
  documentRows,
  formatBytes,
  isNothingToChange,
  listPhrase,
  outcomeHeadline,
  parseChoiceValue,
} from './merge-preview';
import { useTeamMerge, type PreviewState } from './team-merge';

interface CurrentCode {
  id: Id;
  path: string;
  color: string;
}

function Section(props: { title: string; count?: number | string; children: ReactNode; tone?: 'attention' }) {
  const id = useId();
  return (
    <section className={`merge-section${props.tone ? ` ${props.tone}` : ''}`} aria-labelledby={id}>
      <h3 id={id}>
        {props.title}
        {props.count !== undefined && <span className="merge-count">{props.count}</span>}
      </h3>
      {props.children}
    </section>
  );
}

function Tile(props: { label: string; value: number; tone?: 'new' | 'attention' | 'quiet' }) {
  return (
    <li className={`merge-tile${props.value > 0 && props.tone ? ` ${props.tone}` : ''}`}>
      <span className="merge-tile-value">{props.value.toLocaleString('en-GB')}</span>
      <span className="merge-tile-label">{props.label}</span>
    </li>
  );
}

function ConflictValue({ conflict, side }: { conflict: MergeConflict; side: 'current' | 'incoming' }) {
  const value = conflict[side];
  if (conflict.field === 'color') {
    return (
      <span className="conflict-value">
        <span className="swatch" style={{ background: value }} aria-hidden="true" /> {value}
      </span>
    );
  }
  return <span className="conflict-value text">{value}</span>;
}

function UnmatchedCode({ match, currentCodes, choice, remembered }: { match: CodeMatch; currentCodes: CurrentCode[]; choice: string; remembered: boolean }) {
  const setCodeChoice = useTeamMerge((s) => s.setCodeChoice);
  const { suggested, others } = codeChoiceOptions(match, currentCodes);
  return (
    <tr>
      <th scope="row" className="code-path">
        {match.path}
      </th>
      <td>
        {match.suggestions.length === 0 ? (
          <span className="muted">No similar code here</span>
        ) : (
          <ul className="suggestions">
            {match.suggestions.map((s) => (
              <li key={s.currentId}>
                {s.path} <span className="muted">{Math.round(s.similarity * 100)}%</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <select aria-label={`What to do with “${match.path}”`} value={choice} onChange={(e) => setCodeChoice(match.incomingId, parseChoiceValue(e.target.value))}>
          <option value="add">Add as a new code</option>
          {suggested.length > 0 && (
            <optgroup label="Similar codes here">
              {suggested.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label="Other codes here">
              {others.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {remembered && <span className="merge-remembered">as in the last merge of this code</span>}
      </td>
    </tr>
  );
}

/** What merging a colleague's file would change, with the choices it leaves to the user. Nothing is written yet. */
export function MergePreview(props: {
  preview: PreviewState;
  currentCodes: CurrentCode[];
  documentNames: ReadonlyMap<Id, string>;
  onMerge: () => void;
  onClose: () => void;
  onChooseAnother: () => void;
}) {
  const { preview, currentCodes, documentNames } = props;
  const { plan, outcome, facts, choices } = preview;
  // A remembered choice is marked while it stands; once the user picks something else it is theirs.
  const rememberedNow = new Set(
    Object.entries(preview.remembered)
      .filter(([id, currentId]) => {
        const choice = choices.codes[id];
        return choice?.action === 'map' && choice.currentId === currentId;
      })
      .map(([id]) => id),
  );
  const setConflictChoice = useTeamMerge((s) => s.setConflictChoice);
  const setAllConflicts = useTeamMerge((s) => s.setAllConflicts);
  const nothing = isNothingToChange(outcome, plan.conflicts.length);
  const codes = codeGroups(plan.codes);
  const docs = documentRows(plan.documents, documentNames);
  const docCounts = documentCounts(plan.documents);
  const groups = conflictGroups(plan.conflicts);
  const warnings = [...preview.readWarnings, ...plan.warnings];
  const busy = preview.busy;
  const codingsDuplicates = plan.summary.codings.duplicates;
  const newAttributes = plan.attributes.filter((a) => a.match === 'new').map((a) => a.name);
  const takenCount = Object.values(choices.conflicts).filter((v) => v === 'incoming').length;

  return (
    <section className="merge-preview" aria-label="Merge preview" aria-busy={busy !== undefined}>
      <header className="merge-head">
        <div className="merge-head-text">
          <p className="merge-eyebrow">Preview · nothing changes until you merge</p>
          <h2>Merging “{facts.fileName}”</h2>
          <p className="merge-facts">
            From “{facts.projectName}” · {formatBytes(facts.size)} · {plural(facts.documents, 'document')} · {plural(facts.codes, 'code')} ·{' '}
            {plural(facts.codings, 'coding')}
            {facts.coders.length > 0 && <> · coded by {listPhrase(facts.coders)}</>}
          </p>
        </div>
        <div className="merge-head-actions">
          <button type="button" onClick={props.onClose} disabled={busy === 'merging'}>
            {nothing ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="primary" onClick={props.onMerge} disabled={nothing || busy !== undefined}>
            {busy === 'merging' ? 'Merging…' : 'Merge'}
          </button>
        </div>
      </header>

      <div className={`merge-headline${nothing ? ' nothing' : ''}`} role="status" aria-live="polite">
        {nothing ? (
          <>
            <strong>Nothing to change</strong>
            <span>
              Everything in this file is already in the project
              {codingsDuplicates ? ` (${plural(codingsDuplicates, 'coding')} matched)` : ''}.
            </span>
            <button type="button" className="link-button" onClick={props.onChooseAnother}>
              Choose another file…
            </button>
          </>
        ) : (
          <span>{busy === 'refreshing' ? 'The project changed: comparing again…' : outcomeHeadline(outcome, plan.conflicts.length)}</span>
        )}
      </div>

      <ul className="merge-tiles" aria-label="Summary">
        <Tile label="New documents" value={outcome.added.documents} tone="new" />
        <Tile label="New codes" value={outcome.added.codes} tone="new" />
        <Tile label="Codings to add" value={outcome.added.codings} tone="new" />
        <Tile label="Memos to add" value={outcome.added.memos} tone="new" />
        <Tile label="Differences" value={plan.conflicts.length} tone="attention" />
        <Tile label="Unplaced codings" value={plan.unplaced.length} tone="attention" />
      </ul>

      <div className="merge-sections">
        <Section title="Codings to add" count={outcome.added.codings}>
          {outcome.codingsByCoder.length === 0 ? (
            <p className="merge-empty">No new codings.</p>
          ) : (
            <table className="merge-table">
              <thead>
                <tr>
                  <th scope="col">Coder</th>
                  <th scope="col" className="num">
                    Codings to add
                  </th>
                </tr>
              </thead>
              <tbody>
                {outcome.codingsByCoder.map((c) => (
                  <tr key={c.coderId}>
                    <th scope="row">
                      <span className="coder-dot small" style={{ background: c.color }} aria-hidden="true">
                        {c.initials}
                      </span>
                      {c.name}
                      {c.isNew && <span className="team-badge team-badge-new">New coder</span>}
                    </th>
                    <td className="num">{c.count.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {codingsDuplicates > 0 && <p className="merge-note">{plural(codingsDuplicates, 'coding')} already in this project will not be added again.</p>}
        </Section>

        <Section title="Codes" count={plan.codes.length} tone={codes.unmatched.length ? 'attention' : undefined}>
          <p className="merge-chips">
            <span className="chip-count">{codes.byGuid.length} matched by GUID</span>
            <span className="chip-count">{codes.byPath.length} matched by name path</span>
            <span className={`chip-count${codes.unmatched.length ? ' new' : ''}`}>{codes.unmatched.length} not matched</span>
          </p>
          {codes.unmatched.length > 0 && (
            <>
              <p className="merge-note">Codes not found here are added as new codes unless you map them to a code already here.</p>
              <table className="merge-table codes-table">
                <thead>
                  <tr>
                    <th scope="col">Code in the file</th>
                    <th scope="col">Similar codes here</th>
                    <th scope="col">What to do</th>
                  </tr>
                </thead>
                <tbody>
                  {codes.unmatched.map((m) => (
                    <UnmatchedCode
                      key={m.incomingId}
                      match={m}
                      currentCodes={currentCodes}
                      choice={choiceValue(choices.codes[m.incomingId])}
                      remembered={rememberedNow.has(m.incomingId)}
                    />
                  ))}
                </tbody>
              </table>
            </>
          )}
          {outcome.updatedCodePaths.length > 0 && (
            <p className="merge-note">Definitions, colours or criteria filled in or taken for {listPhrase(outcome.updatedCodePaths.map((p) => `“${p}”`))}.</p>
          )}
          {codes.byPath.length > 0 && (
            <details className="merge-details">
              <summary>Matched by name path ({codes.byPath.length})</summary>
              <ul className="merge-list">
                {codes.byPath.map((m) => (
                  <li key={m.incomingId}>{m.path}</li>
                ))}
              </ul>
            </details>
          )}
          {codes.byGuid.length > 0 && (
            <details className="merge-details">
              <summary>Matched by GUID ({codes.byGuid.length})</summary>
              <ul className="merge-list columns">
                {codes.byGuid.map((m) => (
                  <li key={m.incomingId}>{m.path}</li>
                ))}
              </ul>
            </details>
          )}
        </Section>

        <Section title="Documents" count={plan.documents.length}>
          <p className="merge-chips">
            <span className="chip-count">{docCounts.content} same text (by hash)</span>
            <span className={`chip-count${docCounts.name + docCounts.edited ? ' attention' : ''}`}>
              {docCounts.name + docCounts.edited} by name, codings remapped
            </span>
            <span className={`chip-count${docCounts.new ? ' new' : ''}`}>{docCounts.new} new</span>
          </p>
          {docs.length > 0 && (
            <details className="merge-details" open={docCounts.new + docCounts.name + docCounts.edited > 0}>
              <summary>Every document ({docs.length})</summary>
              <table className="merge-table">
                <tbody>
                  {docs.map((d) => (
                    <tr key={d.incomingId}>
                      <th scope="row">
                        {d.name}
                        {d.currentName && <span className="muted"> (here: {d.currentName})</span>}
                      </th>
                      <td>
                        <span className={`team-badge team-badge-${d.match}`}>{d.label}</span>
                      </td>
                      <td className="muted">{d.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </Section>

        {groups.length > 0 && (
          <Section title="Differences to decide" count={plan.conflicts.length} tone="attention">
            <div className="conflict-tools">
              <p className="merge-note">
                The same item differs between this project and the file. Yours is kept unless you take theirs
                {takenCount ? ` (taking theirs for ${takenCount})` : ''}.
              </p>
              <button type="button" onClick={() => setAllConflicts('current')}>
                Keep all mine
              </button>
              <button type="button" onClick={() => setAllConflicts('incoming')}>
                Take all theirs
              </button>
            </div>
            {groups.map((g) => (
              <div key={g.kind} className="conflict-group">
                <h4>{g.title}</h4>
                {g.conflicts.map((c) => {
                  const choice = choices.conflicts[c.id] ?? 'current';
                  return (
                    <fieldset key={c.id} className="conflict">
                      <legend>
                        <strong>{c.label}</strong> · {conflictFieldName(c)}
                      </legend>
                      <label className={`conflict-option${choice === 'current' ? ' chosen' : ''}`}>
                        <input type="radio" name={c.id} checked={choice === 'current'} onChange={() => setConflictChoice(c.id, 'current')} />
                        <span className="conflict-side">Keep mine</span>
                        <ConflictValue conflict={c} side="current" />
                      </label>
                      <label className={`conflict-option${choice === 'incoming' ? ' chosen' : ''}`}>
                        <input type="radio" name={c.id} checked={choice === 'incoming'} onChange={() => setConflictChoice(c.id, 'incoming')} />
                        <span className="conflict-side">Take theirs</span>
                        <ConflictValue conflict={c} side="incoming" />
                      </label>
                    </fieldset>
                  );
                })}
              </div>
            ))}
          </Section>
        )}

        <Section title="Memos, cases and attributes">
          <dl className="merge-facts-list">
            <div>
              <dt>Memos</dt>
              <dd>
                {plural(outcome.added.memos, 'memo')} to add
                {plan.summary.memos.unchanged ? `, ${plan.summary.memos.unchanged} already here` : ''}
              </dd>
            </div>
            <div>
              <dt>Cases</dt>
              <dd>
                {outcome.newCaseNames.length ? `New: ${listPhrase(outcome.newCaseNames)}` : 'No new cases'}
                {plan.summary.cases.matched ? ` · ${plan.summary.cases.matched} matched` : ''}
              </dd>
            </div>
            <div>
              <dt>Attributes</dt>
              <dd>
                {newAttributes.length ? `New: ${listPhrase(newAttributes)}` : 'No new attributes'}
                {plan.summary.attributes.matched ? ` · ${plan.summary.attributes.matched} matched` : ''}
              </dd>
            </div>
            <div>
              <dt>Attribute values</dt>
              <dd>{plural(outcome.added.attributeValues, 'value')} to add</dd>
            </div>
            <div>
              <dt>Themes</dt>
              <dd>
                {outcome.newThemeNames.length ? `New: ${listPhrase(outcome.newThemeNames)}` : 'No new themes'}
                {plan.summary.themes.matched ? ` · ${plan.summary.themes.matched} matched` : ''}
              </dd>
            </div>
            <div>
              <dt>Coders</dt>
              <dd>{outcome.newCoderNames.length ? `New: ${listPhrase(outcome.newCoderNames)}` : 'No new coders'}</dd>
            </div>
          </dl>
        </Section>

        {warnings.length > 0 && (
          <Section title="Warnings" count={warnings.length} tone="attention">
            <ul className="merge-warnings">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </Section>
        )}

        {plan.unplaced.length > 0 && (
          <Section title="Codings that cannot be placed" count={plan.unplaced.length} tone="attention">
            <p className="merge-note">These are not added. Their passage, as the file has it, is shown so nothing is lost from sight.</p>
            <table className="merge-table">
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Code</th>
                  <th scope="col">Passage</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {plan.unplaced.map((u) => (
                  <tr key={u.incomingId}>
                    <th scope="row">{u.documentName}</th>
                    <td>{u.codePath}</td>
                    <td className="passage">“{u.text.length > 240 ? `${u.text.slice(0, 240)}…` : u.text}”</td>
                    <td className="muted">{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        )}
      </div>
    </section>
  );
}
