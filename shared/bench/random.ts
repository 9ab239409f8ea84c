/**
 * A small seeded random generator, so the benchmark corpus is the same on every machine and in every run:
 * a 32-bit state advanced by a Weyl sequence and mixed with multiply-xorshift steps (the SplitMix32 pattern).
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One item of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** An index in [0, n) with Zipf-like weight 1 / (i + 1)^exponent: the first items are the common ones. */
export function zipfIndex(random: Random, n: number, exponent = 1): number {
  // Inverse of the continuous approximation, exact enough for picking popular codes and topics.
  const u = random();
  if (exponent === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
  const a = 1 - exponent;
  const top = Math.pow(n + 1, a);
  return Math.min(n - 1, Math.max(0, Math.floor(Math.pow(1 + u * (top - 1), 1 / a) - 1)));
}

/** A UUID-shaped id (version 4 layout) from the generator, so ids are stable and valid REFI-QDA GUIDs. */
export function seededUuid(random: Random): string {
  const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0');
  const a = hex(random() * 0x100000000, 8);
  const b = hex(random() * 0x10000, 4);
  const c = `4${hex(random() * 0x1000, 3)}`;
  const d = `${(8 + Math.floor(random() * 4)).toString(16)}${hex(random() * 0x1000, 3)}`;
  const e = `${hex(random() * 0x1000000, 6)}${hex(random() * 0x1000000, 6)}`;
  return `${a}-${b}-${c}-${d}-${e}`;
}
