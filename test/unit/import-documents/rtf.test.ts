import { describe, expect, it } from 'vitest';
import { importRtf } from '../../../shared/import/rtf';
import { importDocx } from '../../../shared/import/docx';
import { ImportError } from '../../../shared/import/types';
import { normaliseText } from '../../../shared/text/normalise';
import { blockTexts, documentFixture } from './files';

const rtf = (source: string): Uint8Array => Uint8Array.from(source, (c) => c.charCodeAt(0) & 0xff);

async function refusal(bytes: Uint8Array, fileName: string): Promise<string> {
  const error = await importRtf(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).file).toBe(fileName);
  return (error as ImportError).message;
}

describe('importRtf on LibreOffice 7.4 conversion of the interview', () => {
  it('gives the same text, blocks and comments as the Word original', async () => {
    const fromRtf = await importRtf(documentFixture('interview.rtf'), 'interview.rtf');
    const fromDocx = await importDocx(documentFixture('interview.docx'), 'interview.docx');
    expect(fromRtf.format).toBe('rtf');
    expect(fromRtf.encoding).toBe('windows-1252');
    expect(fromRtf.text).toBe(fromDocx.text);
    expect(fromRtf.blocks).toEqual(fromDocx.blocks);
    // LibreOffice writes Word comments as \atrfstart/\atrfend ranges and \annotation groups.
    expect(fromRtf.comments).toEqual(fromDocx.comments);
    expect(fromRtf.warnings).toEqual(['1 image was left out (Tessera imports text only)']);
  });

  it('reads LibreOffice\'s surrogate pair written as \\uc0 \\u55357\\uc1 \\u56842 and the combining diaeresis', async () => {
    const doc = await importRtf(documentFixture('interview.rtf'), 'interview.rtf');
    expect(doc.text).toContain('confidence \u{1F60A}[2]');
    expect(doc.text).toContain('Zo\u00eb');
    expect(doc.text).toBe(normaliseText(doc.text));
  });
});

describe('importRtf on hand-written RTF', () => {
  it('decodes Windows-1251, \\u with fallbacks, skips destinations, reads a table, a footnote and a list item', async () => {
    const doc = await importRtf(documentFixture('cyrillic-1251.rtf'), 'cyrillic-1251.rtf');
    expect(doc.encoding).toBe('windows-1251');
    expect(blockTexts(doc)).toEqual([
      'heading1: \u0418\u043d\u0442\u0435\u0440\u0432\u044c\u044e',
      'paragraph: \u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440 and caf\u00e9\nsecond line\tafter tab; \u2014 dash; smile \u{1F60A}.',
      'paragraph: link text and bold{braces}\\.',
      'table-row: Agency\tRole',
      'table-row: Health\tVisitor',
      'paragraph: Noted[1] here.',
      'list-item2: Nested item',
      'heading1: Notes',
      'note: [1] A footnote.',
    ]);
    // Nothing from the font table, style sheet, info, generator, header or field instruction leaks in.
    for (const hidden of ['Times New Roman', 'Secret title', 'Someone', 'Hand written', 'Running header', 'HYPERLINK', 'heading 1', '89504e47']) {
      expect(doc.text).not.toContain(hidden);
    }
    expect(doc.warnings).toEqual(['1 image was left out (Tessera imports text only)']);
  });

  it('decodes each font in its own code page, double-byte characters included', async () => {
    const doc = await importRtf(
      rtf(
        String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset238 Arial CE;}{\f2\fcharset128 MS Mincho;}{\f3\cpg1253 Greek;}}` +
          String.raw`\f0 \'b9 {\f1 \'b9} {\f2 \'93\'fa\'96\'7b} {\f3 \'d9\'eb}\par}`,
      ),
      'fonts.rtf',
    );
    // 0xB9 is "¹" in Windows-1252 and "ą" in Windows-1250; 93 FA 96 7B is 日本 in Shift_JIS (7B is "{" on its own).
    expect(doc.text).toBe('\u00b9 \u0105 \u65e5\u672c \u03a9\u03bb');
  });

  it('reads raw 8-bit bytes in the document code page, and \\mac', async () => {
    const win = await importRtf(rtf('{\\rtf1\\ansi\\ansicpg1250 \xb9\xe6\\par}'), 'raw.rtf');
    expect(win.text).toBe('\u0105\u0107');
    const mac = await importRtf(rtf("{\\rtf1\\mac caf\\'8e\\par}"), 'mac.rtf');
    expect(mac.text).toBe('caf\u00e9');
    expect(mac.encoding).toBe('macintosh');
  });

  it('skips \\uc fallbacks by count, including control words and escapes, and resets at a group end', async () => {
    const doc = await importRtf(
      rtf(String.raw`{\rtf1\ansi\uc2 A\u8364\'80\'80B\uc1 C\u-4064?D{\u8364}E\u8364\emdash F\uc0\u233 G\par}`),
      'uc.rtf',
    );
    // \u-4064 is U+F020; \u8364 is the euro sign; a fallback may be a control word (\emdash) too.
    expect(doc.text).toBe('A\u20acBC\uf020D\u20acE\u20acF\u00e9G');
  });

  it('skips \\bin data even when it holds braces and backslashes', async () => {
    const doc = await importRtf(rtf('{\\rtf1 before {\\*\\blob\\bin6 }{\\\\x}} after\\par}'), 'bin.rtf');
    expect(doc.text).toBe('before  after');
  });

  it('anchors Word annotations to their range, or to their paragraph without one', async () => {
    const source = String.raw`{\rtf1\ansi
\pard First {\*\atrfstart 12}range{\*\atrfend 12} ends.{\*\atnid AC}{\*\atnauthor Ann Coder}\chatn{\*\annotation{\*\atnref 12}{\*\atndate 1}\pard Look here}\par
\pard Second{\*\atnid B}{\*\atnauthor Bob}\chatn{\*\annotation\pard Whole\par paragraph}.\par}`;
    const doc = await importRtf(rtf(source), 'annotations.rtf');
    expect(doc.text).toBe('First range ends.\nSecond.');
    expect(doc.comments).toEqual([
      { start: 6, end: 11, author: 'Ann Coder', text: 'Look here' },
      { start: 18, end: 25, author: 'Bob', text: 'Whole\nparagraph' },
    ]);
  });

  it('treats a backslash before a line end as \\par, and nested table cells as spaces', async () => {
    const source = '{\\rtf1 one\\\ntwo\\par\\pard\\intbl a\\nestcell b\\nestcell{\\*\\nesttableprops\\nestrow}\\cell c\\cell\\row}';
    const doc = await importRtf(rtf(source), 'nested.rtf');
    expect(blockTexts(doc)).toEqual(['paragraph: one', 'paragraph: two', 'table-row: a b \tc']);
  });

  it('warns when groups are left open at the end, and keeps the text read', async () => {
    const doc = await importRtf(rtf('{\\rtf1\\ansi Hello {\\b world'), 'cut.rtf');
    expect(doc.text).toBe('Hello world');
    expect(doc.warnings).toEqual(['the file seems to be cut short (groups left open at its end); the text read so far was imported']);
  });

  it('warns when the code page cannot be decoded', async () => {
    const doc = await importRtf(rtf("{\\rtf1\\pc caf\\'82\\par}"), 'dos.rtf');
    expect(doc.warnings).toEqual([
      'the file uses code page 437, which Tessera cannot decode; accented letters were read as Windows-1252 and may be wrong',
    ]);
    expect(doc.text).toBe('caf\u201a');
  });
});

describe('importRtf refuses bad input with a message naming the file and the reason', () => {
  it('refuses groups nested deeper than any real document, without exhausting the stack', async () => {
    const deep = rtf(`{\\rtf1 ${'{'.repeat(100_000)}x${'}'.repeat(100_000)}}`);
    expect(await refusal(deep, 'deep.rtf')).toBe('deep.rtf: the RTF nests groups more than 400 deep, far beyond any real document');
    // 300 levels are fine.
    const ok = await importRtf(rtf(`{\\rtf1 ${'{'.repeat(300)}x${'}'.repeat(300)}}`), 'ok.rtf');
    expect(ok.text).toBe('x');
  });

  it('refuses an empty file, a non-RTF file and a DOCX named .rtf', async () => {
    expect(await refusal(new Uint8Array(0), 'empty.rtf')).toBe('empty.rtf: the file is empty');
    expect(await refusal(rtf('Just some text'), 'plain.rtf')).toBe('plain.rtf: this is not an RTF document (it does not start with "{\\rtf")');
    expect(await refusal(documentFixture('interview.docx'), 'word.rtf')).toMatch(/^word\.rtf: this is not an RTF document but a zip archive/);
  });
});

describe('Windows-1252, the default RTF code page', () => {
  it('decodes Word\'s curly quotes, dashes and the euro sign whatever TextDecoder does in this Node', async () => {
    const doc = await importRtf(rtf("{\\rtf1\\ansi \\'93Yes\\'94 \\'96 it\\'92s \\'80 5 \\'85\\'81\\par}"), 'quotes.rtf');
    // Expected from the Windows-1252 table (WHATWG index-windows-1252); 0x81 is undefined there and kept as U+0081.
    expect(doc.text).toBe('\u201cYes\u201d \u2013 it\u2019s \u20ac 5 \u2026\u0081');
  });
});
