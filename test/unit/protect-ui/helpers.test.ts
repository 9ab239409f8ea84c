/**
 * The pure helpers of the Confidentiality screens: proposed replacements, the passphrase strength hint, the report
 * as places and as CSV, the changed records of a pseudonymisation, and names for encrypted files.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import { applyPseudonymisation, planPseudonymisation, type PseudonymReportRow, type PseudonymTable } from '../../../shared/protect';
import { passphraseStrength } from '../../../renderer/protect/passphrase';
import { changedRecordCount, projectChanges } from '../../../renderer/protect/project-changes';
import { encryptedFileName, neutralFileName } from '../../../renderer/protect/protected-names';
import { letterName, proposeReplacement, proposeReplacements } from '../../../renderer/protect/replacements';
import { documentTotals, otherPlacesCount, placesOf, reportCsv, reportTable } from '../../../renderer/protect/report-format';
import { smallProject } from '../protect/small-project';

describe('proposed replacements', () => {
  it('names letters as spreadsheets name columns', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(letterName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('numbers people by role and letters schools and places, after what the table already uses', () => {
    const table: PseudonymTable = [
      { term: 'Kayden', replacement: '[Child 1]', category: 'person' },
      { term: 'Mason', replacement: '[child 3]', category: 'person' },
      { term: 'St Aidan', replacement: '[School A]', category: 'school' },
    ];
    expect(
      proposeReplacements(table, [
        { category: 'person', role: 'child' },
        { category: 'person', role: 'child' },
        { category: 'person', role: 'child' },
        { category: 'person', role: 'parent' },
        { category: 'school' },
        { category: 'place' },
        { category: 'person', reason: 'speaker' },
        { category: 'person' },
      ]),
    ).toEqual(['[Child 2]', '[Child 4]', '[Child 5]', '[Parent 1]', '[School B]', '[Place A]', '[Participant 1]', '[Person 1]']);
  });

  it('gives identifiers one placeholder each, whatever their number', () => {
    expect(
      proposeReplacements([], [
        { category: 'case or record number', reason: 'phone number' },
        { category: 'case or record number', reason: 'phone number' },
        { category: 'place', reason: 'postcode' },
        { category: 'date', reason: 'date of birth' },
        { category: 'case or record number', reason: 'NHS number' },
        { category: 'case or record number' },
        { category: 'date' },
      ]),
    ).toEqual(['[Phone]', '[Phone]', '[Postcode]', '[Date of birth]', '[NHS number]', '[Record number]', '[Date]']);
  });

  it('keeps a typed replacement and counts it as taken, so accepting one leaves the others as they were', () => {
    const requests = [
      { category: 'person' as const, role: 'child' as const },
      { category: 'person' as const, role: 'child' as const, override: ' [Child 2] ' },
      { category: 'person' as const, role: 'child' as const },
    ];
    const first = proposeReplacements([], requests);
    expect(first).toEqual(['[Child 1]', '[Child 2]', '[Child 3]']);
    // The first is accepted into the table: the rest keep their proposals.
    const table: PseudonymTable = [{ term: 'A', replacement: first[0]!, category: 'person' }];
    expect(proposeReplacements(table, requests.slice(1))).toEqual(['[Child 2]', '[Child 3]']);
    expect(proposeReplacement(table, { category: 'organisation' })).toBe('[Organisation A]');
  });
});

describe('passphraseStrength', () => {
  it('refuses fewer than 8 characters and names the first guesses as weak', () => {
    expect(passphraseStrength('short').level).toBe('too short');
    expect(passphraseStrength('1234567').score).toBe(0);
    expect(passphraseStrength('password').level).toBe('weak');
    expect(passphraseStrength('Password1!').level).toBe('weak');
    expect(passphraseStrength('12345678').level).toBe('weak');
  });

  it('counts unrelated words at 12 bits each', () => {
    // Four distinct words: 48 bits (good); five: 60 (strong); three with a number: 39 (fair).
    expect(passphraseStrength('correct horse battery staple')).toMatchObject({ level: 'good', bits: 48 });
    expect(passphraseStrength('correct horse battery staple orchard')).toMatchObject({ level: 'strong', bits: 60 });
    expect(passphraseStrength('kettle orchard lantern 42')).toMatchObject({ level: 'fair', bits: 41 });
    // The same word four times is not four words.
    expect(passphraseStrength('horse horse horse horse').level).not.toBe('good');
  });

  it('counts other passphrases by their characters, discounting runs', () => {
    // 11 characters from all four classes (95 symbols): 11 × log2(95) × 0.55 = 39.7.
    expect(passphraseStrength('Tr0ub4dor&3')).toMatchObject({ level: 'fair', bits: 40 });
    // 20 such characters: 72 bits.
    expect(passphraseStrength('q7#Lm2$Vx9!Rt4&Wz8@K')).toMatchObject({ level: 'strong', bits: 72 });
    // A run of one letter: 1 + 11 × 0.25 effective characters × log2(26) × 0.55 = 9.7.
    expect(passphraseStrength('aaaaaaaaaaaa')).toMatchObject({ level: 'weak', bits: 10 });
  });
});

describe('the report', () => {
  const row = (over: Partial<PseudonymReportRow>): PseudonymReportRow => ({ term: 'T', replacement: '[R]', category: 'person', count: 0, where: [], ...over });
  const report: PseudonymReportRow[] = [
    row({
      term: 'Kayden',
      replacement: '[Child 1]',
      count: 9,
      where: [
        { kind: 'document text', id: 'd1', label: 'P01', field: 'text', count: 5 },
        { kind: 'speaker', id: 'd1', label: 'P01', field: 'speaker', count: 1 },
        { kind: 'document text', id: 'd2', label: 'P02', field: 'text', count: 2 },
        { kind: 'memo', id: 'm1', label: 'Visit', field: 'title', count: 1 },
      ],
    }),
    row({ term: '+44 7700 900412', replacement: '[Phone]', category: 'case or record number', count: 1, where: [{ kind: 'document text', id: 'd2', label: 'P02', field: 'text', count: 1 }] }),
    row({ term: 'Nobody', replacement: '[Person 9]' }),
  ];

  it('groups a document’s text, speakers and name as one place, most first', () => {
    expect(placesOf(report[0]!)).toEqual([
      { key: 'document\u0000d1', kind: 'Document', label: 'P01', documentId: 'd1', count: 6, fields: ['text', 'speaker labels'] },
      { key: 'document\u0000d2', kind: 'Document', label: 'P02', documentId: 'd2', count: 2, fields: ['text'] },
      { key: 'memo\u0000m1', kind: 'Memo', label: 'Visit', count: 1, fields: ['title'] },
    ]);
    expect(documentTotals(report)).toEqual([
      { documentId: 'd1', label: 'P01', count: 6, terms: 1 },
      { documentId: 'd2', label: 'P02', count: 3, terms: 2 },
    ]);
    expect(otherPlacesCount(report)).toBe(1);
  });

  it('is a CSV with a row per term and place, terms not found kept, formula-like cells kept as text', () => {
    expect(reportTable(report).rows).toEqual([
      ['Kayden', '[Child 1]', 'person', 'Document', 'P01', 'text; speaker labels', 6],
      ['Kayden', '[Child 1]', 'person', 'Document', 'P02', 'text', 2],
      ['Kayden', '[Child 1]', 'person', 'Memo', 'Visit', 'title', 1],
      ['+44 7700 900412', '[Phone]', 'case or record number', 'Document', 'P02', 'text', 1],
      ['Nobody', '[Person 9]', 'person', '', '', '', 0],
    ]);
    const csv = reportCsv(report);
    expect(csv.startsWith('\ufeffterm,replacement,category,where,record,fields,count\r\n')).toBe(true);
    expect(csv).toContain("\r\n'+44 7700 900412,[Phone],case or record number,Document,P02,text,1\r\n");
    expect(csv.split('\r\n')).toHaveLength(7);
  });
});

describe('projectChanges', () => {
  it('lists exactly the records pseudonymisation changed', async () => {
    const project: ProjectData = smallProject();
    const table: PseudonymTable = [{ term: 'Kayden', replacement: '[Child 1]', category: 'person' }];
    const after = await applyPseudonymisation(project, planPseudonymisation(project, table), { now: 5 });
    const changes = projectChanges(project, after);
    const textsWithName = project.texts.filter((t) => /kayden/i.test(t.text)).map((t) => t.id);
    expect(changes.texts.map((t) => t.id)).toEqual(textsWithName);
    expect(changes.codings.every((c) => textsWithName.includes(c.documentId))).toBe(true);
    expect(changes.deletedCodingIds).toEqual([]);
    const unchanged = projectChanges(project, structuredClone(project));
    expect(changedRecordCount(unchanged)).toBe(0);
    expect(unchanged.project).toEqual({});
  });

  it('notices deleted codings and a renamed project', () => {
    const project: ProjectData = smallProject();
    const after = structuredClone(project);
    const gone = after.codings.pop()!;
    after.project.name = 'Renamed';
    const changes = projectChanges(project, after);
    expect(changes.deletedCodingIds).toEqual([gone.id]);
    expect(changes.project).toEqual({ name: 'Renamed' });
    expect(changedRecordCount(changes)).toBe(1);
  });
});

describe('names of encrypted files', () => {
  const table: PseudonymTable = [{ term: 'Kayden', replacement: '[Child 1]', category: 'person' }];
  it('keeps a name without real terms, and replaces one that has any (it is readable without the passphrase)', () => {
    expect(neutralFileName('Study 2026-06-05.qdpx', table)).toBe('Study 2026-06-05.qdpx');
    expect(neutralFileName('Notes on kayden.csv', table)).toBe('Tessera file.csv');
    expect(neutralFileName('Kayden', table)).toBe('Tessera file');
    expect(neutralFileName('Notes on Kayden.csv', [])).toBe('Notes on Kayden.csv');
    expect(encryptedFileName('Study.qdpx')).toBe('Study.qdpx.tessera-enc');
  });
});
