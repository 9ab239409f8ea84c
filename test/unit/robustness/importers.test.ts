/**
 * Fuzzing every importer and the project reader with random and mutated bytes.
 *
 * Each input must, within a bounded time, either give a result whose offsets all lie inside its text, or be refused
 * with an Error whose message names the file. Mutations start from real files (../shared/fixtures/real, see its
 * PROVENANCE.md) and this project's own fixtures where no real file of that format exists (ODT, RTF, PDF, plain
 * text): bits flipped, bytes set, inserted, deleted, duplicated, the file cut short, format tokens inserted, and for
 * zip-based formats also the same inside one archive entry, zipped again, so the XML readers see damaged XML
 * rather than only a damaged archive.
 *
 * A slow input is caught by racing each call against a timer; code that never yields to the event loop cannot be
 * raced, so each call's own duration is also checked when it returns.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { importFile } from '../../../shared/import';
import type { PdfjsLib } from '../../../shared/import/pdf';
import type { ProjectData } from '../../../shared/model/types';
import type { ImportedDocument } from '../../../shared/import/types';

const REAL = new URL('../../../../shared/fixtures/real/', import.meta.url);
const OWN = new URL('../../fixtures/', import.meta.url);
const real = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, REAL)));
const own = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, OWN)));

const loadPdfjs = (): Promise<PdfjsLib> => import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfjsLib>;

/** Longest a single input may take (the machine is shared and slow; real files import in well under a second). */
const LIMIT_MS = 10_000;

interface Target {
  name: string;
  fileName: string;
  seeds: Uint8Array[];
  zip?: boolean;
  /** Strings that mean something to this format's reader, inserted by some mutations. */
  tokens: string[];
  runs: number;
  read: (bytes: Uint8Array, fileName: string) => Promise<unknown>;
  /** Every offset of a result, with the length of the text it indexes. */
  ranges: (result: unknown) => { where: string; start: number; end: number; length: number }[];
}

function documentRanges(result: unknown): { where: string; start: number; end: number; length: number }[] {
  const doc = result as ImportedDocument;
  expect(typeof doc.text).toBe('string');
  const length = doc.text.length;
  return [
    ...doc.turns.flatMap((t, i) => [
      { where: `turn ${i}`, start: t.start, end: t.end, length },
      ...(t.contentStart === undefined ? [] : [{ where: `turn ${i} words`, start: t.contentStart, end: t.end, length }]),
    ]),
    ...doc.blocks.map((b, i) => ({ where: `block ${i}`, start: b.start, end: b.end, length })),
    ...doc.comments.map((c, i) => ({ where: `comment ${i}`, start: c.start, end: c.end, length })),
  ];
}

function projectRanges(result: unknown): { where: string; start: number; end: number; length: number }[] {
  const project = (result as { project: ProjectData }).project;
  const lengths = new Map(project.texts.map((t) => [t.id, t.text.length]));
  const codingDocument = new Map(project.codings.map((c) => [c.id, c.documentId]));
  return [
    ...project.texts.flatMap((t) => documentRanges({ ...t, comments: [] })),
    ...project.codings.map((c) => ({ where: `coding ${c.id}`, start: c.start, end: c.end, length: lengths.get(c.documentId) ?? -1 })),
    ...project.memos
      .filter((m) => m.anchor)
      .map((m) => {
        const documentId = m.targetType === 'coding' ? codingDocument.get(m.targetId) : m.targetId;
        return { where: `memo ${m.id} anchor`, start: m.anchor!.start, end: m.anchor!.end, length: lengths.get(documentId ?? '') ?? -1 };
      }),
  ];
}

const importer = (bytes: Uint8Array, fileName: string): Promise<unknown> => importFile(bytes, fileName, { loadPdfjs });

const TEXT_TOKENS = ['\r\n', '\r', '\n\n', ': ', 'Interviewer:', '[00:01:02]', '\u0000', '\ufeff', '\ud800', '\u202e', 'é', '😀', '\t'];
const CAPTION_TOKENS = ['WEBVTT\n\n', '-->', '00:00:01.000 --> 00:00:02.000\n', '00:00:01,000 --> 00:00:02,000\n', '<v Dawn>', '</v>', 'NOTE ', '\n\n1\n', '99:99:99.999'];
const XML_TOKENS = ['<', '>', '</w:p>', '<w:t>', '</w:t>', '&amp;', '&#0;', '&#xD800;', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<text:p>', '<text:s text:c="999999999"/>', '"'];
const RTF_TOKENS = ['{', '}', '\\par ', '\\u-1?', '\\uc9 ', "\\'ff", '{\\*\\destination ', '\\bin999999 ', '\\ansicpg65001 ', '\\f0 ', '\\cell '];
const PDF_TOKENS = ['obj', 'endobj', 'stream\n', 'endstream', '/Length 999999', 'trailer', 'xref', '%%EOF', '(', ')', '<<', '>>', 'Tj', 'TJ', 'BT', 'ET'];
const QDE_TOKENS = [...XML_TOKENS, 'startPosition="-1"', 'endPosition="99999999"', 'guid="x"', '<PlainTextSelection ', 'internal://', '../'];

const TARGETS: Target[] = [
  {
    name: 'txt', fileName: 'fuzz.txt', runs: 400, tokens: TEXT_TOKENS, read: importer, ranges: documentRanges,
    seeds: [own('import/colon-names.txt'), own('import/otter.txt'), own('import/brackets.txt'), own('import/caps-timestamps.txt')],
  },
  { name: 'md', fileName: 'fuzz.md', runs: 150, tokens: [...TEXT_TOKENS, '# ', '**', '> '], read: importer, ranges: documentRanges, seeds: [own('import/interview.md')] },
  {
    name: 'vtt', fileName: 'fuzz.vtt', runs: 400, tokens: CAPTION_TOKENS, read: importer, ranges: documentRanges,
    seeds: [real('webvtt-py_comments_dash-speakers.vtt'), real('webvtt-py_captions_with_bom.vtt'), real('w3c-webvtt_mixed-newlines.vtt'), real('zoom_lesson_PLC_Fishbowl.vtt')],
  },
  { name: 'srt', fileName: 'fuzz.srt', runs: 400, tokens: CAPTION_TOKENS, read: importer, ranges: documentRanges, seeds: [real('webvtt-py_sample.srt'), own('import/names-on-change.srt')] },
  {
    name: 'docx', fileName: 'fuzz.docx', runs: 120, zip: true, tokens: XML_TOKENS, read: importer, ranges: documentRanges,
    seeds: [real('mammoth_comments.docx'), real('mammoth_tables.docx'), real('mammoth_utf8-bom.docx')],
  },
  { name: 'odt', fileName: 'fuzz.odt', runs: 150, zip: true, tokens: XML_TOKENS, read: importer, ranges: documentRanges, seeds: [own('documents/interview.odt')] },
  {
    name: 'rtf', fileName: 'fuzz.rtf', runs: 300, tokens: RTF_TOKENS, read: importer, ranges: documentRanges,
    seeds: [own('documents/interview.rtf'), own('documents/cyrillic-1251.rtf')],
  },
  {
    name: 'pdf', fileName: 'fuzz.pdf', runs: 120, tokens: PDF_TOKENS, read: importer, ranges: documentRanges,
    seeds: [own('documents/hyphenation.pdf'), own('documents/headers-footers.pdf'), own('documents/words-as-items.pdf'), own('documents/interview.pdf')],
  },
  {
    name: 'qdpx', fileName: 'fuzz.qdpx', runs: 200, zip: true, tokens: QDE_TOKENS, read: readQdpx, ranges: projectRanges,
    seeds: [real('atlasti-23.2.3-win_codes-only.qdpx'), real('atlasti-23.2.3-win_blank-project.qdpx'), real('nvivo-12.6-win_oltas.qdpx')],
  },
];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'token'; at: number; token: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x20, 0x0a, 0x3c, 0x7b) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }) }),
);

function mutate(seed: Uint8Array, mutations: readonly Mutation[], tokens: readonly string[]): Uint8Array {
  let bytes: Uint8Array = seed.slice();
  const join = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  for (const m of mutations) {
    const at = bytes.length ? m.at % (bytes.length + 1) : 0;
    switch (m.kind) {
      case 'flip':
        if (at < bytes.length) bytes[at]! ^= 1 << m.bit;
        break;
      case 'set':
        if (at < bytes.length) bytes[at] = m.value;
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'insert':
        bytes = join(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
        break;
      case 'token':
        bytes = join(bytes.subarray(0, at), new TextEncoder().encode(tokens[m.token % tokens.length]!), bytes.subarray(at));
        break;
      case 'delete':
        bytes = join(bytes.subarray(0, at), bytes.subarray(at + m.length));
        break;
      case 'duplicate':
        bytes = join(bytes.subarray(0, at + m.length), bytes.subarray(at));
        break;
    }
  }
  return bytes;
}

/** One archive entry mutated and the archive zipped again. */
function mutateEntry(seed: Uint8Array, entry: number, mutations: readonly Mutation[], tokens: readonly string[]): Uint8Array {
  const entries = unzipSync(seed);
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  const name = names[entry % names.length]!;
  return zipSync({ ...entries, [name]: mutate(entries[name]!, mutations, tokens) });
}

function inputs(target: Target): fc.Arbitrary<Uint8Array> {
  const seed = fc.nat({ max: target.seeds.length - 1 }).map((i) => target.seeds[i]!);
  const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 8 });
  const options: fc.Arbitrary<Uint8Array>[] = [
    fc.uint8Array({ maxLength: 2048 }),
    fc.tuple(seed, mutations).map(([s, m]) => mutate(s, m, target.tokens)),
    fc.tuple(seed, mutations).map(([s, m]) => mutate(s, m, target.tokens)),
  ];
  if (target.zip) {
    const entry = fc.tuple(seed, fc.nat(), mutations).map(([s, e, m]) => mutateEntry(s, e, m, target.tokens));
    options.push(entry, entry);
  }
  return fc.oneof(...options);
}

class TimedOut extends Error {}

const fuzzed = new Map<string, number>();
const refused = new Map<string, number>();
/** Refusals whose message carries a programmer's words (a crash inside a reader), reported in the summary. */
const INTERNAL = /Cannot read propert|is not a function|is not defined|undefined \(reading|\[xmldom|Maximum call stack|Invalid array length/;
const internal = new Map<string, string>();

/** Runs one input: a result with every offset in its text, or an Error naming the file; never too slow. */
async function check(target: Target, bytes: Uint8Array): Promise<void> {
  fuzzed.set(target.name, (fuzzed.get(target.name) ?? 0) + 1);
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), LIMIT_MS);
  });
  let result: unknown;
  let failure: unknown;
  try {
    result = await Promise.race([target.read(bytes, target.fileName), timeout]);
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
  }
  const elapsed = performance.now() - started;
  if (failure instanceof TimedOut) throw new Error(`${target.name}: no answer within ${LIMIT_MS} ms`);
  expect(elapsed, `${target.name}: took ${Math.round(elapsed)} ms`).toBeLessThan(LIMIT_MS);
  if (failure !== undefined) {
    refused.set(target.name, (refused.get(target.name) ?? 0) + 1);
    expect(failure, `${target.name} threw a ${typeof failure}`).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message, `${target.name}: the message does not name the file`).toContain(target.fileName);
    if (INTERNAL.test(message)) internal.set(`${target.name}: ${message.replace(/\s+/g, ' ').slice(0, 160)}`, target.name);
    return;
  }
  for (const r of target.ranges(result)) {
    const ok = Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= r.length;
    expect(ok, `${target.name}: ${r.where} [${r.start}, ${r.end}) outside a text of ${r.length}`).toBe(true);
  }
}

describe('importers and the project reader survive random and damaged files', () => {
  it('says a file that starts like a PDF but has no PDF header is not a PDF (found by fuzzing)', async () => {
    await expect(importFile(new TextEncoder().encode('%PDFx'), 'x.pdf', { loadPdfjs })).rejects.toThrow(
      'x.pdf: this is not a PDF document (it has no PDF header)',
    );
  });

  for (const target of TARGETS) {
    it(`${target.name}: ${target.runs} inputs`, async () => {
      // The real seeds themselves read cleanly.
      for (const seed of target.seeds) await check(target, seed);
      await fc.assert(
        fc.asyncProperty(inputs(target), (bytes) => check(target, bytes)),
        { numRuns: target.runs, seed: Number(process.env.TESSERA_FUZZ_SEED) || 20_260_601 },
      );
    }, 120_000);
  }

  afterAll(() => {
    const total = [...fuzzed.values()].reduce((a, b) => a + b, 0);
    const detail = TARGETS.map((t) => `${t.name} ${fuzzed.get(t.name) ?? 0} (${refused.get(t.name) ?? 0} refused)`).join(', ');
    console.log(`fuzzed ${total.toLocaleString('en-GB')} inputs across ${TARGETS.length} importers: ${detail}`);
    if (internal.size) console.log(`refusals worded as crashes (${internal.size} kinds):\n  ${[...internal.keys()].join('\n  ')}`);
  });
});
