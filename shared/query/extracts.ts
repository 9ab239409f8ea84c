/**
 * Coded segments (extracts): the passages coded with chosen codes or themes, with where they come from and the
 * passage around them, for reading every extract of a theme (phase 4) and for quoting (phase 6).
 */
import type { CodingRecord, Id } from '../model/types';
import { caseOf, unitSpan, type QueryIndex } from './index-build';
import { selectCodings, type CodeSelection, type ExtractFilter } from './select';
import type { Table } from './tables';

/**
 * The passage around an extract: the turn (or turns) it lies in; else the block(s) for documents without turns;
 * else, for unstructured text, a window of `contextWindow` characters either side (cut to the text's ends).
 */
export interface ExtractContext {
  kind: 'turn' | 'block' | 'window';
  start: number;
  end: number;
  text: string;
  /** The speaker of the turn the extract starts in. */
  speaker?: string;
}

export interface Extract {
  codingId: Id;
  documentId: Id;
  documentName: string;
  caseId?: Id;
  caseName?: string;
  codeId: Id;
  codeName: string;
  /** The code's name path from the root of the codebook, e.g. "Benefits to children/Child's voice heard". */
  codePath: string;
  coderId: Id;
  coderName: string;
  /** The coded range [start, end) in UTF-16 code units of the document's text, and its text. */
  start: number;
  end: number;
  text: string;
  context: ExtractContext;
  exemplar: boolean;
}

export interface ExtractOptions {
  /** Characters either side of the extract for unstructured text. Default 200. */
  contextWindow?: number;
}

export const DEFAULT_CONTEXT_WINDOW = 200;

/** The context of a range of a document (see ExtractContext). */
export function contextOf(index: QueryIndex, documentId: Id, start: number, end: number, contextWindow = DEFAULT_CONTEXT_WINDOW): ExtractContext {
  const text = index.texts.get(documentId)?.text ?? '';
  const units = index.unitsOf(documentId);
  const span = units.kind === 'paragraph' ? undefined : unitSpan(units, start, end);
  if (span) {
    const from = Math.min(units.starts[span[0]]!, start);
    const to = Math.max(units.ends[span[1]]!, end);
    const speaker = units.speakers[span[0]];
    return { kind: units.kind === 'turn' ? 'turn' : 'block', start: from, end: to, text: text.slice(from, to), ...(speaker !== undefined ? { speaker } : {}) };
  }
  const window = Math.max(0, Math.floor(contextWindow));
  const from = Math.max(0, start - window);
  const to = Math.min(text.length, end + window);
  return { kind: 'window', start: from, end: to, text: text.slice(from, to) };
}

/** One coding as an extract. */
export function toExtract(index: QueryIndex, coding: CodingRecord, options: ExtractOptions = {}): Extract {
  const caseId = caseOf(index, coding.documentId);
  const code = index.codes.get(coding.codeId);
  return {
    codingId: coding.id,
    documentId: coding.documentId,
    documentName: index.documents.get(coding.documentId)?.name ?? '',
    ...(caseId ? { caseId, caseName: index.cases.get(caseId)!.name } : {}),
    codeId: coding.codeId,
    codeName: code?.name ?? '',
    codePath: index.codePaths.get(coding.codeId) ?? code?.name ?? '',
    coderId: coding.coderId,
    coderName: index.coders.get(coding.coderId)?.name ?? '',
    start: coding.start,
    end: coding.end,
    text: (index.texts.get(coding.documentId)?.text ?? '').slice(coding.start, coding.end),
    context: contextOf(index, coding.documentId, coding.start, coding.end, options.contextWindow),
    exemplar: coding.exemplar === true,
  };
}

/**
 * The extracts of the selected codes and themes that pass the filter, in document order (then start, end,
 * codebook order), each coding once even when several selected themes share its code.
 */
export function getExtracts(index: QueryIndex, selection: CodeSelection, filter?: ExtractFilter, options: ExtractOptions = {}): Extract[] {
  return selectCodings(index, selection, filter).map((c) => toExtract(index, c, options));
}

/** Extracts as a table for CSV or XLSX. */
export function extractsToTable(extracts: readonly Extract[], attribution?: (extract: Extract) => string): Table {
  const columns = ['Document', 'Case', 'Code', 'Coder', 'Start', 'End', 'Extract', 'Speaker', 'Context'];
  if (attribution) columns.push('Attribution');
  return {
    columns,
    rows: extracts.map((e) => {
      const row: (string | number | null)[] = [
        e.documentName,
        e.caseName ?? null,
        e.codePath,
        e.coderName,
        e.start,
        e.end,
        e.text,
        e.context.speaker ?? null,
        e.context.text,
      ];
      if (attribution) row.push(attribution(e));
      return row;
    }),
  };
}
