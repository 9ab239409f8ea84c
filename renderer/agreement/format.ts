import type { AgreementUnit, AgreementValue, BinaryCounts, CodeAgreement } from '../../shared/agreement/index';
import type { Id } from '../../shared/model/types';

/** How the agreement screens write figures, units and counts. Pure, so the table, the exports and tests agree. */

export type StatKey = 'percent' | 'kappa' | 'alpha';
export const STAT_KEYS: readonly StatKey[] = ['percent', 'kappa', 'alpha'];
export const STAT_NAMES: Record<StatKey, { short: string; long: string }> = {
  percent: { short: '% agreement', long: 'Percentage agreement' },
  kappa: { short: 'Cohen’s κ', long: 'Cohen’s kappa' },
  alpha: { short: 'Krippendorff’s α', long: 'Krippendorff’s alpha' },
};

export const UNIT_WORDS: Record<AgreementUnit, { one: string; many: string; label: string }> = {
  character: { one: 'character', many: 'characters', label: 'Characters' },
  turn: { one: 'speaker turn', many: 'speaker turns', label: 'Speaker turns' },
  paragraph: { one: 'paragraph', many: 'paragraphs', label: 'Paragraphs' },
};

const MINUS = '\u2212';
const countFormat = new Intl.NumberFormat('en-GB');

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** A number with a fixed number of decimals, a true minus sign, and no "-0.000". */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  if (/^-0\.?0*$/.test(text)) return text.slice(1);
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

/** "undefined (no variation)": a figure the method does not give is never shown as a number. */
export function undefinedText(value: AgreementValue): string {
  return value.undefinedReason ? `undefined (${value.undefinedReason})` : 'undefined';
}

/** Percentage agreement as shown: two decimals ("99.61%"), since character-level figures crowd near 100. */
export function formatPercent(value: AgreementValue): string {
  return value.value === null ? undefinedText(value) : `${fixed(value.value, 2)}%`;
}

/** Kappa and alpha as shown: three decimals. */
export function formatCoefficient(value: AgreementValue): string {
  return value.value === null ? undefinedText(value) : fixed(value.value, 3);
}

export function formatStat(key: StatKey, value: AgreementValue): string {
  return key === 'percent' ? formatPercent(value) : formatCoefficient(value);
}

/** The figure of a code (or of the pooled row) for a statistic. */
/** The three figures of a row of the table. */
export interface FigureSet {
  percentAgreement: AgreementValue;
  kappa: AgreementValue;
  alpha: AgreementValue;
}

export function statOf(row: FigureSet, key: StatKey): AgreementValue {
  return key === 'percent' ? row.percentAgreement : key === 'kappa' ? row.kappa : row.alpha;
}

/** The value on a 0..1 scale (percentages divided by 100), for the colour scale and the bar; null when undefined. */
export function unitScale(key: StatKey, value: AgreementValue): number | null {
  if (value.value === null) return null;
  const v = key === 'percent' ? value.value / 100 : value.value;
  return Math.max(0, Math.min(1, v));
}

/**
 * Five bands of 0.2 on the 0..1 scale: 0 is the weakest agreement, 4 the strongest. Band edges are the usual
 * 0.2 steps of the kappa literature, given as plain ranges (the verbal labels attached to them are disputed).
 */
export type Level = 0 | 1 | 2 | 3 | 4;
export function agreementLevel(key: StatKey, value: AgreementValue): Level | null {
  const v = unitScale(key, value);
  if (v === null) return null;
  return Math.min(4, Math.floor(v * 5 + 1e-9)) as Level;
}

export function levelRange(level: Level): string {
  const low = (level * 0.2).toFixed(1);
  const high = ((level + 1) * 0.2).toFixed(1);
  if (level === 0) return `below 0.2 (20%)`;
  if (level === 4) return `0.8 (80%) and above`;
  return `${low} to ${high} (${level * 20}% to ${(level + 1) * 20}%)`;
}

export type SortKey = 'codebook' | 'code' | StatKey | 'disagreements';
export type SortDirection = 'ascending' | 'descending';

/**
 * Codes sorted by a column. For statistics "ascending" is worst agreement first; undefined figures always come
 * last (they are not poor agreement, they are no figure at all). Ties keep codebook order.
 */
export function sortCodes<T extends FigureSet & Pick<CodeAgreement, 'codeId' | 'code'>>(
  codes: readonly T[],
  key: SortKey,
  direction: SortDirection,
  disagreements: ReadonlyMap<Id, number> = new Map(),
): T[] {
  const rank = new Map(codes.map((c, i) => [c.codeId, i]));
  const sign = direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
  return [...codes].sort((a, b) => {
    const tie = rank.get(a.codeId)! - rank.get(b.codeId)!;
    switch (key) {
      case 'codebook':
        return sign * tie;
      case 'code':
        return sign * collator.compare(a.code, b.code) || tie;
      case 'disagreements':
        return sign * ((disagreements.get(a.codeId) ?? 0) - (disagreements.get(b.codeId) ?? 0)) || tie;
      default: {
        const x = statOf(a, key).value;
        const y = statOf(b, key).value;
        if (x === null || y === null) return x === y ? tie : x === null ? 1 : -1;
        return sign * (x - y) || tie;
      }
    }
  });
}

/** The four counts behind a pair's figures, in words, for a tooltip or a screen reader. */
export function countsSentence(counts: BinaryCounts, nameA: string, nameB: string, unit: AgreementUnit): string {
  const words = UNIT_WORDS[unit].many;
  const total = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  return (
    `${formatCount(total)} ${words}: ${formatCount(counts.both)} coded by both, ${formatCount(counts.onlyA)} only by ${nameA}, ` +
    `${formatCount(counts.onlyB)} only by ${nameB}, ${formatCount(counts.neither)} by neither`
  );
}

/** The two coders who coded most (ties by name), the default pair to compare. */
export function defaultCoders(coders: readonly { id: Id; name: string; codings: number }[]): Id[] {
  return [...coders]
    .filter((c) => c.codings > 0)
    .sort((a, b) => b.codings - a.codings || a.name.localeCompare(b.name))
    .slice(0, 2)
    .map((c) => c.id);
}

/** "Amara Okafor" -> "AO", for narrow column heads when the coder has no initials. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts.map((p) => p[0]!.toUpperCase()).join('').slice(0, 3) || '?';
}
