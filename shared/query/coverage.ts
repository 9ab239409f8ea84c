/**
 * Coverage of a theme (or of any codes): which participants (cases) and documents support it, as "n of N", overall
 * and for each value of an attribute (e.g. by agency), with the ones that do not support it listed, for checking a
 * theme across participants and agencies in phase 4.
 *
 * A document supports the theme when at least one coding of the theme's codes (after the filter) lies in it; a case
 * supports it when one of its documents does. N is every document, and every case, of the project; when the filter
 * limits documents (by document, case or attribute), N is the documents it allows and the cases owning them.
 */
import type { Id } from '../model/types';
import { attributeValueForDocument, caseOf, requireAttribute, type QueryIndex } from './index-build';
import { allowedDocuments, resolveCodes, selectCodings, type CodeSelection, type ExtractFilter } from './select';
import type { Table } from './tables';

export interface SupportCount {
  /** How many support it (n) of how many there are (total, N). */
  n: number;
  total: number;
  /** Ids in the user's order. */
  supported: Id[];
  unsupported: Id[];
}

/** One value of the breakdown attribute; `value` null gathers those with no value. */
export interface CoverageGroup {
  value: string | null;
  label: string;
  cases: SupportCount;
  documents: SupportCount;
}

export interface Coverage {
  /** The codes looked at (a theme's codes and its subthemes' codes). */
  codeIds: Id[];
  extractCount: number;
  cases: SupportCount;
  documents: SupportCount;
  byAttribute?: { attributeId: Id; attributeName: string; groups: CoverageGroup[] };
}

export interface CoverageOptions {
  /** Break the counts down by this case or document attribute. */
  attributeId?: Id;
  filter?: ExtractFilter;
}

export const NO_VALUE_LABEL = '(no value)';

function count(universe: readonly Id[], supported: ReadonlySet<Id>): SupportCount {
  const yes: Id[] = [];
  const no: Id[] = [];
  for (const id of universe) (supported.has(id) ? yes : no).push(id);
  return { n: yes.length, total: universe.length, supported: yes, unsupported: no };
}

/** Values in the attribute's own order (its options), then other values found (sorted), then "no value". */
export function orderedValues(options: readonly string[], found: Iterable<string | null>): (string | null)[] {
  const seen = new Set(found);
  const out: (string | null)[] = [...options];
  const optionSet = new Set(options);
  const others = [...seen].filter((v): v is string => v !== null && !optionSet.has(v)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  out.push(...others);
  if (seen.has(null)) out.push(null);
  return out;
}

/** Coverage of the codings of a selection of codes or themes. */
export function coverage(index: QueryIndex, selection: CodeSelection, options: CoverageOptions = {}): Coverage {
  const codings = selectCodings(index, selection, options.filter);
  const allowed = allowedDocuments(index, options.filter);
  const documentUniverse = allowed ? index.documentOrder.filter((id) => allowed.has(id)) : [...index.documentOrder];
  const caseUniverse = allowed ? index.caseOrder.filter((c) => (index.documentsOfCase.get(c) ?? []).some((d) => allowed.has(d))) : [...index.caseOrder];

  const supportingDocuments = new Set(codings.map((c) => c.documentId));
  const supportingCases = new Set<Id>();
  for (const d of supportingDocuments) {
    const c = caseOf(index, d);
    if (c) supportingCases.add(c);
  }
  const result: Coverage = {
    codeIds: [...resolveCodes(index, selection)],
    extractCount: codings.length,
    cases: count(caseUniverse, supportingCases),
    documents: count(documentUniverse, supportingDocuments),
  };
  if (options.attributeId === undefined) return result;

  const attribute = requireAttribute(index, options.attributeId);
  const valueOfDocument = (d: Id): string | null => attributeValueForDocument(index, attribute.id, d)?.trim() ?? null;
  const documentsByValue = new Map<string | null, Id[]>();
  const casesByValue = new Map<string | null, Set<Id>>();
  const supportingCasesByValue = new Map<string | null, Set<Id>>();
  for (const d of documentUniverse) {
    const value = valueOfDocument(d);
    const docs = documentsByValue.get(value) ?? [];
    docs.push(d);
    documentsByValue.set(value, docs);
    const c = caseOf(index, d);
    if (!c) continue;
    // With a document attribute a case may fall under several values (one per value of its documents).
    let cases = casesByValue.get(value);
    if (!cases) casesByValue.set(value, (cases = new Set()));
    cases.add(c);
    if (supportingDocuments.has(d)) {
      let s = supportingCasesByValue.get(value);
      if (!s) supportingCasesByValue.set(value, (s = new Set()));
      s.add(c);
    }
  }
  // Cases without documents still count under their own value for a case attribute.
  if (attribute.scope === 'case' && !allowed) {
    for (const c of caseUniverse) {
      if ((index.documentsOfCase.get(c) ?? []).length > 0) continue;
      const raw = index.attributeValues.get(attribute.id)?.get(c)?.trim();
      const value = raw ? raw : null;
      let cases = casesByValue.get(value);
      if (!cases) casesByValue.set(value, (cases = new Set()));
      cases.add(c);
    }
  }
  const caseRank = new Map(index.caseOrder.map((id, i) => [id, i]));
  const values = orderedValues(attribute.options, [...documentsByValue.keys(), ...casesByValue.keys()]);
  result.byAttribute = {
    attributeId: attribute.id,
    attributeName: attribute.name,
    groups: values.map((value) => ({
      value,
      label: value ?? NO_VALUE_LABEL,
      cases: count(
        [...(casesByValue.get(value) ?? [])].sort((a, b) => caseRank.get(a)! - caseRank.get(b)!),
        supportingCasesByValue.get(value) ?? new Set(),
      ),
      documents: count(documentsByValue.get(value) ?? [], supportingDocuments),
    })),
  };
  return result;
}

/** Coverage of one theme (its codes and its subthemes' codes). */
export function themeCoverage(index: QueryIndex, themeId: Id, options: CoverageOptions & { includeChildCodes?: boolean } = {}): Coverage {
  return coverage(index, { themeIds: [themeId], includeChildCodes: options.includeChildCodes }, options);
}

/** "n of N" as a phrase. */
export function nOfN(count: SupportCount): string {
  return `${count.n} of ${count.total}`;
}

/**
 * Coverage as a table: one row for all, then one per attribute value, with the cases and documents that support it
 * and those that do not (by name).
 */
export function coverageToTable(index: QueryIndex, result: Coverage): Table {
  const caseNames = (ids: readonly Id[]): string => ids.map((id) => index.cases.get(id)?.name ?? id).join('; ');
  const documentNames = (ids: readonly Id[]): string => ids.map((id) => index.documents.get(id)?.name ?? id).join('; ');
  const row = (label: string, cases: SupportCount, documents: SupportCount): (string | number | null)[] => [
    label,
    cases.n,
    cases.total,
    documents.n,
    documents.total,
    caseNames(cases.unsupported),
    documentNames(documents.unsupported),
  ];
  return {
    columns: [result.byAttribute?.attributeName ?? 'Group', 'Cases supporting', 'Cases', 'Documents supporting', 'Documents', 'Cases not supporting', 'Documents not supporting'],
    rows: [row('All', result.cases, result.documents), ...(result.byAttribute?.groups ?? []).map((g) => row(g.label, g.cases, g.documents))],
  };
}
