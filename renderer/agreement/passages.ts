import type { Disagreement, Range } from '../../shared/agreement/index';
import type { Id } from '../../shared/model/types';

/**
 * The navigator steps through passages, not single ranges: one passage (the stretch the two coders' codings of a
 * code cover together) can hold several differing ranges (A codes 5-25, B codes 10-20: 5-10 and 20-25), and a
 * resolution settles the whole passage at once.
 */
export interface PassageItem {
  /** Document, code and passage range: stable while the passage's codings stay as they are. */
  key: string;
  documentId: Id;
  codeId: Id;
  passage: Range;
  /** The differing ranges in the passage, in text order. */
  ranges: Disagreement[];
}

export function passageKey(d: Pick<Disagreement, 'documentId' | 'codeId' | 'passage'>): string {
  return `${d.documentId}:${d.codeId}:${d.passage.start}-${d.passage.end}`;
}

/** Disagreements grouped by passage, keeping the engine's order (document, then codebook, then text). */
export function groupPassages(disagreements: readonly Disagreement[]): PassageItem[] {
  const items = new Map<string, PassageItem>();
  for (const d of disagreements) {
    const key = passageKey(d);
    let item = items.get(key);
    if (!item) items.set(key, (item = { key, documentId: d.documentId, codeId: d.codeId, passage: { ...d.passage }, ranges: [] }));
    item.ranges.push(d);
  }
  for (const item of items.values()) item.ranges.sort((a, b) => a.start - b.start);
  return [...items.values()];
}

/** Passages per code, for the table's column and the navigator's code list. */
export function passagesPerCode(items: readonly PassageItem[]): Map<Id, number> {
  const counts = new Map<Id, number>();
  for (const item of items) counts.set(item.codeId, (counts.get(item.codeId) ?? 0) + 1);
  return counts;
}

/**
 * Where the navigator stands after its list changed: on the same passage when it is still there, else at the same
 * index (the passage after a resolved one moves into its place), kept inside the list.
 */
export function followPosition(items: readonly PassageItem[], position: { index: number; key?: string }): number {
  if (items.length === 0) return 0;
  if (position.key) {
    const found = items.findIndex((i) => i.key === position.key);
    if (found >= 0) return found;
  }
  return Math.max(0, Math.min(position.index, items.length - 1));
}

/** Each coder's coverage of the passage: the merged ranges of their codings (touching ones join). */
export function coverageOf(d: Disagreement, coderId: Id): Range[] {
  const ranges = d.codings
    .filter((c) => c.coderId === coderId)
    .map((c) => ({ start: Math.max(c.start, d.passage.start), end: Math.min(c.end, d.passage.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
