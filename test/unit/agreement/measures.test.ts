// Hand-computed cases for the measures: weighted kappa, undefined cases, Fleiss with missing ratings, document
// ratings, and reading a reliability matrix.
import { describe, expect, it } from 'vitest';
import {
  alphaFromUnits,
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  fleissKappaFromCounts,
  krippendorffAlpha,
  percentAgreement,
  ratingAgreement,
  ratingsFromAttributes,
  readReliabilityMatrix,
  unitizedAlpha,
} from '../../../shared/agreement';
import type { ProjectData } from '../../../shared/model/types';

const close = (actual: number | null | undefined, expected: number): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-12);
};

describe('weighted kappa (Cohen 1968) by hand', () => {
  // Rows coder A, columns coder B, three ordered categories, N = 10:
  //   [2 1 0]   row totals r = 3 3 4
  //   [0 2 1]   column totals c = 3 3 4
  //   [1 0 3]
  // Unweighted: p_o = 7/10, p_e = (9 + 9 + 16)/100 = 0.34, kappa = 0.36/0.66 = 6/11.
  // Linear weights v = |i-j|/2: observed sum v f / N = (1/2 + 1/2 + 1)/10 = 0.2;
  //   expected sum v r c / N^2 = (2 x 9/2 + 2 x 12/2 + 2 x 12)/100 = 0.45; kappa_w = 1 - 0.2/0.45 = 5/9.
  // Quadratic v = (i-j)^2/4: observed (1/4 + 1/4 + 1)/10 = 0.15;
  //   expected (2 x 9/4 + 2 x 12/4 + 2 x 12)/100 = 0.345; kappa_w = 1 - 0.15/0.345 = 13/23.
  const table = [
    [2, 1, 0],
    [0, 2, 1],
    [1, 0, 3],
  ];

  it('from the table', () => {
    close(cohenKappaFromTable(table).value, 6 / 11);
    const linear = cohenKappaFromTable(table, 'linear');
    close(linear.value, 5 / 9);
    close(linear.observedAgreement, 0.8);
    close(linear.expectedAgreement, 0.55);
    close(cohenKappaFromTable(table, 'quadratic').value, 13 / 23);
    expect(linear.maxKappa).toBeUndefined();
  });

  it('from ratings on a labelled scale, with missing ratings skipped', () => {
    const scale = ['Good', 'Adequate', 'Weak'];
    const a: (string | null)[] = [];
    const b: (string | null)[] = [];
    table.forEach((row, i) =>
      row.forEach((count, j) => {
        for (let n = 0; n < count; n++) {
          a.push(scale[i]!);
          b.push(scale[j]!);
        }
      }),
    );
    a.push('Good', null);
    b.push(null, 'Weak');
    const linear = cohenKappa(a, b, { weights: 'linear', categories: scale });
    close(linear.value, 5 / 9);
    expect(linear.skipped).toBe(2);
    expect(linear.n).toBe(10);
    expect(linear.table).toEqual(table);
    close(cohenKappa(a, b, { weights: 'quadratic', categories: scale }).value, 13 / 23);
    close(cohenKappa(a, b).value, 6 / 11);
  });

  it('refuses weights over labels without an order', () => {
    expect(() => cohenKappa(['x', 'y'], ['y', 'x'], { weights: 'linear' })).toThrow(/categories in order/);
  });
});

describe('undefined cases are reported with their reason, never as 0 or 1', () => {
  it('alpha with every value the same: no variation', () => {
    const result = krippendorffAlpha(
      [
        [3, 3, 3],
        [3, 3, null],
      ],
      { level: 'interval' },
    );
    expect(result.value).toBeNull();
    expect(result.undefinedReason).toBe('no variation');
    expect(result.pairable).toBe(4);
  });

  it('alpha with no unit rated twice: no pairable values', () => {
    const result = krippendorffAlpha(
      [
        [1, null],
        [null, 2],
      ],
      { level: 'nominal' },
    );
    expect(result.value).toBeNull();
    expect(result.undefinedReason).toMatch(/no pairable values/);
    expect(result.pairable).toBe(0);
  });

  it('kappa when both coders use one category: no variation; with no units: no units', () => {
    const same = cohenKappaFromTable([
      [10, 0],
      [0, 0],
    ]);
    expect(same.value).toBeNull();
    expect(same.undefinedReason).toBe('no variation');
    close(same.observedAgreement, 1);
    const empty = cohenKappaFromTable([
      [0, 0],
      [0, 0],
    ]);
    expect(empty.value).toBeNull();
    expect(empty.undefinedReason).toMatch(/no units/);
    expect(percentAgreement({ both: 0, onlyA: 0, onlyB: 0, neither: 0 }).value).toBeNull();
  });

  it("Fleiss' kappa with every rating in one category: no variation", () => {
    const result = fleissKappaFromCounts([
      [0, 3],
      [0, 3],
    ]);
    expect(result.value).toBeNull();
    expect(result.undefinedReason).toBe('no variation');
  });

  it('u-alpha when nobody coded: no variation', () => {
    const result = unitizedAlpha([{ length: 50, codings: [[], []] }]);
    expect(result.value).toBeNull();
    expect(result.undefinedReason).toBe('no variation');
  });

  it('a negative alpha stays negative (systematic disagreement)', () => {
    // Two coders, two units, always opposite: n = 4, o_01 = o_10 = 2, n_0 = n_1 = 2: alpha = 1 - 3 x 4 / (2 x 4) = -1/2.
    close(krippendorffAlpha([[0, 1], [1, 0]], { level: 'nominal' }).value, -0.5);
  });
});

describe('u-alpha: a tiny case by hand', () => {
  // Continuum of 10 characters. Coder A codes 2-6, coder B codes 3-6.
  // Sections A: gap 0-2 (2), coded 2-6 (4), gap 6-10 (4). Sections B: gap 0-3 (3), coded 3-6 (3), gap 6-10 (4).
  // Overlapping pairs: A's 2-6 with B's 3-6, both coded: (2-3)^2 + (6-6)^2 = 1; A's 2-6 is not inside B's gap 0-3;
  // the gaps give 0. One direction sums to 1, so uD_o = 2 x 1 / (2 x 1 x 10^2) = 1/100.
  // uD_e: N_c = 2; gaps 2, 4, 3, 4; mL = 20; denominator 20 x 19 - (4x3 + 3x2) = 362.
  //   l = 4: (1/3) 4x3x7 = 28, gaps >= 4: 4, 4 give (1 + 1) x 16 = 32; 60.
  //   l = 3: (1/3) 3x2x5 = 10, gaps >= 3: 4, 3, 4 give (2 + 1 + 2) x 9 = 45; 55.
  //   uD_e = (2/10)(60 + 55)/362 = 23/362.  u-alpha = 1 - (1/100)/(23/362) = 1 - 362/2300 = 969/1150.
  it('gives 969/1150', () => {
    const result = unitizedAlpha([{ length: 10, codings: [[{ start: 2, end: 6 }], [{ start: 3, end: 6 }]] }]);
    close(result.observedDisagreement, 1 / 100);
    close(result.expectedDisagreement, 23 / 362);
    close(result.value, 969 / 1150);
  });

  it('two documents form one continuum whose gaps stop at the document end', () => {
    // The same document twice, L = 20: delta2 sums double (2), so uD_o = 2 x 2 / (2 x 400) = 1/200.
    // N_c = 4, gaps 2,4,3,4 twice; denominator 40 x 39 - 2 x 18 = 1524.
    //   l = 4: (3/3) 4x3x7 = 84, gaps >= 4 (four of 4) 4 x 16 = 64; 148, twice 296.
    //   l = 3: (3/3) 3x2x5 = 30, gaps >= 3 (4,4,3,4,4,3) (2+2+1+2+2+1) x 9 = 90; 120, twice 240.
    //   uD_e = (2/20) x 536 / 1524 = 53.6/1524.
    const doc = { length: 10, codings: [[{ start: 2, end: 6 }], [{ start: 3, end: 6 }]] };
    const result = unitizedAlpha([doc, doc]);
    close(result.observedDisagreement, 1 / 200);
    close(result.expectedDisagreement, 53.6 / 1524);
    expect(result.length).toBe(20);
  });

  it('a coded section lying inside the other coder’s gap counts its length squared', () => {
    // A codes 2-4 only, B codes 6-9 only, L = 10. A's 2-4 lies in B's gap 0-6: 2^2 = 4; B's 6-9 lies in A's gap
    // 4-10: 3^2 = 9. uD_o = 2 x 13 / (2 x 100) = 0.13.
    const result = unitizedAlpha([{ length: 10, codings: [[{ start: 2, end: 4 }], [{ start: 6, end: 9 }]] }]);
    close(result.observedDisagreement, 0.13);
  });
});

describe("Fleiss' kappa", () => {
  it('from ratings with labels equals the count form', () => {
    // Three raters, four subjects. Counts per subject (yes, no): [3,0] [2,1] [0,3] [1,2].
    // P_i = 1, 1/3, 1, 1/3; P-bar = 2/3. p_yes = 6/12, p_no = 6/12; P-bar_e = 1/2. kappa = (2/3 - 1/2)/(1/2) = 1/3.
    const ratings = [
      ['yes', 'yes', 'no', 'no'],
      ['yes', 'yes', 'no', 'yes'],
      ['yes', 'no', 'no', 'no'],
    ];
    const result = fleissKappa(ratings);
    close(result.value, 1 / 3);
    expect(result.categories).toEqual(['yes', 'no']);
  });

  it('with a missing rating uses each subject’s own number of raters and says so', () => {
    // Subject 2 has two ratings (yes, yes): P_2 = (4 - 2)/(2 x 1) = 1. Others as above without subject 2's third:
    // subjects [3,0] [2,0] [0,3] [1,2]: P = 1, 1, 1, 1/3; P-bar = 5/6; totals yes 6, no 5 of 11;
    // P-bar_e = (36 + 25)/121 = 61/121; kappa = (5/6 - 61/121)/(1 - 61/121) = (605 - 366)/(726 - 366) = 239/360.
    const result = fleissKappa([
      ['yes', 'yes', 'no', 'no'],
      ['yes', 'yes', 'no', 'yes'],
      ['yes', null, 'no', 'no'],
    ]);
    close(result.value, 239 / 360);
    expect(result.ratersPerSubject).toBeNull();
    expect(result.note).toMatch(/varies/);
  });
});

describe('document ratings on a six-point scale', () => {
  const scale = ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'];

  it('two readers: alpha at four levels and kappa with weights, missing ratings allowed', () => {
    const ratings = [
      ['f1', 'Good', 'Good'],
      ['f2', 'Weak', 'Adequate'],
      ['f3', 'Excellent', 'Very good'],
      ['f4', 'Adequate', 'Adequate'],
      ['f5', 'Unsatisfactory', null],
    ].flatMap(([unitId, r1, r2]) => [
      ...(r1 ? [{ unitId: unitId!, raterId: 'reader1', value: r1 }] : []),
      ...(r2 ? [{ unitId: unitId!, raterId: 'reader2', value: r2 }] : []),
    ]);
    const result = ratingAgreement(ratings, { scale });
    expect(result.unitIds).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
    // The same data as positions 1..6 give the interval alpha directly.
    const positions = [
      [3, 5, 1, 4, 6],
      [3, 4, 2, 4, null],
    ];
    close(result.alpha.interval.value, krippendorffAlpha(positions, { level: 'interval' }).value!);
    close(result.alpha.ordinal.value, krippendorffAlpha(positions, { level: 'ordinal' }).value!);
    close(result.alpha.nominal.value, krippendorffAlpha(positions, { level: 'nominal' }).value!);
    // Interval alpha by hand: units f1-f4 pairable, values (3,3) (5,4) (1,2) (4,4): n = 8.
    // Coincidences off the diagonal: (5,4), (4,5), (1,2), (2,1) each 1; sum o delta2 = 4 x 1 = 4.
    // n_c: 1:1, 2:1, 3:2, 4:3, 5:1. sum n_c n_k (c-k)^2 over c != k = 2 x [1x1x1 + 1x2x4 + 1x3x9 + 1x1x16 + 1x2x1
    //   + 1x3x4 + 1x1x9 + 2x3x1 + 2x1x4 + 3x1x1] = 2 x 92 = 184. alpha = 1 - 7 x 4 / 184 = 1 - 28/184 = 39/46.
    close(result.alpha.interval.value, 39 / 46);
    const cohen = result.cohen!;
    expect(cohen.none.n).toBe(4);
    // Linear weights over the 6 categories, N = 4: sum |i-j| f = 1 + 1 = 2. Row totals (A): positions 3,5,1,4;
    // column totals (B): 3,4,2,4. sum |i-j| r_i c_j = sum over pairs of A's and B's values of |a - b| =
    // |3-3|+|3-4|+|3-2|+|3-4| + |5-3|+|5-4|+|5-2|+|5-4| + |1-3|+|1-4|+|1-2|+|1-4| + |4-3|+|4-4|+|4-2|+|4-4|
    // = 3 + 7 + 9 + 3 = 22. kappa_w = 1 - N x 2 / 22 = 1 - 8/22 = 7/11.
    close((cohen.linear as { value: number }).value, 7 / 11);
    expect(result.fleiss).toBeNull();
  });

  it('three readers: Fleiss instead of Cohen', () => {
    const ratings = ['f1', 'f2', 'f3'].flatMap((unitId, u) =>
      ['r1', 'r2', 'r3'].map((raterId, r) => ({ unitId, raterId, value: scale[(u + (r === 2 ? 1 : 0)) % 6]! })),
    );
    const result = ratingAgreement(ratings, { scale });
    expect(result.cohen).toBeNull();
    expect(result.fleiss?.subjects).toBe(3);
    // Each subject: two raters agree, one differs: P_i = (4 + 1 - 3)/6 = 1/3.
    close(result.fleiss!.observedAgreement, 1 / 3);
  });

  it('labels without a scale: nominal works, ordinal explains what it needs', () => {
    const result = ratingAgreement([
      { unitId: 'u1', raterId: 'x', value: 'Keep doing' },
      { unitId: 'u1', raterId: 'y', value: 'Keep doing' },
      { unitId: 'u2', raterId: 'x', value: 'Stop doing' },
      { unitId: 'u2', raterId: 'y', value: 'Start doing' },
    ]);
    expect(result.alpha.nominal.value).not.toBeNull();
    expect(result.alpha.ordinal.value).toBeNull();
    expect(result.alpha.ordinal.undefinedReason).toMatch(/needs numbers/);
  });

  it('reads one attribute per rater from a project', () => {
    const project = {
      attributes: [
        { id: 'q1', name: 'Quality (reader 1)', scope: 'document', type: 'scale', options: scale, order: 0 },
        { id: 'q2', name: 'Quality (reader 2)', scope: 'document', type: 'scale', options: scale, order: 1 },
      ],
      attributeValues: [
        { ownerId: 'd1', attributeId: 'q1', value: 'Good' },
        { ownerId: 'd1', attributeId: 'q2', value: 'Weak' },
        { ownerId: 'd2', attributeId: 'q1', value: '' },
      ],
    } as Pick<ProjectData, 'attributes' | 'attributeValues'>;
    const { ratings, raters, scale: found } = ratingsFromAttributes(project, ['q1', 'q2']);
    expect(ratings).toEqual([
      { unitId: 'd1', raterId: 'q1', value: 'Good' },
      { unitId: 'd1', raterId: 'q2', value: 'Weak' },
    ]);
    expect(raters.map((r) => r.name)).toEqual(['Quality (reader 1)', 'Quality (reader 2)']);
    expect(found).toEqual(scale);
  });
});

describe('weighted units', () => {
  it('a unit of weight w counts as w identical units', () => {
    const expanded = alphaFromUnits(
      [...Array(3).fill({ values: [1, 1] }), ...Array(2).fill({ values: [0, 1] }), { values: [0, 0] }],
      { level: 'nominal' },
    );
    const weighted = alphaFromUnits(
      [
        { values: [1, 1], weight: 3 },
        { values: [0, 1], weight: 2 },
        { values: [0, 0], weight: 1 },
      ],
      { level: 'nominal' },
    );
    close(weighted.value, expanded.value!);
    expect(weighted.units).toBe(6);
  });
});

describe('reading a reliability matrix', () => {
  it('detects a header row and a names column of a numeric matrix', () => {
    const m = readReliabilityMatrix(
      [
        ['coder', 'u1', 'u2', 'u3'],
        ['A', '1', '.', '2'],
        ['B', '1', 'NA', ''],
      ],
      'm.csv',
    );
    expect(m.hasHeader).toBe(true);
    expect(m.hasNames).toBe(true);
    expect(m.observers).toEqual(['A', 'B']);
    expect(m.units).toEqual(['u1', 'u2', 'u3']);
    expect(m.values).toEqual([
      [1, null, 2],
      [1, null, null],
    ]);
  });

  it('reads a bare matrix, a header without names, and names without a header', () => {
    expect(readReliabilityMatrix([['1', '2'], ['1', '3']], 'm.csv')).toMatchObject({ hasHeader: false, hasNames: false });
    expect(readReliabilityMatrix([['u1', 'u2'], ['1', '3'], ['2', '3']], 'm.csv')).toMatchObject({
      hasHeader: true,
      hasNames: false,
      values: [
        [1, 3],
        [2, 3],
      ],
    });
    expect(readReliabilityMatrix([['A', '1', '2'], ['B', '1', '3']], 'm.csv')).toMatchObject({
      hasHeader: false,
      hasNames: true,
      values: [
        [1, 2],
        [1, 3],
      ],
    });
  });

  it('with labels: names are labels that never occur among the values', () => {
    const m = readReliabilityMatrix(
      [
        ['', 'case 1', 'case 2', 'case 3'],
        ['Ann', 'keep', 'stop', 'start'],
        ['Raj', 'keep', 'stop', 'stop'],
      ],
      'm.csv',
    );
    expect(m).toMatchObject({ hasHeader: true, hasNames: true, observers: ['Ann', 'Raj'] });
    const bare = readReliabilityMatrix(
      [
        ['keep', 'stop', 'start'],
        ['keep', 'stop', 'stop'],
      ],
      'm.csv',
    );
    expect(bare).toMatchObject({ hasHeader: false, hasNames: false });
  });

  it('names the file when there is nothing to read', () => {
    expect(() => readReliabilityMatrix([['', '']], 'empty.csv')).toThrow(/empty\.csv: the file is empty/);
  });
});
