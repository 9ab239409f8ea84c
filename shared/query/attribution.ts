/**
 * Attributions for quoted extracts, built from a template such as "{Role}, {case}" -> "Social worker, P07".
 *
 * Fields, matched without regard to case and surrounding spaces:
 *   {case} (also {participant}), {document}, {coder}, {code} (its name), {code path}, {speaker},
 *   and the name of any case or document attribute, e.g. {Agency}, {Years in practice}.
 * The built-in names win over an attribute of the same name; reach such an attribute as {attribute:Name}.
 * Write {{ and }} for literal braces. A field with no value for an extract is left out together with the separator
 * it leaves dangling ("{Role}, {case}" with no role gives "P07", not ", P07").
 */
import type { Id } from '../model/types';
import { attributeValueForDocument, QueryError, type QueryIndex } from './index-build';
import type { Extract } from './extracts';

type BuiltInField = 'case' | 'document' | 'coder' | 'code' | 'code path' | 'speaker';
type Field =
  | { kind: BuiltInField }
  | { kind: 'attribute'; attributeId: Id; scope: 'case' | 'document' };

export type TemplatePart = { literal: string } | { field: Field; source: string };

export interface AttributionTemplate {
  template: string;
  parts: TemplatePart[];
}

const BUILT_IN: Record<string, BuiltInField | undefined> = {
  case: 'case',
  participant: 'case',
  document: 'document',
  coder: 'coder',
  code: 'code',
  'code path': 'code path',
  speaker: 'speaker',
};

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The field names a template may use in this project, for a picker: built-ins first, then attributes in order. */
export function attributionFields(index: QueryIndex): string[] {
  const attributes = [...index.attributes.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return ['case', 'document', 'coder', 'code', 'code path', 'speaker', ...attributes.map((a) => (BUILT_IN[normaliseName(a.name)] ? `attribute:${a.name}` : a.name))];
}

/** Reads a template once; throws a QueryError naming an unknown field or an unmatched brace. */
export function parseAttributionTemplate(index: QueryIndex, template: string): AttributionTemplate {
  const byName = new Map<string, Field>();
  // Document attributes first so that a case attribute of the same name is the one found (cases are what most
  // templates name); either can be told apart by renaming.
  const attributes = [...index.attributes.values()].sort((a, b) => (a.scope === b.scope ? a.order - b.order : a.scope === 'document' ? -1 : 1));
  for (const a of attributes) byName.set(normaliseName(a.name), { kind: 'attribute', attributeId: a.id, scope: a.scope });

  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && template[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '}') {
      throw new QueryError(`The attribution template "${template}" has a "}" without its "{" (write }} for a brace).`);
    } else if (ch === '{') {
      const close = template.indexOf('}', i + 1);
      if (close < 0) throw new QueryError(`The attribution template "${template}" has a "{" that is never closed.`);
      const source = template.slice(i + 1, close);
      const name = normaliseName(source);
      let field: Field | undefined;
      if (name.startsWith('attribute:')) field = byName.get(normaliseName(name.slice('attribute:'.length)));
      else field = BUILT_IN[name] ? { kind: BUILT_IN[name]! } : byName.get(name);
      if (!field) {
        throw new QueryError(
          `The attribution template "${template}" names {${source}}, which is not a field of this project. Fields: ${attributionFields(index).map((f) => `{${f}}`).join(', ')}.`,
        );
      }
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ field, source });
      i = close + 1;
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) parts.push({ literal });
  return { template, parts };
}

function fieldValue(index: QueryIndex, field: Field, extract: Extract): string {
  switch (field.kind) {
    case 'case':
      return extract.caseName ?? '';
    case 'document':
      return extract.documentName;
    case 'coder':
      return extract.coderName;
    case 'code':
      return extract.codeName;
    case 'code path':
      return extract.codePath;
    case 'speaker':
      return extract.context.speaker ?? '';
    case 'attribute':
      return attributeValueForDocument(index, field.attributeId, extract.documentId)?.trim() ?? '';
  }
}

// Separators between fields: comma, semicolon, slash, dashes, middle dot, with their spaces.
const SEPARATOR = /^[\s,;/|·–—-]*$/;

/** The attribution of one extract. */
export function formatAttribution(index: QueryIndex, extract: Extract, template: string | AttributionTemplate): string {
  const parsed = typeof template === 'string' ? parseAttributionTemplate(index, template) : template;
  // Resolve fields, then drop each empty field with one neighbouring separator-only literal.
  const pieces: { text: string; field: boolean; empty: boolean }[] = parsed.parts.map((p) => {
    if ('literal' in p) return { text: p.literal, field: false, empty: false };
    const text = fieldValue(index, p.field, extract);
    return { text, field: true, empty: text === '' };
  });
  const drop = new Set<number>();
  for (let i = 0; i < pieces.length; i++) {
    if (!pieces[i]!.empty) continue;
    drop.add(i);
    const isSeparator = (j: number): boolean => j >= 0 && j < pieces.length && !pieces[j]!.field && !drop.has(j) && SEPARATOR.test(pieces[j]!.text);
    // Prefer the separator before (", {role}" at the end); at the start take the one after ("{role}, " first).
    const before = i - 1;
    const after = i + 1;
    const hasKeptBefore = pieces.slice(0, i).some((p, j) => p.field && !drop.has(j));
    if (hasKeptBefore && isSeparator(before)) drop.add(before);
    else if (isSeparator(after)) drop.add(after);
  }
  const out = pieces.filter((_, i) => !drop.has(i)).map((p) => p.text).join('');
  return out.replace(/\(\s*\)|\[\s*\]/g, '').replace(/\s+/g, ' ').trim();
}

export interface CopyOptions {
  /** Quotation marks around the extract: curly “…” (default), straight "…" or none. */
  quotes?: 'curly' | 'straight' | 'none';
  /** Join the extract's lines and runs of spaces into single spaces (default true), as a quote in running text. */
  collapseWhitespace?: boolean;
}

/** One extract as text to paste into a write-up: “extract” (attribution). */
export function copyExtract(index: QueryIndex, extract: Extract, template: string | AttributionTemplate, options: CopyOptions = {}): string {
  const raw = options.collapseWhitespace === false ? extract.text.trim() : extract.text.replace(/\s+/g, ' ').trim();
  const quoted = options.quotes === 'none' ? raw : options.quotes === 'straight' ? `"${raw}"` : `“${raw}”`;
  const attribution = formatAttribution(index, extract, template);
  return attribution ? `${quoted} (${attribution})` : quoted;
}

/** Several extracts, each as copyExtract gives it, separated by a blank line. */
export function copyExtracts(index: QueryIndex, extracts: readonly Extract[], template: string | AttributionTemplate, options: CopyOptions = {}): string {
  const parsed = typeof template === 'string' ? parseAttributionTemplate(index, template) : template;
  return extracts.map((e) => copyExtract(index, e, parsed, options)).join('\n\n');
}
