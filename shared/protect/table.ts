/**
 * The pseudonym table: each real term (a name, a place, a school, a phone number, a date of birth) and what replaces
 * it everywhere in a project. It is the one list the replacement and the leak check both work from.
 *
 * As a file it is a CSV with the columns term, replacement, category and, optionally, case sensitive (yes/no).
 */
import Papa from 'papaparse';

export const PSEUDONYM_CATEGORIES = ['person', 'place', 'organisation', 'school', 'case or record number', 'date'] as const;
export type PseudonymCategory = (typeof PSEUDONYM_CATEGORIES)[number];

export interface PseudonymEntry {
  /** The real term as it appears in the text, e.g. "Marsh Lane Primary". */
  term: string;
  /** What replaces it, e.g. "[School 1]". Never empty: a coding of the term becomes a coding of its replacement. */
  replacement: string;
  category: PseudonymCategory;
  /**
   * Match only this capitalisation. For names that are also ordinary words ("Summer", "Dawn", "Marsh"): the
   * lower-case word is left alone, and is not reported as a leak.
   */
  caseSensitive?: boolean;
}

export type PseudonymTable = PseudonymEntry[];

/** Other spellings of the categories accepted in a table file. */
const CATEGORY_ALIASES: Readonly<Record<string, PseudonymCategory>> = {
  person: 'person',
  people: 'person',
  name: 'person',
  place: 'place',
  location: 'place',
  address: 'place',
  street: 'place',
  organisation: 'organisation',
  organization: 'organisation',
  agency: 'organisation',
  school: 'school',
  'case or record number': 'case or record number',
  'case number': 'case or record number',
  'record number': 'case or record number',
  case: 'case or record number',
  record: 'case or record number',
  number: 'case or record number',
  'phone number': 'case or record number',
  phone: 'case or record number',
  'nhs number': 'case or record number',
  postcode: 'place',
  date: 'date',
  'date of birth': 'date',
  dob: 'date',
};

/** A category from how a person might write it in a table; undefined when it is not one. */
export function parseCategory(value: string): PseudonymCategory | undefined {
  return CATEGORY_ALIASES[value.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** A term or replacement as stored: Unicode NFC, spaces collapsed, trimmed. */
export function cleanTerm(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function yes(value: string | undefined): boolean | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return undefined;
  if (['yes', 'y', 'true', '1', 'x'].includes(v)) return true;
  if (['no', 'n', 'false', '0'].includes(v)) return false;
  return undefined;
}

/**
 * Reads a pseudonym table from CSV text (comma, semicolon or tab separated). A first row naming the columns is
 * optional; without one the columns are term, replacement, category, case sensitive. Throws an Error naming the file
 * and the line for anything it cannot use.
 */
export function parsePseudonymTable(csv: string, fileName: string): PseudonymTable {
  const parsed = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) throw new Error(`${fileName}: the table has an unclosed quotation mark${broken.row !== undefined ? ` near line ${broken.row + 1}` : ''}.`);
  const rows = parsed.data;
  let columns = { term: 0, replacement: 1, category: 2, caseSensitive: 3 };
  let first = 0;
  const header = (rows[0] ?? []).map((c) => c.trim().toLowerCase());
  if (header.includes('term')) {
    const find = (...names: string[]): number => header.findIndex((h) => names.includes(h));
    columns = {
      term: find('term'),
      replacement: find('replacement', 'pseudonym'),
      category: find('category', 'kind', 'type'),
      caseSensitive: find('case sensitive', 'case-sensitive', 'case_sensitive', 'match case'),
    };
    if (columns.replacement < 0) throw new Error(`${fileName}: the table has no "replacement" column (its columns are: term, replacement, category).`);
    first = 1;
  }
  const table: PseudonymTable = [];
  const lineOf = new Map<string, number>();
  for (let i = first; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    if (row.every((c) => c.trim() === '')) continue;
    const term = cleanTerm(row[columns.term] ?? '');
    const replacement = cleanTerm(row[columns.replacement] ?? '');
    const categoryText = columns.category >= 0 ? (row[columns.category] ?? '') : '';
    if (!term) throw new Error(`${fileName}, line ${line}: the term is empty.`);
    if (!replacement) throw new Error(`${fileName}, line ${line}: "${term}" has no replacement.`);
    const category = categoryText.trim() === '' ? 'person' : parseCategory(categoryText);
    if (!category) {
      throw new Error(`${fileName}, line ${line}: unknown category "${categoryText.trim()}"; use one of: ${PSEUDONYM_CATEGORIES.join(', ')}.`);
    }
    const caseSensitive = columns.caseSensitive >= 0 ? yes(row[columns.caseSensitive]) : undefined;
    const key = term.toLowerCase();
    const earlier = lineOf.get(key);
    if (earlier !== undefined) {
      const other = table.find((e) => e.term.toLowerCase() === key)!;
      if (other.replacement !== replacement) {
        throw new Error(`${fileName}, line ${line}: "${term}" is also on line ${earlier} with another replacement ("${other.replacement}").`);
      }
      continue;
    }
    lineOf.set(key, line);
    table.push(caseSensitive === undefined ? { term, replacement, category } : { term, replacement, category, caseSensitive });
  }
  return table;
}

/** The table as CSV, with a header row, ready to save and edit in a spreadsheet. */
export function formatPseudonymTable(table: PseudonymTable): string {
  return Papa.unparse(
    {
      fields: ['term', 'replacement', 'category', 'case sensitive'],
      data: table.map((e) => [e.term, e.replacement, e.category, e.caseSensitive ? 'yes' : '']),
    },
    { newline: '\n' },
  );
}
