import mammoth from 'mammoth';
import { zipSync } from 'fflate';
import { DEFAULT_ZIP_LIMITS, findEntry, unzipSafely, UnsafeArchiveError, type ZipLimits } from '../zip/safe-unzip';
import { normaliseText } from '../text/normalise';
import { plural } from '../text/plural';
import { DocumentTextBuilder, makeDocument } from './text-builder';
import { ImportError, type ImportedComment, type ImportedDocument } from './types';
import { sniffOtherFormat } from './sniff';

/*
 * DOCX import.
 *
 * The archive is opened with unzipSafely (limits checked from the central directory before anything inflates),
 * only its XML parts are kept, and mammoth reads a fresh uncompressed archive of those parts, so mammoth never
 * inflates anything from the outside world. We take mammoth's document tree (through its transformDocument hook)
 * and lay the text out ourselves:
 *
 * - every paragraph, heading (level 1-9; Title is level 1), list item (level = nesting depth, from 1) and table
 *   row is one block, blocks joined by "\n";
 * - a table row is its cells joined by a tab ("\t"); paragraphs inside one cell are joined by a space, and tabs
 *   inside a cell become spaces so the tab only ever separates cells;
 * - a line break inside a paragraph is "\n" (within the block); soft hyphens are removed (they are invisible in
 *   Word and would break searching);
 * - a footnote or endnote reference becomes "[n]" in the text, numbered 1, 2, 3... in reading order over both
 *   kinds; after the body comes a heading "Notes" and one block per note, "[n] note text";
 * - a Word comment is anchored to the text between its range start and end marks; a comment with no range (only a
 *   reference mark) is anchored to the whole paragraph holding its reference.
 *
 * mammoth drops the comment range marks, so before reading we rename them in document.xml to bookmarks with
 * reserved names, which mammoth keeps as elements in its tree.
 */

const COMMENT_MARK = '__tessera_comment_';

/** The XML of even a very long transcript is tens of megabytes; anything far beyond is refused unread. */
const DOCX_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 128 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** The parts of mammoth's document tree we read (mammoth's documents.js). */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  noteType?: string;
  noteId?: string;
  body?: MammothElement[];
  commentId?: string;
  authorName?: string;
  name?: string;
  breakType?: string;
  checked?: boolean;
  notes?: { _notes?: Record<string, MammothElement>; findNoteByKey?: (key: string) => MammothElement | null };
  comments?: MammothElement[];
}

export async function importDocx(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
  const entries = openDocxArchive(bytes, fileName);
  const tree = await readWithMammoth(entries, fileName);
  return layOut(tree, fileName);
}

function openDocxArchive(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  if (isOleCompoundFile(bytes)) {
    if (containsUtf16(bytes, 'WordDocument') && !containsUtf16(bytes, 'EncryptionInfo')) {
      throw new ImportError(
        fileName,
        'this is an older Word 97-2003 document (.doc), which Tessera cannot read; open it in Word or LibreOffice and save it as .docx',
      );
    }
    throw new ImportError(
      fileName,
      'the file is password-protected or encrypted; remove the password in Word (File > Info > Protect Document) and import it again',
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const other = sniffOtherFormat(bytes);
    throw new ImportError(
      fileName,
      other
        ? `this is not a Word document (.docx) but ${other}; import it under its own file type`
        : 'this is not a Word document (.docx): its contents are not a Word package (the file may be damaged or of another kind)',
    );
  }
  let entries: Record<string, Uint8Array>;
  try {
    // Only XML parts are needed for the text; images and embedded files are never inflated.
    entries = unzipSafely(bytes, (name) => /\.(xml|rels)$/i.test(name), DOCX_LIMITS);
  } catch (error) {
    if (error instanceof UnsafeArchiveError) {
      throw new ImportError(fileName, `Tessera refused to open this file because ${error.message}`);
    }
    throw new ImportError(fileName, 'the file is damaged or incomplete (it may have been cut short while copying or downloading)');
  }
  for (const [name, data] of Object.entries(entries)) {
    // Word never writes a DOCTYPE; one here could only serve entity expansion tricks.
    if (/<!DOCTYPE/i.test(new TextDecoder().decode(data.subarray(0, 4096)))) {
      throw new ImportError(fileName, `the part "${name}" declares a DOCTYPE, which Word never writes; Tessera refuses it for safety`);
    }
  }
  if (!findEntry(entries, 'word/document.xml')) {
    const hint = findEntry(entries, 'content.xml') ? ' (it looks like an OpenDocument file; rename it to .odt)' : '';
    throw new ImportError(fileName, `this is not a Word document: it has no document body (word/document.xml)${hint}`);
  }
  return entries;
}

function isOleCompoundFile(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && ole.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const needle = new Uint8Array(word.length * 2);
  for (let i = 0; i < word.length; i += 1) needle[i * 2] = word.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Renames comment range marks to bookmarks mammoth keeps: <w:commentRangeStart w:id="3"/> -> bookmark "..._start_3". */
export function markCommentRanges(xml: string): string {
  return xml.replace(
    /<(\/?)([A-Za-z_][\w.-]*:)?commentRange(Start|End)\b([^>]*?)(\/?)>/g,
    (_all, closing: string, prefix: string | undefined, side: string, attrs: string, selfClosing: string) => {
      const p = prefix ?? '';
      if (closing) return `</${p}bookmarkStart>`;
      const id = /(?:^|\s)(?:[\w.-]+:)?id\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1] ?? '';
      const name = `${COMMENT_MARK}${side.toLowerCase()}_${id.replace(/[^\w-]/g, '')}`;
      return `<${p}bookmarkStart ${p}name="${name}"${selfClosing}>`;
    },
  );
}

async function readWithMammoth(entries: Record<string, Uint8Array>, fileName: string): Promise<MammothElement> {
  const parts: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of Object.entries(entries)) {
    let content = data;
    if (name.toLowerCase() === 'word/document.xml') {
      content = new TextEncoder().encode(markCommentRanges(decodeUtf8(data)));
    }
    parts[name] = [content, { level: 0 }];
  }
  const repacked = zipSync(parts);
  const arrayBuffer = repacked.buffer.slice(repacked.byteOffset, repacked.byteOffset + repacked.byteLength);
  // mammoth's browser build reads `arrayBuffer`, its Node build `buffer`; JSZip takes an ArrayBuffer for both.
  const input = { arrayBuffer, buffer: arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer };
  let tree: MammothElement | undefined;
  try {
    await mammoth.convertToHtml(input, {
      transformDocument: (document: MammothElement) => {
        tree = document;
        // Nothing is left for mammoth's own HTML conversion to do.
        return { ...document, children: [] };
      },
    });
  } catch (error) {
    // Programming errors inside the reader (TypeError) and raw XML parser output mean nothing to a researcher:
    // say what happened in their terms, and keep a readable detail only when there is one.
    const detail = error instanceof Error ? error.message : String(error);
    const readable = !(error instanceof TypeError) && !/xmldom|Cannot read prop|undefined|null \(reading/i.test(detail);
    throw new ImportError(
      fileName,
      `the Word document could not be read: a part inside it is damaged or incomplete${readable ? ` (${detail})` : ''}. Open it in Word or LibreOffice and save it again as .docx`,
    );
  }
  if (!tree) throw new ImportError(fileName, 'the Word document could not be read; it may be damaged');
  return tree;
}

function decodeUtf8(bytes: Uint8Array): string {
  // Keep a byte order mark as it is: the XML reader after us accepts it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function headingLevel(paragraph: MammothElement): number | undefined {
  for (const style of [paragraph.styleName, paragraph.styleId]) {
    if (!style) continue;
    const match = /^heading\s*([1-9])$/i.exec(style.trim());
    if (match) return Number(match[1]);
    if (/^title$/i.test(style.trim())) return 1;
  }
  return undefined;
}

interface Layout {
  builder: DocumentTextBuilder;
  noteOrder: { key: string; number: number }[];
  noteNumbers: Map<string, number>;
  /** Comment id -> key of the paragraph block holding its reference mark. */
  commentParagraph: Map<string, string>;
  paragraphCount: number;
  images: number;
}

function layOut(document: MammothElement, fileName: string): ImportedDocument {
  const layout: Layout = {
    builder: new DocumentTextBuilder(),
    noteOrder: [],
    noteNumbers: new Map(),
    commentParagraph: new Map(),
    paragraphCount: 0,
    images: 0,
  };
  const { builder } = layout;
  for (const child of document.children ?? []) layOutBlock(child, layout);
  builder.end();

  const notes = layout.noteOrder
    .map(({ key, number }) => ({ number, note: findNote(document, key) }))
    .filter((n): n is { number: number; note: MammothElement } => n.note !== undefined);
  if (notes.length > 0) {
    builder.add('Notes', 'heading', 1);
    for (const { number, note } of notes) {
      builder.begin('note');
      builder.write(`[${number}] `);
      const paragraphs = (note.body ?? []).map((p) => inlineText(p, layout, false)).filter((t) => t.trim() !== '');
      builder.write(paragraphs.join('\n'));
      builder.end();
    }
  }
  const built = builder.finish();

  const warnings: string[] = [];
  const comments: ImportedComment[] = [];
  let unanchored = 0;
  for (const comment of document.comments ?? []) {
    const id = comment.commentId ?? '';
    let start = builder.anchors.get(`${COMMENT_MARK}start_${id}`);
    let end = builder.anchors.get(`${COMMENT_MARK}end_${id}`);
    if (start === undefined || end === undefined || start === end) {
      const paragraphKey = layout.commentParagraph.get(id);
      start = paragraphKey === undefined ? undefined : builder.anchors.get(`${paragraphKey}:start`);
      end = paragraphKey === undefined ? undefined : builder.anchors.get(`${paragraphKey}:end`);
    }
    if (start === undefined || end === undefined) {
      unanchored += 1;
      continue;
    }
    if (start > end) [start, end] = [end, start];
    const text = normaliseText((comment.body ?? []).map((p) => inlineText(p, layout, false)).join('\n')).trim();
    const imported: ImportedComment = { start, end, text };
    if (comment.authorName) imported.author = comment.authorName;
    comments.push(imported);
  }
  comments.sort((a, b) => a.start - b.start || a.end - b.end);
  if (unanchored > 0) {
    warnings.push(`${plural(unanchored, 'comment')} had no place in the text and ${unanchored === 1 ? 'was' : 'were'} left out`);
  }
  if (layout.images > 0) {
    warnings.push(`${plural(layout.images, 'image')} ${layout.images === 1 ? 'was' : 'were'} left out (Tessera imports text only)`);
  }
  return makeDocument(fileName, 'docx', built, comments, warnings);
}

function findNote(document: MammothElement, key: string): MammothElement | undefined {
  const notes = document.notes;
  if (!notes) return undefined;
  if (typeof notes.findNoteByKey === 'function') return notes.findNoteByKey(key) ?? undefined;
  return notes._notes?.[key];
}

function layOutBlock(element: MammothElement, layout: Layout): void {
  const { builder } = layout;
  switch (element.type) {
    case 'paragraph': {
      const heading = headingLevel(element);
      if (heading !== undefined) builder.begin('heading', heading);
      else if (element.numbering) builder.begin('list-item', Number(element.numbering.level || 0) + 1);
      else builder.begin('paragraph');
      const key = `p${layout.paragraphCount++}`;
      builder.anchor(`${key}:start`, 'start');
      writeInline(element.children ?? [], layout, key, true);
      builder.anchor(`${key}:end`, 'end');
      builder.end();
      return;
    }
    case 'table':
      for (const row of element.children ?? []) {
        if (row.type === 'tableRow') layOutRow(row, layout);
        else layOutBlock(row, layout);
      }
      return;
    case 'tableRow':
      layOutRow(element, layout);
      return;
    case 'bookmarkStart':
      if (element.name?.startsWith(COMMENT_MARK)) {
        builder.anchor(element.name, element.name.startsWith(`${COMMENT_MARK}start`) ? 'start' : 'end');
      }
      return;
    default:
      // Anything else at block level (a run outside a paragraph, a text box's contents) is read as a paragraph.
      if (element.children) {
        const inlineOnly = element.children.every((c) => c.type !== 'paragraph' && c.type !== 'table');
        if (inlineOnly) {
          builder.begin('paragraph');
          writeInline([element], layout, undefined, true);
          builder.end();
        } else {
          for (const child of element.children) layOutBlock(child, layout);
        }
      }
  }
}

function layOutRow(row: MammothElement, layout: Layout): void {
  const { builder } = layout;
  builder.begin('table-row');
  let first = true;
  for (const cell of row.children ?? []) {
    if (!first) builder.write('\t');
    first = false;
    writeCell(cell.children ?? [], layout);
  }
  builder.end();
}

/** Writes a cell's contents on one line: paragraphs joined by a space, nested tables flattened. */
function writeCell(children: MammothElement[], layout: Layout): void {
  let firstParagraph = true;
  for (const child of children) {
    if (child.type === 'paragraph') {
      if (!firstParagraph && !/\s$/.test(layout.builder.openText)) layout.builder.write(' ');
      firstParagraph = false;
      const key = `p${layout.paragraphCount++}`;
      layout.builder.anchor(`${key}:start`, 'start');
      writeInline(child.children ?? [], layout, key, false);
      layout.builder.anchor(`${key}:end`, 'end');
    } else if (child.type === 'table') {
      for (const row of child.children ?? []) {
        for (const cell of row.children ?? []) {
          if (!/(^|\s)$/.test(layout.builder.openText)) layout.builder.write(' ');
          writeCell(cell.children ?? [], layout);
        }
      }
    } else {
      writeInline([child], layout, undefined, false);
    }
  }
}

/**
 * Writes inline content into the open block. `paragraphKey` names the paragraph for comments without a range;
 * `keepTabs` is false inside table cells, where a tab is the cell separator.
 */
function writeInline(children: MammothElement[], layout: Layout, paragraphKey: string | undefined, keepTabs: boolean): void {
  const { builder } = layout;
  for (const child of children) {
    switch (child.type) {
      case 'text':
        builder.write((child.value ?? '').replace(/\u00ad/g, '').replace(/\t/g, keepTabs ? '\t' : ' '));
        break;
      case 'tab':
        builder.write(keepTabs ? '\t' : ' ');
        break;
      case 'break':
        if (child.breakType === 'line' || child.breakType === undefined) builder.write('\n');
        break;
      case 'checkbox':
        builder.write(child.checked ? '☒' : '☐');
        break;
      case 'image':
        layout.images += 1;
        break;
      case 'noteReference': {
        const key = `${child.noteType}-${child.noteId}`;
        let number = layout.noteNumbers.get(key);
        if (number === undefined) {
          number = layout.noteOrder.length + 1;
          layout.noteNumbers.set(key, number);
          layout.noteOrder.push({ key, number });
        }
        builder.write(`[${number}]`);
        break;
      }
      case 'commentReference':
        if (paragraphKey !== undefined && child.commentId !== undefined) {
          layout.commentParagraph.set(child.commentId, paragraphKey);
        }
        break;
      case 'bookmarkStart':
        if (child.name?.startsWith(COMMENT_MARK)) {
          builder.anchor(child.name, child.name.startsWith(`${COMMENT_MARK}start`) ? 'start' : 'end');
        }
        break;
      case 'paragraph':
      case 'table':
        // A text box inside a run holds whole paragraphs: keep their words, separated from what surrounds them.
        if (!/(^|\s)$/.test(builder.openText)) builder.write(' ');
        writeInline(child.children ?? [], layout, paragraphKey, keepTabs);
        break;
      default:
        if (child.children) writeInline(child.children, layout, paragraphKey, keepTabs);
    }
  }
}

/** Plain text of an element (a note's or comment's paragraph), without touching the builder. */
function inlineText(element: MammothElement, layout: Layout, keepTabs: boolean): string {
  switch (element.type) {
    case 'text':
      return (element.value ?? '').replace(/\u00ad/g, '');
    case 'tab':
      return keepTabs ? '\t' : ' ';
    case 'break':
      return element.breakType === 'line' ? '\n' : '';
    case 'image':
      layout.images += 1;
      return '';
    case 'paragraph':
    case 'tableRow':
      return (element.children ?? []).map((c) => inlineText(c, layout, keepTabs)).join(element.type === 'tableRow' ? ' ' : '');
    default:
      return (element.children ?? []).map((c) => inlineText(c, layout, keepTabs)).join(element.type === 'table' ? '\n' : '');
  }
}
