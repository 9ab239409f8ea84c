import { describe, expect, it } from 'vitest';
import { importCaptions, parseCueTime, parseCues } from '../../../shared/import/captions';
import { speakersOf } from '../../../shared/import/speakers';
import { blocksOf, ownBytes, realBytes, turnsOf, utf8 } from './helpers';

describe('real caption files (../shared/fixtures/real)', () => {
  it('w3c mixed newlines: CR, LF and CRLF all end lines; cue ids "cr", "lf", "crlf", "lfcr" are dropped', () => {
    const doc = importCaptions(realBytes('w3c-webvtt_mixed-newlines.vtt'), 'w3c-webvtt_mixed-newlines.vtt', 'vtt');
    expect(doc.text).toBe('text0\n\ntext1\n\ntext2\n\ntext3');
    expect(turnsOf(doc)).toEqual([
      [undefined, 0, 'text0'],
      [undefined, 0, 'text1'],
      [undefined, 0, 'text2'],
      [undefined, 0, 'text3'],
    ]);
    expect(blocksOf(doc)).toEqual(['text0', 'text1', 'text2', 'text3'].map((t) => ['paragraph', t]));
  });

  it('webvtt-py BOM file: the BOM is removed, encoding UTF-8, one turn per unnamed cue with its start time', () => {
    const doc = importCaptions(realBytes('webvtt-py_captions_with_bom.vtt'), 'webvtt-py_captions_with_bom.vtt', 'vtt');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(turnsOf(doc)).toEqual([
      [undefined, 0.5, 'Caption text #1'],
      [undefined, 7, 'Caption text #2'],
      [undefined, 11.89, 'Caption text #3'],
      [undefined, 16.32, 'Caption text #4'],
    ]);
    expect(doc.warnings).toEqual(['The captions name no speakers: each cue is a turn with no speaker.']);
  });

  it('webvtt-py dash speakers: header text and NOTE blocks dropped, each "- " line its own turn, Swedish kept', () => {
    const doc = importCaptions(realBytes('webvtt-py_comments_dash-speakers.vtt'), 'webvtt-py_comments_dash-speakers.vtt', 'vtt');
    expect(turnsOf(doc)).toEqual([
      [undefined, 135, 'Ta en kopp varmt te.'],
      [undefined, 135, 'Det är inte varmt.'],
      [undefined, 140, 'Har en kopp te.'],
      [undefined, 140, 'Det smakar som te.'],
      [undefined, 145, 'Ta en kopp'],
    ]);
    expect(doc.text).toBe('Ta en kopp varmt te.\n\nDet är inte varmt.\n\nHar en kopp te.\n\nDet smakar som te.\n\nTa en kopp');
    expect(doc.text).not.toMatch(/Translation|Kyle|translate well/);
    expect(doc.warnings).toEqual([
      'The captions mark changes of speaker with dashes but name no one: each change is a turn with no speaker.',
    ]);
  });

  it('webvtt-py SubRip sample: comma milliseconds, numeric ids dropped', () => {
    const doc = importCaptions(realBytes('webvtt-py_sample.srt'), 'webvtt-py_sample.srt', 'srt');
    expect(doc.format).toBe('srt');
    expect(turnsOf(doc)).toEqual([
      [undefined, 0.5, 'Caption text #1'],
      [undefined, 7, 'Caption text #2'],
      [undefined, 11.89, 'Caption text #3'],
      [undefined, 16.32, 'Caption text #4'],
      [undefined, 21.58, 'Caption text #5'],
    ]);
  });

  it('Zoom transcript: "Caleob King:" prefixes on all 264 cues join into one turn at 4.16 s', () => {
    const doc = importCaptions(realBytes('zoom_lesson_PLC_Fishbowl.vtt'), 'zoom_lesson_PLC_Fishbowl.vtt', 'vtt');
    expect(speakersOf(doc.turns)).toEqual(['Caleob King']);
    expect(doc.speakerLabels).toEqual([{ label: 'Caleob King', count: 264, accepted: true, speaker: 'Caleob King' }]);
    expect(doc.turns).toHaveLength(1);
    expect(doc.turns[0]).toMatchObject({ start: 0, end: doc.text.length, speaker: 'Caleob King', time: 4.16 });
    expect(doc.text.startsWith("Hello, everybody, I hope you're doing all right. We were just talking about how it's state testing time, and some people will be, in and out These next weeks")).toBe(true);
    expect(doc.text.endsWith("Jaylee Henry? Mason? Daly? Sydney? It's good to see ya. Yep, bye.")).toBe(true);
    expect(doc.text).not.toContain('Caleob King:');
    expect(doc.text).toContain('we want to… start out'); // the ellipsis of cue 9 and cue 10
    // The 264 cue texts (prefix removed) joined by spaces, counted independently: 13,295 UTF-16 code units.
    expect(doc.text.length).toBe(13295);
    expect(doc.warnings).toEqual([]);
  });

  it('Zoom transcript split at silences longer than 15 s: 16 turns, first and last as in the file', () => {
    const doc = importCaptions(realBytes('zoom_lesson_PLC_Fishbowl.vtt'), 'zoom.vtt', 'vtt', { captionPauseSeconds: 15 });
    const turns = turnsOf(doc);
    // The file has 15 gaps over 15 s between one cue's end and the next cue's start (the longest 43.96 s).
    expect(turns).toHaveLength(16);
    expect(turns[0]![1]).toBe(4.16);
    expect(turns[0]![2].startsWith("Hello, everybody, I hope you're doing all right.")).toBe(true);
    expect(turns[1]![1]).toBe(247.14);
    expect(turns[1]![2].startsWith('Which of these conversion factors is most useful to me right now?')).toBe(true);
    const last = turns[15]!;
    expect(last[0]).toBe('Caleob King');
    expect(last[1]).toBe(1692.62);
    expect(last[2].startsWith('32 over 1 is it. Yes, absolutely.')).toBe(true);
    expect(last[2].endsWith("It's good to see ya. Yep, bye.")).toBe(true);
  });
});

describe('own caption fixtures', () => {
  it('Teams-style voice tags: STYLE and NOTE dropped, markup removed, &amp; and &#39; decoded, same voice joined', () => {
    const doc = importCaptions(ownBytes('teams.vtt'), 'teams.vtt', 'vtt');
    expect(turnsOf(doc)).toEqual([
      ['Dana Smith', 1, 'Good morning, everyone. Shall we start & go round?'],
      ['Sam Patel', 8.25, "Yes. I'm the health visitor."],
      ['Dana Smith', 62, 'Thank you, Sam. And the school?'],
    ]);
    expect(doc.text).not.toMatch(/cue|color|recorded|corrected|1a2b/);
  });

  it('SubRip with CRLF where names appear only when the speaker changes', () => {
    const doc = importCaptions(ownBytes('names-on-change.srt'), 'names-on-change.srt', 'srt');
    expect(turnsOf(doc)).toEqual([
      ['Alex', 1, 'So, shall we start?'],
      ['Jo', 3.2, 'Yes. I run the family support service in Kingsmere.'],
      ['Alex', 9, 'How long for?'],
      ['Jo', 12, 'Six years.'],
    ]);
    expect(doc.warnings).toEqual([
      'Speakers are named only when they change, so cues without a name were taken as the same speaker continuing.',
    ]);
  });

  it('maps voices like labels, and a dash before a name starts that speaker', () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v Int>Hello\n\n00:02.000 --> 00:04.000\n- Jo: Hi.\n- Sam: Hello.\n\n00:04.000 --> 00:05.000\nJo: Again.\n\n00:05.000 --> 00:06.000\n<v Interviewer>Bye.';
    const doc = importCaptions(utf8(vtt), 'x.vtt', 'vtt', { speakerMap: { Int: 'Interviewer' } });
    expect(turnsOf(doc)).toEqual([
      ['Interviewer', 0, 'Hello'],
      ['Jo', 2, 'Hi.'],
      ['Sam', 2, 'Hello.'],
      ['Jo', 4, 'Again.'],
      ['Interviewer', 5, 'Bye.'],
    ]);
    expect(doc.speakerLabels?.map((l) => [l.label, l.speaker])).toEqual([
      ['Int', 'Interviewer'],
      ['Jo', 'Jo'],
      ['Sam', 'Sam'],
      ['Interviewer', 'Interviewer'],
    ]);
  });

  it('reads a .vtt without its WEBVTT line, with a warning, and refuses a file with no cues', () => {
    const doc = importCaptions(utf8('1\n00:00:01,000 --> 00:00:02,000\nHello'), 'x.vtt', 'vtt');
    expect(turnsOf(doc)).toEqual([[undefined, 1, 'Hello']]);
    expect(doc.warnings[0]).toBe('The file does not start with "WEBVTT"; its cues were read anyway.');
    expect(() => importCaptions(utf8('WEBVTT\n\nNOTE nothing here\n'), 'empty.vtt', 'vtt')).toThrow(
      /^empty\.vtt: no caption cues were found/,
    );
  });

  it('parses cue times with and without hours, with dot or comma', () => {
    expect(parseCueTime('00:02:15.000')).toBe(135);
    expect(parseCueTime('02:15.5')).toBe(135.5);
    expect(parseCueTime('1:00:00,250')).toBe(3600.25);
    expect(parseCues('WEBVTT\n\n00:01.000 --> 00:02.000 line:0\nA\nB').cues).toEqual([{ start: 1, end: 2, lines: ['A', 'B'] }]);
  });
});
