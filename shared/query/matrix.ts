/**
 * Codes or themes by the values of an attribute (e.g. by agency): how many extracts, documents or cases of each
 * value each code or theme has, with row and column percentages.
 *
 * An extract falls under the value of its document's case (case attribute) or of its document (document
 * attribute); with no value it falls under the "(no value)" column. A document or case is counted in a cell when
 * at least one extract of the row lies in it. Columns: the attribute's options in their order (even when empty),
 * then other values found, then "(no value)" when some document has none.
 */
import type { Id } from '../model/types';
import { attributeValueForDocument, caseOf, requireAttribute, type QueryIndex } from './index-build';
import { orderedValues, NO_VALUE_LABEL } from './coverage';
import { allowedDocuments, selectCodings, type ExtractFilter } from './select';
import type { Table } from './tables';

export type MatrixRowSpec = { kind: 'code'; id: Id } | { kind: 'theme'; id: Id };
export type MatrixCount = 'extracts' | 'documents' | 'cases';

export interface AttributeMatrixOptions {
  rows: readonly MatrixRowSpec[];
  attributeId: Id;
  count?: MatrixCount;
  filter?: ExtractFilter;
  /** Count the codings of codes below each row's codes too. Default false. */
  includeChildCodes?: boolean;
}

export interface AttributeMatrix {
  rows: { kind: 'code' | 'theme'; id: Id; name: string }[];
  columns: { value: string | null; label: string }[];
  attributeName: string;
  count: MatrixCount;
  counts: number[][];
  /** Sum of each row's cells and of each column's cells (a case is counted once per column it falls under). */
  rowTotals: number[];
  columnTotals: number[];
  /**
   * How many documents (for 'extracts' and 'documents') or cases (for 'cases') have each value: the N behind a
   * column, for "n of N" and for percentOfColumnSize.
   */
  columnSizes: number[];
  /** cell / row total x 100 (null when the total is 0). */
  rowPercent: (number | null)[][];
  /** cell / column total x 100. */
  columnPercent: (number | null)[][];
  /** cell / column size x 100: e.g. the share of the agency's cases that have the code. */
  percentOfColumnSize: (number | null)[][];
}

const percent = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

export function attributeMatrix(index: QueryIndex, options: AttributeMatrixOptions): AttributeMatrix {
  const attribute = requireAttribute(index, options.attributeId);
  const count = options.count ?? 'extracts';
  const allowed = allowedDocuments(index, options.filter);
  const documents = allowed ? index.documentOrder.filter((d) => allowed.has(d)) : index.documentOrder;

  const valueOfDocument = new Map<Id, string | null>();
  for (const d of documents) valueOfDocument.set(d, attributeValueForDocument(index, attribute.id, d)?.trim() ?? null);
  const values = orderedValues(attribute.options, valueOfDocument.values());
  const column = new Map(values.map((v, i) => [v, i]));
  const columnOfDocument = new Map<Id, number>([...valueOfDocument].map(([d, v]) => [d, column.get(v)!]));

  const columnSizes = new Array<number>(values.length).fill(0);
  if (count === 'cases') {
    const seen = new Set<string>();
    for (const d of documents) {
      const c = caseOf(index, d);
      const key = `${columnOfDocument.get(d)}|${c}`;
      if (c && !seen.has(key)) {
        seen.add(key);
        columnSizes[columnOfDocument.get(d)!]!++;
      }
    }
  } else {
    for (const d of documents) columnSizes[columnOfDocument.get(d)!]!++;
  }

  const rows: AttributeMatrix['rows'] = [];
  const counts: number[][] = [];
  for (const spec of options.rows) {
    const selection = spec.kind === 'code' ? { codeIds: [spec.id] } : { themeIds: [spec.id] };
    const codings = selectCodings(index, { ...selection, includeChildCodes: options.includeChildCodes }, options.filter);
    const row = new Array<number>(values.length).fill(0);
    if (count === 'extracts') {
      for (const c of codings) row[columnOfDocument.get(c.documentId)!]!++;
    } else {
      const seen = new Set<string>();
      for (const c of codings) {
        const col = columnOfDocument.get(c.documentId)!;
        const owner = count === 'documents' ? c.documentId : caseOf(index, c.documentId);
        if (!owner) continue;
        const key = `${col}|${owner}`;
        if (seen.has(key)) continue;
        seen.add(key);
        row[col]!++;
      }
    }
    const name = spec.kind === 'code' ? (index.codePaths.get(spec.id) ?? '') : (index.themes.get(spec.id)?.name ?? '');
    rows.push({ kind: spec.kind, id: spec.id, name });
    counts.push(row);
  }

  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = values.map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0));
  return {
    rows,
    columns: values.map((value) => ({ value, label: value ?? NO_VALUE_LABEL })),
    attributeName: attribute.name,
    count,
    counts,
    rowTotals,
    columnTotals,
    columnSizes,
    rowPercent: counts.map((row, i) => row.map((cell) => percent(cell, rowTotals[i]!))),
    columnPercent: counts.map((row) => row.map((cell, j) => percent(cell, columnTotals[j]!))),
    percentOfColumnSize: counts.map((row) => row.map((cell, j) => percent(cell, columnSizes[j]!))),
  };
}

/** Every code of the codebook as rows, in codebook order. */
export function allCodeRows(index: QueryIndex): MatrixRowSpec[] {
  return index.codeOrder.map((id) => ({ kind: 'code' as const, id }));
}

export type MatrixCellShown = 'counts' | 'row-percent' | 'column-percent' | 'percent-of-column-size';

/** The matrix as a table; percentages rounded to one decimal. A totals column and row come with counts. */
export function attributeMatrixToTable(matrix: AttributeMatrix, shown: MatrixCellShown = 'counts'): Table {
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  const source =
    shown === 'row-percent' ? matrix.rowPercent : shown === 'column-percent' ? matrix.columnPercent : shown === 'percent-of-column-size' ? matrix.percentOfColumnSize : undefined;
  const columns = [matrix.rows[0]?.kind === 'theme' ? 'Theme' : 'Code', ...matrix.columns.map((c) => c.label)];
  if (!source) {
    return {
      columns: [...columns, 'Total'],
      rows: [
        ...matrix.rows.map((r, i) => [r.name, ...matrix.counts[i]!, matrix.rowTotals[i]!]),
        ['Total', ...matrix.columnTotals, matrix.columnTotals.reduce((a, b) => a + b, 0)],
      ],
    };
  }
  return { columns, rows: matrix.rows.map((r, i) => [r.name, ...source[i]!.map(round)]) };
}
