import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { sheetName, toCsv, toCsvBytes, toXlsx, toXlsxWorkbook, XLSX_CELL_LIMIT, type Table } from '../../../shared/query';

const table: Table = {
  columns: ['Name', 'Count', 'Note'],
  rows: [
    ['plain', 3, null],
    ['comma, here', 2.5, 'said "no"'],
    ['line\nbreak', -1, '=SUM(A1:A2)'],
    ['Café ’quote’', Number.NaN, ''],
  ],
};

describe('CSV', () => {
  it('follows RFC 4180: CRLF records, quoted fields with doubled quotes, header first', () => {
    expect(toCsv(table)).toBe(
      'Name,Count,Note\r\n' + 'plain,3,\r\n' + '"comma, here",2.5,"said ""no"""\r\n' + '"line\nbreak",-1,=SUM(A1:A2)\r\n' + 'Café ’quote’,,\r\n',
    );
  });

  it('reads back to the same cells with a CSV parser', () => {
    const parsed = Papa.parse<string[]>(toCsv(table), { newline: '\r\n' }).data.filter((r) => r.length > 1);
    expect(parsed).toEqual([
      ['Name', 'Count', 'Note'],
      ['plain', '3', ''],
      ['comma, here', '2.5', 'said "no"'],
      ['line\nbreak', '-1', '=SUM(A1:A2)'],
      ['Café ’quote’', '', ''],
    ]);
  });

  it('adds a byte order mark for Excel, and guards formulas when asked', () => {
    const bytes = toCsvBytes(table, { bom: true });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).startsWith('Name,')).toBe(true);
    const guarded = toCsv(table, { guardFormulas: true });
    expect(guarded).toContain("\r\n\"line\nbreak\",-1,'=SUM(A1:A2)\r\n");
    // numbers are not text and keep their sign
    expect(guarded).toContain(',-1,');
  });
});

describe('XLSX', () => {
  it('writes a workbook that reads back with the same values and types', async () => {
    const bytes = await toXlsx(table, { sheetName: 'Coverage: by agency?' });
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip archive
    const [sheet] = await readXlsxFile(Buffer.from(bytes));
    expect(sheet!.sheet).toBe('Coverage  by agency');
    expect(sheet!.data).toEqual([
      ['Name', 'Count', 'Note'],
      ['plain', 3, null],
      ['comma, here', 2.5, 'said "no"'],
      ['line\nbreak', -1, '=SUM(A1:A2)'],
      ['Café ’quote’', null, null],
    ]);
  });

  it('writes several tables as the sheets of one workbook, with names Excel accepts and no two alike', async () => {
    const other: Table = { columns: ['Code', 'Codings'], rows: [['Trust', 12]] };
    const long = 'Coverage of every code by agency and role';
    const bytes = await toXlsxWorkbook([
      { name: 'Figures', table },
      { name: 'figures', table: other },
      { name: long, table: other },
      { name: long, table: other },
    ]);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['Figures', 'figures (2)', 'Coverage of every code by agenc', 'Coverage of every code by a (2)']);
    expect(sheets[1]!.data).toEqual([
      ['Code', 'Codings'],
      ['Trust', 12],
    ]);
    await expect(toXlsxWorkbook([])).rejects.toThrow('at least one sheet');
  });

  it('writes text that looks like a formula as text, and a bold frozen header row', async () => {
    const files = unzipSync(await toXlsx(table));
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).not.toContain('<f>');
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"/);
    expect(strFromU8(files['xl/styles.xml']!)).toContain('<b');
  });

  it('cuts text longer than an Excel cell holds, and drops characters XML cannot carry', async () => {
    const long = 'x'.repeat(40_000);
    const bytes = await toXlsx({ columns: ['Text'], rows: [[long], ['form\u000Cfeed\u0000']] });
    const [sheet] = await readXlsxFile(Buffer.from(bytes));
    const cell = sheet!.data[1]![0] as string;
    expect(cell.length).toBe(XLSX_CELL_LIMIT);
    expect(cell.endsWith('[… cut: an Excel cell holds at most 32,767 characters]')).toBe(true);
    expect(sheet!.data[2]![0]).toBe('formfeed');
  });

  it('makes sheet names Excel accepts', () => {
    expect(sheetName('a/b\\c?d*e[f]g:h')).toBe('a b c d e f g h');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName("  '' ")).toBe('Sheet1');
  });
});
