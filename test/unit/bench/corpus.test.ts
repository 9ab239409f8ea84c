import { describe, expect, it } from 'vitest';
import { compareCoders } from '../../../shared/agreement';
import { CORPUS_SCALES, corpusSearchTerms, corpusTextFiles, generateCorpus, transcriptFileText } from '../../../shared/bench/corpus';
import { importFile } from '../../../shared/import';
import { countWords } from '../../../shared/text/normalise';

const occurrences = (text: string, word: string): number => (text.match(new RegExp(`\\b${word}\\b`, 'g')) ?? []).length;

describe('the benchmark corpus', () => {
  const tiny = generateCorpus('tiny');
  const study = generateCorpus('study');

  it('is the same for the same seed and different for another', () => {
    expect(generateCorpus('tiny')).toEqual(tiny);
    const other = generateCorpus('tiny', { seed: 7 });
    expect(other.data.texts[0]!.text).not.toBe(tiny.data.texts[0]!.text);
  });

  it('has the counts of its scale', () => {
    for (const corpus of [tiny, study]) {
      const scale = corpus.scale;
      const d = corpus.data;
      expect(d.documents).toHaveLength(scale.transcripts);
      expect(d.texts).toHaveLength(scale.transcripts);
      expect(d.cases).toHaveLength(scale.transcripts);
      expect(d.codes).toHaveLength(scale.codes);
      expect(d.codings).toHaveLength(scale.codings);
      expect(d.coders).toHaveLength(scale.coders);
      expect(d.themes).toHaveLength(scale.themes);
      // Words: turns end at sentence ends, so a little over the target, never more than a sentence per transcript.
      expect(corpus.words).toBeGreaterThanOrEqual(scale.words);
      expect(corpus.words).toBeLessThan(scale.words + 30 * scale.transcripts);
      expect(d.codings.filter((c) => c.documentId === corpus.focusDocumentId)).toHaveLength(scale.focus.codings);
    }
    expect(CORPUS_SCALES.large).toMatchObject({ transcripts: 1000, words: 8_000_000, codes: 500, codings: 100_000, coders: 3 });
    expect(generateCorpus('tiny', { coders: 3 }).data.coders).toHaveLength(3);
  });

  it('counts words as the app does and sizes files as their UTF-8 bytes', () => {
    for (const [i, t] of study.data.texts.entries()) expect(study.data.documents[i]!.words).toBe(countWords(t.text));
    const files = corpusTextFiles(study.data);
    files.forEach((f, i) => expect(f.bytes.length).toBe(study.data.documents[i]!.source.size));
  });

  it('writes transcripts that the importer reads back to exactly the stored text and turns', async () => {
    const files = corpusTextFiles(tiny.data);
    expect(new TextDecoder().decode(files[0]!.bytes).startsWith('Interviewer: ')).toBe(true);
    for (const [i, file] of files.entries()) {
      const imported = await importFile(file.bytes, file.name);
      const stored = tiny.data.texts[i]!;
      expect(imported.text).toBe(stored.text);
      expect(imported.turns).toEqual(stored.turns);
    }
    expect(transcriptFileText({ id: 'x', text: 'no turns', turns: [], blocks: [] })).toBe('no turns');
  });

  it('holds only consistent records: codings inside their text, on words, with known codes and coders', () => {
    const d = study.data;
    const texts = new Map(d.texts.map((t) => [t.id, t.text]));
    const codes = new Set(d.codes.map((c) => c.id));
    const coders = new Set(d.coders.map((c) => c.id));
    const ids = new Set<string>();
    for (const c of d.codings) {
      const text = texts.get(c.documentId)!;
      expect(c.start).toBeGreaterThanOrEqual(0);
      expect(c.end).toBeGreaterThan(c.start);
      expect(c.end).toBeLessThanOrEqual(text.length);
      expect(text[c.start]).toMatch(/[A-Za-z0-9]/);
      expect(text[c.end - 1]).toMatch(/[A-Za-z0-9.?…]/);
      expect(codes.has(c.codeId) && coders.has(c.coderId)).toBe(true);
      ids.add(c.id);
    }
    expect(ids.size).toBe(d.codings.length);
    for (const t of d.texts) {
      // Turns tile the text, separated by blank lines.
      t.turns.forEach((turn, k) => {
        expect(turn.start).toBe(k === 0 ? 0 : t.turns[k - 1]!.end + 2);
        expect(t.text.slice(turn.end, turn.end + 2)).toBe(k === t.turns.length - 1 ? '' : '\n\n');
      });
    }
    const caseIds = new Set(d.cases.map((c) => c.id));
    expect(d.documents.every((doc) => caseIds.has(doc.caseId!))).toBe(true);
    expect(d.attributeValues).toHaveLength(3 * d.cases.length);
    expect(d.attributes.map((a) => a.name)).toEqual(['Agency', 'Role', 'Locality']);
    for (const v of d.attributeValues) expect(d.attributes.find((a) => a.id === v.attributeId)!.options).toContain(v.value);
    for (const theme of d.themes) for (const id of theme.codeIds) expect(codes.has(id)).toBe(true);
  });

  it('clusters codings on passages, and its coders agree partly', () => {
    const d = study.data;
    const [a, b] = d.coders;
    // For coder A's codings: how many have an overlapping coding of the same code by B, and how many match exactly.
    const byB = new Map<string, { start: number; end: number }[]>();
    for (const c of d.codings) if (c.coderId === b!.id) byB.set(`${c.documentId} ${c.codeId}`, [...(byB.get(`${c.documentId} ${c.codeId}`) ?? []), c]);
    let overlapping = 0;
    let exact = 0;
    const mine = d.codings.filter((c) => c.coderId === a!.id);
    for (const c of mine) {
      const others = byB.get(`${c.documentId} ${c.codeId}`) ?? [];
      if (others.some((o) => o.start < c.end && c.start < o.end)) overlapping++;
      if (others.some((o) => o.start === c.start && o.end === c.end)) exact++;
    }
    expect(overlapping / mine.length).toBeGreaterThan(0.4);
    expect(overlapping / mine.length).toBeLessThan(0.95);
    expect(exact / mine.length).toBeLessThan(0.6);
    // Several codes on the same passage: most codings overlap a coding of another code.
    let multi = 0;
    const byDoc = new Map<string, typeof d.codings>();
    for (const c of d.codings) byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), c]);
    for (const c of d.codings.slice(0, 500)) if (byDoc.get(c.documentId)!.some((o) => o.codeId !== c.codeId && o.start < c.end && c.start < o.end)) multi++;
    expect(multi / 500).toBeGreaterThan(0.5);
    // The agreement engine sees partial agreement too: kappa well above chance, well below perfect.
    const kappa = compareCoders(d, { coderIds: [a!.id, b!.id] }).overall.kappa.value!;
    expect(kappa).toBeGreaterThan(0.3);
    expect(kappa).toBeLessThan(0.9);
  });

  it('draws words with falling frequencies, so search terms range from very common to rare', () => {
    const text = study.data.texts.map((t) => t.text).join('\n');
    const counts = corpusSearchTerms().map(({ term }) => occurrences(text, term));
    for (let i = 1; i < counts.length; i++) expect(counts[i - 1]!).toBeGreaterThan(counts[i]!);
    expect(counts[0]!).toBeGreaterThan(1000);
    expect(counts[counts.length - 1]!).toBeLessThan(20);
  });

  it('refuses an unknown scale by name', () => {
    expect(() => generateCorpus('huge' as 'tiny')).toThrow(/no corpus scale called “huge”/);
  });
});
