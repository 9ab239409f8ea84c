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
 * Not cryptographic; four independent 32-bit FNV-1a style lanes give 128 bits.
 */
export function deriveId(...parts: string[]): string {
  const input = parts.join('\u0000');
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    for (let k = 0; k < 4; k++) {
      let h = lanes[k]! ^ (c + k * 0x3b);
      h = Math.imul(h, 0x01000193 + k * 0x1000);
      h ^= h >>> 15;
      lanes[k] = h >>> 0;
    }
  }
  // Final avalanche so short inputs spread over all bits.
  for (let k = 0; k < 4; k++) {
    let h = lanes[k]! ^ lanes[(k + 1) % 4]!;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    lanes[k] = (h ^ (h >>> 16)) >>> 0;
  }
  const hex = lanes.map((h) => h.toString(16).padStart(8, '0')).join('');
  // Shape it as a version-8 (custom) UUID with the RFC 4122 variant.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
