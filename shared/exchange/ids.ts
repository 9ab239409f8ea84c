import { stableId } from '../model/stable-id';

/**
 * GUIDs at the exchange boundary. Files write GUIDs in upper or lower case and sometimes in braces; Tessera ids are
 * lower-case UUIDs, so a file's GUID becomes an id by dropping the braces and lowering the case.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The Tessera id for a GUID as a file writes it, or undefined when it is not a GUID at all. */
export function normaliseGuid(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^\{(.*)\}$/s, '$1').toLowerCase();
  return UUID.test(key) ? key : undefined;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A stable UUID made from its parts (same parts, same id): for records a file does not identify itself, such as
 * the selection that carries a coding, so that writing or reading the same data twice gives the same ids.
 */
export function deriveId(...parts: string[]): string {
  return stableId(parts.join('\u0000'));
}

/** #rrggbb for whatever colour a file gives ("#abc", "ABCDEF", "#FFABCDEF" with alpha, "rgb(1,2,3)"), or undefined. */
export function normaliseColor(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const value = raw.trim().toLowerCase();
  let m = /^#?([0-9a-f]{6})$/.exec(value);
  if (m) return `#${m[1]}`;
  m = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`;
  m = /^#?[0-9a-f]{2}([0-9a-f]{6})$/.exec(value);
  if (m) return `#${m[1]}`;
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/.exec(value);
  if (m) {
    const parts = [m[1], m[2], m[3]].map(Number);
    if (parts.every((p) => p <= 255)) return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
  }
  return undefined;
}

/**
 * A quick fingerprint of a text (length and two 32-bit FNV-1a lanes), to tell whether a text is the one some
 * structure (turns, blocks) was written for. Synchronous, unlike the SHA-256 used for content matching.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${text.length.toString(16)}-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
