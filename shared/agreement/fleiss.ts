/**
 * Fleiss' kappa for several raters who each put subjects into nominal categories.
 *
 * Reference: Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin
 * 76(5), 378-382.
 *
 * From n_ij, the number of raters who put subject i (of N) in category j, with n raters per subject:
 *   P_i = (sum_j n_ij^2 - n) / (n (n - 1))      agreement among the raters of subject i
 *   P-bar = (1/N) sum_i P_i
 *   p_j = sum_i n_ij / (N n),  P-bar_e = sum_j p_j^2
 *   kappa = (P-bar - P-bar_e) / (1 - P-bar_e)
 * Fleiss assumes the same number of raters for every subject. When ratings are missing, this implementation uses
 * each subject's own number of raters n_i in P_i and pools p_j over all ratings (p_j = sum_i n_ij / sum_i n_i),
 * which is Fleiss' formula whenever n_i is constant; subjects with fewer than two ratings are left out. The result
 * says when that happened. Undefined ("no variation") when P-bar_e = 1: every rating in one category.
 */
import { orderCategories, twinKey } from './cohen';
import { UNDEFINED_REASONS, type AgreementValue, type RatingValue } from './types';

export const FLEISS_KAPPA_REFERENCE =
  'Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin 76, 378-382.';

export interface FleissResult extends AgreementValue {
  method: string;
  formula: string;
  reference: string;
  /** Mean agreement over subjects, P-bar. */
  observedAgreement: number | null;
  /** Chance agreement P-bar_e. */
  expectedAgreement: number | null;
  /** Subjects used (two or more ratings). */
  subjects: number;
  /** Subjects left out for having fewer than two ratings. */
  subjectsLeftOut: number;
  /** Raters per subject when constant, else null (and `note` explains the generalisation used). */
  ratersPerSubject: number | null;
  /** Proportion of all ratings in each category, p_j. */
  categoryProportions: number[];
  note?: string;
}

const FORMULA =
  'kappa = (P-bar - P-bar_e) / (1 - P-bar_e), P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)), P-bar_e = sum_j p_j^2';

/** Fleiss' kappa from counts: one row per subject, one column per category, each cell the number of raters. */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): FleissResult {
  const k = counts.reduce((w, r) => Math.max(w, r.length), 0);
  const used = counts.filter((row) => row.reduce((s, x) => s + x, 0) >= 2);
  for (const row of counts) {
    for (const x of row) {
      if (!(x >= 0) || !Number.isInteger(x)) throw new Error(`Fleiss' kappa needs whole counts of raters (found ${x}).`);
    }
  }
  const perSubject = used.map((row) => row.reduce((s, x) => s + x, 0));
  const constant = perSubject.length > 0 && perSubject.every((m) => m === perSubject[0]) ? perSubject[0]! : null;
  const totalRatings = perSubject.reduce((s, x) => s + x, 0);
  const proportions = Array.from({ length: k }, (_, j) =>
    totalRatings === 0 ? 0 : used.reduce((s, row) => s + (row[j] ?? 0), 0) / totalRatings,
  );
  const base = {
    method: "Fleiss' kappa",
    formula: FORMULA,
    reference: FLEISS_KAPPA_REFERENCE,
    subjects: used.length,
    subjectsLeftOut: counts.length - used.length,
    ratersPerSubject: constant,
    categoryProportions: proportions,
    ...(constant === null && used.length > 0
      ? {
          note:
            'The number of raters varies between subjects: each P_i uses its own number of raters and p_j pools all ' +
            'ratings (Fleiss 1971 assumes a constant number).',
        }
      : {}),
  };
  if (used.length === 0) {
    return { ...base, value: null, undefinedReason: UNDEFINED_REASONS.noSubjects, observedAgreement: null, expectedAgreement: null };
  }
  let sumP = 0;
  used.forEach((row, i) => {
    const m = perSubject[i]!;
    const squares = row.reduce((s, x) => s + x * x, 0);
    sumP += (squares - m) / (m * (m - 1));
  });
  const pBar = sumP / used.length;
  const pBarE = proportions.reduce((s, p) => s + p * p, 0);
  // Exactly 1 only when every rating falls in one category (a single p_j of 1).
  const noVariation = proportions.some((p) => p === 1);
  return {
    ...base,
    value: noVariation ? null : (pBar - pBarE) / (1 - pBarE),
    ...(noVariation ? { undefinedReason: UNDEFINED_REASONS.noVariation } : {}),
    observedAgreement: pBar,
    expectedAgreement: pBarE,
  };
}

/**
 * Fleiss' kappa from ratings: one row per rater, one column per subject, null or undefined for a missing rating.
 * Categories are the given list, else the values seen (numbers ascending).
 */
export function fleissKappa(
  ratings: ReadonlyArray<ReadonlyArray<RatingValue | null | undefined>>,
  options: { categories?: readonly RatingValue[] } = {},
): FleissResult & { categories: RatingValue[] } {
  const subjects = ratings.reduce((w, r) => Math.max(w, r.length), 0);
  const all: RatingValue[] = [];
  for (const row of ratings) for (const v of row) if (v !== null && v !== undefined) all.push(v);
  const categories = orderCategories(all, options.categories, false);
  const index = new Map<string, number>();
  categories.forEach((c, i) => {
    const key = typeof c === 'number' ? `n:${c}` : `s:${c}`;
    index.set(key, i);
    if (!index.has(twinKey(c))) index.set(twinKey(c), i);
  });
  const counts = Array.from({ length: subjects }, () => new Array<number>(categories.length).fill(0));
  for (const row of ratings) {
    row.forEach((v, u) => {
      if (v === null || v === undefined) return;
      const i = index.get(typeof v === 'number' ? `n:${v}` : `s:${v}`) ?? index.get(twinKey(v));
      counts[u]![i!]!++;
    });
  }
  return { ...fleissKappaFromCounts(counts), categories };
}
