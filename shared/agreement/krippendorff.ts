/**
 * Krippendorff's alpha for any number of coders, missing values allowed, at the four levels of measurement.
 *
 * Reference: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania (https://repository.upenn.edu/asc_papers/43); also Krippendorff, K.
 * (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed., Sage, ch. 11 (the 4 x 12 example, p. 230).
 *
 * From the reliability data (values v_iu given by coder i to unit u), only units with m_u >= 2 values are pairable.
 * Coincidences:   o_ck = sum_u (number of c-k pairs of values in unit u) / (m_u - 1)
 *                 (ordered pairs of values from different coders; for c = k that is n_uc (n_uc - 1))
 * Marginals:      n_c = sum_k o_ck,  n = sum_c n_c  (the number of pairable values)
 * Observed:       D_o = (1/n) sum_c sum_k o_ck delta2(c,k)
 * Expected:       D_e = 1/(n(n-1)) sum_c sum_k n_c n_k delta2(c,k)
 * Alpha:          alpha = 1 - D_o / D_e = 1 - (n - 1) sum o_ck delta2 / sum n_c n_k delta2
 * Differences (Krippendorff 2011, section C):
 *   nominal   delta2 = 0 if c = k, else 1
 *   ordinal   delta2 = (sum_{g from c to k} n_g - (n_c + n_k)/2)^2, values taken in rank order
 *   interval  delta2 = (c - k)^2
 *   ratio     delta2 = ((c - k) / (c + k))^2
 * When D_e = 0 (every pairable value the same) alpha is 0/0: reported as undefined ("no variation"), not 1.
 *
 * Units may carry a weight (a run of identical characters counts as that many units), so character units cost
 * one entry per distinct pattern of codings, not one per character.
 */
import {
  UNDEFINED_REASONS,
  type AgreementValue,
  type MeasurementLevel,
  type RatingValue,
} from './types';

export const KRIPPENDORFF_ALPHA_REFERENCE =
  "Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of Pennsylvania, " +
  'https://repository.upenn.edu/asc_papers/43; Krippendorff, K. (2004). Content Analysis, 2nd ed., Sage, ch. 11.';

export const KRIPPENDORFF_ALPHA_FORMULA =
  'alpha = 1 - D_o / D_e, with D_o = (1/n) sum_ck o_ck delta2(c,k) and D_e = 1/(n(n-1)) sum_ck n_c n_k delta2(c,k), ' +
  'o_ck the coincidences of values within units (each pair weighted 1/(m_u - 1)), n the number of pairable values.';

export interface AlphaOptions {
  level: MeasurementLevel;
  /**
   * The values in rank order, for ordinal data given as labels (e.g. a six-point scale). For interval and ratio
   * data given as labels, each label's position in this list (1, 2, 3, ...) is its numeric value.
   */
  order?: readonly RatingValue[];
}

export interface AlphaResult extends AgreementValue {
  level: MeasurementLevel;
  method: string;
  formula: string;
  reference: string;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  /** Number of units (their total weight when units are weighted). */
  units: number;
  /** Number (or weight) of units with at least two values. */
  pairableUnits: number;
  /** Number of pairable values, n: values in units with at least two values. */
  pairable: number;
  /** The coincidence matrix, rows and columns in `values` order (rank order for ordinal, numeric order when numeric). */
  coincidences: { values: RatingValue[]; matrix: number[][] };
}

/** One unit's values (any order, missing values left out), with how many identical units it stands for. */
export interface WeightedUnit {
  values: readonly RatingValue[];
  weight?: number;
}

function valueKey(v: RatingValue): string {
  return typeof v === 'number' ? `n:${v}` : `s:${v}`;
}

function describe(v: RatingValue): string {
  return typeof v === 'number' ? String(v) : `"${v}"`;
}

/**
 * Krippendorff's alpha from a reliability matrix: one row per coder (observer), one column per unit; null or
 * undefined is a missing value. Rows may differ in length (missing values at the end).
 */
export function krippendorffAlpha(
  matrix: ReadonlyArray<ReadonlyArray<RatingValue | null | undefined>>,
  options: AlphaOptions,
): AlphaResult & { observers: number } {
  const unitCount = matrix.reduce((w, row) => Math.max(w, row.length), 0);
  const units: WeightedUnit[] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: RatingValue[] = [];
    for (const row of matrix) {
      const v = row[u];
      if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) values.push(v);
    }
    units.push({ values });
  }
  return { ...alphaFromUnits(units, options), observers: matrix.length };
}

/** Krippendorff's alpha from units given as lists of values (each unit's values from its coders). */
export function alphaFromUnits(units: Iterable<WeightedUnit>, options: AlphaOptions): AlphaResult {
  const { level } = options;
  const index = new Map<string, number>();
  const values: RatingValue[] = [];
  // Coincidences are gathered sparsely first: the number of distinct values is not known in advance.
  const pairs = new Map<number, number>();
  const KEY = 1 << 20;
  let totalWeight = 0;
  let pairableWeight = 0;

  const scale = options.order ? scaleIndex(options.order) : undefined;

  for (const unit of units) {
    const weight = unit.weight ?? 1;
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new Error(`A unit has an invalid weight (${weight}).`);
    totalWeight += weight;
    const m = unit.values.length;
    if (m < 2 || weight === 0) continue;
    pairableWeight += weight;
    const counts = new Map<number, number>();
    for (const raw of unit.values) {
      // A scale's label may arrive as "3" or 3 depending on the source; count both as the scale's value.
      const v = scale?.get(valueKey(raw))?.value ?? raw;
      const key = valueKey(v);
      let i = index.get(key);
      if (i === undefined) {
        i = values.length;
        if (i >= KEY) throw new Error('Too many distinct values for Krippendorff\'s alpha (more than a million).');
        index.set(key, i);
        values.push(v);
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairsInUnit = c === k ? nc * (nc - 1) : nc * nk;
        if (pairsInUnit === 0) continue;
        const key = c * KEY + k;
        pairs.set(key, (pairs.get(key) ?? 0) + (weight * pairsInUnit) / (m - 1));
      }
    }
  }

  // Put values in a meaningful order (ranks for ordinal, numeric order otherwise) before building the matrix.
  const numeric = numericValues(values, level, options.order, scale);
  const order = values.map((_, i) => i);
  if (level === 'ordinal') order.sort((a, b) => numeric[a]! - numeric[b]!);
  else if (numeric.every((x) => !Number.isNaN(x))) order.sort((a, b) => numeric[a]! - numeric[b]!);
  const position = new Array<number>(values.length);
  order.forEach((original, pos) => (position[original] = pos));

  const size = values.length;
  const matrix: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [key, o] of pairs) {
    const c = Math.floor(key / KEY);
    const k = key % KEY;
    matrix[position[c]!]![position[k]!]! += o;
  }
  const sortedValues = order.map((i) => values[i]!);
  const sortedNumeric = order.map((i) => numeric[i]!);
  const marginals = matrix.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);

  const base = {
    level,
    method: `Krippendorff's alpha (${level})`,
    formula: KRIPPENDORFF_ALPHA_FORMULA,
    reference: KRIPPENDORFF_ALPHA_REFERENCE,
    units: totalWeight,
    pairableUnits: pairableWeight,
    pairable: n,
    coincidences: { values: sortedValues, matrix },
  };

  if (n === 0) {
    return {
      ...base,
      value: null,
      undefinedReason: UNDEFINED_REASONS.noPairableValues,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  }

  const delta2 = differenceFunction(level, sortedNumeric, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      if (d === 0) continue;
      observed += matrix[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
  if (expected === 0) {
    return {
      ...base,
      value: null,
      undefinedReason: UNDEFINED_REASONS.noVariation,
      observedDisagreement,
      expectedDisagreement,
    };
  }
  return {
    ...base,
    value: 1 - ((n - 1) * observed) / expected,
    observedDisagreement,
    expectedDisagreement,
  };
}

/**
 * The numbers the difference functions work on: ranks for ordinal, magnitudes for interval and ratio (NaN for
 * nominal labels, where no number is needed).
 */
function numericValues(
  values: readonly RatingValue[],
  level: MeasurementLevel,
  order: readonly RatingValue[] | undefined,
  scale: Map<string, { value: RatingValue; rank: number }> | undefined,
): number[] {
  return values.map((v) => {
    if (order && scale) {
      const entry = scale.get(valueKey(v));
      if (entry) return entry.rank;
      if (level !== 'nominal') {
        throw new Error(`The value ${describe(v)} is not one of the scale's values (${order.map(describe).join(', ')}).`);
      }
      return Number.NaN;
    }
    if (typeof v === 'number') return v;
    if (level === 'nominal') return Number.NaN;
    throw new Error(
      `The ${level} level needs numbers, but the data contain the label ${describe(v)}. ` +
        "Give the scale's values in order, or use the nominal level.",
    );
  });
}

/** Each scale value (and its number/text twin, e.g. 3 and "3") mapped to the scale's own value and its rank 1, 2, ... */
function scaleIndex(order: readonly RatingValue[]): Map<string, { value: RatingValue; rank: number }> {
  const index = new Map<string, { value: RatingValue; rank: number }>();
  order.forEach((v, i) => {
    const entry = { value: v, rank: i + 1 };
    if (!index.has(valueKey(v))) index.set(valueKey(v), entry);
    const twin =
      typeof v === 'number' ? `s:${v}` : v.trim() !== '' && Number.isFinite(Number(v)) ? `n:${Number(v)}` : undefined;
    if (twin && !index.has(twin)) index.set(twin, entry);
  });
  return index;
}

function differenceFunction(
  level: MeasurementLevel,
  numeric: readonly number[],
  marginals: readonly number[],
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (numeric[c]! - numeric[k]!) ** 2;
    case 'ratio':
      if (numeric.some((x) => x < 0)) {
        throw new Error('The ratio level needs values of zero or more (ratios of negative values are meaningless).');
      }
      return (c, k) => {
        const sum = numeric[c]! + numeric[k]!;
        return sum === 0 ? 0 : ((numeric[c]! - numeric[k]!) / sum) ** 2;
      };
    case 'ordinal': {
      // Values are already in rank order, so the sum of n_g from c to k is a difference of prefix sums.
      const prefix = [0];
      for (const m of marginals) prefix.push(prefix[prefix.length - 1]! + m);
      return (c, k) => {
        if (c === k) return 0;
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = prefix[hi + 1]! - prefix[lo]!;
        return (between - (marginals[c]! + marginals[k]!) / 2) ** 2;
      };
    }
  }
}
