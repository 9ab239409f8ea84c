import { describe, expect, it } from 'vitest';
import type { SampleTranscript } from '../../../shared/sample/format';
import { sampleCodebook } from '../../../shared/sample/codebook';
import { codingsPart1 } from '../../../shared/sample/codings-a';
import { sampleThemes } from '../../../shared/sample/themes';
import { p01 } from '../../../shared/sample/transcripts/p01';
import { p02 } from '../../../shared/sample/transcripts/p02';
import { p03 } from '../../../shared/sample/transcripts/p03';
import { p04 } from '../../../shared/sample/transcripts/p04';
import { p05 } from '../../../shared/sample/transcripts/p05';
import { p06 } from '../../../shared/sample/transcripts/p06';
import { p07 } from '../../../shared/sample/transcripts/p07';
import { p08 } from '../../../shared/sample/transcripts/p08';
import { p09 } from '../../../shared/sample/transcripts/p09';
import { countWords } from '../../../shared/text/normalise';
import { CODE_PATHS } from './design';

// The participant table as fixed by the study design, written out here independently of the data.
const PARTICIPANTS: Record<string, [string, string, string, number, string]> = {
  P01: ['Dawn', 'Children\u2019s social care', 'Social worker', 6, 'Northbridge'],
  P02: ['Marcus', 'Police', 'Detective constable, child protection', 11, 'Eastfield'],
  P03: ['Priya', 'Health', 'Health visitor', 14, 'Harrow Vale'],
  P04: ['Siobhan', 'Education', 'Designated safeguarding lead, secondary school', 9, 'Kingsmere'],
  P05: ['Tom', 'Family support', 'Family support worker', 3, 'Northbridge'],
  P06: ['Gloria', 'Children\u2019s social care', 'Independent reviewing officer', 22, 'Eastfield'],
  P07: ['Aled', 'Children\u2019s social care', 'Team manager', 15, 'Harrow Vale'],
  P08: ['Fatima', 'Health', 'School nurse', 7, 'Northbridge'],
  P09: ['Kevin', 'Police', 'Police sergeant, multi-agency safeguarding hub', 18, 'Kingsmere'],
};

const TRANSCRIPTS: SampleTranscript[] = [p01, p02, p03, p04, p05, p06, p07, p08, p09];
const DOUBLE_CODED = ['P01', 'P02', 'P03', 'P04', 'P05'];

const seconds = (t: string): number => {
  const m = /^(\d{2}):([0-5]\d):([0-5]\d)$/.exec(t);
  if (!m) throw new Error(`not a timestamp: ${t}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
};

const participantTexts = (t: SampleTranscript): string[] =>
  t.turns.filter(([speaker]) => speaker !== 'Interviewer').map(([, , text]) => text);

/** All [start, end) spans of `quote` in the participant turns, as [turn index, start, end]. */
function locate(t: SampleTranscript, quote: string): [number, number, number][] {
  const hits: [number, number, number][] = [];
  participantTexts(t).forEach((text, i) => {
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) hits.push([i, at, at + quote.length]);
  });
  return hits;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

describe.each(TRANSCRIPTS.map((t) => [t.participant.id, t] as const))('transcript %s', (id, t) => {
  it('has the participant fields of the study table', () => {
    const [speaker, agency, role, years, locality] = PARTICIPANTS[id]!;
    expect(t.participant).toEqual({ id, speaker, agency, role, yearsInPractice: years, locality });
  });

  it('was recorded within the fieldwork period', () => {
    expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${t.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(t.date);
    expect(t.date >= '2026-03-02' && t.date <= '2026-05-29').toBe(true);
  });

  it('has 1,000 to 3,000 words in 20 to 60 alternating turns', () => {
    const words = t.turns.reduce((n, [, , text]) => n + countWords(text), 0);
    expect(words).toBeGreaterThanOrEqual(1000);
    expect(words).toBeLessThanOrEqual(3000);
    expect(t.turns.length).toBeGreaterThanOrEqual(20);
    expect(t.turns.length).toBeLessThanOrEqual(60);
    t.turns.forEach(([speaker], i) => expect(speaker).toBe(i % 2 === 0 ? 'Interviewer' : t.participant.speaker));
  });

  it('keeps each turn to one plain line', () => {
    for (const [, , text] of t.turns) {
      expect(text.trim()).toBe(text);
      expect(text).not.toMatch(/[\n\r\t*#_`]/);
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it('has timestamps that increase at a speaking pace', () => {
    const times = t.turns.map(([, time]) => seconds(time));
    expect(times[0]).toBeGreaterThanOrEqual(1);
    expect(times[0]).toBeLessThanOrEqual(30);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    // Words spoken before the last turn over the time it took: roughly 150 a minute.
    const spoken = t.turns.slice(0, -1).reduce((n, [, , text]) => n + countWords(text), 0);
    const perMinute = spoken / ((times.at(-1)! - times[0]!) / 60);
    expect(perMinute).toBeGreaterThan(110);
    expect(perMinute).toBeLessThan(190);
  });

  it('dates its inaudible passages within the turn they interrupt', () => {
    t.turns.forEach(([, time, text], i) => {
      for (const m of text.matchAll(/\[inaudible (\d{2}:\d{2}:\d{2})\]/g)) {
        expect(seconds(m[1]!)).toBeGreaterThanOrEqual(seconds(time));
        const next = t.turns[i + 1];
        if (next) expect(seconds(m[1]!)).toBeLessThan(seconds(next[1]));
      }
    });
  });

  it('opens with consent and closes by asking for anything else', () => {
    expect(t.turns[0]![2]).toMatch(/consent|take part/i);
    const lastQuestions = t.turns.filter(([s]) => s === 'Interviewer').slice(-3).map(([, , text]) => text).join(' ');
    expect(lastQuestions).toMatch(/anything else/i);
  });

  const mine = codingsPart1.filter((c) => c.participant === id);
  const byA = mine.filter((c) => c.coder === 'A');
  const byB = mine.filter((c) => c.coder === 'B');

  it('has codings whose quotes occur exactly once, on word boundaries, with a codebook code', () => {
    expect(mine.length).toBeGreaterThan(0);
    for (const c of mine) {
      expect(CODE_PATHS, c.quote).toContain(c.code);
      const hits = locate(t, c.quote);
      expect(hits, c.quote).toHaveLength(1);
      const [turn, start, end] = hits[0]!;
      const text = participantTexts(t)[turn]!;
      expect(isWordChar(text[start - 1]), `starts mid-word: ${c.quote}`).toBe(false);
      expect(isWordChar(text[end]), `ends mid-word: ${c.quote}`).toBe(false);
      expect(isWordChar(c.quote[0]), `starts on punctuation: ${c.quote}`).toBe(true);
      const words = countWords(c.quote);
      expect(words, c.quote).toBeGreaterThanOrEqual(8);
      expect(words, c.quote).toBeLessThanOrEqual(60);
    }
  });

  it('is coded by A 10 to 18 times, with overlapping codings', () => {
    expect(byA.length).toBeGreaterThanOrEqual(10);
    expect(byA.length).toBeLessThanOrEqual(18);
    const spans = byA.map((c) => locate(t, c.quote)[0]!);
    let overlaps = 0;
    for (let i = 0; i < spans.length; i++)
      for (let j = i + 1; j < spans.length; j++) {
        const [ti, si, ei] = spans[i]!;
        const [tj, sj, ej] = spans[j]!;
        if (ti === tj && si < ej && sj < ei) overlaps++;
      }
    expect(overlaps).toBeGreaterThanOrEqual(1);
  });

  if (DOUBLE_CODED.includes(id)) {
    it('is coded by B 8 to 14 times, mostly agreeing with A but not always', () => {
      expect(byB.length).toBeGreaterThanOrEqual(8);
      expect(byB.length).toBeLessThanOrEqual(14);
      // B agrees with A when both applied the same code to overlapping spans of the same turn.
      const overlapsA = (quote: string, code: string): boolean => {
        const [tb, sb, eb] = locate(t, quote)[0]!;
        return byA.some((a) => {
          const [ta, sa, ea] = locate(t, a.quote)[0]!;
          return a.code === code && ta === tb && sa < eb && sb < ea;
        });
      };
      const agreeing = byB.filter((b) => overlapsA(b.quote, b.code)).length;
      expect(agreeing / byB.length).toBeGreaterThan(0.5);
      expect(agreeing).toBeLessThan(byB.length);
      // Some of A's codings have no counterpart from B.
      const unmatchedA = byA.filter((a) => !byB.some((b) => b.code === a.code && locate(t, b.quote)[0]![0] === locate(t, a.quote)[0]![0]));
      expect(unmatchedA.length).toBeGreaterThan(0);
    });
  } else {
    it('is not coded by B', () => {
      expect(byB).toHaveLength(0);
    });
  }
});

describe('codings of P01 to P09 together', () => {
  it('belong only to these participants', () => {
    expect(new Set(codingsPart1.map((c) => c.participant))).toEqual(new Set(Object.keys(PARTICIPANTS)));
  });
  it('use every code of the codebook at least once', () => {
    expect(new Set(codingsPart1.map((c) => c.code))).toEqual(new Set(CODE_PATHS));
  });
  it('are not duplicated by the same coder', () => {
    const keys = codingsPart1.map((c) => `${c.participant}|${c.coder}|${c.code}|${c.quote}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('sampleCodebook', () => {
  it('lists the 30 codes of the study in order, each path once', () => {
    expect(sampleCodebook.map((c) => c.path)).toEqual(CODE_PATHS);
    expect(new Set(sampleCodebook.map((c) => c.path)).size).toBe(30);
  });
  it('places every child under a parent that exists, one level deep', () => {
    const paths = new Set(sampleCodebook.map((c) => c.path));
    for (const { path } of sampleCodebook) {
      const parts = path.split('/');
      expect(parts.length, path).toBeLessThanOrEqual(2);
      if (parts.length === 2) expect(paths.has(parts[0]!), path).toBe(true);
    }
    expect(sampleCodebook.filter((c) => !c.path.includes('/'))).toHaveLength(8);
  });
  it('gives every code a short definition, inclusion and exclusion criteria and an example', () => {
    for (const c of sampleCodebook) {
      for (const field of [c.description, c.inclusion, c.exclusion, c.example]) expect(field.trim().length, c.path).toBeGreaterThan(10);
      const sentences = c.description.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, c.path).toBeLessThanOrEqual(2);
    }
  });
});

describe('sampleThemes', () => {
  it('names the three candidate themes', () => {
    expect(sampleThemes.map((t) => t.name)).toEqual(['Benefits to children', 'Partnership with parents and carers', 'Professional confidence']);
  });
  it('uses only codebook paths, each once per theme, drawn from several parent groups', () => {
    for (const theme of sampleThemes) {
      for (const path of theme.codes) expect(CODE_PATHS, theme.name).toContain(path);
      expect(new Set(theme.codes).size).toBe(theme.codes.length);
      const groups = new Set(theme.codes.map((p) => p.split('/')[0]));
      expect(groups.size, theme.name).toBeGreaterThanOrEqual(3);
      expect(theme.codes).toContain(theme.name);
    }
  });
  it('has a definition of two or three sentences and stated boundaries', () => {
    for (const theme of sampleThemes) {
      const sentences = theme.definition.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, theme.name).toBeGreaterThanOrEqual(2);
      expect(sentences, theme.name).toBeLessThanOrEqual(3);
      expect(theme.boundaries.length).toBeGreaterThan(40);
    }
  });
  it('shares good practice examples between more than one theme', () => {
    expect(sampleThemes.filter((t) => t.codes.includes('Good practice examples')).length).toBeGreaterThanOrEqual(2);
  });
});
