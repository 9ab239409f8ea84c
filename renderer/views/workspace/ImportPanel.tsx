import { ConfirmDialog } from '../../components/Dialog';
import { useImport, type FileStatus } from '../../import/use-import';

const STATUS_LABEL: Record<FileStatus, string> = {
  waiting: 'Waiting',
  reading: 'Importing…',
  imported: 'Imported',
  failed: 'Not imported',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** Progress and per-file results of an import, with cancel and a summary. */
export function ImportPanel() {
  const { items, running, duplicate, cancel, clear } = useImport();
  if (items.length === 0) return null;
  const done = items.filter((i) => i.status !== 'waiting' && i.status !== 'reading').length;
  const imported = items.filter((i) => i.status === 'imported').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-head">
        <strong>{running ? `Importing ${done + 1 > items.length ? items.length : done + 1} of ${items.length}…` : `Imported ${imported} of ${items.length}${failed ? `; ${failed} not imported` : ''}`}</strong>
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
      {duplicate && (
        <ConfirmDialog
          title="Already in the project"
          message={`“${duplicate.name}” has the same text as “${duplicate.existing}”. Import it again as a separate document?`}
          confirmLabel="Import anyway"
          onConfirm={() => duplicate.resolve(true)}
          onClose={() => duplicate.resolve(false)}
        />
      )}
    </section>
  );
}
