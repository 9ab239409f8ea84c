#!/usr/bin/env node
// Draws Tessera's icon (four mosaic tiles in colour-blind-safe colours) and writes the PNG set for Linux, an .ico for
// Windows and an .icns for macOS. Both container formats hold PNG images directly, so no image tool is needed.
// Run: node build/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const here = new URL('.', import.meta.url).pathname;
const TILES = [[0x44, 0x77, 0xaa], [0xcc, 0xbb, 0x44], [0xee, 0x66, 0x77], [0x22, 0x88, 0x33]];

function crc32(bytes) {
  let c, crc = 0xffffffff;
  for (const b of bytes) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function drawPng(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const margin = size * 0.08, gap = size * 0.05, radius = size * 0.07;
  const tile = (size - 2 * margin - gap) / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let rgba = [0, 0, 0, 0];
      for (let i = 0; i < 4; i++) {
        const tx = margin + (i % 2) * (tile + gap), ty = margin + Math.floor(i / 2) * (tile + gap);
        const dx = Math.max(tx + radius - x, 0, x - (tx + tile - radius)), dy = Math.max(ty + radius - y, 0, y - (ty + tile - radius));
        const inside = x >= tx && x < tx + tile && y >= ty && y < ty + tile && dx * dx + dy * dy <= radius * radius;
        if (inside) rgba = [...TILES[i], 255];
      }
      raw.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const pngs = new Map([16, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, drawPng(s)]));
for (const [size, png] of pngs) if (size <= 512) writeFileSync(`${here}icons/${size}x${size}.png`, png);
writeFileSync(`${here}icon.png`, pngs.get(512));

// .ico: a directory of PNG images (supported since Windows Vista).
const icoSizes = [16, 32, 48, 256];
const dir = Buffer.alloc(6 + 16 * icoSizes.length);
dir.writeUInt16LE(0, 0); dir.writeUInt16LE(1, 2); dir.writeUInt16LE(icoSizes.length, 4);
let offset = dir.length;
icoSizes.forEach((s, i) => {
  const png = pngs.get(s), e = 6 + 16 * i;
  dir[e] = s === 256 ? 0 : s; dir[e + 1] = s === 256 ? 0 : s;
  dir.writeUInt16LE(1, e + 4); dir.writeUInt16LE(32, e + 6);
  dir.writeUInt32LE(png.length, e + 8); dir.writeUInt32LE(offset, e + 12);
  offset += png.length;
});
writeFileSync(`${here}icon.ico`, Buffer.concat([dir, ...icoSizes.map((s) => pngs.get(s))]));

// .icns: typed PNG entries (ic07 128, ic08 256, ic09 512, ic10 1024).
const entries = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]].map(([type, s]) => {
  const png = pngs.get(s), head = Buffer.alloc(8);
  head.write(type, 0, 'ascii'); head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const body = Buffer.concat(entries), head = Buffer.alloc(8);
head.write('icns', 0, 'ascii'); head.writeUInt32BE(body.length + 8, 4);
writeFileSync(`${here}icon.icns`, Buffer.concat([head, body]));
console.log('icons written');
