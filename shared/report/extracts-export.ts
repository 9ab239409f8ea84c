/**
 * Every coded extract as one spreadsheet row, for reading, sorting and filtering outside the app: document, case,
 * each case attribute (then each document attribute) as a column, the code path with one column per level, coder,
 * start and end (UTF-16 offsets into the stored text, as the app counts them), the coded text exactly, and the memos
 * written on that coding. Rows are in document order, then position, then codebook order.
 */
import type { Id, ProjectData } from '../model/types';
import { attributeValueForDocument, buildQueryIndex, caseOf } from '../query/index-build';
import { toCsv, toXlsx, type CsvOptions, type Table } from '../query/tables';

export interface ExtractsExportOptions {
  /** Only these coders' codings. */
  coderIds?: Id[];
  /** Only the codings of these codes. */
  codeIds?: Id[];
  /** Replaces names with pseudonyms in the extract, memo and name columns. */
  pseudonymise?: (text: string) => string;
}

export function extractsTable(project: ProjectData, options: ExtractsExportOptions = {}): Table {
  const ps = options.pseudonymise ?? ((text: string) => text);
  const index = buildQueryIndex(project);
  const coders = options.coderIds ? new Set(options.coderIds) : undefined;
  const codes = options.codeIds ? new Set(options.codeIds) : undefined;
  const byOrder = <T extends { order: number; name: string }>(a: T, b: T): number => a.order - b.order || a.name.localeCompare(b.name);
  const caseAttributes = project.attributes.filter((a) => a.scope === 'case').sort(byOrder);
  const documentAttributes = project.attributes.filter((a) => a.scope === 'document').sort(byOrder);
  const levelsOf = new Map<Id, string[]>();
  for (const id of index.codeOrder) {
    const names: string[] = [];
    const seen = new Set<Id>();
    let code = index.codes.get(id);
    while (code && !seen.has(code.id)) {
      seen.add(code.id);
      names.unshift(code.name);
      code = code.parentId ? index.codes.get(code.parentId) : undefined;
    }
    levelsOf.set(id, names);
  }
  const depth = Math.max(1, ...[...levelsOf.values()].map((l) => l.length));
  const memos = new Map<Id, string[]>();
  for (const memo of [...project.memos].sort((a, b) => a.createdAt - b.createdAt)) {
    if (memo.targetType !== 'coding' || !memo.plainText.trim()) continue;
    memos.set(memo.targetId, [...(memos.get(memo.targetId) ?? []), memo.plainText.trim()]);
  }
  // Attribute names that clash with the fixed columns are told apart by their scope.
  const fixed = new Set(['document', 'case', 'coder', 'start', 'end', 'text', 'memo']);
  const attributeHeader = (name: string, scope: string): string => (fixed.has(name.trim().toLowerCase()) ? `${name} (${scope} attribute)` : name);
  const columns = [
    'Document',
    'Case',
    ...caseAttributes.map((a) => attributeHeader(a.name, 'case')),
    ...documentAttributes.map((a) => attributeHeader(a.name, 'document')),
    ...Array.from({ length: depth }, (_, i) => `Code level ${i + 1}`),
    'Coder',
    'Start',
    'End',
    'Text',
    'Memo',
  ];
  const rows: Table['rows'] = [];
  for (const documentId of index.documentOrder) {
    const text = index.texts.get(documentId)?.text ?? '';
    const caseId = caseOf(index, documentId);
    for (const coding of index.codingsByDocument.get(documentId) ?? []) {
      if ((coders && !coders.has(coding.coderId)) || (codes && !codes.has(coding.codeId))) continue;
      const levels = levelsOf.get(coding.codeId) ?? [];
      const value = (attributeId: Id): string | null => {
        const v = attributeValueForDocument(index, attributeId, documentId);
        return v === undefined ? null : ps(v);
      };
      rows.push([
        ps(index.documents.get(documentId)!.name),
        caseId ? ps(index.cases.get(caseId)!.name) : null,
        ...caseAttributes.map((a) => value(a.id)),
        ...documentAttributes.map((a) => value(a.id)),
        ...Array.from({ length: depth }, (_, i) => (levels[i] !== undefined ? ps(levels[i]!) : null)),
        index.coders.get(coding.coderId)?.name ?? null,
        coding.start,
        coding.end,
        ps(text.slice(coding.start, coding.end)),
        memos.has(coding.id) ? ps(memos.get(coding.id)!.join('\n\n')) : null,
      ]);
    }
  }
  return { columns, rows };
}

export function extractsCsv(project: ProjectData, options: ExtractsExportOptions & CsvOptions = {}): string {
  return toCsv(extractsTable(project, options), options);
}

export function extractsXlsx(project: ProjectData, options: ExtractsExportOptions = {}): Promise<Uint8Array> {
  const table = extractsTable(project, options);
  const widths = table.columns.map((c) => (c === 'Text' ? 80 : c === 'Memo' ? 50 : c === 'Start' || c === 'End' ? 8 : Math.min(30, Math.max(10, c.length + 2))));
  return toXlsx(table, { sheetName: 'Coded extracts', columnWidths: widths });
}
