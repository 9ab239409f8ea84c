/**
 * Reading a reliability matrix from spreadsheet cells: one row per observer (coder), one column per unit, as in
 * Krippendorff (2011). An empty cell, "." or "NA" is a missing value. The matrix may have a header row (unit names)
 * and a first column of observer names; both are detected:
 * - when the values are numbers, a header row is a first row whose cells are not numbers, and a names column is a
 *   first column whose cells are not numbers;
 * - when the values are labels (nominal data), a first row (or column) is taken as names when none of its labels
 *   occurs among the values, since an observer's labels are drawn from the same set as everybody else's.
 * The caller may override either detection.
 */
import type { RatingValue } from './types';

export interface ReliabilityMatrix {
  observers: string[];
  units: string[];
  /** Rows observers, columns units; null for a missing value. Numeric cells are numbers, others labels. */
  values: (RatingValue | null)[][];
  hasHeader: boolean;
  hasNames: boolean;
}

const MISSING = new Set(['', '.', 'na', 'n/a']);

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING.has(cell.trim().toLowerCase());
}

function isNumber(cell: string): boolean {
  const t = cell.trim();
  return t !== '' && Number.isFinite(Number(t));
}

export interface MatrixLayout {
  header?: boolean;
  names?: boolean;
}

/** Builds the matrix from rows of cells. Throws (naming `source`) when nothing is left to analyse. */
export function readReliabilityMatrix(
  rows: readonly (readonly string[])[],
  source: string,
  layout: MatrixLayout = {},
): ReliabilityMatrix {
  const cells = rows
    .map((row) => row.map((c) => c ?? ''))
    .filter((row) => row.some((c) => c.trim() !== ''));
  if (cells.length === 0) throw new Error(`${source}: the file is empty; expected one row per observer and one column per unit.`);

  const at = (r: number, c: number): string => cells[r]?.[c] ?? '';
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  // The body is everything but the first row and the first column: it is data whatever the layout.
  const body: string[] = [];
  for (let r = 1; r < cells.length; r++) for (let c = 1; c < width; c++) if (!isMissing(at(r, c))) body.push(at(r, c).trim());
  const numericData = body.some(isNumber);
  const bodyLabels = new Set(body);
  const firstRow = Array.from({ length: width }, (_, c) => at(0, c));
  const firstColumn = cells.map((_, r) => at(r, 0));
  // Is this first row (or column) names rather than values? `rest` leaves out the corner cell, `full` keeps it.
  const namesLike = (rest: string[], full: string[]): boolean => {
    const present = rest.filter((c) => !isMissing(c)).map((c) => c.trim());
    if (present.length === 0) return false;
    if (numericData) return present.every((c) => !isNumber(c));
    // Labels: names never occur among the values, and no two are the same.
    const all = full.filter((c) => !isMissing(c)).map((c) => c.trim());
    return present.every((c) => !bodyLabels.has(c)) && new Set(all).size === all.length;
  };
  const corner = at(0, 0);
  const cornerFree = isMissing(corner) || (numericData ? !isNumber(corner) : !bodyLabels.has(corner.trim()));
  const rowNames = namesLike(firstRow.slice(1), firstRow);
  const columnNames = namesLike(firstColumn.slice(1), firstColumn);
  // The corner belongs to both; when only one of them is names, the corner must look like a name too.
  const hasHeader = layout.header ?? (rowNames && (columnNames || layout.names === true || cornerFree));
  const hasNames = layout.names ?? (columnNames && (rowNames || layout.header === true || cornerFree));

  const dataRows = cells.slice(hasHeader ? 1 : 0);
  const valueColumn = hasNames ? 1 : 0;
  const unitCount = Math.max(0, width - valueColumn);
  if (dataRows.length === 0 || unitCount === 0) {
    throw new Error(`${source}: no values found; expected one row per observer and one column per unit.`);
  }
  const observers = dataRows.map((row, i) => (hasNames ? (row[0] ?? '').trim() || `Observer ${i + 1}` : `Observer ${i + 1}`));
  const units = Array.from({ length: unitCount }, (_, c) =>
    hasHeader ? (cells[0]![c + valueColumn] ?? '').trim() || `Unit ${c + 1}` : `Unit ${c + 1}`,
  );
  const values = dataRows.map((row) =>
    Array.from({ length: unitCount }, (_, c): RatingValue | null => {
      const cell = row[c + valueColumn];
      if (isMissing(cell)) return null;
      const t = cell!.trim();
      return isNumber(t) ? Number(t) : t;
    }),
  );
  return { observers, units, values, hasHeader, hasNames };
}
