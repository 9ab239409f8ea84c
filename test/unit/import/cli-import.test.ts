import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { parseSpeakerMap } from '../../../electron/cli/commands/import';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { pdfOf } from './helpers';

const REAL = '../shared/fixtures/real';
const OWN = 'test/fixtures/import';
const scratch = mkdtempSync(path.join(tmpdir(), 'tessera-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd() });
  return { code, out, err };
}

describe('tessera import --json', () => {
  it('reports every real caption file exactly, and exits 0', async () => {
    const files = [
      `${REAL}/w3c-webvtt_mixed-newlines.vtt`,
      `${REAL}/webvtt-py_captions_with_bom.vtt`,
      `${REAL}/webvtt-py_comments_dash-speakers.vtt`,
      `${REAL}/webvtt-py_sample.srt`,
      `${REAL}/zoom_lesson_PLC_Fishbowl.vtt`,
    ];
    const { code, out, err } = await cli('import', ...files, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const unnamed = 'The captions name no speakers: each cue is a turn with no speaker.';
    expect(JSON.parse(out)).toEqual({
      documents: [
        // "text0".."text3" joined by blank lines: 4 x 5 + 3 x 2.
        { file: files[0], format: 'vtt', encoding: 'utf-8', characters: 26, turns: 4, speakers: [], warnings: [unnamed] },
        // "Caption text #1".."#4": 4 x 15 + 3 x 2.
        { file: files[1], format: 'vtt', encoding: 'utf-8', characters: 66, turns: 4, speakers: [], warnings: [unnamed] },
        // 20 + 18 + 15 + 18 + 10 characters of speech and 4 x 2 of separators.
        {
          file: files[2],
          format: 'vtt',
          encoding: 'utf-8',
          characters: 89,
          turns: 5,
          speakers: [],
          warnings: ['The captions mark changes of speaker with dashes but name no one: each change is a turn with no speaker.'],
        },
        { file: files[3], format: 'srt', encoding: 'utf-8', characters: 83, turns: 5, speakers: [], warnings: [unnamed] },
        { file: files[4], format: 'vtt', encoding: 'utf-8', characters: 13295, turns: 1, speakers: ['Caleob King'], warnings: [] },
      ],
      errors: [],
    });
  });

  it('reports text transcripts, Word documents (encoding null) and refusals together, and exits 1', async () => {
    const empty = path.join(scratch, 'empty.txt');
    writeFileSync(empty, '');
    const files = [
      `${OWN}/caps-timestamps.txt`,
      `${REAL}/mammoth_tables.docx`,
      `${OWN}/missing.txt`,
      `${OWN}/notes.xyz`,
      empty,
      OWN,
    ];
    const { code, out } = await cli('import', ...files, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.documents).toEqual([
      {
        file: files[0],
        format: 'txt',
        encoding: 'utf-8',
        characters: 157,
        turns: 5,
        speakers: ['INTERVIEWER', 'RESPONDENT', 'FACILITATOR'],
        warnings: [],
      },
      expect.objectContaining({ file: files[1], format: 'docx', encoding: null, turns: 0, speakers: [] }),
    ]);
    expect(report.errors).toEqual([
      { file: files[2], message: 'missing.txt: the file was not found.' },
      { file: files[3], message: expect.stringMatching(/^notes\.xyz: files ending in \.xyz cannot be imported/) },
      { file: files[4], message: 'empty.txt: the file is empty (0 bytes).' },
      { file: files[5], message: 'import: this is a folder, not a file; give the files inside it.' },
    ]);
  });

  it('takes the encoding, speaker map and no-speakers options', async () => {
    const latin = path.join(scratch, 'latin.txt');
    // "Zoë: Hallo\nZoë: Tschüss" in Windows-1252.
    writeFileSync(latin, Buffer.from([0x5a, 0x6f, 0xeb, 0x3a, 0x20, 0x48, 0x69, 0x0a, 0x5a, 0x6f, 0xeb, 0x3a, 0x20, 0x42, 0x79, 0x65]));
    const guessed = JSON.parse((await cli('import', latin, '--json')).out).documents[0];
    expect(guessed).toMatchObject({ encoding: 'windows-1252', speakers: ['Zoë'], turns: 2 });
    const chosen = JSON.parse((await cli('import', latin, '--json', '--encoding', 'iso-8859-2')).out).documents[0];
    expect(chosen).toMatchObject({ encoding: 'iso-8859-2', speakers: ['Zoë'] }); // 0xEB is ë in both
    const mapped = JSON.parse((await cli('import', `${OWN}/colon-names.txt`, '--json', '--map', 'Int=Interviewer')).out);
    expect(mapped.documents[0].speakers).toEqual(['Interviewer', 'Dana']);
    const off = JSON.parse((await cli('import', `${OWN}/colon-names.txt`, '--json', '--no-speakers')).out);
    expect(off.documents[0]).toMatchObject({ turns: 0, speakers: [], characters: 484 });
    const split = JSON.parse((await cli('import', `${REAL}/zoom_lesson_PLC_Fishbowl.vtt`, '--json', '--pause', '15')).out);
    expect(split.documents[0].turns).toBe(16);
  });

  it('reads a PDF transcript through pdf.js and finds its speakers', async () => {
    const pdf = path.join(scratch, 'P09.pdf');
    writeFileSync(pdf, pdfOf(['Interview 9', 'Interviewer: Who was there?', 'P09: The whole team.', 'Interviewer: And the family?', 'P09: Not this time.']));
    const { code, out } = await cli('import', pdf, '--json');
    expect(code).toBe(0);
    // "Interview 9\nWho was there?\nThe whole team.\nAnd the family?\nNot this time.": 11 + 14 + 15 + 15 + 14 + 4 line ends.
    expect(JSON.parse(out).documents).toEqual([
      { file: pdf, format: 'pdf', encoding: null, characters: 73, turns: 4, speakers: ['Interviewer', 'P09'], warnings: [] },
    ]);
  });

  it('parses --map pairs, with an empty name meaning "not a speaker"', () => {
    expect(parseSpeakerMap('Int=Interviewer, I=Interviewer,Note=')).toEqual({ Int: 'Interviewer', I: 'Interviewer', Note: null });
    expect(() => parseSpeakerMap('Interviewer')).toThrow(/LABEL=SPEAKER/);
  });
});

describe('tessera import, readable and project output', () => {
  it('prints a summary and the refusals on stderr', async () => {
    const { code, out, err } = await cli('import', `${OWN}/otter.txt`, `${OWN}/nope.pages`);
    expect(code).toBe(1);
    expect(out).toBe(
      `${OWN}/otter.txt  txt  utf-8  89 characters  3 turns  speakers: Speaker 1, Speaker 2\nImported 1 of 2 files.\n`,
    );
    expect(err).toMatch(/^nope\.pages: Apple Pages documents cannot be read/);
  });

  it('refuses to run without files or with an unknown option', async () => {
    expect((await cli('import')).code).toBe(1);
    const unknown = await cli('import', `${OWN}/qa.txt`, '--frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('tessera import: unknown option --frobnicate\n');
  });

  it('writes the imported documents as a .qdpx project with -o', async () => {
    const target = path.join(scratch, 'study.qdpx');
    const { code, out } = await cli('import', `${OWN}/qa.txt`, `${REAL}/webvtt-py_sample.srt`, '-o', target);
    expect(code).toBe(0);
    expect(out).toContain(`Wrote ${target}.`);
    const { project } = await readQdpx(new Uint8Array(readFileSync(target)), 'study.qdpx');
    expect(project.project.name).toBe('study');
    expect(project.documents.map((d) => d.name)).toEqual(['qa', 'webvtt-py_sample']);
    const qa = project.texts.find((t) => t.id === project.documents[0]!.id)!;
    expect(qa.text).toBe(
      "What does a good meeting look like?\nEveryone has read the report, and the child's views are in the room.\nAnd a bad one?\nWhen we only hear about the child second-hand.\n",
    );
  });
});
