import { beforeEach, describe, expect, it } from 'vitest';
import { importParticipantsCommand } from '../../../renderer/commands/case-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import {
  checkedColumn,
  choiceForType,
  columnValues,
  defaultOptions,
  initialChoices,
  planParticipantImport,
  suggestLinks,
  type ColumnChoice,
} from '../../../renderer/views/cases/sheet-import';
import { proposeParticipants, readCsvSheet } from '../../../shared/import/participants';
import type { ProjectData } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';

const SIX_POINT = ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'];
const csv = (text: string) => new TextEncoder().encode(text);

const SHEET = [
  'id,agency,role,years,quality rating',
  'P03,Education,Designated teacher,4,Good',
  "P07,Children's social care,Social worker,12,Very good",
  'P12,Health,Health visitor,7,adequate',
  "P15,Children's social care,Team manager,21,Excellent",
].join('\r\n');

const proposalOf = (text: string) => proposeParticipants(readCsvSheet(csv(text), 'participants.csv'));

let counter = 0;
const ids = () => `id-${++counter}`;
const empty = { cases: [], attributes: [], documents: [] };

beforeEach(() => {
  counter = 0;
});

describe('the columns of a participant sheet', () => {
  it('start as attributes of their inferred types, with scale values in the scale’s spelling', () => {
    const proposal = proposalOf(SHEET);
    const choices = initialChoices(proposal, []);
    expect(choices.map((c) => [c.header, c.use, c.type, c.options])).toEqual([
      ['agency', 'attribute', 'category', ["Children's social care", 'Education', 'Health']],
      ['role', 'attribute', 'text', []],
      ['years', 'attribute', 'number', []],
      ['quality rating', 'attribute', 'scale', SIX_POINT],
    ]);
    expect(columnValues(proposal, 'quality rating')).toEqual(['Good', 'Very good', 'Adequate', 'Excellent']);
  });

  it('join an existing attribute of the same name: its type, and a category gains the new values', () => {
    const proposal = proposalOf(SHEET);
    const existing = [
      { id: 'ag', name: 'Agency', scope: 'case' as const, type: 'category' as const, options: ['Health', 'Police'], order: 0 },
      { id: 'yr', name: 'YEARS', scope: 'case' as const, type: 'text' as const, options: [], order: 1 },
      // A document attribute of the same name is another attribute.
      { id: 'role-doc', name: 'role', scope: 'document' as const, type: 'date' as const, options: [], order: 2 },
    ];
    const choices = initialChoices(proposal, existing);
    expect(choices.map((c) => [c.header, c.type, c.options])).toEqual([
      ['agency', 'category', ['Health', 'Police', "Children's social care", 'Education']],
      ['role', 'text', []],
      ['years', 'text', []],
      ['quality rating', 'scale', SIX_POINT],
    ]);
  });

  it('get options fit for a type the user picks', () => {
    expect(defaultOptions('scale', ['good', 'Weak', '', 'good'])).toEqual(SIX_POINT);
    expect(defaultOptions('scale', ['Green', 'Amber', 'Red'])).toEqual(['Green', 'Amber', 'Red']);
    expect(defaultOptions('category', ['Police', 'health', 'Health', 'Education'])).toEqual(['Education', 'health', 'Police']);
    expect(defaultOptions('number', ['1', '2'])).toEqual([]);
    const proposal = proposalOf(SHEET);
    const role = initialChoices(proposal, [])[1]!;
    const asCategory = choiceForType(role, 'category', columnValues(proposal, 'role'), []);
    expect(asCategory.options).toEqual(['Designated teacher', 'Health visitor', 'Social worker', 'Team manager']);
  });

  it('flag the cells that do not fit a chosen type', () => {
    const proposal = proposalOf(SHEET);
    const role = initialChoices(proposal, [])[1]!;
    const asNumber: ColumnChoice = { ...role, type: 'number' };
    const checked = checkedColumn(proposal, asNumber);
    expect(checked.every((c) => c.error !== undefined)).toBe(true);
    expect(checked[0]).toEqual({ value: 'Designated teacher', error: 'role takes a number, such as 12 or 3.5; “Designated teacher” is not one.' });
  });
});

describe('linking participants to documents by name', () => {
  const documents = [
    { id: 'd1', name: 'P07 interview' },
    { id: 'd2', name: 'Interview P12 (second)' },
    { id: 'd3', name: 'zoom_lesson_PLC_Fishbowl' },
    { id: 'd4', name: 'P07 and P12 joint interview' },
  ];

  it('by the id anywhere in the name, leaving unmatched and ambiguous documents alone', () => {
    const links = suggestLinks(['P03', 'P07', 'P12'], documents, '');
    expect(links.links).toEqual({ d1: 'P07', d2: 'P12', d3: null, d4: null });
    expect(links.ambiguous).toEqual({ d4: ['P07', 'P12'] });
    expect(links.matched).toBe(2);
  });

  it('by a pattern over the whole name', () => {
    expect(suggestLinks(['P07', 'P12'], documents, '{id} interview').links).toEqual({ d1: 'P07', d2: null, d3: null, d4: null });
    expect(suggestLinks(['P07', 'P12'], documents, 'Interview {id}*').links).toEqual({ d1: null, d2: 'P12', d3: null, d4: null });
  });
});

describe('planning a participant sheet import', () => {
  it('creates participants, attributes and values, and links the chosen documents', () => {
    const proposal = proposalOf(SHEET);
    const choices = initialChoices(proposal, []);
    choices[3] = { ...choices[3]!, name: 'Quality rating' };
    const plan = planParticipantImport(
      { fileName: 'participants.csv', proposal, choices, links: { d1: 'P07', d2: null, d3: 'p03' } },
      { cases: [], attributes: [], documents: [{ id: 'd1' }, { id: 'd2', caseId: 'someone' }, { id: 'd3' }] },
      ids,
    );
    expect(plan.attributes).toEqual([
      { id: 'id-1', name: 'agency', scope: 'case', type: 'category', options: ["Children's social care", 'Education', 'Health'], order: 0 },
      { id: 'id-2', name: 'role', scope: 'case', type: 'text', options: [], order: 1 },
      { id: 'id-3', name: 'years', scope: 'case', type: 'number', options: [], order: 2 },
      { id: 'id-4', name: 'Quality rating', scope: 'case', type: 'scale', options: SIX_POINT, order: 3 },
    ]);
    expect(plan.cases).toEqual([
      { id: 'id-5', name: 'P03', description: '', order: 0 },
      { id: 'id-6', name: 'P07', description: '', order: 1 },
      { id: 'id-7', name: 'P12', description: '', order: 2 },
      { id: 'id-8', name: 'P15', description: '', order: 3 },
    ]);
    expect(plan.values).toHaveLength(16);
    expect(plan.values.filter((v) => v.ownerId === 'id-7').map((v) => v.value)).toEqual(['Health', 'Health visitor', '7', 'Adequate']);
    // d2 is left as it is (null); the participant id matches ignoring case.
    expect(plan.documentCases).toEqual([
      { documentId: 'd1', caseId: 'id-6' },
      { documentId: 'd3', caseId: 'id-5' },
    ]);
    expect([plan.newCases, plan.updatedCases, plan.newAttributes, plan.problems]).toEqual([4, 0, 4, []]);
  });

  it('updates existing participants by name, keeps values where cells are empty, and reports misfits by row', () => {
    const sheet = ['Participant,Pseudonym,Agency,Years in practice', 'p01,Dawn,Health,', 'P18,Ola,Housing,3', ',Nobody,Police,2', 'P18,,,4'].join('\n');
    const proposal = proposalOf(sheet);
    expect(proposal.idColumn).toBe('Participant');
    const project = {
      cases: [{ id: 'c1', name: 'P01', description: 'Dawn, social worker', order: 0 }],
      attributes: [
        { id: 'ag', name: 'Agency', scope: 'case' as const, type: 'category' as const, options: ['Health', 'Police'], order: 0 },
        { id: 'yr', name: 'Years in practice', scope: 'case' as const, type: 'number' as const, options: [], order: 1 },
      ],
      documents: [{ id: 'd1', caseId: 'c1' }],
    };
    const choices = initialChoices(proposal, project.attributes);
    choices[0] = { ...choices[0]!, use: 'description' };
    // The sheet's new agency becomes an option of the existing category unless the user removes it.
    choices[1] = { ...choices[1]!, options: ['Health', 'Police'] };
    const plan = planParticipantImport({ fileName: 'update.csv', proposal, choices, links: { d1: '' } }, project, ids);
    expect(plan.attributes).toEqual([]);
    expect(plan.cases).toEqual([
      { id: 'c1', name: 'P01', description: 'Dawn', order: 0 },
      { id: 'id-1', name: 'P18', description: 'Ola', order: 1 },
    ]);
    expect(plan.values).toEqual([
      { ownerId: 'c1', attributeId: 'ag', value: 'Health' },
      // P18's second row wins for Years; its empty Agency leaves nothing.
      { ownerId: 'id-1', attributeId: 'yr', value: '4' },
    ]);
    expect(plan.problems.map((p) => [p.row, p.participant, p.message])).toEqual([
      [3, 'P18', '“Housing” is not one of the values of Agency (Health, Police). (row 3, left empty)'],
      [4, '', 'Row 4 has no participant id and is left out.'],
    ]);
    expect(plan.documentCases).toEqual([{ documentId: 'd1', caseId: undefined }]);
    expect([plan.newCases, plan.updatedCases]).toEqual([1, 1]);
  });

  it('refuses two columns that would become the same attribute', () => {
    const proposal = proposalOf(SHEET);
    const choices = initialChoices(proposal, []);
    choices[1] = { ...choices[1]!, name: 'Agency ' };
    expect(() => planParticipantImport({ fileName: 'p.csv', proposal, choices, links: {} }, empty, ids)).toThrow(
      'Two columns would both become the attribute “Agency”; rename one of them.',
    );
  });
});

describe('applying a sheet to the sample project as one command', () => {
  let db: ProjectDb;
  let history: CommandHistory;
  let sample: ProjectData;

  beforeEach(async () => {
    db = new ProjectDb(crypto.randomUUID());
    await db.open();
    sample = await buildSample('sample', 1_000);
    await writeProjectData(db, sample);
    history = new CommandHistory(db, () => 'coder-1');
  });

  it('adds a rating to existing participants and a new participant, and one Undo takes all of it back', async () => {
    const sheet = ['Case,Quality rating', 'P01,Good', 'P02,very good', 'P18,Weak'].join('\n');
    const proposal = proposalOf(sheet);
    const documents = await db.documents.toArray();
    const links = suggestLinks(['P01', 'P02', 'P18'], documents, '').links;
    const plan = planParticipantImport(
      { fileName: 'ratings.csv', proposal, choices: initialChoices(proposal, sample.attributes), links },
      { cases: sample.cases, attributes: sample.attributes, documents },
    );
    // P01 and P02 are already linked to their transcripts, so nothing changes there.
    expect(plan.documentCases).toEqual([]);
    expect([plan.newCases, plan.updatedCases, plan.newAttributes]).toEqual([1, 2, 1]);

    const before = { cases: await db.cases.count(), attributes: await db.attributes.count(), values: await db.attributeValues.count() };
    await history.execute(importParticipantsCommand(plan));
    const rating = (await db.attributes.toArray()).find((a) => a.name === 'Quality rating')!;
    expect(rating).toMatchObject({ type: 'scale', options: SIX_POINT, order: 5 });
    const p02 = (await db.cases.where('name').equals('P02').first())!;
    expect((await db.attributeValues.get([p02.id, rating.id]))?.value).toBe('Very good');
    expect(await db.cases.count()).toBe(before.cases + 1);
    expect(await db.attributeValues.count()).toBe(before.values + 3);

    expect(await history.undo()).toBe('Import participant sheet “ratings.csv”');
    expect({ cases: await db.cases.count(), attributes: await db.attributes.count(), values: await db.attributeValues.count() }).toEqual(before);
  });

  it('refuses the plan when a participant of the same name was added meanwhile, storing nothing', async () => {
    const proposal = proposalOf(['id,role', 'P18,Teacher'].join('\n'));
    const plan = planParticipantImport({ fileName: 'late.csv', proposal, choices: initialChoices(proposal, []), links: {} }, { cases: sample.cases, attributes: sample.attributes, documents: [] });
    await db.cases.put({ id: 'other', name: 'p18', description: '', order: 99 });
    const values = await db.attributeValues.count();
    await expect(history.execute(importParticipantsCommand(plan))).rejects.toThrow('There is already a participant called “p18”; import the sheet again.');
    expect(await db.attributeValues.count()).toBe(values);
    expect(await db.cases.count()).toBe(18);
  });
});
