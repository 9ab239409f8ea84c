import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import type { PseudonymReportRow, PseudonymTable } from '../../../shared/protect';
import { useProjectSession } from '../../app/project-session';
import { snapshotProject } from '../../backup/backup-service';
import { pseudonymiseCommand } from '../../commands/protect-commands';
import { catalogue } from '../../db/catalogue';
import { localDate, safeFileStem } from '../../exchange/file-names';
import { readCurrentProject } from '../../exchange/project-files';
import { previewInWorker, pseudonymiseInWorker } from '../../protect/protect-client';
import type { PseudonymPreview } from '../../protect/protect-engine';
import { changedRecordCount } from '../../protect/project-changes';
import { useProtectUi } from '../../protect/protect-store';
import { ProtectedSaveDialog } from '../../protect/ProtectedSaveDialog';
import type { SaveRequest } from '../../protect/protected-save';
import { reportCsv } from '../../protect/report-format';
import { useUi } from '../../state/ui-store';
import { plural, timeOf } from './protect-ui';
import { ReportView } from './ReportView';

/**
 * Applying the table to chosen documents or the whole project: a preview of what would be replaced where, then one
 * undoable command, with a backup snapshot taken first and a report afterwards (saveable as CSV).
 */
export function ApplyPanel(props: { table: PseudonymTable; onCheckLeaks: () => void; onApplied: () => void }) {
  const { db, projectId, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const documents = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<ReadonlySet<Id>>(new Set());
  const [preview, setPreview] = useState<{ preview: PseudonymPreview; key: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ applied }, updateUi] = useProtectUi(projectId);
  const [saveRequest, setSaveRequest] = useState<SaveRequest | null>(null);
  const ids = { all: useId(), chosen: useId(), docs: useId() };

  const documentIds = scope === 'all' ? null : (documents ?? []).filter((d) => chosen.has(d.id)).map((d) => d.id);
  const key = JSON.stringify([props.table, documentIds]);
  const current = preview?.key === key ? preview.preview : null;
  const scopeText = scope === 'all' ? 'the whole project' : plural(documentIds?.length ?? 0, 'document');
  const canRun = props.table.length > 0 && (scope === 'all' || (documentIds?.length ?? 0) > 0) && busy === null;

  const attempt = async (first: string, job: () => Promise<void>) => {
    setError(null);
    setBusy(first);
    try {
      await job();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const makePreview = () =>
    attempt('Working out what would be replaced…', async () => {
      const { data } = await readCurrentProject(db, projectId);
      setPreview({ preview: await previewInWorker(data, props.table, documentIds), key });
    });

  const apply = () =>
    attempt('Taking a backup of the project first…', async () => {
      try {
        await snapshotProject(projectId, 'before pseudonymisation');
      } catch (e) {
        throw new Error(`The backup before pseudonymisation failed, so nothing was replaced: ${e instanceof Error ? e.message : String(e)}`);
      }
      setBusy('Replacing the terms and moving every coding with its words…');
      const { data, auditSeq } = await readCurrentProject(db, projectId);
      const result = await pseudonymiseInWorker(data, props.table, documentIds);
      const { name, description } = result.changes.project;
      if (changedRecordCount(result.changes) === 0 && name === undefined && description === undefined) {
        setPreview(null);
        notify('Nothing to replace: no term of the table is in ' + scopeText + '.');
        return;
      }
      const label = `Pseudonymise ${scope === 'all' ? 'the project' : plural(documentIds?.length ?? 0, 'document')} (${plural(result.total, 'replacement')})`;
      await execute(pseudonymiseCommand({ label, changes: result.changes, basedOnAuditSeq: auditSeq }));
      // The project's name and description live in the project list, outside the project's own history.
      if (name !== undefined || description !== undefined) {
        await catalogue.projects.update(projectId, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) });
      }
      setPreview(null);
      updateUi(() => ({ applied: { report: result.report, total: result.total, at: Date.now(), scope: scopeText } }));
      notify(`Pseudonymised ${scopeText}: ${plural(result.total, 'replacement')}. A backup was taken first, and Undo reverses it.`);
      props.onApplied();
    });

  const saveReport = (report: PseudonymReportRow[]) =>
    setSaveRequest({
      title: 'Save the pseudonymisation report',
      fileName: `${safeFileStem(project?.name ?? 'Tessera project')} pseudonymisation report ${localDate(new Date())}.csv`,
      type: 'text/csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      allowPlain: true,
      table: props.table,
      produce: async () => new TextEncoder().encode(reportCsv(report)),
    });

  const toggle = (id: Id, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  return (
    <section className="protect-panel" aria-labelledby="protect-apply-title">
      <header className="protect-panel-head">
        <div>
          <h2 id="protect-apply-title">Apply the table</h2>
          <p className="protect-lede">
            Every term of the table is replaced as a whole word, longest first, and every coding, turn and memo anchor moves with its words. See
            what would change first; a backup is taken before anything is replaced, and one Undo brings it all back.
          </p>
        </div>
      </header>

      {props.table.length === 0 ? (
        <div className="protect-empty">
          <p>
            <strong>The pseudonym table is empty.</strong> Accept suggestions or add terms first.
          </p>
        </div>
      ) : (
        <div className="apply-layout">
          <fieldset className="apply-scope">
            <legend>Apply to</legend>
            <label htmlFor={ids.all}>
              <input id={ids.all} type="radio" name="protect-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
              <span>
                All documents and the rest of the project
                <span className="scope-hint">Texts, speakers, document names, memos, participants, attributes, codes, themes and coders.</span>
              </span>
            </label>
            <label htmlFor={ids.chosen}>
              <input id={ids.chosen} type="radio" name="protect-scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} />
              <span>
                Chosen documents only
                <span className="scope-hint">Their texts, speakers and names, and the memos on them or on their codings.</span>
              </span>
            </label>
            {scope === 'chosen' && (
              <div className="apply-docs">
                <div className="apply-docs-head">
                  <span id={ids.docs}>
                    Documents <span className="muted">{chosen.size} chosen</span>
                  </span>
                  <span>
                    <button type="button" className="link-button" onClick={() => setChosen(new Set((documents ?? []).map((d) => d.id)))} aria-label="Choose all documents">
                      All
                    </button>
                    <button type="button" className="link-button" onClick={() => setChosen(new Set())} aria-label="Choose no documents">
                      None
                    </button>
                  </span>
                </div>
                <ul aria-labelledby={ids.docs}>
                  {(documents ?? []).map((d) => (
                    <li key={d.id}>
                      <label>
                        <input type="checkbox" checked={chosen.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
                        <span>{d.name}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="apply-actions">
              <button type="button" className={current ? '' : 'primary'} onClick={() => void makePreview()} disabled={!canRun}>
                {current ? 'Preview again' : 'Preview'}
              </button>
              <button type="button" className="primary" onClick={() => void apply()} disabled={!canRun || !current || current.total === 0}>
                Apply to {scopeText}
              </button>
            </div>
            {preview && !current && <p className="apply-note">The table or the documents chosen changed since the preview: preview again before applying.</p>}
          </fieldset>

          <div className="apply-result">
            {busy && (
              <div className="protect-loading" role="status">
                <progress aria-label={busy} />
                <span>{busy}</span>
              </div>
            )}
            {error && !busy && (
              <p className="protect-error" role="alert">
                {error}
              </p>
            )}
            {!busy && current && (
              <>
                <h3 className="result-title">
                  Preview: {current.total === 0 ? 'nothing to replace' : `${plural(current.total, 'replacement')} in ${scopeText}`}
                </h3>
                <ReportView report={current.report} label="Preview of the replacements" />
              </>
            )}
            {!busy && !current && applied && (
              <>
                <div className="applied-banner" role="status">
                  <div>
                    <strong>
                      Pseudonymised {applied.scope} at {timeOf(applied.at)}: {plural(applied.total, 'replacement')}.
                    </strong>
                    <span>A backup “before pseudonymisation” was taken first; Undo (Ctrl+Z) reverses the whole change.</span>
                  </div>
                  <div className="applied-actions">
                    <button type="button" onClick={() => saveReport(applied.report)}>
                      Save report…
                    </button>
                    <button type="button" className="primary" onClick={props.onCheckLeaks}>
                      Run the leak check
                    </button>
                  </div>
                </div>
                <ReportView report={applied.report} label="What was replaced where" past />
              </>
            )}
            {!busy && !current && !applied && (
              <div className="protect-empty">
                <p>Choose where to apply the table, then preview what would change.</p>
              </div>
            )}
          </div>
        </div>
      )}
      {saveRequest && (
        <ProtectedSaveDialog request={saveRequest} onClose={() => setSaveRequest(null)} onSaved={(name) => notify(`Saved the report as “${name}”.`)} />
      )}
    </section>
  );
}
