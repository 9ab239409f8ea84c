import { readFileSync } from 'node:fs';

/** Bytes of a real third-party file from ../shared/fixtures/real (see PROVENANCE.md there). */
export function realFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../../shared/fixtures/real/${name}`, import.meta.url)));
}

/** Bytes of one of this project's fixtures in test/fixtures/documents (see make-fixtures.ts there). */
export function documentFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/documents/${name}`, import.meta.url)));
}

/** The text each block covers, with its kind and level: easy to compare against what a reader sees. */
export function blockTexts(doc: { text: string; blocks: { start: number; end: number; kind: string; level?: number }[] }): string[] {
  return doc.blocks.map((b) => `${b.kind}${b.level === undefined ? '' : b.level}: ${doc.text.slice(b.start, b.end)}`);
}
