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
  const matches = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return matches ? matches.length : 0;
}

/** SHA-256 of the text's UTF-8 bytes, as lower-case hex. Uses WebCrypto, present in browsers and Node 20. */
export async function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text));
}

export async function hashBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
