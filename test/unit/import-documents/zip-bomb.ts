/**
 * Builds a real zip bomb cheaply: one entry whose deflate stream expands to `1 + 258 * matches` zero bytes.
 *
 * The stream is written by hand as a single dynamic-Huffman block whose codes are chosen for this input alone:
 * literal 0 gets a 1-bit code, the length symbol 285 (length 258) and end-of-block 2-bit codes, the one distance
 * code (distance 1) a 1-bit code. Each further 258 zeros then costs 3 bits, so 200 MB compresses to about 300 KB
 * (about 690 to 1) and is produced in milliseconds, without ever holding the expanded bytes in memory.
 */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  /** Writes `count` bits of `value`, least significant first (how deflate stores numbers). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i += 1) this.bit((value >>> i) & 1);
  }

  /** Writes a Huffman code, most significant bit first (how deflate stores codes). */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) this.bit((value >>> i) & 1);
  }

  private bit(b: number): void {
    this.current |= b << this.used;
    this.used += 1;
    if (this.used === 8) this.flushByte();
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    this.current = 0;
    this.used = 0;
  }

  /** Appends `count` copies of the same 3-bit pattern quickly, then the remaining bits normally. */
  repeat3(pattern: number, count: number): void {
    for (let i = 0; i < count; i += 1) this.code(pattern, 3);
  }

  finish(): Uint8Array {
    if (this.used > 0) this.flushByte();
    return Uint8Array.from(this.bytes);
  }
}

export function zerosDeflate(matches: number): { data: Uint8Array; size: number } {
  const w = new BitWriter();
  w.bits(1, 1); // final block
  w.bits(2, 2); // dynamic Huffman
  w.bits(286 - 257, 5); // HLIT: literal/length codes 0..285
  w.bits(0, 5); // HDIST: one distance code
  w.bits(18 - 4, 4); // HCLEN: 18 code-length code lengths follow
  // Code-length alphabet in deflate's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1:
  // we use symbol 18 (a run of zeros) with length 1 and symbols 1 and 2 with length 2.
  const clLengths = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2];
  for (const length of clLengths) w.bits(length, 3);
  // Canonical codes: 18 -> 0 (1 bit); 1 -> 10, 2 -> 11 (2 bits).
  const len1 = (): void => w.code(0b10, 2);
  const len2 = (): void => w.code(0b11, 2);
  const zeros = (n: number): void => {
    w.code(0, 1);
    w.bits(n - 11, 7);
  };
  len1(); // literal 0: length 1
  zeros(138); // literals 1..138
  zeros(117); // literals 139..255
  len2(); // 256, end of block: length 2
  zeros(28); // 257..284
  len2(); // 285, match length 258: length 2
  len1(); // distance code 0 (distance 1): length 1
  // Literal/length codes: 0 -> 0, 256 -> 10, 285 -> 11. Distance 0 -> 0.
  w.code(0, 1); // one literal zero
  w.repeat3(0b110, matches); // (length 258 = "11", distance 1 = "0")
  w.code(0b10, 2); // end of block
  return { data: w.finish(), size: 1 + 258 * matches };
}

function crc32OfZeros(length: number): number {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (let i = 0; i < length; i += 1) crc = table[crc & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive with one deflated entry, given its raw deflate data and uncompressed size. */
export function zipOneEntry(name: string, data: Uint8Array, size: number, crc = crc32OfZeros(size)): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const local = 30 + nameBytes.length;
  const central = 46 + nameBytes.length;
  const out = new Uint8Array(local + data.length + central + 22);
  const view = new DataView(out.buffer);
  const common = (at: number): void => {
    view.setUint16(at, 20, true); // version needed
    view.setUint16(at + 2, 0, true); // flags
    view.setUint16(at + 4, 8, true); // deflate
    view.setUint32(at + 6, 0, true); // time and date
    view.setUint32(at + 10, crc, true);
    view.setUint32(at + 14, data.length, true);
    view.setUint32(at + 18, size, true);
    view.setUint16(at + 22, nameBytes.length, true);
    view.setUint16(at + 24, 0, true); // extra field length
  };
  view.setUint32(0, 0x04034b50, true);
  common(4);
  out.set(nameBytes, 30);
  out.set(data, local);
  const cd = local + data.length;
  view.setUint32(cd, 0x02014b50, true);
  view.setUint16(cd + 4, 20, true); // version made by
  common(cd + 6);
  view.setUint32(cd + 42, 0, true); // offset of the local header
  out.set(nameBytes, cd + 46);
  const end = cd + central;
  view.setUint32(end, 0x06054b50, true);
  view.setUint16(end + 8, 1, true);
  view.setUint16(end + 10, 1, true);
  view.setUint32(end + 12, central, true);
  view.setUint32(end + 16, cd, true);
  return out;
}
