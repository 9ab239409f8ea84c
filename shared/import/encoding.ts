import { formatBytes } from '../zip/safe-unzip';
import { ImportError } from './types';

/**
 * Turning the bytes of a text file into a string, with the encoding found (or chosen) reported back.
 *
 * Detection, in order: a byte order mark (UTF-8, UTF-16 LE, UTF-16 BE); UTF-16 without a mark, recognised by the
 * zero bytes that fill every other position in text made mostly of Latin letters; strict UTF-8 (plain ASCII is
 * UTF-8 too); and otherwise Windows-1252, which is what Word and Notepad on Windows wrote for years and which
 * decodes every byte to something. A file that is not text at all (NUL characters or many control characters
 * once decoded) is refused rather than imported as garbage.
 */

export interface DecodedText {
  /** The decoded string, BOM removed, otherwise untouched (line ends and Unicode form are the caller's). */
  text: string;
  /** Canonical encoding name, e.g. "utf-8", "utf-16le", "utf-16be", "windows-1252". */
  encoding: string;
  /** True when the file began with a byte order mark. */
  bom: boolean;
  warnings: string[];
}

/** Windows-1252 bytes 0x80-0x9F. The five bytes the code page leaves undefined map to the C1 control of the same
 * number, as the WHATWG Encoding Standard says. Written out because Node 20's TextDecoder decodes this label as
 * ISO-8859-1, which turns curly quotes and dashes into invisible control characters. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(bytes.length, offset + CHUNK);
    const codes = new Array<number>(end - offset);
    for (let i = offset; i < end; i++) {
      const b = bytes[i]!;
      codes[i - offset] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** The canonical name of an encoding label ("latin1" -> "windows-1252"), or undefined if no decoder knows it. */
export function canonicalEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

const BOMS: { encoding: string; bytes: number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) return { encoding: bom.encoding, length: bom.bytes.length };
  }
  return undefined;
}

/** UTF-16 without a BOM: in the first 4 KB, nearly every high (or low) byte of a pair is zero and the other rarely. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd / pairs > 0.6 && zeroEven / pairs < 0.05) return 'utf-16le';
  if (zeroEven / pairs > 0.6 && zeroOdd / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Which encoding the bytes are in, and how long their byte order mark is (0 without one). */
export function detectEncoding(bytes: Uint8Array): { encoding: string; bomLength: number } {
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0 };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** Refuses an empty file or one above the size limit, before any decoding. */
export function checkSize(fileName: string, size: number, limit: number, kind = 'text files'): void {
  if (size === 0) throw new ImportError(fileName, 'the file is empty (0 bytes).');
  if (size > limit) {
    throw new ImportError(
      fileName,
      `the file is ${formatBytes(size)}; ${kind} larger than ${formatBytes(limit)} cannot be imported. Split it into smaller files first.`,
    );
  }
}

/**
 * Decodes a text file, detecting its encoding unless `override` names one. Throws ImportError for an unknown
 * encoding name, for a file that holds no text, and for binary content.
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string, override?: string): DecodedText {
  const warnings: string[] = [];
  let encoding: string;
  let bomLength = 0;
  const bom = bomOf(bytes);
  if (override !== undefined && override.trim() !== '') {
    const canonical = canonicalEncoding(override);
    if (!canonical) {
      throw new ImportError(
        fileName,
        `"${override}" is not a text encoding Tessera knows. Try utf-8, utf-16le, utf-16be or windows-1252.`,
      );
    }
    encoding = canonical;
    // A mark is skipped only when it belongs to the chosen encoding; otherwise its bytes are text in that encoding.
    if (bom && bom.encoding === encoding) bomLength = bom.length;
    if (encoding === 'utf-8' && !isValidUtf8(bytes.subarray(bomLength))) {
      warnings.push('Some bytes are not valid UTF-8 and were replaced by "\uFFFD"; another encoding may fit better.');
    }
  } else {
    const detected = detectEncoding(bytes);
    encoding = detected.encoding;
    bomLength = detected.bomLength;
  }
  const text = decodeWith(bytes.subarray(bomLength), encoding);
  checkIsText(text, fileName, encoding);
  return { text, encoding, bom: bomLength > 0, warnings };
}

/** Control characters that never occur in real text (tab, line feed, form feed and carriage return are fine). */
const CONTROL = /[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g;

function checkIsText(text: string, fileName: string, encoding: string): void {
  if (text.includes('\u0000')) {
    throw new ImportError(
      fileName,
      `the file contains binary data (NUL bytes when read as ${encoding}), so it is not a text file. It may be another kind of file with the wrong extension.`,
    );
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls >= 4 && controls > text.length / 100) {
    throw new ImportError(
      fileName,
      `the file is mostly not text (${controls} control characters when read as ${encoding}). It may be another kind of file with the wrong extension.`,
    );
  }
  if (text.trim() === '') throw new ImportError(fileName, 'the file contains no text, only blank space.');
}
