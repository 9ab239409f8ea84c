import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OMISSION, trimQuote } from '../../../shared/report/quote-text';
import { isFaithfulQuote } from './helpers';

describe('the test oracle isFaithfulQuote', () => {
  it('accepts the text, or a prefix and suffix cut at white space, and nothing else', () => {
    expect(isFaithfulQuote('one two three', ' one two three\n')).toBe(true);
    expect(isFaithfulQuote('one … three', 'one two three')).toBe(true);
    expect(isFaithfulQuote('on … three', 'one two three')).toBe(false);
    expect(isFaithfulQuote('one … hree', 'one two three')).toBe(false);
    expect(isFaithfulQuote('one two … three', 'one two three')).toBe(false);
    expect(isFaithfulQuote('one, two three', 'one two three')).toBe(false);
    expect(isFaithfulQuote('well … yes … no', 'well … yes I mean no')).toBe(true);
  });
});

describe('trimQuote', () => {
  it('leaves an extract within the limit exactly as coded (outer white space aside)', () => {
    expect(trimQuote('  She asked for contact on a Saturday.\n', 100)).toEqual({ text: 'She asked for contact on a Saturday.', trimmed: false });
    expect(trimQuote('exactly ten', 11)).toEqual({ text: 'exactly ten', trimmed: false });
  });

  it('keeps the beginning and the end, cut between words (worked by hand)', () => {
    // 48 characters, limit 20: 17 left after " … ", 11 for the head ("one two" ends at 7; "one two three" would be 13)
    // and 6 for the tail (the last word starting in the final 6 characters is "ten").
    const text = 'one two three four five six seven eight nine ten';
    expect(text.length).toBe(48);
    expect(trimQuote(text, 20)).toEqual({ text: 'one two … ten', trimmed: true });
  });

  it('prefers to end the head at the end of a sentence', () => {
    const text = 'We met the day before. She read the form with me and then we talked about what she wanted to say first.';
    const { text: out, trimmed } = trimQuote(text, 50);
    expect(trimmed).toBe(true);
    expect(out.startsWith(`We met the day before.${OMISSION}`)).toBe(true);
    expect(isFaithfulQuote(out, text)).toBe(true);
  });

  it('does not end the head on a lone dash', () => {
    const text = 'it is full of — “delegated authority”, “contact arrangements” — and she just went completely white in the face';
    const { text: out } = trimQuote(text, 40);
    expect(out.split(OMISSION)[0]).toBe('it is full of');
  });

  it('never cuts inside a word, even a very long one', () => {
    const word = 'x'.repeat(80);
    expect(trimQuote(word, 20)).toEqual({ text: word, trimmed: false });
    const out = trimQuote(`${word} and the rest of it goes on for a while`, 30);
    expect(isFaithfulQuote(out.text, `${word} and the rest of it goes on for a while`)).toBe(true);
  });

  it('keeps astral characters whole (cuts only at white space)', () => {
    const text = 'Honestly 😀 it was the first time 𝒳 the school and the health visitor sat together 😀 at last';
    const out = trimQuote(text, 40);
    expect(out.trimmed).toBe(true);
    expect(isFaithfulQuote(out.text, text)).toBe(true);
    expect(out.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('always gives the coded text or a faithful prefix … suffix of it, near the limit (property)', () => {
    const word = fc.array(fc.constantFrom('a', 'B', 'é', 'ü', '’', ',', '.', '!', '?', '😀', '—'), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
    const space = fc.constantFrom(' ', '  ', '\n', '\n\n');
    const textArb = fc.array(fc.tuple(word, space), { minLength: 1, maxLength: 60 }).map((parts) => parts.map(([w, s]) => w + s).join('').trim());
    fc.assert(
      fc.property(textArb, fc.integer({ min: 10, max: 300 }), (text, limit) => {
        const out = trimQuote(text, limit);
        expect(isFaithfulQuote(out.text, text)).toBe(true);
        expect(out.trimmed).toBe(out.text !== text.trim());
        if (out.trimmed) expect(out.text.length).toBeLessThan(text.trim().length);
      }),
      { numRuns: 400 },
    );
  });

  it('stays within the limit when the words are of ordinary length (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}[,.]?$/);
    const textArb = fc.array(word, { minLength: 1, maxLength: 80 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(textArb, fc.integer({ min: 30, max: 300 }), (text, limit) => {
        const out = trimQuote(text, limit);
        expect(out.text.length).toBeLessThanOrEqual(Math.max(limit, 0));
        expect(isFaithfulQuote(out.text, text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
