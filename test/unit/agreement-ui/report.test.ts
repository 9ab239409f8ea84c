// The agreement report: figures, resolutions, documents left out and method, as CSV, XLSX and Word.
import mammoth from 'mammoth';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { compareCoders, COHEN_KAPPA_REFERENCE, KRIPPENDORFF_ALPHA_FORMULA } from '../../../shared/agreement';
import { toCsv, toXlsx, toXlsxWorkbook } from '../../../shared/query/tables';
import { agreementReportDocx } from '../../../renderer/agreement/report-docx';
import {
  figureRows,
  figuresTable,
  methodEntries,
  PERCENT_FORMULA,
  POOLED_LABEL,
  reportFileName,
  reportSheets,
  reportTable,
  RESOLUTION_COLUMNS,
  type ReportInput,
} from '../../../renderer/agreement/report';
import { parseResolutionMemo, resolutionMemoText } from '../../../renderer/agreement/resolution-record';
import { formatCoefficient } from '../../../renderer/agreement/format';
import { makeProject } from '../agreement/project';

// One 100-character document. Trust: A 0-40, B 20-60 -> both 20, only A 20, only B 20, neither 40:
//   % agreement = 60; p_o = 0.6, p_e = 0.4 x 0.4 + 0.6 x 0.6 = 0.52, kappa = 0.08 / 0.48 = 0.1667.
// Power: nobody coded it -> kappa and alpha are 0/0, undefined (no variation). d2 is coded only by A.
const project = makeProject({
  documents: [
    { id: 'd1', text: 'x'.repeat(100) },
    { id: 'd2', text: 'y'.repeat(50) },
  ],
  codes: [
    { id: 'trust', name: 'Trust' },
    { id: 'power', name: 'Power' },
  ],
  coders: [
    { id: 'a', name: 'Alice Smith' },
    { id: 'b', name: 'Bob Jones' },
    { id: 'c', name: 'Chen Li' },
  ],
  codings: [
    ['d1', 'trust', 'a', 0, 40],
    ['d1', 'trust', 'b', 20, 60],
    ['d2', 'trust', 'a', 0, 10],
  ],
});
const comparison = compareCoders(project, { coderIds: ['a', 'b'], codeIds: ['trust', 'power'], unit: 'character' });
const resolution = parseResolutionMemo({
  id: 'm1',
  targetType: 'project',
  title: 'Agreement resolution: Trust',
  plainText: resolutionMemoText({
    code: 'Trust',
    document: 'Document d1',
    passage: { start: 0, end: 60 },
    coderA: 'Alice Smith',
    coderB: 'Bob Jones',
    resolution: 'union',
    changes: { add: [], delete: [], update: [] },
    quote: 'xxxx',
    note: 'Trust covers the whole exchange, "as agreed", on 3 June',
  }),
  createdAt: Date.UTC(2026, 5, 3, 12),
  updatedAt: Date.UTC(2026, 5, 3, 12),
})!;
const input: ReportInput = {
  projectName: 'Pilot: study/2026',
  comparison,
  resolutions: [resolution],
  codesChosen: '2 of 2 codes',
  documentsChosen: 'all 2 documents',
  generatedAt: Date.UTC(2026, 5, 5, 12),
};

describe('figure rows', () => {
  it('gives each code the engine’s figures and the counts behind them, then the pooled row', () => {
    const rows = figureRows(comparison);
    expect(rows.map((r) => [r.code, r.coders, r.pooled])).toEqual([
      ['Trust', 'Alice Smith and Bob Jones', false],
      ['Power', 'Alice Smith and Bob Jones', false],
      [POOLED_LABEL, 'Alice Smith and Bob Jones', true],
    ]);
    expect(rows[0]!.counts).toEqual({ both: 20, onlyA: 20, onlyB: 20, neither: 40 });
    expect(rows[0]!.percent?.value).toBeCloseTo(60, 10);
    expect(rows[0]!.kappa?.value).toBeCloseTo(0.08 / 0.48, 10);
    expect(rows[0]!.documents).toBe(1);
    expect(rows[1]!.kappa).toMatchObject({ value: null, undefinedReason: 'no variation' });
    expect(rows[2]!.counts).toEqual({ both: 20, onlyA: 20, onlyB: 20, neither: 140 });
  });

  it('with three coders gives the mean row and one row per pair', () => {
    const three = compareCoders(
      makeProject({ ...{ documents: [{ id: 'd1', text: 'x'.repeat(100) }] }, codes: [{ id: 'trust', name: 'Trust' }], coders: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }], codings: [['d1', 'trust', 'a', 0, 40], ['d1', 'trust', 'b', 20, 60], ['d1', 'trust', 'c', 0, 60]] }),
      { coderIds: ['a', 'b', 'c'] },
    );
    const rows = figureRows(three).filter((r) => !r.pooled);
    expect(rows.map((r) => r.coders)).toEqual(['all coders (mean over pairs)', 'A and B', 'A and C', 'B and C']);
    expect(rows[0]!.counts).toBeUndefined();
    expect(rows[0]!.alpha?.value).toBe(three.codes[0]!.alpha.value);
    expect(rows[1]!.alpha).toBeUndefined();
    expect(rows[2]!.counts).toEqual({ both: 40, onlyA: 0, onlyB: 20, neither: 40 });
  });
});

describe('the report table (CSV and XLSX)', () => {
  const table = reportTable(input);

  it('keeps every row as wide as the header', () => {
    expect(new Set(table.rows.map((r) => r.length))).toEqual(new Set([table.columns.length]));
  });

  it('writes figures rounded to four decimals, undefined ones empty with the reason in Notes', () => {
    const figures = figuresTable(comparison);
    const col = (name: string) => figures.columns.indexOf(name);
    const trust = figures.rows[0]!;
    expect(trust[col('Percentage agreement')]).toBe(60);
    expect(trust[col("Cohen's kappa")]).toBe(0.1667);
    expect(trust[col('Coded by both (characters)')]).toBe(20);
    expect(trust[col('All characters')]).toBe(100);
    const power = figures.rows[1]!;
    expect(power[col("Cohen's kappa")]).toBeNull();
    expect(power[col("Krippendorff's alpha")]).toBeNull();
    expect(power[col('Notes')]).toBe('kappa undefined: no variation; alpha undefined: no variation; u-alpha undefined: no variation');
  });

  it('reads back from CSV with a standard parser: the figures first, then titled sections', () => {
    const parsed = Papa.parse<string[]>(toCsv(table), { skipEmptyLines: false });
    const rows = parsed.data.filter((r) => r.length > 1 || r[0] !== '');
    expect(parsed.errors).toEqual([]);
    expect(rows[0]!.slice(0, 5)).toEqual(['Code', 'Coders', 'Percentage agreement', "Cohen's kappa", "Krippendorff's alpha"]);
    expect(rows[1]!.slice(0, 4)).toEqual(['Trust', 'Alice Smith and Bob Jones', '60', '0.1667']);
    const titles = rows.filter((r) => r.slice(1).every((c) => c === '')).map((r) => r[0]);
    expect(titles).toEqual(expect.arrayContaining(['Resolved disagreements (1)', 'Documents left out', 'Method', 'References']));
    const resolutionRow = rows.find((r) => r[1] === 'Trust' && r[2] === 'Document d1')!;
    expect(resolutionRow.slice(0, 8)).toEqual([
      '3 June 2026',
      'Trust',
      'Document d1',
      '0–60',
      'Alice Smith (A), Bob Jones (B)',
      'Union — coded wherever either coder coded',
      'no coding changed',
      'Trust covers the whole exchange, "as agreed", on 3 June',
    ]);
    expect(rows.find((r) => r[0] === 'Document d2')?.[1]).toBe('coded only by Alice Smith');
    expect(rows.some((r) => r[1] === `Formula: ${KRIPPENDORFF_ALPHA_FORMULA}`)).toBe(true);
    expect(rows.some((r) => r[1] === `Reference: ${COHEN_KAPPA_REFERENCE}`)).toBe(true);
  });

  it('saves a workbook of four sheets: figures (numbers kept as numbers), resolutions, documents left out, method', async () => {
    const sheets = await readXlsxFile(Buffer.from(await toXlsxWorkbook(reportSheets(input))));
    expect(sheets.map((s) => s.sheet)).toEqual(['Figures', 'Resolutions', 'Documents left out', 'Method']);
    const [figures, resolutions, leftOut, method] = sheets.map((s) => s.data);
    expect(figures![0]!.slice(0, 5)).toEqual(['Code', 'Coders', 'Percentage agreement', "Cohen's kappa", "Krippendorff's alpha"]);
    expect(figures![1]!.slice(0, 4)).toEqual(['Trust', 'Alice Smith and Bob Jones', 60, 0.1667]);
    expect(figures!.length).toBe(figuresTable(comparison).rows.length + 1);
    expect(resolutions![0]).toEqual([...RESOLUTION_COLUMNS]);
    expect(resolutions![1]!.slice(1, 3)).toEqual(['Trust', 'Document d1']);
    expect(leftOut).toEqual([
      ['Document', 'Reason'],
      ['Document d2', 'coded only by Alice Smith'],
    ]);
    expect(method![1]![0]).toBe('Summary');
    expect(method!.some((r) => r[1] === `Formula: ${KRIPPENDORFF_ALPHA_FORMULA}`)).toBe(true);
    expect(method!.some((r) => r[0] === 'Reference' && r[1] === COHEN_KAPPA_REFERENCE)).toBe(true);
  });

  it('reads back from XLSX with numbers kept as numbers', async () => {
    const [sheet] = await readXlsxFile(Buffer.from(await toXlsx(table, { sheetName: 'Agreement' })));
    const rows = sheet!.data;
    expect(rows[1]!.slice(0, 4)).toEqual(['Trust', 'Alice Smith and Bob Jones', 60, 0.1667]);
    expect(rows.some((r) => r[0] === 'Method')).toBe(true);
  });
});

describe('the Word report', () => {
  it('holds the summary, the table, the documents left out, the method with formulas and the resolutions', async () => {
    const bytes = await agreementReportDocx(input);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('Inter-coder agreement');
    expect(lines[1]).toBe('Pilot: study/2026');
    expect(text).toContain('Coders compared: Alice Smith (A) and Bob Jones (B). Units: characters. Codes: 2 of 2 codes.');
    expect(text).toContain('Table 1. Agreement between Alice Smith and Bob Jones by code, with characters as units');
    // The Trust row: name, %, kappa, alpha, then the four counts.
    const trust = lines.indexOf('Trust');
    expect(lines.slice(trust, trust + 8)).toEqual(['Trust', '60.00%', '0.167', formatCoefficient(comparison.codes[0]!.alpha), '20', '20', '20', '40']);
    const power = lines.indexOf('Power');
    expect(lines.slice(power + 1, power + 4)).toEqual(['100.00%', 'undefined (no variation)', 'undefined (no variation)']);
    expect(text).toContain('Document d2: coded only by Alice Smith.');
    expect(text).toContain(PERCENT_FORMULA);
    expect(text).toContain(KRIPPENDORFF_ALPHA_FORMULA);
    expect(text).toContain(COHEN_KAPPA_REFERENCE);
    expect(text).toContain('Table 2. Disagreements discussed and resolved (1)');
    expect(text).toContain('Trust covers the whole exchange, "as agreed", on 3 June');
  });

  it('states every method in the report', () => {
    expect(methodEntries(comparison).map((m) => m.label)).toEqual([
      'Units',
      'Documents',
      'Percentage agreement',
      "Cohen's kappa",
      "Krippendorff's alpha",
      "Krippendorff's u-alpha",
      'Pooled figures',
      'Undefined figures',
    ]);
  });
});

describe('file names', () => {
  it('makes a safe name from the project and the day', () => {
    expect(reportFileName('Pilot: study/2026', 'docx', new Date(2026, 5, 5, 12).getTime())).toBe('Pilot study 2026 - agreement 2026-06-05.docx');
  });
});
