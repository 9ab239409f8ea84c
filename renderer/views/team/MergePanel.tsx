import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { codePaths } from '../../../shared/exchange/merge';
import { useHistoryState, useProjectSession } from '../../app/project-session';
import { lastAuditSeq } from '../../commands/merge-commands';
import { MERGE_FILTERS } from '../../exchange/project-files';
import { platform } from '../../platform';
import { useUi } from '../../state/ui-store';
import { MergePreview } from './MergePreview';
import { formatBytes, listPhrase, outcomeParts } from './merge-preview';
import { useTeamMerge, type LoadingStep } from './team-merge';

const STEPS: { step: LoadingStep; label: (file: string) => string }[] = [
  { step: 'project', label: () => 'Gathering this project' },
  { step: 'reading', label: (file) => `Reading “${file}”` },
  { step: 'comparing', label: () => 'Comparing it with this project' },
];

/** Merging a colleague's file: choose it, read it in the worker, preview what changes, merge as one step. */
export function MergePanel() {
  const session = useProjectSession();
  const notify = useUi((s) => s.notify);
  const merge = useTeamMerge((s) => s.merge);
  const store = useTeamMerge.getState;
  const history = useHistoryState(session.history);
  const liveSeq = useLiveQuery(() => lastAuditSeq(session.db), [session.db]);
  const codes = useLiveQuery(() => session.db.codes.toArray(), [session.db]);
  const documents = useLiveQuery(() => session.db.documents.toArray(), [session.db]);

  useEffect(() => store().forProject(session.projectId), [session.projectId, store]);

  // The project changed under an open preview (e.g. a coding added in another tab): compare again.
  useEffect(() => {
    if (merge.stage === 'preview' && liveSeq !== undefined && liveSeq !== merge.auditSeq && !merge.busy) void store().refresh(session);
  }, [liveSeq, merge, session, store]);

  const currentCodes = useMemo(() => {
    const paths = codePaths(codes ?? []);
    return (codes ?? []).map((c) => ({ id: c.id, path: paths.get(c.id)?.join('/') ?? c.name, color: c.color }));
  }, [codes]);
  const documentNames = useMemo(() => new Map((documents ?? []).map((d) => [d.id, d.name])), [documents]);

  const choose = async () => {
    try {
      const files = await platform.openFiles({ title: 'Merge a colleague’s file', filters: MERGE_FILTERS, multiple: false });
      const file = files[0];
      if (file) await store().start(session, file);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  };

  const undoMerge = (label: string) => {
    if (session.history.state().undo !== label) {
      notify('Other changes were made after the merge: use Undo in the toolbar to step back through them.', { kind: 'error' });
      return;
    }
    session.history.undo().then(
      (undone) => {
        if (undone) notify(`Undone: ${undone}`);
      },
      (error: Error) => notify(error.message, { kind: 'error' }),
    );
  };

  switch (merge.stage) {
    case 'idle':
      return (
        <section className="merge-start" aria-labelledby="merge-start-title">
          <div className="merge-start-inner">
            <h2 id="merge-start-title">Merge a colleague’s file</h2>
            <p>
              Bring a colleague’s codings, codes, memos and cases into this project from a .qdpx they exported (from
              Tessera or any REFI-QDA program), or their codebook (.qdc). You see everything that would change
              before anything does, and one Undo takes the whole merge back.
            </p>
            <button type="button" className="primary large" onClick={() => void choose()}>
              Choose a file to merge…
            </button>
            <ul className="merge-rules" aria-label="How files are matched">
              <li>
                <strong>Documents</strong> match by identical text, then by name (codings are moved onto your text).
              </li>
              <li>
                <strong>Codes</strong> match by GUID, then by name path; you decide about the rest.
              </li>
              <li>
                <strong>Codings</strong> already here are never added twice, so merging a file again changes nothing.
              </li>
            </ul>
          </div>
        </section>
      );
    case 'loading': {
      const at = STEPS.findIndex((s) => s.step === merge.step);
      return (
        <section className="merge-start" aria-labelledby="merge-loading-title" aria-busy="true">
          <div className="merge-start-inner merge-loading">
            <h2 id="merge-loading-title">Preparing the preview</h2>
            <p className="team-hint">
              “{merge.fileName}”, {formatBytes(merge.size)}
            </p>
            <progress aria-label={`${STEPS[at]?.label(merge.fileName) ?? 'Working'}…`} />
            <ol className="merge-steps">
              {STEPS.map((s, i) => (
                <li key={s.step} className={i < at ? 'done' : i === at ? 'active' : 'pending'} aria-current={i === at ? 'step' : undefined}>
                  {s.label(merge.fileName)}
                  {i === at ? '…' : ''}
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => store().cancel()}>
              Cancel
            </button>
          </div>
        </section>
      );
    }
    case 'failed':
      return (
        <section className="merge-start" aria-labelledby="merge-failed-title">
          <div className="merge-start-inner">
            <h2 id="merge-failed-title">Could not read the file</h2>
            <p className="merge-error" role="alert">
              {merge.message}
            </p>
            <p className="team-hint">Nothing was changed in this project.</p>
            <div className="team-action-row centered">
              <button type="button" onClick={() => store().close()}>
                Close
              </button>
              <button type="button" className="primary" onClick={() => void choose()}>
                Choose another file…
              </button>
            </div>
          </div>
        </section>
      );
    case 'merged': {
      const parts = outcomeParts(merge.outcome);
      if (merge.outcome.total > 0 && history.redo === merge.label) {
        return (
          <section className="merge-start" aria-labelledby="merge-undone-title">
            <div className="merge-start-inner">
              <h2 id="merge-undone-title">Merge of “{merge.fileName}” undone</h2>
              <p role="status">The project is as it was before the merge. Redo (Ctrl+Shift+Z) brings the merge back.</p>
              <div className="team-action-row centered">
                <button type="button" className="primary" onClick={() => void choose()}>
                  Merge a file…
                </button>
              </div>
            </div>
          </section>
        );
      }
      return (
        <section className="merge-start" aria-labelledby="merge-done-title">
          <div className="merge-start-inner">
            <div className="merge-done-mark" aria-hidden="true">
              ✓
            </div>
            <h2 id="merge-done-title">Merged “{merge.fileName}”</h2>
            <p role="status">{merge.outcome.total === 0 ? 'Nothing needed to change.' : `Added ${listPhrase(parts) || 'no new records'}${merge.outcome.updatedCodePaths.length ? ', and updated codes already here' : ''}.`}</p>
            <p className="team-hint">The whole merge is one step: Undo (Ctrl+Z) takes it back.</p>
            <div className="team-action-row centered">
              {merge.outcome.total > 0 && (
                <button type="button" onClick={() => undoMerge(merge.label)}>
                  Undo merge
                </button>
              )}
              <button type="button" className="primary" onClick={() => void choose()}>
                Merge another file…
              </button>
            </div>
          </div>
        </section>
      );
    }
    case 'preview':
      return (
        <MergePreview
          preview={merge}
          currentCodes={currentCodes}
          documentNames={documentNames}
          onMerge={() => void store().apply(session)}
          onClose={() => store().close()}
          onChooseAnother={() => void choose()}
        />
      );
  }
}
