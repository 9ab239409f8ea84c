import { describe, expect, it } from 'vitest';
import {
  attributeMatrix,
  attributeMatrixToTable,
  buildQueryIndex,
  coverage,
  coverageToTable,
  frameworkCellKey,
  frameworkMatrix,
  frameworkToTable,
  nOfN,
  themeCoverage,
} from '../../../shared/query';
import { buildSmallProject } from './fixture';

const index = buildQueryIndex(buildSmallProject());

describe('theme coverage', () => {
  it('counts supporting cases and documents, n of N, with the unsupported listed', () => {
    // T1 = Parents, Planning and (subtheme) Parents heard: codings in D1, D2, D3
    const c = themeCoverage(index, 'T1');
    expect(c.codeIds.sort()).toEqual(['A', 'A1', 'P']);
    expect(c.extractCount).toBe(6);
    expect(c.cases).toEqual({ n: 3, total: 4, supported: ['C1', 'C2', 'C3'], unsupported: ['C4'] });
    expect(c.documents).toEqual({ n: 3, total: 5, supported: ['D1', 'D2', 'D3'], unsupported: ['D4', 'D5'] });
    expect(nOfN(c.cases)).toBe('3 of 4');
    // T2 = Trust: D1, D2, D3 and the caseless D5
    const t2 = themeCoverage(index, 'T2');
    expect(t2.documents.supported).toEqual(['D1', 'D2', 'D3', 'D5']);
    expect(t2.cases.supported).toEqual(['C1', 'C2', 'C3']);
  });

  it('breaks coverage down by a case attribute: every option, then "no value"', () => {
    const c = themeCoverage(index, 'T1', { attributeId: 'agency' });
    const groups = c.byAttribute!.groups.map((g) => [g.label, nOfN(g.cases), nOfN(g.documents), g.cases.unsupported, g.documents.unsupported]);
    expect(c.byAttribute!.attributeName).toBe('Agency');
    expect(groups).toEqual([
      ['Health', '2 of 2', '2 of 2', [], []],
      ['Police', '1 of 1', '1 of 1', [], []],
      ['Education', '0 of 1', '0 of 1', ['C4'], ['D4']],
      ['Social care', '0 of 0', '0 of 0', [], []],
      ['(no value)', '0 of 0', '0 of 1', [], ['D5']],
    ]);
    expect(c.byAttribute!.groups[4]!.value).toBeNull();
  });

  it('breaks coverage down by a document attribute', () => {
    const c = themeCoverage(index, 'T2', { attributeId: 'format' });
    expect(c.byAttribute!.groups.map((g) => [g.label, nOfN(g.cases), nOfN(g.documents)])).toEqual([
      ['In person', '1 of 1', '1 of 1'],
      ['Online', '1 of 1', '1 of 1'],
      // D3 (supports, case C3), D4 (does not, case C4), D5 (supports, no case)
      ['(no value)', '1 of 2', '2 of 3'],
    ]);
  });

  it('limits N to the documents a filter allows, and a coder filter to their codings', () => {
    const c = coverage(index, { themeIds: ['T1'] }, { filter: { attributes: [{ attributeId: 'agency', values: ['Health', 'Education'] }] } });
    expect([nOfN(c.cases), nOfN(c.documents)]).toEqual(['2 of 3', '2 of 3']);
    const y = coverage(index, { themeIds: ['T1'] }, { filter: { coderIds: ['y'] } });
    expect(y.cases.supported).toEqual(['C1', 'C2']);
    expect(y.cases.total).toBe(4);
  });

  it('makes a table', () => {
    const t = coverageToTable(index, themeCoverage(index, 'T1', { attributeId: 'agency' }));
    expect(t.columns[0]).toBe('Agency');
    expect(t.rows[0]).toEqual(['All', 3, 4, 3, 5, 'P04', 'Doc D4; Doc D5']);
    expect(t.rows[3]).toEqual(['Education', 0, 1, 0, 1, 'P04', 'Doc D4']);
  });
});

describe('codes and themes by attribute values', () => {
  const rows = [
    { kind: 'code' as const, id: 'A' },
    { kind: 'code' as const, id: 'B' },
    { kind: 'code' as const, id: 'S' },
    { kind: 'code' as const, id: 'P' },
    { kind: 'theme' as const, id: 'T1' },
  ];

  it('counts extracts per value (hand-counted)', () => {
    const m = attributeMatrix(index, { rows, attributeId: 'agency' });
    expect(m.columns.map((c) => c.label)).toEqual(['Health', 'Police', 'Education', 'Social care', '(no value)']);
    expect(m.rows.map((r) => r.name)).toEqual(['Parents', 'Trust', 'School', 'Planning', 'Partnership']);
    expect(m.counts).toEqual([
      [1, 1, 0, 0, 0],
      [2, 1, 0, 0, 1],
      [3, 0, 0, 0, 0],
      [2, 1, 0, 0, 0],
      [4, 2, 0, 0, 0],
    ]);
    expect(m.rowTotals).toEqual([2, 4, 3, 3, 6]);
    expect(m.columnTotals).toEqual([12, 5, 0, 0, 1]);
    expect(m.columnSizes).toEqual([2, 1, 1, 0, 1]);
    expect(m.rowPercent[1]).toEqual([50, 25, 0, 0, 25]);
    expect(m.columnPercent[0]![0]).toBeCloseTo(100 / 12, 10);
    expect(m.columnPercent[0]![3]).toBeNull();
  });

  it('counts documents and cases per value', () => {
    const d = attributeMatrix(index, { rows, attributeId: 'agency', count: 'documents' });
    expect(d.counts).toEqual([
      [1, 1, 0, 0, 0],
      [2, 1, 0, 0, 1],
      [2, 0, 0, 0, 0],
      [1, 1, 0, 0, 0],
      [2, 1, 0, 0, 0],
    ]);
    expect(d.percentOfColumnSize[2]![0]).toBe(100);
    const c = attributeMatrix(index, { rows, attributeId: 'agency', count: 'cases' });
    // D5 has no case: its Trust coding counts for no case
    expect(c.counts[1]).toEqual([2, 1, 0, 0, 0]);
    expect(c.columnSizes).toEqual([2, 1, 1, 0, 0]);
  });

  it('makes tables of counts and of percentages', () => {
    const m = attributeMatrix(index, { rows: rows.slice(0, 2), attributeId: 'agency' });
    expect(attributeMatrixToTable(m)).toEqual({
      columns: ['Code', 'Health', 'Police', 'Education', 'Social care', '(no value)', 'Total'],
      rows: [
        ['Parents', 1, 1, 0, 0, 0, 2],
        ['Trust', 2, 1, 0, 0, 1, 4],
        ['Total', 3, 2, 0, 0, 1, 6],
      ],
    });
    expect(attributeMatrixToTable(m, 'column-percent').rows[1]).toEqual(['Trust', 66.7, 50, null, null, 100]);
  });
});

describe('framework matrix', () => {
  it('holds each case\'s extracts for each top-level theme, and the stored summaries', () => {
    const m = frameworkMatrix(index, { summaries: { [frameworkCellKey('C2', 'T1')]: 'Blamed, then shared notes.' } });
    expect(m.cases.map((c) => c.name)).toEqual(['P01', 'P02', 'P03', 'P04']);
    expect(m.themes.map((t) => t.name)).toEqual(['Partnership', 'Relationships']);
    const cellIds = m.cells.map((row) => row.map((cell) => cell.extracts.map((e) => e.codingId)));
    expect(cellIds).toEqual([
      [['c1', 'c2', 'c13'], ['c3']],
      [['c7', 'c8'], ['c6']],
      [['c10'], ['c9']],
      [[], []],
    ]);
    expect(m.cells[1]![0]!.summary).toBe('Blamed, then shared notes.');
    expect(m.cells[0]![0]!.summary).toBe('');
    expect(m.extractsWithoutCase).toBe(1); // the Trust coding in D5
    const table = frameworkToTable(m, 'both');
    expect(table.columns).toEqual(['Case', 'Partnership', 'Relationships']);
    expect(table.rows[1]).toEqual(['P02', 'Blamed, then shared notes.\n\n“The parents felt blamed”\n\n“I shared notes after”', '“Trust takes time”']);
    expect(frameworkToTable(m, 'summary').rows[0]).toEqual(['P01', '', '']);
  });

  it('takes chosen cases and themes in the given order, and a Map of summaries', () => {
    const m = frameworkMatrix(index, { caseIds: ['C3', 'C1'], themeIds: ['T1a'], summaries: new Map([['C1|T1a', 'Heard.']]) });
    expect(m.cells.map((row) => row.map((c) => [c.key, c.extracts.map((e) => e.codingId), c.summary]))).toEqual([
      [['C3|T1a', [], '']],
      [['C1|T1a', ['c1'], 'Heard.']],
    ]);
  });
});
