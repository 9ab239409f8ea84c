import { describe, expect, it } from 'vitest';
import { countWords, hashText, normaliseText } from '../../shared/text/normalise';

describe('normaliseText', () => {
  it('removes the BOM, unifies line ends and composes to NFC', () => {
    expect(normaliseText('\ufeffa\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normaliseText('Cafe\u0301')).toBe('Café');
    expect(normaliseText('Cafe\u0301').length).toBe(4);
  });
  it('is idempotent', () => {
    const once = normaliseText('\ufeffx\r\n\u0065\u0301');
    expect(normaliseText(once)).toBe(once);
  });
});

describe('countWords and hashText', () => {
  it('counts words with apostrophes and hyphens as one', () => {
    expect(countWords("It's a multi-agency meeting, isn't it?")).toBe(6);
    expect(countWords('')).toBe(0);
  });
  it('hashes UTF-8 with SHA-256', async () => {
    expect(await hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
