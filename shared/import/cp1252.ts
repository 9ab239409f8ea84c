/**
 * Windows-1252 decoding as the WHATWG Encoding Standard defines it. Node's TextDecoder('windows-1252') decodes
 * bytes 0x80-0x9F as Latin-1 control characters since Node 20.18.3 (nodejs/node#60888), which would turn Word's
 * curly quotes and dashes into invisible characters; browsers are right. This table makes both agree.
 */
const HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x2000) {
    const codes = Array.from(bytes.subarray(i, i + 0x2000), (b) => (b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}
