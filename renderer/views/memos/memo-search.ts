/**
 * Searching memos: every word of the query must appear (in any order, any case) in the title or the text.
 * Matching uses case-insensitive regular expressions rather than lower-casing the text, so the offsets found are
 * offsets into the original string (lower-casing can change a string's length, e.g. "İ").
 */

export interface TextRange {
  start: number;
  end: number;
}

/** The query's words, longest first so a longer word wins where two overlap. */
export function searchTerms(query: string): string[] {
  const words = query.trim().split(/\s+/u).filter(Boolean);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every place a term occurs in the text, sorted, overlapping occurrences merged. */
export function matchRanges(text: string, terms: readonly string[]): TextRange[] {
  if (terms.length === 0 || !text) return [];
  const pattern = new RegExp(terms.map(escape).join('|'), 'giu');
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const last = ranges.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else ranges.push({ start, end });
  }
  return ranges;
}

/** True when each term occurs in at least one of the texts. */
export function matchesAll(texts: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => {
    const pattern = new RegExp(escape(term), 'iu');
    return texts.some((text) => pattern.test(text));
  });
}

export interface Snippet {
  text: string;
  /** Matches within `text`. */
  ranges: TextRange[];
}

/**
 * A short excerpt of the text around its first match (or its beginning when nothing matches), cut at word
 * boundaries, with an ellipsis where it was cut and the matches inside it.
 */
export function snippet(text: string, terms: readonly string[], length = 140): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const all = matchRanges(flat, terms);
  const first = all[0];
  let from = 0;
  if (first && first.end > length * 0.7) {
    from = Math.max(0, first.start - Math.floor(length * 0.3));
    const space = flat.lastIndexOf(' ', from);
    from = space > 0 && from - space < 20 ? space + 1 : from;
  }
  let to = Math.min(flat.length, from + length);
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to);
    if (space > from + length * 0.6) to = space;
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < flat.length ? '…' : '';
  const body = flat.slice(from, to);
  const ranges = all
    .filter((r) => r.end > from && r.start < to)
    .map((r) => ({ start: Math.max(r.start, from) - from + prefix.length, end: Math.min(r.end, to) - from + prefix.length }));
  return { text: `${prefix}${body}${suffix}`, ranges };
}
