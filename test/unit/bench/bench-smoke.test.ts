import { describe, expect, it } from 'vitest';
import { ENGINE_MEASURES, runEngineBench } from '../../bench/engine';
import type { MeasureResult } from '../../bench/measure';
import { formatTable, summaryLine } from '../../bench/report';

/**
 * The engine half of `npm run bench` at the tiny scale, in-process, so the suite keeps working. It checks that a
 * figure came out for every engine measure; it never asserts how fast anything was.
 */
describe('the benchmark suite, engine part, tiny scale', () => {
  let results: MeasureResult[] = [];

  it('produces a figure for every engine measure', async () => {
    results = await runEngineBench({ scale: 'tiny', runs: 2 });
    const ids = results.map((r) => r.id);
    expect([...ids].sort()).toEqual(Object.values(ENGINE_MEASURES).sort());
    for (const r of results) {
      expect(r.status, `${r.id}: ${r.note ?? ''}`).not.toBe('not measured');
      expect(r.value, r.id).toBeDefined();
      expect(r.value!.runs.length, r.id).toBeGreaterThanOrEqual(2);
      for (const t of r.value!.runs) expect(Number.isFinite(t) && t >= 0, `${r.id} run ${t}`).toBe(true);
      expect(r.value!.min).toBeLessThanOrEqual(r.value!.median);
      expect(r.value!.median).toBeLessThanOrEqual(r.value!.max);
    }
  }, 120_000);

  it('measures what it says on the tiny corpus', () => {
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(ENGINE_MEASURES.generate)!.detail).toContain('3 transcripts');
    expect(byId.get(ENGINE_MEASURES.generate)!.detail).toContain('300 codings');
    // The baseline of each measure that has one was taken in the same run, and the ratio is its quotient.
    for (const r of results.filter((x) => x.baseline)) {
      const value = r.statistic === 'p95' ? r.value!.p95 : r.value!.median;
      const base = r.statistic === 'p95' ? r.baseline!.figures.p95 : r.baseline!.figures.median;
      if (base > 0) expect(r.ratio).toBeCloseTo(value / base, 9);
    }
    // Budgets set for a larger scale say so instead of passing silently.
    expect(byId.get(ENGINE_MEASURES.exportQdpx)!.note).toContain('the budget is for large');
    // The merge merged: the second copy's codings and codes were added.
    expect(byId.get(ENGINE_MEASURES.merge)!.detail).toMatch(/\d+ codings and 10 codes added/);
  });

  it('reports every measure in the table and as JSON', () => {
    const table = formatTable(results);
    for (const r of results) expect(table).toContain(r.label);
    expect(summaryLine(results)).toMatch(/^\d+ budgets met, \d+ missed, 0 not measured, \d+ measures without a budget$/);
    const json = JSON.parse(JSON.stringify(results)) as MeasureResult[];
    expect(json).toHaveLength(results.length);
  });
});
