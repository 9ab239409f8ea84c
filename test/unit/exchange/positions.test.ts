import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  detectUnit,
  isWordBoundary,
  storedToFileConverter,
  TextPositionMap,
  type FilePositions,
} from '../../../shared/exchange/positions';
import { normaliseText } from '../../../shared/text/normalise';

describe('TextPositionMap', () => {
  // File text: a, 😀 (two UTF-16 units, one code point), b, CR, LF, c.
  const file = 'a😀b\r\nc';
  const map = new TextPositionMap(file);

  it('stores the normalised text', () => {
    expect(map.text).toBe('a😀b\nc');
    expect(map.exact).toBe(true);
  });

  it('measures the text in every unit (counted by hand)', () => {
    expect(map.length('codepoints')).toBe(6); // a 😀 b CR LF c
    expect(map.length('utf16')).toBe(7); // a, 2 for 😀, b, CR, LF, c
    expect(map.length('codepoints-lf')).toBe(5); // CRLF counted once
    expect(map.length('utf16-lf')).toBe(6);
  });

  it('maps positions of each unit to stored offsets', () => {
    // "c" starts at stored offset 5 (a=0, 😀=1..2, b=3, \n=4).
    expect(map.toStored(5, 'codepoints', 'start')).toEqual({ offset: 5, exact: true });
    expect(map.toStored(6, 'utf16', 'start')).toEqual({ offset: 5, exact: true });
    expect(map.toStored(4, 'codepoints-lf', 'start')).toEqual({ offset: 5, exact: true });
    expect(map.toStored(5, 'utf16-lf', 'start')).toEqual({ offset: 5, exact: true });
    // "b" is code point 2 but UTF-16 unit 3.
    expect(map.toStored(2, 'codepoints', 'start')).toEqual({ offset: 3, exact: true });
    expect(map.toStored(3, 'utf16', 'start')).toEqual({ offset: 3, exact: true });
  });

  it('snaps positions that fall inside a character or between CR and LF outwards, and says so', () => {
    // UTF-16 position 2 is inside the surrogate pair of 😀.
    expect(map.toStored(2, 'utf16', 'start')).toEqual({ offset: 1, exact: false });
    expect(map.toStored(2, 'utf16', 'end')).toEqual({ offset: 3, exact: false });
    // UTF-16 position 5 is between CR and LF.
    expect(map.toStored(5, 'utf16', 'start')).toEqual({ offset: 4, exact: false });
    expect(map.toStored(5, 'utf16', 'end')).toEqual({ offset: 5, exact: false });
  });

  it('refuses positions outside the text', () => {
    expect(map.toStored(7, 'codepoints', 'end')).toBeUndefined();
    expect(map.toStored(-1, 'utf16', 'start')).toBeUndefined();
    expect(map.toStored(1.5, 'utf16', 'start')).toBeUndefined();
    expect(map.toStored(7, 'utf16', 'end')).toEqual({ offset: 6, exact: true });
  });

  it('does not count a BOM', () => {
    const withBom = new TextPositionMap('\ufeffab');
    expect(withBom.text).toBe('ab');
    expect(withBom.length('codepoints')).toBe(2);
    expect(withBom.toStored(1, 'codepoints', 'start')).toEqual({ offset: 1, exact: true });
  });

  it('maps through NFC composition: a decomposed accent is two code points in the file, one unit stored', () => {
    const decomposed = new TextPositionMap('Zoe\u0308 ok');
    expect(decomposed.text).toBe('Zoë ok');
    expect(decomposed.length('codepoints')).toBe(7);
    // "ok" starts at code point 5 in the file, offset 4 stored.
    expect(decomposed.toStored(5, 'codepoints', 'start')).toEqual({ offset: 4, exact: true });
    // Between e and its diaeresis: not a character boundary.
    expect(decomposed.toStored(3, 'codepoints', 'start')).toEqual({ offset: 2, exact: false });
  });

  it('treats a lone CR as a line end', () => {
    const cr = new TextPositionMap('a\rb');
    expect(cr.text).toBe('a\nb');
    expect(cr.toStored(2, 'utf16', 'start')).toEqual({ offset: 2, exact: true });
  });

  it('agrees with normaliseText on any text (property)', () => {
    const pieces = ['a', 'Z', ' ', 'é', 'e\u0301', '\u0301', '😀', '𝒳', '\r\n', '\n', '\r', '\ufeff', 'ő', 'ᄀ', 'ᅡ', '각'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const raw = parts.join('');
        const m = new TextPositionMap(raw);
        expect(m.text).toBe(normaliseText(raw));
        expect(m.exact).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('storedToFileConverter', () => {
  it('counts code points for the standard (by hand)', () => {
    const text = 'a😀b\nc';
    const toFile = storedToFileConverter(text, 'codepoints');
    expect([0, 1, 3, 4, 5, 6].map(toFile)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('counts UTF-16 units with a CR before every line end for NVivo (by hand)', () => {
    const text = 'a😀b\nc\n';
    const toFile = storedToFileConverter(text, 'utf16');
    expect([0, 1, 3, 4, 5, 6, 7].map(toFile)).toEqual([0, 1, 3, 4, 6, 7, 9]);
  });

  it('is read back exactly by TextPositionMap (property, both units)', () => {
    const pieces = ['a', 'b ', 'é', '😀', '𝒳', '\n', 'ő', ' ', '日本'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }), fc.nat(), (parts, seed) => {
        const text = normaliseText(parts.join(''));
        // A character boundary of the stored text.
        const boundaries = [0];
        for (const ch of text) boundaries.push(boundaries[boundaries.length - 1]! + ch.length);
        const offset = boundaries[seed % boundaries.length]!;
        const asWritten = new TextPositionMap(text);
        expect(asWritten.toStored(storedToFileConverter(text, 'codepoints')(offset), 'codepoints', 'start')).toEqual({ offset, exact: true });
        const nvivo = new TextPositionMap(`\ufeff${text.replace(/\n/g, '\r\n')}`);
        expect(nvivo.toStored(storedToFileConverter(text, 'utf16')(offset), 'utf16', 'start')).toEqual({ offset, exact: true });
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectUnit', () => {
  // Lines with emoji before the words, so code points, UTF-16 units and CR counting all differ.
  const lines = Array.from({ length: 12 }, (_, i) => `😀😀 Speaker ${i}: we talked about the plan 𝒳 and the family`);
  const fileText = lines.join('\r\n');
  const stored = normaliseText(fileText);
  const map = new TextPositionMap(fileText);
  const phrases = ['talked about', 'the plan', 'family'];

  /** Selections of the phrases, counted in the file the way a tool would count them. */
  function selections(count: (prefix: string) => number): FilePositions[] {
    const out: FilePositions[] = [];
    let from = 0;
    for (let line = 0; line < lines.length; line++) {
      for (const phrase of phrases) {
        const at = fileText.indexOf(phrase, from);
        out.push({ start: count(fileText.slice(0, at)), end: count(fileText.slice(0, at + phrase.length)) });
      }
      from = fileText.indexOf('\r\n', from + 1) + 2;
    }
    return out;
  }
  const utf16 = (s: string): number => s.length;
  const codepoints = (s: string): number => [...s].length;

  it('recognises NVivo positions (UTF-16, CR counted)', () => {
    const d = detectUnit([{ map, selections: selections(utf16) }]);
    expect(d.unit).toBe('utf16');
    expect(d.doubt).toBeUndefined();
    expect(d.scores[0]!.onWordBoundary).toBe(12 * 3 * 2);
  });

  it('recognises the standard (code points, CR counted)', () => {
    const d = detectUnit([{ map, selections: selections(codepoints) }]);
    expect(d.unit).toBe('codepoints');
    expect(d.doubt).toBeUndefined();
  });

  it('recognises code points with CRLF counted once', () => {
    const d = detectUnit([{ map, selections: selections((s) => codepoints(s.replace(/\r\n/g, '\n'))) }]);
    expect(d.unit).toBe('codepoints-lf');
  });

  it('places the quoted words where they are under the chosen unit', () => {
    const sels = selections(utf16);
    const d = detectUnit([{ map, selections: sels }]);
    const first = sels[0]!;
    const a = map.toStored(first.start, d.unit, 'start')!.offset;
    const b = map.toStored(first.end, d.unit, 'end')!.offset;
    expect(stored.slice(a, b)).toBe('talked about');
  });

  it('reports doubt when no unit puts the selections between words', () => {
    // Every selection starts and ends inside a word under every reading.
    const mid = stored.indexOf('talked') + 2;
    const d = detectUnit([{ map, selections: [{ start: mid, end: mid + 3 }] }]);
    expect(d.doubt).toMatch(/misplaced/);
  });

  it('reports when all readings put a selection outside the text', () => {
    const d = detectUnit([{ map, selections: [{ start: 5, end: fileText.length + 10 }] }]);
    expect(d.outOfRange).toBe(true);
  });

  it('does not report doubt when readings differ only where nothing was selected', () => {
    const plain = new TextPositionMap('plain words only');
    const d = detectUnit([{ map: plain, selections: [{ start: 6, end: 11 }] }]);
    expect(d.unit).toBe('codepoints');
    expect(d.doubt).toBeUndefined();
  });
});

describe('isWordBoundary', () => {
  it('tells a cut between words from a cut inside one', () => {
    expect(isWordBoundary('két oltást', 3)).toBe(true);
    expect(isWordBoundary('két oltást', 6)).toBe(false);
    expect(isWordBoundary('két oltást', 0)).toBe(true);
    expect(isWordBoundary('két oltást', 10)).toBe(true);
    expect(isWordBoundary('a😀b', 1)).toBe(true);
  });
});
