/**
 * The codebook as a table for an appendix or a spreadsheet: each code's name path, definition, inclusion and
 * exclusion criteria, example, and how often it was applied (codings, documents, cases). Codes are in codebook order
 * (depth first). Counts are of the code itself, not its subcodes, and only of codings on valid ranges.
 * Written as CSV (RFC 4180, optional UTF-8 byte order mark for Excel), XLSX, or a landscape Word table.
 */
import type { Id, ProjectData } from '../model/types';
import { buildQueryIndex, caseOf, type QueryIndex } from '../query/index-build';
import { toCsv, toXlsx, type CsvOptions, type Table } from '../query/tables';
import type { ReportDocument } from './document';
import { renderDocx, type DocxOptions } from './render-docx';
import { renderMarkdown } from './render-markdown';

export interface CodebookRow {
  codeId: Id;
  /** Names from the top of the codebook down to the code. */
  levels: string[];
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  codings: number;
  documents: number;
  cases: number;
}

export interface CodebookExportOptions {
  /** Count only these coders' codings. */
  coderIds?: Id[];
}

export const CODEBOOK_COLUMNS = ['Code', 'Level', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Codings', 'Documents', 'Cases'];

export function codebookRows(project: ProjectData, options: CodebookExportOptions = {}, index: QueryIndex = buildQueryIndex(project)): CodebookRow[] {
  const coders = options.coderIds ? new Set(options.coderIds) : undefined;
  return index.codeOrder.map((id) => {
    const code = index.codes.get(id)!;
    const codings = (index.codingsByCode.get(id) ?? []).filter((c) => !coders || coders.has(c.coderId));
    const documents = new Set(codings.map((c) => c.documentId));
    const cases = new Set([...documents].map((d) => caseOf(index, d)).filter((c): c is Id => c !== undefined));
    return {
      codeId: id,
      levels: pathOf(index, id),
      definition: code.description,
      inclusion: code.inclusion,
      exclusion: code.exclusion,
      example: code.example,
      codings: codings.length,
      documents: documents.size,
      cases: cases.size,
    };
  });
}

/** A code's names from the top down (names may themselves hold "/", so the path is walked, not split). */
function pathOf(index: QueryIndex, id: Id): string[] {
  const names: string[] = [];
  const seen = new Set<Id>();
  let current = index.codes.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? index.codes.get(current.parentId) : undefined;
  }
  return names;
}

/** The codebook as a table: name path joined by "/", its depth (1 = top level), texts and counts. */
export function codebookTable(project: ProjectData, options: CodebookExportOptions = {}): Table {
  return {
    columns: CODEBOOK_COLUMNS,
    rows: codebookRows(project, options).map((r) => [r.levels.join('/'), r.levels.length, r.definition, r.inclusion, r.exclusion, r.example, r.codings, r.documents, r.cases]),
  };
}

export function codebookCsv(project: ProjectData, options: CodebookExportOptions & CsvOptions = {}): string {
  return toCsv(codebookTable(project, options), options);
}

export function codebookXlsx(project: ProjectData, options: CodebookExportOptions = {}): Promise<Uint8Array> {
  return toXlsx(codebookTable(project, options), { sheetName: 'Codebook', columnWidths: [36, 6, 60, 50, 50, 50, 9, 10, 7] });
}

/** The codebook as a document: a short note and one table (landscape). */
export function codebookDocument(project: ProjectData, options: CodebookExportOptions = {}): ReportDocument {
  const rows = codebookRows(project, options);
  return {
    title: `Codebook: ${project.project.name}`,
    landscape: true,
    blocks: [
      {
        kind: 'paragraph',
        content: [
          {
            text: `${rows.length} ${rows.length === 1 ? 'code' : 'codes'} in codebook order; subcodes are indented under their parent. Counts are the codings of each code itself (not of its subcodes), and the documents and cases they come from.`,
          },
        ],
      },
      {
        kind: 'table',
        table: {
          caption: 'Codebook: definitions, criteria, examples and counts',
          header: ['Code', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Codings', 'Documents', 'Cases'],
          rows: rows.map((r) => [
            `${'\u2003'.repeat(r.levels.length - 1)}${r.levels.at(-1) ?? ''}`,
            r.definition,
            r.inclusion,
            r.exclusion,
            r.example,
            String(r.codings),
            String(r.documents),
            String(r.cases),
          ]),
          numeric: [false, false, false, false, false, true, true, true],
          widths: [13, 19, 16, 16, 13, 8, 9, 6],
        },
      },
    ],
  };
}

export function codebookDocx(project: ProjectData, options: CodebookExportOptions & DocxOptions = {}): Promise<Uint8Array> {
  return renderDocx(codebookDocument(project, options), options);
}

export function codebookMarkdown(project: ProjectData, options: CodebookExportOptions = {}): string {
  return renderMarkdown(codebookDocument(project, options));
}
