import { describe, expect, it } from 'vitest';
import {
  buildQueryIndex,
  ENGLISH_STOP_WORDS,
  getExtracts,
  TRANSCRIPT_FILLERS,
  wordCloud,
  wordFrequencies,
  wordFrequenciesToTable,
} from '../../../shared/query';
import { buildSmallProject } from './fixture';

const index = buildQueryIndex(buildSmallProject());
const pairs = (r: { words: { word: string; count: number }[] }): [string, number][] => r.words.map((w) => [w.word, w.count]);

describe('word frequencies', () => {
  it('counts words without speaker labels or stop words (hand-counted)', () => {
    // D2: "Tell me about trust." / "Trust takes time. The parents felt blamed." / "I shared notes after."
    const r = wordFrequencies(index, { documentIds: ['D2'] });
    expect(pairs(r)).toEqual([
      ['trust', 2],
      ['blamed', 1],
      ['felt', 1],
      ['notes', 1],
      ['parents', 1],
      ['shared', 1],
      ['takes', 1],
      ['tell', 1],
      ['time', 1],
    ]);
    expect([r.totalWords, r.distinctWords]).toEqual([10, 9]);
    // "int" and "sam" (the labels) are not words of the text
    expect(r.words.some((w) => w.word === 'sam' || w.word === 'int')).toBe(false);
  });

  it('leaves out a speaker, the fillers, or nothing', () => {
    expect(wordFrequencies(index, { documentIds: ['D2'], excludeSpeakers: ['int'] }).totalWords).toBe(8);
    const d1 = wordFrequencies(index, { documentIds: ['D1'] });
    expect(d1.words[0]).toEqual({ word: 'school', count: 2, documents: 1 });
    expect(d1.totalWords).toBe(12);
    expect(d1.words.map((w) => w.word)).toContain('yeah');
    const noFillers = wordFrequencies(index, { documentIds: ['D1'], fillers: true });
    expect(noFillers.totalWords).toBe(10);
    expect(noFillers.words.map((w) => w.word)).not.toContain('like');
    expect(wordFrequencies(index, { documentIds: ['D2'], stopWords: false, minLength: 1 }).totalWords).toBe(15);
    expect(wordFrequencies(index, { documentIds: ['D2'], extraStopWords: ['TRUST'] }).words[0]!.word).toBe('blamed');
  });

  it('counts in how many documents a word occurs, and keeps the top N', () => {
    const all = wordFrequencies(index, { topN: 3 });
    expect(all.words).toHaveLength(3);
    // trust: D2 twice, D3, D4, D5
    expect(all.words[0]).toEqual({ word: 'trust', count: 5, documents: 4 });
    expect(wordFrequencies(index, { topN: Infinity }).words.length).toBe(all.distinctWords);
  });

  it('counts chosen passages once even when they overlap (e.g. a theme\'s extracts)', () => {
    const extracts = getExtracts(index, { codeIds: ['A1', 'B'] }, { documentIds: ['D1'] });
    // "The parents felt heard" and "parents felt heard. We shared" join into one passage
    const r = wordFrequencies(index, { ranges: extracts });
    expect(pairs(r)).toEqual([
      ['felt', 1],
      ['heard', 1],
      ['parents', 1],
      ['shared', 1],
    ]);
  });

  it('folds case, curly apostrophes and possessives; numbers only on request; accents kept', () => {
    const p = buildSmallProject();
    p.texts[3]!.text = 'Le café, les cafés; CAFÉ. The child’s room and the child\'s bed in 2019 — multi-agency work.';
    const i = buildQueryIndex(p);
    expect(pairs(wordFrequencies(i, { documentIds: ['D4'] }))).toEqual([
      ['café', 2],
      ['child', 2],
      ['bed', 1],
      ['cafés', 1],
      ['les', 1],
      ['multi-agency', 1],
      ['room', 1],
      ['work', 1],
    ]);
    expect(wordFrequencies(i, { documentIds: ['D4'], includeNumbers: true }).words.map((w) => w.word)).toContain('2019');
  });

  it('makes a table with each word\'s share', () => {
    const t = wordFrequenciesToTable(wordFrequencies(index, { documentIds: ['D2'] }));
    expect(t.columns).toEqual(['Word', 'Count', 'Documents', 'Share of words (%)']);
    expect(t.rows[0]).toEqual(['trust', 2, 1, 20]);
  });

  it('stop words and fillers are lower-case data, and the fillers include the usual ones', () => {
    for (const w of [...ENGLISH_STOP_WORDS, ...TRANSCRIPT_FILLERS]) expect(w).toBe(w.toLowerCase());
    for (const w of ['um', 'erm', 'yeah', 'like']) expect(TRANSCRIPT_FILLERS).toContain(w);
    expect(ENGLISH_STOP_WORDS).toContain('the');
  });
});

describe('word cloud', () => {
  it('gives each word a weight and a size between the bounds', () => {
    const words = [
      { word: 'a', count: 4, documents: 1 },
      { word: 'b', count: 2, documents: 1 },
      { word: 'c', count: 1, documents: 1 },
    ];
    const linear = wordCloud(words, { minSize: 10, maxSize: 40, scale: 'linear' });
    expect(linear.map((w) => [w.word, w.weight, w.size])).toEqual([
      ['a', 1, 40],
      ['b', 0.5, 20],
      ['c', 0.25, 10],
    ]);
    // square root: sqrt(2) lies (sqrt 2 - 1) / (2 - 1) of the way from 1 to 4's root
    expect(wordCloud(words, { minSize: 10, maxSize: 40 })[1]!.size).toBeCloseTo(10 + (Math.SQRT2 - 1) * 30, 10);
    expect(wordCloud(words, { minSize: 10, maxSize: 40, scale: 'log' })[1]!.size).toBeCloseTo(25, 10);
    expect(wordCloud([{ word: 'x', count: 3, documents: 1 }], { maxSize: 50 })[0]!.size).toBe(50);
    expect(wordCloud([])).toEqual([]);
  });
});
