import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useProjectSession } from '../../app/project-session';
import { ConfirmDialog } from '../../components/Dialog';
import { ImportPreviewDialog } from '../../import/ImportPreviewDialog';
import { useImport, type FileStatus } from '../../import/use-import';

const STATUS_LABEL: Record<FileStatus, string> = {
  waiting: 'Waiting',
  reading: 'Importing…',
  imported: 'Imported',
  failed: 'Not imported',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/**
 * The import preview (a dialog), then the progress and per-file results of the import, with cancel and a summary.
 * Dialogs are drawn at the top of the page, so they show whichever workspace view is open.
 */
export function ImportPanel() {
  const { projectId } = useProjectSession();
  const { items, running, duplicate, cancel, clear, preview } = useImport();
  const closePreview = useImport((s) => s.closePreview);
  // Leaving the project drops a preview not yet confirmed.
  useEffect(() => () => closePreview(), [closePreview]);

  const showPreview = preview !== undefined && preview.session.projectId === projectId;
  const dialogs = (
    <>
      {showPreview && createPortal(<ImportPreviewDialog />, document.body)}
      {duplicate &&
        createPortal(
          <ConfirmDialog
            title="Already in the project"
            message={`“${duplicate.name}” has the same text as “${duplicate.existing}”. Import it again as a separate document?`}
            confirmLabel="Import anyway"
            onConfirm={() => duplicate.resolve(true)}
            onClose={() => duplicate.resolve(false)}
          />,
          document.body,
        )}
    </>
  );
  if (items.length === 0) return dialogs;

  const done = items.filter((i) => i.status !== 'waiting' && i.status !== 'reading').length;
  const imported = items.filter((i) => i.status === 'imported').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-head">
        <strong>
          {running
            ? `Importing ${done + 1 > items.length ? items.length : done + 1} of ${items.length}…`
            : `Imported ${imported} of ${items.length}${failed ? `; ${failed} not imported` : ''}`}
        </strong>
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="icon-button" aria-label="Close import summary" onClick={clear}>
            ×
          </button>
        )}
      </div>
      <progress max={items.length} value={done} aria-label="Import progress" />
      <ul className="import-files">
        {items.map((item, i) => (
          <li key={i} className={`import-file import-${item.status}`}>
            <span className="import-name">{item.name}</span>
            <span className="import-status">{STATUS_LABEL[item.status]}</span>
            {item.message && <span className="import-message">{item.message}</span>}
          </li>
        ))}
      </ul>
      {dialogs}
    </section>
  );
}
