/**
 * A colleague's copy of a project: the same project plus the work of a new coder (Carol Diaz), who coded two
 * speaker turns of P03, one with an existing code and one with a code she created ("Trust between agencies").
 * Used by the unit tests and, on an exported file, by the end-to-end test.
 */
import type { CodeRecord, CoderRecord, CodingRecord, ProjectData } from '../../../shared/model/types';

export const CAROL: CoderRecord = { id: '3f2a9c1e-5b7d-4e8f-9a10-2b3c4d5e6f70', name: 'Carol Diaz', initials: 'CD', color: '#228833' };
export const NEW_CODE_NAME = 'Trust between agencies';
export const EXISTING_CODE_NAME = 'Challenging other agencies';
const NEW_CODE_ID = '8e1d2c3b-4a59-4687-8b9c-0d1e2f3a4b5c';
const CODING_IDS = ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e'];
const AT = Date.UTC(2026, 4, 12, 10, 0, 0);

export interface ColleagueWork {
  project: ProjectData;
  /** The passages Carol coded, as text, with the code names she used. */
  passages: { text: string; codeName: string }[];
}

export function addColleagueWork(project: ProjectData): ColleagueWork {
  const doc = project.documents.find((d) => d.name.startsWith('P03'));
  if (!doc) throw new Error('the project has no P03 document');
  const text = project.texts.find((t) => t.id === doc.id);
  const existing = project.codes.find((c) => c.name === EXISTING_CODE_NAME);
  if (!text || !existing) throw new Error('the project lacks P03’s text or the existing code');
  // Two of the participant's turns, without the speaker label: whole words at both ends.
  const turns = text.turns.filter((t) => t.speaker && t.speaker !== 'Interviewer').slice(1, 3);
  if (turns.length < 2) throw new Error('P03 has too few turns');
  const code: CodeRecord = {
    id: NEW_CODE_ID,
    name: NEW_CODE_NAME,
    color: '#aa3377',
    description: 'Where a professional says they trust, or do not trust, another agency.',
    inclusion: '',
    exclusion: '',
    example: '',
    order: project.codes.filter((c) => !c.parentId).length,
    createdAt: AT,
  };
  const codings: CodingRecord[] = turns.map((turn, i) => ({
    id: CODING_IDS[i]!,
    documentId: doc.id,
    codeId: i === 0 ? existing.id : code.id,
    coderId: CAROL.id,
    start: turn.contentStart ?? turn.start,
    end: turn.end,
    createdAt: AT + i,
  }));
  return {
    project: {
      ...project,
      coders: [...project.coders, CAROL],
      codes: [...project.codes, code],
      codings: [...project.codings, ...codings],
    },
    passages: codings.map((c) => ({ text: text.text.slice(c.start, c.end), codeName: c.codeId === code.id ? NEW_CODE_NAME : EXISTING_CODE_NAME })),
  };
}

export const REVIEWED_CODE = 'Language and jargon';
export const REVIEWED_COLOUR = '#cc6677';
export const TYPO_CODE = 'Languge & jargon';
export const ADDED_SENTENCE = 'Looking back, the plain-language summary was what made the difference for the family.';

/**
 * A reviewer's copy that needs decisions: Ben recoloured and redefined "Language and jargon", coded a passage of P02
 * with a misspelt new code ("Languge & jargon"), and coded a sentence he had typed onto the end of P05, which is
 * not in this project's text and so cannot be placed.
 */
export function reviseAsReviewer(project: ProjectData): ProjectData {
  const ben = project.coders.find((c) => c.name === 'Ben Hughes');
  const code = project.codes.find((c) => c.name === REVIEWED_CODE);
  const p02 = project.documents.find((d) => d.name.startsWith('P02'));
  const p05 = project.documents.find((d) => d.name.startsWith('P05'));
  const p02Text = project.texts.find((t) => t.id === p02?.id);
  const p05Text = project.texts.find((t) => t.id === p05?.id);
  if (!ben || !code || !p02 || !p05 || !p02Text || !p05Text) throw new Error('the project lacks what the reviewer works on');
  const typo: CodeRecord = { ...code, id: 'c0ffee00-1111-4222-8333-444455556666', name: TYPO_CODE, parentId: undefined, order: 50 };
  delete typo.parentId;
  const turn = p02Text.turns.filter((t) => t.speaker && t.speaker !== 'Interviewer')[4];
  if (!turn) throw new Error('P02 has too few turns');
  const text = `${p05Text.text}\n\nBen: ${ADDED_SENTENCE}`;
  const sentenceStart = text.length - ADDED_SENTENCE.length;
  const codings: CodingRecord[] = [
    { id: 'c0ffee00-aaaa-4bbb-8ccc-000000000001', documentId: p02.id, codeId: typo.id, coderId: ben.id, start: turn.contentStart ?? turn.start, end: turn.end, createdAt: AT },
    { id: 'c0ffee00-aaaa-4bbb-8ccc-000000000002', documentId: p05.id, codeId: code.id, coderId: ben.id, start: sentenceStart, end: text.length, createdAt: AT },
  ];
  return {
    ...project,
    codes: [
      ...project.codes.map((c) => (c.id === code.id ? { ...c, color: REVIEWED_COLOUR, description: 'Words that shut parents out of the meeting.' } : c)),
      typo,
    ],
    documents: project.documents.map((d) => (d.id === p05.id ? { ...d, length: text.length } : d)),
    texts: project.texts.map((t) =>
      t.id === p05.id ? { ...t, text, blocks: [...t.blocks, { start: text.length - ADDED_SENTENCE.length - 5, end: text.length, kind: 'paragraph' as const }] } : t,
    ),
    codings: [...project.codings, ...codings],
  };
}
