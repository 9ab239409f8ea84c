/**
 * Selection positions at the REFI-QDA boundary: the one place where offsets move between Tessera's stored unit
 * (UTF-16 code units of the normalised text: BOM removed, line ends "\n", NFC) and the unit a file uses.
 *
 * The standard counts Unicode code points of the source text; NVivo counts UTF-16 code units of its .txt with the
 * CR of every CRLF counted (the BOM not counted); tools that read text with universal newlines count each CRLF once.
 * A file does not say which it used, so the reader measures every candidate and keeps the one under which the
 * selections fit the text and fall between words.
 */
import { normaliseText } from '../text/normalise';

/**
 * How a file counts positions in its text (the text as the file holds it, BOM removed):
 * - `codepoints`: Unicode code points, every character of the file counted (the standard's wording)
 * - `codepoints-lf`: code points, each CRLF counted once
 * - `utf16`: UTF-16 code units, every character counted, CR included (NVivo)
 * - `utf16-lf`: UTF-16 code units, each CRLF counted once
 */
export type PositionUnit = 'codepoints' | 'codepoints-lf' | 'utf16' | 'utf16-lf';

export const POSITION_UNITS: readonly PositionUnit[] = ['codepoints', 'utf16', 'codepoints-lf', 'utf16-lf'];

export function describeUnit(unit: PositionUnit): string {
  switch (unit) {
    case 'codepoints':
      return 'Unicode code points (as the REFI-QDA standard says)';
    case 'codepoints-lf':
      return 'Unicode code points with each CRLF line end counted once';
    case 'utf16':
      return 'UTF-16 code units with the CR of each line end counted (as NVivo writes)';
    case 'utf16-lf':
      return 'UTF-16 code units with each CRLF line end counted once';
  }
}

const UNIT_INDEX: Record<PositionUnit, number> = { codepoints: 0, 'codepoints-lf': 1, utf16: 2, 'utf16-lf': 3 };

/**
 * Characters that are each a piece on their own, one unit long in every unit and unchanged by NFC, as long as no
 * combining character follows them: everything below U+0300 but CR, and the common punctuation of U+2010–U+2027 and
 * U+2030–U+205E (dashes, curly quotes, ellipsis, primes), which is stable under NFC and composes with nothing.
 * Everything else is "special" and goes through the piecewise path.
 */
// The combining marks come first in the class: after another character a linter reads them as combined with it.
const SPECIAL = /[\u0300-\u200f\r\u2028-\u202f\u205f-\uffff]/g;

/**
 * A map between positions in a file's text and offsets in its normalised (stored) text.
 *
 * The file's text is cut into pieces that normalise independently: a line end (CRLF, CR or LF) or a character with
 * the marks that combine with it. Each piece starts at a known position in every unit and in the stored text, so a
 * position that falls on a piece boundary maps exactly; one that falls inside a piece (between CR and LF, inside a
 * surrogate pair, inside a decomposed accent) is snapped outwards and counted as inexact.
 *
 * Most text is made of simple pieces (one UTF-16 unit that is one code point, not CR, unchanged by NFC), which
 * advance every unit by one: a run of them is kept as one segment, so the map costs memory and time per special
 * character rather than per character, and a position inside a run maps by subtraction.
 */
export class TextPositionMap {
  /** The stored text: exactly normaliseText(file text). */
  readonly text: string;
  /** Segment starts, per unit (index by UNIT_INDEX) then the stored offset, plus a final entry for the end. */
  private readonly starts: Int32Array[];
  private readonly stored: Int32Array;
  /** Per segment: the number of simple pieces in a run, or 0 for a single piece of its own. */
  private readonly runs: Int32Array;
  readonly pieces: number;
  /** False when piecewise normalisation disagreed with normalising the whole text (then offsets are approximate). */
  readonly exact: boolean;

  constructor(fileText: string) {
    const raw = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
    const n = raw.length;
    const u0: number[] = [];
    const u1: number[] = [];
    const u2: number[] = [];
    const u3: number[] = [];
    const stored: number[] = [];
    const runs: number[] = [];
    const out: string[] = [];
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let storedPos = 0;
    let pieces = 0;
    const mark = (run: number): void => {
      u0.push(p0);
      u1.push(p1);
      u2.push(p2);
      u3.push(p3);
      stored.push(storedPos);
      runs.push(run);
    };
    const push = (piece: string, cps: number, units: number, cpsLf: number, unitsLf: number): void => {
      mark(0);
      pieces += 1;
      p0 += cps;
      p1 += cpsLf;
      p2 += units;
      p3 += unitsLf;
      out.push(piece);
      storedPos += piece.length;
    };
    const special = new RegExp(SPECIAL.source, 'g');
    let next = -1;
    let i = 0;
    while (i < n) {
      if (next < i) {
        special.lastIndex = i;
        next = special.exec(raw)?.index ?? n;
      }
      // A simple character right before a combining one joins its piece, so it leaves the run (a line end never
      // joins anything, and nothing joins a CR).
      let end = next;
      if (end < n && end > i && raw.charCodeAt(end) !== 0x0d && raw.charCodeAt(end - 1) !== 0x0a) end -= 1;
      if (end > i) {
        const length = end - i;
        mark(length);
        pieces += length;
        p0 += length;
        p1 += length;
        p2 += length;
        p3 += length;
        storedPos += length;
        out.push(raw.slice(i, end));
        i = end;
        continue;
      }
      const c = raw.charCodeAt(i);
      if (c === 0x0d) {
        if (raw.charCodeAt(i + 1) === 0x0a) {
          push('\n', 2, 2, 1, 1);
          i += 2;
        } else {
          push('\n', 1, 1, 1, 1);
          i += 1;
        }
        continue;
      }
      if (c === 0x0a) {
        push('\n', 1, 1, 1, 1);
        i += 1;
        continue;
      }
      // One character (a surrogate pair counts as one), then whatever combines with it.
      let j = i + charLength(raw, i);
      while (j < n && combinesWithPrevious(raw, i, j)) j += charLength(raw, j);
      const slice = raw.slice(i, j);
      const cps = countCodePoints(slice);
      const piece = slice.normalize('NFC');
      push(piece, cps, slice.length, cps, slice.length);
      i = j;
    }
    mark(0);
    this.pieces = pieces;
    // Kept compact: a text without simple characters (CJK, say) has a segment per character.
    this.starts = [u0, u1, u2, u3].map((a) => Int32Array.from(a));
    this.stored = Int32Array.from(stored);
    this.runs = Int32Array.from(runs);
    const joined = out.join('');
    const whole = normaliseText(fileText);
    this.exact = joined === whole;
    this.text = whole;
  }

  /** Length of the file's text in a unit. */
  length(unit: PositionUnit): number {
    const a = this.starts[UNIT_INDEX[unit]]!;
    return a[a.length - 1]!;
  }

  /**
   * The stored offset for a file position, or undefined when it lies outside the text. A start inside a piece
   * snaps to the piece's start and an end to its end; `exact` says whether that was needed.
   */
  toStored(position: number, unit: PositionUnit, side: 'start' | 'end'): { offset: number; exact: boolean } | undefined {
    const a = this.starts[UNIT_INDEX[unit]]!;
    if (!Number.isInteger(position) || position < 0 || position > a[a.length - 1]!) return undefined;
    const lo = lastAtOrBefore(a, position);
    const into = position - a[lo]!;
    if (into === 0) {
      // Several segments can share a start only when one is empty in this unit; prefer the first for a start.
      let k = lo;
      if (side === 'start') while (k > 0 && a[k - 1] === position) k -= 1;
      return { offset: Math.min(this.stored[k]!, this.text.length), exact: true };
    }
    // Every position inside a run is a piece boundary.
    if (into < this.runs[lo]!) return { offset: Math.min(this.stored[lo]! + into, this.text.length), exact: true };
    const k = side === 'start' ? lo : lo + 1;
    return { offset: Math.min(this.stored[k]!, this.text.length), exact: false };
  }

  /** The file position (in a unit) for a stored offset. Offsets inside a piece snap like toStored. */
  fromStored(offset: number, unit: PositionUnit, side: 'start' | 'end' = 'start'): number {
    const s = this.stored;
    const a = this.starts[UNIT_INDEX[unit]]!;
    if (offset <= 0) return 0;
    if (offset >= s[s.length - 1]!) return a[a.length - 1]!;
    const lo = lastAtOrBefore(s, offset);
    const into = offset - s[lo]!;
    if (into === 0) return a[lo]!;
    if (into < this.runs[lo]!) {
      const whole = Math.floor(into);
      return a[lo]! + (whole === into || side === 'start' ? whole : whole + 1);
    }
    return side === 'start' ? a[lo]! : a[lo + 1]!;
  }
}

/** The last index whose value is <= x, in an ascending array whose first value is <= x. */
function lastAtOrBefore(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += charLength(text, i)) n += 1;
  return n;
}

const MARK = /^\p{M}/u;

/** True when the character at j would change the normalisation of raw[i..j) if cut off from it. */
function combinesWithPrevious(raw: string, i: number, j: number): boolean {
  const c = raw.charCodeAt(j);
  // Below U+0300 nothing combines with what precedes it; line ends always cut.
  if (c < 0x300) return false;
  const next = raw.slice(j, j + charLength(raw, j));
  if (MARK.test(next)) return true;
  const before = raw.slice(i, j);
  return (before + next).normalize('NFC') !== before.normalize('NFC') + next.normalize('NFC');
}

/**
 * Converts stored offsets to the positions written for that text: `codepoints` counts the code points of the text
 * as stored (written with "\n" line ends); `utf16` counts UTF-16 units of the text written with CRLF line ends
 * (NVivo's reading). The text is written exactly as stored otherwise, so TextPositionMap reads these back exactly.
 */
export function storedToFileConverter(text: string, unit: 'codepoints' | 'utf16'): (offset: number) => number {
  // Where the file's count departs from the stored one: after the low half of each surrogate pair the file has one
  // code point fewer; after each "\n" it has one UTF-16 unit more (the CR). Kept as the sorted list of those places.
  const places: number[] = [];
  if (unit === 'codepoints') {
    const pair = /[\ud800-\udbff][\udc00-\udfff]/g;
    for (let m = pair.exec(text); m; m = pair.exec(text)) places.push(m.index + 1);
  } else {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) places.push(i);
  }
  const sign = unit === 'codepoints' ? -1 : 1;
  return (offset: number): number => {
    const o = Math.max(0, Math.min(text.length, offset));
    if (places.length === 0 || o <= places[0]!) return o;
    // How many places lie before o.
    return o + sign * (lastBefore(places, o) + 1);
  };
}

/** The last index whose value is < x, in an ascending array whose first value is < x. */
function lastBefore(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid]! < x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A selection as a file gives it: positions in an unknown unit. */
export interface FilePositions {
  start: number;
  end: number;
}

/** How well one unit explains a set of selections. */
export interface UnitScore {
  unit: PositionUnit;
  /** Selections whose start and end lie within the text (and start <= end). */
  inRange: number;
  /** Selection edges (two per selection) that do not cut a word in two. */
  onWordBoundary: number;
  /** Edges that fell inside a character or a line end and had to be snapped. */
  inexact: number;
  total: number;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return WORD.test(text[index]!);
}

/** True when an offset does not fall between two letters or digits of one word. */
export function isWordBoundary(text: string, offset: number): boolean {
  return !(isWordChar(text, offset - 1) && isWordChar(text, offset));
}

/** Measures one unit against the selections of one text. */
export function scoreUnit(map: TextPositionMap, selections: readonly FilePositions[], unit: PositionUnit): UnitScore {
  const score: UnitScore = { unit, inRange: 0, onWordBoundary: 0, inexact: 0, total: selections.length };
  for (const selection of selections) {
    const a = map.toStored(selection.start, unit, 'start');
    const b = map.toStored(selection.end, unit, 'end');
    if (!a || !b || selection.start > selection.end) continue;
    score.inRange += 1;
    if (!a.exact) score.inexact += 1;
    if (!b.exact) score.inexact += 1;
    if (isWordBoundary(map.text, a.offset)) score.onWordBoundary += 1;
    if (isWordBoundary(map.text, b.offset)) score.onWordBoundary += 1;
  }
  return score;
}

export function addScores(a: UnitScore, b: UnitScore): UnitScore {
  return {
    unit: a.unit,
    inRange: a.inRange + b.inRange,
    onWordBoundary: a.onWordBoundary + b.onWordBoundary,
    inexact: a.inexact + b.inexact,
    total: a.total + b.total,
  };
}

export interface UnitDetection {
  unit: PositionUnit;
  /** Every candidate's measurement, best first. */
  scores: UnitScore[];
  /** Set when the reading is doubtful: a message for the user. */
  doubt?: string;
  /** True when no candidate places every selection inside its text. */
  outOfRange: boolean;
}

/**
 * Chooses the unit of a file's selections across all its texts (one exporter uses one unit).
 * `preferred` orders ties (e.g. the unit a Tessera file declares, or NVivo's for an NVivo file); units that map
 * every selection identically to a better-ranked one are equivalent and never reported as doubt.
 */
export function detectUnit(
  texts: readonly { map: TextPositionMap; selections: readonly FilePositions[] }[],
  preferred: readonly PositionUnit[] = POSITION_UNITS,
): UnitDetection {
  const order = [...preferred, ...POSITION_UNITS.filter((u) => !preferred.includes(u))];
  const scores = order.map((unit) =>
    texts.reduce<UnitScore>((acc, t) => addScores(acc, scoreUnit(t.map, t.selections, unit)), {
      unit,
      inRange: 0,
      onWordBoundary: 0,
      inexact: 0,
      total: 0,
    }),
  );
  const merit = (s: UnitScore): number => s.onWordBoundary - 2 * s.inexact;
  const ranked = [...scores].sort((x, y) => {
    const fullX = x.inRange === x.total ? 1 : 0;
    const fullY = y.inRange === y.total ? 1 : 0;
    if (fullX !== fullY) return fullY - fullX;
    if (x.inRange !== y.inRange) return y.inRange - x.inRange;
    if (merit(x) !== merit(y)) return merit(y) - merit(x);
    return order.indexOf(x.unit) - order.indexOf(y.unit);
  });
  const best = ranked[0]!;
  const edges = best.total * 2;
  const detection: UnitDetection = { unit: best.unit, scores: ranked, outOfRange: best.inRange < best.total };
  if (detection.outOfRange || edges === 0) return detection;
  const runnerUp = ranked.slice(1).find((s) => s.inRange === s.total && !sameMapping(texts, best.unit, s.unit));
  if (runnerUp && merit(runnerUp) === merit(best)) {
    detection.doubt = `the selection positions read equally well as ${describeUnit(best.unit)} and as ${describeUnit(runnerUp.unit)}, which place them differently; Tessera read them as ${describeUnit(best.unit)}: check a few codings`;
  } else if (best.onWordBoundary < edges * 0.9 || best.inexact > 0) {
    detection.doubt = `the selection positions fit the text poorly: read as ${describeUnit(best.unit)}, ${best.onWordBoundary} of ${edges} selection edges fall between words${best.inexact ? ` and ${best.inexact} fall inside a character` : ''}, so some codings may be misplaced: check them`;
  }
  return detection;
}

function sameMapping(
  texts: readonly { map: TextPositionMap; selections: readonly FilePositions[] }[],
  a: PositionUnit,
  b: PositionUnit,
): boolean {
  for (const { map, selections } of texts) {
    for (const s of selections) {
      if (map.toStored(s.start, a, 'start')?.offset !== map.toStored(s.start, b, 'start')?.offset) return false;
      if (map.toStored(s.end, a, 'end')?.offset !== map.toStored(s.end, b, 'end')?.offset) return false;
    }
  }
  return true;
}
