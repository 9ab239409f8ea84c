import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import {
  buildQueryIndex,
  cooccurrenceList,
  cooccurrenceMatrix,
  cooccurrenceToTable,
  cooccurringPairs,
  cooccurringPairsToTable,
} from '../../../shared/query';
import { bruteForceCooccurrence as bruteForce } from './brute-force';
import { buildSmallProject } from './fixture';

const small = buildSmallProject();
const index = buildQueryIndex(small);
const order = ['A', 'A1', 'B', 'S', 'P'];

/** Reads the matrix as { "X-Y": count } for the off-diagonal cells above the diagonal that are not 0. */
function offDiagonal(counts: number[][], codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < codes.length; i++) for (let j = i + 1; j < codes.length; j++) if (counts[i]![j]) out[`${codes[i]}-${codes[j]}`] = counts[i]![j]!;
  return out;
}

describe('co-occurrence on a hand-worked project', () => {
  it('overlapping codings: pairs, documents and cases', () => {
    const m = cooccurrenceMatrix(index, { codeIds: order });
    // D1: Trust (c3) overlaps Parents heard (c1) and both Planning codings (c2, c13); D3: Trust (c9) holds Parents (c10)
    expect(offDiagonal(m.counts, order)).toEqual({ 'A-B': 1, 'A1-B': 1, 'B-P': 2 });
    expect(m.counts.map((row, i) => row[i])).toEqual([2, 1, 4, 3, 3]);
    // symmetric
    expect(m.counts[4]![2]).toBe(2);
    const docs = cooccurrenceMatrix(index, { codeIds: order, count: 'documents' });
    expect(offDiagonal(docs.counts, order)).toEqual({ 'A-B': 1, 'A1-B': 1, 'B-P': 1 });
    expect(docs.counts.map((row, i) => row[i])).toEqual([2, 1, 4, 2, 2]);
    const cases = cooccurrenceMatrix(index, { codeIds: order, count: 'cases' });
    expect(cases.counts.map((row, i) => row[i])).toEqual([2, 1, 3, 2, 2]); // D5 (Trust) has no case
  });

  it('codings in the same turn (blocks stand in for turns)', () => {
    const m = cooccurrenceMatrix(index, { codeIds: order, mode: 'same-turn' });
    // D1 turn 1 holds c1 (A1), c3 (B), c2 and c13 (P); D2 turn 1 holds c6 (B) and c7 (A); D3 block 1 holds c9, c10
    expect(offDiagonal(m.counts, order)).toEqual({ 'A-B': 2, 'A1-B': 1, 'A1-P': 2, 'B-P': 2 });
    const docs = cooccurrenceMatrix(index, { codeIds: order, mode: 'same-turn', count: 'documents' });
    expect(offDiagonal(docs.counts, order)).toEqual({ 'A-B': 2, 'A1-B': 1, 'A1-P': 1, 'B-P': 1 });
  });

  it('only pairs by the same coder, and after a filter', () => {
    const m = cooccurrenceMatrix(index, { codeIds: order, sameCoderOnly: true });
    expect(offDiagonal(m.counts, order)).toEqual({ 'A-B': 1, 'B-P': 1 });
    const police = cooccurrenceMatrix(index, { codeIds: order, mode: 'same-turn', filter: { caseIds: ['C2'] } });
    expect(offDiagonal(police.counts, order)).toEqual({ 'A-B': 1 });
  });

  it('lists the pairs with their passages', () => {
    const pairs = cooccurringPairs(index, { codeIds: ['B', 'P'] });
    expect(pairs.map((p) => [p.a.id, p.b.id, p.passage.text, p.overlap && textSlice(p.documentId, p.overlap.start, p.overlap.end)])).toEqual([
      // both passages start with c3; the shorter comes first
      ['c3', 'c13', 'parents felt heard. We shared the plan', 'shared'],
      ['c3', 'c2', 'parents felt heard. We shared the plan early', 'We shared'],
    ]);
    const sameTurn = cooccurringPairs(index, { codeIds: ['A', 'B'], mode: 'same-turn' });
    expect(sameTurn.map((p) => [p.a.id, p.b.id, p.overlap === null, p.passage.text])).toEqual([
      ['c7', 'c6', true, 'Trust takes time. The parents felt blamed'],
      ['c10', 'c9', false, 'trust and parents'],
    ]);
    expect(cooccurringPairs(index, { codeIds: order, limit: 1 })).toHaveLength(1);
    const table = cooccurringPairsToTable(index, pairs);
    expect(table.rows[0]!.slice(0, 6)).toEqual(['Doc D1', 'P01', 'Trust', 'Yara', 'Planning', 'Yara']);
    expect(table.rows[1]!.slice(4, 9)).toEqual(['Planning', 'Xin', small.texts[0]!.text.indexOf('parents felt'), small.texts[0]!.text.indexOf(' early') + 6, 9]);
  });

  it('makes a table and a ranked list', () => {
    const m = cooccurrenceMatrix(index, { codeIds: order });
    const table = cooccurrenceToTable(m);
    expect(table.columns).toEqual(['Code', 'Parents', 'Parents/Parents heard', 'Trust', 'School', 'Planning']);
    expect(table.rows[2]).toEqual(['Trust', 1, 1, 4, 0, 2]);
    expect(cooccurrenceList(m)[0]).toEqual({ codeA: 'B', codeB: 'P', count: 2 });
  });
});

function textSlice(documentId: string, start: number, end: number): string {
  return small.texts.find((t) => t.id === documentId)!.text.slice(start, end);
}

// ---- Against a brute-force count on random projects ----

const randomProject = fc
  .record({
    docs: fc.array(
      fc.record({
        length: fc.integer({ min: 20, max: 120 }),
        cuts: fc.array(fc.integer({ min: 1, max: 119 }), { maxLength: 6 }),
        caseNo: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    codings: fc.array(
      fc.record({ doc: fc.nat(), code: fc.integer({ min: 0, max: 3 }), coder: fc.integer({ min: 0, max: 1 }), a: fc.nat(), b: fc.nat() }),
      { maxLength: 40 },
    ),
  })
  .map(({ docs, codings }): ProjectData => {
    const p = buildSmallProject();
    p.codes = p.codes.slice(0, 4).map((c) => ({ ...c, parentId: undefined }));
    p.documents = docs.map((d, i) => ({ ...p.documents[0]!, id: `R${i}`, name: `R${i}`, order: i, caseId: d.caseNo ? `C${d.caseNo}` : undefined }));
    p.texts = docs.map((d, i) => {
      // turns between sorted cut points, leaving one-character gaps between them
      const cuts = [...new Set(d.cuts.filter((c) => c < d.length))].sort((x, y) => x - y);
      const bounds = [0, ...cuts, d.length];
      const turns = [];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const start = bounds[k]! + (k > 0 ? 1 : 0);
        if (start < bounds[k + 1]!) turns.push({ start, end: bounds[k + 1]! });
      }
      return { id: `R${i}`, text: 'x'.repeat(d.length), turns, blocks: [] };
    });
    p.codings = codings.map((c, i) => {
      const doc = c.doc % docs.length;
      const len = docs[doc]!.length;
      const s = c.a % len;
      const e = s + 1 + (c.b % (len - s));
      return { id: `k${i}`, documentId: `R${doc}`, codeId: p.codes[c.code]!.id, coderId: c.coder ? 'x' : 'y', start: s, end: e, createdAt: 0 };
    });
    return p;
  });

describe('co-occurrence sweep agrees with comparing every pair', () => {
  for (const mode of ['overlap', 'same-turn'] as const) {
    for (const count of ['codings', 'documents', 'cases'] as const) {
      it(`${mode}, counting ${count}`, () => {
        fc.assert(
          fc.property(randomProject, (p) => {
            const codes = p.codes.map((c) => c.id);
            const m = cooccurrenceMatrix(buildQueryIndex(p), { codeIds: codes, mode, count });
            expect(m.counts).toEqual(bruteForce(p, mode, count, codes));
          }),
          { numRuns: 150 },
        );
      });
    }
  }

  it('lists exactly the pairs it counts', () => {
    fc.assert(
      fc.property(randomProject, (p) => {
        const i = buildQueryIndex(p);
        const codes = p.codes.map((c) => c.id);
        const m = cooccurrenceMatrix(i, { codeIds: codes, mode: 'same-turn' });
        const pairs = cooccurringPairs(i, { codeIds: codes, mode: 'same-turn' });
        const total = m.counts.reduce((sum, row, x) => sum + row.reduce((s, v, y) => s + (y > x ? v : 0), 0), 0);
        expect(pairs.length).toBe(total);
        for (const pair of pairs) expect(codes.indexOf(pair.a.codeId)).toBeLessThan(codes.indexOf(pair.b.codeId));
      }),
      { numRuns: 100 },
    );
  });
});
