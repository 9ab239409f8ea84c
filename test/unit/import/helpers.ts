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

/**
 * A one-page PDF whose text layer holds the given lines in Helvetica, one under another with a paragraph gap, built
 * by hand (objects, cross-reference table, trailer) so PDF transcripts can be tested without a PDF writer.
 */
export function pdfOf(lines: string[]): Uint8Array {
  const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 770 Td ${lines.map((l) => `(${escape(l)}) Tj 0 -28 Td`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
