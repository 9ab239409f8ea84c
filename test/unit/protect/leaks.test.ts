import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import {
  applyPseudonymisation,
  encryptFile,
  findLeaks,
  findLeaksInProject,
  planPseudonymisation,
  type PseudonymTable,
} from '../../../shared/protect';
import { smallProject } from './small-project';

const TABLE: PseudonymTable = [
  { term: 'Kayden', replacement: '[Child A]', category: 'person' },
  { term: 'Marsh Lane Primary', replacement: '[School 1]', category: 'school' },
  { term: 'Marsh Lane', replacement: '[Street 1]', category: 'place' },
  { term: 'Summer', replacement: '[Child B]', category: 'person', caseSensitive: true },
  { term: "St Aidan's", replacement: '[School 2]', category: 'school' },
  { term: '07700 900412', replacement: '[phone number]', category: 'case or record number' },
  { term: 'Dawn', replacement: '[Worker 1]', category: 'person' },
];

const terms = (hits: { term: string; found: string }[]): string[] => hits.map((h) => `${h.term}=${h.found}`);

describe('findLeaks', () => {
  it('finds every term as a whole word in any case, each on its own (a longer term hides nothing)', () => {
    const hits = findLeaks('KAYDEN met kayden at Marsh Lane Primary; Kaydence and Marshland are other words.', TABLE);
    expect(terms(hits)).toEqual(['Kayden=KAYDEN', 'Kayden=kayden', 'Marsh Lane Primary=Marsh Lane Primary', 'Marsh Lane=Marsh Lane']);
    expect(hits[0]).toMatchObject({ index: 0, where: '', category: 'person', context: 'KAYDEN met kayden at Marsh Lane Primary; Kaydence' });
  });

  it('does not report the ordinary lower-case word of a case-sensitive name, but does report other forms', () => {
    expect(terms(findLeaks('Last summer, Summer and SUMMER.', TABLE))).toEqual(['Summer=Summer', 'Summer=SUMMER']);
  });

  it('finds numbers however they are spaced, and apostrophes either way', () => {
    expect(terms(findLeaks('Call 07700900412. St Aidan’s.', TABLE))).toEqual(["07700 900412=07700900412", "St Aidan's=St Aidan’s"]);
  });

  it('reads bytes as UTF-8 or UTF-16, JSON strings decoded, and XML with entities and split runs', () => {
    expect(terms(findLeaks(new TextEncoder().encode('\ufeffDawn said'), TABLE, { fileName: 'a.txt' }))).toEqual(['Dawn=Dawn']);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Dawn'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(terms(findLeaks(utf16, TABLE))).toEqual(['Dawn=Dawn']);
    // "\nKayden" in JSON is a line break before the name, not the letter n.
    const json = findLeaks(new TextEncoder().encode('{"notes":"first\\nKayden","list":["x","Dawn"]}'), TABLE, { fileName: 'extra.json' });
    expect(json.map((h) => [h.found, h.where])).toEqual([
      ['Kayden', 'extra.json:notes'],
      ['Dawn', 'extra.json:list[1]'],
    ]);
    const xml = '<doc name="Kayden"><w:p><w:t>St Aidan&apos;s</w:t></w:p><w:p><w:t>Marsh La</w:t><w:t>ne Primary</w:t></w:p></doc>';
    expect(findLeaks(new TextEncoder().encode(xml), TABLE, { fileName: 'document.xml' }).map((h) => [h.found, h.where])).toEqual([
      ['Kayden', 'document.xml'],
      ["St Aidan's", 'document.xml'],
      ['Marsh Lane Primary', 'document.xml (text)'],
      ['Marsh Lane', 'document.xml (text)'],
    ]);
  });

  it('opens zip archives and reads each entry', () => {
    const zip = zipSync({
      'word/document.xml': strToU8('<w:document><w:t>Ka</w:t><w:t>yden</w:t></w:document>'),
      'notes.txt': strToU8('Nothing here.'),
      'meta.json': strToU8('{"author":"Dawn"}'),
    });
    expect(findLeaks(zip, TABLE, { fileName: 'report.docx' }).map((h) => [h.found, h.where])).toEqual([
      ['Kayden', 'word/document.xml (text)'],
      ['Dawn', 'meta.json:author'],
    ]);
  });

  it('refuses what it cannot read rather than call it clean', async () => {
    const encrypted = await encryptFile(new TextEncoder().encode('Kayden'), 'a long passphrase', { name: 'x.txt', iterations: 10 });
    expect(() => findLeaks(encrypted, TABLE, { fileName: 'x.tessera-enc' })).toThrow('x.tessera-enc: the file is encrypted; decrypt it to check it for leaks.');
    expect(() => findLeaks(new TextEncoder().encode('%PDF-1.7\n...'), TABLE, { fileName: 'r.pdf' })).toThrow(/^r\.pdf: PDF files cannot be checked/);
    const damaged = zipSync({ 'a.txt': strToU8('Kayden '.repeat(50)) }).slice(0, 60);
    expect(() => findLeaks(damaged, TABLE, { fileName: 'p.qdpx' })).toThrow(/^p\.qdpx: could not be opened to check it for leaks/);
  });

  it('finds names in a .qdpx export, and none after pseudonymisation', async () => {
    const project = smallProject();
    const before = findLeaks(writeQdpx(project), TABLE, { fileName: 'study.qdpx' });
    // Every term of the table is in the export somewhere.
    expect(new Set(before.map((h) => h.term))).toEqual(new Set(TABLE.map((e) => e.term)));
    const out = await applyPseudonymisation(project, planPseudonymisation(project, TABLE));
    expect(findLeaks(writeQdpx(out), TABLE, { fileName: 'study.qdpx' })).toEqual([]);
  });
});

describe('findLeaksInProject', () => {
  it('names the table and field of each hit, reading memo content as the text it holds', () => {
    const project = smallProject();
    const hits = findLeaksInProject(project, [{ term: 'Kayden', replacement: 'X', category: 'person' }]);
    expect(hits.map((h) => h.where)).toEqual([
      'project.name',
      'texts[0].text',
      'texts[0].text',
      'texts[0].text',
      'memos[0].title',
      // "Kay" and "den" are separate formatted runs of the rich content.
      'memos[0].content (text)',
      'memos[0].plainText',
      'memos[1].content.root.children[0].children[0].text',
      'memos[1].plainText',
      'themes[0].definition',
    ]);
  });
});
