// Timings of the query engine on a project at the scale it must handle: 1,000 documents (8 million words) with
// 500 codes and 100,000 codings. Run with `npx tsx test/bench/query-scale.ts` (optionally `-- --docs 200` for a
// quicker run). Prints the median and fastest of several runs of each query, and a naive scan of all the text for
// one word as a baseline measured in the same run.
import type { AttributeValue, CodeRecord, CodingRecord, DocumentRecord, DocumentText, ProjectData, ThemeRecord, Turn } from '../../shared/model/types';
import {
  attributeMatrix,
  booleanQuery,
  buildQueryIndex,
  cooccurrenceMatrix,
  getExtracts,
  searchText,
  wordFrequencies,
  type QueryIndex,
} from '../../shared/query';

const args = process.argv.slice(2);
const argValue = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const DOCS = argValue('docs', 1000);
const WORDS_PER_DOC = 8000;
const CODES = 500;
const CODINGS = argValue('codings', 100_000 * (DOCS / 1000));
const RUNS = argValue('runs', 7);

/** A small deterministic random generator (mulberry32), so every run builds the same project. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): { project: ProjectData; rareWord: string } {
  const rnd = random(20260601);
  const common = ('the and to of a in that it was i we they you for on with but so as be at this have there what not about ' +
    'meeting parents child school social worker plan family carer health police information share time know think really').split(' ');
  const syllables = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'se', 'ti', 'vo', 'za', 'chi', 'dre', 'fla', 'gro', 'pli', 'str'];
  const rare: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) w += syllables[Math.floor(rnd() * syllables.length)]!;
    rare.push(w);
  }
  const word = (): string => {
    const r = rnd();
    if (r < 0.55) return common[Math.floor(rnd() * rnd() * common.length)]!;
    return rare[Math.floor(rnd() * rnd() * rare.length)]!;
  };

  const agencies = ['Social care', 'Health', 'Education', 'Police', 'Family support'];
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const attributeValues: AttributeValue[] = [];
  for (let d = 0; d < DOCS; d++) {
    const id = `doc-${d}`;
    const parts: string[] = [];
    const turns: Turn[] = [];
    let length = 0;
    let words = 0;
    let turn = 0;
    while (words < WORDS_PER_DOC) {
      const speaker = turn % 2 === 0 ? 'Interviewer' : `P${d}`;
      const n = Math.min(WORDS_PER_DOC - words, 20 + Math.floor(rnd() * 180));
      const body: string[] = [];
      for (let k = 0; k < n; k++) body.push(word());
      const text = `${speaker}: ${body.join(' ')}.`;
      if (turn > 0) {
        parts.push('\n\n');
        length += 2;
      }
      turns.push({ start: length, end: length + text.length, speaker, contentStart: length + speaker.length + 2 });
      parts.push(text);
      length += text.length;
      words += n;
      turn++;
    }
    const text = parts.join('');
    texts.push({ id, text, turns, blocks: [] });
    documents.push({
      id, name: `Interview ${d}`, caseId: `case-${d}`, order: d, length: text.length, words,
      source: { fileName: `${id}.txt`, size: text.length, format: 'txt', hash: '', importedAt: 0 }, createdAt: 0, updatedAt: 0,
    });
    attributeValues.push({ ownerId: `case-${d}`, attributeId: 'agency', value: agencies[d % agencies.length]! });
    attributeValues.push({ ownerId: id, attributeId: 'format', value: d % 3 === 0 ? 'Online' : 'In person' });
  }
  const codes: CodeRecord[] = [];
  for (let c = 0; c < CODES; c++) {
    codes.push({
      id: `code-${c}`, name: `Code ${c}`, ...(c % 10 === 0 ? {} : { parentId: `code-${c - (c % 10)}` }),
      color: '#336699', description: '', inclusion: '', exclusion: '', example: '', order: c, createdAt: 0,
    });
  }
  const codings: CodingRecord[] = [];
  for (let k = 0; k < CODINGS; k++) {
    const d = Math.floor(rnd() * DOCS);
    const t = texts[d]!;
    const turn = t.turns[Math.floor(rnd() * t.turns.length)]!;
    const start = turn.contentStart! + Math.floor(rnd() * (turn.end - turn.contentStart!));
    const end = Math.min(t.text.length, start + 20 + Math.floor(rnd() * 400));
    // a few codes are used far more than others, as in real projects
    const code = rnd() < 0.2 ? Math.floor(rnd() * 10) * 7 : Math.floor(rnd() * CODES);
    codings.push({ id: `coding-${k}`, documentId: t.id, codeId: `code-${code}`, coderId: k % 2 ? 'a' : 'b', start, end, createdAt: 0 });
  }
  const themes: ThemeRecord[] = Array.from({ length: 10 }, (_, i) => ({
    id: `theme-${i}`, name: `Theme ${i}`, definition: '', boundaries: '', status: 'candidate',
    codeIds: Array.from({ length: 20 }, (_, k) => `code-${(i * 37 + k * 11) % CODES}`), color: '#000000', order: i, createdAt: 0, updatedAt: 0,
  }));
  // a word from the middle of the vocabulary: hundreds of occurrences, so a search must scan everything
  return { rareWord: rare[400]!, project: {
    project: { id: 'bench', name: 'Bench', description: '', createdAt: 0, updatedAt: 0 },
    documents, texts,
    cases: documents.map((d, i) => ({ id: d.caseId!, name: `P${i}`, description: '', order: i })),
    attributes: [
      { id: 'agency', name: 'Agency', scope: 'case', type: 'category', options: agencies, order: 0 },
      { id: 'format', name: 'Format', scope: 'document', type: 'category', options: ['In person', 'Online'], order: 1 },
    ],
    attributeValues, codes, codings, memos: [], themes,
    coders: [{ id: 'a', name: 'A', initials: 'A', color: '#000' }, { id: 'b', name: 'B', initials: 'B', color: '#000' }],
  } };
}

function measure<T>(label: string, budgetMs: number | undefined, run: (i: number) => T, describe?: (result: T) => string): void {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  results.push({ label, median, min: times[0]!, budgetMs, note: describe && last !== undefined ? describe(last) : '' });
}

const results: { label: string; median: number; min: number; budgetMs?: number; note: string }[] = [];

const t0 = performance.now();
const { project, rareWord } = generate();
const generated = performance.now() - t0;
const totalWords = project.documents.reduce((s, d) => s + d.words, 0);
const totalChars = project.texts.reduce((s, t) => s + t.text.length, 0);
console.log(`Project: ${DOCS} documents, ${(totalWords / 1e6).toFixed(1)} million words, ${(totalChars / 1e6).toFixed(1)} million characters, ${CODES} codes, ${project.codings.length} codings (generated in ${(generated / 1000).toFixed(1)} s)`);
console.log(`Median and fastest of ${RUNS} runs each, Node ${process.version}.\n`);

let index: QueryIndex = buildQueryIndex(project);
measure('buildQueryIndex', undefined, () => (index = buildQueryIndex(project)));

// Baseline: the simplest possible scan of every text for one word.
measure('baseline: indexOf scan of all text for one word', undefined, () => {
  let n = 0;
  for (const t of project.texts) for (let at = t.text.indexOf('zzzq'); at >= 0; at = t.text.indexOf('zzzq', at + 1)) n++;
  return n;
});

const byCount = [...index.codingsByCode].sort((a, b) => b[1].length - a[1].length);
const biggest = byCount[0]!;
measure('all extracts of one code (a typical code)', 100, (i) => getExtracts(index, { codeIds: [`code-${101 + i}`] }), (r) => `${r.length} extracts`);
measure('all extracts of one code (the most used code)', 100, () => getExtracts(index, { codeIds: [biggest[0]] }), (r) => `${r.length} extracts`);
measure('all extracts of one theme (20 codes)', undefined, (i) => getExtracts(index, { themeIds: [`theme-${i % 10}`] }), (r) => `${r.length} extracts`);
measure('extracts of one code, filtered by agency and text', undefined, () =>
  getExtracts(index, { codeIds: [biggest[0]] }, { attributes: [{ attributeId: 'agency', values: ['Health'] }], text: 'parents' }), (r) => `${r.length} extracts`);

const rows = index.codeOrder.map((id) => ({ kind: 'code' as const, id }));
measure('500 codes x agency matrix (extracts)', 300, () => attributeMatrix(index, { rows, attributeId: 'agency' }));
measure('500 codes x agency matrix (cases)', 300, () => attributeMatrix(index, { rows, attributeId: 'agency', count: 'cases' }));

measure('500-code co-occurrence matrix (overlap, codings)', 1000, () => cooccurrenceMatrix(index, {}), (m) => `${m.counts.reduce((s, r, x) => s + r.reduce((a, v, y) => a + (y > x ? v : 0), 0), 0)} co-occurring pairs`);
measure('500-code co-occurrence matrix (same turn, cases)', 1000, () => cooccurrenceMatrix(index, { mode: 'same-turn', count: 'cases' }));

measure('boolean: theme AND theme (overlap)', undefined, () => booleanQuery(index, { operator: 'and', a: { themeIds: ['theme-0'] }, b: { themeIds: ['theme-1'] } }), (r) => `${r.length} hits`);
measure('boolean: code NEAR code within 2 turns', undefined, () => booleanQuery(index, { operator: 'near', distance: 2, a: { codeIds: [biggest[0]] }, b: { codeIds: [byCount[1]![0]] } }), (r) => `${r.length} hits`);

measure('full-text search, a word not in the text (whole scan)', 200, () => searchText(index, 'zzzq'), (r) => `${r.hits.length} hits`);
measure(`full-text search, a rarer word (${rareWord}), whole word`, 200, () => searchText(index, rareWord, { wholeWord: true }), (r) => `${r.hits.length} hits${r.truncated ? ' (capped)' : ''}`);
measure('full-text search, case-sensitive', 200, () => searchText(index, 'Interviewer: parents', { caseSensitive: true }), (r) => `${r.hits.length} hits${r.truncated ? ' (capped)' : ''}`);
measure('full-text search, regular expression', 200, () => searchText(index, `${rareWord.slice(0, 4)}\\w*(ba|ke)\\b`, { regex: true }), (r) => `${r.hits.length} hits${r.truncated ? ' (capped)' : ''}`);
measure('full-text search, a common word (stops at 5,000 hits)', 200, () => searchText(index, 'meeting'), (r) => `${r.hits.length} hits${r.truncated ? ' (capped)' : ''}`);

measure('word frequencies, whole project', undefined, () => wordFrequencies(index, { fillers: true }), (r) => `${r.totalWords} words counted`);

const baseline = results.find((r) => r.label.startsWith('baseline'))!.median;
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
console.log(`${pad('query', 56)} ${pad('median ms', 10)} ${pad('fastest', 9)} ${pad('budget', 8)} ${pad('x baseline', 11)} note`);
for (const r of results) {
  const within = r.budgetMs === undefined ? '' : r.median <= r.budgetMs ? `${r.budgetMs} ok` : `${r.budgetMs} OVER`;
  console.log(`${pad(r.label, 56)} ${pad(r.median.toFixed(1), 10)} ${pad(r.min.toFixed(1), 9)} ${pad(within, 8)} ${pad((r.median / baseline).toFixed(2), 11)} ${r.note}`);
}
