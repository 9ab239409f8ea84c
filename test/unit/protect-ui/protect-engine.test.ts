/**
 * The work the protect worker does, run in Node: suggestions with their counts and examples, the preview, the leak
 * check as rows a person can follow, and opening an encrypted file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../../shared/model/types';
import { applyPseudonymisation, encryptFile, planPseudonymisation, type PseudonymTable } from '../../../shared/protect';
import { buildSample } from '../../../shared/sample/index';
import {
  handleProtectRequest,
  leakTermCounts,
  openEncrypted,
  previewPseudonymisation,
  projectLeakRows,
  reviewSuggestions,
  type ReviewSuggestion,
} from '../../../renderer/protect/protect-engine';

/** Whole-word occurrences of a term in every text, any case: counted independently of the engine. */
function occurrences(project: ProjectData, term: string): { count: number; documents: number } {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${term}(?![\\p{L}\\p{N}])`, 'giu');
  let count = 0;
  let documents = 0;
  for (const t of project.texts) {
    const n = [...t.text.matchAll(pattern)].length;
    count += n;
    if (n) documents++;
  }
  return { count, documents };
}

let sample: ProjectData;
let suggestions: ReviewSuggestion[];

beforeAll(async () => {
  sample = await buildSample('protect-engine-sample', Date.UTC(2026, 5, 1));
  suggestions = reviewSuggestions(sample, []);
});

const find = (list: ReviewSuggestion[], term: string) => list.find((s) => s.term === term);

describe('reviewSuggestions', () => {
  it('counts each suggested name as replacement would find it, in how many documents', () => {
    for (const term of ['Kayden', 'Lily-Mae', 'Shannon', 'Jackie', 'Mason']) {
      const s = find(suggestions, term)!;
      expect(s, term).toBeDefined();
      expect({ count: s.count, documents: s.documentCount }, term).toEqual(occurrences(sample, term));
    }
    // Kayden: P01 and P10, 23 times in all.
    expect(find(suggestions, 'Kayden')).toMatchObject({ category: 'person', reason: 'name', count: 23, documentCount: 2 });
  });

  it('gives up to three examples in context, from different documents first, each pointing at the term in its text', () => {
    const kayden = find(suggestions, 'Kayden')!;
    expect(kayden.examples).toHaveLength(3);
    expect(new Set(kayden.examples.slice(0, 2).map((x) => x.documentName.slice(0, 3)))).toEqual(new Set(['P01', 'P10']));
    for (const x of kayden.examples) {
      const text = sample.texts.find((t) => t.id === x.documentId)!.text;
      expect(text.slice(x.start, x.end)).toBe('Kayden');
      expect(x.match).toBe('Kayden');
      // The words either side are the text's own (line breaks flattened), cut at a word with an ellipsis.
      expect(text.slice(0, x.start).replace(/\s+/g, ' ').endsWith(x.before.replace(/^…/, ''))).toBe(true);
      expect(text.slice(x.end).replace(/\s+/g, ' ').startsWith(x.after.replace(/…$/, ''))).toBe(true);
    }
    // A term seen once has one example.
    expect(find(suggestions, 'Cranfield Road')!.examples).toHaveLength(1);
  });

  it('counts a shorter name only where a longer suggestion does not claim it', () => {
    // "Kingsmere High" is a school; "Kingsmere" on its own a place.
    const place = find(suggestions, 'Kingsmere')!;
    const school = find(suggestions, 'Kingsmere High')!;
    expect(place.count + school.count).toBe(occurrences(sample, 'Kingsmere').count);
    expect(school.count).toBe(occurrences(sample, 'Kingsmere High').count);
  });

  it('leaves out what the table holds, what was dismissed, and the words of the table’s replacements', async () => {
    const table: PseudonymTable = [
      { term: 'Kayden', replacement: '[Child 1]', category: 'person' },
      { term: 'Shannon', replacement: '[Parent 1]', category: 'person' },
    ];
    const some = reviewSuggestions(sample, table, ['jackie']);
    expect(find(some, 'Kayden')).toBeUndefined();
    expect(find(some, 'Jackie')).toBeUndefined();
    expect(find(some, 'Lily-Mae')).toBeDefined();
    // After pseudonymising, "[Parent 1]" must not come back as a name "Parent".
    const after = await applyPseudonymisation(sample, planPseudonymisation(sample, table));
    const again = reviewSuggestions(after, table).map((s) => s.term);
    expect(again.filter((t) => /^(parent|child)( 1)?$/i.test(t))).toEqual([]);
    expect(again.length).toBe(suggestions.length - 2);
  });
});

describe('previewPseudonymisation', () => {
  it('reports per term the count found independently, and changes nothing', () => {
    const table: PseudonymTable = [
      { term: 'Kayden', replacement: '[Child 1]', category: 'person' },
      { term: 'Mason', replacement: '[Child 3]', category: 'person' },
      { term: 'Nobody Here', replacement: '[Person 9]', category: 'person' },
    ];
    const copy = structuredClone(sample);
    const preview = previewPseudonymisation(sample, table, null);
    expect(preview.report.map((r) => [r.term, r.count])).toEqual([
      ['Kayden', occurrences(sample, 'Kayden').count],
      ['Mason', occurrences(sample, 'Mason').count],
      ['Nobody Here', 0],
    ]);
    expect(preview.total).toBe(occurrences(sample, 'Kayden').count + occurrences(sample, 'Mason').count);
    expect(preview.documentIds).toBeNull();
    expect(sample).toEqual(copy);
  });
});

describe('projectLeakRows', () => {
  const table: PseudonymTable = [
    { term: 'Kayden', replacement: '[Child 1]', category: 'person' },
    { term: 'Marsh Lane Primary', replacement: '[School A]', category: 'school' },
  ];

  it('names the record and field of each hit, with the text offsets of a hit in a transcript', () => {
    const project = structuredClone(sample);
    const doc = project.documents[2]!;
    const text = project.texts.find((t) => t.id === doc.id)!;
    text.text = `${text.text}\nKAYDEN said hello.`;
    project.memos.push({
      id: 'm1', targetType: 'project', targetId: project.project.id, title: 'Visit to Marsh Lane Primary', plainText: 'Notes', content: '',
      createdAt: 1, updatedAt: 1,
    } as ProjectData['memos'][number]);
    project.codes[0]!.name = 'What Kayden said';

    const rows = projectLeakRows(project, table);
    const inText = rows.find((r) => r.kind === 'Document' && r.field === 'text' && r.found === 'KAYDEN')!;
    expect(inText).toMatchObject({ term: 'Kayden', label: doc.name, documentId: doc.id });
    expect(text.text.slice(inText.start, inText.end)).toBe('KAYDEN');
    expect(rows.find((r) => r.kind === 'Memo')).toMatchObject({ term: 'Marsh Lane Primary', label: 'Visit to Marsh Lane Primary', field: 'title' });
    expect(rows.find((r) => r.kind === 'Code')).toMatchObject({ term: 'Kayden', label: 'What Kayden said', field: 'name' });
    // The sample's own text of P01 and P10 names Kayden too.
    expect(rows.filter((r) => r.term === 'Kayden' && r.field === 'text')).toHaveLength(occurrences(sample, 'Kayden').count + 1);
  });

  it('finds nothing with an empty table, and nothing after the whole project is pseudonymised', async () => {
    expect(projectLeakRows(sample, [])).toEqual([]);
    const after = await applyPseudonymisation(sample, planPseudonymisation(sample, table));
    expect(projectLeakRows(after, table)).toEqual([]);
  });

  it('summarises hits by term, most first', () => {
    expect(leakTermCounts([{ term: 'b' }, { term: 'a' }, { term: 'b' }, { term: 'c' }])).toEqual([
      { term: 'b', count: 2 },
      { term: 'a', count: 1 },
      { term: 'c', count: 1 },
    ]);
  });
});

describe('opening an encrypted file', () => {
  // Few iterations keep the test quick; the count is read from the file, as it would be for 600,000.
  const fast = { iterations: 1_000 };

  it('decrypts a project and reads the .qdpx inside, reporting the key derivation first', async () => {
    const qdpx = writeQdpx(sample);
    const container = await encryptFile(qdpx, 'correct horse battery', { name: 'Study.qdpx', type: 'application/zip', ...fast });
    const stages: string[] = [];
    const opened = await openEncrypted('Study.qdpx.tessera-enc', container, 'correct horse battery', (s) => stages.push(s));
    expect(stages).toEqual(['key', 'reading']);
    if (opened.kind !== 'project') throw new Error('expected a project');
    expect(opened.innerName).toBe('Study.qdpx');
    expect(opened.project.documents.map((d) => d.name)).toEqual(sample.documents.map((d) => d.name));
    expect(opened.project.texts.find((t) => t.id === sample.texts[0]!.id)!.text).toBe(sample.texts[0]!.text);
  });

  it('says a wrong passphrase plainly, naming the file, and returns nothing', async () => {
    const container = await encryptFile(writeQdpx(sample), 'correct horse battery', { name: 'Study.qdpx', ...fast });
    await expect(openEncrypted('Study.qdpx.tessera-enc', container, 'correct horse batterY')).rejects.toThrow(
      'Study.qdpx.tessera-enc: wrong passphrase, or the file was changed or damaged.',
    );
  });

  it('gives back a file that is not a project as it is', async () => {
    const csv = new TextEncoder().encode('term,replacement\nKayden,[Child 1]\n');
    const container = await encryptFile(csv, 'correct horse battery', { name: 'table.csv', type: 'text/csv', ...fast });
    const opened = await openEncrypted('table.csv.tessera-enc', container, 'correct horse battery');
    expect(opened).toEqual({ kind: 'file', name: 'table.csv', type: 'text/csv', bytes: csv });
  });

  it('encrypts and decrypts through the worker’s requests with 600,000 iterations', async () => {
    const bytes = new TextEncoder().encode('Notes about [Child 1].');
    const stages: string[] = [];
    const encrypted = await handleProtectRequest({ id: 1, kind: 'encrypt', name: 'notes.txt', type: 'text/plain', bytes, passphrase: 'kettle orchard lantern' }, (s) => stages.push(s));
    if (encrypted.kind !== 'bytes') throw new Error('expected bytes');
    expect(new DataView(encrypted.bytes.buffer, encrypted.bytes.byteOffset).getUint32(13)).toBe(600_000);
    const decrypted = await handleProtectRequest({ id: 2, kind: 'decrypt', name: 'notes.txt.tessera-enc', bytes: encrypted.bytes, passphrase: 'kettle orchard lantern' });
    expect(decrypted).toEqual({ kind: 'decrypted', name: 'notes.txt', type: 'text/plain', bytes });
    expect(stages).toEqual(['key']);
  });
});
