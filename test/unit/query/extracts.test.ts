import { describe, expect, it } from 'vitest';
import {
  attributionFields,
  buildQueryIndex,
  copyExtract,
  copyExtracts,
  extractsToTable,
  formatAttribution,
  getExtracts,
  parseAttributionTemplate,
  QueryError,
  themeCodeIds,
  unitSpan,
} from '../../../shared/query';
import { buildSmallProject, textOf } from './fixture';

const project = buildSmallProject();
const index = buildQueryIndex(project);
const ids = (list: { codingId: string }[]): string[] => list.map((e) => e.codingId);

describe('query index', () => {
  it('groups codings by code in document order and by document in text order', () => {
    expect(index.codingsByCode.get('P')!.map((c) => c.id)).toEqual(['c2', 'c13', 'c8']);
    expect(index.codingsByDocument.get('D1')!.map((c) => c.id)).toEqual(['c1', 'c3', 'c2', 'c13', 'c5', 'c4']);
    expect(index.codingCount).toBe(13);
    expect(index.skippedCodings).toEqual([]);
  });

  it('leaves out codings with a bad range, document or code, and says why', () => {
    const bad = buildSmallProject();
    bad.codings.push(
      { id: 'bad1', documentId: 'D1', codeId: 'A', coderId: 'x', start: 5, end: 10_000, createdAt: 0 },
      { id: 'bad2', documentId: 'nope', codeId: 'A', coderId: 'x', start: 0, end: 1, createdAt: 0 },
      { id: 'bad3', documentId: 'D1', codeId: 'gone', coderId: 'x', start: 0, end: 1, createdAt: 0 },
      { id: 'bad4', documentId: 'D1', codeId: 'A', coderId: 'x', start: 4, end: 4, createdAt: 0 },
    );
    const i = buildQueryIndex(bad);
    expect(i.codingCount).toBe(13);
    expect(i.skippedCodings.map((s) => [s.coding.id, s.reason])).toEqual([
      ['bad1', expect.stringContaining('outside the document')],
      ['bad2', 'its document is not in the project'],
      ['bad3', 'its code is not in the codebook'],
      ['bad4', expect.stringContaining('empty')],
    ]);
  });

  it('finds the turns a range touches by binary search, skipping the blank lines between turns', () => {
    const units = index.unitsOf('D1');
    expect(units.kind).toBe('turn');
    const text = textOf(project, 'D1');
    const t1 = text.indexOf('Nia: The parents');
    const t2 = text.indexOf('Int: And');
    expect(unitSpan(units, t1 + 5, t1 + 10)).toEqual([1, 1]);
    expect(unitSpan(units, t1 + 5, t2 + 3)).toEqual([1, 2]);
    // only the blank line between turn 1 and turn 2
    expect(unitSpan(units, t2 - 2, t2)).toBeUndefined();
    expect(index.unitsOf('D3').kind).toBe('block');
    expect(index.unitsOf('D4').kind).toBe('paragraph');
  });
});

describe('extracts', () => {
  it('a theme gathers its codes and its subthemes\' codes', () => {
    expect(themeCodeIds(index, 'T1')).toEqual(['A', 'P', 'A1']);
    expect(ids(getExtracts(index, { themeIds: ['T1'] }))).toEqual(['c1', 'c2', 'c13', 'c7', 'c8', 'c10']);
  });

  it('a code alone, or with the codes below it', () => {
    expect(ids(getExtracts(index, { codeIds: ['A'] }))).toEqual(['c7', 'c10']);
    expect(ids(getExtracts(index, { codeIds: ['A'], includeChildCodes: true }))).toEqual(['c1', 'c7', 'c10']);
  });

  it('lists a coding once when two selected themes share its code', () => {
    expect(ids(getExtracts(index, { themeIds: ['T1', 'T1a'] }))).toEqual(['c1', 'c2', 'c13', 'c7', 'c8', 'c10']);
  });

  it('filters by coder, case, document, attribute values and text', () => {
    const t1 = { themeIds: ['T1'] };
    expect(ids(getExtracts(index, t1, { coderIds: ['y'] }))).toEqual(['c13', 'c7']);
    expect(ids(getExtracts(index, t1, { caseIds: ['C2'] }))).toEqual(['c7', 'c8']);
    expect(ids(getExtracts(index, t1, { documentIds: ['D3'] }))).toEqual(['c10']);
    expect(ids(getExtracts(index, t1, { attributes: [{ attributeId: 'agency', values: ['Health'] }] }))).toEqual(['c1', 'c2', 'c13', 'c10']);
    // document attribute; null stands for "no value" (D3)
    expect(ids(getExtracts(index, t1, { attributes: [{ attributeId: 'format', values: [null] }] }))).toEqual(['c10']);
    expect(ids(getExtracts(index, t1, { attributes: [{ attributeId: 'format', values: ['Online', 'In person'] }] }))).toEqual(['c1', 'c2', 'c13', 'c7', 'c8']);
    // conditions combine with AND
    expect(ids(getExtracts(index, t1, { coderIds: ['x'], attributes: [{ attributeId: 'agency', values: ['Health'] }] }))).toEqual(['c1', 'c2', 'c10']);
    expect(ids(getExtracts(index, t1, { text: 'SHARED' }))).toEqual(['c2', 'c13', 'c8']);
    expect(ids(getExtracts(index, t1, { coderIds: [] }))).toEqual([]);
  });

  it('carries text, document, case, coder, code and position', () => {
    const [e] = getExtracts(index, { codeIds: ['A'] });
    const text = textOf(project, 'D2');
    expect(e).toMatchObject({
      codingId: 'c7',
      documentId: 'D2',
      documentName: 'Doc D2',
      caseId: 'C2',
      caseName: 'P02',
      codeId: 'A',
      codeName: 'Parents',
      codePath: 'Parents',
      coderId: 'y',
      coderName: 'Yara',
      start: text.indexOf('The parents felt blamed'),
      text: 'The parents felt blamed',
      exemplar: false,
    });
    expect(getExtracts(index, { codeIds: ['A1'] })[0]!.codePath).toBe('Parents/Parents heard');
  });

  it('gives the surrounding turn, block, or a window of characters as context', () => {
    const [c1] = getExtracts(index, { codeIds: ['A1'] });
    expect(c1!.context).toMatchObject({ kind: 'turn', text: 'Nia: The parents felt heard. We shared the plan early.', speaker: 'Nia' });
    const [c10] = getExtracts(index, { codeIds: ['A'] }, { documentIds: ['D3'] });
    expect(c10!.context).toMatchObject({ kind: 'block', text: 'First paragraph about trust and parents.' });
    expect(c10!.context.speaker).toBeUndefined();
    const [c12] = getExtracts(index, { codeIds: ['B'] }, { documentIds: ['D5'] }, { contextWindow: 5 });
    // "Some words before. Trust matters here." -> 5 characters either side of "Trust"
    expect(c12!.context).toEqual({ kind: 'window', start: 14, end: 29, text: 'ore. Trust matt' });
  });

  it('says clearly when a selection names a code or theme that is gone', () => {
    expect(() => getExtracts(index, { codeIds: ['nope'] })).toThrow(QueryError);
    expect(() => getExtracts(index, { themeIds: ['nope'] })).toThrow(/theme with id nope is not in this project/);
    expect(() => getExtracts(index, { codeIds: ['A'] }, { attributes: [{ attributeId: 'zzz', values: ['x'] }] })).toThrow(/attribute with id zzz/);
  });

  it('makes a table of extracts', () => {
    const table = extractsToTable(getExtracts(index, { codeIds: ['A'] }), (e) => e.caseName ?? '');
    expect(table.columns).toEqual(['Document', 'Case', 'Code', 'Coder', 'Start', 'End', 'Extract', 'Speaker', 'Context', 'Attribution']);
    expect(table.rows[0]!.slice(0, 4)).toEqual(['Doc D2', 'P02', 'Parents', 'Yara']);
    expect(table.rows[0]![6]).toBe('The parents felt blamed');
    expect(table.rows[1]![7]).toBeNull();
    expect(table.rows[1]![9]).toBe('P03');
  });
});

describe('attribution', () => {
  const [c1] = getExtracts(index, { codeIds: ['A1'] }); // P01, Nurse, Health, In person, Xin
  const [c10] = getExtracts(index, { codeIds: ['A'] }, { documentIds: ['D3'] }); // P03, Health, no role, no format
  const [c12] = getExtracts(index, { codeIds: ['B'] }, { documentIds: ['D5'] }); // no case at all

  it('fills case, document, coder, speaker and attribute fields', () => {
    expect(formatAttribution(index, c1!, '{Role}, {case}')).toBe('Nurse, P01');
    expect(formatAttribution(index, c1!, '{agency} / {FORMAT} / {document} / {coder} / {speaker} / {code path}')).toBe(
      'Health / In person / Doc D1 / Xin / Nia / Parents/Parents heard',
    );
    expect(formatAttribution(index, c1!, '{participant}: {  Code  }')).toBe('P01: Parents heard');
  });

  it('leaves out a missing field with the separator it would leave dangling', () => {
    expect(formatAttribution(index, c10!, '{Role}, {case}')).toBe('P03');
    expect(formatAttribution(index, c10!, '{case}, {Role}')).toBe('P03');
    expect(formatAttribution(index, c10!, '{Agency} ({Format})')).toBe('Health');
    expect(formatAttribution(index, c12!, '{Role}, {case}')).toBe('');
  });

  it('reads {{ and }} as braces and rejects unknown fields by name', () => {
    expect(formatAttribution(index, c1!, '{{{case}}}')).toBe('{P01}');
    expect(() => parseAttributionTemplate(index, '{rol}, {case}')).toThrow(/names \{rol\}, which is not a field.*\{Role\}/);
    expect(() => parseAttributionTemplate(index, '{case')).toThrow(/never closed/);
    expect(() => parseAttributionTemplate(index, 'case}')).toThrow(/without its/);
    expect(attributionFields(index)).toEqual(['case', 'document', 'coder', 'code', 'code path', 'speaker', 'Agency', 'Role', 'Format']);
  });

  it('an attribute named like a built-in field is reached as {attribute:Name}', () => {
    const p = buildSmallProject();
    p.attributes.push({ id: 'coderattr', name: 'Coder', scope: 'case', type: 'text', options: [], order: 3 });
    p.attributeValues.push({ ownerId: 'C1', attributeId: 'coderattr', value: 'Case-level coder' });
    const i = buildQueryIndex(p);
    const [e] = getExtracts(i, { codeIds: ['A1'] });
    expect(formatAttribution(i, e!, '{coder} | {attribute:Coder}')).toBe('Xin | Case-level coder');
  });

  it('copies an extract with its attribution as text', () => {
    expect(copyExtract(index, c1!, '{Role}, {case}')).toBe('“The parents felt heard” (Nurse, P01)');
    expect(copyExtract(index, c1!, '{Role}, {case}', { quotes: 'straight' })).toBe('"The parents felt heard" (Nurse, P01)');
    expect(copyExtract(index, c12!, '{Role}, {case}', { quotes: 'none' })).toBe('Trust');
    const two = copyExtracts(index, [c1!, c10!], '{case}');
    expect(two).toBe('“The parents felt heard” (P01)\n\n“parents” (P03)');
  });
});
