import type { CoderRecord, CodingRecord, Id } from '../../shared/model/types';
import {
  attributeMatrix,
  booleanHitsToTable,
  booleanQuery,
  cooccurrenceList,
  cooccurrenceMatrix,
  cooccurringPairs,
  cooccurringPairsToTable,
  coverageToTable,
  extractsToTable,
  formatAttribution,
  frameworkMatrix,
  getExtracts,
  hitsToCodings,
  parseAttributionTemplate,
  searchHitsToTable,
  searchText,
  selectCodings,
  themeCoverage,
  wordCloud,
  wordFrequencies,
  wordFrequenciesToTable,
  type AttributeMatrix,
  type AttributionTemplate,
  type BooleanHit,
  type BooleanQuery,
  type CloudWord,
  type CodeSelection,
  type CooccurrenceCount,
  type CooccurrenceMatrix,
  type CooccurrenceMode,
  type CooccurringPair,
  type Coverage,
  type Extract,
  type ExtractFilter,
  type FrameworkMatrix,
  type MatrixCount,
  type MatrixRowSpec,
  type QueryIndex,
  type SearchHit,
  type SearchResult,
  type Table,
  type TextSearchOptions,
  type WordCloudOptions,
  type WordFrequencies,
  type WordFrequencyOptions,
} from '../../shared/query';

/**
 * Every question the themes and queries screens ask of a project, as plain data that crosses to the query worker,
 * and the one function that answers them from a QueryIndex. Results are plain data too (structured-cloneable).
 */
export type QueryRequest =
  | { kind: 'review'; themeId: Id; attributeId?: Id; template: string; includeChildCodes?: boolean }
  | { kind: 'extracts'; selection: CodeSelection; filter?: ExtractFilter; template?: string }
  | { kind: 'cooccurrence'; codeIds?: Id[]; mode: CooccurrenceMode; count: CooccurrenceCount; filter?: ExtractFilter }
  | { kind: 'pairs'; codeIds: Id[]; mode: CooccurrenceMode; filter?: ExtractFilter; limit?: number }
  | { kind: 'matrix'; rows: MatrixRowSpec[] | 'all-codes' | 'all-themes'; attributeId: Id; count: MatrixCount; filter?: ExtractFilter; includeChildCodes?: boolean }
  | { kind: 'framework'; themeIds?: Id[]; filter?: ExtractFilter }
  | { kind: 'boolean'; query: BooleanQuery }
  | { kind: 'search'; query: string; options: Omit<TextSearchOptions, 'clock'> }
  | { kind: 'code-hits'; hits: SearchHit[]; codeId: Id; coder: CoderRecord; extent: 'match' | 'sentence' | 'turn'; now: number }
  | { kind: 'code-counts' }
  | { kind: 'words'; options: Omit<WordFrequencyOptions, 'ranges'>; selection?: CodeSelection; filter?: ExtractFilter; cloud?: WordCloudOptions };

/** An extract with its attribution under the chosen template (empty when the template has an error). */
export type AttributedExtract = Extract & { attribution: string };

export interface QueryResults {
  review: { extracts: AttributedExtract[]; coverage: Coverage; coverageTable: Table; table: Table; templateError?: string };
  extracts: { extracts: AttributedExtract[]; table: Table; templateError?: string };
  cooccurrence: { matrix: CooccurrenceMatrix; list: { codeA: Id; codeB: Id; count: number }[]; listTable: Table };
  pairs: { pairs: CooccurringPair[]; table: Table };
  matrix: { matrix: AttributeMatrix };
  framework: { matrix: FrameworkMatrix };
  boolean: { hits: BooleanHit[]; table: Table };
  search: { result: SearchResult; table: Table };
  'code-hits': { codings: CodingRecord[]; skipped: number };
  'code-counts': { counts: Record<Id, { codings: number; documents: number; cases: number }> };
  words: { frequencies: WordFrequencies; cloud: CloudWord[]; table: Table };
}

export type QueryResult<R extends QueryRequest = QueryRequest> = QueryResults[R['kind']];

/** The default attribution template: the participant's role, then the case, e.g. "Social worker, P01". */
export const DEFAULT_ATTRIBUTION = '{Role}, {case}';

function attributed(index: QueryIndex, extracts: Extract[], template: string | undefined): { extracts: AttributedExtract[]; templateError?: string } {
  let parsed: AttributionTemplate | undefined;
  let templateError: string | undefined;
  try {
    parsed = parseAttributionTemplate(index, template ?? '{case}');
  } catch (error) {
    templateError = error instanceof Error ? error.message : String(error);
  }
  return {
    extracts: extracts.map((e) => ({ ...e, attribution: parsed ? formatAttribution(index, e, parsed) : '' })),
    ...(templateError ? { templateError } : {}),
  };
}

function matrixRows(index: QueryIndex, rows: MatrixRowSpec[] | 'all-codes' | 'all-themes'): MatrixRowSpec[] {
  if (rows === 'all-codes') return index.codeOrder.map((id) => ({ kind: 'code', id }));
  if (rows === 'all-themes') {
    // Themes depth first in the user's order, so subthemes follow their theme.
    const out: MatrixRowSpec[] = [];
    const visit = (parentId: Id | undefined) => {
      const children = [...index.themes.values()]
        .filter((t) => (parentId ? t.parentId === parentId : !t.parentId || !index.themes.has(t.parentId)))
        .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
      for (const t of children) {
        if (out.some((r) => r.id === t.id)) continue;
        out.push({ kind: 'theme', id: t.id });
        visit(t.id);
      }
    };
    visit(undefined);
    return out;
  }
  return rows;
}

/** Answers one request. Throws a QueryError (with a message for the researcher) when it cannot be run as asked. */
export function runQuery<R extends QueryRequest>(index: QueryIndex, request: R, newId: () => Id = () => crypto.randomUUID()): QueryResult<R> {
  return answer(index, request, newId) as QueryResult<R>;
}

function answer(index: QueryIndex, request: QueryRequest, newId: () => Id): QueryResult {
  switch (request.kind) {
    case 'review': {
      const all = getExtracts(index, { themeIds: [request.themeId], includeChildCodes: request.includeChildCodes });
      const { extracts, templateError } = attributed(index, all, request.template);
      const coverage = themeCoverage(index, request.themeId, { ...(request.attributeId ? { attributeId: request.attributeId } : {}), includeChildCodes: request.includeChildCodes });
      return {
        extracts,
        coverage,
        coverageTable: coverageToTable(index, coverage),
        table: extractsToTable(extracts, templateError ? undefined : (e) => (e as AttributedExtract).attribution),
        ...(templateError ? { templateError } : {}),
      };
    }
    case 'extracts': {
      const { extracts, templateError } = attributed(index, getExtracts(index, request.selection, request.filter), request.template);
      return { extracts, table: extractsToTable(extracts, templateError ? undefined : (e) => (e as AttributedExtract).attribution), ...(templateError ? { templateError } : {}) };
    }
    case 'cooccurrence': {
      const matrix = cooccurrenceMatrix(index, { codeIds: request.codeIds, mode: request.mode, count: request.count, filter: request.filter });
      const list = cooccurrenceList(matrix);
      const name = (id: Id) => index.codePaths.get(id) ?? '';
      const unit = request.count === 'codings' ? 'Pairs of codings' : request.count === 'documents' ? 'Documents' : 'Cases';
      return { matrix, list, listTable: { columns: ['Code A', 'Code B', unit], rows: list.map((p) => [name(p.codeA), name(p.codeB), p.count]) } };
    }
    case 'pairs': {
      const pairs = cooccurringPairs(index, { codeIds: request.codeIds, mode: request.mode, filter: request.filter, limit: request.limit });
      return { pairs, table: cooccurringPairsToTable(index, pairs) };
    }
    case 'matrix':
      return {
        matrix: attributeMatrix(index, {
          rows: matrixRows(index, request.rows),
          attributeId: request.attributeId,
          count: request.count,
          filter: request.filter,
          includeChildCodes: request.includeChildCodes,
        }),
      };
    case 'framework':
      return { matrix: frameworkMatrix(index, { themeIds: request.themeIds, filter: request.filter }) };
    case 'boolean': {
      const hits = booleanQuery(index, request.query);
      return { hits, table: booleanHitsToTable(hits) };
    }
    case 'search': {
      const result = searchText(index, request.query, request.options);
      return { result, table: searchHitsToTable(result.hits) };
    }
    case 'code-hits': {
      // The coder may be coding in this project for the first time: the command adds them with the codings.
      const withCoder: QueryIndex = index.coders.has(request.coder.id)
        ? index
        : { ...index, coders: new Map([...index.coders, [request.coder.id, request.coder]]), unitsOf: (id) => index.unitsOf(id) };
      return hitsToCodings(withCoder, request.hits, { codeId: request.codeId, coderId: request.coder.id, extent: request.extent, now: request.now, newId });
    }
    case 'code-counts': {
      const counts: Record<Id, { codings: number; documents: number; cases: number }> = {};
      for (const [codeId, codings] of index.codingsByCode) {
        const documents = new Set(codings.map((c) => c.documentId));
        const cases = new Set([...documents].map((d) => index.documents.get(d)?.caseId).filter(Boolean));
        counts[codeId] = { codings: codings.length, documents: documents.size, cases: cases.size };
      }
      return { counts };
    }
    case 'words': {
      const ranges = request.selection
        ? selectCodings(index, request.selection, request.filter).map((c) => ({ documentId: c.documentId, start: c.start, end: c.end }))
        : undefined;
      const frequencies = wordFrequencies(index, { ...request.options, ...(ranges ? { ranges } : {}) });
      return { frequencies, cloud: wordCloud(frequencies.words.slice(0, 80), request.cloud), table: wordFrequenciesToTable(frequencies) };
    }
  }
}
