/**
 * Full-text search across the project with keyword-in-context results, and turning chosen hits into codings.
 *
 * Patterns run as JavaScript regular expressions with the Unicode flag (a plain search is escaped first), one
 * document at a time. A regular expression cannot be interrupted once it runs, so patterns that can take
 * exponential time are refused before running (a repeated group that itself holds a repetition, such as (a+)+ or
 * (\w*\s?)*), and the search stops after `maxHits` hits or `timeLimitMs`, saying so.
 */
import type { CodingRecord, Id } from '../model/types';
import { caseOf, QueryError, unitAt, type QueryIndex } from './index-build';
import type { Table } from './tables';

export interface TextSearchOptions {
  /** Only matches that are whole words (not preceded or followed by a letter, digit or underscore). */
  wholeWord?: boolean;
  caseSensitive?: boolean;
  /** Treat the query as a regular expression (JavaScript syntax). */
  regex?: boolean;
  /** Characters of context either side of a match. Default 40. */
  contextChars?: number;
  /** Stop after this many hits. Default 5,000. */
  maxHits?: number;
  /** Stop after this many milliseconds. Default 2,000. */
  timeLimitMs?: number;
  /** Search only these documents. */
  documentIds?: readonly Id[];
  /** Milliseconds now, for the time limit (default Date.now; tests give their own clock). */
  clock?: () => number;
}

export interface SearchHit {
  documentId: Id;
  documentName: string;
  caseId?: Id;
  /** The match is [start, end) of the document's text (UTF-16 code units); `offset` repeats start for display. */
  start: number;
  end: number;
  offset: number;
  match: string;
  /** Context before and after the match, with line breaks and runs of spaces shown as single spaces. */
  left: string;
  right: string;
  /** The turn the match starts in (-1 when none) and its speaker. */
  turnIndex: number;
  speaker?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when the search stopped early; `stoppedBecause` says why. */
  truncated: boolean;
  stoppedBecause?: string;
}

export const MAX_PATTERN_LENGTH = 1000;

/**
 * Finds a repeated group that holds a repetition, e.g. (a+)+, (\w*\s?)*, (x+){2,}: the pattern shape that can make
 * a regular expression run for hours on a short text. Returns the offending part, or undefined.
 */
function nestedRepetition(source: string): string | undefined {
  // Each open group: where it starts and whether something inside it repeats without bound.
  const stack: { at: number; repeats: boolean }[] = [];
  let i = 0;
  const unboundedAt = (k: number): number => {
    // Length of an unbounded quantifier at k (*, +, {n,}), 0 when there is none.
    const ch = source[k];
    if (ch === '*' || ch === '+') return 1;
    if (ch === '{') {
      const m = /^\{\d+,\}/.exec(source.slice(k));
      if (m) return m[0].length;
    }
    return 0;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '(') {
      stack.push({ at: i, repeats: false });
      i++;
      continue;
    }
    if (ch === ')') {
      const group = stack.pop();
      i++;
      const q = unboundedAt(i);
      if (group && q > 0 && group.repeats) return source.slice(group.at, i + q);
      // The group repeats as a whole, or holds a repetition: either way its parent now holds one.
      if (group && stack.length > 0 && (q > 0 || group.repeats)) stack[stack.length - 1]!.repeats = true;
      continue;
    }
    if (unboundedAt(i) > 0 && stack.length > 0) stack[stack.length - 1]!.repeats = true;
    i++;
  }
  return undefined;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** The regular expression a query and options stand for; throws a QueryError saying what is wrong with it. */
export function compileSearchPattern(query: string, options: TextSearchOptions = {}): RegExp {
  if (query.length === 0) throw new QueryError('Type something to search for.');
  if (query.length > MAX_PATTERN_LENGTH) throw new QueryError(`The search is too long (${query.length} characters; at most ${MAX_PATTERN_LENGTH}).`);
  let source = query;
  if (options.regex) {
    const nested = nestedRepetition(query);
    if (nested) {
      throw new QueryError(
        `The pattern repeats a part that itself repeats (${nested}), which can make the search run for a very long time. Repeat only the inner part, e.g. (ab)+ instead of (a+b?)+.`,
      );
    }
    try {
      new RegExp(query, 'u');
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
      throw new QueryError(`"${query}" is not a valid regular expression: ${reason}.`);
    }
  } else {
    source = query.replace(REGEX_SYNTAX, '\\$&');
  }
  if (options.wholeWord) source = `(?<![\\p{L}\\p{N}\\p{M}_])(?:${source})(?![\\p{L}\\p{N}\\p{M}_])`;
  return new RegExp(source, options.caseSensitive ? 'gu' : 'giu');
}

/** The problem with a query, in words, or null when it can run: for checking as the researcher types. */
export function checkSearchPattern(query: string, options: TextSearchOptions = {}): string | null {
  try {
    compileSearchPattern(query, options);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ');

/** Searches the documents (in document order); throws a QueryError for a pattern that cannot run. */
export function searchText(index: QueryIndex, query: string, options: TextSearchOptions = {}): SearchResult {
  const pattern = compileSearchPattern(query, options);
  const maxHits = options.maxHits ?? 5000;
  const timeLimit = options.timeLimitMs ?? 2000;
  const context = Math.max(0, options.contextChars ?? 40);
  const only = options.documentIds ? new Set(options.documentIds) : undefined;
  const clock = options.clock ?? Date.now;
  const began = clock();
  const hits: SearchHit[] = [];
  let steps = 0;
  for (const documentId of index.documentOrder) {
    if (only && !only.has(documentId)) continue;
    const text = index.texts.get(documentId)?.text;
    if (!text) continue;
    const documentName = index.documents.get(documentId)!.name;
    const caseId = caseOf(index, documentId);
    const units = index.unitsOf(documentId);
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      if (++steps % 256 === 0 && clock() - began > timeLimit) {
        return { hits, truncated: true, stoppedBecause: `The search stopped after ${timeLimit / 1000} seconds; narrow it down to see every match.` };
      }
      if (m[0].length === 0) {
        // An empty match (e.g. of a*) finds nothing to show; step past it, by a whole character.
        const code = text.charCodeAt(pattern.lastIndex);
        pattern.lastIndex += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        continue;
      }
      if (hits.length >= maxHits) {
        return { hits, truncated: true, stoppedBecause: `Only the first ${maxHits} matches are shown.` };
      }
      const start = m.index;
      const end = start + m[0].length;
      const turnIndex = units.kind === 'turn' ? unitAt(units, start) : -1;
      const speaker = turnIndex >= 0 ? units.speakers[turnIndex] : undefined;
      hits.push({
        documentId,
        documentName,
        ...(caseId ? { caseId } : {}),
        start,
        end,
        offset: start,
        match: m[0],
        left: collapse(text.slice(Math.max(0, start - context), start)),
        right: collapse(text.slice(end, end + context)),
        turnIndex,
        ...(speaker !== undefined ? { speaker } : {}),
      });
    }
    if (clock() - began > timeLimit) {
      return { hits, truncated: true, stoppedBecause: `The search stopped after ${timeLimit / 1000} seconds; narrow it down to see every match.` };
    }
  }
  return { hits, truncated: false };
}

export interface HitsToCodingsOptions {
  codeId: Id;
  coderId: Id;
  /** What each coding covers: the match itself (default), its sentence, or its whole turn (the words, not the speaker label). */
  extent?: 'match' | 'sentence' | 'turn';
  /** Time stamp of the new codings. */
  now: number;
  /** Makes the id of each new coding. */
  newId: () => Id;
}

export interface HitsToCodingsResult {
  codings: CodingRecord[];
  /** Hits whose range was already coded with this code by this coder, or that repeat another hit's range. */
  skipped: number;
}

function sentenceAround(text: string, from: number, to: number, start: number, end: number): [number, number] {
  let s = start;
  while (s > from && !/[.!?…]/.test(text[s - 1]!)) s--;
  while (s < start && /\s/.test(text[s]!)) s++;
  let e = end;
  while (e < to && !/[.!?…]/.test(text[e - 1] ?? '')) e++;
  return [s, Math.max(e, end)];
}

/**
 * The codings to add for chosen hits (the app applies them as one undoable command). Ranges already coded with the
 * same code by the same coder, and repeats, are skipped.
 */
export function hitsToCodings(index: QueryIndex, hits: readonly SearchHit[], options: HitsToCodingsOptions): HitsToCodingsResult {
  if (!index.codes.has(options.codeId)) throw new QueryError(`The code with id ${options.codeId} is not in the codebook (it may have been deleted).`);
  if (!index.coders.has(options.coderId)) throw new QueryError(`The coder with id ${options.coderId} is not in this project.`);
  const extent = options.extent ?? 'match';
  const seen = new Set<string>();
  for (const c of index.codingsByCode.get(options.codeId) ?? []) {
    if (c.coderId === options.coderId) seen.add(`${c.documentId}|${c.start}|${c.end}`);
  }
  const codings: CodingRecord[] = [];
  let skipped = 0;
  for (const hit of hits) {
    const text = index.texts.get(hit.documentId)?.text;
    if (text === undefined || hit.start < 0 || hit.end > text.length || hit.start >= hit.end) {
      throw new QueryError(`A search hit points outside its document (${hit.documentName}, ${hit.start}-${hit.end}); search again, the text may have changed.`);
    }
    let start = hit.start;
    let end = hit.end;
    if (extent !== 'match') {
      const units = index.unitsOf(hit.documentId);
      const u = unitAt(units, hit.start);
      const from = u >= 0 ? units.contentStarts[u]! : 0;
      const to = u >= 0 ? units.ends[u]! : text.length;
      if (extent === 'turn' && u >= 0) {
        start = Math.min(from, hit.start);
        end = Math.max(to, hit.end);
      } else if (extent === 'sentence') {
        [start, end] = sentenceAround(text, Math.min(from, hit.start), Math.max(to, hit.end), hit.start, hit.end);
      }
    }
    const key = `${hit.documentId}|${start}|${end}`;
    if (seen.has(key)) {
      skipped++;
      continue;
    }
    seen.add(key);
    codings.push({ id: options.newId(), documentId: hit.documentId, codeId: options.codeId, coderId: options.coderId, start, end, createdAt: options.now });
  }
  return { codings, skipped };
}

export function searchHitsToTable(hits: readonly SearchHit[]): Table {
  return {
    columns: ['Document', 'Speaker', 'Offset', 'Left context', 'Match', 'Right context'],
    rows: hits.map((h) => [h.documentName, h.speaker ?? null, h.offset, h.left, h.match, h.right]),
  };
}
