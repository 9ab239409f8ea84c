/**
 * Which automatic snapshots to keep: every snapshot of the last hour; then the newest of each hour for a day; the
 * newest of each day for a month; and every snapshot taken before a risky operation (merge, pseudonymisation,
 * delete, restore) for a month. Older ones go. The newest snapshot is always kept, however old.
 */
export interface SnapshotInfo {
  id: string;
  at: number;
  /** 'timer' for the periodic snapshot; anything else marks a snapshot taken before an operation. */
  reason: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function snapshotsToDelete(snapshots: readonly SnapshotInfo[], now: number): SnapshotInfo[] {
  const sorted = [...snapshots].sort((a, b) => b.at - a.at);
  const keep = new Set<string>();
  const hourBuckets = new Set<number>();
  const dayBuckets = new Set<number>();
  for (const [index, snapshot] of sorted.entries()) {
    const age = now - snapshot.at;
    if (index === 0 || age < HOUR) keep.add(snapshot.id);
    else if (snapshot.reason !== 'timer' && age < 30 * DAY) keep.add(snapshot.id);
    else if (age < DAY) {
      const bucket = Math.floor(snapshot.at / HOUR);
      if (!hourBuckets.has(bucket)) {
        hourBuckets.add(bucket);
        keep.add(snapshot.id);
      }
    } else if (age < 30 * DAY) {
      const bucket = Math.floor(snapshot.at / DAY);
      if (!dayBuckets.has(bucket)) {
        dayBuckets.add(bucket);
        keep.add(snapshot.id);
      }
    }
  }
  return sorted.filter((s) => !keep.has(s.id));
}
