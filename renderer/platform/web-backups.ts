import Dexie, { type Table } from 'dexie';
import { snapshotsToDelete } from '../../shared/backup/rotation';
import type { BackupInfo, WriteBackupRequest } from '../../shared/ipc/contract';
import type { Platform } from './platform';

/** In the browser build, snapshots live in their own database, apart from the projects they protect. */
class BackupDb extends Dexie {
  snapshots!: Table<BackupInfo & { bytes: Uint8Array }, string>;
  constructor() {
    super('tessera-backups');
    this.version(1).stores({ snapshots: 'id, projectId, at' });
  }
}

let db: BackupDb | undefined;
const open = () => (db ??= new BackupDb());

export const webBackups: Platform['backups'] = {
  async write(request: WriteBackupRequest) {
    const at = Date.now();
    const info: BackupInfo = { id: `${request.projectId}.${at}`, projectId: request.projectId, projectName: request.projectName, at, reason: request.reason, size: request.bytes.byteLength };
    await open().transaction('rw', open().snapshots, async () => {
      await open().snapshots.put({ ...info, bytes: request.bytes });
      const mine = await open().snapshots.where('projectId').equals(request.projectId).toArray();
      await open().snapshots.bulkDelete(snapshotsToDelete(mine, at).map((s) => s.id));
    });
    return info;
  },
  async list() {
    const all: BackupInfo[] = [];
    await open().snapshots.orderBy('at').reverse().each(({ bytes: _bytes, ...info }) => {
      all.push(info);
    });
    return all;
  },
  async read(id: string) {
    const snapshot = await open().snapshots.get(id);
    if (!snapshot) throw new Error('That backup no longer exists');
    return snapshot.bytes;
  },
};
