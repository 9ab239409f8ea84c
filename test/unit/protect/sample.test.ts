/**
 * Suggestions and pseudonymisation on the built-in sample project: 17 synthetic interviews naming fictional
 * children, parents, carers, schools and streets, with phone numbers in the 07700 900xxx drama range and dates of
 * birth spoken in words. The expected names below were read from the transcripts (shared/sample/transcripts/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../../shared/model/types';
import {
  applyPseudonymisation,
  findLeaks,
  findLeaksInProject,
  planPseudonymisation,
  suggestionsToTable,
  suggestPseudonyms,
  type PlannedEdit,
  type PseudonymisationPlan,
  type PseudonymSuggestion,
  type PseudonymTable,
} from '../../../shared/protect';
import { buildSample, sampleTranscripts } from '../../../shared/sample';

const PEOPLE = [
  'Kayden', 'Lily-Mae', 'Shannon', 'Jackie', 'Maureen', 'Mason', 'Ellie-Rose', 'Danielle', 'Noah', 'Summer', 'Jaxon',
  'Leanne', 'Hollie', 'Lee Fraser', 'Hodan', 'Janet', 'Phil', 'Adeyemi', 'Kerry-Ann', 'Lily', 'Jordan', 'Stacey',
  'Ruby', 'Alfie', 'Amara', 'Boo-boo',
];
const STREETS = [
  'Cranfield Road', 'Foxglove Road', 'Sycamore Drive', 'Rowan Street', 'Millfield Road', 'Cedar Close', 'Larch Close',
  'Wensley Court', 'Beacon House', 'Hollins Way',
];
const ESTATES = ['Marlowe', 'Fenwick', 'Ashgrove', 'Marsh Lane'];
const SCHOOLS = ['St Aidan', 'Marsh Lane Primary', 'Brookfield Primary', 'Holm Park Infants', 'Kingsmere High'];
const PHONES = ['07700 900412', '07700 900187', '07700 900263', '07700 900418', '01632 960314'];
const DATES_OF_BIRTH = [
  'the fourteenth of September 2018', 'the third of November', 'the second of May 2023', 'the twenty-first of June 2017',
  'the third of February 2011', 'the thirtieth of November 2021', 'the 3rd of February', 'the 28th of June 2025',
];

let project: ProjectData;
let suggestions: PseudonymSuggestion[];
let table: PseudonymTable;
let plan: PseudonymisationPlan;
let out: ProjectData;

beforeAll(async () => {
  project = await buildSample('sample-project', Date.UTC(2026, 5, 1));
  suggestions = suggestPseudonyms(project);
  table = suggestionsToTable(suggestions);
  plan = planPseudonymisation(project, table);
  out = await applyPseudonymisation(project, plan, { now: Date.UTC(2026, 5, 2) });
});

const byTerm = (term: string): PseudonymSuggestion | undefined => suggestions.find((s) => s.term === term);

describe('suggestions on the sample project', () => {
  it('suggests every participant speaker, and not the interviewer', () => {
    const speakers = sampleTranscripts.map((t) => t.participant.speaker);
    expect(speakers).toHaveLength(17);
    expect(suggestions.filter((s) => s.reason === 'speaker').map((s) => s.term).sort()).toEqual([...speakers].sort());
    expect(byTerm('Interviewer')).toBeUndefined();
  });

  it('suggests the children, parents and carers named in the interviews', () => {
    const missing = PEOPLE.filter((name) => !byTerm(name));
    expect(missing).toEqual([]);
    expect(PEOPLE.filter((name) => byTerm(name)!.category !== 'person')).toEqual([]);
  });

  it('suggests streets, estates and schools, with their categories', () => {
    expect([...STREETS, ...ESTATES, ...SCHOOLS].filter((name) => !byTerm(name))).toEqual([]);
    expect(STREETS.filter((name) => byTerm(name)!.category !== 'place')).toEqual([]);
    expect(SCHOOLS.filter((name) => byTerm(name)!.category !== 'school')).toEqual([]);
  });

  it('suggests every phone number and date of birth, and nothing else by those patterns', () => {
    expect(suggestions.filter((s) => s.reason === 'phone number').map((s) => s.term).sort()).toEqual([...PHONES].sort());
    expect(suggestions.filter((s) => s.reason === 'date of birth').map((s) => s.term).sort()).toEqual([...DATES_OF_BIRTH].sort());
    expect(byTerm('07700 900412')).toMatchObject({ replacement: '[phone number]', category: 'case or record number', count: 1 });
  });

  it('leaves out common capitalised words, acronyms, months and days', () => {
    for (const word of ['I', 'I’m', 'Interviewer', 'LAC', 'IRO', 'PEPs', 'ICPCs', 'Section', 'January', 'Friday', 'Thursdays', 'English', 'Year', 'Mum', 'Working Together']) {
      expect(byTerm(word), word).toBeUndefined();
    }
  });

  it('suggests a name that is also an ordinary word only case-sensitively', () => {
    // "Summer" is a child; "last summer" is a season.
    expect(byTerm('Summer')).toMatchObject({ category: 'person', caseSensitive: true });
    expect(project.texts.some((t) => /last summer/.test(t.text))).toBe(true);
    expect(byTerm('Kayden')!.caseSensitive).toBeUndefined();
  });

  it('does not suggest a term already in the table, and can look at some documents only', () => {
    const first = project.documents[0]!.id;
    const some = suggestPseudonyms(project, { documentIds: [first], exclude: [{ term: 'kayden', replacement: 'x', category: 'person' }] });
    expect(some.find((s) => s.term === 'Kayden')).toBeUndefined();
    expect(some.map((s) => s.term)).toEqual(expect.arrayContaining(['Dawn', 'Lily-Mae', 'Shannon', 'Cranfield Road', '07700 900412']));
    expect(some.every((s) => s.documentIds.every((id) => id === first))).toBe(true);
    expect(some.find((s) => s.term === 'Mason')).toBeUndefined();
  });
});

/** What a coding's text must become, worked out from the plan with plain string operations. */
function expectedCodedText(old: string, edits: readonly PlannedEdit[], start: number, end: number): string {
  let text = '';
  let pos = start;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.end <= start || edit.start >= end) continue;
    // An edit reaching in from either side brings its whole replacement; one inside replaces its words.
    if (edit.start > pos) text += old.slice(pos, edit.start);
    text += edit.text;
    pos = Math.min(edit.end, end);
  }
  return text + old.slice(Math.max(pos, start), end);
}

describe('pseudonymising the sample project with every suggestion', () => {
  it('keeps every coding on the same words, except words that were themselves replaced', () => {
    const oldText = new Map(project.texts.map((t) => [t.id, t.text]));
    const newText = new Map(out.texts.map((t) => [t.id, t.text]));
    const editsOf = new Map(plan.texts.map((t) => [t.documentId, t.edits]));
    expect(out.codings).toHaveLength(project.codings.length);
    let untouched = 0;
    let changed = 0;
    for (const [i, coding] of out.codings.entries()) {
      const before = project.codings[i]!;
      expect(coding.id).toBe(before.id);
      const old = oldText.get(before.documentId)!;
      const edits = editsOf.get(before.documentId) ?? [];
      const now = newText.get(coding.documentId)!.slice(coding.start, coding.end);
      expect(now, `coding ${coding.id}`).toBe(expectedCodedText(old, edits, before.start, before.end));
      if (edits.some((e) => e.end > before.start && e.start < before.end)) changed++;
      else {
        expect(now).toBe(old.slice(before.start, before.end));
        untouched++;
      }
    }
    // Most passages name no one; some do.
    expect(untouched).toBeGreaterThan(changed);
    expect(changed).toBeGreaterThan(20);
  });

  it('replaced the words people were named by, and left the season alone', () => {
    const all = out.texts.map((t) => t.text).join('\n');
    expect(all).toContain('last summer');
    expect(all).not.toMatch(/Kayden|Lily-Mae|Cranfield Road|07700 900412|fourteenth of September 2018/);
    const p01 = out.texts[0]!;
    expect(p01.turns[1]!.speaker).toBe(byTerm('Dawn')!.replacement);
    expect(p01.text.slice(p01.turns[1]!.start, p01.turns[1]!.contentStart)).toBe(`${byTerm('Dawn')!.replacement}: `);
    expect(out.cases[0]!.description).toBe(`${byTerm('Dawn')!.replacement}, Social worker`);
  });

  it('leaves no real term anywhere in the project or in its .qdpx export', () => {
    expect(findLeaksInProject(project, table).length).toBeGreaterThan(900);
    expect(findLeaksInProject(out, table)).toEqual([]);
    expect(findLeaks(writeQdpx(out), table, { fileName: 'sample.qdpx' })).toEqual([]);
  });

  it('reports each term with its count and places', () => {
    const kayden = plan.report.find((r) => r.term === 'Kayden')!;
    // Two interviews name a Kayden (P01 and P10); the codebook's example quotes and memos name no one.
    const counts = project.texts.map((t) => [t.id, [...t.text.matchAll(/\bKayden\b/g)].length] as const).filter(([, n]) => n > 0);
    expect(counts.map(([id]) => project.documents.find((d) => d.id === id)!.name)).toEqual(['P01 Social worker', 'P10 Primary head teacher']);
    expect(kayden.where.map((w) => [w.kind, w.id, w.count])).toEqual(counts.map(([id, n]) => ['document text', id, n]));
    expect(kayden.count).toBe(counts.reduce((sum, [, n]) => sum + n, 0));
    expect(plan.total).toBe(plan.report.reduce((n, r) => n + r.count, 0));
  });
});
