import { describe, expect, it } from 'vitest';
import { memoContentToPlainText } from '../../../shared/model/memo-content';
import { hashText } from '../../../shared/text/normalise';
import {
  applyPseudonymisation,
  checkPseudonymTable,
  findLeaksInProject,
  planPseudonymisation,
  TermMatcher,
  type PseudonymTable,
} from '../../../shared/protect';
import { smallProject, T0, TEXT_1 } from './small-project';

const TABLE: PseudonymTable = [
  { term: 'Marsh Lane', replacement: '[Street 1]', category: 'place' },
  { term: 'Kayden', replacement: '[Child A]', category: 'person' },
  { term: 'Marsh Lane Primary', replacement: '[School 1]', category: 'school' },
  { term: 'Summer', replacement: '[Child B]', category: 'person', caseSensitive: true },
  { term: 'Dawn', replacement: '[Worker 1]', category: 'person' },
  { term: '07700 900412', replacement: '[phone number]', category: 'case or record number' },
  { term: "St Aidan's", replacement: '[School 2]', category: 'school' },
];

const NEW_TEXT_1 =
  'Interviewer: Tell me about [Child A].\n\n' +
  '[Worker 1]: [Child A] is seven. He goes to [School 1], near [Street 1]. Last summer [Child A] and [Child B] moved.\n\n' +
  '[Worker 1]: Ring me on [phone number]. [School 2] was his old school.';

describe('TermMatcher', () => {
  it('matches whole words only, longest term first', () => {
    const m = new TermMatcher([
      { term: 'Marsh', replacement: 'M', category: 'person' },
      { term: 'Marsh Lane Primary', replacement: 'S', category: 'school' },
      { term: 'Lane', replacement: 'L', category: 'person' },
    ]);
    expect(m.replace('Marsh Lane Primary; Marshall Lane; marsh, Lanes, Lane-Smith').text).toBe('S; Marshall L; M, Lanes, L-Smith');
  });

  it('matches across line breaks and double spaces, either apostrophe, and numbers however they are spaced', () => {
    const m = new TermMatcher([
      { term: "St Aidan's", replacement: '[S]', category: 'school' },
      { term: '07700 900412', replacement: '[P]', category: 'case or record number' },
    ]);
    expect(m.replace('At St  Aidan’s and St\nAidan\'s; 07700900412, 07700-900-412, 07700 900 412; not 077009004123.').text).toBe(
      "At [S] and [S]; [P], [P], [P]; not 077009004123.",
    );
    const more = new TermMatcher([
      { term: '03/03/2019', replacement: '[DOB]', category: 'date' },
      { term: '(0117) 496 0123', replacement: '[P]', category: 'case or record number' },
      { term: '07700 900412', replacement: '[M]', category: 'case or record number' },
    ]);
    expect(more.replace('DOB 03/03/2019 or 03.03.2019; call (0117) 496 0123, 0117 4960123, +44 117 496 0123, +44 (0)7700 900412.').text).toBe(
      'DOB [DOB] or [DOB]; call [P], [P], [P], [M].',
    );
  });

  it('keeps the case of a case-sensitive term, and ignores case otherwise', () => {
    const m = new TermMatcher([
      { term: 'Summer', replacement: 'X', category: 'person', caseSensitive: true },
      { term: 'Kayden', replacement: 'Y', category: 'person' },
    ]);
    expect(m.replace('Summer, summer, SUMMER; Kayden, kayden, KAYDEN').text).toBe('X, summer, SUMMER; Y, Y, Y');
    const strict = new TermMatcher([{ term: 'Kayden', replacement: 'Y', category: 'person' }], true);
    expect(strict.replace('Kayden, kayden').text).toBe('Y, kayden');
  });
});

describe('checkPseudonymTable', () => {
  it('accepts a usable table', () => {
    expect(checkPseudonymTable(TABLE)).toEqual([]);
  });

  it('says what is wrong with an unusable one', () => {
    expect(
      checkPseudonymTable([
        { term: 'Kayden', replacement: 'A', category: 'person' },
        { term: 'kayden', replacement: 'B', category: 'person' },
        { term: 'Jo', replacement: ' ', category: 'person' },
      ]),
    ).toEqual(['"kayden" is in the table twice with different replacements ("A", "B")', '"Jo" has no replacement']);
    expect(checkPseudonymTable([{ term: 'Kayden', replacement: 'Kayden B', category: 'person' }])).toEqual([
      'the replacement "Kayden B" for "Kayden" contains "Kayden", a term of the table',
    ]);
    expect(() => planPseudonymisation(smallProject(), [{ term: 'Kayden', replacement: '', category: 'person' }])).toThrow(
      'The pseudonym table cannot be used: "Kayden" has no replacement.',
    );
  });
});

describe('planPseudonymisation', () => {
  const plan = planPseudonymisation(smallProject(), TABLE);

  it('plans the edits of each text, longest term first', () => {
    expect(plan.texts.map((t) => t.documentId)).toEqual(['doc-1', 'doc-2']);
    const doc1 = plan.texts[0]!.edits;
    expect(doc1.map((e) => [e.original, e.text])).toEqual([
      ['Kayden', '[Child A]'],
      ['Dawn', '[Worker 1]'],
      ['Kayden', '[Child A]'],
      ['Marsh Lane Primary', '[School 1]'],
      ['Marsh Lane', '[Street 1]'],
      ['KAYDEN', '[Child A]'],
      ['Summer', '[Child B]'],
      ['Dawn', '[Worker 1]'],
      ['07700 900412', '[phone number]'],
      ['St Aidan’s', '[School 2]'],
    ]);
    for (const e of doc1) expect(TEXT_1.slice(e.start, e.end)).toBe(e.original);
  });

  it('reports every term: how often, and where', () => {
    const count = Object.fromEntries(plan.report.map((r) => [r.term, r.count]));
    // Counted by hand from small-project.ts (a memo's rich content repeats its plain text and is not counted again).
    expect(count).toEqual({
      'Marsh Lane': 3, // text, project description, memo plain text
      Kayden: 8, // 3 in the text (one "KAYDEN"), project name, memo title and plain text, journal plain text, theme
      'Marsh Lane Primary': 4, // text, attribute option and value, code example
      Summer: 4, // a text each, journal title and plain text ("last summer" is an ordinary word)
      Dawn: 7, // two speaker labels in the text, two turns' speaker, document name and file name, case description
      '07700 900412': 1,
      "St Aidan's": 1,
    });
    expect(plan.total).toBe(28);
    const dawn = plan.report.find((r) => r.term === 'Dawn')!;
    expect(dawn.where).toEqual([
      { kind: 'document text', id: 'doc-1', label: '[Worker 1] interview', field: 'text', count: 2 },
      { kind: 'speaker', id: 'doc-1', label: '[Worker 1] interview', field: 'speaker', count: 2 },
      { kind: 'document', id: 'doc-1', label: '[Worker 1] interview', field: 'name', count: 1 },
      { kind: 'document', id: 'doc-1', label: '[Worker 1] interview', field: 'fileName', count: 1 },
      { kind: 'case', id: 'case-1', label: 'P01', field: 'description', count: 1 },
    ]);
  });

  it('leaves the project it was given as it was', () => {
    const project = smallProject();
    planPseudonymisation(project, TABLE);
    expect(project).toEqual(smallProject());
  });
});

describe('applyPseudonymisation', () => {
  it('replaces the texts and moves codings so they cover the same words, or the replacement of a replaced word', async () => {
    const project = smallProject();
    const out = await applyPseudonymisation(project, planPseudonymisation(project, TABLE), { now: T0 + 1 });
    const text = out.texts[0]!.text;
    expect(text).toBe(NEW_TEXT_1);
    expect(out.texts[1]!.text).toBe('Interviewer: And the other family?\n\nSam: [Child B] is fine. Nothing else to say.');
    const coded = Object.fromEntries(
      out.codings.map((c) => [c.id, out.texts.find((t) => t.id === c.documentId)!.text.slice(c.start, c.end)]),
    );
    expect(coded).toEqual({
      'coding-name': '[Child A]',
      'coding-passage': '[Child A] is seven. He goes to [School 1]',
      'coding-straddle': '[Child A] is seven',
      'coding-plain': 'was his old school',
      'coding-other': 'Nothing else to say',
    });
    // Codings keep everything else.
    expect(out.codings.map(({ start: _s, end: _e, ...rest }) => rest)).toEqual(project.codings.map(({ start: _s, end: _e, ...rest }) => rest));
  });

  it('moves turns and blocks, and replaces the speakers', async () => {
    const project = smallProject();
    const out = await applyPseudonymisation(project, planPseudonymisation(project, TABLE));
    const doc = out.texts[0]!;
    expect(doc.turns.map((t) => [t.speaker, doc.text.slice(t.start, t.end).slice(0, 22), doc.text.slice(t.contentStart, t.contentStart! + 9)])).toEqual([
      ['Interviewer', 'Interviewer: Tell me a', 'Tell me a'],
      ['[Worker 1]', '[Worker 1]: [Child A] ', '[Child A]'],
      ['[Worker 1]', '[Worker 1]: Ring me on', 'Ring me o'],
    ]);
    expect(doc.blocks.map((b) => [b.start, b.end])).toEqual(doc.turns.map((t) => [t.start, t.end]));
    expect(doc.turns[2]!.end).toBe(doc.text.length);
    expect(out.texts[1]!.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Sam']);
  });

  it('replaces memos (title, plain text, rich content split across runs) and moves their anchors', async () => {
    const project = smallProject();
    const out = await applyPseudonymisation(project, planPseudonymisation(project, TABLE), { now: T0 + 1 });
    const anchored = out.memos[0]!;
    expect(anchored.title).toBe('About [Child A]');
    expect(anchored.plainText).toBe('Ask [Child A] about [Street 1].');
    expect(memoContentToPlainText(anchored.content)).toBe('Ask [Child A] about [Street 1].');
    const runs = (JSON.parse(anchored.content) as { root: { children: { children: { text: string; format: number }[] }[] } }).root.children[0]!.children;
    expect(runs.map((r) => [r.text, r.format])).toEqual([
      ['Ask [Child A]', 0],
      [' about [Street 1].', 1],
    ]);
    expect(out.texts[0]!.text.slice(anchored.anchor!.start, anchored.anchor!.end)).toBe('Ring me on [phone number]');
    expect(anchored.updatedAt).toBe(T0 + 1);
    const journal = out.memos[1]!;
    expect(journal.title).toBe('Thinking about [Child B]');
    expect(journal.plainText).toBe('[Child B] and [Child A] both moved last summer.');
    expect(memoContentToPlainText(journal.content)).toBe('[Child B] and [Child A] both moved last summer.');
  });

  it('replaces names wherever else they hide, and changes nothing else', async () => {
    const project = smallProject();
    const out = await applyPseudonymisation(project, planPseudonymisation(project, TABLE), { now: T0 + 1 });
    expect(out.project).toEqual({ ...project.project, name: 'Study with [Child A]', description: 'Interviews in [Street 1].', updatedAt: T0 + 1 });
    expect(out.documents[0]).toEqual({
      ...project.documents[0],
      name: '[Worker 1] interview',
      length: NEW_TEXT_1.length,
      words: 6 + 22 + 13, // counted by hand, turn by turn ("[Worker 1]" is two words)
      source: { ...project.documents[0]!.source, fileName: '[Worker 1].txt', hash: await hashText(NEW_TEXT_1) },
      updatedAt: T0 + 1,
    });
    expect(out.cases.map((c) => c.description)).toEqual(['[Worker 1], social worker', 'Sam, teacher']);
    expect(out.attributes[0]!.options).toEqual(['[School 1]', 'Other']);
    expect(out.attributeValues.map((v) => v.value)).toEqual(['[School 1]', 'Other']);
    expect(out.codes[0]).toEqual({ ...project.codes[0], example: 'He goes to [School 1]' });
    expect(out.themes[0]).toEqual({ ...project.themes[0], definition: 'Keeping [Child A] at one school.' });
    expect(out.coders).toEqual(project.coders);
    // Nothing real is left anywhere, and the input is untouched.
    expect(findLeaksInProject(out, TABLE)).toEqual([]);
    expect(findLeaksInProject(project, TABLE).length).toBeGreaterThanOrEqual(28);
    expect(project).toEqual(smallProject());
  });

  it('changes only the documents asked for, and the memos on them', async () => {
    const project = smallProject();
    const plan = planPseudonymisation(project, TABLE, ['doc-2']);
    expect(plan.total).toBe(1);
    const out = await applyPseudonymisation(project, plan, { now: T0 + 1 });
    expect(out.texts[1]!.text).toBe('Interviewer: And the other family?\n\nSam: [Child B] is fine. Nothing else to say.');
    expect(out.texts[0]).toEqual(project.texts[0]);
    expect(out.memos).toEqual(project.memos);
    expect(out.project).toEqual({ ...project.project, updatedAt: T0 + 1 });
    expect(out.cases).toEqual(project.cases);
    expect(out.documents).toEqual([project.documents[0], { ...project.documents[1], length: out.texts[1]!.text.length, words: 5 + 9, source: out.documents[1]!.source, updatedAt: T0 + 1 }]);
    const other = out.codings.find((c) => c.id === 'coding-other')!;
    expect(out.texts[1]!.text.slice(other.start, other.end)).toBe('Nothing else to say');
  });

  it('refuses a plan made for a text that has since changed', async () => {
    const project = smallProject();
    const plan = planPseudonymisation(project, TABLE);
    project.texts[0]!.text = project.texts[0]!.text.replace('Tell me', 'Please tell me');
    await expect(applyPseudonymisation(project, plan)).rejects.toThrow(
      'The text of "Dawn interview" has changed since the pseudonymisation plan was made; make the plan again.',
    );
  });
});
