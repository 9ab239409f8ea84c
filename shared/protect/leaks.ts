/**
 * The leak check: is any real term of the pseudonym table still in what is about to leave the machine?
 *
 * Every term is looked for on its own (not longest first, so nothing hides behind a longer term), as a whole word,
 * ignoring case: "KAYDEN" and "kayden" are leaks of "Kayden". The one exception is an entry marked case-sensitive (a
 * name that is also an ordinary word, "Summer", "Dawn"): its all-lower-case form is the ordinary word, not a leak.
 *
 * Text, JSON and XML are read as their text (JSON strings decoded, XML entities decoded, and XML also read with its
 * tags removed, so a name split across formatted runs of a Word document is still found). A zip archive (.qdpx,
 * .docx, .odt, .xlsx) is opened and each entry read so. PDFs and encrypted files cannot be read and are refused.
 */
import { memoContentToPlainText } from '../model/memo-content';
import type { ProjectData } from '../model/types';
import { unzipSafely } from '../zip/safe-unzip';
import { isEncryptedContainer } from './encrypted-container';
import { termPattern } from './matching';
import type { PseudonymCategory, PseudonymEntry, PseudonymTable } from './table';

export interface LeakHit {
  /** The table's term. */
  term: string;
  category: PseudonymCategory;
  /** The text found, as written. */
  found: string;
  /** Where: the archive entry, the JSON path, or the field of a project (empty for a plain text). */
  where: string;
  /** Offset of the hit in the text read at `where`. */
  index: number;
  /** The hit with some words either side. */
  context: string;
}

export interface LeakCheckOptions {
  /** Names the file in errors and in `where` (default "file"). */
  fileName?: string;
}

function compile(table: PseudonymTable): { entry: PseudonymEntry; pattern: RegExp }[] {
  return table.map((entry) => ({ entry, pattern: termPattern(entry.term, false) }));
}

function scanText(text: string, compiled: { entry: PseudonymEntry; pattern: RegExp }[], where: string): LeakHit[] {
  const hits: LeakHit[] = [];
  for (const { entry, pattern } of compiled) {
    const ordinaryWordToo = entry.caseSensitive === true && entry.term !== entry.term.toLowerCase();
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      if (ordinaryWordToo && m[0] === m[0].toLowerCase()) continue;
      // Some words either side, not cut inside a word.
      const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, m.index - 40)) + 1);
      const after = text.indexOf(' ', Math.min(text.length, m.index + m[0].length + 40));
      const to = after < 0 ? text.length : after;
      hits.push({
        term: entry.term,
        category: entry.category,
        found: m[0],
        where,
        index: m.index,
        context: text.slice(from, to).replace(/\s+/g, ' ').trim(),
      });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

function walkJson(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkJson(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, `${path}{key}`);
      walkJson(v, path ? `${path}.${k}` : k, visit);
    }
  }
}

const BLOCK_TAG = /<\/?(?:[\w-]+:)?(?:p|h\d?|br|tab|tr|tc|td|th|li|div|table|body|section|line-break|s|PlainTextContent|Description)\b[^>]*>/gi;

const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
}

/** Hits in text read piece by piece, plus those only seen with the pieces joined (each term counted once). */
function withJoined(raw: LeakHit[], joined: LeakHit[]): LeakHit[] {
  const seen = new Map<string, number>();
  for (const h of raw) seen.set(h.term, (seen.get(h.term) ?? 0) + 1);
  const extra: LeakHit[] = [];
  const used = new Map<string, number>();
  for (const h of joined) {
    const n = (used.get(h.term) ?? 0) + 1;
    used.set(h.term, n);
    if (n > (seen.get(h.term) ?? 0)) extra.push(h);
  }
  return [...raw, ...extra];
}

function scanDocument(text: string, name: string, compiled: { entry: PseudonymEntry; pattern: RegExp }[]): LeakHit[] {
  const trimmed = text.trimStart();
  if (/\.json$/i.test(name) || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && !/\.(?:txt|md|csv)$/i.test(name))) {
    try {
      const value: unknown = JSON.parse(text);
      const hits: LeakHit[] = [];
      walkJson(value, '', (s, path) => hits.push(...scanText(s, compiled, path ? `${name}:${path}` : name)));
      return hits;
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  if (/\.(?:xml|qde|qdc|html?|rels|xhtml|svg)$/i.test(name) || trimmed.startsWith('<')) {
    const raw = scanText(decodeEntities(text), compiled, name);
    // With the tags removed, a name split across runs ("<w:t>Kay</w:t><w:t>den</w:t>") is whole again.
    // Paragraph, cell, line and tab elements separate words; other tags (formatted runs) do not.
    const textOnly = text.replace(BLOCK_TAG, ' ').replace(/<[^>]*>/g, '');
    return withJoined(raw, scanText(decodeEntities(textOnly), compiled, `${name} (text)`));
  }
  return scanText(text, compiled, name);
}

/**
 * Every place a real term of the table occurs in an export: a text, or a file's bytes (plain text, JSON, XML, or a
 * zip archive of them such as a .qdpx). Empty when nothing leaked. Throws an Error naming the file for files it
 * cannot read (encrypted, PDF, a damaged archive), so that "no leaks" is never said of a file that was not checked.
 */
export function findLeaks(input: string | Uint8Array, table: PseudonymTable, options: LeakCheckOptions = {}): LeakHit[] {
  const fileName = options.fileName ?? 'file';
  const compiled = compile(table);
  if (typeof input === 'string') return scanText(input, compiled, '');
  if (isEncryptedContainer(input)) {
    throw new Error(`${fileName}: the file is encrypted; decrypt it to check it for leaks.`);
  }
  if (input[0] === 0x25 && input[1] === 0x50 && input[2] === 0x44 && input[3] === 0x46) {
    throw new Error(`${fileName}: PDF files cannot be checked for leaks; check the project or document the PDF was made from.`);
  }
  if (input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSafely(input);
    } catch (error) {
      throw new Error(`${fileName}: could not be opened to check it for leaks (${error instanceof Error ? error.message : String(error)}).`);
    }
    return Object.entries(entries).flatMap(([name, bytes]) => scanDocument(decodeBytes(bytes), name, compiled));
  }
  return scanDocument(decodeBytes(input), fileName, compiled);
}

/** Every place a real term occurs anywhere in a project's data: every string of every record, by table and field. */
export function findLeaksInProject(project: ProjectData, table: PseudonymTable): LeakHit[] {
  const compiled = compile(table);
  const hits: LeakHit[] = [];
  const visit = (text: string, path: string): void => {
    // A memo's rich content is JSON inside a string: read its strings, not its escapes.
    if (text.startsWith('{') && text.endsWith('}')) {
      try {
        const raw: LeakHit[] = [];
        walkJson(JSON.parse(text) as unknown, path, (inner, innerPath) => raw.push(...scanText(inner, compiled, innerPath)));
        // A name split across formatted runs is whole in the memo's text.
        hits.push(...withJoined(raw, scanText(memoContentToPlainText(text), compiled, `${path} (text)`)));
        return;
      } catch {
        // Not JSON: read it as text.
      }
    }
    hits.push(...scanText(text, compiled, path));
  };
  for (const [key, value] of Object.entries(project)) walkJson(value, key, visit);
  return hits;
}
