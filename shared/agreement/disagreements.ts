/**
 * Where two coders differ, and how to settle each difference.
 *
 * A disagreement is a maximal range of characters, in one document and for one code, that exactly one of the two
 * coders coded. Ranges where one coder's coding ends and the other's begins are two disagreements, one per coder.
 * Only documents both coders coded are searched (as in the agreement figures: a document one coder never opened is
 * not a disagreement).
 *
 * Each disagreement belongs to a *passage*: the stretch covered, without a break, by the two coders' codings of
 * that code around it. A resolution rewrites both coders' codings inside the passage so that they cover:
 *   keepA          what coder A covered (B's codings are changed to match);
 *   keepB          what coder B covered;
 *   union          what either coder covered;
 *   intersection   what both coders covered;
 *   keepBoth       nothing changes: both versions stand and the difference is accepted.
 * A passage can hold several disagreements (A codes 5-25, B codes 10-20: 5-10 and 20-25), and resolving one
 * settles the whole passage. The result is a list of coding changes for the app to apply as one command.
 */
import type { CodingRecord, Id, ProjectData, Timestamp } from '../model/types';
import { newId as randomId } from '../model/ids';
import { codebookOrder } from './segment';
import { coverage, type Range } from './units';

export interface Disagreement {
  /** Stable within one list: document, code and range. */
  key: string;
  documentId: Id;
  codeId: Id;
  coderA: Id;
  coderB: Id;
  start: number;
  end: number;
  /** The coder who coded this range (the other did not). */
  codedBy: Id;
  /** The stretch a resolution of this disagreement changes. */
  passage: Range;
  /** Both coders' codings of the code in the passage, by start. */
  codings: CodingRecord[];
}

export type Resolution = 'keepA' | 'keepB' | 'keepBoth' | 'union' | 'intersection';
export const RESOLUTIONS: readonly Resolution[] = ['keepA', 'keepB', 'keepBoth', 'union', 'intersection'];

export interface CodingUpdate {
  id: Id;
  start: number;
  end: number;
  /** The range before the change, for undo. */
  previous: Range;
}

export interface CodingChanges {
  add: CodingRecord[];
  /** Whole records, so that undo can restore them. */
  delete: CodingRecord[];
  update: CodingUpdate[];
}

export interface FindDisagreementsOptions {
  codeIds?: readonly Id[];
  documentIds?: readonly Id[];
}

/**
 * Every disagreement between two coders, in document order, then codebook order, then text order.
 */
export function findDisagreements(
  project: Pick<ProjectData, 'documents' | 'codes' | 'codings'>,
  coderA: Id,
  coderB: Id,
  options: FindDisagreementsOptions = {},
): Disagreement[] {
  if (coderA === coderB) throw new Error('Choose two different coders to compare.');
  const wantedCodes = options.codeIds ? new Set(options.codeIds) : undefined;
  const wantedDocuments = options.documentIds ? new Set(options.documentIds) : undefined;
  const coded = new Map<Id, Set<Id>>(); // document -> coders (A, B) with any coding there
  const groups = new Map<string, { documentId: Id; codeId: Id; codings: CodingRecord[] }>();
  for (const c of project.codings) {
    if (c.coderId !== coderA && c.coderId !== coderB) continue;
    let set = coded.get(c.documentId);
    if (!set) coded.set(c.documentId, (set = new Set()));
    set.add(c.coderId);
    if (wantedCodes && !wantedCodes.has(c.codeId)) continue;
    if (wantedDocuments && !wantedDocuments.has(c.documentId)) continue;
    const key = `${c.documentId}\u0000${c.codeId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { documentId: c.documentId, codeId: c.codeId, codings: [] }));
    group.codings.push(c);
  }

  const documentRank = new Map(
    [...project.documents].sort((a, b) => a.order - b.order).map((d, i) => [d.id, i] as const),
  );
  const codeRank = new Map(codebookOrder(project.codes).map((c, i) => [c.id, i] as const));
  const ordered = [...groups.values()]
    .filter((g) => coded.get(g.documentId)?.size === 2)
    .sort(
      (x, y) =>
        (documentRank.get(x.documentId) ?? Infinity) - (documentRank.get(y.documentId) ?? Infinity) ||
        (codeRank.get(x.codeId) ?? Infinity) - (codeRank.get(y.codeId) ?? Infinity) ||
        (x.documentId < y.documentId ? -1 : x.documentId > y.documentId ? 1 : 0) ||
        (x.codeId < y.codeId ? -1 : x.codeId > y.codeId ? 1 : 0),
    );

  const out: Disagreement[] = [];
  for (const group of ordered) {
    const codings = group.codings.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start || a.end - b.end);
    const a = coverage(codings.filter((c) => c.coderId === coderA));
    const b = coverage(codings.filter((c) => c.coderId === coderB));
    const passages = coverage(codings);
    for (const range of exclusiveRanges(a, b)) {
      const passage = passages.find((p) => p.start <= range.start && range.end <= p.end)!;
      out.push({
        key: `${group.documentId}:${group.codeId}:${range.start}-${range.end}`,
        documentId: group.documentId,
        codeId: group.codeId,
        coderA,
        coderB,
        start: range.start,
        end: range.end,
        codedBy: range.inA ? coderA : coderB,
        passage: { start: passage.start, end: passage.end },
        codings: codings.filter((c) => c.start < passage.end && c.end > passage.start),
      });
    }
  }
  return out;
}

/** Maximal ranges covered by exactly one of two coverages (each sorted, disjoint, not touching). */
function exclusiveRanges(a: readonly Range[], b: readonly Range[]): (Range & { inA: boolean })[] {
  const bounds = [...new Set([...a, ...b].flatMap((r) => [r.start, r.end]))].sort((x, y) => x - y);
  const out: (Range & { inA: boolean })[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = bounds[k]!;
    const end = bounds[k + 1]!;
    while (i < a.length && a[i]!.end <= start) i++;
    while (j < b.length && b[j]!.end <= start) j++;
    const inA = i < a.length && a[i]!.start <= start;
    const inB = j < b.length && b[j]!.start <= start;
    if (inA === inB) continue;
    const last = out[out.length - 1];
    if (last && last.end === start && last.inA === inA) last.end = end;
    else out.push({ start, end, inA });
  }
  return out;
}

/** The ranges covered by both of two coverages. */
function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

function sameRanges(x: readonly Range[], y: readonly Range[]): boolean {
  return x.length === y.length && x.every((r, i) => r.start === y[i]!.start && r.end === y[i]!.end);
}

export interface ResolveOptions {
  /** Id for each new coding (default: a random UUID). */
  newId?: () => Id;
  /** Creation time of new codings (default: now). */
  now?: Timestamp;
}

/**
 * The coding changes that settle a disagreement's passage as chosen (see the top of this file). Pure: it reads
 * only the disagreement, and returns codings to add, to delete and to update.
 */
export function resolveDisagreement(
  disagreement: Disagreement,
  resolution: Resolution,
  options: ResolveOptions = {},
): CodingChanges {
  const changes: CodingChanges = { add: [], delete: [], update: [] };
  if (resolution === 'keepBoth') return changes;
  const { coderA, coderB, codings } = disagreement;
  const ofA = codings.filter((c) => c.coderId === coderA);
  const ofB = codings.filter((c) => c.coderId === coderB);
  const coverA = coverage(ofA);
  const coverB = coverage(ofB);
  const target =
    resolution === 'keepA'
      ? coverA
      : resolution === 'keepB'
        ? coverB
        : resolution === 'union'
          ? coverage([...coverA, ...coverB])
          : intersect(coverA, coverB);
  const makeId = options.newId ?? randomId;
  const now = options.now ?? Date.now();
  for (const [coderId, current, cover] of [
    [coderA, ofA, coverA],
    [coderB, ofB, coverB],
  ] as const) {
    if (sameRanges(cover, target)) continue;
    // Reuse the coder's existing codings in text order, then delete the surplus or add what is missing.
    const sorted = [...current].sort((x, y) => x.start - y.start || x.end - y.end);
    target.forEach((range, i) => {
      const existing = sorted[i];
      if (existing) {
        if (existing.start !== range.start || existing.end !== range.end) {
          changes.update.push({
            id: existing.id,
            start: range.start,
            end: range.end,
            previous: { start: existing.start, end: existing.end },
          });
        }
      } else {
        changes.add.push({
          id: makeId(),
          documentId: disagreement.documentId,
          codeId: disagreement.codeId,
          coderId,
          start: range.start,
          end: range.end,
          createdAt: now,
        });
      }
    });
    for (const extra of sorted.slice(target.length)) changes.delete.push(extra);
  }
  return changes;
}

/** Applies coding changes to a list of codings (what the app's command does in its database), for previews and tests. */
export function applyCodingChanges(codings: readonly CodingRecord[], changes: CodingChanges): CodingRecord[] {
  const deleted = new Set(changes.delete.map((c) => c.id));
  const updates = new Map(changes.update.map((u) => [u.id, u]));
  const out = codings
    .filter((c) => !deleted.has(c.id))
    .map((c) => {
      const u = updates.get(c.id);
      return u ? { ...c, start: u.start, end: u.end } : c;
    });
  return [...out, ...changes.add];
}
