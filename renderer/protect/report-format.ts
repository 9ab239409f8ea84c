import type { Id } from '../../shared/model/types';
import type { PseudonymPlace, PseudonymReportRow } from '../../shared/protect';
import { toCsv, type Table } from '../../shared/query/tables';

/**
 * The pseudonymisation report as people read it: per term, where it was found (a document's text, speaker labels and
 * name counted together as that document), and per document, how much changes. Pure, for the view and for the CSV.
 */

/** Kinds of place that belong to a document. */
const DOCUMENT_KINDS = new Set<PseudonymPlace['kind']>(['document text', 'speaker', 'document']);

const KIND_LABEL: Readonly<Record<PseudonymPlace['kind'], string>> = {
  'document text': 'Document',
  speaker: 'Document',
  document: 'Document',
  memo: 'Memo',
  case: 'Participant',
  attribute: 'Attribute',
  'attribute value': 'Attribute value',
  code: 'Code',
  theme: 'Theme',
  coder: 'Coder',
  project: 'Project',
};

const FIELD_LABEL: Readonly<Record<string, string>> = {
  text: 'text',
  speaker: 'speaker labels',
  name: 'name',
  fileName: 'file name',
  title: 'title',
  plainText: 'text',
  content: 'text',
  description: 'description',
  options: 'options',
  value: 'value',
  inclusion: 'inclusion criteria',
  exclusion: 'exclusion criteria',
  example: 'example',
  note: 'history note',
  definition: 'definition',
  boundaries: 'boundaries',
};

export interface ReportPlace {
  /** Stable key: the record (documents by id, other records by kind and id). */
  key: string;
  /** "Document", "Memo", "Code", ... */
  kind: string;
  label: string;
  documentId?: Id;
  count: number;
  /** The fields it was found in, e.g. ["text", "speaker labels"]. */
  fields: string[];
}

/** A term's places, one per record (a document's text, speakers and name together), most first. */
export function placesOf(row: PseudonymReportRow): ReportPlace[] {
  const places = new Map<string, ReportPlace>();
  for (const place of row.where) {
    const isDocument = DOCUMENT_KINDS.has(place.kind);
    const key = isDocument ? `document\u0000${place.id}` : `${place.kind}\u0000${place.id}`;
    const field = place.kind === 'speaker' ? 'speaker labels' : (FIELD_LABEL[place.field] ?? place.field);
    const known = places.get(key);
    if (known) {
      known.count += place.count;
      if (!known.fields.includes(field)) known.fields.push(field);
    } else {
      places.set(key, {
        key,
        kind: KIND_LABEL[place.kind],
        label: place.label,
        ...(isDocument ? { documentId: place.id } : {}),
        count: place.count,
        fields: [field],
      });
    }
  }
  return [...places.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}

export interface DocumentTotal {
  documentId: Id;
  label: string;
  /** Replacements in the document (text, speaker labels and name). */
  count: number;
  /** How many of the table's terms occur in it. */
  terms: number;
}

/** Per document: replacements and terms, in the order the documents first appear in the report. */
export function documentTotals(report: readonly PseudonymReportRow[]): DocumentTotal[] {
  const totals = new Map<Id, DocumentTotal>();
  for (const row of report) {
    for (const place of placesOf(row)) {
      if (!place.documentId) continue;
      const known = totals.get(place.documentId) ?? { documentId: place.documentId, label: place.label, count: 0, terms: 0 };
      known.count += place.count;
      known.terms += 1;
      totals.set(place.documentId, known);
    }
  }
  return [...totals.values()].sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}

/** Replacements outside documents' texts (memos, codes, participants, ...), in all. */
export function otherPlacesCount(report: readonly PseudonymReportRow[]): number {
  return report.reduce((sum, row) => sum + row.where.filter((p) => !DOCUMENT_KINDS.has(p.kind)).reduce((s, p) => s + p.count, 0), 0);
}

/**
 * The report as a table: one row per term and place (term, replacement, category, where, record, fields, count),
 * terms that were not found on one row of their own with a count of 0.
 */
export function reportTable(report: readonly PseudonymReportRow[]): Table {
  const rows: Table['rows'] = [];
  for (const row of report) {
    const places = placesOf(row);
    if (places.length === 0) rows.push([row.term, row.replacement, row.category, '', '', '', 0]);
    for (const place of places) rows.push([row.term, row.replacement, row.category, place.kind, place.label, place.fields.join('; '), place.count]);
  }
  return { columns: ['term', 'replacement', 'category', 'where', 'record', 'fields', 'count'], rows };
}

/** The report as CSV (UTF-8 with a byte order mark for Excel; formula-like cells such as "+44 ..." kept as text). */
export function reportCsv(report: readonly PseudonymReportRow[]): string {
  return toCsv(reportTable(report), { bom: true, guardFormulas: true });
}
