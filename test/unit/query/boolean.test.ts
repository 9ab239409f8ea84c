import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import { booleanHitsToTable, booleanQuery, buildQueryIndex, type BooleanHit } from '../../../shared/query';
import { buildSmallProject } from './fixture';

const project = buildSmallProject();
const index = buildQueryIndex(project);
const brief = (hits: BooleanHit[]): [string, string, string, string[], string[]][] =>
  hits.map((h) => [h.documentId, h.range, h.text, [...h.codingIdsA].sort(), [...h.codingIdsB].sort()]);
const d1 = project.texts[0]!.text;

describe('boolean code queries on a hand-worked project', () => {
  it('A AND B (overlapping): the union of each run of overlapping codings', () => {
    expect(brief(booleanQuery(index, { operator: 'and', a: { codeIds: ['A1'] }, b: { codeIds: ['B'] } }))).toEqual([
      ['D1', 'union', 'The parents felt heard. We shared', ['c1'], ['c3']],
    ]);
    // Partnership (Parents, Planning, Parents heard) AND Trust: in D1 c1, c2, c13 all overlap c3; in D3 c10 lies in c9
    expect(brief(booleanQuery(index, { operator: 'and', a: { themeIds: ['T1'] }, b: { codeIds: ['B'] } }))).toEqual([
      ['D1', 'union', 'The parents felt heard. We shared the plan early', ['c1', 'c13', 'c2'], ['c3']],
      ['D3', 'union', 'trust and parents', ['c10'], ['c9']],
    ]);
  });

  it('A AND B (overlapping), as the text coded with both', () => {
    const hits = booleanQuery(index, { operator: 'and', range: 'intersection', a: { themeIds: ['T1'] }, b: { codeIds: ['B'] } });
    expect(brief(hits)).toEqual([
      ['D1', 'intersection', 'parents felt heard', ['c1'], ['c3']],
      ['D1', 'intersection', 'We shared', ['c13', 'c2'], ['c3']],
      ['D3', 'intersection', 'parents', ['c10'], ['c9']],
    ]);
    expect(hits[0]!.start).toBe(d1.indexOf('parents felt heard'));
  });

  it('A AND B in the same turn: the whole turn', () => {
    const hits = booleanQuery(index, { operator: 'and', scope: 'same-turn', a: { themeIds: ['T1'] }, b: { codeIds: ['B'] } });
    expect(brief(hits)).toEqual([
      ['D1', 'turn', 'Nia: The parents felt heard. We shared the plan early.', ['c1', 'c13', 'c2'], ['c3']],
      ['D2', 'turn', 'Sam: Trust takes time. The parents felt blamed.', ['c7'], ['c6']],
      ['D3', 'turn', 'First paragraph about trust and parents.', ['c10'], ['c9']],
    ]);
    expect(hits[1]!.context).toMatchObject({ kind: 'turn', speaker: 'Sam' });
  });

  it('A OR B: every coding of either, overlapping ones joined', () => {
    expect(brief(booleanQuery(index, { operator: 'or', a: { codeIds: ['A'] }, b: { codeIds: ['S'] } }))).toEqual([
      ['D1', 'union', 'And the school?', [], ['c5']],
      ['D1', 'union', 'The school was missing again', [], ['c4']],
      ['D2', 'union', 'The parents felt blamed', ['c7'], []],
      ['D3', 'union', 'parents', ['c10'], []],
      ['D3', 'union', 'schools', [], ['c11']],
    ]);
    expect(brief(booleanQuery(index, { operator: 'or', a: { codeIds: ['B'] }, b: { codeIds: ['P'] } })).map((h) => h[2])).toEqual([
      'parents felt heard. We shared the plan early',
      'Trust takes time',
      'I shared notes after',
      'trust and parents',
      'Trust',
    ]);
  });

  it('A NOT B: codings of A that overlap no coding of B (or share no turn with one)', () => {
    const ids = (hits: BooleanHit[]): string[] => hits.map((h) => h.codingIdsA[0]!);
    expect(ids(booleanQuery(index, { operator: 'not', a: { codeIds: ['P'] }, b: { codeIds: ['B'] } }))).toEqual(['c8']);
    expect(ids(booleanQuery(index, { operator: 'not', a: { codeIds: ['B'] }, b: { codeIds: ['A'] } }))).toEqual(['c3', 'c6', 'c12']);
    expect(ids(booleanQuery(index, { operator: 'not', scope: 'same-turn', a: { codeIds: ['B'] }, b: { codeIds: ['A'] } }))).toEqual(['c3', 'c12']);
    const [hit] = booleanQuery(index, { operator: 'not', a: { codeIds: ['P'] }, b: { codeIds: ['B'] } });
    expect([hit!.range, hit!.text, hit!.codingIdsB]).toEqual(['coding', 'I shared notes after', []]);
  });

  it('A NEAR B within n turns: from the first coding to the last', () => {
    // School c5 is in turn 2 of D1, the Planning codings c2, c13 in turn 1, School c4 in turn 3
    const from = d1.indexOf('We shared the plan early');
    expect(booleanQuery(index, { operator: 'near', distance: 0, a: { codeIds: ['S'] }, b: { codeIds: ['P'] } })).toEqual([]);
    const near1 = booleanQuery(index, { operator: 'near', distance: 1, a: { codeIds: ['S'] }, b: { codeIds: ['P'] } });
    expect(brief(near1)).toEqual([['D1', 'union', d1.slice(from, d1.indexOf('school?') + 7), ['c5'], ['c13', 'c2']]]);
    const near2 = booleanQuery(index, { operator: 'near', distance: 2, a: { codeIds: ['S'] }, b: { codeIds: ['P'] } });
    expect(brief(near2)).toEqual([['D1', 'union', d1.slice(from, d1.indexOf('missing again') + 13), ['c4', 'c5'], ['c13', 'c2']]]);
    expect(() => booleanQuery(index, { operator: 'near', distance: -1, a: { codeIds: ['S'] }, b: { codeIds: ['P'] } })).toThrow(/whole number of turns/);
  });

  it('applies the filter to both sides', () => {
    const hits = booleanQuery(index, { operator: 'and', scope: 'same-turn', a: { themeIds: ['T1'] }, b: { codeIds: ['B'] }, filter: { coderIds: ['x'] } });
    expect(brief(hits)).toEqual([['D3', 'turn', 'First paragraph about trust and parents.', ['c10'], ['c9']]]);
  });

  it('makes a table', () => {
    const t = booleanHitsToTable(booleanQuery(index, { operator: 'not', a: { codeIds: ['P'] }, b: { codeIds: ['B'] } }));
    const at = project.texts[1]!.text.indexOf('I shared');
    expect(t.rows).toEqual([['Doc D2', 'P02', at, at + 20, 'coding', 'I shared notes after', 1, 0, 'Sam', 'Sam: I shared notes after.']]);
  });
});

// ---- Against the definitions, checked character by character on random projects ----

const randomProject = fc
  .record({
    length: fc.integer({ min: 10, max: 80 }),
    codings: fc.array(fc.record({ code: fc.integer({ min: 0, max: 2 }), a: fc.nat(), b: fc.nat() }), { maxLength: 25 }),
  })
  .map(({ length, codings }): ProjectData => {
    const p = buildSmallProject();
    p.documents = [{ ...p.documents[0]!, id: 'R', caseId: undefined }];
    const turns = [];
    for (let s = 0; s < length; s += 10) turns.push({ start: s, end: Math.min(length, s + 9) });
    p.texts = [{ id: 'R', text: 'y'.repeat(length), turns, blocks: [] }];
    p.codes = p.codes.slice(0, 3).map((c) => ({ ...c, parentId: undefined }));
    p.codings = codings.map((c, i) => {
      const s = c.a % length;
      return { id: `k${i}`, documentId: 'R', codeId: p.codes[c.code]!.id, coderId: 'x', start: s, end: s + 1 + (c.b % (length - s)), createdAt: 0 };
    });
    return p;
  });

describe('boolean queries agree with their definitions', () => {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

  it('AND (intersection) covers exactly the characters coded with both', () => {
    fc.assert(
      fc.property(randomProject, (p) => {
        const hits = booleanQuery(buildQueryIndex(p), { operator: 'and', range: 'intersection', a: { codeIds: ['A'] }, b: { codeIds: ['B'] } });
        const length = p.texts[0]!.text.length;
        const covered = (code: string, k: number): boolean => p.codings.some((c) => c.codeId === code && c.start <= k && k < c.end);
        for (let k = 0; k < length; k++) {
          const inHit = hits.some((h) => h.start <= k && k < h.end);
          expect(inHit).toBe(covered('A', k) && covered('B', k));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('NOT keeps exactly the A codings overlapping no B coding; AND (union) runs hold the others', () => {
    fc.assert(
      fc.property(randomProject, (p) => {
        const i = buildQueryIndex(p);
        const A = p.codings.filter((c) => c.codeId === 'A');
        const B = p.codings.filter((c) => c.codeId === 'B');
        const lonely = A.filter((a) => !B.some((b) => overlaps(a, b))).map((a) => a.id).sort();
        const not = booleanQuery(i, { operator: 'not', a: { codeIds: ['A'] }, b: { codeIds: ['B'] } });
        expect(not.map((h) => h.codingIdsA[0]).sort()).toEqual(lonely);
        const and = booleanQuery(i, { operator: 'and', a: { codeIds: ['A'] }, b: { codeIds: ['B'] } });
        const inAnd = and.flatMap((h) => h.codingIdsA).sort();
        expect(inAnd).toEqual(A.filter((a) => B.some((b) => overlaps(a, b))).map((a) => a.id).sort());
        // runs do not overlap one another
        for (let k = 1; k < and.length; k++) expect(and[k]!.start).toBeGreaterThanOrEqual(and[k - 1]!.end);
      }),
      { numRuns: 200 },
    );
  });

  it('NEAR pairs exactly the codings at most n turns apart', () => {
    fc.assert(
      fc.property(randomProject, fc.integer({ min: 0, max: 3 }), (p, n) => {
        const i = buildQueryIndex(p);
        const turnsOf = (c: { start: number; end: number }): number[] =>
          p.texts[0]!.turns.flatMap((t, k) => (overlaps(c, t) ? [k] : [])).concat(p.texts[0]!.turns.some((t) => overlaps(c, t)) ? [] : [Math.floor(c.start / 10)]);
        const A = p.codings.filter((c) => c.codeId === 'A');
        const B = p.codings.filter((c) => c.codeId === 'B');
        const near = (a: (typeof A)[number], b: (typeof B)[number]): boolean => turnsOf(a).some((x) => turnsOf(b).some((y) => Math.abs(x - y) <= n));
        const hits = booleanQuery(i, { operator: 'near', distance: n, a: { codeIds: ['A'] }, b: { codeIds: ['B'] } });
        expect(hits.flatMap((h) => h.codingIdsA).sort()).toEqual(A.filter((a) => B.some((b) => near(a, b))).map((a) => a.id).sort());
        expect(hits.flatMap((h) => h.codingIdsB).sort()).toEqual(B.filter((b) => A.some((a) => near(a, b))).map((b) => b.id).sort());
      }),
      { numRuns: 200 },
    );
  });
});
