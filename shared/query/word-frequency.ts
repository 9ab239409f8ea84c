/**
 * Word frequencies of the project, of some documents, or of chosen passages (e.g. a theme's extracts), and the
 * data for a word cloud.
 *
 * A word is a run of letters, digits and combining marks, with inner apostrophes or hyphens kept ("don't",
 * "multi-agency"); it is counted in lower case, with curly apostrophes read as straight ones, and a possessive 's
 * taken off ("child's" counts as "child"). Speaker labels at the start of turns ("Dawn: ") are not counted.
 */
import type { Id } from '../model/types';
import { QueryError, type QueryIndex } from './index-build';
import { ENGLISH_STOP_WORDS, TRANSCRIPT_FILLERS } from './stop-words';
import type { Table } from './tables';

export interface TextRange {
  documentId: Id;
  start: number;
  end: number;
}

export interface WordFrequencyOptions {
  /** Count these documents (default: all). Ignored when `ranges` is given. */
  documentIds?: readonly Id[];
  /** Count only these passages; overlapping passages of a document are joined so no word counts twice. */
  ranges?: readonly TextRange[];
  /** Leave out the English stop words (default true). */
  stopWords?: boolean;
  /** Leave out transcript fillers such as um, erm, yeah, like (default false). */
  fillers?: boolean;
  /** More words to leave out (any case). */
  extraStopWords?: readonly string[];
  /** Shortest word counted, in characters (default 3). */
  minLength?: number;
  /** How many of the most frequent words to return (default 100; Infinity for all). */
  topN?: number;
  /** Leave out what these speakers say (e.g. the interviewer), matched without regard to case. */
  excludeSpeakers?: readonly string[];
  /** Count numbers such as 2019 as words (default false). */
  includeNumbers?: boolean;
}

export interface WordCount {
  word: string;
  count: number;
  /** In how many documents it occurs. */
  documents: number;
}

export interface WordFrequencies {
  /** Most frequent first; ties in alphabetical order. */
  words: WordCount[];
  /** All words counted (after stop words and the minimum length), and how many different ones. */
  totalWords: number;
  distinctWords: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*/gu;
const NUMBER = /^[\p{N}'’\-‐.,]+$/u;

/** Lower case, straight apostrophes, plain hyphens. */
function normaliseWord(raw: string): string {
  return raw.toLowerCase().replace(/’/g, "'").replace(/‐/g, '-');
}

/** The parts of a document to count: the words of each turn (not its label), leaving out excluded speakers. */
function countableSegments(index: QueryIndex, documentId: Id, excluded: ReadonlySet<string>): [number, number][] {
  const text = index.texts.get(documentId)?.text ?? '';
  const units = index.unitsOf(documentId);
  if (units.kind !== 'turn') return [[0, text.length]];
  const out: [number, number][] = [];
  for (let i = 0; i < units.starts.length; i++) {
    const speaker = units.speakers[i];
    if (speaker !== undefined && excluded.has(speaker.trim().toLowerCase())) continue;
    out.push([units.contentStarts[i]!, units.ends[i]!]);
  }
  return out;
}

function joinRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (s < e) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export function wordFrequencies(index: QueryIndex, options: WordFrequencyOptions = {}): WordFrequencies {
  const minLength = options.minLength ?? 3;
  const topN = options.topN ?? 100;
  if (!(topN >= 0)) throw new QueryError(`The number of words to show must be 0 or more (it was ${topN}).`);
  const stop = new Set<string>();
  if (options.stopWords !== false) for (const w of ENGLISH_STOP_WORDS) stop.add(w);
  if (options.fillers) for (const w of TRANSCRIPT_FILLERS) stop.add(w);
  for (const w of options.extraStopWords ?? []) stop.add(normaliseWord(w.trim()));
  const excluded = new Set((options.excludeSpeakers ?? []).map((s) => s.trim().toLowerCase()));

  // The ranges to count, per document, in document order.
  const perDocument = new Map<Id, [number, number][]>();
  if (options.ranges) {
    for (const r of options.ranges) {
      if (!index.texts.has(r.documentId)) throw new QueryError(`A passage to count is in a document that is not in this project (${r.documentId}).`);
      const list = perDocument.get(r.documentId) ?? [];
      list.push([r.start, r.end]);
      perDocument.set(r.documentId, list);
    }
  } else {
    const only = options.documentIds ? new Set(options.documentIds) : undefined;
    for (const d of index.documentOrder) {
      if (!only || only.has(d)) perDocument.set(d, [[0, index.texts.get(d)?.text.length ?? 0]]);
    }
  }

  type Entry = { count: number; documents: number; lastDocument: number };
  const counts = new Map<string, Entry>();
  const byRaw = new Map<string, Entry | null>();
  const countedForm = (raw: string): Entry | null => {
    let word = normaliseWord(raw);
    if (stop.has(word)) return null;
    if (word.endsWith("'s")) {
      word = word.slice(0, -2);
      if (stop.has(word)) return null;
    }
    if (word.length < minLength) return null;
    if (!options.includeNumbers && NUMBER.test(word)) return null;
    let entry = counts.get(word);
    if (!entry) counts.set(word, (entry = { count: 0, documents: 0, lastDocument: -1 }));
    return entry;
  };
  let totalWords = 0;
  let documentNumber = 0;
  for (const documentId of index.documentOrder) {
    const ranges = perDocument.get(documentId);
    if (!ranges) continue;
    documentNumber++;
    const text = index.texts.get(documentId)!.text;
    for (const [start, end] of intersect(joinRanges(ranges), countableSegments(index, documentId, excluded))) {
      const slice = text.slice(start, end);
      WORD.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD.exec(slice)) !== null) {
        // The same spellings recur endlessly; decide each one once (its counted form, or null when left out).
        let entry = byRaw.get(m[0]);
        if (entry === undefined) {
          entry = countedForm(m[0]);
          byRaw.set(m[0], entry);
        }
        if (entry === null) continue;
        totalWords++;
        entry.count++;
        if (entry.lastDocument !== documentNumber) {
          entry.lastDocument = documentNumber;
          entry.documents++;
        }
      }
    }
  }
  const words = [...counts]
    .map(([word, e]) => ({ word, count: e.count, documents: e.documents }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return { words: Number.isFinite(topN) ? words.slice(0, topN) : words, totalWords, distinctWords: counts.size };
}

export interface CloudWord {
  word: string;
  count: number;
  /** count / the largest count, 0..1. */
  weight: number;
  /** Font size between minSize and maxSize, by the chosen scale. */
  size: number;
}

export interface WordCloudOptions {
  minSize?: number;
  maxSize?: number;
  /** How counts map to sizes: 'linear', 'sqrt' (default: area grows with count) or 'log'. */
  scale?: 'linear' | 'sqrt' | 'log';
}

/** Word-cloud data from word counts: relative weight and a font size for each word. */
export function wordCloud(words: readonly WordCount[], options: WordCloudOptions = {}): CloudWord[] {
  const minSize = options.minSize ?? 12;
  const maxSize = options.maxSize ?? 64;
  const f = options.scale === 'linear' ? (x: number) => x : options.scale === 'log' ? (x: number) => Math.log(x) : (x: number) => Math.sqrt(x);
  if (words.length === 0) return [];
  const max = words.reduce((m, w) => Math.max(m, w.count), -Infinity);
  const min = words.reduce((m, w) => Math.min(m, w.count), Infinity);
  const spread = f(max) - f(min);
  return words.map((w) => ({
    word: w.word,
    count: w.count,
    weight: max > 0 ? w.count / max : 0,
    size: spread > 0 ? minSize + ((f(w.count) - f(min)) / spread) * (maxSize - minSize) : maxSize,
  }));
}

export function wordFrequenciesToTable(result: WordFrequencies): Table {
  return {
    columns: ['Word', 'Count', 'Documents', 'Share of words (%)'],
    rows: result.words.map((w) => [w.word, w.count, w.documents, result.totalWords > 0 ? Math.round((w.count / result.totalWords) * 10000) / 100 : null]),
  };
}
