import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportedDocument } from '../../../shared/import/types';

/** Real third-party files (see ../shared/fixtures/real/PROVENANCE.md), read in place. */
export const REAL = path.resolve(process.cwd(), '../shared/fixtures/real');
/** This project's own import fixtures. */
export const OWN = path.resolve(process.cwd(), 'test/fixtures/import');

export const realBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(REAL, name)));
export const ownBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(OWN, name)));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UTF-16 bytes of a string, little or big endian, with or without a byte order mark. */
export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    const [hi, lo] = [u >> 8, u & 0xff];
    out[2 * i] = endian === 'le' ? lo : hi;
    out[2 * i + 1] = endian === 'le' ? hi : lo;
  }
  return out;
}

/** Turns as [speaker, time, text] triples, the easiest shape to compare with expectations. */
export function turnsOf(doc: Pick<ImportedDocument, 'text' | 'turns'>): [string | undefined, number | undefined, string][] {
  return doc.turns.map((t) => [t.speaker, t.time, doc.text.slice(t.start, t.end)]);
}

export function blocksOf(doc: Pick<ImportedDocument, 'text' | 'blocks'>): [string, string][] {
  return doc.blocks.map((b) => [b.kind + (b.level ? String(b.level) : ''), doc.text.slice(b.start, b.end)]);
}
