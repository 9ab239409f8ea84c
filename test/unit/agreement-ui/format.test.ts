// How the agreement screens write and order figures.
import { describe, expect, it } from 'vitest';
import {
  agreementLevel,
  countsSentence,
  defaultCoders,
  fixed,
  formatCoefficient,
  formatPercent,
  initialsOf,
  sortCodes,
  unitScale,
} from '../../../renderer/agreement/format';
import type { AgreementValue } from '../../../shared/agreement';

const v = (value: number | null, undefinedReason?: string): AgreementValue => (value === null ? { value, undefinedReason } : { value });

describe('figures as shown', () => {
  it('writes percentages with two decimals and coefficients with three, with a true minus sign', () => {
    expect(formatPercent(v(99.6093))).toBe('99.61%');
    expect(formatPercent(v(100))).toBe('100.00%');
    expect(formatCoefficient(v(0.82647))).toBe('0.826');
    expect(formatCoefficient(v(-0.0417))).toBe('\u22120.042');
    expect(formatCoefficient(v(1))).toBe('1.000');
  });

  it('never writes minus zero: a value that rounds to zero is 0.000', () => {
    expect(formatCoefficient(v(-0.0004))).toBe('0.000');
    expect(fixed(-0.00001, 2)).toBe('0.00');
    expect(fixed(-0.5, 1)).toBe('\u22120.5');
  });

  it('writes an undefined figure as undefined with its reason, never as a number', () => {
    expect(formatCoefficient(v(null, 'no variation'))).toBe('undefined (no variation)');
    expect(formatPercent(v(null, 'no documents coded by both coders'))).toBe('undefined (no documents coded by both coders)');
    expect(formatCoefficient(v(null))).toBe('undefined');
  });
});

describe('the colour scale', () => {
  it('puts values in five bands of 0.2, percentages divided by 100, negatives in the lowest band', () => {
    expect(agreementLevel('kappa', v(-0.3))).toBe(0);
    expect(agreementLevel('kappa', v(0.19999))).toBe(0);
    expect(agreementLevel('kappa', v(0.2))).toBe(1);
    expect(agreementLevel('alpha', v(0.6))).toBe(3);
    expect(agreementLevel('alpha', v(0.8))).toBe(4);
    expect(agreementLevel('kappa', v(1))).toBe(4);
    expect(agreementLevel('percent', v(59.9))).toBe(2);
    expect(agreementLevel('percent', v(99.6))).toBe(4);
    expect(agreementLevel('kappa', v(null, 'no variation'))).toBeNull();
  });

  it('gives the bar a length on 0..1, clamped', () => {
    expect(unitScale('percent', v(45))).toBeCloseTo(0.45);
    expect(unitScale('kappa', v(-0.2))).toBe(0);
    expect(unitScale('kappa', v(null))).toBeNull();
  });
});

describe('sorting codes', () => {
  const code = (codeId: string, kappa: number | null, alpha = 0.5) => ({
    codeId,
    code: codeId,
    percentAgreement: v(90),
    kappa: v(kappa, 'no variation'),
    alpha: v(alpha),
  });
  const codes = [code('c1', 0.7), code('c2', null), code('c3', 0.1), code('c4', 0.7), code('c5', -0.2)];

  it('puts the worst agreement first, undefined figures last, ties in codebook order', () => {
    expect(sortCodes(codes, 'kappa', 'ascending').map((c) => c.codeId)).toEqual(['c5', 'c3', 'c1', 'c4', 'c2']);
  });

  it('puts the best first when descending, undefined still last', () => {
    expect(sortCodes(codes, 'kappa', 'descending').map((c) => c.codeId)).toEqual(['c1', 'c4', 'c3', 'c5', 'c2']);
  });

  it('sorts by disagreements and keeps codebook order as the tie-breaker', () => {
    const counts = new Map([
      ['c3', 4],
      ['c1', 2],
      ['c4', 4],
    ]);
    expect(sortCodes(codes, 'disagreements', 'descending', counts).map((c) => c.codeId)).toEqual(['c3', 'c4', 'c1', 'c2', 'c5']);
    expect(sortCodes(codes, 'codebook', 'descending').map((c) => c.codeId)).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
  });
});

describe('defaults and words', () => {
  it('chooses the two coders who coded most, ties by name, never one who coded nothing', () => {
    const coders = [
      { id: 'x', name: 'Zoe', codings: 40 },
      { id: 'y', name: 'Adam', codings: 40 },
      { id: 'z', name: 'Bea', codings: 302 },
      { id: 'w', name: 'Cal', codings: 0 },
    ];
    expect(defaultCoders(coders)).toEqual(['z', 'y']);
    expect(defaultCoders([{ id: 'w', name: 'Cal', codings: 0 }, { id: 'v', name: 'Dee', codings: 3 }])).toEqual(['v']);
  });

  it('states the four counts in words', () => {
    expect(countsSentence({ both: 851, onlyA: 188, onlyB: 166, neither: 88699 }, 'Amara', 'Ben', 'character')).toBe(
      '89,904 characters: 851 coded by both, 188 only by Amara, 166 only by Ben, 88,699 by neither',
    );
    expect(countsSentence({ both: 1, onlyA: 0, onlyB: 2, neither: 3 }, 'A', 'B', 'turn')).toBe(
      '6 speaker turns: 1 coded by both, 0 only by A, 2 only by B, 3 by neither',
    );
  });

  it('makes initials for narrow column heads', () => {
    expect(initialsOf('Amara Okafor')).toBe('AO');
    expect(initialsOf('  ')).toBe('?');
  });
});
