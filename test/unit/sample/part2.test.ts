import { describe, expect, it } from 'vitest';
import type { SampleCoding, SampleParticipant, SampleTranscript } from '../../../shared/sample/format';
import { codingsPart2 } from '../../../shared/sample/codings-b';
import { countWords } from '../../../shared/text/normalise';
import { p10 } from '../../../shared/sample/transcripts/p10';
import { p11 } from '../../../shared/sample/transcripts/p11';
import { p12 } from '../../../shared/sample/transcripts/p12';
import { p13 } from '../../../shared/sample/transcripts/p13';
import { p14 } from '../../../shared/sample/transcripts/p14';
import { p15 } from '../../../shared/sample/transcripts/p15';
import { p16 } from '../../../shared/sample/transcripts/p16';
import { p17 } from '../../../shared/sample/transcripts/p17';
import { CODE_PATHS } from './design';

// The participant table of the study, as agreed for the sample.
const EXPECTED: SampleParticipant[] = [
  { id: 'P10', speaker: 'Rachel', agency: 'Education', role: 'Primary head teacher', yearsInPractice: 20, locality: 'Eastfield' },
  { id: 'P11', speaker: 'Joanne', agency: 'Children\u2019s social care', role: 'Newly qualified social worker', yearsInPractice: 1, locality: 'Kingsmere' },
  { id: 'P12', speaker: 'Bernadette', agency: 'Health', role: 'Looked-after children nurse', yearsInPractice: 12, locality: 'Harrow Vale' },
  { id: 'P13', speaker: 'Yusuf', agency: 'Family support', role: 'Family group conference coordinator', yearsInPractice: 8, locality: 'Eastfield' },
  { id: 'P14', speaker: 'Helen', agency: 'Education', role: 'Virtual school caseworker', yearsInPractice: 5, locality: 'Northbridge' },
  { id: 'P15', speaker: 'Craig', agency: 'Children\u2019s social care', role: 'Supervising social worker for foster carers', yearsInPractice: 10, locality: 'Kingsmere' },
  { id: 'P16', speaker: 'Ngozi', agency: 'Health', role: 'Community paediatrician', yearsInPractice: 16, locality: 'Harrow Vale' },
  { id: 'P17', speaker: 'Lorraine', agency: 'Family support', role: 'Parent advocate, voluntary sector', yearsInPractice: 4, locality: 'Eastfield' },
];

const TRANSCRIPTS: SampleTranscript[] = [p10, p11, p12, p13, p14, p15, p16, p17];
const B_CODED = ['P10', 'P11', 'P12'];

function seconds(time: string): number {
  const m = /^(\d\d):([0-5]\d):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`not an hh:mm:ss timestamp: "${time}"`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** Where a quote sits: the index of its participant turn and its [start, end) in that turn, or undefined. */
function locate(t: SampleTranscript, quote: string): { turn: number; start: number; end: number } | undefined {
  for (let i = 0; i < t.turns.length; i++) {
    const turn = t.turns[i]!;
    if (turn[0] === 'Interviewer') continue;
    const start = turn[2].indexOf(quote);
    if (start !== -1) return { turn: i, start, end: start + quote.length };
  }
  return undefined;
}

function overlaps(t: SampleTranscript, a: SampleCoding, b: SampleCoding): boolean {
  const x = locate(t, a.quote);
  const y = locate(t, b.quote);
  return !!x && !!y && x.turn === y.turn && x.start < y.end && y.start < x.end;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

describe('the sample check helpers', () => {
  it('reads timestamps and counts occurrences, including overlapping ones', () => {
    expect(seconds('01:02:03')).toBe(3723);
    expect(() => seconds('1:02:03')).toThrow(/hh:mm:ss/);
    expect(occurrences('aaa', 'aa')).toBe(2);
    expect(occurrences('the plan and the plan', 'the plan')).toBe(2);
    expect(occurrences('abc', 'x')).toBe(0);
  });
});

describe.each(TRANSCRIPTS.map((t) => [t.participant.id, t] as const))('sample transcript %s', (id, t) => {
  const expected = EXPECTED.find((p) => p.id === id)!;
  const participantText = t.turns.filter((turn) => turn[0] !== 'Interviewer').map((turn) => turn[2]);
  const allText = t.turns.map((turn) => turn[2]).join('\n');
  const mine = codingsPart2.filter((c) => c.participant === id);

  it('has the participant fields of the study table', () => {
    expect(t.participant).toEqual(expected);
  });

  it('was held on a weekday between 2 March and 29 May 2026', () => {
    expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.date >= '2026-03-02' && t.date <= '2026-05-29').toBe(true);
    const day = new Date(`${t.date}T12:00:00Z`).getUTCDay();
    expect(day).toBeGreaterThanOrEqual(1);
    expect(day).toBeLessThanOrEqual(5);
  });

  it('is between 1,000 and 3,000 words in 20 to 60 turns', () => {
    const words = t.turns.reduce((n, turn) => n + countWords(turn[2]), 0);
    expect(words).toBeGreaterThanOrEqual(1000);
    expect(words).toBeLessThanOrEqual(3000);
    expect(t.turns.length).toBeGreaterThanOrEqual(20);
    expect(t.turns.length).toBeLessThanOrEqual(60);
  });

  it('alternates interviewer and participant, opening and closing with the interviewer', () => {
    t.turns.forEach((turn, i) => {
      expect(turn[0]).toBe(i % 2 === 0 ? 'Interviewer' : expected.speaker);
    });
    expect(t.turns[0]![2]).toMatch(/recording|recorded/i);
    expect(t.turns.at(-3)![2]).toMatch(/anything else/i);
  });

  it('has timestamps that start near 00:00:05 and increase at a speaking pace', () => {
    const times = t.turns.map((turn) => seconds(turn[1]));
    expect(times[0]).toBeGreaterThanOrEqual(1);
    expect(times[0]).toBeLessThanOrEqual(15);
    for (let i = 1; i < t.turns.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      expect(gap, `turn ${i} at ${t.turns[i]![1]}`).toBeGreaterThan(0);
      // The previous turn's words at 100 to 220 words a minute, plus a pause of up to 8 seconds.
      const spoken = countWords(t.turns[i - 1]![2]);
      expect(gap, `turn ${i} at ${t.turns[i]![1]}`).toBeGreaterThanOrEqual(Math.floor((spoken * 60) / 220));
      expect(gap, `turn ${i} at ${t.turns[i]![1]}`).toBeLessThanOrEqual(Math.ceil((spoken * 60) / 100) + 8);
    }
  });

  it('keeps each turn to one plain line without markdown', () => {
    for (const turn of t.turns) {
      expect(turn[2]).not.toMatch(/[\n\r\t*#_`]/);
      expect(turn[2]).toBe(turn[2].trim());
      expect(turn[2].normalize('NFC')).toBe(turn[2]);
    }
  });

  it('uses one apostrophe style throughout its speech', () => {
    const straight = occurrences(allText, "'");
    const curly = occurrences(allText, '\u2019');
    expect(straight === 0 || curly === 0, `${straight} straight and ${curly} curly apostrophes`).toBe(true);
  });

  it('dates any inaudible passage within the turn where it occurs', () => {
    t.turns.forEach((turn, i) => {
      for (const m of turn[2].matchAll(/\[inaudible (\d\d:\d\d:\d\d)\]/g)) {
        const at = seconds(m[1]!);
        expect(at).toBeGreaterThanOrEqual(seconds(turn[1]));
        const next = t.turns[i + 1];
        if (next) expect(at).toBeLessThan(seconds(next[1]));
      }
    });
  });

  it('reads out phone numbers only from the range reserved for drama', () => {
    for (const m of allText.matchAll(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g)) {
      expect(m[0].replace(/ /g, '')).toMatch(/^07700900\d{3}$/);
    }
  });

  it('has coder A codings: 10 to 18, several overlapping', () => {
    const a = mine.filter((c) => c.coder === 'A');
    expect(a.length).toBeGreaterThanOrEqual(10);
    expect(a.length).toBeLessThanOrEqual(18);
    let pairs = 0;
    for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (overlaps(t, a[i]!, a[j]!)) pairs++;
    expect(pairs).toBeGreaterThanOrEqual(2);
  });

  it('has coder B codings only where B coded, mostly agreeing with A but not always', () => {
    const a = mine.filter((c) => c.coder === 'A');
    const b = mine.filter((c) => c.coder === 'B');
    if (!B_CODED.includes(id)) {
      expect(b).toHaveLength(0);
      return;
    }
    expect(b.length).toBeGreaterThanOrEqual(8);
    expect(b.length).toBeLessThanOrEqual(14);
    const agrees = (x: SampleCoding): boolean => a.some((y) => y.code === x.code && overlaps(t, x, y));
    const agreeing = b.filter(agrees).length;
    expect(agreeing / b.length).toBeGreaterThan(0.5);
    // A different code on a passage A coded, a passage A left alone, and an A coding B left alone.
    expect(b.some((x) => !agrees(x) && a.some((y) => overlaps(t, x, y)))).toBe(true);
    expect(b.some((x) => !a.some((y) => overlaps(t, x, y)))).toBe(true);
    expect(a.some((y) => !b.some((x) => overlaps(t, x, y)))).toBe(true);
  });

  it.each(mine.map((c, i) => [i, c] as const))('coding %i quotes the transcript exactly once with a codebook code', (_i, c) => {
    expect(CODE_PATHS).toContain(c.code);
    expect(['A', 'B']).toContain(c.coder);
    expect(occurrences(allText, c.quote), c.quote).toBe(1);
    expect(participantText.filter((text) => text.includes(c.quote)), c.quote).toHaveLength(1);
    const words = countWords(c.quote);
    expect(words, c.quote).toBeGreaterThanOrEqual(8);
    expect(words, c.quote).toBeLessThanOrEqual(60);
    const where = locate(t, c.quote)!;
    const text = t.turns[where.turn]![2];
    expect(c.quote, 'no leading or trailing space').toBe(c.quote.trim());
    expect(isWordChar(text[where.start - 1]) && isWordChar(text[where.start]), 'starts mid-word').toBe(false);
    expect(isWordChar(text[where.end - 1]) && isWordChar(text[where.end]), 'ends mid-word').toBe(false);
  });
});

describe('codingsPart2', () => {
  it('covers only P10 to P17, with no coding given twice', () => {
    expect(new Set(codingsPart2.map((c) => c.participant))).toEqual(new Set(EXPECTED.map((p) => p.id)));
    const keys = codingsPart2.map((c) => `${c.participant}|${c.coder}|${c.code}|${c.quote}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('supports each of the three candidate themes from every agency in this part', () => {
    for (const theme of ['Benefits to children', 'Partnership with parents and carers', 'Professional confidence']) {
      const agencies = new Set(
        codingsPart2
          .filter((c) => c.code === theme || c.code.startsWith(`${theme}/`))
          .map((c) => EXPECTED.find((p) => p.id === c.participant)!.agency),
      );
      expect([...agencies].sort(), theme).toEqual([...new Set(EXPECTED.map((p) => p.agency))].sort());
    }
  });
});
