/**
 * What every benchmark figure is made of: several runs, their median and spread, the same for a baseline measured
 * in the same run, and the budget it is held to. A missed budget is reported with its figure, never dropped.
 */

export interface Figures {
  /** Every run, in the order measured. */
  runs: number[];
  median: number;
  min: number;
  max: number;
  /** 95th percentile (nearest rank). */
  p95: number;
  /** Lower and upper quartiles (the spread shown beside the median). */
  q1: number;
  q3: number;
}

export type Statistic = 'median' | 'p95';
export type Status = 'met' | 'missed' | 'no budget' | 'not measured';

export interface Budget {
  /** At most this much (in the measure's unit), compared with the measure's statistic. */
  limit: number;
  /** The corpus scale the budget is set for. */
  scale: string;
  /** Also: the measure's throughput must be at least this share of the baseline's (time at most 1/share of it). */
  minShareOfBaseline?: number;
}

export interface MeasureResult {
  id: string;
  label: string;
  area: 'engine' | 'app';
  /** The corpus scale measured. */
  scale: string;
  unit: 'ms' | 'MB';
  /** Which figure the budget is compared with. */
  statistic: Statistic;
  value?: Figures;
  baseline?: { label: string; figures: Figures };
  /** statistic(value) / statistic(baseline). */
  ratio?: number;
  budget?: Budget;
  status: Status;
  /** By how much a budget was missed, why a measure was not taken, or that the budget is for another scale. */
  note?: string;
  /** Facts about what was measured (e.g. "4,096 extracts"). */
  detail?: string;
}

/** Summary statistics of a list of runs. */
export function figures(runs: readonly number[]): Figures {
  if (runs.length === 0) throw new Error('A measure needs at least one run.');
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number): number => {
    // Linear interpolation between closest ranks, as spreadsheet QUARTILE.INC does.
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const rank95 = Math.max(0, Math.ceil(0.95 * sorted.length) - 1);
  return {
    runs: [...runs],
    median: at(0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    p95: sorted[rank95]!,
    q1: at(0.25),
    q3: at(0.75),
  };
}

export function statisticOf(f: Figures, statistic: Statistic): number {
  return statistic === 'p95' ? f.p95 : f.median;
}

/** Runs `work` `runs` times (after `warmup` unmeasured runs) and returns the milliseconds of each measured run. */
export async function timeRuns<T>(runs: number, work: (run: number) => T | Promise<T>, warmup = 0, onResult?: (result: T) => void): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = await work(i);
    times.push(performance.now() - t0);
    onResult?.(result);
  }
  return times;
}

/** Fills in ratio, status and note from the figures, the baseline and the budget. */
export function judge(result: Omit<MeasureResult, 'status' | 'ratio'> & { status?: Status }): MeasureResult {
  const out: MeasureResult = { ...result, status: result.status ?? 'no budget' };
  if (!result.value) {
    out.status = 'not measured';
    return out;
  }
  const value = statisticOf(result.value, result.statistic);
  if (result.baseline) {
    const base = statisticOf(result.baseline.figures, result.statistic);
    if (base > 0) out.ratio = value / base;
  }
  const budget = result.budget;
  if (!budget) {
    out.status = 'no budget';
    return out;
  }
  const misses: string[] = [];
  if (value > budget.limit) misses.push(`${formatNumber(value)} ${result.unit} is ${formatNumber(value - budget.limit)} ${result.unit} (${((value / budget.limit - 1) * 100).toFixed(0)}%) over ${formatNumber(budget.limit)} ${result.unit}`);
  if (budget.minShareOfBaseline !== undefined && out.ratio !== undefined) {
    const share = 1 / out.ratio;
    if (share < budget.minShareOfBaseline) {
      misses.push(`throughput is ${(share * 100).toFixed(0)}% of the baseline's, below ${(budget.minShareOfBaseline * 100).toFixed(0)}%`);
    }
  }
  out.status = misses.length ? 'missed' : 'met';
  const notes = [...misses];
  if (budget.scale !== result.scale) notes.push(`measured at ${result.scale}; the budget is for ${budget.scale}`);
  if (result.note) notes.push(result.note);
  if (notes.length) out.note = notes.join('; ');
  return out;
}

/** A measure that could not be taken, with the reason. */
export function notMeasured(base: Pick<MeasureResult, 'id' | 'label' | 'area' | 'scale' | 'unit' | 'statistic' | 'budget'>, reason: string): MeasureResult {
  return { ...base, status: 'not measured', note: reason };
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A count, with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}
