/**
 * Which codings a query looks at: a selection of codes and themes, narrowed by a filter on documents, cases,
 * attribute values, coders and text. Shared by extracts, coverage, matrices, co-occurrence and boolean queries so
 * the same filter means the same thing everywhere.
 */
import type { CodingRecord, Id } from '../model/types';
import {
  attributeValueForDocument,
  caseOf,
  codeWithDescendants,
  QueryError,
  requireAttribute,
  themeWithSubthemes,
  type QueryIndex,
} from './index-build';

/** Codes and themes whose codings to take. A theme stands for its member codes and its subthemes' codes. */
export interface CodeSelection {
  codeIds?: readonly Id[];
  themeIds?: readonly Id[];
  /** Also take the codes below each chosen code (and below each theme's codes) in the code tree. Default false. */
  includeChildCodes?: boolean;
}

/** One attribute condition: the owner's value must be one of `values`; `null` in the list stands for "no value". */
export interface AttributeCondition {
  attributeId: Id;
  values: readonly (string | null)[];
}

/**
 * Narrows the codings. Every given condition must hold (AND); within one condition any listed item will do (OR).
 * An empty list matches nothing; leave a field out to not filter on it.
 */
export interface ExtractFilter {
  documentIds?: readonly Id[];
  /** Cases: a coding matches when its document belongs to one of them. */
  caseIds?: readonly Id[];
  coderIds?: readonly Id[];
  /** Case attributes are read from the document's case, document attributes from the document. */
  attributes?: readonly AttributeCondition[];
  /** Keep codings whose coded text contains this (case-insensitive). Blank means no text condition. */
  text?: string;
}

/** The codes a theme gathers: its own codes and its subthemes' codes, in that order, without repeats. */
export function themeCodeIds(index: QueryIndex, themeId: Id, includeChildCodes = false): Id[] {
  if (!index.themes.has(themeId)) throw new QueryError(`The theme with id ${themeId} is not in this project (it may have been deleted).`);
  const out = new Set<Id>();
  for (const id of themeWithSubthemes(index, themeId)) {
    for (const codeId of index.themes.get(id)!.codeIds) {
      if (!index.codes.has(codeId)) continue; // a theme may still list a code that was since deleted
      for (const c of includeChildCodes ? codeWithDescendants(index, codeId) : [codeId]) out.add(c);
    }
  }
  return [...out];
}

/** The set of code ids a selection stands for. Unknown codes or themes are an error (a stale selection). */
export function resolveCodes(index: QueryIndex, selection: CodeSelection): Set<Id> {
  const out = new Set<Id>();
  for (const codeId of selection.codeIds ?? []) {
    if (!index.codes.has(codeId)) throw new QueryError(`The code with id ${codeId} is not in the codebook (it may have been deleted or merged).`);
    for (const c of selection.includeChildCodes ? codeWithDescendants(index, codeId) : [codeId]) out.add(c);
  }
  for (const themeId of selection.themeIds ?? []) {
    for (const c of themeCodeIds(index, themeId, selection.includeChildCodes)) out.add(c);
  }
  return out;
}

/** The documents a filter allows (by documents, cases and attributes), or undefined when it does not limit them. */
export function allowedDocuments(index: QueryIndex, filter: ExtractFilter | undefined): Set<Id> | undefined {
  if (!filter || (!filter.documentIds && !filter.caseIds && !filter.attributes)) return undefined;
  const documentIds = filter.documentIds ? new Set(filter.documentIds) : undefined;
  const caseIds = filter.caseIds ? new Set(filter.caseIds) : undefined;
  const conditions = (filter.attributes ?? []).map((c) => {
    requireAttribute(index, c.attributeId);
    return { attributeId: c.attributeId, values: new Set(c.values.map((v) => (v === null ? null : v.trim()))) };
  });
  const out = new Set<Id>();
  for (const documentId of index.documentOrder) {
    if (documentIds && !documentIds.has(documentId)) continue;
    if (caseIds) {
      const caseId = caseOf(index, documentId);
      if (!caseId || !caseIds.has(caseId)) continue;
    }
    const ok = conditions.every((c) => c.values.has(attributeValueForDocument(index, c.attributeId, documentId)?.trim() ?? null));
    if (ok) out.add(documentId);
  }
  return out;
}

/** A predicate for one coding, built once per query. */
export function compileFilter(index: QueryIndex, filter: ExtractFilter | undefined): (coding: CodingRecord) => boolean {
  const documents = allowedDocuments(index, filter);
  const coders = filter?.coderIds ? new Set(filter.coderIds) : undefined;
  const needle = filter?.text?.trim() ? filter.text.toLowerCase() : undefined;
  if (!documents && !coders && !needle) return () => true;
  return (coding) => {
    if (documents && !documents.has(coding.documentId)) return false;
    if (coders && !coders.has(coding.coderId)) return false;
    if (needle) {
      const text = index.texts.get(coding.documentId)!.text;
      if (!text.slice(coding.start, coding.end).toLowerCase().includes(needle)) return false;
    }
    return true;
  };
}

/** Compares codings by document order, start, end, codebook order and coder (the order extracts are listed in). */
export function compareCodings(index: QueryIndex): (a: CodingRecord, b: CodingRecord) => number {
  return (a, b) =>
    index.documentRank.get(a.documentId)! - index.documentRank.get(b.documentId)! ||
    a.start - b.start ||
    a.end - b.end ||
    index.codeRank.get(a.codeId)! - index.codeRank.get(b.codeId)! ||
    (a.coderId < b.coderId ? -1 : a.coderId > b.coderId ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The codings of the selected codes that pass the filter, in document order, each once. */
export function selectCodings(index: QueryIndex, selection: CodeSelection, filter?: ExtractFilter): CodingRecord[] {
  const codeIds = resolveCodes(index, selection);
  const keep = compileFilter(index, filter);
  const out: CodingRecord[] = [];
  for (const codeId of codeIds) {
    for (const coding of index.codingsByCode.get(codeId) ?? []) if (keep(coding)) out.push(coding);
  }
  // One code's list is already in order; several codes' lists are interleaved by sorting.
  if (codeIds.size > 1) out.sort(compareCodings(index));
  return out;
}
