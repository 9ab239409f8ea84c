// Slow, direct definitions of the queries, to check the fast ones against.
import type { CodingRecord, ProjectData } from '../../../shared/model/types';
import type { CooccurrenceCount, CooccurrenceMode } from '../../../shared/query';

/** Every pair of codings compared directly: the definition, slowly. */
export function bruteForceCooccurrence(project: ProjectData, mode: CooccurrenceMode, count: CooccurrenceCount, codes: string[]): number[][] {
  const slot = new Map(codes.map((c, i) => [c, i]));
  const n = codes.length;
  const sets: Set<string>[][] = codes.map(() => codes.map(() => new Set<string>()));
  const pairs: number[][] = codes.map(() => codes.map(() => 0));
  const text = new Map(project.texts.map((t) => [t.id, t]));
  const caseOf = new Map(project.documents.map((d) => [d.id, d.caseId]));
  const touches = (c: CodingRecord, t: { start: number; end: number }): boolean => c.start < t.end && t.start < c.end;
  const cooccur = (a: CodingRecord, b: CodingRecord): boolean => {
    if (a.start < b.end && b.start < a.end) return true;
    if (mode === 'overlap') return false;
    return text.get(a.documentId)!.turns.some((t) => touches(a, t) && touches(b, t));
  };
  const cs = project.codings;
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      const a = cs[i]!;
      const b = cs[j]!;
      if (a.documentId !== b.documentId || a.codeId === b.codeId || !cooccur(a, b)) continue;
      const x = slot.get(a.codeId)!;
      const y = slot.get(b.codeId)!;
      pairs[x]![y]!++;
      pairs[y]![x]!++;
      const owner = count === 'cases' ? caseOf.get(a.documentId) : a.documentId;
      if (owner) {
        sets[x]![y]!.add(owner);
        sets[y]![x]!.add(owner);
      }
    }
  }
  const own = codes.map(() => new Set<string>());
  const ownCount = codes.map(() => 0);
  for (const c of cs) {
    const x = slot.get(c.codeId)!;
    ownCount[x]!++;
    const owner = count === 'cases' ? caseOf.get(c.documentId) : c.documentId;
    if (owner) own[x]!.add(owner);
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? (count === 'codings' ? ownCount[i]! : own[i]!.size) : count === 'codings' ? pairs[i]![j]! : sets[i]![j]!.size)),
  );
}
