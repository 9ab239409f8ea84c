/**
 * Finding the table's terms in text: whole words only, longest term first, with the small differences real
 * transcripts have (line breaks or double spaces inside a name, ’ or ' in "St Aidan’s", spaces in phone numbers).
 */
import { cleanTerm, type PseudonymEntry } from './table';

/** Letters, digits and combining marks: a term must not sit inside a longer word or number. */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';

const escape = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** True when a term is written like a number (a phone, NHS or case number): its separators may vary in the text. */
function isNumberLike(term: string): boolean {
  return /^[\d\s()+./-]+$/.test(term) && (term.match(/\d/g)?.length ?? 0) >= 6;
}

/** The regular expression source that finds a term as a whole word (flags: g, u, and i unless case-sensitive). */
export function termSource(term: string): string {
  const clean = cleanTerm(term);
  let body: string;
  if (isNumberLike(clean)) {
    // 07700 900412 is also written 07700900412, 07700-900-412 or +44 7700 900412; 03/03/2019 also 03.03.2019.
    const digits = clean.replace(/\D/g, '');
    const separator = '[\\s()./-]{0,2}';
    const rest = (from: number): string => [...digits.slice(from)].join(separator);
    if (/^0\d{9,10}$/.test(digits)) body = `(?:\\(?0|\\+?44${separator}(?:\\(0\\)${separator})?)${separator}${rest(1)}`;
    else if (clean.startsWith('+')) body = `\\+?${rest(0)}`;
    else body = rest(0);
  } else {
    body = '';
    for (const ch of clean) {
      if (ch === ' ') body += '\\s+';
      else if (ch === "'" || ch === '’' || ch === '‘') body += "['’‘]";
      else if (ch === '-' || ch === '‐' || ch === '‑') body += '[-‐‑]';
      else body += escape(ch);
    }
  }
  return `(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`;
}

export function termPattern(term: string, caseSensitive: boolean): RegExp {
  return new RegExp(termSource(term), caseSensitive ? 'gu' : 'giu');
}

/** One place a term was found. */
export interface TermMatch {
  start: number;
  end: number;
  entry: PseudonymEntry;
}

/** The table ordered as replacement uses it: longest term first (then alphabetically, so the order is stable). */
export function longestFirst(entries: readonly PseudonymEntry[]): PseudonymEntry[] {
  return [...entries].sort((a, b) => b.term.length - a.term.length || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/** Compiled patterns for a table, so long texts and many fields are scanned without rebuilding them. */
export class TermMatcher {
  private readonly compiled: { entry: PseudonymEntry; pattern: RegExp }[];

  constructor(entries: readonly PseudonymEntry[], defaultCaseSensitive = false) {
    this.compiled = longestFirst(entries).map((entry) => ({
      entry,
      pattern: termPattern(entry.term, entry.caseSensitive ?? defaultCaseSensitive),
    }));
  }

  /**
   * Every whole-word occurrence of a term, not overlapping, in text order. Longer terms claim their text first, so
   * "Marsh Lane Primary" is one match, not "Marsh" and then the rest.
   */
  find(text: string): TermMatch[] {
    if (!text) return [];
    const claimed: { start: number; end: number }[] = [];
    const overlaps = (start: number, end: number): boolean => claimed.some((c) => c.start < end && start < c.end);
    const matches: TermMatch[] = [];
    for (const { entry, pattern } of this.compiled) {
      pattern.lastIndex = 0;
      for (const m of text.matchAll(pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (end === start || overlaps(start, end)) continue;
        claimed.push({ start, end });
        matches.push({ start, end, entry });
      }
    }
    return matches.sort((a, b) => a.start - b.start);
  }

  /** The text with every term replaced, and what was found. */
  replace(text: string): { text: string; matches: TermMatch[] } {
    const matches = this.find(text);
    if (matches.length === 0) return { text, matches };
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += text.slice(at, m.start) + m.entry.replacement;
      at = m.end;
    }
    return { text: out + text.slice(at), matches };
  }
}
