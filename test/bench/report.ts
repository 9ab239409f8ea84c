/** The benchmark's output: a table for the terminal and JSON with the facts of the machine it ran on. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { formatNumber, statisticOf, type MeasureResult } from './measure';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium?: string;
  /** Load average (1, 5, 15 minutes) when the suite started: the machine may be shared. */
  loadAverage: number[];
  date: string;
  commit?: string;
  /** Whether the work tree had changes not yet committed (the figures are then for the tree, not the commit). */
  uncommittedChanges?: boolean;
}

export function machineFacts(chromiumPath?: string): MachineFacts {
  const run = (file: string, args: string[]): string | undefined => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const chromium = chromiumPath ? run(chromiumPath, ['--version']) : undefined;
  const commit = run('git', ['rev-parse', '--short', 'HEAD']);
  const status = run('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    ...(chromium ? { chromium } : {}),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...(status !== undefined ? { uncommittedChanges: status.length > 0 } : {}),
  };
}

const STATUS_TEXT: Record<MeasureResult['status'], string> = {
  met: 'met',
  missed: 'MISSED',
  'no budget': '',
  'not measured': 'NOT MEASURED',
};

function valueText(r: MeasureResult): string {
  if (!r.value) return '—';
  return `${formatNumber(statisticOf(r.value, r.statistic))} ${r.unit}${r.statistic === 'p95' ? ' (p95)' : ''}`;
}

function spreadText(r: MeasureResult): string {
  if (!r.value) return '';
  const f = r.value;
  return `${formatNumber(f.min)}–${formatNumber(f.max)} (${f.runs.length}×)`;
}

function baselineText(r: MeasureResult): string {
  if (!r.baseline) return '';
  return `${formatNumber(statisticOf(r.baseline.figures, r.statistic))} ${r.unit}`;
}

/** The results as a plain-text table, with notes (missed budgets, measures not taken) listed under it. */
export function formatTable(results: readonly MeasureResult[]): string {
  const header = ['measure', 'scale', 'figure', 'range (runs)', 'baseline', '× baseline', 'budget', 'status'];
  const rows = results.map((r) => [
    r.label,
    r.scale,
    valueText(r),
    spreadText(r),
    baselineText(r),
    r.ratio === undefined ? '' : `${formatNumber(r.ratio)}×`,
    r.budget ? `≤ ${formatNumber(r.budget.limit)} ${r.unit}${r.budget.minShareOfBaseline ? `, ≥ ${r.budget.minShareOfBaseline * 100}% of baseline throughput` : ''}` : '',
    STATUS_TEXT[r.status],
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const notes = results.filter((r) => r.note || r.detail || r.baseline);
  if (notes.length) {
    out.push('');
    for (const r of notes) {
      const parts = [r.detail, r.baseline ? `baseline: ${r.baseline.label}` : undefined, r.note].filter(Boolean);
      out.push(`- ${r.label}: ${parts.join('; ')}`);
    }
  }
  return out.join('\n');
}

/** One line per budget: how many were met, missed and not measured. */
export function summaryLine(results: readonly MeasureResult[]): string {
  const count = (s: MeasureResult['status']) => results.filter((r) => r.status === s).length;
  return `${count('met')} budgets met, ${count('missed')} missed, ${count('not measured')} not measured, ${count('no budget')} measures without a budget`;
}
