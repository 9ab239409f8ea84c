import { describe, expect, it } from 'vitest';
import {
  canonicalEncoding,
  decodeTextFile,
  decodeWindows1252,
  detectEncoding,
} from '../../../shared/import/encoding';
import { importPlainText } from '../../../shared/import/plain-text';
import { ImportError } from '../../../shared/import/types';
import { utf16, utf8 } from './helpers';

// “Café” – naïve £5 in Windows-1252, byte by byte from the code page chart:
// 0x93 “  C a f 0xE9 é  0x94 ”  space 0x96 –  space n a 0xEF ï v e space 0xA3 £ 5
const CP1252_BYTES = new Uint8Array([
  0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x20, 0xa3, 0x35,
]);
const CP1252_TEXT = '\u201cCaf\u00e9\u201d \u2013 na\u00efve \u00a35';

describe('detecting the encoding', () => {
  it('reads UTF-8 without a BOM', () => {
    const d = decodeTextFile(utf8('Zoë: ça va?'), 'a.txt');
    expect(d).toEqual({ text: 'Zoë: ça va?', encoding: 'utf-8', bom: false, warnings: [] });
  });

  it('reads UTF-8 with a BOM and removes it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Å')]);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(decodeTextFile(bytes, 'a.txt')).toMatchObject({ text: 'Å', encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16 LE and BE with a BOM, including a character outside the BMP', () => {
    const text = 'Interviewer: 😀 señor';
    expect(decodeTextFile(utf16(text, 'le'), 'a.txt')).toMatchObject({ text, encoding: 'utf-16le', bom: true });
    expect(decodeTextFile(utf16(text, 'be'), 'a.txt')).toMatchObject({ text, encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    const text = 'Interviewer: How did it go?\nP1: Fine.';
    expect(detectEncoding(utf16(text, 'le', false))).toEqual({ encoding: 'utf-16le', bomLength: 0 });
    expect(detectEncoding(utf16(text, 'be', false))).toEqual({ encoding: 'utf-16be', bomLength: 0 });
    expect(decodeTextFile(utf16(text, 'be', false), 'a.txt').text).toBe(text);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, with curly quotes and dashes right', () => {
    expect(detectEncoding(CP1252_BYTES)).toEqual({ encoding: 'windows-1252', bomLength: 0 });
    expect(decodeTextFile(CP1252_BYTES, 'a.txt').text).toBe(CP1252_TEXT);
  });

  it('decodes every Windows-1252 byte as the code page chart says', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(all.length).toBe(256);
    expect(all.charCodeAt(0x41)).toBe(0x41);
    expect(all.charCodeAt(0x80)).toBe(0x20ac); // €
    expect(all.charCodeAt(0x8a)).toBe(0x160); // Š
    expect(all.charCodeAt(0x9f)).toBe(0x178); // Ÿ
    expect(all.charCodeAt(0x81)).toBe(0x81); // undefined in the code page: the C1 control of the same number
    expect(all.charCodeAt(0xa0)).toBe(0xa0);
    expect(all.charCodeAt(0xff)).toBe(0xff);
  });
});

describe('choosing the encoding', () => {
  it('uses the chosen encoding instead of the detected one', () => {
    // UTF-8 "Café" read as Windows-1252: é (C3 A9) becomes Ã ©.
    const d = decodeTextFile(utf8('Café'), 'a.txt', 'windows-1252');
    expect(d.text).toBe('Caf\u00c3\u00a9');
    expect(d.encoding).toBe('windows-1252');
  });

  it('accepts any WHATWG label and reports its canonical name', () => {
    expect(canonicalEncoding('latin1')).toBe('windows-1252');
    expect(canonicalEncoding('UTF8')).toBe('utf-8');
    expect(decodeTextFile(new Uint8Array([0xa1, 0xb1]), 'a.txt', 'iso-8859-2').text).toBe('Ąą');
  });

  it('warns when the chosen UTF-8 does not fit the bytes', () => {
    const d = decodeTextFile(CP1252_BYTES, 'a.txt', 'utf-8');
    expect(d.warnings).toHaveLength(1);
    expect(d.text.startsWith('\ufffdCaf')).toBe(true);
  });

  it('refuses an encoding name it does not know, naming the file', () => {
    expect(() => decodeTextFile(utf8('x'), 'notes.txt', 'klingon')).toThrow(
      /^notes\.txt: "klingon" is not a text encoding Tessera knows/,
    );
  });

  it('reports the encoding through the plain text importer, with a warning only when it guessed a legacy one', () => {
    const doc = importPlainText(CP1252_BYTES, 'legacy.txt');
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.text).toBe(CP1252_TEXT);
    expect(doc.warnings[0]).toMatch(/read as Windows-1252/);
    const chosen = importPlainText(CP1252_BYTES, 'legacy.txt', 'txt', { encoding: 'cp1252' });
    expect(chosen.warnings).toEqual([]);
  });
});

describe('refusing what is not text', () => {
  it('refuses NUL bytes as binary data', () => {
    const bytes = new Uint8Array([0x48, 0x69, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00]);
    expect(() => decodeTextFile(bytes, 'photo.txt')).toThrow(ImportError);
    expect(() => decodeTextFile(bytes, 'photo.txt')).toThrow(/^photo\.txt: the file contains binary data/);
  });

  it('refuses text full of control characters', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0x02 : 0x41));
    expect(() => decodeTextFile(bytes, 'x.txt')).toThrow(/^x\.txt: the file is mostly not text/);
  });

  it('keeps a text with the odd stray control character', () => {
    const text = 'Interviewer: hello\u000b there, this is a long enough line of ordinary words to count.';
    expect(decodeTextFile(utf8(text), 'x.txt').text).toBe(text);
  });

  it('refuses a file of blank space and a file holding only a BOM', () => {
    expect(() => decodeTextFile(utf8(' \n\t\n'), 'blank.txt')).toThrow(/^blank\.txt: the file contains no text/);
    expect(() => decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf]), 'bom.txt')).toThrow(/no text/);
  });
});
