/**
 * Result tables and their files: every query result can be turned into a Table and saved as CSV or XLSX.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Row } from 'write-excel-file/universal';

export type TableCell = string | number | null;

export interface Table {
  columns: string[];
  rows: TableCell[][];
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads the file as UTF-8 (it assumes a legacy code page otherwise). */
  bom?: boolean;
  /**
   * Put an apostrophe before text that begins with =, +, -, @, tab or carriage return so a spreadsheet shows it
   * as text instead of running it as a formula. Off by default because it changes the data.
   */
  guardFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: TableCell, guardFormulas: boolean): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = guardFormulas && FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV text (RFC 4180): comma separated, CRLF line ends (also after the last record), fields holding a
 * comma, a double quote or a line break enclosed in double quotes with inner quotes doubled. A header row of the
 * column names comes first. Numbers are written in plain JavaScript form (a dot as decimal separator).
 */
export function toCsv(table: Table, options: CsvOptions = {}): string {
  const guard = options.guardFormulas === true;
  const lines = [table.columns, ...table.rows].map((row) => row.map((cell) => csvField(cell, guard)).join(','));
  return (options.bom ? '\uFEFF' : '') + lines.map((line) => `${line}\r\n`).join('');
}

/** The CSV as UTF-8 bytes, ready to be written to a file. */
export function toCsvBytes(table: Table, options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(toCsv(table, options));
}

/** The most characters an Excel cell holds; longer text is cut and marked so the file still opens. */
export const XLSX_CELL_LIMIT = 32767;
const CUT_MARK = ' [… cut: an Excel cell holds at most 32,767 characters]';

// XML 1.0 cannot carry most control characters (a stray form feed from a PDF would make Excel refuse the file).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xlsxText(text: string): string {
  const clean = text.replace(XML_INVALID, '');
  if (clean.length <= XLSX_CELL_LIMIT) return clean;
  let cut = XLSX_CELL_LIMIT - CUT_MARK.length;
  if (/[\uD800-\uDBFF]/.test(clean[cut - 1]!)) cut--; // do not split a surrogate pair
  return clean.slice(0, cut) + CUT_MARK;
}

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank. */
export function sheetName(name: string): string {
  // Excel also refuses a name that begins or ends with an apostrophe.
  const clean = name.replace(/[:\\/?*[\]]/g, ' ').trim().replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  return clean || 'Sheet1';
}

export interface XlsxOptions {
  sheetName?: string;
  /** Column widths in characters; by default from the longest value (between 8 and 60). */
  columnWidths?: number[];
}

/** One sheet of a workbook: its name, its table and, optionally, its column widths in characters. */
export interface XlsxSheet {
  name: string;
  table: Table;
  columnWidths?: number[];
}

/**
 * The table as an .xlsx workbook of one sheet: a bold header row, then the rows; numbers stay numbers, empty cells
 * stay empty. Uses write-excel-file's universal build (no Node APIs), so it runs in the renderer and in Node alike.
 */
export function toXlsx(table: Table, options: XlsxOptions = {}): Promise<Uint8Array> {
  return toXlsxWorkbook([{ name: options.sheetName ?? 'Sheet1', table, ...(options.columnWidths ? { columnWidths: options.columnWidths } : {}) }]);
}

/** Several tables as the sheets of one .xlsx workbook, each as toXlsx writes one; names are made valid and unique. */
export async function toXlsxWorkbook(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
  const taken = new Set<string>();
  const blob = await writeXlsxFile(
    sheets.map(({ name, table, columnWidths }) => ({
      data: sheetRows(table),
      sheet: uniqueSheetName(sheetName(name), taken),
      columns: (columnWidths ?? fittedWidths(table)).map((width) => ({ width })),
      stickyRowsCount: 1,
    })),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

function sheetRows(table: Table): Row[] {
  const header: Row = table.columns.map((c) => ({ value: xlsxText(c), fontWeight: 'bold' as const }));
  const body: Row[] = table.rows.map((row) =>
    table.columns.map((_, i) => {
      const cell = row[i];
      if (cell === null || cell === undefined) return null;
      if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell } : null;
      return { value: xlsxText(cell), type: String };
    }),
  );
  return [header, ...body];
}

/** Widths from the longest value of each column, between 8 and 60 characters. */
function fittedWidths(table: Table): number[] {
  return table.columns.map((c, i) => {
    let longest = c.length;
    for (const row of table.rows) {
      const cell = row[i];
      if (cell !== null && cell !== undefined) longest = Math.max(longest, String(cell).length);
    }
    return Math.min(60, Math.max(8, longest + 2));
  });
}

/** Excel refuses two sheets whose names differ only in case: the second becomes "Name (2)", within 31 characters. */
function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = name.slice(0, 31 - suffix.length).trimEnd() + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
