import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import type { AttributeType } from '../model/types';
import { normaliseText } from '../text/normalise';
import { DEFAULT_ZIP_LIMITS, unzipSafely, UnsafeArchiveError, type ZipLimits } from '../zip/safe-unzip';
import { checkSize, decodeTextFile } from './encoding';
import { ImportError } from './types';

/**
 * Participant sheets: one row per participant (a case), one column per attribute, from CSV or XLSX.
 *
 * Everything here returns a proposal for the import preview to show and the user to correct: which column names
 * the participants, each attribute's inferred type, and which documents belong to whom. Nothing is stored here.
 */

export type SheetCell = string | number | boolean | Date | null;

/** A sheet as read: the header row's names and the rows below it (blank rows left out). */
export interface SheetTable {
  headers: string[];
  rows: SheetCell[][];
  /** 1-based sheet row number of each row, for messages ("row 7"). */
  rowNumbers: number[];
}

/** Largest participant sheet accepted, checked before reading: 20 MiB is far beyond any real list of cases. */
export const MAX_SHEET_FILE_BYTES = 20 * 1024 * 1024;

/** Zip limits for a workbook: a sheet of a few thousand rows is a few megabytes of XML. */
export const SHEET_ZIP_LIMITS: ZipLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxEntries: 5_000,
};

// ---------------------------------------------------------------------------------------------------------------
// Reading

function tableFrom(rawRows: SheetCell[][], fileName: string): SheetTable {
  const isBlank = (cell: SheetCell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');
  const numbered = rawRows
    .map((row, i) => ({ row: row.map((c) => (typeof c === 'string' ? normaliseText(c).trim() : c)), n: i + 1 }))
    .filter(({ row }) => !row.every(isBlank));
  const header = numbered.shift();
  if (!header) throw new ImportError(fileName, 'the sheet is empty: it has no header row and no participants.');
  if (numbered.length === 0) {
    throw new ImportError(fileName, 'the sheet has a header row but no participants below it.');
  }
  const width = Math.max(header.row.length, ...numbered.map(({ row }) => row.length));
  const seen = new Map<string, number>();
  const headers = Array.from({ length: width }, (_, i) => {
    const cell = header.row[i];
    let name = cell === null || cell === undefined || String(cell).trim() === '' ? `Column ${i + 1}` : String(cell).trim();
    const times = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), times);
    if (times > 1) name = `${name} (${times})`;
    return name;
  });
  return {
    headers,
    rows: numbered.map(({ row }) => Array.from({ length: width }, (_, i) => row[i] ?? null)),
    rowNumbers: numbered.map(({ n }) => n),
  };
}

/** Reads a CSV (comma, semicolon or tab separated, as Excel writes it in different countries). */
export function readCsvSheet(bytes: Uint8Array, fileName: string, encoding?: string): SheetTable {
  checkSize(fileName, bytes.length, MAX_SHEET_FILE_BYTES, 'participant sheets');
  const { text } = decodeTextFile(bytes, fileName, encoding);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    throw new ImportError(
      fileName,
      `the CSV has an unclosed quotation mark${broken.row !== undefined ? ` near row ${broken.row + 1}` : ''}; check the file in a spreadsheet program.`,
    );
  }
  return tableFrom(parsed.data, fileName);
}

/** Reads the first sheet (or the named or numbered one) of an .xlsx workbook, after checking the archive. */
export async function readXlsxSheet(bytes: Uint8Array, fileName: string, sheet?: string | number): Promise<SheetTable> {
  checkSize(fileName, bytes.length, MAX_SHEET_FILE_BYTES, 'participant sheets');
  // The archive is checked against our limits before the spreadsheet reader inflates anything.
  try {
    unzipSafely(bytes, (name) => /\.(?:xml|rels)$/i.test(name), SHEET_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof UnsafeArchiveError) {
      throw new ImportError(fileName, `Tessera refused to open this workbook because ${error.message}.`);
    }
    throw new ImportError(fileName, 'this is not an Excel workbook (.xlsx), or it is damaged.');
  }
  let rows: SheetCell[][];
  try {
    // The universal entry point reads an ArrayBuffer with no Node or DOM APIs, so it runs in the app and in Node.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = (await readSheet(buffer, sheet ?? 1)) as unknown as SheetCell[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError(fileName, `the workbook could not be read (${detail}).`);
  }
  return tableFrom(rows, fileName);
}

/** Reads a participant sheet by its extension: .csv (or .tsv, .txt) or .xlsx. */
export async function readParticipantSheet(
  bytes: Uint8Array,
  fileName: string,
  options: { encoding?: string; sheet?: string | number } = {},
): Promise<SheetTable> {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xlsx') return readXlsxSheet(bytes, fileName, options.sheet);
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return readCsvSheet(bytes, fileName, options.encoding);
  if (extension === 'xls' || extension === 'ods' || extension === 'numbers') {
    throw new ImportError(fileName, `.${extension} workbooks cannot be read; save the sheet as .xlsx or .csv and import that.`);
  }
  throw new ImportError(fileName, 'participant sheets must be .csv or .xlsx files.');
}

// ---------------------------------------------------------------------------------------------------------------
// Types

/** Ordered scales a column may use, best first (as attribute options are stored). */
export const KNOWN_SCALES: readonly (readonly string[])[] = [
  ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'],
  ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'],
  ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'],
  ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied', 'Very dissatisfied'],
  ['Always', 'Often', 'Sometimes', 'Rarely', 'Never'],
  ['Very high', 'High', 'Medium', 'Low', 'Very low'],
];

/** At most this many distinct values make a category. */
export const MAX_CATEGORY_VALUES = 12;

export interface InferredColumn {
  type: AttributeType;
  /** Category: the distinct values (sorted); scale: the whole scale, best first; otherwise empty. */
  options: string[];
  /** Each cell's value as stored (numbers plain, dates YYYY-MM-DD, scale values in the scale's spelling); "" when empty. */
  values: string[];
  warnings: string[];
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

function asNumber(cell: SheetCell): string | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : undefined;
  if (typeof cell !== 'string' || !NUMBER.test(cell)) return undefined;
  // Leading zeros mark a code ("007"), not a quantity.
  if (/^[+-]?0\d/.test(cell)) return undefined;
  return String(Number(cell.replace(/,/g, '')));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * Dates as YYYY-MM-DD: Excel dates, ISO dates, and d/m/yyyy (also with "." or "-"). Whether 03/04/2024 is the 3rd
 * of April or the 4th of March is decided once per column: a first number above 12 means day first, a second
 * number above 12 means month first; when nothing decides, day first (as in the UK), with a warning.
 */
function asDates(cells: SheetCell[]): { values: (string | undefined)[]; warning?: string } | undefined {
  let dayFirst: boolean | undefined;
  let undecided = false;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const m = NUMERIC_DATE.exec(cell);
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) dayFirst ??= true;
    else if (b > 12 && a <= 12) dayFirst ??= false;
    else if (a <= 12 && b <= 12 && a !== b) undecided = true;
  }
  const values: (string | undefined)[] = [];
  for (const cell of cells) {
    if (cell === null) {
      values.push(undefined);
    } else if (cell instanceof Date) {
      if (Number.isNaN(cell.getTime())) return undefined;
      values.push(`${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`);
    } else if (typeof cell === 'string') {
      const iso = ISO_DATE.exec(cell);
      const numeric = NUMERIC_DATE.exec(cell);
      let value: string | undefined;
      if (iso) value = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      else if (numeric) {
        const [a, b, y] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
        value = dayFirst === false ? validDate(y, a, b) : validDate(y, b, a);
      }
      if (value === undefined) return undefined;
      values.push(value);
    } else {
      return undefined;
    }
  }
  return dayFirst === undefined && undecided
    ? { values, warning: 'Dates such as 03/04/2024 were read day first (3 April 2024).' }
    : { values };
}

function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return collapse(String(cell));
}

/**
 * The type of a column from its values (empty cells ignored), tried in this order:
 * - number: every value is a number (1,234 and 3.5 allowed; "007" is a code, not a number);
 * - date: every value is a date;
 * - scale: at least two distinct values, all of them values of one known ordered scale (ignoring case), e.g.
 *   Excellent ... Unsatisfactory; when several scales fit, the one the values cover most of;
 * - category: few distinct values: at most 12, each at most 40 characters, and some value used more than once
 *   (a column where every participant has a different value is a description, not a grouping);
 * - text otherwise.
 */
export function inferAttributeType(cells: readonly SheetCell[]): InferredColumn {
  const filled = cells.filter((c) => c !== null && cellText(c) !== '');
  const blankToNull = cells.map((c) => (c === null || cellText(c) === '' ? null : c));
  if (filled.length === 0) return { type: 'text', options: [], values: cells.map(() => ''), warnings: [] };

  if (filled.every((c) => asNumber(c) !== undefined)) {
    return { type: 'number', options: [], values: blankToNull.map((c) => (c === null ? '' : asNumber(c)!)), warnings: [] };
  }
  const dates = asDates(blankToNull);
  if (dates) {
    return {
      type: 'date',
      options: [],
      values: dates.values.map((v) => v ?? ''),
      warnings: dates.warning ? [dates.warning] : [],
    };
  }

  const texts = blankToNull.map((c) => (c === null ? '' : cellText(c)));
  const distinct = new Map<string, string>();
  for (const t of texts) if (t !== '' && !distinct.has(t.toLowerCase())) distinct.set(t.toLowerCase(), t);

  if (distinct.size >= 2) {
    let best: readonly string[] | undefined;
    for (const scale of KNOWN_SCALES) {
      const lower = scale.map((v) => v.toLowerCase());
      if (![...distinct.keys()].every((v) => lower.includes(v))) continue;
      if (!best || distinct.size / scale.length > distinct.size / best.length) best = scale;
    }
    if (best) {
      const spelling = new Map(best.map((v) => [v.toLowerCase(), v]));
      return { type: 'scale', options: [...best], values: texts.map((t) => (t === '' ? '' : spelling.get(t.toLowerCase())!)), warnings: [] };
    }
  }
  const short = texts.every((t) => t.length <= 40);
  if (short && distinct.size <= MAX_CATEGORY_VALUES && distinct.size < filled.length) {
    // Case variants ("Health", "health") are one category, spelt as first seen.
    const values = texts.map((t) => (t === '' ? '' : distinct.get(t.toLowerCase())!));
    return {
      type: 'category',
      options: [...distinct.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
      values,
      warnings: [],
    };
  }
  return { type: 'text', options: [], values: texts, warnings: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Proposal

export interface AttributeProposal {
  name: string;
  /** Column index in the sheet. */
  column: number;
  type: AttributeType;
  options: string[];
}

export interface ParticipantRow {
  /** The participant's id, which becomes the case name (e.g. "P07"). */
  id: string;
  /** 1-based row number in the sheet. */
  row: number;
  /** Attribute name -> value as stored ("" when empty). */
  values: Record<string, string>;
}

export interface ParticipantProposal {
  /** Header of the column that names the participants. */
  idColumn: string;
  attributes: AttributeProposal[];
  participants: ParticipantRow[];
  warnings: string[];
}

const ID_HEADER = /^(?:id|participant(?: ?(?:id|code|no\.?|number))?|case(?: ?(?:id|name))?|pseudonym|code|p ?id|interviewee|respondent(?: ?id)?|name)$/i;

/**
 * Proposes cases and attributes from a sheet. The id column is `options.idColumn` when given, otherwise the first
 * column headed like an id (ID, Participant, Case, Pseudonym, Code, Name) whose values are all filled and
 * different, otherwise the first column that is all filled and different, otherwise the first column (with a
 * warning). Every other column becomes an attribute with its inferred type.
 */
export function proposeParticipants(table: SheetTable, options: { idColumn?: string } = {}): ParticipantProposal {
  const warnings: string[] = [];
  const column = (i: number): SheetCell[] => table.rows.map((r) => r[i] ?? null);
  const uniqueFilled = (i: number): boolean => {
    const values = column(i).map(cellText);
    return values.every((v) => v !== '') && new Set(values.map((v) => v.toLowerCase())).size === values.length;
  };
  let idIndex: number;
  if (options.idColumn !== undefined) {
    idIndex = table.headers.findIndex((h) => h.toLowerCase() === options.idColumn!.trim().toLowerCase());
    if (idIndex === -1) throw new Error(`the sheet has no column "${options.idColumn}"`);
  } else {
    const candidates = table.headers.map((_, i) => i);
    idIndex =
      candidates.find((i) => ID_HEADER.test(table.headers[i]!) && uniqueFilled(i)) ??
      candidates.find((i) => uniqueFilled(i)) ??
      0;
  }
  if (!uniqueFilled(idIndex)) {
    warnings.push(`The column "${table.headers[idIndex]}" does not give every participant a different id; check the rows with repeated or empty ids.`);
  }
  const attributes: AttributeProposal[] = [];
  const valuesByAttribute: string[][] = [];
  table.headers.forEach((name, i) => {
    if (i === idIndex) return;
    const inferred = inferAttributeType(column(i));
    attributes.push({ name, column: i, type: inferred.type, options: inferred.options });
    valuesByAttribute.push(inferred.values);
    warnings.push(...inferred.warnings.map((w) => `${name}: ${w}`));
  });
  const participants = table.rows.map((row, r) => ({
    id: cellText(row[idIndex] ?? null),
    row: table.rowNumbers[r]!,
    values: Object.fromEntries(attributes.map((a, k) => [a.name, valuesByAttribute[k]![r]!])),
  }));
  return { idColumn: table.headers[idIndex]!, attributes, participants, warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// Linking participants to documents

export interface DocumentLinks {
  /** Participant id -> ids of the documents that belong to them. */
  links: { participant: string; documentIds: string[] }[];
  /** Documents no participant matched. */
  unmatchedDocuments: string[];
  /** Documents several participants matched (e.g. a joint interview): left for the user to decide. */
  ambiguousDocuments: { documentId: string; participants: string[] }[];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The document name without its extension, if it has one. */
const stem = (name: string): string => name.replace(/\.[A-Za-z0-9]{1,5}$/, '');

/**
 * A matcher for one participant id. With a pattern such as "Interview {id}*" ({id} the id, * any characters,
 * ? one character), the whole document name (without extension, ignoring case) must match it. Without one, the
 * id must appear in the name as a whole token: "P07" matches "P07 interview" and "interview_P07_final" but not
 * "P070"; an id of letters and a number also matches the number written without leading zeros ("P7", "P-07").
 */
function matcherFor(id: string, pattern: string | undefined): (name: string) => boolean {
  if (pattern !== undefined && pattern.trim() !== '') {
    const source = pattern
      .split('{id}')
      .map((part) => part.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c))).join(''))
      .join(escapeRegExp(id));
    const re = new RegExp(`^${source}$`, 'iu');
    return (name) => re.test(stem(name)) || re.test(name);
  }
  const parts = /^(\p{L}*)[ _-]?0*(\d+)$/u.exec(id);
  const re = parts?.[1]
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(parts[1])}[ _-]?0*${parts[2]}(?!\\p{N})`, 'iu')
    : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(id)}(?![\\p{L}\\p{N}])`, 'iu');
  return (name) => re.test(stem(name));
}

/** Proposes which documents belong to which participant, by the participant id appearing in the document name. */
export function linkParticipantsToDocuments(
  participantIds: readonly string[],
  documents: readonly { id: string; name: string }[],
  options: { pattern?: string } = {},
): DocumentLinks {
  const matchers = participantIds.filter((p) => p.trim() !== '').map((p) => ({ id: p, test: matcherFor(p.trim(), options.pattern) }));
  const byParticipant = new Map(matchers.map((m) => [m.id, [] as string[]]));
  const unmatchedDocuments: string[] = [];
  const ambiguousDocuments: { documentId: string; participants: string[] }[] = [];
  for (const doc of documents) {
    const hits = matchers.filter((m) => m.test(doc.name)).map((m) => m.id);
    if (hits.length === 0) unmatchedDocuments.push(doc.id);
    else if (hits.length > 1) ambiguousDocuments.push({ documentId: doc.id, participants: hits });
    else byParticipant.get(hits[0]!)!.push(doc.id);
  }
  return {
    links: [...byParticipant].map(([participant, documentIds]) => ({ participant, documentIds })),
    unmatchedDocuments,
    ambiguousDocuments,
  };
}
