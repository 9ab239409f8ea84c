/**
 * GUIDs at the exchange boundary. Files write GUIDs in upper or lower case and sometimes in braces; Tessera ids are
 * lower-case UUIDs, so a file's GUID becomes an id by dropping the braces and lowering the case.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The Tessera id for a GUID as a file writes it, or undefined when it is not a GUID at all. */
export function normaliseGuid(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Most files write GUIDs as Tessera keeps them: nothing to trim, unwrap or lower.
  if (UUID.test(raw)) return raw;
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
  return fnvId(parts.join('\u0000'));
}

const HEX = Array.from({ length: 0x100 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (limb: number): string => HEX[limb >>> 8]! + HEX[limb & 0xff]!;

/**
 * Exactly stableId (two 64-bit FNV-1a hashes shaped as a UUID), computed on 16-bit limbs instead of BigInt: an
 * export derives one id per selection, and BigInt arithmetic made that a tenth of the time of writing a file.
 */
export function fnvId(seed: string): string {
  // Limbs, lowest first, of the two hashes; offsets 0xcbf29ce484222325 and 0x84222325cbf29ce4.
  let a0 = 0x2325;
  let a1 = 0x8422;
  let a2 = 0x9ce4;
  let a3 = 0xcbf2;
  let b0 = 0x9ce4;
  let b1 = 0xcbf2;
  let b2 = 0x2325;
  let b3 = 0x8422;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    a0 ^= c;
    b0 ^= c;
    // Times the FNV prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64: limb k gets limb k * 0x1b3 and limb k-2 * 0x100.
    let t = a0 * 0x1b3;
    const x0 = t & 0xffff;
    t = a1 * 0x1b3 + (t >>> 16);
    const x1 = t & 0xffff;
    t = a2 * 0x1b3 + a0 * 0x100 + (t >>> 16);
    const x2 = t & 0xffff;
    t = a3 * 0x1b3 + a1 * 0x100 + (t >>> 16);
    a0 = x0;
    a1 = x1;
    a2 = x2;
    a3 = t & 0xffff;
    t = b0 * 0x1b3;
    const y0 = t & 0xffff;
    t = b1 * 0x1b3 + (t >>> 16);
    const y1 = t & 0xffff;
    t = b2 * 0x1b3 + b0 * 0x100 + (t >>> 16);
    const y2 = t & 0xffff;
    t = b3 * 0x1b3 + b1 * 0x100 + (t >>> 16);
    b0 = y0;
    b1 = y1;
    b2 = y2;
    b3 = t & 0xffff;
  }
  // Version nibble 8 and the RFC 9562 variant bits, as stableId sets them.
  const versioned = (a0 & 0x0fff) | 0x8000;
  const variant = (b3 & 0x3fff) | 0x8000;
  return `${hex4(a3)}${hex4(a2)}-${hex4(a1)}-${hex4(versioned)}-${hex4(variant)}-${hex4(b2)}${hex4(b1)}${hex4(b0)}`;
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
