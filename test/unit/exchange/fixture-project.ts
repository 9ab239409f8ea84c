/** A small project that uses every part of the model the exchange must carry. Texts are stored (normalised). */
import type { ProjectData } from '../../../shared/model/types';
import { stableId } from '../../../shared/model/stable-id';
import { plainTextToMemoContent } from '../../../shared/model/memo-content';
import { countWords } from '../../../shared/text/normalise';
import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const id = (seed: string): string => stableId(`exchange-test/${seed}`);

const T0 = Date.UTC(2024, 2, 4, 9, 30, 12, 345);

export const TEXT_A =
  'Interviewer: How did the meeting go?\n' +
  'Dawn: Honestly 😀 it was the first time the school and the health visitor sat together.\n' +
  'Dawn: We agreed a plan for Zoë – 𝒳 marks the spot – and the parents felt heard.\n';

export const TEXT_B =
  'Interviewer: What changed for you?\n' +
  'Sam: I felt more confident challenging the police about sharing information.\n' +
  'Sam: Partnership with parents and carers made the difference.\n';

/** The offset of a phrase in a text (first occurrence), checked so a typo in a test fails loudly. */
export function at(text: string, phrase: string): [number, number] {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`phrase not found: ${phrase}`);
  return [start, start + phrase.length];
}

export function fixtureProject(): ProjectData {
  const coderA = id('coder/amara');
  const coderB = id('coder/ben');
  const docA = id('doc/a');
  const docB = id('doc/b');
  const caseA = id('case/dawn');
  const caseB = id('case/sam');
  const codes = {
    partnership: id('code/partnership'),
    parents: id('code/partnership/parents'),
    heard: id('code/partnership/parents/heard'),
    confidence: id('code/confidence'),
    sharing: id('code/sharing'),
  };
  const code = (key: keyof typeof codes, name: string, parentId: string | undefined, order: number, color: string) => ({
    id: codes[key],
    name,
    ...(parentId ? { parentId } : {}),
    color,
    description: `${name}: what it means.`,
    inclusion: key === 'partnership' ? 'Working with families & carers' : '',
    exclusion: key === 'partnership' ? 'Work between <professionals> only' : '',
    example: key === 'heard' ? '"the parents felt heard"' : '',
    order,
    createdAt: T0 + order,
    ...(key === 'confidence' ? { history: [{ at: T0 - 1000, note: 'Merged "Self-belief" into this code' }] } : {}),
  });
  const coding = (
    name: string,
    documentId: string,
    text: string,
    phrase: string,
    codeId: string,
    coderId: string,
    exemplar = false,
  ) => {
    const [start, end] = at(text, phrase);
    return { id: id(`coding/${name}`), documentId, codeId, coderId, start, end, createdAt: T0 + 5000, ...(exemplar ? { exemplar: true } : {}) };
  };
  const richMemo = JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: [
        { type: 'heading', tag: 'h2', version: 1, direction: 'ltr', format: '', indent: 0, children: [{ type: 'text', version: 1, text: 'Reflection', detail: 0, format: 1, mode: 'normal', style: '' }] },
        { type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: 'I noticed my own bias 😀.', detail: 0, format: 2, mode: 'normal', style: '' }] },
      ],
    },
  });
  return {
    project: { id: id('project'), name: 'Multi-agency meetings', description: 'Team analysis of 2 interviews.', createdAt: T0, updatedAt: T0 + 86_400_000 },
    documents: [
      {
        id: docA,
        name: 'Interview Dawn',
        caseId: caseA,
        order: 0,
        length: TEXT_A.length,
        words: countWords(TEXT_A),
        source: { fileName: 'dawn.docx', size: 12345, format: 'docx', hash: sha256(TEXT_A), importedAt: T0, encoding: 'utf-8' },
        createdAt: T0,
        updatedAt: T0 + 10,
      },
      {
        id: docB,
        name: 'Interview Sam',
        caseId: caseB,
        order: 1,
        length: TEXT_B.length,
        words: countWords(TEXT_B),
        source: { fileName: 'sam.txt', size: 200, format: 'txt', hash: sha256(TEXT_B), importedAt: T0 },
        createdAt: T0 + 1,
        updatedAt: T0 + 11,
      },
    ],
    texts: [
      {
        id: docA,
        text: TEXT_A,
        turns: [
          { start: 0, end: 36, speaker: 'Interviewer' },
          { start: 37, end: TEXT_A.indexOf('\nDawn: We'), speaker: 'Dawn', time: 12.5 },
        ],
        blocks: [{ start: 0, end: 36, kind: 'paragraph' }, { start: 37, end: 60, kind: 'heading', level: 2 }],
      },
      { id: docB, text: TEXT_B, turns: [], blocks: [] },
    ],
    cases: [
      { id: caseA, name: 'Dawn', description: 'Health visitor', order: 0 },
      { id: caseB, name: 'Sam', description: '', order: 1 },
    ],
    attributes: [
      { id: id('attr/agency'), name: 'Agency', scope: 'case', type: 'category', options: ['Health', 'Police', 'School'], order: 0 },
      { id: id('attr/years'), name: 'Years in practice', scope: 'case', type: 'number', options: [], order: 1 },
      { id: id('attr/date'), name: 'Interview date', scope: 'document', type: 'date', options: [], order: 2 },
      { id: id('attr/rating'), name: 'Rating', scope: 'document', type: 'scale', options: ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'], order: 3 },
    ],
    attributeValues: [
      { ownerId: caseA, attributeId: id('attr/agency'), value: 'Health' },
      { ownerId: caseB, attributeId: id('attr/agency'), value: 'Police' },
      { ownerId: caseA, attributeId: id('attr/years'), value: '12.5' },
      { ownerId: docA, attributeId: id('attr/date'), value: '2024-03-01' },
      { ownerId: docB, attributeId: id('attr/rating'), value: 'Very good' },
    ],
    codes: [
      code('partnership', 'Partnership with parents and carers', undefined, 0, '#4477aa'),
      code('parents', 'Parents', codes.partnership, 0, '#66ccee'),
      code('heard', 'Feeling heard', codes.parents, 0, '#228833'),
      code('confidence', 'Professional confidence', undefined, 1, '#ccbb44'),
      code('sharing', 'Information sharing', undefined, 2, '#ee6677'),
    ],
    codings: [
      coding('a1', docA, TEXT_A, 'the parents felt heard', codes.heard, coderA, true),
      coding('a2', docA, TEXT_A, 'the parents felt heard', codes.heard, coderB),
      coding('a3', docA, TEXT_A, 'Honestly 😀 it was the first time', codes.partnership, coderA),
      coding('a4', docA, TEXT_A, 'Zoë – 𝒳 marks the spot', codes.parents, coderB),
      coding('b1', docB, TEXT_B, 'I felt more confident challenging the police', codes.confidence, coderA),
      coding('b2', docB, TEXT_B, 'sharing information', codes.sharing, coderB),
      coding('b3', docB, TEXT_B, 'Partnership with parents and carers made the difference', codes.partnership, coderB),
    ],
    memos: [
      { id: id('memo/project'), targetType: 'project', targetId: id('project'), title: 'Aims', content: plainTextToMemoContent('Why we do this.'), plainText: 'Why we do this.', createdAt: T0, updatedAt: T0 + 1 },
      { id: id('memo/journal'), targetType: 'journal', targetId: id('project'), title: 'Day 1', content: richMemo, plainText: 'Reflection\nI noticed my own bias 😀.', date: '2024-03-04', authorId: coderA, createdAt: T0, updatedAt: T0 + 2 },
      { id: id('memo/doc'), targetType: 'document', targetId: docA, title: 'About Dawn', content: plainTextToMemoContent('Long pauses.'), plainText: 'Long pauses.', authorId: coderB, createdAt: T0, updatedAt: T0 + 3 },
      { id: id('memo/code'), targetType: 'code', targetId: codes.confidence, title: 'Scope', content: plainTextToMemoContent('Includes "challenge".'), plainText: 'Includes "challenge".', createdAt: T0, updatedAt: T0 + 4 },
      { id: id('memo/coding'), targetType: 'coding', targetId: id('coding/b1'), title: 'Strong quote', content: plainTextToMemoContent('Use in paper.'), plainText: 'Use in paper.', authorId: coderA, createdAt: T0, updatedAt: T0 + 5 },
      { id: id('memo/theme'), targetType: 'theme', targetId: id('theme/partnership'), title: 'Theme note', content: plainTextToMemoContent('Central & clear.'), plainText: 'Central & clear.', createdAt: T0, updatedAt: T0 + 6 },
      { id: id('memo/case'), targetType: 'case', targetId: caseB, title: 'Sam', content: plainTextToMemoContent('Police officer.'), plainText: 'Police officer.', createdAt: T0, updatedAt: T0 + 7 },
    ],
    themes: [
      { id: id('theme/partnership'), name: 'Partnership with parents and carers', definition: 'Families as partners.', boundaries: 'Not professional-only work.', status: 'defined', codeIds: [codes.partnership, codes.parents, codes.heard], color: '#117733', order: 0, createdAt: T0, updatedAt: T0 + 20 },
      { id: id('theme/heard'), name: 'Being heard', definition: '', boundaries: '', status: 'candidate', parentId: id('theme/partnership'), codeIds: [codes.heard], color: '#88ccee', order: 1, createdAt: T0, updatedAt: T0 + 21 },
      { id: id('theme/confidence'), name: 'Professional confidence', definition: 'Confidence to challenge.', boundaries: '', status: 'under review', codeIds: [codes.confidence, codes.sharing], color: '#cc6677', order: 2, createdAt: T0, updatedAt: T0 + 22 },
      { id: id('theme/empty'), name: 'Emerging', definition: '', boundaries: '', status: 'candidate', codeIds: [], color: '#bbbbbb', order: 3, createdAt: T0, updatedAt: T0 + 23 },
    ],
    coders: [
      { id: coderA, name: 'Amara Okafor', initials: 'AO', color: '#4477aa' },
      { id: coderB, name: 'Ben Hughes', initials: 'BH', color: '#ee6677' },
    ],
  };
}
