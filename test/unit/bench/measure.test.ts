import { describe, expect, it } from 'vitest';
import { figures, judge, notMeasured } from '../../bench/measure';

describe('benchmark statistics', () => {
  it('computes median, quartiles and p95 as spreadsheets do', () => {
    // Hand-worked: sorted 1 2 3 4 10; QUARTILE.INC gives q1 = 2, median 3, q3 = 4; p95 by nearest rank is the 5th.
    const f = figures([10, 3, 1, 4, 2]);
    expect(f).toMatchObject({ median: 3, q1: 2, q3: 4, min: 1, max: 10, p95: 10 });
    expect(f.runs).toEqual([10, 3, 1, 4, 2]);
    // Even count: median halfway; twenty values 1..20: p95 is the 19th.
    expect(figures([4, 1, 3, 2]).median).toBe(2.5);
    expect(figures(Array.from({ length: 20 }, (_, i) => i + 1)).p95).toBe(19);
    expect(() => figures([])).toThrow();
  });

  const base = { id: 'x', label: 'x', area: 'engine' as const, scale: 'large', unit: 'ms' as const, statistic: 'median' as const };

  it('reports a budget met, or missed with by how much', () => {
    const met = judge({ ...base, value: figures([80, 90, 100]), budget: { limit: 100, scale: 'large' } });
    expect(met.status).toBe('met');
    const missed = judge({ ...base, value: figures([150, 150, 150]), budget: { limit: 100, scale: 'large' } });
    expect(missed.status).toBe('missed');
    expect(missed.note).toBe('150 ms is 50.0 ms (50%) over 100 ms');
    const p95 = judge({ ...base, statistic: 'p95', value: figures([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 500]), budget: { limit: 50, scale: 'large' } });
    expect(p95.status).toBe('met');
  });

  it('judges throughput against the baseline and notes a budget set for another scale', () => {
    const slow = judge({ ...base, scale: 'study', value: figures([300]), baseline: { label: 'raw', figures: figures([100]) }, budget: { limit: 60_000, scale: 'large', minShareOfBaseline: 0.5 } });
    expect(slow.ratio).toBe(3);
    expect(slow.status).toBe('missed');
    expect(slow.note).toBe("throughput is 33% of the baseline's, below 50%; measured at study; the budget is for large");
    const fine = judge({ ...base, value: figures([150]), baseline: { label: 'raw', figures: figures([100]) }, budget: { limit: 60_000, scale: 'large', minShareOfBaseline: 0.5 } });
    expect(fine.status).toBe('met');
    expect(judge({ ...base, value: figures([1]) }).status).toBe('no budget');
    expect(notMeasured(base, 'not there yet')).toMatchObject({ status: 'not measured', note: 'not there yet' });
  });
});
