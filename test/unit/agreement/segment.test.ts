// Coder comparison over a project, hand-computed: characters, turns, paragraphs, three coders, documents left out.
import { describe, expect, it } from 'vitest';
import {
  characterProfile,
  codePaths,
  compareCoders,
  documentUnits,
  paragraphRanges,
  unitizedAlpha,
  unitProfile,
} from '../../../shared/agreement';
import { coders, makeProject, type DocSpec } from './project';

const close = (actual: number | null | undefined, expected: number): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-12);
};

describe('characters as units, two coders, two codes', () => {
  // 100 characters. Trust: both code 0-50. Power: Alice 0-10, Bob 10-20.
  const project = makeProject({
    documents: [{ id: 'd', text: 'x'.repeat(100) }],
    codes: [
      { id: 'partnership', name: 'Partnership' },
      { id: 'trust', name: 'Trust', parentId: 'partnership' },
      { id: 'power', name: 'Power' },
      { id: 'unused', name: 'Unused' },
    ],
    coders,
    codings: [
      ['d', 'trust', 'a', 0, 50],
      ['d', 'trust', 'b', 0, 30],
      ['d', 'trust', 'b', 20, 50], // overlapping codings of one coder count once
      ['d', 'power', 'a', 0, 10],
      ['d', 'power', 'b', 10, 20],
    ],
  });
  const result = compareCoders(project, { coderIds: ['a', 'b'] });

  it('lists the codes used, in codebook order, by name path', () => {
    expect(result.codes.map((c) => c.code)).toEqual(['Partnership/Trust', 'Power']);
    expect(result.coders).toEqual([
      { id: 'a', name: 'Alice' },
      { id: 'b', name: 'Bob' },
    ]);
    expect(result.documents).toEqual([{ id: 'd', name: 'Document d', coderIds: ['a', 'b'] }]);
    expect(result.leftOut).toEqual([]);
  });

  it('per code: identical coding gives 100 % and kappa 1; disjoint coding gives kappa below 0', () => {
    const [trust, power] = result.codes;
    expect(trust!.pairs[0]!.counts).toEqual({ both: 50, onlyA: 0, onlyB: 0, neither: 50 });
    close(trust!.percentAgreement.value, 100);
    close(trust!.kappa.value, 1);
    close(trust!.alpha.value, 1);
    expect(trust!.unitizedAlpha!.value).toBe(1); // the same single section: no observed disagreement
    // Power: both 0, only A 10, only B 10, neither 80: 80 %. p_e = (10 x 10 + 90 x 90)/100^2 = 0.82;
    // kappa = (0.8 - 0.82)/(1 - 0.82) = -1/9.
    expect(power!.pairs[0]!.counts).toEqual({ both: 0, onlyA: 10, onlyB: 10, neither: 80 });
    close(power!.percentAgreement.value, 80);
    close(power!.kappa.value, -1 / 9);
  });

  it('overall pools every (character, code) decision', () => {
    // both 50, only A 10, only B 10, neither 130 of 200: 90 %. p_e = (60 x 60 + 140 x 140)/200^2 = 0.58;
    // kappa = 0.32/0.42 = 16/21. Alpha: o_11 = 100, o_00 = 260, o_01 = o_10 = 20, n_1 = 120, n_0 = 280, n = 400;
    // alpha = 1 - 399 x 40 / (2 x 120 x 280) = 0.7625.
    expect(result.overall.pairs[0]!.counts).toEqual({ both: 50, onlyA: 10, onlyB: 10, neither: 130 });
    close(result.overall.percentAgreement.value, 90);
    close(result.overall.kappa.value, 16 / 21);
    close(result.overall.alpha.value, 0.7625);
  });

  it('is the same with the coders given the other way round', () => {
    const swapped = compareCoders(project, { coderIds: ['b', 'a'] });
    swapped.codes.forEach((c, i) => {
      expect(c.percentAgreement.value).toBe(result.codes[i]!.percentAgreement.value);
      close(c.kappa.value, result.codes[i]!.kappa.value!);
      close(c.alpha.value, result.codes[i]!.alpha.value!);
    });
  });

  it('a code nobody applied, when asked for, is undefined (no variation) with 100 % agreement', () => {
    const asked = compareCoders(project, { coderIds: ['a', 'b'], codeIds: ['unused'] });
    const unused = asked.codes[0]!;
    close(unused.percentAgreement.value, 100);
    expect(unused.kappa).toEqual({ value: null, undefinedReason: 'no variation' });
    expect(unused.alpha.value).toBeNull();
    expect(unused.alpha.undefinedReason).toBe('no variation');
    expect(unused.unitizedAlpha!.value).toBeNull();
  });

  it('reports per document too', () => {
    const power = result.codes[1]!.documents[0]!;
    expect(power.units).toBe(100);
    expect(power.profile).toEqual([
      { mask: 0, units: 80 },
      { mask: 1, units: 10 },
      { mask: 2, units: 10 },
    ]);
    close(power.pairs[0]!.kappa.value, -1 / 9);
  });
});

describe('speaker turns and paragraphs as units', () => {
  // Four turns: "aaaa" 0-4, "bbbb" 5-9, "cccc" 10-14, "dddd" 15-19 (line breaks at 4, 9, 14 belong to no turn).
  const text = 'aaaa\nbbbb\ncccc\ndddd';
  const ranges = [
    { start: 0, end: 4 },
    { start: 5, end: 9 },
    { start: 10, end: 14 },
    { start: 15, end: 19 },
  ];
  // Alice codes 2-7 (touches turns 1 and 2) and 14-15 (only a line break: no turn).
  // Bob codes 6-8 (turn 2), 16-17 (turn 4) and 9-10 (a line break: no turn).
  const codings: [string, string, string, number, number][] = [
    ['d', 'k', 'a', 2, 7],
    ['d', 'k', 'a', 14, 15],
    ['d', 'k', 'b', 6, 8],
    ['d', 'k', 'b', 16, 17],
    ['d', 'k', 'b', 9, 10],
  ];
  // Units: turn 1 only Alice, turn 2 both, turn 3 neither, turn 4 only Bob.
  // 50 %; kappa: p_o = 0.5, p_e = (2x2 + 2x2)/16 = 0.5: kappa = 0.
  // Alpha: n = 8; o_11 = 2, o_00 = 2, o_01 + o_10 = 4; n_1 = n_0 = 4; alpha = 1 - 7 x 4 / (2 x 4 x 4) = 1/8.
  const expectHandValues = (unit: 'turn' | 'paragraph', doc: Pick<DocSpec, 'turns' | 'blocks'>): void => {
    const project = makeProject({
      documents: [{ id: 'd', text, ...doc }],
      codes: [{ id: 'k', name: 'Care' }],
      coders,
      codings,
    });
    const result = compareCoders(project, { coderIds: ['a', 'b'], unit });
    const code = result.codes[0]!;
    expect(code.pairs[0]!.counts).toEqual({ both: 1, onlyA: 1, onlyB: 1, neither: 1 });
    close(code.percentAgreement.value, 50);
    expect(code.kappa.value).toBe(0);
    close(code.alpha.value, 1 / 8);
    expect(result.warnings).toEqual([]);
  };

  it('turns', () => expectHandValues('turn', { turns: ranges.map((r) => ({ ...r, speaker: 'S' })) }));
  it('paragraphs from stored blocks', () =>
    expectHandValues('paragraph', { blocks: ranges.map((r) => ({ ...r, kind: 'paragraph' as const })) }));
  it('paragraphs found in the text when there are no blocks (one per line)', () => expectHandValues('paragraph', {}));

  it('turns fall back to paragraphs, with a warning, when a document has none', () => {
    const project = makeProject({ documents: [{ id: 'd', text }], codes: [{ id: 'k', name: 'Care' }], coders, codings });
    const result = compareCoders(project, { coderIds: ['a', 'b'], unit: 'turn' });
    expect(result.warnings).toEqual(['"Document d" has no speaker turns; its paragraphs were used as units instead.']);
    close(result.codes[0]!.alpha.value, 1 / 8);
  });
});

describe('paragraphs found in a text', () => {
  it('blank lines separate paragraphs when there are any; a single line break then stays inside', () => {
    const text = 'Para one.\n\nPara two\nstill two.\n \n\nPara three.\n';
    expect(paragraphRanges(text).map((r) => text.slice(r.start, r.end))).toEqual([
      'Para one.',
      'Para two\nstill two.',
      'Para three.',
    ]);
  });
  it('otherwise every non-empty line is a paragraph, trimmed', () => {
    const text = '  Q: how?\nA: like this.\n\t\nQ: and?';
    expect(paragraphRanges('  Q: how?\nA: like this.\nQ: and?').map((r) => r.start)).toEqual([2, 10, 24]);
    expect(paragraphRanges(text).length).toBe(2); // the tab-only line is a blank line, so blank-line splitting
  });
  it('uses stored blocks first', () => {
    const units = documentUnits({ id: 'd', text: 'ab\ncd', turns: [], blocks: [{ start: 0, end: 5, kind: 'paragraph' }] }, 'paragraph');
    expect(units.ranges).toEqual([{ start: 0, end: 5 }]);
  });
});

describe('profiles', () => {
  it('characters: one entry per pattern, computed from boundaries', () => {
    const profile = characterProfile(1_000_000_000, [
      [{ start: 10, end: 500_000_010 }],
      [
        { start: 0, end: 20 },
        { start: 15, end: 30 },
        { start: 999_999_990, end: 2_000_000_000 }, // clipped to the text
      ],
    ]);
    expect([...profile].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 1_000_000_000 - 500_000_000 - 10 - 10],
      [1, 500_000_000 - 20],
      [2, 10 + 10],
      [3, 20],
    ]);
  });
  it('units: a coding that only touches a unit boundary does not count', () => {
    const profile = unitProfile(
      [
        { start: 0, end: 5 },
        { start: 5, end: 10 },
      ],
      [[{ start: 5, end: 6 }], [{ start: 3, end: 5 }]],
    );
    expect(Object.fromEntries(profile)).toEqual({ 1: 1, 2: 1 });
  });
});

describe('three coders and documents left out', () => {
  // Document 1 (10 chars): Alice 0-5, Bob 0-5, Chen 5-10. Document 2 (6 chars): Alice 0-3, Chen 0-3; Bob did not
  // code it. Document 3: nobody. Document 4: only Alice.
  const project = makeProject({
    documents: [
      { id: 'd1', text: 'x'.repeat(10) },
      { id: 'd2', text: 'y'.repeat(6) },
      { id: 'd3', text: 'z'.repeat(8) },
      { id: 'd4', text: 'w'.repeat(8) },
    ],
    codes: [{ id: 'k', name: 'Voice' }],
    coders,
    codings: [
      ['d1', 'k', 'a', 0, 5],
      ['d1', 'k', 'b', 0, 5],
      ['d1', 'k', 'c', 5, 10],
      ['d2', 'k', 'a', 0, 3],
      ['d2', 'k', 'c', 0, 3],
      ['d4', 'k', 'a', 0, 8],
    ],
  });
  const result = compareCoders(project, { coderIds: ['a', 'b', 'c'] });

  it('says which documents were left out and why', () => {
    expect(result.documents.map((d) => [d.id, d.coderIds])).toEqual([
      ['d1', ['a', 'b', 'c']],
      ['d2', ['a', 'c']],
    ]);
    expect(result.leftOut).toEqual([
      {
        documentId: 'd2',
        name: 'Document d2',
        missingCoderIds: ['b'],
        wholly: false,
        reason: 'not coded by Bob; compared for the other coders only',
      },
      { documentId: 'd3', name: 'Document d3', missingCoderIds: ['a', 'b', 'c'], wholly: true, reason: 'not coded by any of the chosen coders' },
      { documentId: 'd4', name: 'Document d4', missingCoderIds: ['b', 'c'], wholly: true, reason: 'coded only by Alice' },
    ]);
  });

  it('pairs use the documents both coded; percentage and kappa are means over pairs', () => {
    const code = result.codes[0]!;
    const [ab, ac, bc] = code.pairs;
    // A-B: document 1 only: both 5, neither 5: 100 %, kappa 1.
    expect(ab!.documents).toBe(1);
    close(ab!.percentAgreement.value, 100);
    close(ab!.kappa.value, 1);
    // A-C: documents 1 and 2: both 3, only A 5, only C 5, neither 3 of 16: 37.5 %;
    // p_e = (8 x 8 + 8 x 8)/256 = 0.5, kappa = (0.375 - 0.5)/0.5 = -0.25.
    expect(ac!.counts).toEqual({ both: 3, onlyA: 5, onlyB: 5, neither: 3 });
    close(ac!.percentAgreement.value, 37.5);
    close(ac!.kappa.value, -0.25);
    // B-C: document 1 only: 0 %, kappa -1.
    close(bc!.percentAgreement.value, 0);
    close(bc!.kappa.value, -1);
    close(code.percentAgreement.value, (100 + 37.5 + 0) / 3);
    close(code.kappa.value, (1 - 0.25 - 1) / 3);
  });

  it("alpha takes all coders at once, Bob's values missing in document 2", () => {
    // Document 1, per character (m = 3): 5 with values (1,1,0), 5 with (0,0,1): o_11 = 5, o_00 = 5, o_01 = o_10 = 10.
    // Document 2 (m = 2): 3 with (1,1), 3 with (0,0): o_11 += 6, o_00 += 6.
    // n_1 = n_0 = 21, n = 42: alpha = 1 - 41 x 20 / (2 x 21 x 21) = 31/441.
    close(result.codes[0]!.alpha.value, 31 / 441);
    expect(result.codes[0]!.alpha.pairable).toBe(42);
  });

  it('u-alpha uses the documents every coder coded, and says so', () => {
    const direct = unitizedAlpha([{ length: 10, codings: [[{ start: 0, end: 5 }], [{ start: 0, end: 5 }], [{ start: 5, end: 10 }]] }]);
    close(result.codes[0]!.unitizedAlpha!.value, direct.value!);
    expect(result.warnings).toContain('u-alpha uses only the 1 document(s) coded by all 3 coders.');
  });

  it('states the methods, mentioning the mean over pairs', () => {
    expect(result.methods.percentAgreement).toMatch(/mean over coder pairs/);
    expect(result.methods.kappa).toMatch(/^Cohen's kappa \(1960\)/);
  });
});

describe('input checks', () => {
  const project = makeProject({ documents: [{ id: 'd', text: 'abc' }], codes: [], coders, codings: [] });
  it('needs two different, known coders', () => {
    expect(() => compareCoders(project, { coderIds: ['a', 'a'] })).toThrow(/at least two different coders/);
    expect(() => compareCoders(project, { coderIds: ['a', 'zz'] })).toThrow(/no coder with the id zz/);
  });
  it('name paths survive a parent cycle', () => {
    const paths = codePaths([
      { id: 'x', name: 'X', parentId: 'y', color: '', description: '', inclusion: '', exclusion: '', example: '', order: 0, createdAt: 0 },
      { id: 'y', name: 'Y', parentId: 'x', color: '', description: '', inclusion: '', exclusion: '', example: '', order: 1, createdAt: 0 },
    ]);
    expect(paths.get('x')).toBe('Y/X');
  });
});
