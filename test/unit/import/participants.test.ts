import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import {
  inferAttributeType,
  linkParticipantsToDocuments,
  proposeParticipants,
  readCsvSheet,
  readParticipantSheet,
  readXlsxSheet,
  type SheetCell,
} from '../../../shared/import/participants';
import { ImportError } from '../../../shared/import/types';
import { ownBytes, utf8 } from './helpers';

async function xlsx(rows: SheetCell[][]): Promise<Uint8Array> {
  const buffer = await writeExcelFile(rows as never, { dateFormat: 'dd/mm/yyyy' }).toBuffer();
  return new Uint8Array(buffer);
}

async function refusal(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('reading a participant sheet', () => {
  it('reads the CSV fixture and proposes ids, attribute types and values', async () => {
    const table = await readParticipantSheet(ownBytes('participants.csv'), 'participants.csv');
    expect(table.headers).toEqual([
      'Participant ID', 'Pseudonym', 'Agency', 'Years in practice', 'Interviewed', 'Case file rating', 'Locality', 'Notes',
    ]);
    const proposal = proposeParticipants(table);
    expect(proposal.idColumn).toBe('Participant ID');
    expect(proposal.attributes.map((a) => [a.name, a.type, a.options])).toEqual([
      ['Pseudonym', 'text', []],
      ['Agency', 'category', ["Children's social care", 'Education', 'Health', 'Police']],
      ['Years in practice', 'number', []],
      ['Interviewed', 'date', []],
      ['Case file rating', 'scale', ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory']],
      ['Locality', 'category', ['Eastfield', 'Kingsmere', 'Northbridge']],
      ['Notes', 'text', []],
    ]);
    expect(proposal.participants.map((p) => p.id)).toEqual(['P01', 'P02', 'P03', 'P07', 'P12']);
    expect(proposal.participants[0]).toEqual({
      id: 'P01',
      row: 2,
      values: {
        Pseudonym: 'Asha',
        Agency: "Children's social care",
        'Years in practice': '12',
        // 14/04/2024 in the same column shows the day comes first.
        Interviewed: '2024-04-03',
        'Case file rating': 'Good',
        Locality: 'Northbridge',
        Notes: 'Chairs the meeting, part time',
      },
    });
    expect(proposal.participants[1]!.values['Years in practice']).toBe('1250');
    expect(proposal.participants[1]!.values.Notes).toBe('');
    expect(proposal.participants[3]!.values['Case file rating']).toBe('Good'); // "good" in the file
    expect(proposal.participants[4]!.values.Notes).toBe('Said "never again"');
    expect(proposal.warnings).toEqual([]);
  });

  it('reads semicolon CSV in Windows-1252 with a BOM-less legacy encoding', () => {
    // "Agence;Ann\xe9es\r\nP1;Sant\xe9\r\n" as Excel in a French locale writes it.
    const bytes = new Uint8Array([
      ...utf8('Participant;Agence;Ann'), 0xe9, ...utf8('es\r\nP1;Sant'), 0xe9, ...utf8(';4\r\nP2;Police;6\r\n'),
    ]);
    const table = readCsvSheet(bytes, 'fr.csv');
    expect(table.headers).toEqual(['Participant', 'Agence', 'Années']);
    expect(table.rows).toEqual([
      ['P1', 'Santé', '4'],
      ['P2', 'Police', '6'],
    ]);
  });

  it('reads an .xlsx through the universal reader, with real numbers and dates', async () => {
    const bytes = await xlsx([
      ['Case', 'Agency', 'Years', 'Interviewed', 'Ofsted'],
      ['P01', 'Health', 12, new Date(Date.UTC(2024, 2, 3)), 'Good'],
      ['P02', 'Police', 3.5, new Date(Date.UTC(2024, 2, 4)), 'Outstanding'],
      [null, null, null, null, null],
      ['P03', 'Health', 20, new Date(Date.UTC(2024, 3, 11)), 'Requires improvement'],
    ]);
    const table = await readXlsxSheet(bytes, 'people.xlsx');
    expect(table.rowNumbers).toEqual([2, 3, 5]);
    const proposal = proposeParticipants(table);
    expect(proposal.idColumn).toBe('Case');
    expect(proposal.attributes.map((a) => [a.name, a.type])).toEqual([
      ['Agency', 'category'],
      ['Years', 'number'],
      ['Interviewed', 'date'],
      ['Ofsted', 'scale'],
    ]);
    expect(proposal.attributes[3]!.options).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate']);
    expect(proposal.participants.map((p) => [p.id, p.values.Years, p.values.Interviewed])).toEqual([
      ['P01', '12', '2024-03-03'],
      ['P02', '3.5', '2024-03-04'],
      ['P03', '20', '2024-04-11'],
    ]);
  });

  it('lets the user choose the id column', async () => {
    const table = await readParticipantSheet(ownBytes('participants.csv'), 'participants.csv');
    const proposal = proposeParticipants(table, { idColumn: 'pseudonym' });
    expect(proposal.idColumn).toBe('Pseudonym');
    expect(proposal.participants.map((p) => p.id)).toEqual(['Asha', 'Ben', 'Cara', 'Dev', 'Ellis']);
    expect(proposal.attributes.map((a) => a.name)).toContain('Participant ID');
  });

  it('warns when no column tells participants apart', () => {
    const proposal = proposeParticipants(readCsvSheet(utf8('Agency\nHealth\nHealth\n'), 'x.csv'));
    expect(proposal.idColumn).toBe('Agency');
    expect(proposal.warnings[0]).toMatch(/does not give every participant a different id/);
  });
});

describe('refusing bad sheets', () => {
  it('an empty file, a sheet with only a header, an unclosed quote', async () => {
    expect(await refusal(() => readCsvSheet(new Uint8Array(0), 'a.csv'))).toBe('a.csv: the file is empty (0 bytes).');
    expect(await refusal(() => readCsvSheet(utf8('ID,Agency\n\n'), 'b.csv'))).toBe(
      'b.csv: the sheet has a header row but no participants below it.',
    );
    expect(await refusal(() => readCsvSheet(utf8('ID,Note\nP1,"open\nP2,x\n'), 'c.csv'))).toMatch(
      /^c\.csv: the CSV has an unclosed quotation mark/,
    );
  });

  it('a file that is not a workbook, an old .xls, an unknown extension', async () => {
    expect(await refusal(() => readXlsxSheet(utf8('ID,Agency\nP1,x'), 'fake.xlsx'))).toBe(
      'fake.xlsx: this is not an Excel workbook (.xlsx), or it is damaged.',
    );
    expect(await refusal(() => readParticipantSheet(utf8('x'), 'old.xls'))).toMatch(/^old\.xls: \.xls workbooks cannot be read/);
    expect(await refusal(() => readParticipantSheet(utf8('x'), 'x.pdf'))).toBe('x.pdf: participant sheets must be .csv or .xlsx files.');
  });

  it('a zip bomb named .xlsx, refused by the archive limits before the spreadsheet reader sees it', async () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    expect(await refusal(() => readXlsxSheet(bomb, 'bomb.xlsx'))).toMatch(
      /^bomb\.xlsx: Tessera refused to open this workbook because the archive entry "xl\/worksheets\/sheet1\.xml" is compressed \d+ to 1/,
    );
  });
});

describe('inferring attribute types', () => {
  it('numbers, but not codes with leading zeros', () => {
    expect(inferAttributeType(['1', '2.5', '-3', '1,000', null, 42])).toMatchObject({ type: 'number', values: ['1', '2.5', '-3', '1000', '', '42'] });
    expect(inferAttributeType(['007', '008', '009']).type).not.toBe('number');
  });

  it('dates: ISO, day first by evidence, month first by evidence, undecided with a warning', () => {
    expect(inferAttributeType(['2024-03-05', '2024-12-31']).values).toEqual(['2024-03-05', '2024-12-31']);
    expect(inferAttributeType(['03/04/2024', '25/04/2024']).values).toEqual(['2024-04-03', '2024-04-25']);
    expect(inferAttributeType(['03/04/2024', '04/25/2024']).values).toEqual(['2024-03-04', '2024-04-25']);
    const undecided = inferAttributeType(['03/04/2024', '05/06/2024']);
    expect(undecided.values).toEqual(['2024-04-03', '2024-06-05']);
    expect(undecided.warnings).toEqual(['Dates such as 03/04/2024 were read day first (3 April 2024).']);
    expect(inferAttributeType(['31/02/2024', '01/01/2024']).type).not.toBe('date');
  });

  it('scales: exactly values of a known ordered scale, in its spelling, best first', () => {
    const rating = inferAttributeType(['very GOOD', 'Weak', 'Unsatisfactory', 'Weak']);
    expect(rating).toMatchObject({
      type: 'scale',
      options: ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'],
      values: ['Very good', 'Weak', 'Unsatisfactory', 'Weak'],
    });
    expect(inferAttributeType(['Agree', 'Strongly agree', 'Agree']).options[0]).toBe('Strongly agree');
    // One value outside every scale: not a scale.
    expect(inferAttributeType(['Good', 'Weak', 'Fine', 'Good']).type).toBe('category');
  });

  it('categories need a repeated value; text otherwise', () => {
    expect(inferAttributeType(['Health', 'health', 'Police'])).toMatchObject({
      type: 'category',
      options: ['Health', 'Police'],
      values: ['Health', 'Health', 'Police'],
    });
    expect(inferAttributeType(['Asha', 'Ben', 'Cara']).type).toBe('text');
    expect(inferAttributeType([true, false, true])).toMatchObject({ type: 'category', options: ['No', 'Yes'] });
    const manyValues = Array.from({ length: 40 }, (_, i) => `Team ${i % 13}`);
    expect(inferAttributeType(manyValues).type).toBe('text');
    expect(inferAttributeType([null, '', null])).toMatchObject({ type: 'text', values: ['', '', ''] });
  });
});

describe('linking participants to documents by file name', () => {
  const documents = [
    { id: 'd1', name: 'Interview P07 transcript.docx' },
    { id: 'd2', name: 'interview_p7_final.txt' },
    { id: 'd3', name: 'P070 pilot.docx' },
    { id: 'd4', name: 'P01-P02 joint interview.vtt' },
    { id: 'd5', name: 'Team meeting notes.docx' },
    { id: 'd6', name: 'P12.md' },
  ];

  it('matches the id as a whole token, with or without leading zeros, and leaves joint or unknown ones to the user', () => {
    const links = linkParticipantsToDocuments(['P01', 'P02', 'P07', 'P12', 'P99'], documents);
    expect(links.links).toEqual([
      { participant: 'P01', documentIds: [] },
      { participant: 'P02', documentIds: [] },
      { participant: 'P07', documentIds: ['d1', 'd2'] },
      { participant: 'P12', documentIds: ['d6'] },
      { participant: 'P99', documentIds: [] },
    ]);
    expect(links.unmatchedDocuments).toEqual(['d3', 'd5']);
    expect(links.ambiguousDocuments).toEqual([{ documentId: 'd4', participants: ['P01', 'P02'] }]);
  });

  it('follows a pattern with {id} and wildcards when given', () => {
    const links = linkParticipantsToDocuments(['P07', 'P12'], documents, { pattern: 'Interview {id} *' });
    expect(links.links).toEqual([
      { participant: 'P07', documentIds: ['d1'] },
      { participant: 'P12', documentIds: [] },
    ]);
    const exact = linkParticipantsToDocuments(['P12'], documents, { pattern: '{id}' });
    expect(exact.links[0]!.documentIds).toEqual(['d6']);
  });
});
