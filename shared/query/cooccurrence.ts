/**
 * Code co-occurrence: which codes are applied to the same passages (overlapping codings) or, as an option, within
 * the same turn, as a codes x codes matrix and as a list of the co-occurring pairs with their passages.
 *
 * Two codings co-occur
 * - 'overlap': when they share at least one character ([a.start, a.end) and [b.start, b.end) intersect; codings that
 *   only touch end to start do not);
 * - 'same-turn': when they overlap, or touch a common turn (blocks stand in for turns in documents without turns,
 *   and paragraphs of the text in documents with neither).
 * Codings of the same code never co-occur with each other.
 *
 * Cost: each document's codings are sorted by start once and swept with a list of the codings still open, so the
 * work follows the number of codings plus the number of co-occurring pairs; codings are never compared all against
 * all.
 */
import type { CodingRecord, Id } from '../model/types';
import { caseOf, QueryError, unitSpan, type QueryIndex } from './index-build';
import { compileFilter, type ExtractFilter } from './select';
import type { Table } from './tables';

export type CooccurrenceMode = 'overlap' | 'same-turn';
export type CooccurrenceCount = 'codings' | 'documents' | 'cases';

export interface CooccurrenceOptions {
  /** The codes to cross (rows and columns, in this order). Default: every code in codebook order. */
  codeIds?: readonly Id[];
  mode?: CooccurrenceMode;
  filter?: ExtractFilter;
  /** Only pairs of codings by the same coder (e.g. to leave out where two coders chose different codes). */
  sameCoderOnly?: boolean;
}

export interface CooccurrenceMatrix {
  codeIds: Id[];
  codeNames: string[];
  mode: CooccurrenceMode;
  count: CooccurrenceCount;
  /**
   * counts[i][j], i != j: for 'codings' the number of co-occurring pairs (one coding of code i with one of code j);
   * for 'documents' or 'cases' the number of documents or cases with at least one such pair.
   * counts[i][i]: code i's own number of codings, documents or cases (after the filter), for reference.
   */
  counts: number[][];
}

interface Prepared {
  codeIds: Id[];
  slot: Map<Id, number>;
  keep: (c: CodingRecord) => boolean;
  mode: CooccurrenceMode;
  sameCoderOnly: boolean;
}

function prepare(index: QueryIndex, options: CooccurrenceOptions): Prepared {
  const codeIds = options.codeIds ? [...new Set(options.codeIds)] : [...index.codeOrder];
  for (const id of codeIds) {
    if (!index.codes.has(id)) throw new QueryError(`The code with id ${id} is not in the codebook (it may have been deleted or merged).`);
  }
  return {
    codeIds,
    slot: new Map(codeIds.map((id, i) => [id, i])),
    keep: compileFilter(index, options.filter),
    mode: options.mode ?? 'overlap',
    sameCoderOnly: options.sameCoderOnly === true,
  };
}

/**
 * Sweeps one document: calls onPair(a, b) for every co-occurring pair of its chosen codings (each pair once, a the
 * earlier by the sweep's order). Returns the chosen codings (for the diagonal).
 */
function sweepDocument(
  index: QueryIndex,
  documentId: Id,
  p: Prepared,
  onPair: (a: CodingRecord, b: CodingRecord, slotA: number, slotB: number) => void,
): CodingRecord[] {
  const all = index.codingsByDocument.get(documentId);
  if (!all) return [];
  const chosen: CodingRecord[] = [];
  for (const c of all) if (p.slot.has(c.codeId) && p.keep(c)) chosen.push(c);
  const n = chosen.length;
  if (n < 2) return chosen;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const slots = new Int32Array(n);
  const units = p.mode === 'same-turn' ? index.unitsOf(documentId) : undefined;
  for (let i = 0; i < n; i++) {
    const c = chosen[i]!;
    let s = c.start;
    let e = c.end;
    if (units) {
      // Widen each coding to the turns it touches: two widened codings intersect exactly when they overlap or
      // share a turn, since turns do not overlap one another.
      const span = unitSpan(units, s, e);
      if (span) {
        s = Math.min(s, units.starts[span[0]]!);
        e = Math.max(e, units.ends[span[1]]!);
      }
    }
    starts[i] = s;
    ends[i] = e;
    slots[i] = p.slot.get(c.codeId)!;
  }
  let order: Int32Array | undefined;
  if (units) {
    order = Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => starts[x]! - starts[y]!);
  }
  const active: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const s = starts[i]!;
    let kept = 0;
    for (let m = 0; m < active.length; m++) {
      const j = active[m]!;
      if (ends[j]! <= s) continue; // closed before this one starts: drop it
      active[kept++] = j;
      if (slots[i] === slots[j]) continue;
      const a = chosen[j]!;
      const b = chosen[i]!;
      if (p.sameCoderOnly && a.coderId !== b.coderId) continue;
      onPair(a, b, slots[j]!, slots[i]!);
    }
    active.length = kept;
    active.push(i);
  }
  return chosen;
}

/** The co-occurrence matrix of codes (see CooccurrenceMatrix for what each cell counts). */
export function cooccurrenceMatrix(index: QueryIndex, options: CooccurrenceOptions & { count?: CooccurrenceCount } = {}): CooccurrenceMatrix {
  const p = prepare(index, options);
  const count = options.count ?? 'codings';
  const n = p.codeIds.length;
  const cells = new Float64Array(n * n);
  // For documents and cases: the last unit (document or case number) each cell was counted for.
  const lastSeen = count === 'codings' ? undefined : new Int32Array(n * n).fill(-1);
  const diagonalSeen = new Int32Array(n).fill(-1);
  let unit = 0;

  const visit = (documentId: Id): void => {
    const chosen = sweepDocument(index, documentId, p, (_a, _b, x, y) => {
      const xy = x * n + y;
      if (lastSeen) {
        if (lastSeen[xy] === unit) return;
        lastSeen[xy] = unit;
        lastSeen[y * n + x] = unit;
      }
      cells[xy]!++;
      cells[y * n + x]!++;
    });
    for (const c of chosen) {
      const x = p.slot.get(c.codeId)!;
      if (!lastSeen) cells[x * n + x]!++;
      else if (diagonalSeen[x] !== unit) {
        diagonalSeen[x] = unit;
        cells[x * n + x]!++;
      }
    }
  };

  if (count === 'cases') {
    for (const caseId of index.caseOrder) {
      for (const d of index.documentsOfCase.get(caseId) ?? []) visit(d);
      unit++;
    }
  } else {
    for (const d of index.documentOrder) {
      visit(d);
      unit++;
    }
  }
  const counts: number[][] = [];
  for (let i = 0; i < n; i++) counts.push(Array.from(cells.subarray(i * n, (i + 1) * n)));
  return {
    codeIds: p.codeIds,
    codeNames: p.codeIds.map((id) => index.codePaths.get(id) ?? ''),
    mode: p.mode,
    count,
    counts,
  };
}

export interface CooccurringPair {
  documentId: Id;
  caseId?: Id;
  /** The two codings, a of the code that comes first in the chosen code order. */
  a: CodingRecord;
  b: CodingRecord;
  /** The characters both cover, or null when they only share a turn. */
  overlap: { start: number; end: number } | null;
  /** The passage to show: from the first coding's start to the last coding's end, and its text. */
  passage: { start: number; end: number; text: string };
}

/**
 * The co-occurring pairs of codings, in document order then by start, for reading the passages behind a cell of
 * the matrix (give the cell's two codes as codeIds) or listing all of them. `limit` stops early (default no limit).
 */
export function cooccurringPairs(index: QueryIndex, options: CooccurrenceOptions & { limit?: number } = {}): CooccurringPair[] {
  const p = prepare(index, options);
  const limit = options.limit ?? Infinity;
  const out: CooccurringPair[] = [];
  for (const documentId of index.documentOrder) {
    if (out.length >= limit) break;
    const text = index.texts.get(documentId)!.text;
    const caseId = caseOf(index, documentId);
    const found: CooccurringPair[] = [];
    sweepDocument(index, documentId, p, (x, y, sx, sy) => {
      const [a, b] = sx <= sy ? [x, y] : [y, x];
      const os = Math.max(a.start, b.start);
      const oe = Math.min(a.end, b.end);
      const ps = Math.min(a.start, b.start);
      const pe = Math.max(a.end, b.end);
      found.push({
        documentId,
        ...(caseId ? { caseId } : {}),
        a,
        b,
        overlap: os < oe ? { start: os, end: oe } : null,
        passage: { start: ps, end: pe, text: text.slice(ps, pe) },
      });
    });
    found.sort((u, v) => u.passage.start - v.passage.start || u.passage.end - v.passage.end);
    for (const f of found) {
      if (out.length >= limit) break;
      out.push(f);
    }
  }
  return out;
}

/** The matrix as a table: one row per code, the code's name first. */
export function cooccurrenceToTable(matrix: CooccurrenceMatrix): Table {
  return {
    columns: ['Code', ...matrix.codeNames],
    rows: matrix.counts.map((row, i) => [matrix.codeNames[i] ?? '', ...row]),
  };
}

/** The matrix's off-diagonal cells as a list of code pairs (each pair once), most frequent first, zeros left out. */
export function cooccurrenceList(matrix: CooccurrenceMatrix): { codeA: Id; codeB: Id; count: number }[] {
  const out: { codeA: Id; codeB: Id; count: number }[] = [];
  for (let i = 0; i < matrix.codeIds.length; i++) {
    for (let j = i + 1; j < matrix.codeIds.length; j++) {
      const count = matrix.counts[i]![j]!;
      if (count > 0) out.push({ codeA: matrix.codeIds[i]!, codeB: matrix.codeIds[j]!, count });
    }
  }
  return out.sort((x, y) => y.count - x.count);
}

/** Co-occurring pairs as a table of passages. */
export function cooccurringPairsToTable(index: QueryIndex, pairs: readonly CooccurringPair[]): Table {
  return {
    columns: ['Document', 'Case', 'Code A', 'Coder A', 'Code B', 'Coder B', 'Start', 'End', 'Overlap', 'Passage'],
    rows: pairs.map((pair) => [
      index.documents.get(pair.documentId)?.name ?? '',
      pair.caseId ? (index.cases.get(pair.caseId)?.name ?? '') : null,
      index.codePaths.get(pair.a.codeId) ?? '',
      index.coders.get(pair.a.coderId)?.name ?? '',
      index.codePaths.get(pair.b.codeId) ?? '',
      index.coders.get(pair.b.coderId)?.name ?? '',
      pair.passage.start,
      pair.passage.end,
      pair.overlap ? pair.overlap.end - pair.overlap.start : 0,
      pair.passage.text,
    ]),
  };
}
