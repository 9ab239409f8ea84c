import { describe, expect, it, vi } from 'vitest';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { buildLines, importPdf, joinLines, removeRunningHeadersAndFooters, type PdfjsLib } from '../../../shared/import/pdf';
import { importDocx } from '../../../shared/import/docx';
import { ImportError } from '../../../shared/import/types';
import { normaliseText } from '../../../shared/text/normalise';
import { helveticaWidth } from '../../fixtures/documents/rtf-pdf-fixtures';
import { blockTexts, documentFixture } from './files';

const loadPdfjs = (): Promise<PdfjsLib> => import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfjsLib>;

async function refusal(bytes: Uint8Array, fileName: string, loader = loadPdfjs): Promise<string> {
  const error = await importPdf(bytes, fileName, loader).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).file).toBe(fileName);
  return (error as ImportError).message;
}

/** A text item as pdfjs gives it, at (x, y) in Helvetica of the given size. */
const item = (str: string, x: number, y: number, size = 10): TextItem => ({
  str,
  dir: 'ltr',
  transform: [size, 0, 0, size, x, y],
  width: helveticaWidth(str, size),
  height: str.trim() === '' ? 0 : size,
  fontName: 'g_d0_f1',
  hasEOL: false,
});

describe('importPdf on LibreOffice 7.4 export of the interview', () => {
  it('rebuilds headings, paragraphs, list items and table rows from positions', async () => {
    const doc = await importPdf(documentFixture('interview.pdf'), 'interview.pdf', loadPdfjs);
    expect(doc.format).toBe('pdf');
    expect(doc.name).toBe('interview');
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
      'paragraph: Participant: It gave me professional confidence \u{1F60A}[i]',
      'paragraph: Interviewer:\tAnd afterwards?',
      'paragraph: We met again in May.',
      'paragraph: Participant: Yes, that was it.',
      // Notes stay where the PDF prints them, at the foot of their page; LibreOffice numbers endnotes i, ii, ...
      'paragraph: [1] Names have been changed.',
      'paragraph: [i] Transcript checked by the participant.',
    ]);
    expect(doc.text).toBe(normaliseText(doc.text));
    expect(doc.comments).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('gives the same body text as the Word original, notes aside', async () => {
    const fromPdf = await importPdf(documentFixture('interview.pdf'), 'interview.pdf', loadPdfjs);
    const fromDocx = await importDocx(documentFixture('interview.docx'), 'interview.docx');
    const docxBody = fromDocx.text.slice(0, fromDocx.text.indexOf('\nNotes\n')).replace('[2]', '[i]');
    const pdfBody = fromPdf.text.slice(0, fromPdf.text.indexOf('\n[1] Names'));
    expect(pdfBody).toBe(docxBody);
  });

  it('refuses the password-protected export', async () => {
    expect(await refusal(documentFixture('interview-password.pdf'), 'locked.pdf')).toBe(
      'locked.pdf: the PDF is password-protected or encrypted; save a copy without a password and import that',
    );
  });
});

describe('importPdf on hand-written PDFs', () => {
  it('puts spaces between words drawn as separate items, collapses tabs and runs of spaces, and joins a split word', async () => {
    const doc = await importPdf(documentFixture('words-as-items.pdf'), 'words.pdf', loadPdfjs);
    expect(doc.text).toBe('Interviewer: How did the meeting start?\nParticipant: We went round the table.\nIt felt professional.');
  });

  it('repairs hyphenation at line ends by the documented rule', async () => {
    const doc = await importPdf(documentFixture('hyphenation.pdf'), 'hyphens.pdf', loadPdfjs);
    expect(blockTexts(doc)).toEqual([
      'paragraph: We met every professional at the multi-agency meeting about the well-being of the child and an international adoption.',
      'paragraph: Every multi-agency meeting was minuted.',
    ]);
  });

  it('leaves out a repeated header and numbered footer, and carries a paragraph over the page break', async () => {
    const doc = await importPdf(documentFixture('headers-footers.pdf'), 'pages.pdf', loadPdfjs);
    expect(blockTexts(doc)).toEqual([
      'paragraph: Interviewer: Tell me about the meeting.',
      'paragraph: and the second part of the answer went on for quite a long time, filling the line to the margin before the page ended.',
      'paragraph: Participant: It went well.',
      'paragraph: Interviewer: Thank you.',
    ]);
    expect(doc.warnings).toEqual(['6 repeated page header and footer lines were left out']);
  });

  it('refuses a PDF without a text layer', async () => {
    expect(await refusal(documentFixture('no-text.pdf'), 'scan.pdf')).toBe(
      'scan.pdf: the PDF has no text layer (it may be a scanned image); Tessera does not do OCR',
    );
  });

  it('leaves the caller\'s bytes intact', async () => {
    const bytes = documentFixture('hyphenation.pdf');
    const copy = bytes.slice();
    await importPdf(bytes, 'hyphens.pdf', loadPdfjs);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(bytes).toEqual(copy);
  });
});

describe('importPdf refuses bad input with a message naming the file and the reason', () => {
  it('refuses empty, foreign and truncated files, loading pdfjs only for what looks like a PDF', async () => {
    const loader = vi.fn(loadPdfjs);
    expect(await refusal(new Uint8Array(0), 'empty.pdf', loader)).toBe('empty.pdf: the file is empty');
    expect(await refusal(documentFixture('interview.docx'), 'word.pdf', loader)).toBe(
      'word.pdf: this is not a PDF but a zip archive; import it under its own file type',
    );
    expect(await refusal(Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256), 'noise.pdf', loader)).toBe(
      'noise.pdf: this is not a PDF document (it has no PDF header)',
    );
    expect(loader).not.toHaveBeenCalled();
    const whole = documentFixture('interview.pdf');
    expect(await refusal(whole.subarray(0, whole.length >> 1), 'cut.pdf', loader)).toMatch(
      /^cut\.pdf: the PDF is damaged or incomplete and could not be opened/,
    );
    expect(loader).toHaveBeenCalledTimes(1);
  });
});

describe('buildLines', () => {
  it('orders items by baseline then x, whatever order the content stream drew them in', () => {
    const lines = buildLines([item('second', 72, 700), item('line', 110, 700), item('First', 72, 712), item('line', 100, 712)], 1);
    expect(lines.map((l) => l.text)).toEqual(['First line', 'second line']);
  });

  it('joins touching pieces, spaces separate words, and turns wide gaps into tabs', () => {
    const x2 = 72 + helveticaWidth('profes', 10);
    const [line] = buildLines(
      [
        item('profes', 72, 700),
        item('sional', x2, 700),
        item('work', x2 + helveticaWidth('sional', 10) + 2.8, 700),
        item('Yes', 300, 700),
      ],
      1,
    );
    expect(line?.text).toBe('professional work\tYes');
    expect(line?.tabs).toBe(1);
  });

  it('collapses tabs and runs of spaces inside and between items', () => {
    const [line] = buildLines([item('We \t went', 72, 700), item('   ', 120, 700), item('round', 126, 700)], 1);
    expect(line?.text).toBe('We went round');
  });

  it('keeps a raised note mark on its line as [n], and opens a note at the page foot with it', () => {
    const end = 72 + helveticaWidth('Recorded.', 10);
    const lines = buildLines(
      [item('Recorded.', 72, 700), item('1', end, 703.9, 5.8), item('1', 72, 78, 5.8), item('A note.', 75, 74.2)],
      1,
    );
    expect(lines.map((l) => l.text)).toEqual(['Recorded.[1]', '[1] A note.']);
  });

  it('recognises a bullet and measures where the text after it starts', () => {
    const [line] = buildLines([item('\u25cf', 90, 700), item(' ', 96, 700), item('a plan', 108, 700)], 1);
    expect(line).toMatchObject({ bullet: true, text: 'a plan', left: 90, textLeft: 108 });
  });
});

describe('buildLines with right-to-left text', () => {
  it('reads a Hebrew line from its right edge', () => {
    const rtl = (str: string, x: number): TextItem => ({ ...item(str, x, 700), dir: 'rtl', width: 20 });
    const [line] = buildLines([rtl('\u05e2\u05d5\u05dc\u05dd', 277), rtl('\u05e9\u05dc\u05d5\u05dd', 300)], 1);
    expect(line?.text).toBe('\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd');
    expect([line?.left, line?.right]).toEqual([277, 320]);
  });
});

describe('removeRunningHeadersAndFooters', () => {
  const page = (...texts: string[]) => ({
    width: 595,
    lines: buildLines(
      texts.map((t, i) => item(t, 72, 800 - i * 20)),
      1,
    ),
  });

  it('removes a footer whose page number changes, even over two pages', () => {
    const pages = [page('Body one.', 'More.', 'Page 1'), page('Body two.', 'Page 2')];
    expect(removeRunningHeadersAndFooters(pages)).toBe(2);
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([['Body one.', 'More.'], ['Body two.']]);
  });

  it('keeps identical short answers that merely open two pages', () => {
    const pages = [page('Interviewer: Okay.', 'Participant: Yes.'), page('Interviewer: Okay.', 'Participant: No.')];
    expect(removeRunningHeadersAndFooters(pages)).toBe(0);
  });
});

describe('joinLines', () => {
  const known = (words: string[], compounds: string[] = []) => ({ words: new Set(words), compounds: new Set(compounds) });

  it('joins a word broken by a hyphen when the next part starts lower-case', () => {
    expect(joinLines(['every profes-', 'sional here'], known([]))).toBe('every professional here');
  });

  it('keeps the hyphen when the hyphenated form appears elsewhere in the document', () => {
    expect(joinLines(['a multi-', 'agency meeting'], known([], ['multi-agency']))).toBe('a multi-agency meeting');
    expect(joinLines(['a data-', 'base'], known([], ['data-base']))).toBe('a data-base');
  });

  it('keeps the hyphen after a prefix that takes one, unless the joined word appears elsewhere', () => {
    expect(joinLines(['the well-', 'being of'], known([]))).toBe('the well-being of');
    expect(joinLines(['non-', 'verbal'], known(['nonverbal']))).toBe('nonverbal');
    expect(joinLines(['an inter-', 'national'], known([]))).toBe('an international');
  });

  it('keeps the hyphen before a capital or a digit, drops a soft hyphen, and spaces a dash', () => {
    expect(joinLines(['Anglo-', 'Saxon'], known([]))).toBe('Anglo-Saxon');
    expect(joinLines(['COVID-', '19 rules'], known([]))).toBe('COVID-19 rules');
    expect(joinLines(['profes\u00ad', 'sional'], known([]))).toBe('professional');
    expect(joinLines(['yes -', 'no'], known([]))).toBe('yes - no');
    expect(joinLines(['one', 'two', 'three'], known([]))).toBe('one two three');
  });
});
