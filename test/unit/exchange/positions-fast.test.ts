/**
 * TextPositionMap keeps runs of simple characters as one segment and storedToFileConverter keeps only the places
 * where the units differ. These tests compare both with the character-by-character definitions they replace
 * (written out below as the reference), on texts full of what makes positions hard: astral characters, CRLF, lone
 * CR, combining marks, Hangul jamo, characters NFC replaces, lone surrogates, BOMs, and the punctuation that takes
 * the fast path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { POSITION_UNITS, storedToFileConverter, TextPositionMap, type PositionUnit } from '../../../shared/exchange/positions';
import { normaliseText } from '../../../shared/text/normalise';

// ----- the reference: one piece per character, as the map was first defined ------------------------------------

const UNIT_INDEX: Record<PositionUnit, number> = { codepoints: 0, 'codepoints-lf': 1, utf16: 2, 'utf16-lf': 3 };

function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function combinesWithPrevious(raw: string, i: number, j: number): boolean {
  if (raw.charCodeAt(j) < 0x300) return false;
  const next = raw.slice(j, j + charLength(raw, j));
  if (/^\p{M}/u.test(next)) return true;
  const before = raw.slice(i, j);
  return (before + next).normalize('NFC') !== before.normalize('NFC') + next.normalize('NFC');
}

class ReferenceMap {
  readonly text: string;
  readonly exact: boolean;
  readonly pieces: number;
  private readonly starts: number[][] = [[], [], [], []];
  private readonly stored: number[] = [];

  constructor(fileText: string) {
    const raw = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
    const pos = [0, 0, 0, 0];
    let storedPos = 0;
    const out: string[] = [];
    const push = (piece: string, cps: number, units: number, cpsLf: number, unitsLf: number): void => {
      pos.forEach((p, k) => this.starts[k]!.push(p));
      this.stored.push(storedPos);
      pos[0]! += cps;
      pos[1]! += cpsLf;
      pos[2]! += units;
      pos[3]! += unitsLf;
      out.push(piece);
      storedPos += piece.length;
    };
    let i = 0;
    while (i < raw.length) {
      const c = raw.charCodeAt(i);
      if (c === 0x0d) {
        const crlf = raw.charCodeAt(i + 1) === 0x0a;
        push('\n', crlf ? 2 : 1, crlf ? 2 : 1, 1, 1);
        i += crlf ? 2 : 1;
        continue;
      }
      if (c === 0x0a) {
        push('\n', 1, 1, 1, 1);
        i += 1;
        continue;
      }
      let j = i + charLength(raw, i);
      while (j < raw.length && combinesWithPrevious(raw, i, j)) j += charLength(raw, j);
      const slice = raw.slice(i, j);
      const cps = [...slice].length;
      push(slice.normalize('NFC'), cps, slice.length, cps, slice.length);
      i = j;
    }
    this.pieces = this.stored.length;
    pos.forEach((p, k) => this.starts[k]!.push(p));
    this.stored.push(storedPos);
    this.text = normaliseText(fileText);
    this.exact = out.join('') === this.text;
  }

  length(unit: PositionUnit): number {
    const a = this.starts[UNIT_INDEX[unit]]!;
    return a[a.length - 1]!;
  }

  toStored(position: number, unit: PositionUnit, side: 'start' | 'end'): { offset: number; exact: boolean } | undefined {
    const a = this.starts[UNIT_INDEX[unit]]!;
    if (!Number.isInteger(position) || position < 0 || position > a[a.length - 1]!) return undefined;
    let lo = 0;
    while (lo + 1 < a.length && a[lo + 1]! <= position) lo += 1;
    if (a[lo] === position) {
      let k = lo;
      if (side === 'start') while (k > 0 && a[k - 1] === position) k -= 1;
      return { offset: Math.min(this.stored[k]!, this.text.length), exact: true };
    }
    return { offset: Math.min(this.stored[side === 'start' ? lo : lo + 1]!, this.text.length), exact: false };
  }

  fromStored(offset: number, unit: PositionUnit, side: 'start' | 'end'): number {
    const s = this.stored;
    const a = this.starts[UNIT_INDEX[unit]]!;
    if (offset <= 0) return 0;
    if (offset >= s[s.length - 1]!) return a[a.length - 1]!;
    let lo = 0;
    while (lo + 1 < s.length && s[lo + 1]! <= offset) lo += 1;
    if (s[lo] === offset) return a[lo]!;
    return side === 'start' ? a[lo]! : a[lo + 1]!;
  }
}

function referenceToFile(text: string, unit: 'codepoints' | 'utf16', offset: number): number {
  const o = Math.max(0, Math.min(text.length, offset));
  let extra = 0;
  for (let i = 0; i < o; i++) {
    const c = text.charCodeAt(i);
    if (unit === 'codepoints') {
      const h = text.charCodeAt(i - 1);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0 && h >= 0xd800 && h <= 0xdbff) extra -= 1;
    } else if (c === 0x0a) extra += 1;
  }
  return o + extra;
}

// ----- comparison -----------------------------------------------------------------------------------------------

/** Every answer the map gives, for every position of every unit and every stored offset, both sides. */
function expectSameAsReference(fileText: string): void {
  const fast = new TextPositionMap(fileText);
  const slow = new ReferenceMap(fileText);
  expect(fast.text).toBe(slow.text);
  expect(fast.exact).toBe(slow.exact);
  expect(fast.pieces).toBe(slow.pieces);
  for (const unit of POSITION_UNITS) {
    expect(fast.length(unit)).toBe(slow.length(unit));
    for (let p = -1; p <= slow.length(unit) + 1; p++) {
      for (const side of ['start', 'end'] as const) {
        expect(fast.toStored(p, unit, side), `${unit} ${side} ${p} of ${JSON.stringify(fileText)}`).toEqual(slow.toStored(p, unit, side));
      }
    }
    for (let o = -1; o <= slow.text.length + 1; o++) {
      for (const side of ['start', 'end'] as const) {
        expect(fast.fromStored(o, unit, side), `${unit} ${side} ${o} of ${JSON.stringify(fileText)}`).toBe(slow.fromStored(o, unit, side));
      }
    }
  }
}

/** Pieces of text that make positions hard, and plain ones between them. */
const TRICKY = [
  'a', 'Zoe', ' the plan ', '\n', '\r\n', '\r', '\r\r\n', '\ufeff', '😀', '𝒳', '👍🏽', '👨‍👩‍👧',
  'e\u0301', '\u0301', '\u0308\u0301', 'é', 'ő', 'ᄀ', 'ᅡ', 'ᆨ', '각', '\u212b', '\u2126', '\u0340', '\u0344',
  '\ud83d', '\ude00', '\u2019', '\u201c', '\u2026', '\u2014', '\u2010', '\u2027', '\u2028', '\u202f', '\u2030',
  '\u205e', '\u205f', '\u200f', '\u02ff', '\u0300', '\u00e9', 'ﬁ', '日本', 'ा', 'க\u0bbe', '\u0b47\u0b3e',
];

describe('TextPositionMap (runs of simple characters)', () => {
  it('answers exactly as the character-by-character map on tricky texts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 30 }), (parts) => expectSameAsReference(parts.join(''))),
      { numRuns: 400 },
    );
  });

  it('answers exactly as the character-by-character map on arbitrary UTF-16 text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => expectSameAsReference(text)),
      { numRuns: 300 },
    );
  });

  it('answers exactly as the reference for every fast character alone, between letters and before a mark', () => {
    const fastChars: string[] = [];
    for (let c = 0; c < 0x300; c++) fastChars.push(String.fromCharCode(c));
    for (let c = 0x2008; c <= 0x2060; c++) fastChars.push(String.fromCharCode(c));
    for (const c of fastChars) {
      expectSameAsReference(`${c}`);
      expectSameAsReference(`ab${c}cd`);
      expectSameAsReference(`a${c}\u0301b\r\n${c}`);
    }
  });

  it('cuts every UTF-16 unit into the same pieces as the reference, after a letter and before one', () => {
    const differing: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      for (const text of [`a${String.fromCharCode(c)}`, `${String.fromCharCode(c)}b`]) {
        const fast = new TextPositionMap(text);
        const slow = new ReferenceMap(text);
        if (fast.pieces !== slow.pieces || fast.exact !== slow.exact || fast.length('utf16') !== slow.length('utf16')) {
          differing.push(c.toString(16));
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('relies on facts of Unicode: the fast punctuation is stable under NFC and composes with no character before it', () => {
    const punctuation: string[] = [];
    for (let c = 0x2010; c <= 0x2027; c++) punctuation.push(String.fromCharCode(c));
    for (let c = 0x2030; c <= 0x205e; c++) punctuation.push(String.fromCharCode(c));
    let composing = 0;
    for (const p of punctuation) {
      expect(p.normalize('NFC')).toBe(p);
      expect(/\p{M}/u.test(p)).toBe(false);
    }
    for (let x = 0; x < 0x10000; x++) {
      if (x >= 0xd800 && x <= 0xdfff) continue;
      const before = String.fromCharCode(x);
      const alone = before.normalize('NFC');
      for (const p of punctuation) if ((before + p).normalize('NFC') !== alone + p) composing += 1;
    }
    expect(composing).toBe(0);
  });

  it('keeps a long plain text in a handful of segments yet maps every position (by hand)', () => {
    // 10,000 plain characters, a CRLF, then "é" written decomposed, then plain text again.
    const file = `${'x'.repeat(10_000)}\r\ne\u0301${'y'.repeat(5)}`;
    const map = new TextPositionMap(file);
    expect(map.text).toBe(`${'x'.repeat(10_000)}\né${'y'.repeat(5)}`);
    expect(map.length('codepoints')).toBe(10_009);
    expect(map.length('codepoints-lf')).toBe(10_008);
    expect(map.toStored(9_999, 'codepoints', 'start')).toEqual({ offset: 9_999, exact: true });
    expect(map.toStored(10_001, 'utf16', 'start')).toEqual({ offset: 10_000, exact: false });
    expect(map.toStored(10_002, 'utf16', 'start')).toEqual({ offset: 10_001, exact: true });
    // Between e and its accent.
    expect(map.toStored(10_003, 'utf16', 'end')).toEqual({ offset: 10_002, exact: false });
    expect(map.toStored(10_006, 'utf16', 'end')).toEqual({ offset: 10_004, exact: true });
    expect(map.fromStored(10_004, 'utf16')).toBe(10_006);
    expect(map.fromStored(10_004, 'utf16-lf')).toBe(10_005);
  });
});

describe('storedToFileConverter (places where the units differ)', () => {
  it('gives what counting every character gives, for every offset (property)', () => {
    const stored = fc.array(fc.constantFrom('a', ' ', '\n', '😀', '𝒳', '\ud83d', '\ude00', 'é', '日本', '\u2019'), { maxLength: 30 });
    fc.assert(
      fc.property(stored, (parts) => {
        const text = parts.join('');
        for (const unit of ['codepoints', 'utf16'] as const) {
          const toFile = storedToFileConverter(text, unit);
          for (let o = -1; o <= text.length + 1; o++) expect(toFile(o)).toBe(referenceToFile(text, unit, o));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts by hand: two emoji and two line ends', () => {
    const text = '😀\n😀\nz';
    expect([0, 2, 3, 5, 6, 7].map(storedToFileConverter(text, 'codepoints'))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 2, 3, 5, 6, 7].map(storedToFileConverter(text, 'utf16'))).toEqual([0, 2, 4, 6, 8, 9]);
  });
});
