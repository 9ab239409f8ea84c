import { describe, expect, it } from 'vitest';
import { snapshotsToDelete, type SnapshotInfo } from '../../../shared/backup/rotation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const snap = (id: string, ago: number, reason = 'timer'): SnapshotInfo => ({ id, at: now - ago, reason });

describe('snapshot rotation', () => {
  it('keeps everything from the last hour', () => {
    const list = [snap('a', 1000), snap('b', 10 * 60_000), snap('c', 50 * 60_000)];
    expect(snapshotsToDelete(list, now)).toEqual([]);
  });

  it('keeps the newest of each hour for a day', () => {
    // 2h10m and 2h40m ago fall in different clock hours than 3h05m; 2h10m and 2h20m share an hour.
    const list = [snap('new', 0), snap('h2a', 2 * HOUR + 10 * 60_000), snap('h2b', 2 * HOUR + 20 * 60_000), snap('h5', 5 * HOUR)];
    expect(snapshotsToDelete(list, now).map((s) => s.id)).toEqual(['h2b']);
  });

  it('keeps the newest of each day for a month, then lets go', () => {
    const list = [snap('new', 0), snap('d2a', 2 * DAY), snap('d2b', 2 * DAY + HOUR), snap('d40', 40 * DAY)];
    expect(snapshotsToDelete(list, now).map((s) => s.id).sort()).toEqual(['d2b', 'd40']);
  });

  it('keeps snapshots taken before risky operations for a month', () => {
    const list = [snap('new', 0), snap('merge1', 3 * DAY, 'before merge'), snap('merge2', 3 * DAY + 60_000, 'before merge'), snap('old', 31 * DAY, 'before delete')];
    expect(snapshotsToDelete(list, now).map((s) => s.id)).toEqual(['old']);
  });

  it('always keeps the newest snapshot, however old', () => {
    expect(snapshotsToDelete([snap('only', 400 * DAY)], now)).toEqual([]);
  });
});
