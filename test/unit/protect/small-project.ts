/** A small project with names in every place a name can hide, for the pseudonymisation tests. */
import { plainTextToMemoContent } from '../../../shared/model/memo-content';
import type { ProjectData, Turn } from '../../../shared/model/types';

export const T0 = Date.UTC(2025, 0, 6, 10, 0, 0);

export const TEXT_1 =
  'Interviewer: Tell me about Kayden.\n\n' +
  'Dawn: Kayden is seven. He goes to Marsh Lane Primary, near Marsh Lane. Last summer KAYDEN and Summer moved.\n\n' +
  'Dawn: Ring me on 07700 900412. St Aidan’s was his old school.';

export const TEXT_2 = 'Interviewer: And the other family?\n\nSam: Summer is fine. Nothing else to say.';

/** The offset of a phrase (first occurrence at or after `from`), so a typo in a test fails loudly. */
export function at(text: string, phrase: string, from = 0): [number, number] {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`phrase not found: ${phrase}`);
  return [start, start + phrase.length];
}

function turnsOf(text: string): Turn[] {
  const turns: Turn[] = [];
  let start = 0;
  for (const paragraph of text.split('\n\n')) {
    const colon = paragraph.indexOf(': ');
    turns.push({ start, end: start + paragraph.length, speaker: paragraph.slice(0, colon), contentStart: start + colon + 2 });
    start += paragraph.length + 2;
  }
  return turns;
}

export function smallProject(): ProjectData {
  const coding = (id: string, documentId: string, text: string, phrase: string, from = 0) => {
    const [start, end] = at(text, phrase, from);
    return { id, documentId, codeId: 'code-1', coderId: 'coder-1', start, end, createdAt: T0 };
  };
  return {
    project: { id: 'project-1', name: 'Study with Kayden', description: 'Interviews in Marsh Lane.', createdAt: T0, updatedAt: T0 },
    documents: [
      {
        id: 'doc-1', name: 'Dawn interview', caseId: 'case-1', order: 0, length: TEXT_1.length, words: 30,
        source: { fileName: 'Dawn.txt', size: 200, format: 'txt', hash: 'old-hash-1', importedAt: T0 }, createdAt: T0, updatedAt: T0,
      },
      {
        id: 'doc-2', name: 'Sam interview', caseId: 'case-2', order: 1, length: TEXT_2.length, words: 12,
        source: { fileName: 'sam.txt', size: 80, format: 'txt', hash: 'old-hash-2', importedAt: T0 }, createdAt: T0, updatedAt: T0,
      },
    ],
    texts: [
      { id: 'doc-1', text: TEXT_1, turns: turnsOf(TEXT_1), blocks: turnsOf(TEXT_1).map((t) => ({ start: t.start, end: t.end, kind: 'paragraph' as const })) },
      { id: 'doc-2', text: TEXT_2, turns: turnsOf(TEXT_2), blocks: [] },
    ],
    cases: [
      { id: 'case-1', name: 'P01', description: 'Dawn, social worker', order: 0 },
      { id: 'case-2', name: 'P02', description: 'Sam, teacher', order: 1 },
    ],
    attributes: [{ id: 'attr-1', name: 'School', scope: 'case', type: 'category', options: ['Marsh Lane Primary', 'Other'], order: 0 }],
    attributeValues: [
      { ownerId: 'case-1', attributeId: 'attr-1', value: 'Marsh Lane Primary' },
      { ownerId: 'case-2', attributeId: 'attr-1', value: 'Other' },
    ],
    codes: [
      {
        id: 'code-1', name: 'School moves', color: '#4477aa', description: 'Moves of school.', inclusion: '', exclusion: '',
        example: 'He goes to Marsh Lane Primary', order: 0, createdAt: T0,
      },
    ],
    codings: [
      // The child's name alone; a passage with names inside; a passage that starts inside a name; untouched words.
      coding('coding-name', 'doc-1', TEXT_1, 'Kayden', 30),
      coding('coding-passage', 'doc-1', TEXT_1, 'Kayden is seven. He goes to Marsh Lane Primary'),
      coding('coding-straddle', 'doc-1', TEXT_1, 'den is seven'),
      coding('coding-plain', 'doc-1', TEXT_1, 'was his old school'),
      coding('coding-other', 'doc-2', TEXT_2, 'Nothing else to say'),
    ],
    memos: [
      {
        id: 'memo-anchored', targetType: 'document', targetId: 'doc-1', title: 'About Kayden',
        content: JSON.stringify({
          root: {
            type: 'root', version: 1, direction: 'ltr', format: '', indent: 0,
            children: [
              {
                type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '',
                children: [
                  // "Kayden" split across two formatted runs, as an editor writes a name half in bold.
                  { type: 'text', version: 1, text: 'Ask Kay', detail: 0, format: 0, mode: 'normal', style: '' },
                  { type: 'text', version: 1, text: 'den about Marsh Lane.', detail: 0, format: 1, mode: 'normal', style: '' },
                ],
              },
            ],
          },
        }),
        plainText: 'Ask Kayden about Marsh Lane.',
        anchor: { start: at(TEXT_1, 'Ring me on 07700 900412')[0], end: at(TEXT_1, 'Ring me on 07700 900412')[1] },
        createdAt: T0, updatedAt: T0,
      },
      {
        id: 'memo-journal', targetType: 'journal', targetId: 'project-1', title: 'Thinking about Summer',
        content: plainTextToMemoContent('Summer and Kayden both moved last summer.'), plainText: 'Summer and Kayden both moved last summer.',
        createdAt: T0, updatedAt: T0,
      },
    ],
    themes: [
      { id: 'theme-1', name: 'Stability', definition: 'Keeping Kayden at one school.', boundaries: '', status: 'candidate', codeIds: ['code-1'], color: '#ee6677', order: 0, createdAt: T0, updatedAt: T0 },
    ],
    coders: [{ id: 'coder-1', name: 'Amara Okafor', initials: 'AO', color: '#4477aa' }],
  };
}
