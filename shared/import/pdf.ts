import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { plural } from '../text/plural';
import { DocumentTextBuilder, makeDocument, type BlockKind } from './text-builder';
import { ImportError, type ImportedDocument } from './types';
import { sniffOtherFormat } from './sniff';

/** The pdfjs-dist module. Node passes `import('pdfjs-dist/legacy/build/pdf.mjs')`, the browser its worker build. */
export type PdfjsLib = typeof import('pdfjs-dist');

export interface PdfImportOptions {
  /** Folder (Node) or URL (browser) of pdfjs's bundled CMaps, for PDFs with CJK fonts. Never fetched from afar. */
  cMapUrl?: string;
  /** Folder or URL of pdfjs's bundled standard font data. */
  standardFontDataUrl?: string;
}

/*
 * PDF import from the text layer (no OCR).
 *
 * 1. Lines: on each page, text items are grouped by baseline (items within half a font size of a line's baseline
 *    belong to it, so superscripts stay on their line) and read left to right; lines are read top to bottom.
 *    Within a line, a gap wider than 0.15 em between items is a space, a gap wider than 2 em a tab (table
 *    columns, tab stops); runs of white space inside items (some exporters put a tab or several spaces between
 *    words) collapse to one space; touching items are joined without a space. A small raised number or roman
 *    numeral (a note mark) becomes "[n]", as in the Word importer.
 * 2. Repeated headers and footers: the first and last two lines of each page are compared across pages with
 *    digits ignored; a line found on at least 60% of pages is left out (and on at least three, or two when it
 *    holds a number that changes), so running heads and "Page 3 of 10" disappear.
 * 3. Paragraphs: a line starts a new paragraph when the vertical gap before it exceeds 1.4 times the usual line
 *    pitch, the font size changes, it starts with a bullet, it is indented further than the paragraph, it holds
 *    two or more tabs (a table row, always its own block), it starts with a speaker label ("Name:") or a time
 *    stamp after a line that ended a sentence, or the line before it ended early: the first word of the new line
 *    would have fitted in the space left at the end of the previous one, so the line was not wrapped there. The
 *    same tests (without the gap) decide whether a paragraph carries on over a page break.
 * 4. Hyphenation at a line end, "a-" then "b...": when b starts with a lower-case letter the two are joined.
 *    The hyphen is kept if the hyphenated form "a-b" appears elsewhere in the document, or if a is one of a few
 *    prefixes that normally keep their hyphen (multi, non, self, well, cross...) and "ab" does not appear
 *    elsewhere; otherwise it is dropped ("profes-" + "sional" -> "professional"). Before an upper-case letter or
 *    a digit the hyphen is kept ("Anglo-Saxon", "COVID-19"). A soft hyphen at a line end is always dropped.
 * 5. Blocks: headings are paragraphs in a font at least 15% larger than the body text (level by size rank);
 *    bullet paragraphs are list items (bullet removed, level by indent rank); lines with two or more tabs are
 *    table rows; the rest are paragraphs.
 *
 * Right-to-left lines are read from the right. Text in several columns at the same height is read across the
 * columns; tagged reading order is not used.
 */

const KEEP_HYPHEN_PREFIXES = new Set(['all', 'anti', 'co', 'cross', 'ex', 'half', 'ill', 'mid', 'multi', 'non', 'self', 'semi', 'well']);
const BULLET = /^[\u2022\u25cf\u25cb\u25aa\u25a0\u25e6\u2043\u2219\u00b7\uf0b7\uf0a7\u27a2]\s+/u;
const SPEAKER_LABEL = /^(\p{Lu}[\p{L}\p{M}.'\u2019-]*)(\s+[\p{L}\p{M}.'\u2019-]+){0,3}\s?:(\s|$)/u;
const TIME_STAMP = /^[[(]?\d{1,2}:\d{2}(:\d{2})?([.,]\d+)?[\])]?\s/;
const NOTE_MARK = /^([0-9]{1,3}|[ivxlc]{1,6}|[*\u2020\u2021\u00a7])$/i;

interface Piece {
  x: number;
  y: number;
  right: number;
  size: number;
  text: string;
  blank: boolean;
  rtl: boolean;
}

interface Line {
  page: number;
  y: number;
  left: number;
  /** Left edge of the text after a bullet (equal to left without one). */
  textLeft: number;
  right: number;
  size: number;
  text: string;
  bullet: boolean;
  /** Width of the first word, estimated from the first piece. */
  firstWordWidth: number;
  tabs: number;
}

interface Page {
  lines: Line[];
  width: number;
}

export async function importPdf(
  bytes: Uint8Array,
  fileName: string,
  loadPdfjs: () => Promise<PdfjsLib>,
  options: PdfImportOptions = {},
): Promise<ImportedDocument> {
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  if (!String.fromCharCode(...bytes.subarray(0, 1024)).includes('%PDF-')) {
    const other = sniffOtherFormat(bytes);
    throw new ImportError(
      fileName,
      other && other !== 'a PDF document' ? `this is not a PDF but ${other}; import it under its own file type` : 'this is not a PDF document (it has no PDF header)',
    );
  }
  const pdfjs = await loadPdfjs();
  const pages = await readPages(pdfjs, bytes, fileName, options);
  const charCount = pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.text.length, 0), 0);
  if (charCount === 0) {
    throw new ImportError(fileName, 'the PDF has no text layer (it may be a scanned image); Tessera does not do OCR');
  }
  const warnings: string[] = [];
  const emptyPages = pages.map((p, i) => (p.lines.length === 0 ? i + 1 : 0)).filter((n) => n > 0);
  if (emptyPages.length > 0) {
    warnings.push(
      `${emptyPages.length === 1 ? `page ${emptyPages[0]} has` : `pages ${listPages(emptyPages)} have`} no text layer (a scanned image?) and ${emptyPages.length === 1 ? 'was' : 'were'} left out`,
    );
  }
  const removed = removeRunningHeadersAndFooters(pages);
  if (removed > 0) warnings.push(`${plural(removed, 'repeated page header or footer line', 'repeated page header and footer lines')} ${removed === 1 ? 'was' : 'were'} left out`);
  const doc = layOut(pages, fileName);
  doc.warnings.push(...warnings);
  return doc;
}

function listPages(pages: number[]): string {
  return pages.length <= 10 ? pages.join(', ') : `${pages.slice(0, 10).join(', ')} and ${pages.length - 10} more`;
}

async function readPages(pdfjs: PdfjsLib, bytes: Uint8Array, fileName: string, options: PdfImportOptions): Promise<Page[]> {
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of the buffer it is given; hand it a copy so the caller's bytes stay intact.
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
    ...(options.standardFontDataUrl ? { standardFontDataUrl: options.standardFontDataUrl } : {}),
  });
  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'PasswordException') {
        throw new ImportError(fileName, 'the PDF is password-protected or encrypted; save a copy without a password and import that');
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new ImportError(fileName, `the PDF is damaged or incomplete and could not be opened (${detail})`);
    }
    const pages: Page[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const [x0 = 0, , x1 = 612] = page.view;
      const items = content.items.filter((item): item is TextItem => 'str' in item);
      pages.push({ lines: buildLines(items, number, x0), width: x1 - x0 });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

const fontSize = (t: number[]): number => Math.hypot(t[2] ?? 0, t[3] ?? 0) || Math.hypot(t[0] ?? 0, t[1] ?? 0) || 1;

/** Groups a page's items into lines by baseline, top to bottom, each read left to right. */
export function buildLines(items: TextItem[], page: number, originX = 0): Line[] {
  const pieces: Piece[] = [];
  for (const item of items) {
    const text = item.str.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
    if (text === '') continue;
    const t = item.transform as number[];
    const x = (t[4] ?? 0) - originX;
    pieces.push({ x, y: t[5] ?? 0, right: x + item.width, size: fontSize(t), text, blank: text.trim() === '', rtl: item.dir === 'rtl' });
  }
  // Largest font first within equal heights, so a line's baseline is set by its body text, not a superscript.
  const ordered = pieces.filter((p) => !p.blank).sort((a, b) => b.y - a.y || b.size - a.size);
  const groups: { y: number; size: number; pieces: Piece[] }[] = [];
  for (const piece of ordered) {
    const group = groups.find((g) => Math.abs(g.y - piece.y) <= 0.5 * Math.max(g.size, piece.size));
    if (group) {
      group.pieces.push(piece);
      if (piece.size > group.size) {
        group.size = piece.size;
        group.y = piece.y;
      }
    } else {
      groups.push({ y: piece.y, size: piece.size, pieces: [piece] });
    }
  }
  // Blank pieces mark spaces: attach each to the line it sits on.
  for (const piece of pieces) {
    if (!piece.blank) continue;
    const group = groups.find((g) => Math.abs(g.y - piece.y) <= 0.5 * Math.max(g.size, piece.size));
    group?.pieces.push(piece);
  }
  groups.sort((a, b) => b.y - a.y);
  return groups.map((g) => assembleLine(g.pieces, g.y, page)).filter((line): line is Line => line !== undefined);
}

function assembleLine(pieces: Piece[], baseline: number, page: number): Line | undefined {
  // A right-to-left line (mostly Arabic or Hebrew items) is read from its right edge: mirror it, read it, and
  // mirror the measures back.
  const rtlChars = pieces.reduce((n, p) => n + (p.rtl ? p.text.length : 0), 0);
  const allChars = pieces.reduce((n, p) => n + p.text.length, 0);
  if (rtlChars * 2 > allChars) {
    const mirrored = assembleLine(
      pieces.map((p) => ({ ...p, x: -p.right, right: -p.x, rtl: false })),
      baseline,
      page,
    );
    if (!mirrored) return undefined;
    return { ...mirrored, left: -mirrored.right, right: -mirrored.left, textLeft: -mirrored.right };
  }
  pieces.sort((a, b) => a.x - b.x || Number(a.blank) - Number(b.blank));
  // The line's size is the size most of its characters are set in.
  const weights = new Map<number, number>();
  for (const p of pieces) if (!p.blank) weights.set(round(p.size), (weights.get(round(p.size)) ?? 0) + p.text.length);
  const size = [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  let text = '';
  let lastEnd: number | undefined;
  let spacePending = false;
  let tabs = 0;
  let first: Piece | undefined;
  let firstAfterBullet: Piece | undefined;
  for (const piece of pieces) {
    if (piece.blank) {
      spacePending = true;
      continue;
    }
    let str = piece.text.replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ');
    const isNoteMark = piece.size < 0.8 * size && piece.y > baseline + 0.15 * size && NOTE_MARK.test(str.trim());
    if (isNoteMark) str = `[${str.trim()}]`;
    if (lastEnd !== undefined) {
      const gap = piece.x - lastEnd;
      if (gap > 2 * size) {
        text += '\t';
        tabs += 1;
      } else if (!isNoteMark && (spacePending || gap > 0.15 * size || gap < -0.5 * size)) {
        text += ' ';
      }
    } else if (isNoteMark) {
      // A note mark opening a line (the note itself at the foot of the page) is followed by a space.
      str += ' ';
    }
    if (first === undefined) first = piece;
    else if (firstAfterBullet === undefined && BULLET.test(`${first.text.trim()} `) && first.text.trim().length === 1) firstAfterBullet = piece;
    text += str;
    lastEnd = Math.max(lastEnd ?? -Infinity, piece.right);
    spacePending = false;
  }
  text = text.replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').trim();
  if (text === '' || !first) return undefined;
  const bullet = BULLET.test(text.replace(/\t/, ' ')) && text.length > 2;
  const firstWord = /^\S+/.exec(first.text.trim())?.[0] ?? '';
  const firstText = first.text.trim();
  // The item's average character width, or a generous width by letter shape, whichever is wider: erring wide
  // keeps wrapped lines together rather than splitting paragraphs.
  const byAverage = firstText.length > 0 ? ((first.right - first.x) * firstWord.length) / firstText.length : 0;
  const firstWordWidth = Math.max(byAverage, estimateWidth(firstWord, first.size));
  const left = first.x;
  return {
    page,
    y: baseline,
    left,
    textLeft: bullet && firstAfterBullet ? firstAfterBullet.x : left,
    right: Math.max(...pieces.filter((p) => !p.blank).map((p) => p.right)),
    size,
    text: bullet ? text.replace(/^\S+\s+/, '') : text,
    bullet,
    firstWordWidth,
    tabs,
  };
}

const round = (n: number): number => Math.round(n * 2) / 2;

/** A width a little over what common fonts give the word, in points. */
function estimateWidth(word: string, size: number): number {
  let em = 0;
  for (const c of word) {
    if (/[mwMW@%]/.test(c)) em += 0.9;
    else if (/[ijlftrI.,:;'!|\u2019]/.test(c)) em += 0.32;
    else if (/[A-Z]/.test(c)) em += 0.72;
    else em += 0.58;
  }
  return em * size;
}

/** Removes lines that repeat at the top or bottom of most pages (digits ignored). Returns how many went. */
export function removeRunningHeadersAndFooters(pages: Page[]): number {
  const withText = pages.filter((p) => p.lines.length > 0);
  if (withText.length < 2) return 0;
  const key = (line: Line): string => line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const edgeLines = (page: Page): Line[] => {
    const { lines } = page;
    const edge = [...lines.slice(0, 2), ...lines.slice(-2)];
    return [...new Set(edge)];
  };
  const counts = new Map<string, number>();
  for (const page of withText) {
    for (const k of new Set(edgeLines(page).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // Two pages suffice for a line with a changing number ("Page 1", "Page 2"); other lines must repeat on three, so
  // two pages that merely start with the same short answer keep it.
  const needed = (k: string): number => Math.max(k.includes('#') ? 2 : 3, Math.ceil(withText.length * 0.6));
  let removed = 0;
  for (const page of withText) {
    const edges = new Set(edgeLines(page));
    const before = page.lines.length;
    page.lines = page.lines.filter((line) => !(edges.has(line) && (counts.get(key(line)) ?? 0) >= needed(key(line))));
    removed += before - page.lines.length;
  }
  return removed;
}

interface Paragraph {
  lines: Line[];
}

function layOut(pages: Page[], fileName: string): ImportedDocument {
  const lines = pages.flatMap((p) => p.lines);
  const pageWidth = new Map(pages.map((p, i) => [i + 1, p.width]));
  const bodySize = mostCommonSize(lines);
  const pitch = typicalPitches(lines);
  // The right edge of the text column: the furthest any line reaches, or the left margin mirrored.
  const columnRight = new Map<number, number>();
  pages.forEach((page, i) => {
    if (page.lines.length === 0) return;
    const left = Math.min(...page.lines.map((l) => l.left));
    const right = Math.max(...page.lines.map((l) => l.right));
    columnRight.set(i + 1, Math.max(right, (pageWidth.get(i + 1) ?? right) - left));
  });

  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  for (const line of lines) {
    const previous = current?.lines[current.lines.length - 1];
    if (!current || !previous || startsNewParagraph(current, previous, line, { pitch, columnRight })) {
      current = { lines: [line] };
      paragraphs.push(current);
    } else {
      current.lines.push(line);
    }
  }

  const words = documentWords(lines);
  const headingSizes = [...new Set(paragraphs.map((p) => round(p.lines[0]!.size)).filter((s) => s >= bodySize * 1.15))].sort((a, b) => b - a);
  const bulletIndents = [...new Set(paragraphs.filter((p) => p.lines[0]!.bullet).map((p) => Math.round(p.lines[0]!.left / 2) * 2))].sort((a, b) => a - b);
  const builder = new DocumentTextBuilder();
  for (const paragraph of paragraphs) {
    const head = paragraph.lines[0]!;
    const text = joinLines(paragraph.lines.map((l) => l.text), words);
    let kind: BlockKind = 'paragraph';
    let level: number | undefined;
    const headingRank = headingSizes.indexOf(round(head.size));
    if (head.tabs >= 2 && paragraph.lines.length === 1) {
      kind = 'table-row';
    } else if (headingRank >= 0 && text.length <= 200) {
      kind = 'heading';
      level = Math.min(headingRank + 1, 6);
    } else if (head.bullet) {
      kind = 'list-item';
      level = Math.max(1, bulletIndents.indexOf(Math.round(head.left / 2) * 2) + 1);
    }
    builder.add(text, kind, level);
  }
  return makeDocument(fileName, 'pdf', builder.finish(), [], []);
}

function mostCommonSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) weights.set(round(line.size), (weights.get(round(line.size)) ?? 0) + line.text.length);
  return [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** The usual distance between baselines for each font size: the lower quartile of observed gaps. */
function typicalPitches(lines: Line[]): Map<number, number> {
  const gaps = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || round(a.size) !== round(b.size)) continue;
    const gap = a.y - b.y;
    if (gap < 0.8 * a.size || gap > 4 * a.size) continue;
    const list = gaps.get(round(a.size)) ?? [];
    list.push(gap);
    gaps.set(round(a.size), list);
  }
  const pitches = new Map<number, number>();
  for (const [size, list] of gaps) {
    list.sort((x, y) => x - y);
    pitches.set(size, list[Math.floor((list.length - 1) / 4)]!);
  }
  return pitches;
}

function startsNewParagraph(
  paragraph: Paragraph,
  a: Line,
  b: Line,
  context: { pitch: Map<number, number>; columnRight: Map<number, number> },
): boolean {
  if (b.bullet || b.tabs >= 2 || a.tabs >= 2) return true;
  if (Math.abs(a.size - b.size) > 0.12 * Math.max(a.size, b.size)) return true;
  const endsSentence = /[.?!:;"\u201d\u2019)\]]$/.test(a.text);
  if (endsSentence && (SPEAKER_LABEL.test(b.text) || TIME_STAMP.test(b.text))) return true;
  const hyphenated = /[\p{L}][-\u2010\u00ad]$/u.test(a.text);
  const head = paragraph.lines[0]!;
  if (a.page === b.page) {
    const pitch = context.pitch.get(round(a.size));
    if (pitch !== undefined && a.y - b.y > 1.4 * pitch) return true;
    // Indented further than the paragraph's text: a first-line indent or a nested item.
    const paragraphLeft = paragraph.lines.length > 1 ? paragraph.lines[1]!.left : head.textLeft;
    if (b.left > paragraphLeft + 0.5 * b.size && !(paragraph.lines.length === 1 && b.left <= head.textLeft + 0.5 * b.size)) return true;
    // Starting further left than a wrapped line before it: only a first-line indent allows that.
    if (paragraph.lines.length > 1 && b.left < a.left - 0.5 * b.size) return true;
  }
  if (hyphenated) return false;
  // Would the first word of b have fitted at the end of a? Then a was not wrapped: its paragraph ended.
  const right = context.columnRight.get(a.page) ?? a.right;
  const room = right - a.right;
  return room > b.firstWordWidth + 0.25 * b.size;
}

/** Lower-cased words and hyphenated compounds that occur within lines (not split at a line end). */
function documentWords(lines: Line[]): { words: Set<string>; compounds: Set<string> } {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const line of lines) {
    const inner = line.text.replace(/[\p{L}]+[-\u2010\u00ad]$/u, '');
    for (const match of inner.matchAll(/[\p{L}\p{M}]+(?:[-\u2010][\p{L}\p{M}]+)*/gu)) {
      const token = match[0].toLowerCase();
      if (/[-\u2010]/.test(token)) compounds.add(token.replace(/\u2010/g, '-'));
      else words.add(token);
    }
  }
  return { words, compounds };
}

/** Joins a paragraph's lines: a space between them, or the hyphenation rule above at a line-end hyphen. */
export function joinLines(lines: string[], known: { words: Set<string>; compounds: Set<string> }): string {
  let text = lines[0] ?? '';
  for (const next of lines.slice(1)) {
    const hyphen = /([\p{L}\p{M}]+)([-\u2010\u00ad])$/u.exec(text);
    if (!hyphen) {
      text += ` ${next}`;
      continue;
    }
    const [, before = '', mark] = hyphen;
    if (mark === '\u00ad') {
      text = text.slice(0, -1) + next;
      continue;
    }
    const after = /^[\p{L}\p{M}]+/u.exec(next)?.[0] ?? '';
    if (after === '' || !/^\p{Ll}/u.test(after)) {
      // "Anglo-" + "Saxon", "COVID-" + "19": the hyphen belongs to the word.
      text += next;
      continue;
    }
    const compound = `${before}-${after}`.toLowerCase();
    const joined = `${before}${after}`.toLowerCase();
    const keep =
      known.compounds.has(compound) || (!known.words.has(joined) && KEEP_HYPHEN_PREFIXES.has(before.toLowerCase()));
    text = keep ? text + next : text.slice(0, -1) + next;
  }
  return text;
}
