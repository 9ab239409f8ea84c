// Disagreements between two coders and the coding changes that resolve them.
import { describe, expect, it } from 'vitest';
import {
  applyCodingChanges,
  compareCoders,
  findDisagreements,
  resolveDisagreement,
  RESOLUTIONS,
  type Disagreement,
} from '../../../shared/agreement';
import type { CodingRecord } from '../../../shared/model/types';
import { coders, makeProject, type CodingSpec } from './project';

function project(codings: CodingSpec[]) {
  return makeProject({
    documents: [
      { id: 'd1', text: 'x'.repeat(100) },
      { id: 'd2', text: 'y'.repeat(100) },
    ],
    codes: [
      { id: 'trust', name: 'Trust' },
      { id: 'power', name: 'Power' },
    ],
    coders,
    codings,
  });
}

/** What each coder covers for one document and code, as [start, end] pairs. */
function covered(codings: readonly CodingRecord[], coderId: string): [number, number][] {
  const ranges = codings
    .filter((c) => c.coderId === coderId)
    .map((c) => [c.start, c.end] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

let counter = 0;
const options = { newId: () => `new-${++counter}`, now: 42 };

describe('findDisagreements', () => {
  it('finds maximal ranges coded by exactly one coder, with the passage and codings involved', () => {
    const p = project([
      ['d1', 'trust', 'a', 5, 25],
      ['d1', 'trust', 'b', 10, 20],
      ['d1', 'power', 'a', 0, 10],
      ['d1', 'power', 'b', 5, 15],
      ['d1', 'power', 'b', 60, 70],
      ['d1', 'power', 'a', 70, 80], // touches Bob's 60-70: one passage, two disagreements
      ['d2', 'trust', 'a', 0, 10],
      ['d2', 'trust', 'b', 0, 10],
    ]);
    const list = findDisagreements(p, 'a', 'b');
    expect(list.map((d) => [d.documentId, d.codeId, d.start, d.end, d.codedBy, d.passage.start, d.passage.end])).toEqual([
      ['d1', 'trust', 5, 10, 'a', 5, 25],
      ['d1', 'trust', 20, 25, 'a', 5, 25],
      ['d1', 'power', 0, 5, 'a', 0, 15],
      ['d1', 'power', 10, 15, 'b', 0, 15],
      ['d1', 'power', 60, 70, 'b', 60, 80],
      ['d1', 'power', 70, 80, 'a', 60, 80],
    ]);
    expect(list[0]!.codings.map((c) => [c.coderId, c.start, c.end])).toEqual([
      ['a', 5, 25],
      ['b', 10, 20],
    ]);
    expect(new Set(list.map((d) => d.key)).size).toBe(list.length);
  });

  it('merges a coder’s overlapping and touching codings before comparing', () => {
    const p = project([
      ['d1', 'trust', 'a', 0, 10],
      ['d1', 'trust', 'a', 10, 20],
      ['d1', 'trust', 'b', 0, 20],
    ]);
    expect(findDisagreements(p, 'a', 'b')).toEqual([]);
  });

  it('leaves out documents only one of the two coded, as the agreement figures do', () => {
    const p = project([
      ['d1', 'trust', 'a', 0, 10],
      ['d1', 'trust', 'b', 0, 10],
      ['d2', 'trust', 'a', 0, 10],
    ]);
    expect(findDisagreements(p, 'a', 'b')).toEqual([]);
  });

  it('covers exactly the characters counted as "only A" and "only B"', () => {
    const p = project([
      ['d1', 'trust', 'a', 3, 40],
      ['d1', 'trust', 'b', 20, 55],
      ['d1', 'trust', 'b', 70, 72],
      ['d1', 'trust', 'a', 90, 100],
    ]);
    const list = findDisagreements(p, 'a', 'b');
    const counts = compareCoders(p, { coderIds: ['a', 'b'] }).codes[0]!.pairs[0]!.counts;
    const length = (who: string): number =>
      list.filter((d) => d.codedBy === who).reduce((s, d) => s + d.end - d.start, 0);
    expect(length('a')).toBe(counts.onlyA);
    expect(length('b')).toBe(counts.onlyB);
  });
});

describe('resolveDisagreement', () => {
  // Alice 0-10, Bob 5-15: disagreements 0-5 (Alice) and 10-15 (Bob), one passage 0-15.
  const base = project([
    ['d1', 'trust', 'a', 0, 10],
    ['d1', 'trust', 'b', 5, 15],
  ]);
  const first = (): Disagreement => findDisagreements(base, 'a', 'b')[0]!;
  const after = (resolution: (typeof RESOLUTIONS)[number]): CodingRecord[] =>
    applyCodingChanges(base.codings, resolveDisagreement(first(), resolution, options));

  it('keep A: Bob’s coding takes Alice’s extent', () => {
    const changes = resolveDisagreement(first(), 'keepA', options);
    expect(changes).toEqual({
      add: [],
      delete: [],
      update: [{ id: 'coding-1', start: 0, end: 10, previous: { start: 5, end: 15 } }],
    });
    const codings = after('keepA');
    expect(covered(codings, 'a')).toEqual([[0, 10]]);
    expect(covered(codings, 'b')).toEqual([[0, 10]]);
  });

  it('keep B: Alice’s coding takes Bob’s extent', () => {
    const codings = after('keepB');
    expect(covered(codings, 'a')).toEqual([[5, 15]]);
    expect(covered(codings, 'b')).toEqual([[5, 15]]);
  });

  it('union and intersection change both coders', () => {
    expect(covered(after('union'), 'a')).toEqual([[0, 15]]);
    expect(covered(after('union'), 'b')).toEqual([[0, 15]]);
    expect(covered(after('intersection'), 'a')).toEqual([[5, 10]]);
    expect(covered(after('intersection'), 'b')).toEqual([[5, 10]]);
  });

  it('keep both changes nothing', () => {
    expect(resolveDisagreement(first(), 'keepBoth', options)).toEqual({ add: [], delete: [], update: [] });
  });

  it('after any resolution but keep both, the passage has no disagreement left', () => {
    for (const resolution of RESOLUTIONS) {
      const resolved = { ...base, codings: after(resolution) };
      const left = findDisagreements(resolved, 'a', 'b');
      expect(left.length).toBe(resolution === 'keepBoth' ? 2 : 0);
    }
  });

  it('splits a coding when keeping the coder who left a hole, and adds codings with new ids', () => {
    // Alice 0-30; Bob 0-10 and 20-30: the disagreement is 10-20 (Alice only).
    const p = project([
      ['d1', 'trust', 'a', 0, 30],
      ['d1', 'trust', 'b', 0, 10],
      ['d1', 'trust', 'b', 20, 30],
    ]);
    const [d] = findDisagreements(p, 'a', 'b');
    expect([d!.start, d!.end]).toEqual([10, 20]);
    const keepB = resolveDisagreement(d!, 'keepB', { newId: () => 'fresh', now: 7 });
    expect(keepB.update).toEqual([{ id: 'coding-0', start: 0, end: 10, previous: { start: 0, end: 30 } }]);
    expect(keepB.add).toEqual([
      { id: 'fresh', documentId: 'd1', codeId: 'trust', coderId: 'a', start: 20, end: 30, createdAt: 7 },
    ]);
    expect(keepB.delete).toEqual([]);
    // Keeping Alice joins Bob's two codings: one grows, the other goes (the whole record, for undo).
    const keepA = resolveDisagreement(d!, 'keepA', options);
    expect(keepA.update).toEqual([{ id: 'coding-1', start: 0, end: 30, previous: { start: 0, end: 10 } }]);
    expect(keepA.delete.map((c) => c.id)).toEqual(['coding-2']);
  });

  it('intersection of codings that do not overlap deletes both', () => {
    const p = project([
      ['d1', 'trust', 'a', 0, 10],
      ['d1', 'trust', 'b', 10, 20],
    ]);
    const [d] = findDisagreements(p, 'a', 'b');
    const changes = resolveDisagreement(d!, 'intersection', options);
    expect(changes.delete.map((c) => c.id).sort()).toEqual(['coding-0', 'coding-1']);
    expect(changes.add).toEqual([]);
  });

  it('a disagreement where only one coder coded: union adds the code for the other', () => {
    const p = project([
      ['d1', 'trust', 'a', 40, 50],
      ['d1', 'power', 'b', 0, 5], // Bob coded the document, but not Trust here
    ]);
    const [d] = findDisagreements(p, 'a', 'b');
    expect([d!.codeId, d!.start, d!.end, d!.codedBy]).toEqual(['trust', 40, 50, 'a']);
    const changes = resolveDisagreement(d!, 'union', options);
    expect(changes.add).toMatchObject([{ coderId: 'b', codeId: 'trust', documentId: 'd1', start: 40, end: 50, createdAt: 42 }]);
    expect(resolveDisagreement(d!, 'intersection', options).delete.map((c) => c.id)).toEqual(['coding-0']);
  });
});
