// Properties that hold for any data: symmetry in coders, perfect agreement gives 1 (when defined), the order of
// units does not matter, percentages stay in [0, 100], and the fast profiles equal a character-by-character count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  characterProfile,
  cohenKappa,
  compareCoders,
  findDisagreements,
  fleissKappa,
  krippendorffAlpha,
  resolveDisagreement,
  applyCodingChanges,
  unitizedAlpha,
  unitProfile,
  MEASUREMENT_LEVELS,
  type Range,
} from '../../../shared/agreement';
import { coders, makeProject, type CodingSpec } from './project';

const sameValue = (x: number | null, y: number | null): void => {
  if (x === null || y === null) expect(x).toBe(y);
  else expect(Math.abs(x - y)).toBeLessThan(1e-9);
};

const rangeArb = (length: number) =>
  fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })).map(([x, y]): Range => ({
    start: Math.min(x, y),
    end: Math.max(x, y),
  }));

/** Random codings of two codes by up to three coders in two documents of 40 and 25 characters with turns. */
const projectArb = fc
  .array(
    fc.tuple(
      fc.constantFrom('d1', 'd2'),
      fc.constantFrom('k1', 'k2'),
      fc.constantFrom('a', 'b', 'c'),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
    ),
    { maxLength: 14 },
  )
  .map((rows) => {
    const lengths: Record<string, number> = { d1: 40, d2: 25 };
    return rows.map(([doc, code, coder, x, y]): CodingSpec => {
      const l = lengths[doc]!;
      return [doc, code, coder, Math.min(x, y, l), Math.min(Math.max(x, y), l)];
    });
  });

function buildProject(codings: CodingSpec[]) {
  const turns = (length: number) =>
    Array.from({ length: Math.ceil(length / 6) }, (_, i) => ({ start: i * 6, end: Math.min(length, i * 6 + 5) }));
  return makeProject({
    documents: [
      { id: 'd1', text: 'x'.repeat(40), turns: turns(40) },
      { id: 'd2', text: 'y'.repeat(25), turns: turns(25) },
    ],
    codes: [
      { id: 'k1', name: 'One' },
      { id: 'k2', name: 'Two' },
    ],
    coders,
    codings,
  });
}

describe('profiles equal a count done one unit at a time', () => {
  it('characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.array(fc.array(rangeArb(60), { maxLength: 5 }), { minLength: 1, maxLength: 3 }), (length, codings) => {
        const naive = new Map<number, number>();
        for (let i = 0; i < length; i++) {
          let mask = 0;
          codings.forEach((ranges, coder) => {
            if (ranges.some((r) => r.start <= i && i < r.end)) mask |= 1 << coder;
          });
          naive.set(mask, (naive.get(mask) ?? 0) + 1);
        }
        expect(new Map([...characterProfile(length, codings)].sort())).toEqual(new Map([...naive].sort()));
      }),
    );
  });

  it('units', () => {
    fc.assert(
      fc.property(
        fc.array(rangeArb(40), { maxLength: 8 }),
        fc.array(fc.array(rangeArb(40), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        (rawUnits, codings) => {
          const units = rawUnits.filter((u) => u.end > u.start).sort((x, y) => x.start - y.start || x.end - y.end);
          const naive = new Map<number, number>();
          for (const u of units) {
            let mask = 0;
            codings.forEach((ranges, coder) => {
              if (ranges.some((r) => r.start < u.end && u.start < r.end && r.end > r.start)) mask |= 1 << coder;
            });
            naive.set(mask, (naive.get(mask) ?? 0) + 1);
          }
          expect(new Map([...unitProfile(units, codings)].sort())).toEqual(new Map([...naive].sort()));
        },
      ),
    );
  });
});

describe('coder comparison', () => {
  it('is symmetric in the coders and keeps percentages in [0, 100]', () => {
    fc.assert(
      fc.property(projectArb, fc.constantFrom('character', 'turn', 'paragraph') as fc.Arbitrary<'character' | 'turn' | 'paragraph'>, (codings, unit) => {
        const project = buildProject(codings);
        const forward = compareCoders(project, { coderIds: ['a', 'b', 'c'], unit, codeIds: ['k1', 'k2'] });
        const backward = compareCoders(project, { coderIds: ['c', 'a', 'b'], unit, codeIds: ['k1', 'k2'] });
        forward.codes.forEach((code, i) => {
          const other = backward.codes[i]!;
          sameValue(code.percentAgreement.value, other.percentAgreement.value);
          sameValue(code.kappa.value, other.kappa.value);
          sameValue(code.alpha.value, other.alpha.value);
          sameValue(code.unitizedAlpha?.value ?? null, other.unitizedAlpha?.value ?? null);
          for (const pair of code.pairs) {
            const p = pair.percentAgreement.value;
            if (p !== null) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(100);
            }
            if (pair.kappa.value !== null) expect(pair.kappa.value).toBeLessThanOrEqual(1 + 1e-12);
          }
          if (code.alpha.value !== null) expect(code.alpha.value).toBeLessThanOrEqual(1 + 1e-12);
        });
        sameValue(forward.overall.alpha.value, backward.overall.alpha.value);
        sameValue(forward.overall.kappa.value, backward.overall.kappa.value);
      }),
    );
  });

  it('perfect agreement gives 100 %, and 1 for kappa and alpha when they are defined', () => {
    fc.assert(
      fc.property(projectArb, fc.constantFrom('character', 'turn', 'paragraph') as fc.Arbitrary<'character' | 'turn' | 'paragraph'>, (codings, unit) => {
        const ofA = codings.filter((c) => c[2] === 'a');
        const copy: CodingSpec[] = [...ofA, ...ofA.map(([d, k, , s, e]): CodingSpec => [d, k, 'b', s, e])];
        const result = compareCoders(buildProject(copy), { coderIds: ['a', 'b'], unit, codeIds: ['k1', 'k2'] });
        for (const code of result.codes) {
          for (const v of [code.kappa, code.alpha, ...(code.unitizedAlpha ? [code.unitizedAlpha] : [])]) {
            if (v.value === null) expect(v.undefinedReason).toBeTruthy();
            else expect(v.value).toBeCloseTo(1, 12);
          }
          if (code.percentAgreement.value !== null) expect(code.percentAgreement.value).toBe(100);
        }
      }),
    );
  });

  it('u-alpha is symmetric in the coders', () => {
    fc.assert(
      fc.property(fc.array(fc.array(rangeArb(30), { maxLength: 4 }), { minLength: 2, maxLength: 4 }), (codings) => {
        const forward = unitizedAlpha([{ length: 30, codings }]);
        const backward = unitizedAlpha([{ length: 30, codings: [...codings].reverse() }]);
        sameValue(forward.value, backward.value);
      }),
    );
  });
});

describe('reliability data', () => {
  const valueArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 });
  const matrixArb = fc
    .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 9 }))
    .chain(([observers, units]) =>
      fc.tuple(
        fc.array(fc.array(valueArb, { minLength: units, maxLength: units }), { minLength: observers, maxLength: observers }),
        fc.shuffledSubarray([...Array(units).keys()], { minLength: units, maxLength: units }),
        fc.shuffledSubarray([...Array(observers).keys()], { minLength: observers, maxLength: observers }),
      ),
    );

  it("permuting units or observers does not change Krippendorff's alpha", () => {
    fc.assert(
      fc.property(matrixArb, ([matrix, unitOrder, observerOrder]) => {
        const permuted = observerOrder.map((o) => unitOrder.map((u) => matrix[o]![u]!));
        for (const level of MEASUREMENT_LEVELS) {
          sameValue(krippendorffAlpha(matrix, { level }).value, krippendorffAlpha(permuted, { level }).value);
        }
      }),
    );
  });

  it("permuting units does not change Cohen's or Fleiss' kappa; swapping coders does not change Cohen's", () => {
    fc.assert(
      fc.property(matrixArb, ([matrix, unitOrder]) => {
        const [a, b] = [matrix[0]!, matrix[1]!];
        const pa = unitOrder.map((u) => a[u]!);
        const pb = unitOrder.map((u) => b[u]!);
        const categories = [1, 2, 3, 4, 5];
        for (const weights of ['none', 'linear', 'quadratic'] as const) {
          const base = cohenKappa(a, b, { weights, categories }).value;
          sameValue(base, cohenKappa(pa, pb, { weights, categories }).value);
          sameValue(base, cohenKappa(b, a, { weights, categories }).value);
        }
        const permuted = matrix.map((row) => unitOrder.map((u) => row[u]!));
        sameValue(fleissKappa(matrix, { categories }).value, fleissKappa(permuted, { categories }).value);
      }),
    );
  });

  it('perfect agreement gives alpha 1 at every level when there is variation', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 2, max: 4 }), (row, m) => {
        const matrix = Array.from({ length: m }, () => row);
        for (const level of MEASUREMENT_LEVELS) {
          const result = krippendorffAlpha(matrix, { level });
          if (new Set(row).size > 1) expect(result.value).toBeCloseTo(1, 12);
          else expect(result).toMatchObject({ value: null, undefinedReason: 'no variation' });
        }
      }),
    );
  });
});

describe('disagreements', () => {
  it('resolving any disagreement (other than keep both) leaves none in its passage', () => {
    fc.assert(
      fc.property(projectArb, fc.nat(), fc.constantFrom('keepA', 'keepB', 'union', 'intersection') as fc.Arbitrary<'keepA' | 'keepB' | 'union' | 'intersection'>, (codings, pick, resolution) => {
        const project = buildProject(codings);
        const list = findDisagreements(project, 'a', 'b');
        if (list.length === 0) return;
        const d = list[pick % list.length]!;
        let n = 0;
        const changed = applyCodingChanges(project.codings, resolveDisagreement(d, resolution, { newId: () => `n${n++}`, now: 0 }));
        const left = findDisagreements({ ...project, codings: changed }, 'a', 'b').filter(
          (x) => x.documentId === d.documentId && x.codeId === d.codeId && x.start < d.passage.end && x.end > d.passage.start,
        );
        expect(left).toEqual([]);
        // Nothing outside the passage moved.
        const outside = (cs: typeof changed) =>
          cs
            .filter((c) => !(c.documentId === d.documentId && c.codeId === d.codeId && (c.coderId === 'a' || c.coderId === 'b') && c.start < d.passage.end && c.end > d.passage.start))
            .map((c) => c.id)
            .sort();
        expect(outside(changed)).toEqual(outside(project.codings));
      }),
    );
  });
});
