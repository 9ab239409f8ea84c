import { Document, Packer, Paragraph } from 'docx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { chooseFormat, importFile, ImportError, MAX_TEXT_FILE_BYTES, sniffFormat } from '../../../shared/import';
import { speakersOf } from '../../../shared/import/speakers';
import { ownBytes, realBytes, turnsOf, utf16, utf8 } from './helpers';

async function docxOf(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The message of the ImportError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected the import to be refused');
}

describe('choosing the format', () => {
  it('goes by extension, ignoring case', () => {
    const text = utf8('hello');
    expect(chooseFormat(text, 'a.TXT')).toBe('txt');
    expect(chooseFormat(text, 'notes.markdown')).toBe('md');
    expect(chooseFormat(text, 'x.SRT')).toBe('srt');
    expect(chooseFormat(text, 'dir.v2/Interview 3.docx')).toBe('docx');
  });

  it('reads a .txt (or a name without extension) that is really captions as captions', async () => {
    const bom = realBytes('webvtt-py_captions_with_bom.vtt');
    expect(sniffFormat(bom)).toBe('vtt');
    const asTxt = await importFile(bom, 'captions.txt');
    expect(asTxt.format).toBe('vtt');
    expect(asTxt.turns).toHaveLength(4);
    const srt = await importFile(realBytes('webvtt-py_sample.srt'), 'sample');
    expect(srt.format).toBe('srt');
    expect(turnsOf(srt)[4]).toEqual([undefined, 21.58, 'Caption text #5']);
    // WEBVTT in UTF-16 is still recognised.
    expect(sniffFormat(utf16('WEBVTT\n\n00:01.000 --> 00:02.000\nhi', 'le'))).toBe('vtt');
  });

  it('imports a plain .txt transcript and a file without extension as text', async () => {
    const doc = await importFile(ownBytes('qa.txt'), 'qa');
    expect(doc.format).toBe('txt');
    expect(speakersOf(doc.turns)).toEqual(['Q', 'A']);
  });
});

describe('refusing bad input, naming the file and the reason', () => {
  it('an unknown extension', async () => {
    expect(await refusal(importFile(utf8('x'), 'notes.xyz'))).toBe(
      'notes.xyz: files ending in .xyz cannot be imported. Tessera imports .txt, .text, .md, .markdown, .vtt, .webvtt, .srt, .docx, .odt, .rtf, .pdf.',
    );
    expect(await refusal(importFile(utf8('x'), 'old.doc'))).toMatch(/^old\.doc: older Word 97-2003 documents \(\.doc\) cannot be read/);
    expect(await refusal(importFile(utf8('a,b'), 'people.csv'))).toMatch(/^people\.csv: this is a spreadsheet; import it as a participant sheet/);
  });

  it('an empty file, in every format', async () => {
    for (const name of ['empty.txt', 'empty.vtt', 'empty.md', 'empty.docx', 'empty.pdf']) {
      expect(await refusal(importFile(new Uint8Array(0), name))).toBe(`${name}: the file is empty (0 bytes).`);
    }
  });

  it('binary garbage named .txt', async () => {
    const garbage = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256);
    expect(await refusal(importFile(garbage, 'photo.txt'))).toMatch(/^photo\.txt: the file contains binary data \(NUL bytes/);
  });

  it('a zip archive or an old Office file named .txt', async () => {
    const zip = zipSync({ 'word/document.xml': utf8('<w:document/>') });
    expect(await refusal(importFile(zip, 'interview.txt'))).toMatch(/^interview\.txt: the file is a zip archive/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await refusal(importFile(ole, 'interview.txt'))).toMatch(/^interview\.txt: the file is an older Office document/);
  });

  it('a 100 MB text file, refused by its size before any decoding', async () => {
    // All NUL bytes: had it been decoded, the message would say "binary data" instead.
    const huge = new Uint8Array(100 * 1024 * 1024);
    expect(await refusal(importFile(huge, 'huge.txt'))).toBe(
      'huge.txt: the file is 100 MB; text files larger than 50 MB cannot be imported. Split it into smaller files first.',
    );
    expect(await refusal(importFile(huge, 'huge.vtt'))).toMatch(/^huge\.vtt: the file is 100 MB; text files larger than 50 MB/);
    // Exactly at the limit is allowed through to decoding (and then refused as binary).
    expect(await refusal(importFile(huge.subarray(0, MAX_TEXT_FILE_BYTES), 'edge.txt'))).toMatch(/binary data/);
  });

  it('a damaged Word file, through the Word reader, still naming the file', async () => {
    expect(await refusal(importFile(utf8('not really a word file'), 'broken.docx'))).toMatch(/^broken\.docx: /);
  });

  it('a PDF when no PDF reader is given', async () => {
    expect(await refusal(importFile(utf8('%PDF-1.4\n'), 'report.pdf'))).toBe(
      'report.pdf: PDF files cannot be read here (no PDF reader is available).',
    );
  });
});

describe('speaker detection on formats whose reader finds no turns', () => {
  it('a real Word file without a transcript keeps its text and gets no turns', async () => {
    const doc = await importFile(realBytes('mammoth_utf8-bom.docx'), 'mammoth_utf8-bom.docx');
    expect(doc.format).toBe('docx');
    expect(doc.encoding).toBeUndefined();
    expect(doc.turns).toEqual([]);
    expect(doc.text.length).toBeGreaterThan(0);
  });

  it('a Word transcript of "Interviewer:" paragraphs gets turns, labels removed, blocks moved', async () => {
    const bytes = await docxOf([
      'Interview 4, 12 May 2024',
      'Interviewer: What is a good meeting?',
      'P04: One where the child is heard.',
      'Interviewer: And a bad one?',
      'P04: One with no reports.',
    ]);
    const doc = await importFile(bytes, 'P04.docx');
    expect(turnsOf(doc)).toEqual([
      ['Interviewer', undefined, 'What is a good meeting?'],
      ['P04', undefined, 'One where the child is heard.'],
      ['Interviewer', undefined, 'And a bad one?'],
      ['P04', undefined, 'One with no reports.'],
    ]);
    expect(doc.text).not.toContain('Interviewer:');
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual([
      'Interview 4, 12 May 2024',
      'What is a good meeting?',
      'One where the child is heard.',
      'And a bad one?',
      'One with no reports.',
    ]);
    const off = await importFile(bytes, 'P04.docx', { detectSpeakers: false });
    expect(off.turns).toEqual([]);
    expect(off.text).toContain('Interviewer: What is a good meeting?');
  });

  it('an RTF transcript gets turns too', async () => {
    const rtf = '{\\rtf1\\ansi\\deff0 Q: Who chairs it?\\par A: The IRO.\\par Q: Always?\\par A: Usually.\\par}';
    const doc = await importFile(utf8(rtf), 'meeting.rtf');
    expect(doc.format).toBe('rtf');
    expect(turnsOf(doc).map(([s, , t]) => [s, t])).toEqual([
      ['Q', 'Who chairs it?'],
      ['A', 'The IRO.'],
      ['Q', 'Always?'],
      ['A', 'Usually.'],
    ]);
  });
});
