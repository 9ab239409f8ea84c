import { describe, expect, it } from 'vitest';
import { matchesAll, matchRanges, searchTerms, snippet } from '../../../renderer/views/memos/memo-search';

describe('memo search', () => {
  it('splits a query into distinct words, longest first', () => {
    expect(searchTerms('  the  parents the chair ')).toEqual(['parents', 'chair', 'the']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('finds every word in any case and merges overlaps', () => {
    const text = 'Parents and the parent group; PARENTS again.';
    expect(matchRanges(text, searchTerms('parent'))).toEqual([
      { start: 0, end: 6 },
      { start: 16, end: 22 },
      { start: 30, end: 36 },
    ]);
    // "parents" and "rent" overlap in the same place: one range covering both.
    expect(matchRanges('parents', ['parents', 'rent'])).toEqual([{ start: 0, end: 7 }]);
  });

  it('gives offsets into the original text even where lower-casing changes its length', () => {
    // "İ" lower-cases to two code units; the match of "met" must still start at 6.
    const text = 'İİİİİ met';
    expect(text.toLowerCase().length).toBe(text.length + 5);
    expect(matchRanges(text, ['met'])).toEqual([{ start: 6, end: 9 }]);
  });

  it('treats the words as text, not as patterns', () => {
    expect(matchRanges('Costs (in £) rose by 3.5%', ['(in', '3.5%'])).toEqual([
      { start: 6, end: 9 },
      { start: 21, end: 25 },
    ]);
    expect(matchRanges('3x5', ['3.5'])).toEqual([]);
  });

  it('requires every word somewhere in the title or the text', () => {
    expect(matchesAll(['First read-through', 'parents as absent'], ['read', 'ABSENT'])).toBe(true);
    expect(matchesAll(['First read-through', 'parents as absent'], ['read', 'police'])).toBe(false);
  });

  it('cuts a snippet around the first match with ellipses and the matches inside it', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[40] = 'chair';
    const text = words.join(' ');
    const s = snippet(text, ['chair'], 60);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.ranges).toHaveLength(1);
    const [range] = s.ranges;
    expect(s.text.slice(range!.start, range!.end)).toBe('chair');
    // Cut at spaces: no broken word at either end.
    expect(s.text.slice(1, -1).split(' ').every((w) => /^(w\d+|chair)$/.test(w))).toBe(true);
  });

  it('shows the beginning when the match is already near it, and joins lines', () => {
    expect(snippet('The chair\nspoke first.', ['chair'])).toEqual({ text: 'The chair spoke first.', ranges: [{ start: 4, end: 9 }] });
    expect(snippet('', ['chair'])).toEqual({ text: '', ranges: [] });
  });
});
