// Builds small projects for the agreement tests: documents with text, turns or blocks, codes and codings.
import type { Block, CodeRecord, CodingRecord, ProjectData, Turn } from '../../../shared/model/types';

export interface DocSpec {
  id: string;
  text: string;
  turns?: Turn[];
  blocks?: Block[];
}

/** [document, code, coder, start, end] */
export type CodingSpec = [string, string, string, number, number];

export function makeProject(options: {
  documents: DocSpec[];
  codes: { id: string; name: string; parentId?: string }[];
  coders: { id: string; name: string }[];
  codings: CodingSpec[];
}): ProjectData {
  const codes: CodeRecord[] = options.codes.map((c, i) => ({
    id: c.id,
    name: c.name,
    ...(c.parentId ? { parentId: c.parentId } : {}),
    color: '#336699',
    description: '',
    inclusion: '',
    exclusion: '',
    example: '',
    order: i,
    createdAt: 0,
  }));
  const codings: CodingRecord[] = options.codings.map(([documentId, codeId, coderId, start, end], i) => ({
    id: `coding-${i}`,
    documentId,
    codeId,
    coderId,
    start,
    end,
    createdAt: 0,
  }));
  return {
    project: { id: 'p', name: 'Test', description: '', createdAt: 0, updatedAt: 0 },
    documents: options.documents.map((d, i) => ({
      id: d.id,
      name: `Document ${d.id}`,
      order: i,
      length: d.text.length,
      words: 0,
      source: { fileName: `${d.id}.txt`, size: d.text.length, format: 'txt', hash: '', importedAt: 0 },
      createdAt: 0,
      updatedAt: 0,
    })),
    texts: options.documents.map((d) => ({ id: d.id, text: d.text, turns: d.turns ?? [], blocks: d.blocks ?? [] })),
    cases: [],
    attributes: [],
    attributeValues: [],
    codes,
    codings,
    memos: [],
    themes: [],
    coders: options.coders.map((c) => ({ ...c, initials: c.name.slice(0, 2).toUpperCase(), color: '#000000' })),
  };
}

export const coders = [
  { id: 'a', name: 'Alice' },
  { id: 'b', name: 'Bob' },
  { id: 'c', name: 'Chen' },
];
