import { readQdpx } from '../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../shared/exchange/qdpx-write';
import { newId } from '../../shared/model/ids';
import type { BackupInfo } from '../../shared/ipc/contract';
import type { Id, ProjectInfo } from '../../shared/model/types';
import type { CommandHistory } from '../db/command-history';
import { catalogue } from '../db/catalogue';
import { readProjectData, writeProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import { platform } from '../platform';

/** How often a project with unsaved-to-backup changes is snapshotted while open. */
export const BACKUP_INTERVAL_MS = 5 * 60_000;

/** Writes a snapshot of the project (a .qdpx) to the backups store. */
export async function snapshotProject(projectId: Id, reason: string): Promise<BackupInfo | undefined> {
  const project = await catalogue.projects.get(projectId);
  if (!project) return undefined;
  const data = await readProjectData(projectDb(projectId), project);
  const bytes = writeQdpx(data);
  return platform.backups.write({ projectId, projectName: project.name, reason, bytes });
}

/**
 * Snapshots an open project on a timer while it has changes, and once more when it closes.
 * Returns a function that stops it.
 */
export function startAutoBackup(projectId: Id, history: CommandHistory, onError: (message: string) => void): () => void {
  let savedAt = history.state().lastSavedAt;
  let dirty = false;
  let running = false;
  const unsubscribe = history.subscribe((state) => {
    if (state.lastSavedAt !== savedAt) {
      savedAt = state.lastSavedAt;
      dirty = true;
    }
  });
  const flush = async () => {
    if (!dirty || running) return;
    running = true;
    dirty = false;
    try {
      await snapshotProject(projectId, 'timer');
    } catch (error) {
      dirty = true;
      onError(`Backup failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void flush(), BACKUP_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    unsubscribe();
    void flush();
  };
}

/** Restores a snapshot as a new project beside the others; nothing existing is touched. */
export async function restoreBackup(backup: BackupInfo): Promise<ProjectInfo> {
  const bytes = await platform.backups.read(backup.id);
  const { project: data } = await readQdpx(bytes, `${backup.projectName}.qdpx`);
  const now = Date.now();
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(backup.at);
  const project: ProjectInfo = { ...data.project, id: newId(), name: `${backup.projectName} (restored from ${when})`, createdAt: now, updatedAt: now, deletedAt: undefined, sample: undefined };
  await writeProjectData(projectDb(project.id), { ...data, project });
  await catalogue.projects.add(project);
  return project;
}
