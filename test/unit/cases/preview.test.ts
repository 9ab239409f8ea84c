import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../shared/import/index';
import {
  changedLabels,
  clip,
  encodingLabel,
  excerptOf,
  fileSummary,
  formatClock,
  formatOfName,
  formatSize,
  hasEncoding,
  isSheetFile,
  mergedLabels,
  speakerChoice,
  speakerSuggestions,
  usesAnyLabel,
  withSpeakerChoice,
} from '../../../renderer/import/preview';

const REAL = path.resolve(process.cwd(), '../shared/fixtures/real');
const utf8 = (text: string) => new TextEncoder().encode(text);

const P07 = [
  'Interview with P07',
  '',
  'Int: Thank you for joining. Could you tell me about the last meeting you attended?',
  'Dawn: It was held two days after the children came into care.',
  'Int: Who chaired it?',
  'Dawn: The independent reviewing officer.',
  'Int: How did that feel?',
  'Dawn: Honestly, it changed how I saw the whole plan.',
].join('\n');

const P12 = ['I: Where did the meeting take place?', 'Marcus: In the family centre.', 'I: Was that a good place?', 'Marcus: Better than the office.'].join('\n');

describe('the speaker map kept by the preview', () => {
  it('sets, replaces (ignoring case), marks as not a speaker and forgets a label', () => {
    let map = withSpeakerChoice({}, 'Int', 'Interviewer');
    expect(map).toEqual({ Int: 'Interviewer' });
    map = withSpeakerChoice(map, 'I', '  Inter   viewer ');
    expect(map).toEqual({ Int: 'Interviewer', I: 'Inter viewer' });
    // The same label spelt in another case replaces the earlier choice rather than adding a second key.
    map = withSpeakerChoice(map, 'INT', null);
    expect(map).toEqual({ I: 'Inter viewer', INT: null });
    expect(speakerChoice(map, 'int')).toBeNull();
    expect(speakerChoice(map, 'i')).toBe('Inter viewer');
    expect(speakerChoice(map, 'Dawn')).toBeUndefined();
    // A blank name gives the label back to detection.
    expect(withSpeakerChoice(map, 'i', '   ')).toEqual({ INT: null });
    expect(withSpeakerChoice(map, 'I', undefined)).toEqual({ INT: null });
  });

  it('names the labels whose choice changed, in lower case', () => {
    expect(changedLabels({ Int: 'Interviewer', Note: null }, { int: 'Interviewer', Note: null })).toEqual([]);
    expect(changedLabels({ Int: 'Interviewer' }, { Int: 'Researcher', I: 'Interviewer' }).sort()).toEqual(['i', 'int']);
    expect(changedLabels({ Note: null }, {})).toEqual(['note']);
  });

  it('reads again only files that use a changed label, and maps them as the engine does', async () => {
    const p07 = await importFile(utf8(P07), 'P07 interview.txt');
    const p12 = await importFile(utf8(P12), 'P12 interview.txt');
    expect(usesAnyLabel(p07, ['int'])).toBe(true);
    expect(usesAnyLabel(p12, ['int'])).toBe(false);
    expect(usesAnyLabel(p12, ['i'])).toBe(true);
    expect(usesAnyLabel(undefined, ['i'])).toBe(false);

    const map = withSpeakerChoice(withSpeakerChoice({}, 'Int', 'Interviewer'), 'I', 'Interviewer');
    const mapped = await importFile(utf8(P07), 'P07 interview.txt', { speakerMap: map });
    expect(mapped.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Dawn', 'Interviewer', 'Dawn', 'Interviewer', 'Dawn']);
    // The label as written stays listed (so the preview can show and change it), now with its speaker.
    expect(mapped.speakerLabels?.map((l) => [l.label, l.count, l.speaker])).toEqual([
      ['Int', 3, 'Interviewer'],
      ['Dawn', 3, 'Dawn'],
    ]);
    expect(speakerSuggestions([mapped, p12], map)).toEqual(['Dawn', 'I', 'Interviewer', 'Marcus']);
  });
});

describe('the excerpt of what will be stored', () => {
  it('shows the first turns with their speakers and the words without the label', async () => {
    const doc = await importFile(utf8(P07), 'P07 interview.txt', { speakerMap: { Int: 'Interviewer' } });
    const excerpt = excerptOf(doc, { turns: 2, chars: 40 });
    expect(excerpt).toEqual({
      kind: 'turns',
      turns: [
        { speaker: 'Interviewer', text: 'Thank you for joining. Could you tell…' },
        { speaker: 'Dawn', text: 'It was held two days after the children…' },
      ],
      moreTurns: 4,
    });
  });

  it('keeps caption times, from a real Zoom transcript', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(REAL, 'zoom_lesson_PLC_Fishbowl.vtt')));
    const doc = await importFile(bytes, 'zoom_lesson_PLC_Fishbowl.vtt');
    const excerpt = excerptOf(doc);
    expect(excerpt.kind).toBe('turns');
    if (excerpt.kind !== 'turns') return;
    expect(excerpt.turns).toHaveLength(1);
    expect(excerpt.turns[0]!.speaker).toBe('Caleob King');
    expect(formatClock(excerpt.turns[0]!.time!)).toBe('00:04');
    expect(excerpt.turns[0]!.text.startsWith("Hello, everybody, I hope you're doing all right.")).toBe(true);
    expect(excerpt.turns[0]!.text.endsWith('…')).toBe(true);
    expect(fileSummary(doc)).toBe('1 turn · 1 speaker');
  });

  it('falls back to the opening words when there are no turns', () => {
    expect(excerptOf({ text: 'Field notes\n\n\n\nThe   meeting began late. \nAll present.', turns: [] })).toEqual({
      kind: 'text',
      text: 'Field notes\n\nThe meeting began late.\nAll present.',
    });
    expect(excerptOf({ text: 'Field notes\n\nThe meeting began late.', turns: [] }, { chars: 10 })).toEqual({ kind: 'text', text: 'Field notes\n\nThe…' });
    expect(fileSummary({ turns: [] })).toBe('No speaker turns');
  });

  it('cuts at a word boundary, or mid-word when the only space is too early', () => {
    expect(clip('one two three four', 12)).toBe('one two…');
    expect(clip('a verylongwordindeed', 10)).toBe('a verylon…');
    expect(clip('  short\ntext ', 20)).toBe('short text');
  });
});

describe('merging labels across the files of one import', () => {
  it('adds counts and files per label ignoring case, accepted where any file accepts it', () => {
    const merged = mergedLabels([
      { speakerLabels: [{ label: 'Int', count: 3, accepted: true, speaker: 'Interviewer' }, { label: 'Note', count: 1, accepted: false, speaker: null, reason: 'a word that starts ordinary lines, not a speaker' }] },
      undefined,
      { speakerLabels: [{ label: 'INT', count: 1, accepted: false, speaker: null, reason: 'used only once' }, { label: 'Dawn', count: 2, accepted: true, speaker: 'Dawn' }] },
      { speakerLabels: [{ label: 'note', count: 2, accepted: false, speaker: null, reason: 'marked as not a speaker' }] },
    ]);
    expect(merged).toEqual([
      { label: 'Int', count: 4, files: 2, accepted: true, speaker: 'Interviewer' },
      { label: 'Note', count: 3, files: 2, accepted: false, speaker: null, reason: 'a word that starts ordinary lines, not a speaker' },
      { label: 'Dawn', count: 2, files: 1, accepted: true, speaker: 'Dawn' },
    ]);
  });
});

describe('small words of the preview', () => {
  it('names formats, encodings and sizes', () => {
    expect(formatOfName('P07 interview.TXT')).toBe('txt');
    expect(formatOfName('notes.markdown')).toBe('md');
    expect(formatOfName('README')).toBe('txt');
    expect(formatOfName('report.docx')).toBe('docx');
    expect(formatOfName('sheet.csv')).toBeUndefined();
    expect(hasEncoding('vtt')).toBe(true);
    expect(hasEncoding('docx')).toBe(false);
    expect(encodingLabel('utf-16le')).toBe('UTF-16 LE');
    expect(encodingLabel('koi8-r')).toBe('KOI8-R');
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(392)).toBe('392 bytes');
    expect(formatSize(14_336)).toBe('14 KB');
    expect(formatSize(3_355_443)).toBe('3.2 MB');
    expect(formatClock(4.2)).toBe('00:04');
    expect(formatClock(3725)).toBe('1:02:05');
  });

  it('sends participant sheets to the sheet import, not the document preview', () => {
    expect(['participants.csv', 'Sheet.XLSX', 'old.xls', 'P07.txt', 'P07 interview.docx', 'csv'].map(isSheetFile)).toEqual([true, true, true, false, false, false]);
  });
});
