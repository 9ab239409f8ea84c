import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import {
  formatPseudonymTable,
  isEncryptedContainer,
  parsePseudonymTable,
  PSEUDONYM_CATEGORIES,
  readContainerHeader,
  type PseudonymCategory,
  type PseudonymEntry,
  type PseudonymTable,
} from '../../../shared/protect';
import { useProjectSession } from '../../app/project-session';
import {
  addPseudonymEntries,
  deletePseudonymEntries,
  importEffect,
  importPseudonymTable,
  updatePseudonymEntry,
} from '../../commands/protect-commands';
import { ConfirmDialog } from '../../components/Dialog';
import { catalogue } from '../../db/catalogue';
import { localDate, safeFileStem } from '../../exchange/file-names';
import { platform } from '../../platform';
import { PassphraseDialog } from '../../protect/PassphraseDialog';
import { decryptInWorker, STAGE_LABEL } from '../../protect/protect-client';
import { ProtectedSaveDialog } from '../../protect/ProtectedSaveDialog';
import type { SaveRequest } from '../../protect/protected-save';
import { PERSON_ROLES, proposeReplacement, ROLE_LABEL, type PersonRole } from '../../protect/replacements';
import { useUi } from '../../state/ui-store';
import { CATEGORY_LABEL, plural, termKey, useRunCommand } from './protect-ui';

const TABLE_FILTERS = [
  { name: 'Pseudonym table (CSV, or encrypted)', extensions: ['csv', 'tsv', 'txt', 'tessera-enc'] },
  { name: 'All files', extensions: ['*'] },
];

type Incoming = { fileName: string; entries: PseudonymTable };
type Locked = { name: string; bytes: Uint8Array; innerName: string };

/** The pseudonym table: each real term and its replacement, edited row by row; imported, and exported encrypted. */
export function TablePanel({ table }: { table: PseudonymTable }) {
  const { projectId } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const run = useRunCommand();
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [saveRequest, setSaveRequest] = useState<SaveRequest | null>(null);
  const [locked, setLocked] = useState<Locked | null>(null);
  const [unlockBusy, setUnlockBusy] = useState<string | null>(null);
  const [unlockError, setUnlockError] = useState<string | null>(null);
  const [incoming, setIncoming] = useState<Incoming | null>(null);
  const ids = { filter: useId(), caption: useId() };

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? table.filter((e) => e.term.toLowerCase().includes(f) || e.replacement.toLowerCase().includes(f)) : table;
  }, [table, filter]);

  const exportTable = () =>
    setSaveRequest({
      title: 'Export the pseudonym table',
      fileName: `${safeFileStem(project?.name ?? 'Tessera project')} pseudonym table ${localDate(new Date())}.csv`,
      type: 'text/csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      allowPlain: false,
      table,
      produce: async () => new TextEncoder().encode(`\ufeff${formatPseudonymTable(table)}`),
    });

  const readTable = (fileName: string, bytes: Uint8Array) => {
    try {
      const entries = parsePseudonymTable(new TextDecoder('utf-8').decode(bytes), fileName);
      if (entries.length === 0) throw new Error(`${fileName}: the table has no terms.`);
      setIncoming({ fileName, entries });
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  };

  const importTable = async () => {
    let file;
    try {
      [file] = await platform.openFiles({ title: 'Import a pseudonym table', filters: TABLE_FILTERS, multiple: false });
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
      return;
    }
    if (!file) return;
    if (!isEncryptedContainer(file.bytes)) {
      readTable(file.name, file.bytes);
      return;
    }
    try {
      setUnlockError(null);
      setLocked({ name: file.name, bytes: file.bytes, innerName: readContainerHeader(file.bytes, file.name).name });
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  };

  const unlock = async (passphrase: string) => {
    if (!locked) return;
    setUnlockError(null);
    setUnlockBusy(STAGE_LABEL.key);
    try {
      const plain = await decryptInWorker(locked.name, locked.bytes, passphrase);
      setLocked(null);
      readTable(plain.name, plain.bytes);
    } catch (error) {
      setUnlockError(error instanceof Error ? error.message : String(error));
    } finally {
      setUnlockBusy(null);
    }
  };

  const effect = incoming ? importEffect(table, incoming.entries) : null;

  return (
    <section className="protect-panel" aria-labelledby="protect-table-title">
      <header className="protect-panel-head">
        <div>
          <h2 id="protect-table-title">Pseudonym table</h2>
          <p className="protect-lede">
            Each real name, place, school or number, and what replaces it everywhere in the project. The table stays on this computer: it is
            never part of an export, and leaves only as an encrypted file.
          </p>
        </div>
        <div className="protect-head-actions">
          <button type="button" onClick={() => void importTable()}>
            Import table…
          </button>
          <button type="button" onClick={exportTable} disabled={table.length === 0}>
            Export encrypted table…
          </button>
        </div>
      </header>

      <AddRow table={table} onAdd={(entry) => run(addPseudonymEntries([entry]))} />

      <div className="protect-toolbar">
        <label className="visually-hidden" htmlFor={ids.filter}>
          Filter the table
        </label>
        <input id={ids.filter} type="search" placeholder="Filter terms and replacements…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="protect-count" id={ids.caption}>
          {filter.trim() ? `${shown.length} of ${plural(table.length, 'term')}` : plural(table.length, 'term')}
        </span>
      </div>

      {table.length === 0 ? (
        <div className="protect-empty">
          <p>
            <strong>No terms yet.</strong> Review the suggestions Tessera found in your documents, add a term above, or import a table you kept
            from an earlier project.
          </p>
        </div>
      ) : (
        <div className="protect-table-wrap">
          <table className="protect-table" aria-labelledby="protect-table-title">
            <thead>
              <tr>
                <th scope="col">Real term</th>
                <th scope="col" aria-label="replaced by" />
                <th scope="col">Replacement</th>
                <th scope="col">Category</th>
                <th scope="col">Match case</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) =>
                editing === termKey(entry.term) ? (
                  <EditRow
                    key={entry.term}
                    entry={entry}
                    onCancel={() => setEditing(null)}
                    onSave={async (next) => {
                      if (await run(updatePseudonymEntry(entry.term, next))) setEditing(null);
                    }}
                  />
                ) : (
                  <tr key={entry.term}>
                    <td className="term-cell">{entry.term}</td>
                    <td className="arrow-cell" aria-hidden="true">
                      →
                    </td>
                    <td className="replacement-cell">{entry.replacement}</td>
                    <td>
                      <span className={`category-badge category-${entry.category.replace(/\s+/g, '-')}`}>{CATEGORY_LABEL[entry.category]}</span>
                    </td>
                    <td>{entry.caseSensitive ? 'Yes' : <span className="muted">No</span>}</td>
                    <td className="row-actions">
                      <button type="button" className="small" onClick={() => setEditing(termKey(entry.term))} aria-label={`Edit ${entry.term}`}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="small danger-text"
                        onClick={() => void run(deletePseudonymEntries([entry.term], entry.replacement))}
                        aria-label={`Delete ${entry.term}`}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          {shown.length === 0 && <p className="protect-empty-inline">No term or replacement contains “{filter.trim()}”.</p>}
        </div>
      )}

      {saveRequest && (
        <ProtectedSaveDialog request={saveRequest} onClose={() => setSaveRequest(null)} onSaved={(name) => notify(`Saved the pseudonym table, encrypted, as “${name}”.`)} />
      )}
      {locked && (
        <PassphraseDialog
          mode="enter"
          title="Import an encrypted table"
          intro={
            <p>
              <strong>{locked.name}</strong> holds <strong>{locked.innerName}</strong>. Enter its passphrase.
            </p>
          }
          confirmLabel="Decrypt"
          busy={unlockBusy}
          error={unlockError}
          onConfirm={(passphrase) => passphrase && void unlock(passphrase)}
          onClose={() => setLocked(null)}
        />
      )}
      {incoming && effect && (
        <ConfirmDialog
          title="Import the pseudonym table"
          message={
            <>
              “{incoming.fileName}” has {plural(incoming.entries.length, 'term')}: {plural(effect.added, 'new term')}, {effect.changed} with a
              different replacement or category (the file’s entry will be used), {effect.same} already the same here.
            </>
          }
          confirmLabel={effect.added + effect.changed === 0 ? 'Nothing to import' : 'Import'}
          onClose={() => setIncoming(null)}
          onConfirm={() => {
            const entries = incoming.entries;
            setIncoming(null);
            if (effect.added + effect.changed === 0) return;
            void run(importPseudonymTable(entries, 'a file')).then((ok) => ok && notify(`Imported ${plural(effect.added, 'new term')} and ${effect.changed} changed.`));
          }}
        />
      )}
    </section>
  );
}

function CategorySelect(props: { value: PseudonymCategory; onChange: (value: PseudonymCategory) => void; label: string }) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as PseudonymCategory)}>
      {PSEUDONYM_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {CATEGORY_LABEL[c]}
        </option>
      ))}
    </select>
  );
}

/** A new row: the term, its category (and a person's role), and a replacement proposed from them. */
function AddRow(props: { table: PseudonymTable; onAdd: (entry: PseudonymEntry) => Promise<boolean> }) {
  const [term, setTerm] = useState('');
  const [category, setCategory] = useState<PseudonymCategory>('person');
  const [role, setRole] = useState<PersonRole>('person');
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const proposal = proposeReplacement(props.table, { category, role });
  const id = useId();

  const add = async () => {
    if (!term.trim()) return;
    const entry: PseudonymEntry = { term, replacement: replacement.trim() || proposal, category };
    if (matchCase) entry.caseSensitive = true;
    if (await props.onAdd(entry)) {
      setTerm('');
      setReplacement('');
      setMatchCase(false);
    }
  };

  return (
    <form
      className="protect-add"
      aria-label="Add a term"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label className="add-field grow" htmlFor={`${id}-term`}>
        <span>Real term</span>
        <input id={`${id}-term`} value={term} onChange={(e) => setTerm(e.target.value)} placeholder="e.g. Marsh Lane Primary" autoComplete="off" spellCheck={false} />
      </label>
      <label className="add-field">
        <span>Category</span>
        <CategorySelect value={category} onChange={setCategory} label="Category of the new term" />
      </label>
      {category === 'person' && (
        <label className="add-field">
          <span>Role</span>
          <select aria-label="Role of the new person" value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
            {PERSON_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="add-field grow" htmlFor={`${id}-replacement`}>
        <span>Replacement</span>
        <input id={`${id}-replacement`} value={replacement} onChange={(e) => setReplacement(e.target.value)} placeholder={proposal} autoComplete="off" />
      </label>
      <label className="add-check">
        <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
        <span>Match case</span>
      </label>
      <button type="submit" className="primary" disabled={!term.trim()}>
        Add term
      </button>
    </form>
  );
}

function EditRow(props: { entry: PseudonymEntry; onSave: (entry: PseudonymEntry) => Promise<void>; onCancel: () => void }) {
  const [term, setTerm] = useState(props.entry.term);
  const [replacement, setReplacement] = useState(props.entry.replacement);
  const [category, setCategory] = useState(props.entry.category);
  const [matchCase, setMatchCase] = useState(!!props.entry.caseSensitive);
  const save = () => {
    const entry: PseudonymEntry = { term, replacement, category };
    if (matchCase) entry.caseSensitive = true;
    void props.onSave(entry);
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    }
  };
  return (
    <tr className="editing" onKeyDown={keys}>
      <td>
        <input aria-label="Real term" value={term} onChange={(e) => setTerm(e.target.value)} autoFocus spellCheck={false} />
      </td>
      <td className="arrow-cell" aria-hidden="true">
        →
      </td>
      <td>
        <input aria-label="Replacement" value={replacement} onChange={(e) => setReplacement(e.target.value)} />
      </td>
      <td>
        <CategorySelect value={category} onChange={setCategory} label="Category" />
      </td>
      <td>
        <input type="checkbox" aria-label="Match case" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
      </td>
      <td className="row-actions">
        <button type="button" className="small primary" onClick={save}>
          Save
        </button>
        <button type="button" className="small" onClick={props.onCancel}>
          Cancel
        </button>
      </td>
    </tr>
  );
}
