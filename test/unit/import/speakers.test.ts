import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectSpeakerTurns,
  mapOffset,
  mapSpeaker,
  matchSpeakerLabel,
  offsetMapper,
  parseClock,
  speakersOf,
  withSpeakerTurns,
} from '../../../shared/import/speakers';
import type { ImportedDocument } from '../../../shared/import/types';
import { turnsOf } from './helpers';

describe('parseClock', () => {
  it('reads m:ss as minutes and h:mm:ss as hours', () => {
    expect(parseClock('12:05')).toBe(725);
    expect(parseClock('0:03')).toBe(3);
    expect(parseClock('00:01:23')).toBe(83);
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('00:01:23.5')).toBe(83.5);
    expect(parseClock('00:01:23,250')).toBe(83.25);
  });
  it('rejects impossible clocks', () => {
    expect(parseClock('10:75')).toBeUndefined();
    expect(parseClock('1:2')).toBeUndefined();
  });
});

describe('matchSpeakerLabel', () => {
  it('finds every label shape, with the time wherever it is written', () => {
    expect(matchSpeakerLabel('Interviewer: So how was it?')).toEqual({ label: 'Interviewer', time: undefined, length: 13, labelOnly: false, shape: 'colon' });
    expect(matchSpeakerLabel('NAME: hi')).toMatchObject({ label: 'NAME', length: 6 });
    expect(matchSpeakerLabel('Dr. van Dijk: yes')).toMatchObject({ label: 'Dr. van Dijk', length: 14 });
    expect(matchSpeakerLabel('[Interviewer] So')).toMatchObject({ label: 'Interviewer', length: 14, shape: 'bracket' });
    expect(matchSpeakerLabel('[P03]: So')).toMatchObject({ label: 'P03', length: 7, shape: 'bracket' });
    expect(matchSpeakerLabel('Q: Why?')).toMatchObject({ label: 'Q', length: 3 });
    expect(matchSpeakerLabel('[00:01:23] Interviewer: So')).toMatchObject({ label: 'Interviewer', time: 83, length: 24 });
    expect(matchSpeakerLabel('00:01:23 - Jo: So')).toMatchObject({ label: 'Jo', time: 83, length: 15 });
    expect(matchSpeakerLabel('Interviewer [00:01:23]: So')).toMatchObject({ label: 'Interviewer', time: 83, length: 24 });
    expect(matchSpeakerLabel('Participant (12:05): So')).toMatchObject({ label: 'Participant', time: 725, length: 21 });
    expect(matchSpeakerLabel('Jo: (12:05) So')).toMatchObject({ label: 'Jo', time: 725, length: 12 });
    expect(matchSpeakerLabel('**Interviewer:** So')).toMatchObject({ label: 'Interviewer', length: 17, shape: 'bold' });
    expect(matchSpeakerLabel('**Jo**: So')).toMatchObject({ label: 'Jo', length: 8, shape: 'bold' });
    expect(matchSpeakerLabel('Speaker 1  0:03')).toMatchObject({ label: 'Speaker 1', time: 3, labelOnly: true, shape: 'line' });
    expect(matchSpeakerLabel('Interviewer:')).toMatchObject({ label: 'Interviewer', labelOnly: true, length: 12 });
  });

  it('does not take times, sentences, links or annotations for labels', () => {
    expect(matchSpeakerLabel('10:30 we met in the office')).toBeUndefined();
    expect(matchSpeakerLabel('At 10:30 we met')).toBeUndefined();
    expect(matchSpeakerLabel('He said: leave it')).toBeUndefined();
    expect(matchSpeakerLabel('And then she told me: no')).toBeUndefined();
    expect(matchSpeakerLabel('https://example.org is the site')).toBeUndefined();
    expect(matchSpeakerLabel('[inaudible] and then')).toBeUndefined();
    expect(matchSpeakerLabel('[link](https://example.org)')).toBeUndefined();
    expect(matchSpeakerLabel('Ratio:3 to 1')).toBeUndefined();
    expect(matchSpeakerLabel('The head of the school and the governors: all of them')).toBeUndefined();
    expect(matchSpeakerLabel('**Important** point')).toBeUndefined();
  });
});

describe('detectSpeakerTurns', () => {
  it('removes labels and times from the text and keeps them in the turns', () => {
    const text = 'Header line\n\n[00:00:05] Interviewer: Hello.\n[00:00:09] Dana: Hi.\nSecond line.\n[00:00:20] Interviewer: Bye.';
    const d = detectSpeakerTurns(text);
    expect(d.text).toBe('Header line\n\nHello.\nHi.\nSecond line.\nBye.');
    expect(turnsOf(d)).toEqual([
      ['Interviewer', 5, 'Hello.'],
      ['Dana', 9, 'Hi.\nSecond line.'],
      ['Interviewer', 20, 'Bye.'],
    ]);
    expect(d.removed).toEqual([
      [13, 37], // "[00:00:05] Interviewer: " after "Header line\n\n"
      [44, 61], // "[00:00:09] Dana: " after "Hello.\n"
      [78, 102], // "[00:00:20] Interviewer: " after "Hi.\nSecond line.\n"
    ]);
    expect(speakersOf(d.turns)).toEqual(['Interviewer', 'Dana']);
  });

  it('leaves prose alone: "Note:" starting lines and times are not speakers', () => {
    const prose = [
      'The meeting began at 10:30.',
      'Note: the parents were not invited.',
      'Many practitioners felt rushed and unprepared for the discussion.',
      'Note: this was a recurring theme.',
      'Others said the chair kept the meeting focused on the child.',
    ].join('\n');
    const d = detectSpeakerTurns(prose);
    expect(d.text).toBe(prose);
    expect(d.turns).toEqual([]);
    expect(d.labels).toEqual([
      { label: 'Note', count: 2, accepted: false, speaker: null, reason: 'a word that starts ordinary lines, not a speaker' },
    ]);
  });

  it('needs a label to recur, or the document to look like a transcript', () => {
    const lines = ['Background: the service was reorganised in 2019.', ...Array(30).fill('Ordinary prose line.')];
    expect(detectSpeakerTurns(lines.join('\n')).turns).toEqual([]);
    // A recurring label that starts few of many lines is still prose.
    const sparse = ['Dana: one', ...Array(40).fill('prose'), 'Dana: two'].join('\n');
    const d = detectSpeakerTurns(sparse);
    expect(d.turns).toEqual([]);
    expect(d.labels[0]).toMatchObject({ label: 'Dana', count: 2, accepted: false });
  });

  it('accepts a speaker heard once when written like the other labels', () => {
    const d = detectSpeakerTurns('Interviewer: a\nDana: b\nInterviewer: c\nJo: d\nInterviewer: e');
    expect(speakersOf(d.turns)).toEqual(['Interviewer', 'Dana', 'Jo']);
  });

  it('maps labels to one speaker, rejects those mapped to null and forces those mapped to a name', () => {
    const text = 'Int: a\nP1: b\nI: c\nP1: d\nInterviewer: e\nNote: f';
    const d = detectSpeakerTurns(text, { speakerMap: { Int: 'Interviewer', i: 'Interviewer', P1: 'Dana' } });
    expect(turnsOf(d).map(([s, , t]) => [s, t])).toEqual([
      ['Interviewer', 'a'],
      ['Dana', 'b'],
      ['Interviewer', 'c'],
      ['Dana', 'd'],
      ['Interviewer', 'e\nNote: f'],
    ]);
    const rejected = detectSpeakerTurns('Dana: a\nJo: b\nDana: c\nJo: d', { speakerMap: { Jo: null } });
    expect(turnsOf(rejected)).toEqual([
      ['Dana', undefined, 'a\nJo: b'],
      ['Dana', undefined, 'c\nJo: d'],
    ]);
    // "Summary" alone would be refused; mapped, it is a speaker.
    const forced = detectSpeakerTurns('Summary: x', { speakerMap: { Summary: 'Chair' } });
    expect(turnsOf(forced)).toEqual([['Chair', undefined, 'x']]);
    expect(mapSpeaker('INT', { int: 'Interviewer' })).toBe('Interviewer');
    expect(mapSpeaker('Jo', { Jo: null })).toBeNull();
    expect(mapSpeaker('Jo', {})).toBe('Jo');
  });

  it('can be turned off', () => {
    const text = 'Interviewer: a\nDana: b\nInterviewer: c';
    const d = detectSpeakerTurns(text, { detectSpeakers: false });
    expect(d.text).toBe(text);
    expect(d.turns).toEqual([]);
    expect(d.labels.every((l) => !l.accepted && l.reason === 'speaker detection is off')).toBe(true);
  });

  it('recovers generated transcripts exactly (property)', () => {
    const speaker = fc.constantFrom('Interviewer', 'P07', 'Dana Smith', 'Q', 'A', 'SPEAKER 2');
    // Words without colons so the spoken text never looks like a label itself.
    const sentence = fc
      .array(fc.constantFrom('we', 'met', 'the', 'family', 'at', '10.30', 'report', '“child”', 'é', '😀', 'and'), { minLength: 1, maxLength: 12 })
      .map((w) => w.join(' '));
    const turn = fc.record({ speaker, text: sentence, time: fc.option(fc.integer({ min: 0, max: 35_999 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(turn, { minLength: 2, maxLength: 30 }), fc.constantFrom('\n', '\n\n'), (turns, gap) => {
        // Every speaker at least twice, so each label recurs.
        const all = [...turns, ...turns];
        const clock = (s: number): string =>
          `[${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] `;
        const source = all.map((t) => `${t.time === undefined ? '' : clock(t.time)}${t.speaker}: ${t.text}`).join(gap);
        const d = detectSpeakerTurns(source);
        expect(turnsOf(d)).toEqual(all.map((t) => [t.speaker, t.time, t.text]));
        expect(d.text).toBe(all.map((t) => t.text).join(gap));
        for (let i = 1; i < d.turns.length; i++) expect(d.turns[i]!.start).toBeGreaterThan(d.turns[i - 1]!.end);
      }),
      { numRuns: 150 },
    );
  });
});

describe('mapOffset', () => {
  it('moves offsets after removed ranges back and pins offsets inside them to their start', () => {
    const removed: [number, number][] = [
      [2, 5],
      [8, 10],
    ];
    expect([0, 2, 3, 5, 6, 8, 9, 10, 12].map((o) => mapOffset(removed, o))).toEqual([0, 2, 2, 2, 3, 5, 5, 5, 7]);
  });

  it('keeps every surviving character at its mapped offset (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.array(fc.nat(80), { maxLength: 20 }), (text, cuts) => {
        // Random sorted, non-overlapping ranges from pairs of cut points.
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const removed: [number, number][] = [];
        for (let i = 0; i + 1 < points.length; i += 2) removed.push([points[i]!, points[i + 1]!]);
        const kept = text.split('').map((_, i) => i).filter((i) => !removed.some(([a, b]) => i >= a && i < b));
        const out = kept.map((i) => text[i]).join('');
        const move = offsetMapper(removed);
        kept.forEach((i, k) => expect(move(i)).toBe(k));
        expect(move(text.length)).toBe(out.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('withSpeakerTurns', () => {
  it('detects turns in a structured document and moves its blocks and comments', () => {
    const text = 'Interviewer:\nHello there.\nDana: Hi.\nInterviewer: Bye.\nDana: Bye then.';
    const doc: ImportedDocument = {
      name: 'x',
      format: 'docx',
      text,
      turns: [],
      blocks: [
        { start: 0, end: 12, kind: 'paragraph' },
        { start: 13, end: 25, kind: 'paragraph' },
        { start: 26, end: 35, kind: 'paragraph' },
        { start: 36, end: 53, kind: 'paragraph' },
        { start: 54, end: 69, kind: 'paragraph' },
      ],
      comments: [
        { start: 19, end: 24, text: 'greeting' },
        { start: 0, end: 11, text: 'on the label only' },
      ],
      warnings: [],
    };
    const out = withSpeakerTurns(doc);
    expect(out.text).toBe('Hello there.\nHi.\nBye.\nBye then.');
    expect(turnsOf(out)).toEqual([
      ['Interviewer', undefined, 'Hello there.'],
      ['Dana', undefined, 'Hi.'],
      ['Interviewer', undefined, 'Bye.'],
      ['Dana', undefined, 'Bye then.'],
    ]);
    expect(out.blocks.map((b) => out.text.slice(b.start, b.end))).toEqual(['Hello there.', 'Hi.', 'Bye.', 'Bye then.']);
    expect(out.text.slice(out.comments[0]!.start, out.comments[0]!.end)).toBe('there');
    expect(out.comments[1]).toMatchObject({ start: 0, end: 0 });
    expect(out.warnings).toEqual(['1 comment(s) were attached only to a speaker label, which is now held beside the text.']);
  });

  it('leaves a document with turns, or without a transcript shape, as it was', () => {
    const doc: ImportedDocument = { name: 'x', format: 'pdf', text: 'Just a report.', turns: [], blocks: [], comments: [], warnings: [] };
    expect(withSpeakerTurns(doc)).toEqual({ ...doc, speakerLabels: [] });
    const timed = { ...doc, text: 'Jo: a\nJo: b', turns: [{ start: 0, end: 5 }] };
    expect(withSpeakerTurns(timed)).toBe(timed);
  });
});
