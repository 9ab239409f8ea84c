import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DocumentTextBuilder, normaliseBlock } from '../../../shared/import/text-builder';
import { importDocx } from '../../../shared/import/docx';
import { importOdt } from '../../../shared/import/odt';
import { importRtf } from '../../../shared/import/rtf';
import { importPdf, type PdfjsLib } from '../../../shared/import/pdf';
import type { ImportedDocument } from '../../../shared/import/types';
import { normaliseText } from '../../../shared/text/normalise';
import { documentFixture, realFixture } from './files';

const loadPdfjs = (): Promise<PdfjsLib> => import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfjsLib>;

/** What every imported document must satisfy, whatever its format. */
function expectWellFormed(doc: ImportedDocument): void {
  expect(doc.text).toBe(normaliseText(doc.text));
  let previousEnd = -1;
  for (const block of doc.blocks) {
    expect(block.start).toBeGreaterThan(previousEnd);
    expect(block.end).toBeGreaterThan(block.start);
    expect(block.end).toBeLessThanOrEqual(doc.text.length);
    previousEnd = block.end;
  }
  // Blocks tile the text, one line feed apart.
  expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end)).join('\n')).toBe(doc.text);
  for (const comment of doc.comments) {
    expect(comment.start).toBeGreaterThanOrEqual(0);
    expect(comment.end).toBeGreaterThan(comment.start);
    expect(comment.end).toBeLessThanOrEqual(doc.text.length);
    // A range never splits a surrogate pair.
    expect(doc.text.charCodeAt(comment.start) & 0xfc00).not.toBe(0xdc00);
  }
}

describe('every importer gives well-formed documents', () => {
  const cases: [string, () => Promise<ImportedDocument>][] = [
    ['mammoth_comments.docx', () => importDocx(realFixture('mammoth_comments.docx'), 'a.docx')],
    ['mammoth_tables.docx', () => importDocx(realFixture('mammoth_tables.docx'), 'a.docx')],
    ['mammoth_utf8-bom.docx', () => importDocx(realFixture('mammoth_utf8-bom.docx'), 'a.docx')],
    ['interview.docx', () => importDocx(documentFixture('interview.docx'), 'a.docx')],
    ['interview.odt', () => importOdt(documentFixture('interview.odt'), 'a.odt')],
    ['interview.rtf', () => importRtf(documentFixture('interview.rtf'), 'a.rtf')],
    ['cyrillic-1251.rtf', () => importRtf(documentFixture('cyrillic-1251.rtf'), 'a.rtf')],
    ['interview.pdf', () => importPdf(documentFixture('interview.pdf'), 'a.pdf', loadPdfjs)],
    ['hyphenation.pdf', () => importPdf(documentFixture('hyphenation.pdf'), 'a.pdf', loadPdfjs)],
    ['headers-footers.pdf', () => importPdf(documentFixture('headers-footers.pdf'), 'a.pdf', loadPdfjs)],
    ['words-as-items.pdf', () => importPdf(documentFixture('words-as-items.pdf'), 'a.pdf', loadPdfjs)],
  ];
  for (const [name, load] of cases) {
    it(name, async () => {
      const doc = await load();
      expect(doc.text.length).toBeGreaterThan(0);
      expectWellFormed(doc);
    });
  }
});

describe('DocumentTextBuilder', () => {
  // Pieces that normalisation changes: CRLF and CR, a decomposed é, a BOM, an astral emoji, plain letters.
  const piece = fc.constantFrom('a', 'e', '\u0301', '\r\n', '\r', '\n', ' ', '\ufeff', '\u{1F60A}', 'Z', '\u00e9', '\t');
  const block = fc.array(fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), { minLength: 1, maxLength: 5 });

  it('gives normalised text whose blocks and anchors index it exactly', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
        const builder = new DocumentTextBuilder();
        const expected: { raw: string; anchors: { key: string; prefix: string }[] }[] = [];
        blocks.forEach((pieces, b) => {
          builder.begin('paragraph');
          let raw = '';
          const anchors: { key: string; prefix: string }[] = [];
          pieces.forEach((p, i) => {
            builder.anchor(`${b}.${i}`, 'start');
            anchors.push({ key: `${b}.${i}`, prefix: raw });
            builder.write(p);
            raw += p;
          });
          builder.end();
          expected.push({ raw, anchors });
        });
        const { text, blocks: built } = builder.finish();
        expect(text).toBe(normaliseText(text));
        const kept = expected.filter((e) => normaliseBlock(e.raw).trim() !== '');
        expect(built.length).toBe(kept.length);
        kept.forEach((e, i) => {
          const b = built[i]!;
          // Each block is normaliseText of what was written, less any byte order marks at its start.
          expect(text.slice(b.start, b.end)).toBe(normaliseText(e.raw).replace(/^\ufeff+/, ''));
          for (const { key, prefix } of e.anchors) {
            expect(builder.anchors.get(key)).toBe(b.start + Math.min(normaliseBlock(prefix).length, b.end - b.start));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('places anchors between blocks at the next block start or the previous block end', () => {
    const builder = new DocumentTextBuilder();
    builder.add('one', 'paragraph');
    builder.anchor('end-of-one', 'end');
    builder.anchor('start-of-two', 'start');
    builder.add('   ', 'paragraph');
    builder.add('two', 'paragraph');
    const { text } = builder.finish();
    expect(text).toBe('one\ntwo');
    expect(builder.anchors.get('end-of-one')).toBe(3);
    expect(builder.anchors.get('start-of-two')).toBe(4);
  });
});
