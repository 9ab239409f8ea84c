/**
 * Text is stored once, normalised, and then never silently changed: BOM removed, every line end as "\n",
 * Unicode NFC. Offsets of codings index this normalised text (UTF-16 code units).
 */
export function normaliseText(raw: string): string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.replace(/\r\n?/g, '\n');
  return text.normalize('NFC');
}

/** Words as a reader counts them: runs of letters, digits, apostrophes and hyphens. */
export function countWords(text: string): number {
  // A loop rather than text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu), which counts the same but builds an array of
  // every word: a whole project's texts are counted when one is read from a file.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let letter: boolean;
    if (c < 128) letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else {
      const point = text.codePointAt(i)!;
      letter = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
      if (point > 0xffff) i++;
    }
    if (letter) {
      if (!inWord) words++;
      inWord = true;
    } else if (!(inWord && (c === 39 || c === 0x2019 || c === 45))) inWord = false;
  }
  return words;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** SHA-256 of the text's UTF-8 bytes, as lower-case hex. Uses WebCrypto, present in browsers and Node 20. */
export async function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text));
}

export async function hashBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
