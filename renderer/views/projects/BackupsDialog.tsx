import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../shared/ipc/contract';
import { restoreBackup } from '../../backup/backup-service';
import { Dialog } from '../../components/Dialog';
import { platform } from '../../platform';
import { useUi } from '../../state/ui-store';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function describeReason(reason: string): string {
  return reason === 'timer' ? 'Automatic' : reason.charAt(0).toUpperCase() + reason.slice(1);
}

/** Every snapshot the app has kept, newest first; any can be restored as a new project. */
export function BackupsDialog({ onClose }: { onClose: () => void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const openProject = useUi((s) => s.openProject);

  useEffect(() => {
    platform.backups.list().then(setBackups, (e: Error) => notify(`Could not list backups: ${e.message}`, { kind: 'error' }));
  }, [notify]);

  return (
    <Dialog
      title="Backups"
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <p className="hint">
        Tessera keeps a snapshot of each open project every few minutes while it changes, and before every merge,
        pseudonymisation and deletion: hourly for a day, daily for a month. Restoring makes a new project; nothing
        existing changes.
      </p>
      {backups === null ? (
        <p aria-busy="true">Loading…</p>
      ) : backups.length === 0 ? (
        <p>No backups yet.</p>
      ) : (
        <table className="backups-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.id}>
                <td>{b.projectName}</td>
                <td>{dateFormat.format(b.at)}</td>
                <td>{describeReason(b.reason)}</td>
                <td>{b.size < 1024 * 1024 ? `${Math.max(1, Math.round(b.size / 1024))} KB` : `${(b.size / 1048576).toFixed(1)} MB`}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    disabled={busy !== null}
                    aria-label={`Restore ${b.projectName} from ${dateFormat.format(b.at)}`}
                    onClick={async () => {
                      setBusy(b.id);
                      try {
                        const project = await restoreBackup(b);
                        notify(`Restored as “${project.name}”`);
                        onClose();
                        openProject(project.id);
                      } catch (error) {
                        notify(`Could not restore: ${(error as Error).message}`, { kind: 'error' });
                      } finally {
                        setBusy(null);
                      }
                    }}
                  >
                    {busy === b.id ? 'Restoring…' : 'Restore'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
