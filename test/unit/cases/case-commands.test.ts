import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkValue,
  cleanOptions,
  compareValues,
  createAttribute,
  createCase,
  deleteAttribute,
  deleteCase,
  displayValue,
  planValueConversion,
  setAttributeValue,
  setCaseDocuments,
  setDocumentCase,
  updateAttribute,
  updateCase,
} from '../../../renderer/commands/case-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import type { AttributeDefinition } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';

const SIX_POINT = ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'];
const attr = (type: AttributeDefinition['type'], options: string[] = [], name = 'Rating'): AttributeDefinition => ({
  id: `attr-${type}`, name, scope: 'case', type, options, order: 0,
});

describe('checkValue: what each attribute type accepts', () => {
  it('numbers: plain, with thousands commas, negative and decimal; not words, codes with spaces or two points', () => {
    const years = attr('number', [], 'Years in practice');
    expect(['12', ' 3.5 ', '-2', '1,234', '.5', '+7'].map((v) => checkValue(v, years))).toEqual([
      { ok: true, value: '12' }, { ok: true, value: '3.5' }, { ok: true, value: '-2' }, { ok: true, value: '1234' }, { ok: true, value: '0.5' }, { ok: true, value: '7' },
    ]);
    expect(checkValue('twelve', years)).toEqual({ ok: false, error: 'Years in practice takes a number, such as 12 or 3.5; “twelve” is not one.' });
    expect(checkValue('1.2.3', years).ok).toBe(false);
    expect(checkValue('12 years', years).ok).toBe(false);
  });

  it('dates: ISO, or day first as written in the UK; impossible days refused', () => {
    const date = attr('date', [], 'Interview date');
    expect(checkValue('2026-03-12', date)).toEqual({ ok: true, value: '2026-03-12' });
    expect(checkValue('2026-3-2', date)).toEqual({ ok: true, value: '2026-03-02' });
    expect(checkValue('3/4/2024', date)).toEqual({ ok: true, value: '2024-04-03' });
    expect(checkValue('29.02.2024', date)).toEqual({ ok: true, value: '2024-02-29' });
    expect(checkValue('29/02/2023', date)).toEqual({ ok: false, error: 'Interview date takes a date, such as 2024-04-03 or 3/4/2024; “29/02/2023” is not one.' });
    expect(checkValue('2026-13-01', date).ok).toBe(false);
    expect(checkValue('next Tuesday', date).ok).toBe(false);
  });

  it('categories and scales: one of the options, matched ignoring case, stored in the option’s spelling', () => {
    const scale = attr('scale', SIX_POINT, 'Quality rating');
    expect(checkValue('very GOOD', scale)).toEqual({ ok: true, value: 'Very good' });
    expect(checkValue('Brilliant', scale)).toEqual({
      ok: false,
      error: '“Brilliant” is not one of the values of Quality rating (Excellent, Very good, Good, Adequate, Weak, Unsatisfactory).',
    });
    const many = attr('category', ['A', 'B', 'C', 'D', 'E', 'F', 'G'], 'Locality');
    expect(checkValue('H', many)).toEqual({ ok: false, error: '“H” is not one of the values of Locality (A, B, C, D, E, F, …).' });
    expect(checkValue('x', attr('category', [], 'Agency'))).toEqual({ ok: false, error: 'Agency has no values to choose from yet; add them to the attribute first.' });
  });

  it('an empty value is allowed for every type (no value), and text is kept as typed, trimmed', () => {
    for (const type of ['text', 'number', 'date', 'category', 'scale'] as const) expect(checkValue('   ', attr(type, ['A']))).toEqual({ ok: true, value: '' });
    expect(checkValue('  Social worker (children in care) ', attr('text'))).toEqual({ ok: true, value: 'Social worker (children in care)' });
  });
});

describe('ordering and showing values', () => {
  it('orders numbers by size, dates in time, scales best first, text alphabetically with numbers in order; empty last', () => {
    const sort = (values: string[], a: AttributeDefinition) => [...values].sort((x, y) => compareValues(x, y, a));
    expect(sort(['12', '', '3.5', '100', '-1'], attr('number'))).toEqual(['-1', '3.5', '12', '100', '']);
    expect(sort(['2026-03-12', '2025-12-31', '', '2026-01-05'], attr('date'))).toEqual(['2025-12-31', '2026-01-05', '2026-03-12', '']);
    expect(sort(['Weak', 'Excellent', '', 'Adequate', 'Very good'], attr('scale', SIX_POINT))).toEqual(['Excellent', 'Very good', 'Adequate', 'Weak', '']);
    expect(sort(['P10', 'p2', 'P1'], attr('text'))).toEqual(['P1', 'p2', 'P10']);
  });

  it('shows dates as day, short month and year', () => {
    expect(displayValue('2026-03-12', attr('date'))).toBe('12 Mar 2026');
    expect(displayValue('12', attr('number'))).toBe('12');
  });

  it('cleans option lists: trimmed, spaces collapsed, blanks and repeats (ignoring case) dropped', () => {
    expect(cleanOptions([' Health ', '', 'Education', 'health', 'Family  support'])).toEqual(['Health', 'Education', 'Family support']);
  });
});

describe('planValueConversion: changing an attribute’s type or options', () => {
  const values = [
    { ownerId: 'p1', attributeId: 'a', value: 'Good' },
    { ownerId: 'p2', attributeId: 'a', value: 'Poor' },
    { ownerId: 'p3', attributeId: 'a', value: 'excellent' },
  ];

  it('keeps values that fit, respells them, and lists those that no longer fit', () => {
    const plan = planValueConversion(values, { name: 'Rating', type: 'scale', options: SIX_POINT });
    expect(plan.updates).toEqual([{ ownerId: 'p3', attributeId: 'a', value: 'Excellent' }]);
    expect(plan.cleared).toEqual([{ ownerId: 'p2', attributeId: 'a', value: 'Poor' }]);
  });

  it('carries values along when an option is renamed', () => {
    const plan = planValueConversion(values, { name: 'Rating', type: 'scale', options: [...SIX_POINT, 'Inadequate'] }, { Poor: 'Inadequate' });
    expect(plan.updates).toEqual([
      { ownerId: 'p2', attributeId: 'a', value: 'Inadequate' },
      { ownerId: 'p3', attributeId: 'a', value: 'Excellent' },
    ]);
    expect(plan.cleared).toEqual([]);
  });

  it('clears words when a column becomes a number', () => {
    const years = [
      { ownerId: 'p1', attributeId: 'y', value: '12' },
      { ownerId: 'p2', attributeId: 'y', value: 'about ten' },
    ];
    expect(planValueConversion(years, { name: 'Years', type: 'number', options: [] })).toEqual({ updates: [], cleared: [years[1]] });
  });
});

describe('case commands on the sample project', () => {
  let db: ProjectDb;
  let history: CommandHistory;
  const P01 = () => db.cases.where('name').equals('P01').first();
  const agency = async () => (await db.attributes.toArray()).find((a) => a.name === 'Agency')!;

  beforeEach(async () => {
    db = new ProjectDb(crypto.randomUUID());
    await db.open();
    await writeProjectData(db, await buildSample('sample', 1_000));
    history = new CommandHistory(db, () => 'coder-1');
  });

  it('adds a participant after the others and refuses a name already taken, ignoring case', async () => {
    const { command, id } = createCase({ name: '  P18  ', description: 'Ola, designated teacher' });
    expect(command.label).toBe('Add participant “P18”');
    await history.execute(command);
    expect(await db.cases.get(id)).toEqual({ id, name: 'P18', description: 'Ola, designated teacher', order: 17 });
    await expect(history.execute(createCase({ name: 'p01' }).command)).rejects.toThrow('There is already a participant called “P01”.');
    await expect(history.execute(createCase({ name: '  ' }).command)).rejects.toThrow('A participant needs a name');
    expect(await db.cases.count()).toBe(18);
  });

  it('renames a participant and changes their description, each one undoable step', async () => {
    const p01 = (await P01())!;
    await history.execute(updateCase(p01, { name: 'P01-A' }));
    await history.execute(updateCase(p01, { description: 'Dawn (social worker)' }));
    expect(await db.cases.get(p01.id)).toMatchObject({ name: 'P01-A', description: 'Dawn (social worker)' });
    expect(await history.undo()).toBe('Describe participant “P01”');
    expect(await history.undo()).toBe('Rename participant “P01” to “P01-A”');
    expect(await db.cases.get(p01.id)).toEqual(p01);
    await expect(history.execute(updateCase(p01, { name: 'P02' }))).rejects.toThrow('There is already a participant called “P02”.');
  });

  it('deletes a participant with their values and memos, unlinks their document, and Undo restores all of it', async () => {
    const p01 = (await P01())!;
    const before = {
      values: await db.attributeValues.where('ownerId').equals(p01.id).toArray(),
      documents: await db.documents.where('caseId').equals(p01.id).toArray(),
    };
    expect(before.values).toHaveLength(4);
    expect(before.documents).toHaveLength(1);
    await history.execute(deleteCase(p01));
    expect(await db.cases.get(p01.id)).toBeUndefined();
    expect(await db.attributeValues.where('ownerId').equals(p01.id).count()).toBe(0);
    const document = await db.documents.get(before.documents[0]!.id);
    expect(document).toBeDefined();
    expect('caseId' in document!).toBe(false);
    expect(await db.documents.where('caseId').equals(p01.id).count()).toBe(0);
    // The document's own attribute values (interview date) stay.
    expect(await db.attributeValues.where('ownerId').equals(document!.id).count()).toBe(1);

    await history.undo();
    expect(await db.cases.get(p01.id)).toEqual(p01);
    expect(await db.attributeValues.where('ownerId').equals(p01.id).toArray()).toEqual(before.values);
    expect(await db.documents.get(before.documents[0]!.id)).toEqual(before.documents[0]);
  });

  it('sets, changes and clears a value; refuses a value that does not fit before storing anything', async () => {
    const p01 = (await P01())!;
    const agencyAttr = await agency();
    expect(agencyAttr.type).toBe('category');
    const command = setAttributeValue(agencyAttr, p01, 'health');
    expect(command.label).toBe('Set Agency of “P01” to “Health”');
    await history.execute(command);
    expect((await db.attributeValues.get([p01.id, agencyAttr.id]))?.value).toBe('Health');
    expect(() => setAttributeValue(agencyAttr, p01, 'Housing')).toThrow('“Housing” is not one of the values of Agency');
    await history.execute(setAttributeValue(agencyAttr, p01, ''));
    expect(await db.attributeValues.get([p01.id, agencyAttr.id])).toBeUndefined();
    await history.undo();
    await history.undo();
    expect((await db.attributeValues.get([p01.id, agencyAttr.id]))?.value).toBe('Children’s social care');
  });

  it('adds a scale attribute after the others, and refuses a duplicate name in the same scope only', async () => {
    const { command, id } = createAttribute({ name: 'Quality rating', scope: 'case', type: 'scale', options: [...SIX_POINT, ' excellent '] });
    await history.execute(command);
    expect(await db.attributes.get(id)).toEqual({ id, name: 'Quality rating', scope: 'case', type: 'scale', options: SIX_POINT, order: 5 });
    await expect(history.execute(createAttribute({ name: 'agency', scope: 'case', type: 'text', options: [] }).command)).rejects.toThrow(
      'There is already a participant attribute called “Agency”.',
    );
    // A document attribute may share a participant attribute's name.
    await history.execute(createAttribute({ name: 'Agency', scope: 'document', type: 'text', options: [] }).command);
    await expect(history.execute(createAttribute({ name: 'Grade', scope: 'case', type: 'category', options: [' '] }).command)).rejects.toThrow(
      'Grade needs at least one value to choose from',
    );
  });

  it('changes Years in practice to a category: values kept as options; back to number, all restored by Undo', async () => {
    const years = (await db.attributes.toArray()).find((a) => a.name === 'Years in practice')!;
    const stored = await db.attributeValues.where('attributeId').equals(years.id).toArray();
    const distinct = [...new Set(stored.map((v) => v.value))];
    await history.execute(updateAttribute(years, { name: 'Experience', type: 'category', options: distinct.slice(0, 3) }));
    const kept = await db.attributeValues.where('attributeId').equals(years.id).toArray();
    // Only values among the three options survive; the others were cleared.
    expect(kept.map((v) => v.value).every((v) => distinct.slice(0, 3).includes(v))).toBe(true);
    expect(kept.length).toBe(stored.filter((v) => distinct.slice(0, 3).includes(v.value)).length);
    expect(kept.length).toBeLessThan(stored.length);
    expect(await db.attributes.get(years.id)).toMatchObject({ name: 'Experience', type: 'category' });
    expect(await history.undo()).toBe('Change “Experience” to category');
    expect(await db.attributeValues.where('attributeId').equals(years.id).toArray()).toEqual(stored);
    expect(await db.attributes.get(years.id)).toEqual(years);
  });

  it('deletes an attribute with all its values in one step', async () => {
    const agencyAttr = await agency();
    await history.execute(deleteAttribute(agencyAttr));
    expect(await db.attributes.get(agencyAttr.id)).toBeUndefined();
    expect(await db.attributeValues.where('attributeId').equals(agencyAttr.id).count()).toBe(0);
    await history.undo();
    expect(await db.attributeValues.where('attributeId').equals(agencyAttr.id).count()).toBe(17);
  });

  it('links documents to a participant: exactly the chosen ones, moving them from others', async () => {
    const p01 = (await P01())!;
    const p02 = (await db.cases.where('name').equals('P02').first())!;
    const [d1, d2] = [(await db.documents.where('caseId').equals(p01.id).first())!, (await db.documents.where('caseId').equals(p02.id).first())!];
    await history.execute(setCaseDocuments(p01, [d2.id]));
    expect((await db.documents.get(d2.id))?.caseId).toBe(p01.id);
    expect('caseId' in (await db.documents.get(d1.id))!).toBe(false);
    expect(await db.documents.where('caseId').equals(p02.id).count()).toBe(0);
    await history.execute(setDocumentCase(d1, p02));
    expect((await db.documents.get(d1.id))?.caseId).toBe(p02.id);
    await history.undo();
    await history.undo();
    expect((await db.documents.get(d1.id))?.caseId).toBe(p01.id);
    expect((await db.documents.get(d2.id))?.caseId).toBe(p02.id);
  });
});
