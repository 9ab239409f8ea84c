import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupStore } from '../../../electron/main/backups';
import { createHandlers, dispatch } from '../../../electron/main/ipc-handlers';

const HOUR = 3_600_000;

describe('backup store', () => {
  it('writes snapshots atomically, lists them newest first and reads them back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-backups-'));
    let now = Date.UTC(2026, 10, 22, 12);
    const store = new BackupStore(root, () => now);
    const first = await store.write({ projectId: 'p1', projectName: 'Pilot', reason: 'timer', bytes: new Uint8Array([1, 2]) });
    now += 10 * 60_000;
    await store.write({ projectId: 'p1', projectName: 'Pilot', reason: 'before merge', bytes: new Uint8Array([3]) });
    const list = await store.list();
    expect(list.map((b) => [b.projectName, b.reason, b.size])).toEqual([
      ['Pilot', 'before merge', 1],
      ['Pilot', 'timer', 2],
    ]);
    expect([...(await store.read(first.id))]).toEqual([1, 2]);
    expect(readdirSync(join(root, 'p1')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rotates: two timer snapshots in one earlier hour keep only the newer', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-backups-'));
    let now = Date.UTC(2026, 10, 22, 8, 5);
    const store = new BackupStore(root, () => now);
    await store.write({ projectId: 'p1', projectName: 'P', reason: 'timer', bytes: new Uint8Array([1]) });
    now += 20 * 60_000;
    await store.write({ projectId: 'p1', projectName: 'P', reason: 'timer', bytes: new Uint8Array([2]) });
    now += 5 * HOUR;
    await store.write({ projectId: 'p1', projectName: 'P', reason: 'timer', bytes: new Uint8Array([3]) });
    expect((await store.list()).map((b) => b.size)).toHaveLength(2);
  });

  it('refuses ids that try to leave the backups folder, through the IPC contract and the store', async () => {
    const store = new BackupStore(mkdtempSync(join(tmpdir(), 'tessera-backups-')));
    const handlers = createHandlers({
      appInfo: () => ({ version: '', platform: '', dataPath: '' }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      readFile: async () => new Uint8Array(),
      fileSize: async () => 0,
      backups: store,
    });
    await expect(dispatch(handlers, 'backup:read', { id: '../../etc/passwd' })).rejects.toThrow(/plain id/);
    await expect(dispatch(handlers, 'backup:write', { projectId: '../x', projectName: 'x', reason: 'timer', bytes: new Uint8Array() })).rejects.toThrow(/plain id/);
    await expect(store.read('p1...')).rejects.toThrow();
  });
});
