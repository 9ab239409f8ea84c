/**
 * Tessera's performance benchmark: `npm run bench [-- --scale tiny|study|large] [--json FILE]`.
 *
 * Measures the engine in Node and the app in real Chromium on a generated corpus (shared/bench/corpus.ts), each
 * measure over several runs beside a baseline measured in the same run, and prints a table; the JSON file holds
 * every run and the facts of the machine. Other options: --only engine|app|import|reader|start (the last three
 * one group of the app's measures), --runs N, --skip-build (use dist-bench as it is). Budgets are reported met or missed with their figures; the command fails only when
 * something could not run, never on a missed budget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CORPUS_SCALES, type CorpusScaleName } from '../../shared/bench/corpus';
import { CHROMIUM_PATH } from '../e2e/browser';
import { runAppBench } from './app';
import { runEngineBench } from './engine';
import type { MeasureResult } from './measure';
import { formatTable, machineFacts, summaryLine } from './report';

/** What --only may name: the engine, the app, or one group of the app's measures. */
const ONLY = ['engine', 'app', 'import', 'reader', 'start'] as const;
type Only = (typeof ONLY)[number];

interface Args {
  scale: CorpusScaleName;
  json: string;
  only?: Only;
  runs?: number;
  skipBuild: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at === -1) return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const next = argv[at + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
    return next;
  };
  const scale = value('scale') ?? 'study';
  if (!(scale in CORPUS_SCALES)) throw new Error(`--scale must be tiny, study or large, not “${scale}”`);
  const only = value('only');
  if (only !== undefined && !(ONLY as readonly string[]).includes(only)) throw new Error(`--only must be one of ${ONLY.join(', ')}, not “${only}”`);
  const runs = value('runs');
  if (runs !== undefined && !(Number.isInteger(Number(runs)) && Number(runs) >= 1)) throw new Error(`--runs must be a whole number of at least 1, not “${runs}”`);
  return {
    scale: scale as CorpusScaleName,
    json: resolve(value('json') ?? `bench-results/bench-${scale}.json`),
    ...(only ? { only: only as Only } : {}),
    ...(runs ? { runs: Number(runs) } : {}),
    skipBuild: argv.includes('--skip-build'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const machine = machineFacts(args.only === 'engine' ? undefined : CHROMIUM_PATH);
  const began = Date.now();
  const log = (line: string) => process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  log(`Tessera benchmark, scale ${args.scale}: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}${machine.chromium ? `, ${machine.chromium}` : ''}`);

  const results: MeasureResult[] = [];
  const appPart = args.only === 'import' || args.only === 'reader' || args.only === 'start' ? args.only : undefined;
  if (args.only === undefined || args.only === 'engine') results.push(...(await runEngineBench({ scale: args.scale, log, ...(args.runs ? { runs: args.runs } : {}) })));
  if (args.only !== 'engine') results.push(...(await runAppBench({ scale: args.scale, log, skipBuild: args.skipBuild, ...(appPart ? { only: appPart } : {}), ...(args.runs ? { runs: args.runs } : {}) })));

  const report = {
    suite: 'tessera-bench',
    version: 1,
    scale: args.scale,
    corpus: CORPUS_SCALES[args.scale],
    machine,
    startedAt: new Date(began).toISOString(),
    finishedAt: new Date().toISOString(),
    results,
  };
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nTessera benchmark at scale “${args.scale}” on ${machine.cpuModel} (${machine.cores} cores, ${machine.memoryGB} GB), Node ${machine.node}${machine.chromium ? `, ${machine.chromium}` : ''}, ${machine.date.slice(0, 10)}`);
  console.log(`Figures are medians (p95 where marked) of the runs; the range is the fastest to the slowest run.\n`);
  console.log(formatTable(results));
  console.log(`\n${summaryLine(results)}`);
  console.log(`JSON: ${args.json}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
