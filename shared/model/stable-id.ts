import type { Id } from './types';

/**
 * A deterministic UUID-shaped id from a string, for built-in content (the sample project, templates): the same
 * code or document gets the same id on every machine, so two colleagues' copies match by GUID when merged.
 * Two independent 64-bit FNV-1a hashes give 128 bits, formatted with the version nibble 8 (custom, RFC 9562).
 */
export function stableId(seed: string): Id {
  const hash64 = (offset: bigint): bigint => {
    let h = offset;
    for (let i = 0; i < seed.length; i++) {
      h ^= BigInt(seed.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h;
  };
  const hex = (hash64(0xcbf29ce484222325n).toString(16).padStart(16, '0') + hash64(0x84222325cbf29ce4n).toString(16).padStart(16, '0')).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
