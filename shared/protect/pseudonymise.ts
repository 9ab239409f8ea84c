/**
 * Pseudonymising a project: every real term of the table replaced, in the documents' texts and everywhere else a
 * name can hide, with every coding, turn, block and memo anchor moved so it still covers the same words.
 *
 * `planPseudonymisation` finds what would change and reports it (term, count, where); `applyPseudonymisation` makes
 * the change from that plan. Matching is whole-word, longest term first ("Marsh Lane Primary" before "Marsh"), and
 * case-insensitive unless the entry (or the plan's option) says otherwise.
 *
 * What changes:
 * - document texts (through the offset map in text/offset-map.ts: codings keep their words, and a coding of a name
 *   becomes a coding of its replacement), turn speakers, document names and source file names;
 * - memos: titles, plain text and the text inside their rich (Lexical) content, and anchors moved with the text;
 * - for the whole project (no documentIds): the project's name and description, case names and descriptions,
 *   attribute names, options and values, code names, definitions and examples, theme names, definitions and
 *   boundaries, and coder names. A name left in a case description would leak as surely as one in a transcript.
 * With documentIds, only those documents, and the memos on them or on their codings, change.
 * Ids, colours, codes applied, order, and every other field stay exactly as they were.
 */
import type { DocumentText, MemoRecord, ProjectData } from '../model/types';
import { countWords, hashText } from '../text/normalise';
import { applyTextEdits, type TextEdit } from '../text/offset-map';
import { findLeaks } from './leaks';
import { TermMatcher } from './matching';
import { cleanTerm, PSEUDONYM_CATEGORIES, type PseudonymCategory, type PseudonymEntry, type PseudonymTable } from './table';

export type PseudonymPlaceKind =
  | 'document text'
  | 'speaker'
  | 'document'
  | 'memo'
  | 'case'
  | 'attribute'
  | 'attribute value'
  | 'code'
  | 'theme'
  | 'coder'
  | 'project';

/** One field where a term was found, and how often. */
export interface PseudonymPlace {
  kind: PseudonymPlaceKind;
  /** The record's id (for an attribute value: "<owner id>/<attribute id>"). */
  id: string;
  /** The record's name or title after pseudonymisation, to show the user. */
  label: string;
  /** e.g. "text", "name", "description", "title", "content". */
  field: string;
  count: number;
}

export interface PseudonymReportRow {
  term: string;
  replacement: string;
  category: PseudonymCategory;
  count: number;
  where: PseudonymPlace[];
}

export interface PlannedEdit extends TextEdit {
  /** The table's term that matched. */
  term: string;
  /** The text it replaces, checked again when the plan is applied. */
  original: string;
}

export interface PseudonymisationPlan {
  /** The table as used (terms cleaned). */
  table: PseudonymTable;
  caseSensitive: boolean;
  /** The documents in scope, or null for the whole project. */
  documentIds: string[] | null;
  /** Edits of each document text that has any, and the length of the text they were planned on. */
  texts: { documentId: string; textLength: number; edits: PlannedEdit[] }[];
  /** One row per term of the table, in table order, found or not. */
  report: PseudonymReportRow[];
  /** Replacements in all. */
  total: number;
}

export interface PlanOptions {
  /** Match case for entries that do not say (default false: "kayden" is replaced too). */
  caseSensitive?: boolean;
}

export interface ApplyOptions {
  /** The time recorded as the changed records' updatedAt (default now). */
  now?: number;
}

/** What is wrong with a table, in words; empty when it can be used. */
export function checkPseudonymTable(table: PseudonymTable): string[] {
  const problems: string[] = [];
  const seen = new Map<string, PseudonymEntry>();
  for (const entry of table) {
    const term = cleanTerm(entry.term ?? '');
    const replacement = cleanTerm(entry.replacement ?? '');
    if (!term) {
      problems.push('a term is empty');
      continue;
    }
    if (!replacement) problems.push(`"${term}" has no replacement`);
    if (!PSEUDONYM_CATEGORIES.includes(entry.category)) problems.push(`"${term}" has an unknown category "${String(entry.category)}"`);
    const key = term.toLowerCase();
    const other = seen.get(key);
    if (other && cleanTerm(other.replacement) !== replacement) {
      problems.push(`"${term}" is in the table twice with different replacements ("${other.replacement}", "${replacement}")`);
    }
    seen.set(key, entry);
  }
  if (problems.length) return problems;
  // A replacement that itself holds a real term would put the name straight back.
  for (const entry of table) {
    for (const hit of findLeaks(entry.replacement, table)) {
      problems.push(`the replacement "${entry.replacement}" for "${entry.term}" contains "${hit.found}", a term of the table`);
    }
  }
  return problems;
}

function cleanTable(table: PseudonymTable): PseudonymTable {
  const problems = checkPseudonymTable(table);
  if (problems.length) throw new Error(`The pseudonym table cannot be used: ${problems.join('; ')}.`);
  const out: PseudonymTable = [];
  const seen = new Set<string>();
  for (const e of table) {
    const term = cleanTerm(e.term);
    if (seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    const entry: PseudonymEntry = { term, replacement: cleanTerm(e.replacement), category: e.category };
    if (e.caseSensitive !== undefined) entry.caseSensitive = e.caseSensitive;
    out.push(entry);
  }
  return out;
}

interface Counter {
  add(entry: PseudonymEntry, place: Omit<PseudonymPlace, 'count' | 'label'> & { labelOf: () => string }, count?: number): void;
}

interface Scope {
  documents: Set<string> | null;
  memo: (memo: MemoRecord) => boolean;
}

/** Replaces terms inside the text nodes of a memo's Lexical state. Terms split across formatted runs are found too. */
export function pseudonymiseMemoContent(content: string, matcher: TermMatcher, onMatch: (entry: PseudonymEntry) => void = () => {}): string {
  if (!content) return content;
  let state: unknown;
  try {
    state = JSON.parse(content);
  } catch {
    return content;
  }
  let changed = false;
  type Node = { text?: unknown; children?: unknown; [key: string]: unknown };
  const isTextNode = (n: unknown): n is Node & { text: string } => typeof n === 'object' && n !== null && typeof (n as Node).text === 'string';
  const replaceRun = (nodes: (Node & { text: string })[]): Set<Node> => {
    const removed = new Set<Node>();
    const joined = nodes.map((n) => n.text).join('');
    const matches = matcher.find(joined);
    if (!matches.length) return removed;
    changed = true;
    const bounds: number[] = [];
    let at = 0;
    for (const n of nodes) {
      bounds.push(at);
      at += n.text.length;
    }
    const texts = nodes.map(() => '');
    const copy = (from: number, to: number): void => {
      nodes.forEach((n, k) => {
        const a = bounds[k]!;
        const b = a + n.text.length;
        if (a < to && from < b) texts[k] += joined.slice(Math.max(from, a), Math.min(to, b));
      });
    };
    let pos = 0;
    for (const m of matches) {
      copy(pos, m.start);
      const k = nodes.findIndex((n, i) => bounds[i]! <= m.start && m.start < bounds[i]! + n.text.length);
      texts[k] += m.entry.replacement;
      onMatch(m.entry);
      pos = m.end;
    }
    copy(pos, joined.length);
    nodes.forEach((n, k) => {
      if (texts[k] === '' && n.text !== '') removed.add(n);
      n.text = texts[k]!;
    });
    return removed;
  };
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const children = (node as Node).children;
    if (!Array.isArray(children)) return;
    let removed = new Set<Node>();
    for (let i = 0; i < children.length; ) {
      if (isTextNode(children[i])) {
        let j = i;
        while (j < children.length && isTextNode(children[j])) j++;
        removed = new Set([...removed, ...replaceRun(children.slice(i, j) as (Node & { text: string })[])]);
        i = j;
      } else {
        walk(children[i]);
        i++;
      }
    }
    if (removed.size) (node as Node).children = children.filter((c) => !removed.has(c as Node));
  };
  walk((state as { root?: unknown }).root);
  return changed ? JSON.stringify(state) : content;
}

/**
 * Replaces terms in every field in scope (not the document texts, which move through the offset map), on a project
 * that is the caller's own copy.
 */
function pseudonymiseFields(data: ProjectData, matcher: TermMatcher, scope: Scope, counter: Counter): void {
  const field = <T extends object>(
    record: T,
    key: keyof T & string,
    kind: PseudonymPlaceKind,
    id: string,
    labelOf: () => string,
  ): void => {
    const value = record[key];
    if (typeof value !== 'string' || !value) return;
    const { text, matches } = matcher.replace(value);
    if (!matches.length) return;
    (record as Record<string, unknown>)[key] = text;
    for (const m of matches) counter.add(m.entry, { kind, id, field: key, labelOf });
  };

  for (const doc of data.documents) {
    if (scope.documents && !scope.documents.has(doc.id)) continue;
    field(doc, 'name', 'document', doc.id, () => doc.name);
    field(doc.source, 'fileName', 'document', doc.id, () => doc.name);
  }
  for (const memo of data.memos) {
    if (!scope.memo(memo)) continue;
    const labelOf = (): string => memo.title || memo.plainText.slice(0, 40);
    field(memo, 'title', 'memo', memo.id, labelOf);
    field(memo, 'plainText', 'memo', memo.id, labelOf);
    if (memo.content) {
      // The rich content holds the same words as the plain text: counted once, unless there is no plain text.
      const countContent = !memo.plainText;
      memo.content = pseudonymiseMemoContent(memo.content, matcher, (entry) => {
        if (countContent) counter.add(entry, { kind: 'memo', id: memo.id, field: 'content', labelOf });
      });
    }
  }
  if (scope.documents) return;

  const project = data.project;
  field(project, 'name', 'project', project.id, () => project.name);
  field(project, 'description', 'project', project.id, () => project.name);
  for (const c of data.cases) {
    field(c, 'name', 'case', c.id, () => c.name);
    field(c, 'description', 'case', c.id, () => c.name);
  }
  const attributeName = new Map<string, string>();
  for (const a of data.attributes) {
    field(a, 'name', 'attribute', a.id, () => a.name);
    a.options = a.options.map((option) => {
      const { text, matches } = matcher.replace(option);
      for (const m of matches) counter.add(m.entry, { kind: 'attribute', id: a.id, field: 'options', labelOf: () => a.name });
      return text;
    });
    attributeName.set(a.id, a.name);
  }
  for (const v of data.attributeValues) {
    field(v, 'value', 'attribute value', `${v.ownerId}/${v.attributeId}`, () => attributeName.get(v.attributeId) ?? v.attributeId);
  }
  for (const code of data.codes) {
    for (const key of ['name', 'description', 'inclusion', 'exclusion', 'example'] as const) field(code, key, 'code', code.id, () => code.name);
    for (const h of code.history ?? []) field(h, 'note', 'code', code.id, () => code.name);
  }
  for (const theme of data.themes) {
    for (const key of ['name', 'definition', 'boundaries'] as const) field(theme, key, 'theme', theme.id, () => theme.name);
  }
  for (const coder of data.coders) field(coder, 'name', 'coder', coder.id, () => coder.name);
}

function scopeOf(project: ProjectData, documentIds: readonly string[] | null): Scope {
  if (!documentIds) return { documents: null, memo: () => true };
  const documents = new Set(documentIds);
  const codingDocument = new Map(project.codings.map((c) => [c.id, c.documentId]));
  return {
    documents,
    memo: (memo) =>
      (memo.targetType === 'document' && documents.has(memo.targetId)) ||
      (memo.targetType === 'coding' && documents.has(codingDocument.get(memo.targetId) ?? '')),
  };
}

function reportCounter(table: PseudonymTable): { counter: Counter; rows: () => PseudonymReportRow[] } {
  const rows = new Map<PseudonymEntry, { count: number; where: Map<string, PseudonymPlace & { labelOf: () => string }> }>();
  for (const e of table) rows.set(e, { count: 0, where: new Map() });
  return {
    counter: {
      add(entry, place, count = 1) {
        const row = rows.get(entry)!;
        row.count += count;
        const key = `${place.kind}\u0000${place.id}\u0000${place.field}`;
        const known = row.where.get(key);
        if (known) known.count += count;
        else row.where.set(key, { kind: place.kind, id: place.id, field: place.field, label: '', labelOf: place.labelOf, count });
      },
    },
    rows: () =>
      table.map((e) => {
        const row = rows.get(e)!;
        return {
          term: e.term,
          replacement: e.replacement,
          category: e.category,
          count: row.count,
          where: [...row.where.values()].map(({ labelOf, ...place }) => ({ ...place, label: labelOf() })),
        };
      }),
  };
}

/**
 * What pseudonymising with this table would change: the edits of each document text, and a report of every term
 * (how often, and where). documentIds limits it to those documents (see the top of this file). Throws an Error when
 * the table cannot be used (an empty term or replacement, one term with two replacements, a replacement that holds
 * a term).
 */
export function planPseudonymisation(
  project: ProjectData,
  table: PseudonymTable,
  documentIds?: readonly string[],
  options: PlanOptions = {},
): PseudonymisationPlan {
  const clean = cleanTable(table);
  const caseSensitive = options.caseSensitive ?? false;
  const matcher = new TermMatcher(clean, caseSensitive);
  const scope = scopeOf(project, documentIds ?? null);
  const { counter, rows } = reportCounter(clean);
  const copy = structuredClone(project);
  const names = new Map(copy.documents.map((d) => [d.id, d]));

  const texts: PseudonymisationPlan['texts'] = [];
  for (const doc of copy.texts) {
    if (scope.documents && !scope.documents.has(doc.id)) continue;
    const labelOf = (): string => names.get(doc.id)?.name ?? doc.id;
    const matches = matcher.find(doc.text);
    if (matches.length) {
      texts.push({
        documentId: doc.id,
        textLength: doc.text.length,
        edits: matches.map((m) => ({ start: m.start, end: m.end, text: m.entry.replacement, term: m.entry.term, original: doc.text.slice(m.start, m.end) })),
      });
      for (const m of matches) counter.add(m.entry, { kind: 'document text', id: doc.id, field: 'text', labelOf });
    }
    for (const turn of doc.turns) {
      if (!turn.speaker) continue;
      const { matches: found } = matcher.replace(turn.speaker);
      for (const m of found) counter.add(m.entry, { kind: 'speaker', id: doc.id, field: 'speaker', labelOf });
    }
  }
  pseudonymiseFields(copy, matcher, scope, counter);
  const report = rows();
  return {
    table: clean,
    caseSensitive,
    documentIds: documentIds ? [...documentIds] : null,
    texts,
    report,
    total: report.reduce((sum, r) => sum + r.count, 0),
  };
}

/**
 * Applies a plan: a new ProjectData with the texts replaced and every range moved through the offset map, the other
 * fields in scope replaced, and nothing else changed (documents' length, word count and text hash follow their text;
 * changed records get `updatedAt`). The project given is not modified. Throws an Error when a document's text is no
 * longer the one the plan was made for.
 */
export async function applyPseudonymisation(project: ProjectData, plan: PseudonymisationPlan, options: ApplyOptions = {}): Promise<ProjectData> {
  const now = options.now ?? Date.now();
  const matcher = new TermMatcher(cleanTable(plan.table), plan.caseSensitive);
  const scope = scopeOf(project, plan.documentIds);
  const data = structuredClone(project);
  const textById = new Map(data.texts.map((t) => [t.id, t]));
  const documentById = new Map(data.documents.map((d) => [d.id, d]));
  const codingDocument = new Map(data.codings.map((c) => [c.id, c.documentId]));
  const movers = new Map<string, <T extends { start: number; end: number }>(r: T) => T | null>();
  const newTexts = new Map<string, DocumentText>();

  for (const { documentId, textLength, edits } of plan.texts) {
    const text = textById.get(documentId);
    const name = documentById.get(documentId)?.name ?? documentId;
    if (!text) throw new Error(`The document "${name}" is no longer in the project; make the pseudonymisation plan again.`);
    for (const edit of edits) {
      if (text.text.length !== textLength || text.text.slice(edit.start, edit.end) !== edit.original) {
        throw new Error(`The text of "${name}" has changed since the pseudonymisation plan was made; make the plan again.`);
      }
    }
    const result = applyTextEdits(text, edits.map(({ start, end, text: replacement }) => ({ start, end, text: replacement })));
    newTexts.set(documentId, result.text);
    movers.set(documentId, result.move);
  }

  data.texts = data.texts.map((t) => {
    const edited = newTexts.get(t.id) ?? t;
    if (scope.documents && !scope.documents.has(t.id)) return edited;
    const turns = edited.turns.map((turn) => (turn.speaker ? { ...turn, speaker: matcher.replace(turn.speaker).text } : turn));
    return { ...edited, turns };
  });

  // Codings and memo anchors follow their document's text. Replacements are never empty, so no range vanishes.
  data.codings = data.codings.flatMap((coding) => {
    const move = movers.get(coding.documentId);
    if (!move) return [coding];
    const moved = move(coding);
    return moved ? [moved] : [];
  });
  for (const memo of data.memos) {
    if (!memo.anchor) continue;
    const documentId = memo.targetType === 'document' ? memo.targetId : memo.targetType === 'coding' ? codingDocument.get(memo.targetId) : undefined;
    const move = documentId ? movers.get(documentId) : undefined;
    if (!move) continue;
    const moved = move(memo.anchor);
    if (moved) memo.anchor = moved;
    else delete memo.anchor;
  }

  const before = structuredClone({ documents: data.documents, memos: data.memos });
  pseudonymiseFields(data, matcher, scope, { add: () => {} });

  for (const doc of data.documents) {
    const text = newTexts.get(doc.id);
    const old = before.documents.find((d) => d.id === doc.id)!;
    if (text) {
      doc.length = text.text.length;
      doc.words = countWords(text.text);
      doc.source = { ...doc.source, hash: await hashText(text.text) };
    }
    if (text || doc.name !== old.name || doc.source.fileName !== old.source.fileName) doc.updatedAt = now;
  }
  data.memos.forEach((memo, i) => {
    const old = before.memos[i]!;
    if (memo.title !== old.title || memo.plainText !== old.plainText || memo.content !== old.content) memo.updatedAt = now;
  });
  if (plan.total > 0) data.project.updatedAt = now;
  return data;
}
