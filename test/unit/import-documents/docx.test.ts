import { describe, expect, it } from 'vitest';
import { inflateSync, unzipSync, zipSync, strToU8 } from 'fflate';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, CommentRangeStart, CommentRangeEnd, CommentReference, HeadingLevel } from 'docx';
import { importDocx, markCommentRanges } from '../../../shared/import/docx';
import { ImportError } from '../../../shared/import/types';
import { normaliseText } from '../../../shared/text/normalise';
import { blockTexts, documentFixture, realFixture } from './files';
import { zerosDeflate, zipOneEntry } from './zip-bomb';

async function refusal(bytes: Uint8Array, fileName: string): Promise<ImportError> {
  const error = await importDocx(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).file).toBe(fileName);
  expect((error as ImportError).message.startsWith(`${fileName}: `)).toBe(true);
  return error as ImportError;
}

describe('importDocx on real files from mammoth.js', () => {
  it('anchors Word comments to the commented passage, and a comment without a range to its paragraph', async () => {
    const doc = await importDocx(realFixture('mammoth_comments.docx'), 'mammoth_comments.docx');
    expect(doc.name).toBe('mammoth_comments');
    expect(doc.format).toBe('docx');
    expect(doc.text).toBe('Ouch.');
    expect(doc.blocks).toEqual([{ start: 0, end: 5, kind: 'paragraph' }]);
    // document.xml: commentRangeStart 0, "Ouch", commentRangeEnd 0, then "." and a bare reference to comment 2.
    expect(doc.comments).toEqual([
      { start: 0, end: 4, author: 'Michael Williamson', text: 'A tachyon walks into a bar.' },
      { start: 0, end: 5, author: 'Michael Williamson', text: 'Fin.' },
    ]);
    expect(doc.turns).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a 2x2 table as two rows of tab-separated cells between two paragraphs', async () => {
    const doc = await importDocx(realFixture('mammoth_tables.docx'), 'mammoth_tables.docx');
    expect(doc.text).toBe('Above\nTop left\tTop right\nBottom left\tBottom right\nBelow');
    expect(doc.blocks).toEqual([
      { start: 0, end: 5, kind: 'paragraph' },
      { start: 6, end: 24, kind: 'table-row' },
      { start: 25, end: 49, kind: 'table-row' },
      { start: 50, end: 55, kind: 'paragraph' },
    ]);
    expect(doc.comments).toEqual([]);
  });

  it('reads a document.xml that starts with a byte order mark', async () => {
    const doc = await importDocx(realFixture('mammoth_utf8-bom.docx'), 'mammoth_utf8-bom.docx');
    expect(doc.text).toBe('This XML has a byte order mark.');
    expect(doc.blocks).toEqual([{ start: 0, end: 31, kind: 'paragraph' }]);
  });
});

describe('importDocx on a transcript written with the docx package', () => {
  it('lays out headings, paragraphs, list items, table rows and notes as blocks', async () => {
    const doc = await importDocx(documentFixture('interview.docx'), 'Interview 7.docx');
    expect(doc.name).toBe('Interview 7');
    expect(blockTexts(doc)).toEqual([
      'heading1: Interview 7: multi-agency meeting',
      'paragraph: Recorded 12 March 2024.[1]',
      'heading2: Part 1',
      'paragraph: Interviewer: Can you tell me about the last meeting you attended?',
      'paragraph: Participant: It was the first one after he came into care, and the health visitor \u2013 Zo\u00eb \u2013 joined by phone.',
      'paragraph: Interviewer: What worked well?',
      'paragraph: Participant: Sharing information early. We agreed three things:',
      'list-item1: a plan for contact',
      'list-item2: weekly at first',
      'list-item1: a school place',
      'table-row: Agency\tRole\tAttended',
      'table-row: Social care\tChair\tYes',
      'table-row: Health\tHealth visitor\tBy phone',
      'paragraph: Participant: It gave me professional confidence \u{1F60A}[2]',
      'paragraph: Interviewer:\tAnd afterwards?\nWe met again in May.',
      'paragraph: Participant: Yes, that was it.',
      'heading1: Notes',
      'note: [1] Names have been changed.',
      'note: [2] Transcript checked by the participant.',
    ]);
    // Blocks are joined by exactly one line feed, so the text is the block texts joined.
    expect(doc.text).toBe(doc.blocks.map((b) => doc.text.slice(b.start, b.end)).join('\n'));
    expect(doc.text).toBe(normaliseText(doc.text));
    // "Zoe" + combining diaeresis in the source arrives composed.
    expect(doc.text).toContain('Zo\u00eb');
    expect(doc.text).not.toContain('e\u0308');
  });

  it('anchors a comment inside a paragraph and one that spans two paragraphs', async () => {
    const doc = await importDocx(documentFixture('interview.docx'), 'interview.docx');
    expect(doc.comments.map((c) => ({ author: c.author, text: c.text, passage: doc.text.slice(c.start, c.end) }))).toEqual([
      { author: 'A. Coder', text: 'Role, not name', passage: 'the health visitor' },
      {
        author: 'B. Coder',
        text: 'Spans two answers',
        passage: 'Interviewer: What worked well?\nParticipant: Sharing information early',
      },
    ]);
    const first = doc.comments[0]!;
    const expectedStart = doc.text.indexOf('the health visitor');
    expect([first.start, first.end]).toEqual([expectedStart, expectedStart + 'the health visitor'.length]);
  });

  it('warns that the image was left out', async () => {
    const doc = await importDocx(documentFixture('interview.docx'), 'interview.docx');
    expect(doc.warnings).toEqual(['1 image was left out (Tessera imports text only)']);
  });

  it('anchors a comment inside a table cell and offsets after an astral character', async () => {
    const file = new Document({
      comments: { children: [{ id: 5, author: 'C', children: [new Paragraph('cell note')] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Study \u{1F4DA} notes', heading: HeadingLevel.TITLE }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('P1'), new Paragraph('second para')] }),
                    new TableCell({
                      children: [
                        new Paragraph({
                          children: [
                            new TextRun('said '),
                            new CommentRangeStart(5),
                            new TextRun('no\tway'),
                            new CommentRangeEnd(5),
                            new TextRun({ children: [new CommentReference(5)] }),
                          ],
                        }),
                      ],
                    }),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const doc = await importDocx(new Uint8Array(await Packer.toBuffer(file)), 'cells.docx');
    // Title is a level-1 heading; two paragraphs in one cell are joined by a space; a tab inside a cell is a space.
    expect(doc.text).toBe('Study \u{1F4DA} notes\nP1 second para\tsaid no way');
    expect(blockTexts(doc)).toEqual(['heading1: Study \u{1F4DA} notes', 'table-row: P1 second para\tsaid no way']);
    expect(doc.comments).toEqual([{ start: 35, end: 41, author: 'C', text: 'cell note' }]);
    expect(doc.text.slice(35, 41)).toBe('no way');
  });
});

describe('markCommentRanges', () => {
  it('turns comment range marks into reserved bookmarks whatever the prefix', () => {
    expect(markCommentRanges('<w:p><w:commentRangeStart w:id="7"/><w:r/><w:commentRangeEnd w:id="7"/></w:p>')).toBe(
      '<w:p><w:bookmarkStart w:name="__tessera_comment_start_7"/><w:r/><w:bookmarkStart w:name="__tessera_comment_end_7"/></w:p>',
    );
    expect(markCommentRanges('<x:commentRangeStart x:id="1"></x:commentRangeStart>')).toBe(
      '<x:bookmarkStart x:name="__tessera_comment_start_1"></x:bookmarkStart>',
    );
  });
});

describe('importDocx refuses bad input with a message naming the file and the reason', () => {
  it('refuses a truncated file', async () => {
    const whole = documentFixture('interview.docx');
    const error = await refusal(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.docx');
    expect(error.message).toMatch(/^cut\.docx: the file is damaged or incomplete/);
  });

  it('builds its zip bomb from a valid deflate stream (checked on a small one)', () => {
    const { data, size } = zerosDeflate(40);
    expect(size).toBe(1 + 258 * 40);
    const inflated = inflateSync(data);
    expect(inflated.length).toBe(size);
    expect(inflated.every((b) => b === 0)).toBe(true);
    expect(unzipSync(zipOneEntry('z.bin', data, size))['z.bin']?.length).toBe(size);
  });

  it('refuses a zip bomb named .docx from its central directory, before inflating', async () => {
    // 200 MB of zeros in about 300 KB.
    const { data, size } = zerosDeflate(812_900);
    expect(size).toBeGreaterThan(200 * 1024 * 1024);
    const bomb = zipOneEntry('word/document.xml', data, size);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const error = await refusal(bomb, 'bomb.docx');
    expect(error.message).toBe(
      'bomb.docx: Tessera refused to open this file because the archive entry "word/document.xml" would expand to 200 MB, more than the limit of 128 MB',
    );
    // Under the size limit, the compression ratio gives it away.
    const smaller = zerosDeflate(406_000);
    const ratio = await refusal(zipOneEntry('word/document.xml', smaller.data, smaller.size), 'bomb2.docx');
    expect(ratio.message).toMatch(/^bomb2\.docx: Tessera refused .*"word\/document\.xml" is compressed \d+ to 1, .*\(a zip bomb\?\)$/);
    // Nothing near 200 MB was allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a large XML part even when its compression ratio looks ordinary', async () => {
    // 150 MB of text compressed under 200 to 1 passes the ratio check but not the size limit for Word parts.
    const fake = zipOneEntry('word/document.xml', new Uint8Array(1024 * 1024), 150 * 1024 * 1024, 0);
    const error = await refusal(fake, 'huge.docx');
    expect(error.message).toMatch(/would expand to 150 MB, more than the limit of 128 MB/);
  });

  it('says a password-protected file is password-protected', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptionInfo';
    for (let i = 0; i < name.length; i += 1) ole[1024 + i * 2] = name.charCodeAt(i);
    const error = await refusal(ole, 'locked.docx');
    expect(error.message).toMatch(/^locked\.docx: the file is password-protected or encrypted/);
    // A bare OLE header with nothing recognisable inside is treated the same way.
    const bare = await refusal(ole.slice(0, 512), 'locked2.docx');
    expect(bare.message).toMatch(/is password-protected or encrypted/);
  });

  it('recognises an old binary .doc renamed to .docx', async () => {
    const doc = new Uint8Array(2048);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'WordDocument';
    for (let i = 0; i < name.length; i += 1) doc[1024 + i * 2] = name.charCodeAt(i);
    const error = await refusal(doc, 'old.docx');
    expect(error.message).toMatch(/Word 97-2003 document \(\.doc\)/);
  });

  it('refuses binary garbage, an empty file, and a PDF with a .docx name', async () => {
    const garbage = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await refusal(garbage, 'garbage.docx')).message).toMatch(/^garbage\.docx: this is not a Word document/);
    expect((await refusal(new Uint8Array(0), 'empty.docx')).message).toBe('empty.docx: the file is empty');
    const pdf = documentFixture('hyphenation.pdf');
    expect((await refusal(pdf, 'paper.docx')).message).toMatch(/not a Word document \(\.docx\) but a PDF document/);
  });

  it('refuses a part that declares a DOCTYPE, and a document.xml that is not XML', async () => {
    const base = (documentXml: string) =>
      zipSync({
        '[Content_Types].xml': strToU8(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
        '_rels/.rels': strToU8(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
        'word/document.xml': strToU8(documentXml),
      });
    const laughs = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>';
    expect((await refusal(base(laughs), 'laughs.docx')).message).toBe(
      'laughs.docx: the part "word/document.xml" declares a DOCTYPE, which Word never writes; Tessera refuses it for safety',
    );
    const broken = (await refusal(base('this is < not xml'), 'broken.docx')).message;
    expect(broken).toMatch(/^broken\.docx: the Word document could not be read: a part inside it is damaged or incomplete/);
    expect(broken).not.toMatch(/xmldom|Cannot read prop|reading '/);
    // The same package with a proper body reads fine, so the refusals above are about the XML alone.
    const ok = await importDocx(
      base('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Fine.</w:t></w:r></w:p></w:body></w:document>'),
      'ok.docx',
    );
    expect(ok.text).toBe('Fine.');
  });

  it('refuses a zip archive that holds no Word document body', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('hello'), 'content.xml': strToU8('<x/>') });
    expect((await refusal(zip, 'other.docx')).message).toMatch(/no document body \(word\/document\.xml\).*\.odt/);
  });
});

describe('importDocx explains a damaged package in words, not reader internals', () => {
  it.each([
    ['an Override without PartName', (x: string) => x.replace(/PartName=/, 'XPartName=')],
    ['a content-types part cut short', () => '<?xml '],
    ['an empty content-types part', () => ''],
  ])('%s', async (_what, mutate) => {
    const { unzipSync, zipSync } = await import('fflate');
    const { readFileSync } = await import('node:fs');
    const entries = unzipSync(new Uint8Array(readFileSync(new URL('../../../../shared/fixtures/real/mammoth_tables.docx', import.meta.url))));
    const types = new TextDecoder().decode(entries['[Content_Types].xml']!);
    entries['[Content_Types].xml'] = new TextEncoder().encode(mutate(types));
    const error = await importDocx(zipSync(entries), 'mutated.docx').then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^mutated\.docx: /);
    expect(error?.message).not.toMatch(/xmldom|Cannot read prop|reading '|charAt|tagName/);
  });
});
