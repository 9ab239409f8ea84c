import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../shared/text/normalise';

/** The definition: runs of letters and digits, continued by apostrophes and hyphens. */
const byPattern = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;

describe('countWords', () => {
  it('counts words as a reader does', () => {
    expect(countWords('')).toBe(0);
    expect(countWords("The child's view wasn't heard — Ms O’Brien said 'we'll see'.")).toBe(10);
    expect(countWords('A well-known, long-standing 3-way meeting')).toBe(5);
    expect(countWords('Élodie, naïve café; δοκιμή 日本語 😀 – -- ’')).toBe(5);
  });

  it('agrees with the pattern on any text of letters, digits, marks, punctuation, emoji and space (property)', () => {
    const pieces = ['a', 'Z', '7', "'", '’', '-', ' ', '\n', ',', '—', 'é', 'e\u0301', 'ß', 'δ', '日', '١', '😀', '𝒳', '\u200b', '\ud800'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(countWords(text)).toBe(byPattern(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(countWords(text)).toBe(byPattern(text));
      }),
      { numRuns: 2000 },
    );
  });
});
