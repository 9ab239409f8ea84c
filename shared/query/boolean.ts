/**
 * Boolean code queries: A AND B, A OR B, A NOT B, A NEAR B, where A and B are each a selection of codes or themes.
 *
 * What each result (BooleanHit) covers, [start, end) of one document:
 * - AND, scope 'overlap', range 'union' (default): the codings of A that overlap some coding of B and the codings
 *   of B that overlap some coding of A, joined into maximal runs of overlapping codings; a result is the union of one
 *   run (from its first start to its last end).
 * - AND, scope 'overlap', range 'intersection': the text coded with both, i.e. the intersections of overlapping A
 *   and B codings, joined where they overlap or touch.
 * - AND, scope 'same-turn': each turn (unit) that both an A coding and a B coding touch; a result is the whole turn.
 * - OR: every coding of A or B, joined into maximal runs of overlapping codings; a result is the union of one run.
 * - NOT, scope 'overlap': each coding of A that shares no character with any coding of B; a result is that coding.
 * - NOT, scope 'same-turn': each coding of A that shares no turn (and no character) with any coding of B.
 * - NEAR with distance n: each pair of an A coding and a B coding at most n turns apart (0 = they touch a common
 *   turn; 1 = adjacent turns...), spanned from the pair's first start to its last end, and spans joined where they
 *   overlap; a result is one joined span (so it includes the text between the two codings).
 * "Overlap" means sharing at least one character; codings that only touch end to start do not overlap. Turns are
 * the document's speaker turns, else its blocks, else the paragraphs of its text (see DocumentUnits).
 */
import type { CodingRecord, Id } from '../model/types';
import { caseOf, lastUnitStartingAtOrBefore, QueryError, unitSpan, type DocumentUnits, type QueryIndex } from './index-build';
import { contextOf, type ExtractContext, type ExtractOptions } from './extracts';
import { selectCodings, type CodeSelection, type ExtractFilter } from './select';
import type { Table } from './tables';

export type BooleanOperator = 'and' | 'or' | 'not' | 'near';

export interface BooleanQuery {
  operator: BooleanOperator;
  a: CodeSelection;
  b: CodeSelection;
  /** For AND and NOT: 'overlap' (default) or 'same-turn'. */
  scope?: 'overlap' | 'same-turn';
  /** For AND with scope 'overlap': 'union' (default) or 'intersection'. */
  range?: 'union' | 'intersection';
  /** For NEAR: the most turns apart (default 1). */
  distance?: number;
  filter?: ExtractFilter;
}

/** What a hit's [start, end) is: see the comment at the top of this file. */
export type BooleanHitRange = 'union' | 'intersection' | 'turn' | 'coding';

export interface BooleanHit {
  documentId: Id;
  documentName: string;
  caseId?: Id;
  caseName?: string;
  start: number;
  end: number;
  text: string;
  range: BooleanHitRange;
  /** The codings of A and of B that make up the hit (for NOT, the one A coding and no B). */
  codingIdsA: Id[];
  codingIdsB: Id[];
  context: ExtractContext;
}

interface Span {
  start: number;
  end: number;
  a: CodingRecord[];
  b: CodingRecord[];
}

/**
 * Calls onPair(i, j) for every i of A and j of B whose intervals [s, e) intersect. Both lists sorted by start.
 * A sweep with one open list per side: each pair is found once, when the later-starting one is reached.
 */
function crossPairs(aS: ArrayLike<number>, aE: ArrayLike<number>, bS: ArrayLike<number>, bE: ArrayLike<number>, onPair: (i: number, j: number) => void): void {
  const openA: number[] = [];
  const openB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < aS.length || j < bS.length) {
    const takeA = j >= bS.length || (i < aS.length && aS[i]! <= bS[j]!);
    if (takeA) {
      const s = aS[i]!;
      let kept = 0;
      for (const k of openB) if (bE[k]! > s) openB[kept++] = k;
      openB.length = kept;
      for (const k of openB) onPair(i, k);
      openA.push(i++);
    } else {
      const s = bS[j]!;
      let kept = 0;
      for (const k of openA) if (aE[k]! > s) openA[kept++] = k;
      openA.length = kept;
      for (const k of openA) onPair(k, j);
      openB.push(j++);
    }
  }
}

/** Joins spans that overlap (or, with touching, also those that meet end to start) into maximal runs. */
function joinSpans(spans: Span[], touching: boolean): Span[] {
  spans.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (touching ? s.start <= last.end : s.start < last.end)) {
      last.end = Math.max(last.end, s.end);
      last.a.push(...s.a);
      last.b.push(...s.b);
    } else out.push({ start: s.start, end: s.end, a: [...s.a], b: [...s.b] });
  }
  for (const s of out) {
    s.a = [...new Set(s.a)];
    s.b = [...new Set(s.b)];
  }
  return out;
}

/** The units a coding touches; a coding lying between units counts as in the unit before it (or the first). */
function unitsTouched(units: DocumentUnits, c: CodingRecord): [number, number] {
  const span = unitSpan(units, c.start, c.end);
  if (span) return span;
  const before = Math.max(0, lastUnitStartingAtOrBefore(units, c.start));
  return [before, before];
}

function groupByDocument(codings: readonly CodingRecord[]): Map<Id, CodingRecord[]> {
  const out = new Map<Id, CodingRecord[]>();
  for (const c of codings) {
    const list = out.get(c.documentId) ?? [];
    list.push(c);
    out.set(c.documentId, list);
  }
  for (const list of out.values()) list.sort((x, y) => x.start - y.start || x.end - y.end);
  return out;
}

function spansOfDocument(index: QueryIndex, query: BooleanQuery, documentId: Id, A: CodingRecord[], B: CodingRecord[]): { spans: Span[]; range: BooleanHitRange } {
  const scope = query.scope ?? 'overlap';
  const starts = (list: CodingRecord[]): number[] => list.map((c) => c.start);
  const ends = (list: CodingRecord[]): number[] => list.map((c) => c.end);

  switch (query.operator) {
    case 'or': {
      const spans = [...A.map((c) => ({ start: c.start, end: c.end, a: [c], b: [] })), ...B.map((c) => ({ start: c.start, end: c.end, a: [], b: [c] }))];
      return { spans: joinSpans(spans, false), range: 'union' };
    }
    case 'and': {
      if (scope === 'same-turn') {
        const units = index.unitsOf(documentId);
        const byUnit = new Map<number, Span>();
        const add = (c: CodingRecord, side: 'a' | 'b'): void => {
          const span = unitSpan(units, c.start, c.end);
          if (!span) return;
          for (let u = span[0]; u <= span[1]; u++) {
            let s = byUnit.get(u);
            if (!s) byUnit.set(u, (s = { start: units.starts[u]!, end: units.ends[u]!, a: [], b: [] }));
            s[side].push(c);
          }
        };
        for (const c of A) add(c, 'a');
        for (const c of B) add(c, 'b');
        const spans = [...byUnit.values()].filter((s) => s.a.length > 0 && s.b.length > 0).sort((x, y) => x.start - y.start);
        return { spans, range: 'turn' };
      }
      if (query.range === 'intersection') {
        const spans: Span[] = [];
        crossPairs(starts(A), ends(A), starts(B), ends(B), (i, j) => {
          const a = A[i]!;
          const b = B[j]!;
          spans.push({ start: Math.max(a.start, b.start), end: Math.min(a.end, b.end), a: [a], b: [b] });
        });
        return { spans: joinSpans(spans, true), range: 'intersection' };
      }
      const inA = new Set<number>();
      const inB = new Set<number>();
      crossPairs(starts(A), ends(A), starts(B), ends(B), (i, j) => {
        inA.add(i);
        inB.add(j);
      });
      const spans: Span[] = [
        ...[...inA].map((i) => ({ start: A[i]!.start, end: A[i]!.end, a: [A[i]!], b: [] })),
        ...[...inB].map((j) => ({ start: B[j]!.start, end: B[j]!.end, a: [], b: [B[j]!] })),
      ];
      return { spans: joinSpans(spans, false), range: 'union' };
    }
    case 'not': {
      const hit = new Set<number>();
      if (scope === 'same-turn') {
        // In turn space: A coding touching units [u0, u1] meets a B coding touching [v0, v1] when they intersect.
        const units = index.unitsOf(documentId);
        const ua = A.map((c) => unitsTouched(units, c));
        const ub = B.map((c) => unitsTouched(units, c));
        const order = (spans: [number, number][]): number[] => spans.map((_, i) => i).sort((x, y) => spans[x]![0] - spans[y]![0]);
        const oa = order(ua);
        const ob = order(ub);
        crossPairs(
          oa.map((i) => ua[i]![0]), oa.map((i) => ua[i]![1] + 1),
          ob.map((j) => ub[j]![0]), ob.map((j) => ub[j]![1] + 1),
          (i) => hit.add(oa[i]!),
        );
      }
      crossPairs(starts(A), ends(A), starts(B), ends(B), (i) => hit.add(i));
      const spans = A.filter((_, i) => !hit.has(i)).map((c) => ({ start: c.start, end: c.end, a: [c], b: [] }));
      return { spans, range: 'coding' };
    }
    case 'near': {
      const distance = query.distance ?? 1;
      if (!Number.isInteger(distance) || distance < 0) throw new QueryError(`NEAR needs a whole number of turns of 0 or more (it was given ${distance}).`);
      const units = index.unitsOf(documentId);
      const ua = A.map((c) => unitsTouched(units, c));
      const ub = B.map((c) => unitsTouched(units, c));
      const order = (spans: [number, number][]): number[] => spans.map((_, i) => i).sort((x, y) => spans[x]![0] - spans[y]![0]);
      const oa = order(ua);
      const ob = order(ub);
      const spans: Span[] = [];
      // Widen A by `distance` turns each way; the widened A meets B in turn space exactly when they are near.
      crossPairs(
        oa.map((i) => ua[i]![0] - distance), oa.map((i) => ua[i]![1] + 1 + distance),
        ob.map((j) => ub[j]![0]), ob.map((j) => ub[j]![1] + 1),
        (i, j) => {
          const a = A[oa[i]!]!;
          const b = B[ob[j]!]!;
          spans.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), a: [a], b: [b] });
        },
      );
      return { spans: joinSpans(spans, false), range: 'union' };
    }
  }
}

/** Runs a boolean query; hits in document order, then by start. */
export function booleanQuery(index: QueryIndex, query: BooleanQuery, options: ExtractOptions = {}): BooleanHit[] {
  const A = groupByDocument(selectCodings(index, query.a, query.filter));
  const B = groupByDocument(selectCodings(index, query.b, query.filter));
  const out: BooleanHit[] = [];
  for (const documentId of index.documentOrder) {
    const a = A.get(documentId) ?? [];
    const b = B.get(documentId) ?? [];
    const needsB = query.operator === 'and' || query.operator === 'near';
    if (a.length === 0 && (query.operator !== 'or' || b.length === 0)) continue;
    if (needsB && b.length === 0) continue;
    const { spans, range } = spansOfDocument(index, query, documentId, a, b);
    if (spans.length === 0) continue;
    const text = index.texts.get(documentId)!.text;
    const caseId = caseOf(index, documentId);
    for (const s of spans) {
      out.push({
        documentId,
        documentName: index.documents.get(documentId)!.name,
        ...(caseId ? { caseId, caseName: index.cases.get(caseId)!.name } : {}),
        start: s.start,
        end: s.end,
        text: text.slice(s.start, s.end),
        range,
        codingIdsA: s.a.map((c) => c.id),
        codingIdsB: s.b.map((c) => c.id),
        context: contextOf(index, documentId, s.start, s.end, options.contextWindow),
      });
    }
  }
  return out;
}

export function booleanHitsToTable(hits: readonly BooleanHit[]): Table {
  return {
    columns: ['Document', 'Case', 'Start', 'End', 'Covers', 'Text', 'Codings of A', 'Codings of B', 'Speaker', 'Context'],
    rows: hits.map((h) => [h.documentName, h.caseName ?? null, h.start, h.end, h.range, h.text, h.codingIdsA.length, h.codingIdsB.length, h.context.speaker ?? null, h.context.text]),
  };
}
