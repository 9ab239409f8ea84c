/**
 * Cohen's kappa for two coders, unweighted and weighted, and simple percentage agreement.
 *
 * Reference: Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
 * Measurement 20(1), 37-46. Cohen, J. (1968). Weighted kappa: nominal scale agreement with provision for scaled
 * disagreement or partial credit. Psychological Bulletin 70(4), 213-220.
 *
 * From the k x k table f_ij (coder A's category i, coder B's category j) of N units rated by both:
 *   p_o = sum_i f_ii / N,   p_e = sum_i r_i c_i / N^2   (r, c the row and column totals)
 *   kappa = (p_o - p_e) / (1 - p_e) = (N sum_i f_ii - sum_i r_i c_i) / (N^2 - sum_i r_i c_i)
 *   kappa_max = (p_max - p_e) / (1 - p_e), p_max = sum_i min(r_i, c_i) / N   (Cohen 1960, p. 42)
 * Weighted (Cohen 1968), with disagreement weights v_ij over ordered categories:
 *   kappa_w = 1 - sum v_ij f_ij / sum v_ij r_i c_j / N
 *   linear v_ij = |i - j| / (k - 1), quadratic v_ij = (i - j)^2 / (k - 1)^2   (with v = 1 - [i = j] it is kappa)
 * The integer form is used so that exact counts give the exact fraction. kappa is undefined ("no variation") when
 * p_e = 1, e.g. both coders put every unit in the same category.
 */
import { UNDEFINED_REASONS, type AgreementValue, type RatingValue } from './types';

export const COHEN_KAPPA_REFERENCE =
  'Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement 20, 37-46.';
export const WEIGHTED_KAPPA_REFERENCE =
  'Cohen, J. (1968). Weighted kappa: nominal scale agreement with provision for scaled disagreement or partial credit. ' +
  'Psychological Bulletin 70, 213-220.';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface KappaResult extends AgreementValue {
  method: string;
  formula: string;
  reference: string;
  weights: KappaWeights;
  /** Units rated by both coders. */
  n: number;
  /** Observed agreement p_o (weighted: 1 - sum v f / N). Null when n = 0. */
  observedAgreement: number | null;
  /** Agreement expected by chance p_e from each coder's totals (weighted: 1 - sum v r c / N^2). */
  expectedAgreement: number | null;
  /** Largest kappa the two coders' totals allow (unweighted only). */
  maxKappa?: AgreementValue;
}

/** Cohen's kappa from a square table of counts: rows coder A, columns coder B, categories in order. */
export function cohenKappaFromTable(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): KappaResult {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new Error(`The agreement table must be square (${k} rows, a row has ${row.length} cells).`);
    for (const x of row) if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`The agreement table has an invalid count (${x}).`);
  }
  const rows = table.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = Array.from({ length: k }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const n = rows.reduce((s, x) => s + x, 0);
  const base = {
    method: weights === 'none' ? "Cohen's kappa" : `Cohen's weighted kappa (${weights} weights)`,
    formula:
      weights === 'none'
        ? 'kappa = (p_o - p_e) / (1 - p_e), p_o = sum f_ii / N, p_e = sum r_i c_i / N^2'
        : `kappa_w = 1 - sum v_ij f_ij / (sum v_ij r_i c_j / N), v_ij = ${weights === 'linear' ? '|i - j|' : '(i - j)^2'} / ${weights === 'linear' ? '(k - 1)' : '(k - 1)^2'}`,
    reference: weights === 'none' ? COHEN_KAPPA_REFERENCE : WEIGHTED_KAPPA_REFERENCE,
    weights,
    n,
  };
  if (n === 0) {
    return {
      ...base,
      value: null,
      undefinedReason: UNDEFINED_REASONS.noUnits,
      observedAgreement: null,
      expectedAgreement: null,
    };
  }
  // Disagreement weights without the 1/(k-1) factor: it cancels in the ratio, and integers keep counts exact.
  const v = (i: number, j: number): number =>
    weights === 'none' ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
  const scale = weights === 'none' ? 1 : weights === 'linear' ? Math.max(1, k - 1) : Math.max(1, (k - 1) ** 2);
  let observed = 0; // sum v f
  let expected = 0; // sum v r c  (N times the expected weighted count)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = v(i, j);
      if (w === 0) continue;
      observed += w * table[i]![j]!;
      expected += w * rows[i]! * cols[j]!;
    }
  }
  const observedAgreement = 1 - observed / (scale * n);
  const expectedAgreement = 1 - expected / (scale * n * n);
  const result: KappaResult = {
    ...base,
    value: expected === 0 ? null : 1 - (n * observed) / expected,
    observedAgreement,
    expectedAgreement,
  };
  if (expected === 0) result.undefinedReason = UNDEFINED_REASONS.noVariation;
  if (weights === 'none') {
    let sumRC = 0;
    let sumMin = 0;
    for (let i = 0; i < k; i++) {
      sumRC += rows[i]! * cols[i]!;
      sumMin += Math.min(rows[i]!, cols[i]!);
    }
    const denominator = n * n - sumRC;
    result.maxKappa =
      denominator === 0
        ? { value: null, undefinedReason: UNDEFINED_REASONS.noVariation }
        : { value: (n * sumMin - sumRC) / denominator };
  }
  return result;
}

/**
 * Kappa for a binary decision (a unit coded or not), from counts: both coded, only A, only B, neither. This is the
 * kappa of NVivo's coding comparison when the units are characters (expected agreement from each coder's coded
 * and uncoded totals).
 */
export function binaryKappa(counts: BinaryCounts): KappaResult {
  return cohenKappaFromTable([
    [counts.both, counts.onlyA],
    [counts.onlyB, counts.neither],
  ]);
}

export interface BinaryCounts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/** Percentage of units on which the two coders agree (coded by both or by neither), 0-100. */
export function percentAgreement(counts: BinaryCounts): AgreementValue {
  const total = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  if (total === 0) return { value: null, undefinedReason: UNDEFINED_REASONS.noUnits };
  return { value: (100 * (counts.both + counts.neither)) / total };
}

export interface KappaOptions {
  weights?: KappaWeights;
  /** Categories in order (needed for weights when the ratings are labels; otherwise numbers are sorted). */
  categories?: readonly RatingValue[];
}

/**
 * Cohen's kappa from two coders' ratings of the same units (index i in both lists is unit i). Units missing a
 * rating from either coder (null or undefined) are left out and counted in `skipped`.
 */
export function cohenKappa(
  ratingsA: ReadonlyArray<RatingValue | null | undefined>,
  ratingsB: ReadonlyArray<RatingValue | null | undefined>,
  options: KappaOptions = {},
): KappaResult & { categories: RatingValue[]; table: number[][]; skipped: number } {
  const weights = options.weights ?? 'none';
  const pairs: [RatingValue, RatingValue][] = [];
  let skipped = 0;
  const length = Math.max(ratingsA.length, ratingsB.length);
  for (let u = 0; u < length; u++) {
    const a = ratingsA[u];
    const b = ratingsB[u];
    if (a === null || a === undefined || b === null || b === undefined) skipped++;
    else pairs.push([a, b]);
  }
  const categories = orderCategories(
    pairs.flatMap(([a, b]) => [a, b]),
    options.categories,
    weights !== 'none',
  );
  const index = new Map(categories.map((c, i) => [key(c), i]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  const at = (v: RatingValue): number => (index.get(key(v)) ?? index.get(twinKey(v)))!;
  for (const [a, b] of pairs) table[at(a)]![at(b)]!++;
  return { ...cohenKappaFromTable(table, weights), categories, table, skipped };
}

function key(v: RatingValue): string {
  return typeof v === 'number' ? `n:${v}` : `s:${v}`;
}

/**
 * The categories in table order: the given list (every rating must be in it), else numbers ascending, else labels
 * in first-seen order (only allowed when no weights depend on the order).
 */
export function orderCategories(
  ratings: readonly RatingValue[],
  given: readonly RatingValue[] | undefined,
  ordered: boolean,
): RatingValue[] {
  if (given) {
    const known = new Map(given.map((c) => [key(c), c] as const));
    for (const r of ratings) {
      if (!known.has(key(r)) && !known.has(twinKey(r))) {
        throw new Error(`The rating ${JSON.stringify(r)} is not one of the categories (${given.map((c) => JSON.stringify(c)).join(', ')}).`);
      }
    }
    return [...given];
  }
  const seen = new Map<string, RatingValue>();
  for (const r of ratings) if (!seen.has(key(r))) seen.set(key(r), r);
  const list = [...seen.values()];
  if (list.every((v) => typeof v === 'number')) return (list as number[]).sort((a, b) => a - b);
  if (ordered) {
    throw new Error('Weighted kappa needs the categories in order: give the scale, or use numbers as ratings.');
  }
  return list;
}

/** The same value written the other way ("3" for 3 and the reverse), so a scale's labels match numeric cells. */
export function twinKey(v: RatingValue): string {
  if (typeof v === 'number') return `s:${v}`;
  return v.trim() !== '' && Number.isFinite(Number(v)) ? `n:${Number(v)}` : `s:${v}`;
}
