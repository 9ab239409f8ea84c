/**
 * How widely codes and themes are shared: participants, documents and extracts with at least one coding.
 *
 * Rules (stated in the report's method paragraph):
 * - A participant is a document's case; a document with no case counts as a participant of its own. N counts the
 *   participants who have at least one document (a case with no document was not interviewed).
 * - Extracts are distinct coded passages (document, start, end): the same passage coded by two coders, or with two
 *   of the theme's codes, counts once.
 * - Only codings on known documents with a valid range count, and only those of `coderIds` when given.
 */
import type { AttributeDefinition, CodingRecord, DocumentRecord, Id, ProjectData } from '../model/types';

export interface Prevalence {
  participants: number;
  participantsTotal: number;
  documents: number;
  documentsTotal: number;
  extracts: number;
}

export interface BreakdownGroup {
  /** The attribute value, or NOT_RECORDED. */
  value: string;
  /** Units in this group with at least one extract. */
  n: number;
  /** Units in this group. */
  total: number;
  extracts: number;
}

export interface AttributeBreakdown {
  attributeId: Id;
  attributeName: string;
  /** Case attributes group participants; document attributes group documents. */
  unit: 'participants' | 'documents';
  groups: BreakdownGroup[];
}

export const NOT_RECORDED = 'Not recorded';

/** A project indexed once for counting. */
export interface CountingIndex {
  project: ProjectData;
  documents: Map<Id, DocumentRecord>;
  /** The codings that count, by code id, in document order. */
  codingsByCode: Map<Id, CodingRecord[]>;
  /** Participant key of each document. */
  participantOf: Map<Id, string>;
  participantsTotal: number;
  /** Whether any document belongs to a case; if none does, reports speak of documents, not participants. */
  hasCases: boolean;
}

export function participantKey(document: DocumentRecord, caseIds: ReadonlySet<Id>): string {
  return document.caseId && caseIds.has(document.caseId) ? `case:${document.caseId}` : `document:${document.id}`;
}

export function buildCountingIndex(project: ProjectData, coderIds?: readonly Id[]): CountingIndex {
  const documents = new Map(project.documents.map((d) => [d.id, d]));
  const lengths = new Map(project.texts.map((t) => [t.id, t.text.length]));
  const caseIds = new Set(project.cases.map((c) => c.id));
  const coders = coderIds ? new Set(coderIds) : undefined;
  const participantOf = new Map(project.documents.map((d) => [d.id, participantKey(d, caseIds)]));
  const codingsByCode = new Map<Id, CodingRecord[]>();
  const ordered = project.codings
    .filter((c) => {
      const length = lengths.get(c.documentId);
      return documents.has(c.documentId) && length !== undefined && c.start >= 0 && c.end > c.start && c.end <= length && (!coders || coders.has(c.coderId));
    })
    .sort((a, b) => compareCodings(a, b, documents));
  for (const coding of ordered) {
    const list = codingsByCode.get(coding.codeId);
    if (list) list.push(coding);
    else codingsByCode.set(coding.codeId, [coding]);
  }
  const hasCases = [...participantOf.values()].some((key) => key.startsWith('case:'));
  return { project, documents, codingsByCode, participantOf, participantsTotal: new Set(participantOf.values()).size, hasCases };
}

/** Document list order, then position in the text. */
export function compareCodings(a: CodingRecord, b: CodingRecord, documents: ReadonlyMap<Id, DocumentRecord>): number {
  const da = documents.get(a.documentId);
  const db = documents.get(b.documentId);
  return (
    (da?.order ?? 0) - (db?.order ?? 0) ||
    (da?.name ?? '').localeCompare(db?.name ?? '') ||
    a.documentId.localeCompare(b.documentId) ||
    a.start - b.start ||
    a.end - b.end ||
    a.id.localeCompare(b.id)
  );
}

/** The codings of these codes, in document order (each coding once). */
export function codingsOf(index: CountingIndex, codeIds: Iterable<Id>): CodingRecord[] {
  const all = [...new Set(codeIds)].flatMap((id) => index.codingsByCode.get(id) ?? []);
  return all.sort((a, b) => compareCodings(a, b, index.documents));
}

function passageKey(coding: CodingRecord): string {
  return `${coding.documentId}:${coding.start}:${coding.end}`;
}

export function prevalenceOf(index: CountingIndex, codeIds: Iterable<Id>): Prevalence {
  const codings = codingsOf(index, codeIds);
  return {
    participants: new Set(codings.map((c) => index.participantOf.get(c.documentId))).size,
    participantsTotal: index.participantsTotal,
    documents: new Set(codings.map((c) => c.documentId)).size,
    documentsTotal: index.documents.size,
    extracts: new Set(codings.map(passageKey)).size,
  };
}

/** Finds an attribute by id or by name (case-insensitive). */
export function findAttribute(project: ProjectData, idOrName: string): AttributeDefinition | undefined {
  const key = idOrName.trim().toLocaleLowerCase('und');
  return project.attributes.find((a) => a.id === idOrName) ?? project.attributes.find((a) => a.name.trim().toLocaleLowerCase('und') === key);
}

/** The groups of an attribute in a stable order: its listed options, then other values (numbers by value), then "Not recorded". */
function orderValues(attribute: AttributeDefinition, values: Iterable<string>): string[] {
  const seen = new Set(values);
  const listed = attribute.options.filter((o) => seen.has(o));
  const others = [...seen]
    .filter((v) => v !== NOT_RECORDED && !attribute.options.includes(v))
    .sort((a, b) => (attribute.type === 'number' && Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b)));
  return [...listed, ...others, ...(seen.has(NOT_RECORDED) ? [NOT_RECORDED] : [])];
}

/** Each unit's value of the attribute: participants for case attributes, documents for document attributes. */
export function unitValues(index: CountingIndex, attribute: AttributeDefinition): Map<string, string> {
  const { project } = index;
  const byOwner = new Map(project.attributeValues.filter((v) => v.attributeId === attribute.id).map((v) => [v.ownerId, v.value.trim()]));
  const values = new Map<string, string>();
  for (const document of index.documents.values()) {
    if (attribute.scope === 'document') {
      values.set(document.id, byOwner.get(document.id) || NOT_RECORDED);
    } else {
      const key = index.participantOf.get(document.id)!;
      const value = key.startsWith('case:') ? byOwner.get(document.caseId!) : undefined;
      values.set(key, value || NOT_RECORDED);
    }
  }
  return values;
}

export function breakdownOf(index: CountingIndex, codeIds: Iterable<Id>, attribute: AttributeDefinition): AttributeBreakdown {
  const unitOf = (coding: CodingRecord): string => (attribute.scope === 'document' ? coding.documentId : index.participantOf.get(coding.documentId)!);
  const values = unitValues(index, attribute);
  const codings = codingsOf(index, codeIds);
  const withTheme = new Set(codings.map(unitOf));
  const groups = orderValues(attribute, values.values()).map((value): BreakdownGroup => {
    const units = [...values].filter(([, v]) => v === value).map(([unit]) => unit);
    const unitSet = new Set(units);
    return {
      value,
      n: units.filter((u) => withTheme.has(u)).length,
      total: units.length,
      extracts: new Set(codings.filter((c) => unitSet.has(unitOf(c))).map(passageKey)).size,
    };
  });
  return { attributeId: attribute.id, attributeName: attribute.name, unit: attribute.scope === 'document' ? 'documents' : 'participants', groups };
}
