import { readQdpx } from '../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../shared/exchange/qdpx-write';
import type { Id, ProjectData } from '../../shared/model/types';
import {
  applyPseudonymisation,
  decryptFile,
  encryptFile,
  findLeaks,
  findLeaksInProject,
  planPseudonymisation,
  suggestPseudonyms,
  TermMatcher,
  type LeakHit,
  type PseudonymCategory,
  type PseudonymEntry,
  type PseudonymReportRow,
  type PseudonymTable,
  type SuggestionReason,
} from '../../shared/protect';
import { unzipSafely } from '../../shared/zip/safe-unzip';
import { projectChanges, type ProjectChanges } from './project-changes';

/**
 * The confidentiality work that runs in the protect worker: suggestions with examples, the pseudonymisation preview
 * and its changes, the leak check, and encrypting and decrypting files (600,000 rounds of key derivation take a
 * moment). Kept apart from the worker's message plumbing so it is tested in Node.
 */

/** One place a suggested term occurs, with words either side. */
export interface KwicExample {
  documentId: Id;
  documentName: string;
  before: string;
  match: string;
  after: string;
  start: number;
  end: number;
}

/** A suggestion as the review list shows it. */
export interface ReviewSuggestion {
  term: string;
  /** The engine's proposal (the view proposes its own, numbered after the table). */
  replacement: string;
  category: PseudonymCategory;
  caseSensitive?: boolean;
  reason: SuggestionReason;
  /** Occurrences in the documents' texts that replacement would change (speaker labels in the text included). */
  count: number;
  documentCount: number;
  examples: KwicExample[];
}

const WIDE = 48;

function kwic(text: string, start: number, end: number): { before: string; match: string; after: string } {
  let from = Math.max(0, start - WIDE);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  let to = Math.min(text.length, end + WIDE);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, start)).trimStart(),
    match: text.slice(start, end),
    after: flat(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

/**
 * Suggestions for the table, each with its real count in the texts and a few examples in context (from different
 * documents first). Terms already in the table or dismissed are left out. Matching is as replacement does it:
 * longest term first, so "Marsh" inside "Marsh Lane Primary" is not counted for "Marsh".
 */
export function reviewSuggestions(project: ProjectData, table: PseudonymTable, dismissed: readonly string[] = [], maxExamples = 3): ReviewSuggestion[] {
  const gone = new Set(dismissed.map((t) => t.toLowerCase()));
  // After pseudonymising, "[Parent 1]" would otherwise come back as the name "Parent".
  for (const entry of table) {
    const inner = entry.replacement.replace(/[[\]()]/g, ' ').trim().toLowerCase();
    gone.add(inner);
    for (const word of inner.split(/[^\p{L}\p{N}'’-]+/u)) if (word) gone.add(word);
  }
  const suggestions = suggestPseudonyms(project, { exclude: table }).filter((s) => !gone.has(s.term.toLowerCase()));
  const stats = new Map<PseudonymEntry, { count: number; documents: Set<Id>; firsts: KwicExample[]; extras: KwicExample[] }>();
  const entries: PseudonymEntry[] = suggestions.map((s) => {
    const entry: PseudonymEntry = { term: s.term, replacement: s.replacement, category: s.category };
    if (s.caseSensitive) entry.caseSensitive = true;
    stats.set(entry, { count: 0, documents: new Set(), firsts: [], extras: [] });
    return entry;
  });
  const matcher = new TermMatcher([...table, ...entries]);
  const names = new Map(project.documents.map((d) => [d.id, d.name]));
  const position = new Map(project.documents.map((d, i) => [d.id, d.order ?? i]));
  const ordered = [...project.texts].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  for (const doc of ordered) {
    for (const m of matcher.find(doc.text)) {
      const s = stats.get(m.entry);
      if (!s) continue;
      s.count++;
      const example = { documentId: doc.id, documentName: names.get(doc.id) ?? 'Document', start: m.start, end: m.end, ...kwic(doc.text, m.start, m.end) };
      if (!s.documents.has(doc.id)) {
        s.documents.add(doc.id);
        if (s.firsts.length < maxExamples) s.firsts.push(example);
      } else if (s.extras.length < maxExamples) s.extras.push(example);
    }
  }
  return suggestions.map((s, i) => {
    const found = stats.get(entries[i]!)!;
    const review: ReviewSuggestion = {
      term: s.term,
      replacement: s.replacement,
      category: s.category,
      reason: s.reason,
      count: found.count || s.count,
      documentCount: found.documents.size || s.documentIds.length,
      examples: [...found.firsts, ...found.extras].slice(0, maxExamples),
    };
    if (s.caseSensitive) review.caseSensitive = true;
    return review;
  });
}

export interface PseudonymPreview {
  report: PseudonymReportRow[];
  total: number;
  /** The documents in scope, or null for the whole project. */
  documentIds: Id[] | null;
}

/** What pseudonymising would replace where (nothing is changed). */
export function previewPseudonymisation(project: ProjectData, table: PseudonymTable, documentIds: readonly Id[] | null): PseudonymPreview {
  const plan = planPseudonymisation(project, table, documentIds ?? undefined);
  return { report: plan.report, total: plan.total, documentIds: plan.documentIds };
}

export interface PseudonymResult extends PseudonymPreview {
  changes: ProjectChanges;
}

/** Pseudonymises a copy of the project and returns only the records that changed, with the report. */
export async function pseudonymiseProject(project: ProjectData, table: PseudonymTable, documentIds: readonly Id[] | null, now = Date.now()): Promise<PseudonymResult> {
  const plan = planPseudonymisation(project, table, documentIds ?? undefined);
  const after = await applyPseudonymisation(project, plan, { now });
  return { report: plan.report, total: plan.total, documentIds: plan.documentIds, changes: projectChanges(project, after) };
}

/** One place a real term is still in the project. */
export interface LeakRow {
  term: string;
  category: PseudonymCategory;
  found: string;
  /** "Document", "Memo", "Code", ... */
  kind: string;
  /** The record's name or title. */
  label: string;
  /** e.g. "text", "speaker", "name", "title". */
  field: string;
  context: string;
  /** For a hit in a document's text: where, so it can be shown in the transcript. */
  documentId?: Id;
  start?: number;
  end?: number;
}

const TABLE_KIND: Readonly<Record<string, string>> = {
  project: 'Project',
  documents: 'Document',
  texts: 'Document',
  cases: 'Participant',
  attributes: 'Attribute',
  attributeValues: 'Attribute value',
  codes: 'Code',
  codings: 'Coding',
  memos: 'Memo',
  themes: 'Theme',
  coders: 'Coder',
};

const PATH = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?(?:\.turns\[\d+\]\.(speaker))?/;

/** Every real term still anywhere in the project, as rows a person can follow (which record, which field). */
export function projectLeakRows(project: ProjectData, table: PseudonymTable): LeakRow[] {
  if (table.length === 0) return [];
  const docName = new Map(project.documents.map((d) => [d.id, d.name]));
  const attributeName = new Map(project.attributes.map((a) => [a.id, a.name]));
  const labelOf = (tableName: string, index: number): { label: string; documentId?: Id } => {
    switch (tableName) {
      case 'project':
        return { label: project.project.name };
      case 'documents':
      case 'texts': {
        const id = (tableName === 'texts' ? project.texts[index] : project.documents[index])?.id ?? '';
        return { label: docName.get(id) ?? 'Document', documentId: id };
      }
      case 'memos': {
        const memo = project.memos[index];
        return { label: memo?.title || memo?.plainText.slice(0, 40) || 'Untitled memo' };
      }
      case 'attributeValues':
        return { label: attributeName.get(project.attributeValues[index]?.attributeId ?? '') ?? 'Attribute' };
      default: {
        const records = (project as unknown as Record<string, { name?: string }[]>)[tableName];
        return { label: records?.[index]?.name ?? TABLE_KIND[tableName] ?? tableName };
      }
    }
  };
  return findLeaksInProject(project, table).map((hit: LeakHit) => {
    const m = PATH.exec(hit.where);
    const tableName = m?.[1] ?? '';
    const index = m?.[2] !== undefined ? Number(m[2]) : 0;
    const field = m?.[4] ?? m?.[3] ?? '';
    const { label, documentId } = labelOf(tableName, index);
    const row: LeakRow = {
      term: hit.term,
      category: hit.category,
      found: hit.found,
      kind: TABLE_KIND[tableName] ?? tableName,
      label,
      field: field === 'plainText' || field === 'content' ? 'text' : field,
      context: hit.context,
    };
    if (documentId) row.documentId = documentId;
    // Offsets are those of the stored text only for a hit read straight from it.
    if (tableName === 'texts' && field === 'text' && !hit.where.endsWith('(text)')) {
      row.start = hit.index;
      row.end = hit.index + hit.found.length;
    }
    return row;
  });
}

/** The terms found, with how often, most first: what a warning names. */
export function leakTermCounts(hits: readonly { term: string }[]): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(h.term, (counts.get(h.term) ?? 0) + 1);
  return [...counts].map(([term, count]) => ({ term, count })).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}

export type OpenedFile =
  | { kind: 'project'; project: ProjectData; warnings: string[]; innerName: string }
  | { kind: 'file'; name: string; type: string; bytes: Uint8Array };

function holdsProject(name: string, bytes: Uint8Array): boolean {
  if (/\.qdpx$/i.test(name)) return true;
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return false;
  try {
    return Object.keys(unzipSafely(bytes, (entry) => /\.qde$/i.test(entry))).length > 0;
  } catch {
    return false;
  }
}

/**
 * Decrypts a file with its passphrase; a project inside (.qdpx) is read, ready to be stored as a new project.
 * Errors name the file: a wrong passphrase says so, and nothing is returned.
 */
export async function openEncrypted(name: string, bytes: Uint8Array, passphrase: string, onStage: (stage: ProtectStage) => void = () => undefined): Promise<OpenedFile> {
  onStage('key');
  const plain = await decryptFile(bytes, passphrase, name);
  if (!holdsProject(plain.name, plain.bytes)) return { kind: 'file', name: plain.name, type: plain.type, bytes: plain.bytes };
  onStage('reading');
  const { project, warnings } = await readQdpx(plain.bytes, plain.name);
  return { kind: 'project', project, warnings, innerName: plain.name };
}

/** Progress stages, for the waiting message. */
export type ProtectStage = 'key' | 'reading' | 'writing' | 'checking' | 'computing';

export type ProtectRequest =
  | { id: number; kind: 'suggest'; project: ProjectData; table: PseudonymTable; dismissed: string[] }
  | { id: number; kind: 'preview'; project: ProjectData; table: PseudonymTable; documentIds: Id[] | null }
  | { id: number; kind: 'pseudonymise'; project: ProjectData; table: PseudonymTable; documentIds: Id[] | null; now: number }
  | { id: number; kind: 'project-leaks'; project: ProjectData; table: PseudonymTable }
  | { id: number; kind: 'file-leaks'; name: string; bytes: Uint8Array; table: PseudonymTable }
  | { id: number; kind: 'write-qdpx'; project: ProjectData }
  | { id: number; kind: 'encrypt'; name: string; type: string; bytes: Uint8Array; passphrase: string }
  | { id: number; kind: 'decrypt'; name: string; bytes: Uint8Array; passphrase: string }
  | { id: number; kind: 'open-encrypted'; name: string; bytes: Uint8Array; passphrase: string };

export type ProtectResult =
  | { kind: 'suggest'; suggestions: ReviewSuggestion[] }
  | { kind: 'preview'; preview: PseudonymPreview }
  | { kind: 'pseudonymise'; result: PseudonymResult }
  | { kind: 'project-leaks'; rows: LeakRow[] }
  | { kind: 'file-leaks'; hits: LeakHit[] }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'decrypted'; name: string; type: string; bytes: Uint8Array }
  | { kind: 'opened'; opened: OpenedFile };

/** Answers one request. */
export async function handleProtectRequest(request: ProtectRequest, stage: (stage: ProtectStage) => void = () => undefined): Promise<ProtectResult> {
  switch (request.kind) {
    case 'suggest':
      stage('computing');
      return { kind: 'suggest', suggestions: reviewSuggestions(request.project, request.table, request.dismissed) };
    case 'preview':
      stage('computing');
      return { kind: 'preview', preview: previewPseudonymisation(request.project, request.table, request.documentIds) };
    case 'pseudonymise':
      stage('computing');
      return { kind: 'pseudonymise', result: await pseudonymiseProject(request.project, request.table, request.documentIds, request.now) };
    case 'project-leaks':
      stage('checking');
      return { kind: 'project-leaks', rows: projectLeakRows(request.project, request.table) };
    case 'file-leaks':
      stage('checking');
      return { kind: 'file-leaks', hits: findLeaks(request.bytes, request.table, { fileName: request.name }) };
    case 'write-qdpx':
      stage('writing');
      return { kind: 'bytes', bytes: writeQdpx(request.project) };
    case 'encrypt':
      stage('key');
      return { kind: 'bytes', bytes: await encryptFile(request.bytes, request.passphrase, { name: request.name, type: request.type }) };
    case 'decrypt': {
      stage('key');
      const plain = await decryptFile(request.bytes, request.passphrase, request.name);
      return { kind: 'decrypted', name: plain.name, type: plain.type, bytes: plain.bytes };
    }
    case 'open-encrypted':
      return { kind: 'opened', opened: await openEncrypted(request.name, request.bytes, request.passphrase, stage) };
  }
}
