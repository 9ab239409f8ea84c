// A small project whose query answers are worked out by hand in the tests. Codings are given by their quoted text
// (found in the document), so the expectations read as passages rather than offsets.
import type { AttributeValue, Block, CodingRecord, ProjectData, ThemeRecord, Turn } from '../../../shared/model/types';

export interface TurnDoc {
  id: string;
  caseId?: string;
  turns?: [speaker: string, words: string][];
  blocks?: string[];
  plain?: string;
}

/** Lays turns out as "Speaker: words" separated by blank lines; blocks as lines. */
export function layout(doc: TurnDoc): { text: string; turns: Turn[]; blocks: Block[] } {
  if (doc.turns) {
    let text = '';
    const turns: Turn[] = [];
    for (const [speaker, words] of doc.turns) {
      if (text) text += '\n\n';
      const start = text.length;
      text += `${speaker}: `;
      const contentStart = text.length;
      text += words;
      turns.push({ start, end: text.length, speaker, contentStart });
    }
    return { text, turns, blocks: [] };
  }
  if (doc.blocks) {
    let text = '';
    const blocks: Block[] = [];
    for (const b of doc.blocks) {
      if (text) text += '\n';
      blocks.push({ start: text.length, end: text.length + b.length, kind: 'paragraph' });
      text += b;
    }
    return { text, turns: [], blocks };
  }
  return { text: doc.plain ?? '', turns: [], blocks: [] };
}

export const DOCS: TurnDoc[] = [
  {
    id: 'D1',
    caseId: 'C1',
    turns: [
      ['Int', 'How did the meeting go?'],
      ['Nia', 'The parents felt heard. We shared the plan early.'],
      ['Int', 'And the school?'],
      ['Nia', 'Um, yeah. The school was missing again, like, again.'],
    ],
  },
  {
    id: 'D2',
    caseId: 'C2',
    turns: [
      ['Int', 'Tell me about trust.'],
      ['Sam', 'Trust takes time. The parents felt blamed.'],
      ['Sam', 'I shared notes after.'],
    ],
  },
  { id: 'D3', caseId: 'C3', blocks: ['First paragraph about trust and parents.', 'Second paragraph on schools.'] },
  { id: 'D4', caseId: 'C4', plain: 'Nothing coded here but the word trust appears.' },
  { id: 'D5', plain: 'Some words before. Trust matters here. Some words after the end.' },
];

/** [document, code, coder, quote] — the coding covers the first occurrence of the quote. Numbered c1..c13. */
export const CODINGS: [string, string, string, string][] = [
  ['D1', 'A1', 'x', 'The parents felt heard'], // c1
  ['D1', 'P', 'x', 'We shared the plan early'], // c2
  ['D1', 'B', 'y', 'parents felt heard. We shared'], // c3
  ['D1', 'S', 'x', 'The school was missing again'], // c4
  ['D1', 'S', 'y', 'And the school?'], // c5
  ['D2', 'B', 'x', 'Trust takes time'], // c6
  ['D2', 'A', 'y', 'The parents felt blamed'], // c7
  ['D2', 'P', 'x', 'I shared notes after'], // c8
  ['D3', 'B', 'x', 'trust and parents'], // c9
  ['D3', 'A', 'x', 'parents'], // c10
  ['D3', 'S', 'y', 'schools'], // c11
  ['D5', 'B', 'x', 'Trust'], // c12
  ['D1', 'P', 'y', 'shared the plan'], // c13
];

export function buildSmallProject(): ProjectData {
  const texts = DOCS.map((d) => ({ id: d.id, ...layout(d) }));
  const textOf = new Map(texts.map((t) => [t.id, t.text]));
  const codings: CodingRecord[] = CODINGS.map(([documentId, codeId, coderId, quote], i) => {
    const text = textOf.get(documentId)!;
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`fixture: "${quote}" not in ${documentId}`);
    return { id: `c${i + 1}`, documentId, codeId, coderId, start, end: start + quote.length, createdAt: 0 };
  });
  const code = (id: string, name: string, order: number, parentId?: string) => ({
    id, name, ...(parentId ? { parentId } : {}), color: '#000000', description: '', inclusion: '', exclusion: '', example: '', order, createdAt: 0,
  });
  const theme = (id: string, name: string, codeIds: string[], order: number, parentId?: string): ThemeRecord => ({
    id, name, definition: '', boundaries: '', status: 'candidate', ...(parentId ? { parentId } : {}), codeIds, color: '#000000', order, createdAt: 0, updatedAt: 0,
  });
  const values: AttributeValue[] = [
    { ownerId: 'C1', attributeId: 'agency', value: 'Health' },
    { ownerId: 'C2', attributeId: 'agency', value: 'Police' },
    { ownerId: 'C3', attributeId: 'agency', value: 'Health' },
    { ownerId: 'C4', attributeId: 'agency', value: 'Education' },
    { ownerId: 'C1', attributeId: 'role', value: 'Nurse' },
    { ownerId: 'C2', attributeId: 'role', value: 'Detective' },
    { ownerId: 'C4', attributeId: 'role', value: 'Teacher' },
    { ownerId: 'D1', attributeId: 'format', value: 'In person' },
    { ownerId: 'D2', attributeId: 'format', value: 'Online' },
  ];
  return {
    project: { id: 'p', name: 'Small', description: '', createdAt: 0, updatedAt: 0 },
    documents: DOCS.map((d, i) => ({
      id: d.id,
      name: `Doc ${d.id}`,
      ...(d.caseId ? { caseId: d.caseId } : {}),
      order: i,
      length: textOf.get(d.id)!.length,
      words: 0,
      source: { fileName: `${d.id}.txt`, size: 0, format: 'txt', hash: '', importedAt: 0 },
      createdAt: 0,
      updatedAt: 0,
    })),
    texts,
    cases: ['C1', 'C2', 'C3', 'C4'].map((id, i) => ({ id, name: `P0${i + 1}`, description: '', order: i })),
    attributes: [
      { id: 'agency', name: 'Agency', scope: 'case', type: 'category', options: ['Health', 'Police', 'Education', 'Social care'], order: 0 },
      { id: 'role', name: 'Role', scope: 'case', type: 'text', options: [], order: 1 },
      { id: 'format', name: 'Format', scope: 'document', type: 'category', options: ['In person', 'Online'], order: 2 },
    ],
    attributeValues: values,
    codes: [code('A', 'Parents', 0), code('A1', 'Parents heard', 1, 'A'), code('B', 'Trust', 2), code('S', 'School', 3), code('P', 'Planning', 4)],
    codings,
    memos: [],
    themes: [theme('T1', 'Partnership', ['A', 'P'], 0), theme('T1a', 'Being heard', ['A1'], 0, 'T1'), theme('T2', 'Relationships', ['B'], 1)],
    coders: [
      { id: 'x', name: 'Xin', initials: 'XI', color: '#000000' },
      { id: 'y', name: 'Yara', initials: 'YA', color: '#000000' },
    ],
  };
}

/** The text of a document of the small project. */
export function textOf(project: ProjectData, documentId: string): string {
  return project.texts.find((t) => t.id === documentId)!.text;
}
