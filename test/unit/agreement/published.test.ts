// Published agreement values (../shared/fixtures/agreement/VECTORS.md and vectors.json), to within 1e-9 of the
// exact fractions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binaryKappa,
  cohenKappaFromTable,
  compareCoders,
  fleissKappaFromCounts,
  krippendorffAlpha,
  percentAgreement,
  unitizedAlpha,
} from '../../../shared/agreement';
import { makeProject, coders } from './project';

interface Vectors {
  krippendorff_2011_4x12: { data: (number | null)[][]; expected: Record<'nominal' | 'ordinal' | 'interval' | 'ratio', number> };
  cohen_2x2: { table: number[][]; expected: { po: number; pe: number; kappa: number } };
  cohen_1960_p45: { table: number[][]; expected: { po: number; pe: number; kappa: number; kappa_max: number } };
  fleiss_10x14: { counts: number[][]; expected: { p_bar: number; p_bar_e: number; kappa: number } };
  nvivo_char_units: { total: number; both: number; one_only: number; neither: number; expected: { percent_agreement: number } };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/fixtures/agreement/vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(tolerance);
};

describe("Krippendorff's alpha: 4 observers x 12 units with missing values (Krippendorff 2011)", () => {
  const { data, expected } = vectors.krippendorff_2011_4x12;
  const exact = { nominal: 113 / 152, ordinal: 108577 / 133160, interval: 951 / 1120, ratio: 18222619 / 22852465 };

  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
    it(`${level}: ${exact[level].toFixed(3)}`, () => {
      const result = krippendorffAlpha(data, { level });
      close(result.value, exact[level]);
      close(result.value, expected[level]);
      expect(result.value!.toFixed(3)).toBe({ nominal: '0.743', ordinal: '0.815', interval: '0.849', ratio: '0.797' }[level]);
      expect(result.pairable).toBe(40);
      expect(result.observers).toBe(4);
      expect(result.units).toBe(12);
      expect(result.pairableUnits).toBe(11);
    });
  }

  it('gives the published intermediate disagreements', () => {
    const nominal = krippendorffAlpha(data, { level: 'nominal' });
    close(nominal.observedDisagreement, 0.2);
    close(nominal.expectedDisagreement, 152 / 195);
    const interval = krippendorffAlpha(data, { level: 'interval' });
    close(interval.observedDisagreement, 13 / 30);
    close(interval.expectedDisagreement, 112 / 39);
  });

  it('builds the coincidence matrix of the paper (nominal, values 1..5)', () => {
    const { coincidences } = krippendorffAlpha(data, { level: 'nominal' });
    expect(coincidences.values).toEqual([1, 2, 3, 4, 5]);
    // Krippendorff (2011), p. 4: n_c = 9, 13, 10, 5, 3.
    const marginals = coincidences.matrix.map((row) => row.reduce((s, x) => s + x, 0));
    marginals.forEach((m, i) => close(m, [9, 13, 10, 5, 3][i]!));
    close(coincidences.matrix[0]![0]!, 7);
    close(coincidences.matrix[0]![1]!, 4 / 3);
  });

  it('gives the same values with the scale given as labels in order', () => {
    const labels = ['one', 'two', 'three', 'four', 'five'];
    const asLabels = data.map((row) => row.map((v) => (v === null ? null : labels[v - 1]!)));
    close(krippendorffAlpha(asLabels, { level: 'ordinal', order: labels }).value, exact.ordinal);
    close(krippendorffAlpha(asLabels, { level: 'interval', order: labels }).value, exact.interval);
    close(krippendorffAlpha(asLabels, { level: 'nominal' }).value, exact.nominal);
  });
});

describe("Cohen's kappa", () => {
  it('2 x 2 table: p_o 0.70, p_e 0.50, kappa 0.4', () => {
    const { table, expected } = vectors.cohen_2x2;
    const result = cohenKappaFromTable(table);
    close(result.observedAgreement, expected.po);
    close(result.expectedAgreement, expected.pe);
    close(result.value, expected.kappa);
    close(result.value, 0.4);
  });

  it('Cohen (1960) p. 45: kappa 29/59, maximum attainable 0.831', () => {
    const { table, expected } = vectors.cohen_1960_p45;
    const result = cohenKappaFromTable(table);
    expect(result.n).toBe(200);
    close(result.observedAgreement, 0.7);
    close(result.expectedAgreement, 0.41);
    close(result.value, 29 / 59);
    close(result.value, expected.kappa);
    close(result.maxKappa?.value, expected.kappa_max);
    close(result.maxKappa?.value, 0.49 / 0.59);
  });
});

describe("Fleiss' kappa: 10 subjects, 14 raters, 5 categories (Fleiss 1971)", () => {
  it('P-bar 172/455, P-bar_e 417/1960, kappa 4211/20059', () => {
    const { counts, expected } = vectors.fleiss_10x14;
    const result = fleissKappaFromCounts(counts);
    close(result.observedAgreement, 172 / 455);
    close(result.expectedAgreement, 417 / 1960);
    close(result.value, 4211 / 20059);
    close(result.value, expected.kappa);
    expect(result.ratersPerSubject).toBe(14);
    expect(result.subjects).toBe(10);
    expect(result.note).toBeUndefined();
  });
});

describe("NVivo's coding comparison: characters as units", () => {
  const v = vectors.nvivo_char_units;

  it('85 % from the counts', () => {
    const counts = { both: v.both, onlyA: 50, onlyB: 100, neither: v.neither };
    expect(counts.onlyA + counts.onlyB).toBe(v.one_only);
    close(percentAgreement(counts).value, v.expected.percent_agreement);
    // Expected agreement from each coder's coded (100, 150) and uncoded (900, 850) characters:
    // p_e = (100 x 150 + 900 x 850) / 1000^2 = 0.78; kappa = (0.85 - 0.78) / (1 - 0.78) = 7/22.
    const kappa = binaryKappa(counts);
    close(kappa.expectedAgreement, 0.78);
    close(kappa.value, 7 / 22);
  });

  it('85 % from codings in a 1000-character source', () => {
    // Alice codes 0-100, Bob 50-200: 50 characters by both, 150 by one, 800 by neither.
    const project = makeProject({
      documents: [{ id: 'd', text: 'x'.repeat(v.total) }],
      codes: [{ id: 'k', name: 'Trust' }],
      coders,
      codings: [
        ['d', 'k', 'a', 0, 100],
        ['d', 'k', 'b', 50, 200],
      ],
    });
    const result = compareCoders(project, { coderIds: ['a', 'b'] });
    const code = result.codes[0]!;
    expect(code.pairs[0]!.counts).toEqual({ both: 50, onlyA: 50, onlyB: 100, neither: 800 });
    close(code.percentAgreement.value, 85);
    close(code.kappa.value, 7 / 22);
    // Binary alpha by hand: n = 2000 values; o_11 = 100, o_00 = 1600, o_01 = o_10 = 150; n_1 = 250, n_0 = 1750;
    // alpha = 1 - (n - 1)(o_01 + o_10) / (2 n_0 n_1) = 1 - 1999 x 300 / 875000 = 275300/875000.
    close(code.alpha.value, 275300 / 875000);
  });
});

describe("Krippendorff's u-alpha: the worked example of Krippendorff (2004), Quality & Quantity 38", () => {
  // Category c on a continuum of 300 characters (positions 150-450 in the paper, shifted to 0-300 here).
  // Coder i: c at 225-295 and 370-400; coder j: c at 220-300, 355-375 and 400-420.
  // By hand: delta2 sums (one direction) 25+25 (first pair) + 225+625 (370-400 with 355-375) + 20^2 (j's 400-420
  // lies inside i's gap 400-450) = 1300; uD_o = 2 x 1300 / (2 x 1 x 300^2) = 13/900 = 0.0144.
  // uD_e: N_c = 5; gaps 75, 75, 50, 70, 55, 25, 30; denominator 600 x 599 - (70x69 + 30x29 + 80x79 + 2 x 20x19) =
  // 346620; numerator terms 958860 + 231340 + 1339840 + 2 x 118560 = 2767160; uD_e = (2/300) 2767160 / 346620.
  const continuum = {
    length: 300,
    codings: [
      [
        { start: 75, end: 145 },
        { start: 220, end: 250 },
      ],
      [
        { start: 70, end: 150 },
        { start: 205, end: 225 },
        { start: 250, end: 270 },
      ],
    ],
  };

  it('uD_o = 0.0144, uD_e = 0.0532 as published', () => {
    const result = unitizedAlpha([continuum]);
    close(result.observedDisagreement, 13 / 900);
    close(result.expectedDisagreement, (2 / 300) * (2767160 / 346620));
    expect(result.observedDisagreement!.toFixed(4)).toBe('0.0144');
    expect(result.expectedDisagreement!.toFixed(4)).toBe('0.0532');
    close(result.value, 1 - 13 / 900 / ((2 / 300) * (2767160 / 346620)));
    expect(result.codedSections).toBe(5);
    expect(result.reference).toContain('Quality & Quantity 38');
  });

  it('category k of the same example, where the coders agree exactly, has u-alpha 1', () => {
    // Both coders: k at 180-240 and 300-350 (30-90 and 150-200 after the shift).
    const k = [
      { start: 30, end: 90 },
      { start: 150, end: 200 },
    ];
    const result = unitizedAlpha([{ length: 300, codings: [k, k] }]);
    expect(result.observedDisagreement).toBe(0);
    expect(result.expectedDisagreement!.toFixed(4)).toBe('0.0490');
    expect(result.value).toBe(1);
  });
});
