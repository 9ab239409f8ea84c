/**
 * Merging another copy of a project (a colleague's export, a file from another tool) into the current one.
 *
 * planMerge says what would change, without changing anything: which documents, codes, coders, cases, attributes
 * and themes match (and how), which codings are new, which are already there, which could not be placed, and
 * which values conflict. applyMergePlan carries it out with the user's choices and returns the new data together
 * with the records added and updated per table, so the app can write them in one transaction as one undoable
 * command. Nothing is ever lost silently: what cannot be placed is listed. Merging the same file twice changes
 * nothing the second time: every match is found again and identical codings are never duplicated.
 */
import type {
  AttributeDefinition,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  DocumentRecord,
  DocumentText,
  MemoRecord,
  ProjectData,
  ThemeRecord,
} from '../model/types';
import { deriveId } from './ids';

// ----- plan types ----------------------------------------------------------------------------------------------

export interface DocumentMatch {
  incomingId: string;
  name: string;
  /** `content`: the same text (by hash, confirmed on the text); `edited`: same id, text changed; `name`: same name, other text. */
  match: 'content' | 'edited' | 'name' | 'new';
  currentId?: string;
  /** For `edited` and `name`: codings are moved onto the current text by finding their passage near its old place. */
  textDiffers: boolean;
}

export interface CodeSuggestion {
  currentId: string;
  path: string;
  /** 0..1, how alike the names are. */
  similarity: number;
}

export interface CodeMatch {
  incomingId: string;
  /** The code's name path, joined by "/". */
  path: string;
  /** `guid`: same id; `path`: same name path ignoring case and spacing; `none`: for the user to decide (added by default). */
  match: 'guid' | 'path' | 'none';
  currentId?: string;
  /** For `none`: current codes with similar names, most similar first. */
  suggestions: CodeSuggestion[];
}

export interface RecordMatch {
  incomingId: string;
  name: string;
  match: 'id' | 'name' | 'new';
  currentId?: string;
}

export interface MergeConflict {
  /** Stable key for MergeChoices.conflicts, e.g. "code:<current id>:color". */
  id: string;
  kind: 'code' | 'case' | 'theme' | 'memo' | 'attributeValue';
  /** The current record's id (for an attribute value: "<owner id>|<attribute id>"). */
  recordId: string;
  /** What the user sees: the code path, case name, theme name, memo title, or "owner: attribute". */
  label: string;
  field: string;
  current: string;
  incoming: string;
}

export interface UnplacedCoding {
  incomingId: string;
  documentName: string;
  codePath: string;
  /** The coded passage as the incoming file has it. */
  text: string;
  reason: string;
}

export interface MergeSummary {
  documents: { matched: number; added: number; remapped: number };
  codes: { matched: number; added: number; undecided: number };
  coders: { matched: number; added: number };
  cases: { matched: number; added: number };
  attributes: { matched: number; added: number };
  themes: { matched: number; added: number };
  codings: { added: number; duplicates: number; unplaced: number };
  memos: { added: number; unchanged: number };
  attributeValues: { added: number };
  conflicts: number;
}

export interface MergePlan {
  /** The incoming project, kept for applyMergePlan. */
  incoming: ProjectData;
  documents: DocumentMatch[];
  codes: CodeMatch[];
  coders: RecordMatch[];
  cases: RecordMatch[];
  attributes: RecordMatch[];
  themes: RecordMatch[];
  conflicts: MergeConflict[];
  unplaced: UnplacedCoding[];
  /** What applying with the default choices (add undecided codes, keep current values) would do. */
  summary: MergeSummary;
  warnings: string[];
}

export interface MergeChoices {
  /** For incoming codes without a match: add as a new code (the default) or merge into an existing one. */
  codes?: Record<string, { action: 'add' } | { action: 'map'; currentId: string }>;
  /** Per conflict id: keep the current value (the default) or take the incoming one. */
  conflicts?: Record<string, 'current' | 'incoming'>;
}

export interface TableRecords {
  documents: DocumentRecord[];
  texts: DocumentText[];
  cases: CaseRecord[];
  attributes: AttributeDefinition[];
  attributeValues: AttributeValue[];
  codes: CodeRecord[];
  codings: CodingRecord[];
  memos: MemoRecord[];
  themes: ThemeRecord[];
  coders: CoderRecord[];
}

export interface MergeChanges {
  added: TableRecords;
  updated: TableRecords;
}

export interface MergeResult {
  data: ProjectData;
  changes: MergeChanges;
}

// ----- helpers -------------------------------------------------------------------------------------------------

/** A name as matching sees it: NFC, case folded, all spacing removed. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/gu, '');
}

/** Every code's name path ("Parent/Child"), by id. */
export function codePaths(codes: readonly CodeRecord[]): Map<string, string[]> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<string, string[]>();
  const pathOf = (code: CodeRecord, seen: Set<string>): string[] => {
    const known = paths.get(code.id);
    if (known) return known;
    const parent = code.parentId ? byId.get(code.parentId) : undefined;
    const path = parent && !seen.has(parent.id) ? [...pathOf(parent, new Set([...seen, code.id])), code.name] : [code.name];
    paths.set(code.id, path);
    return path;
  };
  for (const code of codes) pathOf(code, new Set([code.id]));
  return paths;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** How alike two names are, 0..1: the better of edit-distance likeness and shared words. */
export function nameSimilarity(a: string, b: string): number {
  const x = a.normalize('NFC').toLocaleLowerCase('und').trim();
  const y = b.normalize('NFC').toLocaleLowerCase('und').trim();
  if (!x || !y) return 0;
  const edit = 1 - levenshtein(x, y) / Math.max(x.length, y.length);
  const words = (s: string): Set<string> => new Set(s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const wx = words(x);
  const wy = words(y);
  const shared = [...wx].filter((w) => wy.has(w)).length;
  const jaccard = wx.size + wy.size - shared > 0 ? shared / (wx.size + wy.size - shared) : 0;
  return Math.max(edit, jaccard);
}

/**
 * Places a passage coded on an old version of a text onto the new version: the nearest occurrence of the same
 * passage, preferring one with the same words just before it. Undefined when the passage is no longer there.
 */
export function remapRange(oldText: string, newText: string, start: number, end: number): { start: number; end: number } | undefined {
  if (oldText === newText) return { start, end };
  const passage = oldText.slice(start, end);
  if (passage.length === 0) return undefined;
  // Where the passage should be if the text changed evenly around it.
  const expected = oldText.length > 0 ? Math.round((start / oldText.length) * newText.length) : 0;
  const before = oldText.slice(Math.max(0, start - 24), start);
  const after = oldText.slice(end, end + 24);
  let best: { start: number; score: number } | undefined;
  let count = 0;
  for (let at = newText.indexOf(passage); at !== -1 && count < 5000; at = newText.indexOf(passage, at + 1), count++) {
    let score = Math.abs(at - expected);
    if (before && newText.slice(Math.max(0, at - before.length), at) === before) score -= newText.length + 1;
    if (after && newText.slice(at + passage.length, at + passage.length + after.length) === after) score -= newText.length + 1;
    if (!best || score < best.score) best = { start: at, score };
  }
  return best ? { start: best.start, end: best.start + passage.length } : undefined;
}

function emptyTables(): TableRecords {
  return {
    documents: [],
    texts: [],
    cases: [],
    attributes: [],
    attributeValues: [],
    codes: [],
    codings: [],
    memos: [],
    themes: [],
    coders: [],
  };
}

function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => sameRecord(x[k], y[k]));
}

// ----- the merge itself ----------------------------------------------------------------------------------------

interface Computed {
  plan: Omit<MergePlan, 'incoming'>;
  result: MergeResult;
}

/**
 * One pass that both previews and applies: planMerge runs it with the default choices and keeps the preview;
 * applyMergePlan runs it with the user's choices on the current data as it is then, and keeps the result.
 */
function computeMerge(current: ProjectData, incoming: ProjectData, choices: MergeChoices): Computed {
  const added = emptyTables();
  const updated = emptyTables();
  const conflicts: MergeConflict[] = [];
  const unplaced: UnplacedCoding[] = [];
  const warnings: string[] = [];
  const take = (id: string): boolean => choices.conflicts?.[id] === 'incoming';
  /** An id for a new record: the incoming one unless the table already uses it. */
  const freshId = (incomingId: string, used: Set<string>, table: string): string => {
    let id = incomingId;
    for (let n = 0; used.has(id); n++) id = deriveId('merge', table, incomingId, current.project.id, String(n));
    used.add(id);
    return id;
  };
  const used = (records: readonly { id: string }[]): Set<string> => new Set(records.map((r) => r.id));

  // Working copies: records are replaced (never mutated) when updated.
  const data: ProjectData = {
    project: current.project,
    documents: [...current.documents],
    texts: [...current.texts],
    cases: [...current.cases],
    attributes: [...current.attributes],
    attributeValues: [...current.attributeValues],
    codes: [...current.codes],
    codings: [...current.codings],
    memos: [...current.memos],
    themes: [...current.themes],
    coders: [...current.coders],
  };
  const replace = <T extends { id: string }>(table: keyof TableRecords, list: T[], next: T): void => {
    const index = list.findIndex((r) => r.id === next.id);
    if (index >= 0 && !sameRecord(list[index]!, next)) {
      list[index] = next;
      const bucket = updated[table] as unknown as T[];
      const previous = bucket.findIndex((r) => r.id === next.id);
      if (previous >= 0) bucket[previous] = next;
      else bucket.push(next);
    }
  };

  // Coders: by id, then by name.
  const coderMap = new Map<string, string>();
  const coderMatches: RecordMatch[] = [];
  const coderIds = used(data.coders);
  for (const coder of incoming.coders) {
    const byId = current.coders.find((c) => c.id === coder.id);
    const byName = byId ? undefined : current.coders.find((c) => nameKey(c.name) === nameKey(coder.name));
    const match = byId ?? byName;
    if (match) {
      coderMap.set(coder.id, match.id);
      coderMatches.push({ incomingId: coder.id, name: coder.name, match: byId ? 'id' : 'name', currentId: match.id });
    } else {
      const record = { ...coder, id: freshId(coder.id, coderIds, 'coder') };
      data.coders.push(record);
      added.coders.push(record);
      coderMap.set(coder.id, record.id);
      coderMatches.push({ incomingId: coder.id, name: coder.name, match: 'new', currentId: record.id });
    }
  }

  // Cases: by id, then by name.
  const caseMap = new Map<string, string>();
  const caseMatches: RecordMatch[] = [];
  const caseIds = used(data.cases);
  let caseOrder = Math.max(-1, ...data.cases.map((c) => c.order));
  for (const c of incoming.cases) {
    const match = current.cases.find((x) => x.id === c.id) ?? current.cases.find((x) => nameKey(x.name) === nameKey(c.name));
    if (match) {
      caseMap.set(c.id, match.id);
      caseMatches.push({ incomingId: c.id, name: c.name, match: match.id === c.id ? 'id' : 'name', currentId: match.id });
      const now = data.cases.find((x) => x.id === match.id)!;
      if (c.description && c.description !== now.description) {
        const conflictId = `case:${match.id}:description`;
        if (!now.description) replace('cases', data.cases, { ...now, description: c.description });
        else {
          conflicts.push({ id: conflictId, kind: 'case', recordId: match.id, label: now.name, field: 'description', current: now.description, incoming: c.description });
          if (take(conflictId)) replace('cases', data.cases, { ...now, description: c.description });
        }
      }
    } else {
      const record: CaseRecord = { ...c, id: freshId(c.id, caseIds, 'case'), order: ++caseOrder };
      data.cases.push(record);
      added.cases.push(record);
      caseMap.set(c.id, record.id);
      caseMatches.push({ incomingId: c.id, name: c.name, match: 'new', currentId: record.id });
    }
  }

  // Documents: by content, then by id (edited), then by name.
  const textOf = new Map(data.texts.map((t) => [t.id, t]));
  const incomingTextOf = new Map(incoming.texts.map((t) => [t.id, t]));
  const docMap = new Map<string, { currentId: string; remap: boolean }>();
  const documentMatches: DocumentMatch[] = [];
  const claimed = new Set<string>();
  const docIds = used(data.documents);
  let docOrder = Math.max(-1, ...data.documents.map((d) => d.order));
  const byHash = new Map<string, DocumentRecord[]>();
  for (const d of current.documents) {
    const key = d.source.hash || `text:${textOf.get(d.id)?.text ?? ''}`;
    byHash.set(key, [...(byHash.get(key) ?? []), d]);
  }
  for (const doc of incoming.documents) {
    const text = incomingTextOf.get(doc.id)?.text;
    if (text === undefined) {
      warnings.push(`document "${doc.name}" has no text in the incoming project and was left out`);
      continue;
    }
    const candidates = (byHash.get(doc.source.hash || `text:${text}`) ?? []).filter(
      (d) => !claimed.has(d.id) && textOf.get(d.id)?.text === text,
    );
    let match: DocumentRecord | undefined =
      candidates.find((d) => d.id === doc.id) ?? candidates.find((d) => nameKey(d.name) === nameKey(doc.name)) ?? candidates[0];
    let kind: DocumentMatch['match'] = 'content';
    if (!match) {
      match = current.documents.find((d) => d.id === doc.id && !claimed.has(d.id));
      kind = 'edited';
    }
    if (!match) {
      match = current.documents.find((d) => !claimed.has(d.id) && nameKey(d.name) === nameKey(doc.name));
      kind = 'name';
    }
    if (match) {
      claimed.add(match.id);
      const remap = kind !== 'content';
      docMap.set(doc.id, { currentId: match.id, remap });
      documentMatches.push({ incomingId: doc.id, name: doc.name, match: kind, currentId: match.id, textDiffers: remap });
      const now = data.documents.find((d) => d.id === match.id)!;
      const caseId = doc.caseId ? caseMap.get(doc.caseId) : undefined;
      if (!now.caseId && caseId) replace('documents', data.documents, { ...now, caseId });
    } else {
      const id = freshId(doc.id, docIds, 'document');
      const record: DocumentRecord = { ...doc, id, order: ++docOrder };
      const caseId = doc.caseId ? caseMap.get(doc.caseId) : undefined;
      if (caseId) record.caseId = caseId;
      else delete record.caseId;
      const textRecord: DocumentText = { ...incomingTextOf.get(doc.id)!, id };
      data.documents.push(record);
      data.texts.push(textRecord);
      added.documents.push(record);
      added.texts.push(textRecord);
      textOf.set(id, textRecord);
      docMap.set(doc.id, { currentId: id, remap: false });
      documentMatches.push({ incomingId: doc.id, name: doc.name, match: 'new', currentId: id, textDiffers: false });
    }
  }

  // Codes: by GUID, then by name path ignoring case and spacing, then the user's choice (add by default).
  const currentPaths = codePaths(current.codes);
  const incomingPaths = codePaths(incoming.codes);
  const pathKey = (path: string[]): string => path.map(nameKey).join('/');
  const currentByPath = new Map<string, CodeRecord>();
  for (const c of current.codes) {
    const key = pathKey(currentPaths.get(c.id)!);
    if (!currentByPath.has(key)) currentByPath.set(key, c);
  }
  const codeMap = new Map<string, string>();
  const codeMatches: CodeMatch[] = [];
  const claimedCodes = new Set<string>();
  for (const code of incoming.codes) {
    if (current.codes.some((c) => c.id === code.id)) {
      codeMap.set(code.id, code.id);
      claimedCodes.add(code.id);
    }
  }
  for (const code of incoming.codes) {
    const path = incomingPaths.get(code.id)!;
    if (codeMap.has(code.id)) {
      codeMatches.push({ incomingId: code.id, path: path.join('/'), match: 'guid', currentId: code.id, suggestions: [] });
      continue;
    }
    const byPath = currentByPath.get(pathKey(path));
    if (byPath && !claimedCodes.has(byPath.id)) {
      claimedCodes.add(byPath.id);
      codeMap.set(code.id, byPath.id);
      codeMatches.push({ incomingId: code.id, path: path.join('/'), match: 'path', currentId: byPath.id, suggestions: [] });
      continue;
    }
    const suggestions = current.codes
      .map((c) => ({ currentId: c.id, path: currentPaths.get(c.id)!.join('/'), similarity: nameSimilarity(c.name, code.name) }))
      .filter((s) => s.similarity >= 0.6)
      .sort((a, b) => b.similarity - a.similarity || a.path.localeCompare(b.path))
      .slice(0, 5);
    codeMatches.push({ incomingId: code.id, path: path.join('/'), match: 'none', suggestions });
  }
  // Undecided codes: merged into the code the user chose, or added (parents first, so children find them).
  const codeIds = used(data.codes);
  const undecided = codeMatches.filter((m) => m.match === 'none');
  for (const m of undecided) {
    const choice = choices.codes?.[m.incomingId];
    if (choice?.action === 'map' && data.codes.some((c) => c.id === choice.currentId)) {
      codeMap.set(m.incomingId, choice.currentId);
      m.currentId = choice.currentId;
    }
  }
  const incomingCodeById = new Map(incoming.codes.map((c) => [c.id, c]));
  const depth = (code: CodeRecord): number => incomingPaths.get(code.id)!.length;
  const toAdd = undecided
    .filter((m) => !codeMap.has(m.incomingId))
    .map((m) => incomingCodeById.get(m.incomingId)!)
    .sort((a, b) => depth(a) - depth(b));
  for (const code of toAdd) {
    const id = freshId(code.id, codeIds, 'code');
    codeMap.set(code.id, id);
  }
  for (const code of toAdd) {
    const id = codeMap.get(code.id)!;
    const parentId = code.parentId ? codeMap.get(code.parentId) : undefined;
    const siblings = data.codes.filter((c) => c.parentId === parentId);
    const record: CodeRecord = { ...code, id, order: Math.max(-1, ...siblings.map((c) => c.order)) + 1 };
    if (parentId) record.parentId = parentId;
    else delete record.parentId;
    data.codes.push(record);
    added.codes.push(record);
    const match = codeMatches.find((x) => x.incomingId === code.id)!;
    match.currentId = id;
  }
  // Matched codes: fill what is empty here, list what differs.
  for (const m of codeMatches) {
    if (m.match === 'none') continue;
    const inc = incomingCodeById.get(m.incomingId)!;
    let now = data.codes.find((c) => c.id === m.currentId)!;
    const label = currentPaths.get(now.id)!.join('/');
    for (const field of ['name', 'description', 'color', 'inclusion', 'exclusion', 'example'] as const) {
      const a = now[field];
      const b = inc[field];
      if (!b || a === b || (field === 'color' && a.toLowerCase() === b.toLowerCase())) continue;
      // A path match means the names already agree (up to case and spacing): keep the current spelling.
      if (field === 'name' && m.match === 'path') continue;
      const conflictId = `code:${now.id}:${field}`;
      if (!a) {
        now = { ...now, [field]: b };
        continue;
      }
      conflicts.push({ id: conflictId, kind: 'code', recordId: now.id, label, field, current: a, incoming: b });
      if (take(conflictId)) now = { ...now, [field]: b };
    }
    replace('codes', data.codes, now);
  }

  // Attributes: by id, then by name and scope; options are united.
  const attributeMap = new Map<string, string>();
  const attributeMatches: RecordMatch[] = [];
  const attributeIds = used(data.attributes);
  let attributeOrder = Math.max(-1, ...data.attributes.map((a) => a.order));
  for (const a of incoming.attributes) {
    const match =
      current.attributes.find((x) => x.id === a.id) ??
      current.attributes.find((x) => x.scope === a.scope && nameKey(x.name) === nameKey(a.name));
    if (match) {
      attributeMap.set(a.id, match.id);
      attributeMatches.push({ incomingId: a.id, name: a.name, match: match.id === a.id ? 'id' : 'name', currentId: match.id });
      const now = data.attributes.find((x) => x.id === match.id)!;
      const extraOptions = a.options.filter((o) => !now.options.includes(o));
      if (extraOptions.length) replace('attributes', data.attributes, { ...now, options: [...now.options, ...extraOptions] });
    } else {
      const record: AttributeDefinition = { ...a, id: freshId(a.id, attributeIds, 'attribute'), order: ++attributeOrder };
      data.attributes.push(record);
      added.attributes.push(record);
      attributeMap.set(a.id, record.id);
      attributeMatches.push({ incomingId: a.id, name: a.name, match: 'new', currentId: record.id });
    }
  }
  let valuesAdded = 0;
  const ownerName = (id: string): string =>
    data.cases.find((c) => c.id === id)?.name ?? data.documents.find((d) => d.id === id)?.name ?? id;
  for (const v of incoming.attributeValues) {
    const ownerId = caseMap.get(v.ownerId) ?? docMap.get(v.ownerId)?.currentId;
    const attributeId = attributeMap.get(v.attributeId);
    if (!ownerId || !attributeId) continue;
    const index = data.attributeValues.findIndex((x) => x.ownerId === ownerId && x.attributeId === attributeId);
    if (index < 0) {
      const record = { ownerId, attributeId, value: v.value };
      data.attributeValues.push(record);
      added.attributeValues.push(record);
      valuesAdded += 1;
      continue;
    }
    const now = data.attributeValues[index]!;
    if (now.value === v.value) continue;
    const conflictId = `attributeValue:${ownerId}|${attributeId}:value`;
    const attributeName = data.attributes.find((x) => x.id === attributeId)?.name ?? attributeId;
    conflicts.push({ id: conflictId, kind: 'attributeValue', recordId: `${ownerId}|${attributeId}`, label: `${ownerName(ownerId)}: ${attributeName}`, field: 'value', current: now.value, incoming: v.value });
    if (take(conflictId)) {
      const next = { ...now, value: v.value };
      data.attributeValues[index] = next;
      updated.attributeValues.push(next);
    }
  }

  // Codings: placed on the current text, with their code and coder; an identical coding is never duplicated.
  const codingKey = (c: Pick<CodingRecord, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>): string =>
    `${c.documentId}|${c.codeId}|${c.coderId}|${c.start}|${c.end}`;
  const existing = new Map(data.codings.map((c) => [codingKey(c), c]));
  const codingMap = new Map<string, string>();
  const codingIds = used(data.codings);
  const incomingDocById = new Map(incoming.documents.map((d) => [d.id, d]));
  let duplicates = 0;
  for (const coding of incoming.codings) {
    const doc = docMap.get(coding.documentId);
    const codeId = codeMap.get(coding.codeId);
    const coderId = coderMap.get(coding.coderId) ?? coding.coderId;
    const oldText = incomingTextOf.get(coding.documentId)?.text ?? '';
    const describe = (reason: string): UnplacedCoding => ({
      incomingId: coding.id,
      documentName: incomingDocById.get(coding.documentId)?.name ?? coding.documentId,
      codePath: incomingPaths.get(coding.codeId)?.join('/') ?? coding.codeId,
      text: oldText.slice(coding.start, coding.end),
      reason,
    });
    if (!doc) {
      unplaced.push(describe('its document is not in the incoming project'));
      continue;
    }
    if (!codeId) {
      unplaced.push(describe('its code is not in the incoming codebook'));
      continue;
    }
    let start = coding.start;
    let end = coding.end;
    if (doc.remap) {
      const placed = remapRange(oldText, textOf.get(doc.currentId)?.text ?? '', coding.start, coding.end);
      if (!placed) {
        unplaced.push(describe('its passage is no longer in the current version of the document'));
        continue;
      }
      ({ start, end } = placed);
    }
    if (!coderMap.has(coding.coderId) && !data.coders.some((c) => c.id === coderId)) {
      // A coding whose coder the file did not list: keep it, under a coder record of its own.
      const record: CoderRecord = { id: freshId(coderId, coderIds, 'coder'), name: 'Unknown coder', initials: '?', color: '#bbbbbb' };
      data.coders.push(record);
      added.coders.push(record);
      coderMap.set(coding.coderId, record.id);
    }
    const key = codingKey({ documentId: doc.currentId, codeId, coderId: coderMap.get(coding.coderId) ?? coderId, start, end });
    const same = existing.get(key);
    if (same) {
      duplicates += 1;
      codingMap.set(coding.id, same.id);
      if (coding.exemplar && !same.exemplar) {
        const next = { ...same, exemplar: true };
        replace('codings', data.codings, next);
        existing.set(key, next);
      }
      continue;
    }
    const record: CodingRecord = {
      ...coding,
      id: freshId(coding.id, codingIds, 'coding'),
      documentId: doc.currentId,
      codeId,
      coderId: coderMap.get(coding.coderId) ?? coderId,
      start,
      end,
    };
    data.codings.push(record);
    added.codings.push(record);
    existing.set(key, record);
    codingMap.set(coding.id, record.id);
  }

  // Themes: by id, then by name; their codes are united.
  const themeMap = new Map<string, string>();
  const themeMatches: RecordMatch[] = [];
  const themeIds = used(data.themes);
  let themeOrder = Math.max(-1, ...data.themes.map((t) => t.order));
  const newThemes: [ThemeRecord, ThemeRecord][] = [];
  for (const t of incoming.themes) {
    const match = current.themes.find((x) => x.id === t.id) ?? current.themes.find((x) => nameKey(x.name) === nameKey(t.name));
    const mappedCodes = t.codeIds.map((id) => codeMap.get(id)).filter((id): id is string => Boolean(id));
    if (match) {
      themeMap.set(t.id, match.id);
      themeMatches.push({ incomingId: t.id, name: t.name, match: match.id === t.id ? 'id' : 'name', currentId: match.id });
      let now = data.themes.find((x) => x.id === match.id)!;
      const union = [...now.codeIds, ...mappedCodes.filter((id) => !now.codeIds.includes(id))];
      if (union.length !== now.codeIds.length) now = { ...now, codeIds: union };
      for (const field of ['definition', 'boundaries'] as const) {
        const a = now[field];
        const b = t[field];
        if (!b || a === b) continue;
        if (!a) {
          now = { ...now, [field]: b };
          continue;
        }
        const conflictId = `theme:${now.id}:${field}`;
        conflicts.push({ id: conflictId, kind: 'theme', recordId: now.id, label: now.name, field, current: a, incoming: b });
        if (take(conflictId)) now = { ...now, [field]: b };
      }
      replace('themes', data.themes, now);
    } else {
      const record: ThemeRecord = { ...t, id: freshId(t.id, themeIds, 'theme'), codeIds: [...new Set(mappedCodes)], order: ++themeOrder };
      themeMap.set(t.id, record.id);
      themeMatches.push({ incomingId: t.id, name: t.name, match: 'new', currentId: record.id });
      newThemes.push([t, record]);
    }
  }
  for (const [t, record] of newThemes) {
    const parentId = t.parentId ? themeMap.get(t.parentId) : undefined;
    if (parentId) record.parentId = parentId;
    else delete record.parentId;
    data.themes.push(record);
    added.themes.push(record);
  }

  // Memos: attached to what their target became; the same memo (by id, or same target, title and text) once.
  let memosUnchanged = 0;
  let memosRetargeted = 0;
  const memoIds = used(data.memos);
  for (const memo of incoming.memos) {
    let targetId: string | undefined;
    switch (memo.targetType) {
      case 'project':
      case 'journal':
        targetId = data.project.id;
        break;
      case 'document':
        targetId = docMap.get(memo.targetId)?.currentId;
        break;
      case 'code':
        targetId = codeMap.get(memo.targetId);
        break;
      case 'coding':
        targetId = codingMap.get(memo.targetId);
        break;
      case 'theme':
        targetId = themeMap.get(memo.targetId);
        break;
      case 'case':
        targetId = caseMap.get(memo.targetId);
        break;
    }
    let targetType = memo.targetType;
    if (!targetId) {
      targetType = 'project';
      targetId = data.project.id;
      memosRetargeted += 1;
    }
    const authorId = memo.authorId ? coderMap.get(memo.authorId) : undefined;
    const byId = data.memos.find((m) => m.id === memo.id);
    if (byId) {
      if (byId.plainText === memo.plainText && byId.content === memo.content && byId.title === memo.title) {
        memosUnchanged += 1;
        continue;
      }
      const conflictId = `memo:${byId.id}:content`;
      conflicts.push({ id: conflictId, kind: 'memo', recordId: byId.id, label: byId.title || memo.title, field: 'content', current: byId.plainText, incoming: memo.plainText });
      if (take(conflictId)) {
        replace('memos', data.memos, { ...byId, title: memo.title, content: memo.content, plainText: memo.plainText, updatedAt: Math.max(byId.updatedAt, memo.updatedAt) });
      }
      continue;
    }
    const same = data.memos.find(
      (m) => m.targetType === targetType && m.targetId === targetId && m.title === memo.title && m.plainText === memo.plainText,
    );
    if (same) {
      memosUnchanged += 1;
      continue;
    }
    const record: MemoRecord = { ...memo, id: freshId(memo.id, memoIds, 'memo'), targetType, targetId };
    if (authorId) record.authorId = authorId;
    else delete record.authorId;
    data.memos.push(record);
    added.memos.push(record);
  }
  if (memosRetargeted) {
    warnings.push(`${memosRetargeted} memo(s) were about something that did not come across (such as a coding that could not be placed) and were attached to the project`);
  }
  if (unplaced.length) {
    warnings.push(`${unplaced.length} coding(s) could not be placed and were not added: see the list`);
  }

  const count = (matches: { match: string }[], kind: string): number => matches.filter((m) => m.match === kind).length;
  const summary: MergeSummary = {
    documents: {
      matched: documentMatches.length - count(documentMatches, 'new'),
      added: count(documentMatches, 'new'),
      remapped: documentMatches.filter((d) => d.textDiffers).length,
    },
    codes: {
      matched: codeMatches.length - count(codeMatches, 'none'),
      added: added.codes.length,
      undecided: codeMatches.filter((m) => m.match === 'none' && m.suggestions.length > 0).length,
    },
    coders: { matched: coderMatches.length - count(coderMatches, 'new'), added: added.coders.length },
    cases: { matched: caseMatches.length - count(caseMatches, 'new'), added: added.cases.length },
    attributes: { matched: attributeMatches.length - count(attributeMatches, 'new'), added: added.attributes.length },
    themes: { matched: themeMatches.length - count(themeMatches, 'new'), added: added.themes.length },
    codings: { added: added.codings.length, duplicates, unplaced: unplaced.length },
    memos: { added: added.memos.length, unchanged: memosUnchanged },
    attributeValues: { added: valuesAdded },
    conflicts: conflicts.length,
  };
  return {
    plan: {
      documents: documentMatches,
      codes: codeMatches,
      coders: coderMatches,
      cases: caseMatches,
      attributes: attributeMatches,
      themes: themeMatches,
      conflicts,
      unplaced,
      summary,
      warnings,
    },
    result: { data, changes: { added, updated } },
  };
}

/** What merging `incoming` into `current` would do, with the choices it leaves to the user. Changes nothing. */
export function planMerge(current: ProjectData, incoming: ProjectData): MergePlan {
  const { plan } = computeMerge(current, incoming, {});
  return { incoming, ...plan };
}

/**
 * Carries out a plan with the user's choices (undecided codes: add unless mapped; conflicts: keep current unless
 * told to take the incoming value). Returns the merged data and the records added and updated per table.
 */
export function applyMergePlan(current: ProjectData, plan: MergePlan, choices: MergeChoices = {}): MergeResult {
  return computeMerge(current, plan.incoming, choices).result;
}
