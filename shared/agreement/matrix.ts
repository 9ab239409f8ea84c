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
  const width = Math.max(...cells.map((r) => r.length));
  // The body is everything but the first row and the first column: it is data whatever the layout.
  const body: string[] = [];
  for (let r = 1; r < cells.length; r++) for (let c = 1; c < width; c++) if (!isMissing(at(r, c))) body.push(at(r, c).trim());
  const numericData = body.some(isNumber);
  const bodyLabels = new Set(body);
  const namesLike = (list: string[]): boolean => {
    const present = list.filter((c) => !isMissing(c)).map((c) => c.trim());
    if (present.length === 0) return false;
    return numericData ? present.every((c) => !isNumber(c)) : present.every((c) => !bodyLabels.has(c));
  };
  const firstRowRest = Array.from({ length: width - 1 }, (_, c) => at(0, c + 1));
  const firstColumnRest = cells.slice(1).map((_, r) => at(r + 1, 0));
  const corner = at(0, 0);
  const rowLooksLikeHeader = namesLike(firstRowRest);
  const columnLooksLikeNames = namesLike(firstColumnRest);
  let hasHeader = layout.header ?? (rowLooksLikeHeader && (columnLooksLikeNames || isMissing(corner) || namesLike([corner])));
  let hasNames = layout.names ?? (columnLooksLikeNames && (rowLooksLikeHeader || isMissing(corner) || namesLike([corner])));
  if (layout.header === undefined && layout.names !== undefined) hasHeader = rowLooksLikeHeader && (hasNames || namesLike([corner]));
  if (layout.names === undefined && layout.header !== undefined) hasNames = columnLooksLikeNames && (hasHeader || namesLike([corner]));

  const dataRows = cells.slice(hasHeader ? 1 : 0);
  const firstColumn = hasNames ? 1 : 0;
  const unitCount = Math.max(0, width - firstColumn);
  if (dataRows.length === 0 || unitCount === 0) {
    throw new Error(`${source}: no values found; expected one row per observer and one column per unit.`);
  }
  const observers = dataRows.map((row, i) => (hasNames ? (row[0] ?? '').trim() || `Observer ${i + 1}` : `Observer ${i + 1}`));
  const units = Array.from({ length: unitCount }, (_, c) =>
    hasHeader ? (cells[0]![c + firstColumn] ?? '').trim() || `Unit ${c + 1}` : `Unit ${c + 1}`,
  );
  const values = dataRows.map((row) =>
    Array.from({ length: unitCount }, (_, c): RatingValue | null => {
      const cell = row[c + firstColumn];
      if (isMissing(cell)) return null;
      const t = cell!.trim();
      return isNumber(t) ? Number(t) : t;
    }),
  );
  return { observers, units, values, hasHeader, hasNames };
}
