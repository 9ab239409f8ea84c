/**
 * The engine's measures, in Node: generating the corpus, parsing transcripts, the query engine, agreement and
 * REFI-QDA exchange. Each is timed over several runs beside a baseline measured in the same run where one makes
 * sense. `runEngineBench` is what `npm run bench` and the smoke test call.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { compareCoders } from '../../shared/agreement';
import { corpusSearchTerms, corpusTextFiles, generateCorpus, type Corpus, type CorpusScaleName } from '../../shared/bench/corpus';
import { applyMergePlan, planMerge } from '../../shared/exchange/merge';
import { readQdpx } from '../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../shared/exchange/qdpx-write';
import { importFile } from '../../shared/import';
import type { CodeRecord, ProjectData } from '../../shared/model/types';
import { figures, formatCount, formatNumber, judge, notMeasured, timeRuns, type Budget, type MeasureResult } from './measure';

export interface EngineBenchOptions {
  scale: CorpusScaleName;
  /** Runs per measure (default: 7 for quick measures, 3 for the slow ones at large, 5 otherwise). */
  runs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** Engine measures and their budgets (in milliseconds), as the performance table states them. */
export const ENGINE_MEASURES = {
  generate: 'corpus.generate',
  parse: 'import.parse',
  index: 'query.index',
  extractsTop: 'query.extracts.top',
  extractsTypical: 'query.extracts.typical',
  matrix: 'query.matrix',
  cooccurrence: 'query.cooccurrence',
  search: 'query.search',
  agreement: 'agreement',
  exportQdpx: 'exchange.export',
  merge: 'exchange.merge',
} as const;

const LARGE = 'large';

type QueryModule = typeof import('../../shared/query');

/** The query engine, loaded when present (it may be missing or half-written while it is being built). */
async function loadQuery(): Promise<{ query?: QueryModule; problem?: string }> {
  try {
    return { query: await import('../../shared/query') };
  } catch (error) {
    return { problem: `the query engine (shared/query) could not be loaded: ${(error as Error).message}` };
  }
}

/** Two copies of the project as two team members would send them: the first coders' work, and the last coder's. */
export function mergeVariants(data: ProjectData): { a: ProjectData; b: ProjectData } {
  const last = data.coders[data.coders.length - 1]!;
  const a: ProjectData = { ...data, codings: data.codings.filter((c) => c.coderId !== last.id) };
  // The second copy redefines a few codes (conflicts to decide) and adds codes of its own.
  const changed = new Set(data.codes.slice(0, 5).map((c) => c.id));
  const added: CodeRecord[] = Array.from({ length: 10 }, (_, i) => ({
    id: `9e3b0c44-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `New idea ${i + 1}`,
    color: '#aa3377',
    description: 'Added while coding on another laptop.',
    inclusion: '',
    exclusion: '',
    example: '',
    order: data.codes.length + i,
    createdAt: data.project.updatedAt,
  }));
  const b: ProjectData = {
    ...data,
    memos: [],
    codes: [...data.codes.map((c) => (changed.has(c.id) ? { ...c, description: `${c.description} Revised after the team meeting.` } : c)), ...added],
    codings: data.codings.filter((c) => c.coderId === last.id),
  };
  return { a, b };
}

export async function runEngineBench(options: EngineBenchOptions): Promise<MeasureResult[]> {
  const { scale } = options;
  const log = options.log ?? (() => undefined);
  const large = scale === 'large';
  const quickRuns = options.runs ?? 7;
  const slowRuns = options.runs ?? (large ? 3 : 5);
  const results: MeasureResult[] = [];
  const base = { area: 'engine' as const, scale, unit: 'ms' as const, statistic: 'median' as const };
  const budget = (limit: number, budgetScale = LARGE): Budget => ({ limit, scale: budgetScale });

  // Corpus generation: the generator must stay fast enough for every run of the suite.
  log(`generating the ${scale} corpus`);
  let corpus: Corpus | undefined;
  const generateTimes = await timeRuns(large ? Math.min(slowRuns, 3) : slowRuns, () => (corpus = generateCorpus(scale)));
  const data = corpus!.data;
  results.push(
    judge({
      ...base,
      id: ENGINE_MEASURES.generate,
      label: 'generate the corpus',
      value: figures(generateTimes),
      detail: `${data.documents.length} transcripts, ${formatCount(corpus!.words)} words, ${formatNumber(corpus!.characters / 1e6)} M characters, ${data.codes.length} codes, ${formatCount(data.codings.length)} codings, ${data.coders.length} coders`,
    }),
  );

  // Parsing the transcripts as files: the engine half of an import (the app's storing is measured in Chromium).
  log('parsing the transcripts with importFile');
  const files = corpusTextFiles(data);
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  let turns = 0;
  const parseTimes = await timeRuns(slowRuns, async () => {
    turns = 0;
    for (const file of files) turns += (await importFile(file.bytes, file.name)).turns.length;
  });
  const decoder = new TextDecoder();
  const decodeTimes = await timeRuns(slowRuns, () => {
    let n = 0;
    for (const file of files) n += decoder.decode(file.bytes).length;
    return n;
  });
  results.push(
    judge({
      ...base,
      id: ENGINE_MEASURES.parse,
      label: 'parse every transcript (importFile)',
      value: figures(parseTimes),
      baseline: { label: 'decode the same bytes as UTF-8', figures: figures(decodeTimes) },
      detail: `${files.length} files, ${formatNumber(bytes / 1e6)} MB, ${formatCount(turns)} turns; ${formatNumber(bytes / 1e6 / (figures(parseTimes).median / 1000))} MB/s`,
    }),
  );

  // The query engine.
  const { query, problem } = await loadQuery();
  const queryMeasures: [string, string, number | undefined][] = [
    [ENGINE_MEASURES.index, 'build the query index', undefined],
    [ENGINE_MEASURES.extractsTop, 'all extracts of the most used code', 100],
    [ENGINE_MEASURES.extractsTypical, 'all extracts of a typical code', 100],
    [ENGINE_MEASURES.matrix, 'code-by-attribute matrix (every code x agency)', 300],
    [ENGINE_MEASURES.cooccurrence, `co-occurrence of every code (${data.codes.length} x ${data.codes.length})`, 1000],
    [ENGINE_MEASURES.search, 'full-text search, p95 over five words', 200],
  ];
  const missing = (name: keyof QueryModule) => !query || typeof query[name] !== 'function';
  if (!query || missing('buildQueryIndex')) {
    for (const [id, label, limit] of queryMeasures) {
      results.push(notMeasured({ ...base, id, label, ...(limit ? { budget: budget(limit) } : {}) }, problem ?? 'buildQueryIndex is not in shared/query yet'));
    }
  } else {
    log('building the query index');
    let index = query.buildQueryIndex(data);
    const indexTimes = await timeRuns(slowRuns, () => (index = query.buildQueryIndex(data)));
    results.push(judge({ ...base, id: ENGINE_MEASURES.index, label: 'build the query index', value: figures(indexTimes) }));

    // The codes by how much they are used: the most used is the worst case, the median one is typical.
    const uses = new Map<string, number>();
    for (const c of data.codings) uses.set(c.codeId, (uses.get(c.codeId) ?? 0) + 1);
    const byUse = [...uses].sort((x, y) => y[1] - x[1]);
    const texts = new Map(data.texts.map((t) => [t.id, t.text]));
    for (const [id, label, codeId] of [
      [ENGINE_MEASURES.extractsTop, 'all extracts of the most used code', byUse[0]![0]],
      [ENGINE_MEASURES.extractsTypical, 'all extracts of a typical code', byUse[Math.floor(byUse.length / 2)]![0]],
    ] as const) {
      if (missing('getExtracts')) {
        results.push(notMeasured({ ...base, id, label, budget: budget(100) }, 'getExtracts is not in shared/query yet'));
        continue;
      }
      log(`measuring ${label}`);
      let count = 0;
      const times = await timeRuns(quickRuns, () => (count = query.getExtracts(index, { codeIds: [codeId] }).length), 1);
      // Baseline: the simplest way to the same passages, a scan of every coding and a slice of its text.
      const naive = await timeRuns(quickRuns, () => data.codings.filter((c) => c.codeId === codeId).map((c) => texts.get(c.documentId)!.slice(c.start, c.end)).length, 1);
      results.push(
        judge({
          ...base,
          id,
          label,
          value: figures(times),
          baseline: { label: 'scan all codings and slice their text', figures: figures(naive) },
          budget: budget(100),
          detail: `${formatCount(count)} extracts`,
        }),
      );
    }

    const agency = data.attributes.find((a) => a.name === 'Agency')!;
    if (missing('attributeMatrix')) {
      results.push(notMeasured({ ...base, id: ENGINE_MEASURES.matrix, label: 'code-by-attribute matrix (every code x agency)', budget: budget(300) }, 'attributeMatrix is not in shared/query yet'));
    } else {
      log('measuring the code-by-attribute matrix');
      const rows = index.codeOrder.map((id) => ({ kind: 'code' as const, id }));
      let cells = 0;
      const times = await timeRuns(quickRuns, () => {
        const m = query.attributeMatrix(index, { rows, attributeId: agency.id });
        cells = m.rows.length * m.columns.length;
      }, 1);
      results.push(judge({ ...base, id: ENGINE_MEASURES.matrix, label: 'code-by-attribute matrix (every code x agency)', value: figures(times), budget: budget(300), detail: `${formatCount(cells)} cells` }));
    }

    const coLabel = `co-occurrence of every code (${data.codes.length} x ${data.codes.length})`;
    if (missing('cooccurrenceMatrix')) {
      results.push(notMeasured({ ...base, id: ENGINE_MEASURES.cooccurrence, label: coLabel, budget: budget(1000) }, 'cooccurrenceMatrix is not in shared/query yet'));
    } else {
      log('measuring the co-occurrence matrix');
      let pairs = 0;
      const times = await timeRuns(quickRuns, () => {
        const m = query.cooccurrenceMatrix(index, {});
        pairs = 0;
        m.counts.forEach((row, i) => row.forEach((v, j) => (pairs += j > i ? v : 0)));
      }, 1);
      results.push(judge({ ...base, id: ENGINE_MEASURES.cooccurrence, label: coLabel, value: figures(times), budget: budget(1000), detail: `${formatCount(pairs)} co-occurring pairs` }));
    }

    const terms = corpusSearchTerms();
    if (missing('searchText')) {
      results.push(notMeasured({ ...base, statistic: 'p95', id: ENGINE_MEASURES.search, label: 'full-text search, p95 over five words', budget: budget(200) }, 'searchText is not in shared/query yet'));
    } else {
      log('measuring full-text search');
      const hits: string[] = [];
      const times: number[] = [];
      const naive: number[] = [];
      for (const { term } of terms) {
        let found = 0;
        let capped = false;
        times.push(
          ...(await timeRuns(quickRuns, () => {
            const r = query.searchText(index, term);
            found = r.hits.length;
            capped = r.truncated;
          }, 1)),
        );
        hits.push(`“${term}” ${formatCount(found)}${capped ? ' (stops at 5,000)' : ''}`);
        // Baseline: the simplest scan of every text for the word (case as given, no context, no cap).
        naive.push(
          ...(await timeRuns(quickRuns, () => {
            let n = 0;
            for (const t of data.texts) for (let at = t.text.indexOf(term); at !== -1; at = t.text.indexOf(term, at + term.length)) n++;
            return n;
          }, 1)),
        );
      }
      results.push(
        judge({
          ...base,
          statistic: 'p95',
          id: ENGINE_MEASURES.search,
          label: 'full-text search, p95 over five words',
          value: figures(times),
          baseline: { label: 'indexOf scan of all texts', figures: figures(naive) },
          budget: budget(200),
          detail: `hits: ${hits.join(', ')}`,
        }),
      );
    }
  }

  // Agreement: three coders over every code, on the study scale (tiny when the suite runs tiny).
  const agreementScale = scale === 'tiny' ? 'tiny' : 'study';
  log(`measuring agreement (${agreementScale}, 3 coders)`);
  {
    const three = agreementScale === scale && data.coders.length === 3 ? corpus! : generateCorpus(agreementScale, { coders: 3 });
    let codesCompared = 0;
    let kappa: number | null = null;
    const times = await timeRuns(slowRuns, () => {
      const result = compareCoders(three.data, { coderIds: three.data.coders.map((c) => c.id) });
      codesCompared = result.codes.length;
      kappa = result.overall.kappa.value;
    }, 1);
    results.push(
      judge({
        ...base,
        scale: agreementScale,
        id: ENGINE_MEASURES.agreement,
        label: 'agreement, 3 coders, all codes',
        value: figures(times),
        budget: budget(500, 'study'),
        detail: `${codesCompared} codes, ${formatCount(three.data.codings.length)} codings; mean kappa ${kappa === null ? 'undefined' : (kappa as number).toFixed(2)}`,
      }),
    );
  }

  // REFI-QDA: export one project, merge two.
  log('measuring the .qdpx export');
  let exported: Uint8Array = new Uint8Array();
  const exportTimes = await timeRuns(slowRuns, () => (exported = writeQdpx(data)));
  const zipTimes = await timeRuns(slowRuns, () => zipSync({ 'project.json': strToU8(JSON.stringify(data)) }, { level: 6 }));
  results.push(
    judge({
      ...base,
      id: ENGINE_MEASURES.exportQdpx,
      label: 'export the project as .qdpx',
      value: figures(exportTimes),
      baseline: { label: 'JSON of the same data, zipped', figures: figures(zipTimes) },
      budget: budget(10_000),
      detail: `${formatNumber(exported.length / 1e6)} MB file`,
    }),
  );

  log('measuring the merge of two .qdpx files');
  const { a, b } = mergeVariants(data);
  const fileA = writeQdpx(a);
  const fileB = writeQdpx(b);
  exported = new Uint8Array();
  const parts = { read: [] as number[], plan: [] as number[], apply: [] as number[] };
  let summary = '';
  const mergeTimes = await timeRuns(slowRuns, async () => {
    let t = performance.now();
    const current = (await readQdpx(fileA, 'team-a.qdpx')).project;
    const incoming = (await readQdpx(fileB, 'team-b.qdpx')).project;
    parts.read.push(performance.now() - t);
    t = performance.now();
    const plan = planMerge(current, incoming);
    parts.plan.push(performance.now() - t);
    t = performance.now();
    const merged = applyMergePlan(current, plan);
    parts.apply.push(performance.now() - t);
    summary = `${formatCount(merged.changes.added.codings.length)} codings and ${merged.changes.added.codes.length} codes added, ${plan.conflicts.length} conflicts`;
  });
  const unzipTimes = await timeRuns(slowRuns, () => [unzipSync(fileA), unzipSync(fileB)]);
  const med = (xs: number[]) => figures(xs).median;
  results.push(
    judge({
      ...base,
      id: ENGINE_MEASURES.merge,
      label: 'merge two .qdpx files (read both, plan, apply)',
      value: figures(mergeTimes),
      baseline: { label: 'unzip both files', figures: figures(unzipTimes) },
      budget: budget(20_000),
      detail: `${formatNumber(fileA.length / 1e6)} + ${formatNumber(fileB.length / 1e6)} MB; read ${formatNumber(med(parts.read))} ms, plan ${formatNumber(med(parts.plan))} ms, apply ${formatNumber(med(parts.apply))} ms; ${summary}`,
    }),
  );

  return results;
}
