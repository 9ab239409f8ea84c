/**
 * Krippendorff's alpha for unitizing, u-alpha, for one code (category c) on the character continuum.
 *
 * References: Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology 25,
 * 47-76. Krippendorff, K. (2004). Measuring the reliability of qualitative text analysis data. Quality & Quantity 38,
 * 787-800. Krippendorff, K. (2004). Content Analysis, 2nd ed., Sage, ch. 11.
 *
 * Each of m coders cuts a continuum of length L into sections: the stretches they coded with c (v = 1) and the gaps
 * between them (v = 0). Section g of coder i begins at b_ig and has length l_ig. The squared distance between a
 * section g of coder i and a section h of coder j is
 *   (b_ig - b_jh)^2 + (b_ig + l_ig - b_jh - l_jh)^2   when both are coded and they overlap,
 *   l_ig^2                                            when g is coded and lies wholly inside gap h,
 *   l_jh^2                                            when h is coded and lies wholly inside gap g,
 *   0                                                 otherwise.
 * Observed disagreement:
 *   uD_o = sum_i sum_{j != i} sum_g sum_h delta2(ig, jh) / (m (m - 1) L^2)
 * Expected disagreement, over all ways of placing the same sections on the continuum (N_c coded sections in all):
 *   uD_e = (2/L) sum_{coded ig} [ (N_c - 1)/3 (2 l_ig^3 - 3 l_ig^2 + l_ig)
 *                                 + l_ig^2 sum_{gaps jh with l_jh >= l_ig} (l_jh - l_ig + 1) ]
 *          / [ m L (m L - 1) - sum_{coded ig} l_ig (l_ig - 1) ]
 *   u-alpha = 1 - uD_o / uD_e
 * Worked example (Krippendorff 2004, Quality & Quantity, category c): uD_o = 0.0144, uD_e = 0.0532; it is a test.
 *
 * Several documents form one continuum laid end to end (L is their total length); a coder's gaps end at each
 * document's end, so no section spans two documents. Overlapping codings of one coder are merged into one section
 * (Krippendorff's sections of one coder never overlap); codings that only touch stay separate sections.
 * Undefined ("no variation") when nobody coded the code.
 */
import { mergeOverlapping, type Range } from './units';
import { UNDEFINED_REASONS, type AgreementValue } from './types';

export const UNITIZED_ALPHA_REFERENCE =
  'Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology 25, 47-76; ' +
  'Krippendorff, K. (2004). Measuring the reliability of qualitative text analysis data. Quality & Quantity 38, 787-800.';

export const UNITIZED_ALPHA_FORMULA =
  'u-alpha = 1 - uD_o / uD_e; uD_o = sum_{i != j} sum_gh delta2(ig, jh) / (m (m - 1) L^2), with delta2 = ' +
  '(b_ig - b_jh)^2 + (e_ig - e_jh)^2 for overlapping coded sections and l^2 for a coded section inside the other ' +
  "coder's gap; uD_e = (2/L) sum_coded [ (N_c - 1)/3 (2l^3 - 3l^2 + l) + l^2 sum_{gaps >= l} (gap - l + 1) ] / " +
  '[ mL(mL - 1) - sum_coded l(l - 1) ].';

/** One document for u-alpha: its length and, per coder, the ranges coded with the code. */
export interface UnitizedContinuum {
  length: number;
  codings: readonly (readonly Range[])[];
}

export interface UnitizedAlphaResult extends AgreementValue {
  method: string;
  formula: string;
  reference: string;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  /** L: total length of the continuum in characters. */
  length: number;
  /** m: number of coders. */
  coders: number;
  /** N_c: coded sections of all coders. */
  codedSections: number;
}

interface Section {
  start: number;
  end: number;
  coded: boolean;
}

/** A coder's sections over one document: coded stretches and the gaps between them, covering [0, length). */
function sections(length: number, ranges: readonly Range[]): Section[] {
  const coded = mergeOverlapping(
    ranges.map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) })),
  );
  const out: Section[] = [];
  let at = 0;
  for (const r of coded) {
    if (r.start > at) out.push({ start: at, end: r.start, coded: false });
    out.push({ start: r.start, end: r.end, coded: true });
    at = r.end;
  }
  if (at < length) out.push({ start: at, end: length, coded: false });
  return out;
}

/** Sum of delta2 over every overlapping pair of sections of two coders (one direction). */
function pairDistance(x: readonly Section[], y: readonly Section[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    if (a.coded && b.coded) {
      total += (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
    } else if (a.coded && b.start <= a.start && a.end <= b.end) {
      total += (a.end - a.start) ** 2;
    } else if (b.coded && a.start <= b.start && b.end <= a.end) {
      total += (b.end - b.start) ** 2;
    }
    // Both lists partition the same stretch, so advancing the section that ends first visits each overlap once.
    if (a.end < b.end) i++;
    else if (b.end < a.end) j++;
    else {
      i++;
      j++;
    }
  }
  return total;
}

export function unitizedAlpha(continua: readonly UnitizedContinuum[], coderCount?: number): UnitizedAlphaResult {
  const m = coderCount ?? continua.reduce((w, c) => Math.max(w, c.codings.length), 0);
  if (m < 2) throw new Error('Unitizing agreement needs at least two coders.');
  const length = continua.reduce((s, c) => s + c.length, 0);
  const codedLengths: number[] = [];
  const gapLengths: number[] = [];
  let distance = 0;
  for (const continuum of continua) {
    if (continuum.length <= 0) continue;
    const perCoder = Array.from({ length: m }, (_, i) => sections(continuum.length, continuum.codings[i] ?? []));
    for (const list of perCoder) {
      for (const s of list) (s.coded ? codedLengths : gapLengths).push(s.end - s.start);
    }
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) distance += pairDistance(perCoder[i]!, perCoder[j]!);
  }
  const base = {
    method: "Krippendorff's alpha for unitizing (u-alpha), characters as the continuum",
    formula: UNITIZED_ALPHA_FORMULA,
    reference: UNITIZED_ALPHA_REFERENCE,
    length,
    coders: m,
    codedSections: codedLengths.length,
  };
  if (length === 0 || codedLengths.length === 0) {
    return { ...base, value: null, undefinedReason: UNDEFINED_REASONS.noVariation, observedDisagreement: null, expectedDisagreement: null };
  }
  // The pair sum ran over i < j; delta2 is symmetric, so the sum over i != j is twice that.
  const observed = (2 * distance) / (m * (m - 1) * length * length);

  // sum over gaps with length >= l of (gap - l + 1), from gaps sorted ascending and their suffix sums.
  gapLengths.sort((a, b) => a - b);
  const suffix = new Array<number>(gapLengths.length + 1).fill(0);
  for (let g = gapLengths.length - 1; g >= 0; g--) suffix[g] = suffix[g + 1]! + gapLengths[g]!;
  const gapsFrom = (l: number): number => {
    let lo = 0;
    let hi = gapLengths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gapLengths[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    const count = gapLengths.length - lo;
    return suffix[lo]! - count * (l - 1);
  };
  const nc = codedLengths.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of codedLengths) {
    numerator += ((nc - 1) / 3) * l * (l - 1) * (2 * l - 1) + l * l * gapsFrom(l);
    selfPairs += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - selfPairs;
  const expected = denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
  if (expected === 0) {
    return { ...base, value: null, undefinedReason: UNDEFINED_REASONS.noVariation, observedDisagreement: observed, expectedDisagreement: expected };
  }
  return { ...base, value: 1 - observed / expected, observedDisagreement: observed, expectedDisagreement: expected };
}
