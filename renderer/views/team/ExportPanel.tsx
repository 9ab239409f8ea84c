import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { exportProjectFile, type ExportRequest } from '../../exchange/project-files';
import { useCoder } from '../../state/coder-store';
import { useUi } from '../../state/ui-store';
import { plural } from '../../../shared/text/plural';

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const tallyKey = (coderId: Id, documentId: Id) => `${coderId}\u0000${documentId}`;

/** Exports: the whole project, its codebook, and one's own work for a colleague to merge. */
export function ExportPanel() {
  const { db, projectId } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const me = useCoder((s) => s.me);
  const documents = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);
  const coders = useLiveQuery(() => db.coders.toArray(), [db]);
  const codeCount = useLiveQuery(() => db.codes.count(), [db]);
  const tally = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    // toArray reads in one batch (getAll), much faster than a cursor over every record.
    for (const c of await db.codings.toArray()) {
      const key = tallyKey(c.coderId, c.documentId);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }, [db]);

  const [nvivo, setNvivo] = useState(false);
  const [busy, setBusy] = useState<ExportRequest['kind'] | null>(null);
  const [excludedDocs, setExcludedDocs] = useState<ReadonlySet<Id>>(new Set());
  /** Undefined until the user changes it: then the default (me) applies. */
  const [chosenCoderIds, setChosenCoderIds] = useState<ReadonlySet<Id>>();
  const ids = { nvivo: useId(), work: useId(), docs: useId(), coders: useId() };

  const iAmHere = !!me && !!coders?.some((c) => c.id === me.id);
  const chosenCoders = chosenCoderIds ?? new Set<Id>(iAmHere && me ? [me.id] : []);
  const sortedCoders = useMemo(
    () => [...(coders ?? [])].sort((a, b) => Number(b.id === me?.id) - Number(a.id === me?.id) || collator.compare(a.name, b.name)),
    [coders, me?.id],
  );
  const chosenDocs = (documents ?? []).filter((d) => !excludedDocs.has(d.id));

  const countFor = (coderIds: Iterable<Id>, documentIds: Iterable<Id>): number => {
    let n = 0;
    const docs = [...documentIds];
    for (const coderId of coderIds) for (const documentId of docs) n += tally?.get(tallyKey(coderId, documentId)) ?? 0;
    return n;
  };
  const totalCodings = tally ? [...tally.values()].reduce((a, b) => a + b, 0) : 0;
  const workCodings = countFor(chosenCoders, chosenDocs.map((d) => d.id));
  const chosenNames = sortedCoders.filter((c) => chosenCoders.has(c.id)).map((c) => c.name);

  const runExport = async (request: ExportRequest) => {
    setBusy(request.kind);
    try {
      const saved = await exportProjectFile(db, projectId, request);
      if (saved) notify(`Exported “${saved}”`);
    } catch (error) {
      notify(`Could not export: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const toggleDoc = (id: Id, on: boolean) => {
    const next = new Set(excludedDocs);
    if (on) next.delete(id);
    else next.add(id);
    setExcludedDocs(next);
  };
  const toggleCoder = (id: Id, on: boolean) => {
    const next = new Set(chosenCoders);
    if (on) next.add(id);
    else next.delete(id);
    setChosenCoderIds(next);
  };

  return (
    <div className="team-side-inner">
      <section className="team-card" aria-labelledby="team-overview-title">
        <h2 id="team-overview-title" className="team-card-title">
          This project
        </h2>
        <dl className="team-figures" aria-label="Project contents">
          <div>
            <dt>Documents</dt>
            <dd data-testid="figure-documents">{documents?.length ?? '–'}</dd>
          </div>
          <div>
            <dt>Codes</dt>
            <dd data-testid="figure-codes">{codeCount ?? '–'}</dd>
          </div>
          <div>
            <dt>Codings</dt>
            <dd data-testid="figure-codings">{tally ? totalCodings.toLocaleString('en-GB') : '–'}</dd>
          </div>
          <div>
            <dt>Coders</dt>
            <dd data-testid="figure-coders">{coders?.length ?? '–'}</dd>
          </div>
        </dl>
      </section>

      <section className="team-card" aria-labelledby="team-share-title">
        <h2 id="team-share-title" className="team-card-title">
          Share the whole project
        </h2>
        <p className="team-hint">
          A REFI-QDA file that NVivo, ATLAS.ti, MAXQDA, QualCoder and Tessera can open: documents, codebook, every
          coder’s codings, memos, cases and attributes.
        </p>
        <div className="team-action-row">
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void runExport({ kind: 'project', nvivo })}>
            {busy === 'project' ? 'Exporting…' : 'Export project (.qdpx)'}
          </button>
        </div>
        <label className="team-check" htmlFor={ids.nvivo}>
          <input id={ids.nvivo} type="checkbox" checked={nvivo} onChange={(e) => setNvivo(e.target.checked)} aria-describedby={`${ids.nvivo}-hint`} />
          <span>
            NVivo-compatible positions
            <span id={`${ids.nvivo}-hint`} className="team-check-hint">
              Windows line ends and positions counted as NVivo reads them. Leave off for other programs.
            </span>
          </span>
        </label>
        <hr className="team-rule" />
        <div className="team-action-row">
          <button type="button" disabled={busy !== null} onClick={() => void runExport({ kind: 'codebook' })}>
            {busy === 'codebook' ? 'Exporting…' : 'Export codebook (.qdc)'}
          </button>
        </div>
        <p className="team-hint">Codes with their hierarchy, colours and definitions, and themes as code sets.</p>
      </section>

      <section className="team-card" aria-labelledby={ids.work}>
        <h2 id={ids.work} className="team-card-title">
          Export my work for the team
        </h2>
        <p className="team-hint">Just the codings (and memos) of the coders you choose, for a colleague to merge into their copy.</p>

        <fieldset className="check-list">
          <legend id={ids.coders}>
            Coders <span className="check-count">{chosenCoders.size} chosen</span>
          </legend>
          {sortedCoders.length === 0 ? (
            <p className="check-empty">Nobody has coded in this project yet.</p>
          ) : (
            <ul aria-labelledby={ids.coders}>
              {sortedCoders.map((coder) => (
                <li key={coder.id}>
                  <label>
                    <input type="checkbox" checked={chosenCoders.has(coder.id)} onChange={(e) => toggleCoder(coder.id, e.target.checked)} />
                    <span className="coder-dot small" style={{ background: coder.color }} aria-hidden="true">
                      {coder.initials}
                    </span>
                    <span className="check-name">
                      {coder.name}
                      {coder.id === me?.id && <span className="you"> (you)</span>}
                    </span>
                    <span className="check-meta">{plural(countFor([coder.id], (documents ?? []).map((d) => d.id)), 'coding')}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {!iAmHere && sortedCoders.length > 0 && (
            <p className="check-note">{me ? `${me.name} has not coded in this project yet: choose whose work to export.` : 'Choose whose work to export.'}</p>
          )}
        </fieldset>

        <fieldset className="check-list">
          <legend id={ids.docs}>
            Documents{' '}
            <span className="check-count">
              {chosenDocs.length} of {documents?.length ?? 0}
            </span>
          </legend>
          <div className="check-tools">
            <button type="button" className="link-button" onClick={() => setExcludedDocs(new Set())} aria-label="Choose all documents">
              All
            </button>
            <button type="button" className="link-button" onClick={() => setExcludedDocs(new Set((documents ?? []).map((d) => d.id)))} aria-label="Choose no documents">
              None
            </button>
          </div>
          {documents?.length === 0 ? (
            <p className="check-empty">No documents yet.</p>
          ) : (
            <ul className="check-scroll" aria-labelledby={ids.docs}>
              {(documents ?? []).map((doc) => (
                <li key={doc.id}>
                  <label>
                    <input type="checkbox" checked={!excludedDocs.has(doc.id)} onChange={(e) => toggleDoc(doc.id, e.target.checked)} />
                    <span className="check-name">{doc.name}</span>
                    <span className="check-meta" title="Codings by the chosen coders">
                      {countFor(chosenCoders, [doc.id]) || ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <p className="team-summary" aria-live="polite">
          {chosenCoders.size === 0 || chosenDocs.length === 0
            ? 'Choose at least one coder and one document.'
            : `${plural(workCodings, 'coding')} by ${chosenNames.join(', ')} in ${plural(chosenDocs.length, 'document')}.`}
        </p>
        <div className="team-action-row">
          <button
            type="button"
            className="primary"
            disabled={busy !== null || chosenCoders.size === 0 || chosenDocs.length === 0}
            onClick={() => void runExport({ kind: 'work', documentIds: chosenDocs.map((d) => d.id), coderIds: [...chosenCoders] })}
          >
            {busy === 'work' ? 'Exporting…' : 'Export my work (.qdpx)'}
          </button>
        </div>
      </section>
    </div>
  );
}
