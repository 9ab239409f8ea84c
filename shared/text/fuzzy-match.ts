/**
 * Fuzzy matching for the code palette: the query's characters must appear in order in the name; matches at the
 * start of words and consecutive runs score higher, so "pfl" finds "Parents feel listened to" first.
 * Returns null when the name does not match at all.
 */
export function fuzzyScore(query: string, name: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const n = name.toLowerCase();
  const direct = n.indexOf(q);
  if (direct !== -1) return 1000 - direct * 2 - (n.length - q.length) * 0.1 + (direct === 0 || /\W/.test(n[direct - 1]!) ? 200 : 0);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = n.indexOf(ch, from);
    if (at === -1) return null;
    const wordStart = at === 0 || /[\s/_\-–(]/.test(n[at - 1]!);
    score += wordStart ? 10 : 1;
    if (at === previous + 1) score += 5;
    previous = at;
    from = at + 1;
  }
  return score - n.length * 0.05;
}

/** Items whose name matches, best first (ties keep their given order). */
export function fuzzyFilter<T>(query: string, items: readonly T[], nameOf: (item: T) => string, limit = Infinity): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, nameOf(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
