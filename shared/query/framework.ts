/**
 * The framework matrix: cases (rows) by themes (columns), each cell holding the case's extracts for the theme and
 * a summary the researcher writes (stored by the app; passed in here by cell key).
 */
import type { Id } from '../model/types';
import { caseOf, QueryError, type QueryIndex } from './index-build';
import { toExtract, type Extract, type ExtractOptions } from './extracts';
import { selectCodings, type ExtractFilter } from './select';
import type { Table } from './tables';

export interface FrameworkCell {
  caseId: Id;
  themeId: Id;
  /** The key under which the app stores this cell's summary. */
  key: string;
  extracts: Extract[];
  summary: string;
}

export interface FrameworkMatrix {
  cases: { id: Id; name: string }[];
  themes: { id: Id; name: string }[];
  /** cells[caseIndex][themeIndex] */
  cells: FrameworkCell[][];
  /** Extracts of the themes in documents that belong to no case (they have no row). */
  extractsWithoutCase: number;
}

export interface FrameworkOptions extends ExtractOptions {
  /** Themes as columns, in this order. Default: every top-level theme in the user's order. */
  themeIds?: readonly Id[];
  /** Cases as rows, in this order. Default: every case in the user's order. */
  caseIds?: readonly Id[];
  filter?: ExtractFilter;
  includeChildCodes?: boolean;
  /** Summaries by cell key (see frameworkCellKey). */
  summaries?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
}

/** The key of a cell's summary: stable across rebuilds, as the app stores summaries by it. */
export function frameworkCellKey(caseId: Id, themeId: Id): string {
  return `${caseId}|${themeId}`;
}

export function frameworkMatrix(index: QueryIndex, options: FrameworkOptions = {}): FrameworkMatrix {
  const themeIds =
    options.themeIds ??
    [...index.themes.values()]
      .filter((t) => !t.parentId || !index.themes.has(t.parentId))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
      .map((t) => t.id);
  const caseIds = options.caseIds ?? index.caseOrder;
  for (const id of caseIds) if (!index.cases.has(id)) throw new QueryError(`The case with id ${id} is not in this project (it may have been deleted).`);
  const caseRow = new Map(caseIds.map((id, i) => [id, i]));
  const summaryOf = (key: string): string => {
    const s = options.summaries;
    if (!s) return '';
    return (s instanceof Map ? s.get(key) : (s as Record<string, string>)[key]) ?? '';
  };

  const cells: FrameworkCell[][] = caseIds.map((caseId) =>
    themeIds.map((themeId) => {
      const key = frameworkCellKey(caseId, themeId);
      return { caseId, themeId, key, extracts: [], summary: summaryOf(key) };
    }),
  );
  let extractsWithoutCase = 0;
  themeIds.forEach((themeId, column) => {
    for (const coding of selectCodings(index, { themeIds: [themeId], includeChildCodes: options.includeChildCodes }, options.filter)) {
      const caseId = caseOf(index, coding.documentId);
      if (!caseId) {
        extractsWithoutCase++;
        continue;
      }
      const row = caseRow.get(caseId);
      if (row !== undefined) cells[row]![column]!.extracts.push(toExtract(index, coding, options));
    }
  });
  return {
    cases: caseIds.map((id) => ({ id, name: index.cases.get(id)!.name })),
    themes: themeIds.map((id) => ({ id, name: index.themes.get(id)!.name })),
    cells,
    extractsWithoutCase,
  };
}

/**
 * The framework matrix as a table: a row per case, a column per theme. Each cell shows its summary, its extracts
 * (each in quotes, separated by blank lines), or both (summary first).
 */
export function frameworkToTable(matrix: FrameworkMatrix, content: 'summary' | 'extracts' | 'both' = 'both'): Table {
  const cellText = (cell: FrameworkCell): string => {
    const extracts = cell.extracts.map((e) => `“${e.text.replace(/\s+/g, ' ').trim()}”`).join('\n\n');
    if (content === 'summary') return cell.summary;
    if (content === 'extracts') return extracts;
    return [cell.summary, extracts].filter(Boolean).join('\n\n');
  };
  return {
    columns: ['Case', ...matrix.themes.map((t) => t.name)],
    rows: matrix.cases.map((c, i) => [c.name, ...matrix.cells[i]!.map(cellText)]),
  };
}
