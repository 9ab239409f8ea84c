import { paletteColor } from '../model/palette';
import { plainTextToMemoContent } from '../model/memo-content';
import { stableId } from '../model/stable-id';
import type {
  AttributeDefinition,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  DocumentRecord,
  DocumentText,
  MemoRecord,
  ProjectData,
  ThemeRecord,
  Turn,
} from '../model/types';
import { countWords, hashText } from '../text/normalise';
import type { SampleCode, SampleCoding, SampleTheme, SampleTranscript } from './format';

export interface SampleInput {
  transcripts: readonly SampleTranscript[];
  codebook: readonly SampleCode[];
  codings: readonly SampleCoding[];
  themes: readonly SampleTheme[];
}

export const SAMPLE_PROJECT_NAME = 'Multi-agency meetings when a child comes into care (sample)';

const AGENCIES = ['Children’s social care', 'Health', 'Education', 'Police', 'Family support'];
const LOCALITIES = ['Northbridge', 'Eastfield', 'Harrow Vale', 'Kingsmere'];

export const SAMPLE_CODERS: Record<'A' | 'B', CoderRecord> = {
  A: { id: stableId('sample/coder/A'), name: 'Amara Okafor', initials: 'AO', color: '#4477aa' },
  B: { id: stableId('sample/coder/B'), name: 'Ben Hughes', initials: 'BH', color: '#ee6677' },
};

function seconds(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/**
 * Lays out a transcript as stored text: one paragraph per turn, "Speaker: words", turns separated by a blank line.
 * The label stays in the text (as a transcript file would have it) and the turn records where the words begin.
 */
export function layoutTranscript(transcript: SampleTranscript): { text: string; turns: Turn[] } {
  let text = '';
  const turns: Turn[] = [];
  for (const [speaker, time, words] of transcript.turns) {
    if (text) text += '\n\n';
    const start = text.length;
    text += `${speaker}: `;
    const contentStart = text.length;
    text += words.normalize('NFC');
    turns.push({ start, end: text.length, speaker, time: seconds(time), contentStart });
  }
  return { text, turns };
}

/** Builds the sample project from its data. `now` fixes the timestamps (for tests). */
export async function buildSampleProject(input: SampleInput, projectId: string, now = Date.now()): Promise<ProjectData> {
  const attr = (name: string, type: AttributeDefinition['type'], options: string[], order: number, scope: AttributeDefinition['scope'] = 'case'): AttributeDefinition => ({
    id: stableId(`sample/attribute/${name}`), name, scope, type, options, order,
  });
  const agency = attr('Agency', 'category', AGENCIES, 0);
  const role = attr('Role', 'text', [], 1);
  const years = attr('Years in practice', 'number', [], 2);
  const locality = attr('Locality', 'category', LOCALITIES, 3);
  const interviewDate = attr('Interview date', 'date', [], 4, 'document');

  const cases: CaseRecord[] = [];
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const attributeValues: AttributeValue[] = [];
  const layouts = new Map<string, { documentId: string; text: string; turns: Turn[] }>();

  for (const [index, transcript] of input.transcripts.entries()) {
    const p = transcript.participant;
    const caseId = stableId(`sample/case/${p.id}`);
    cases.push({ id: caseId, name: p.id, description: `${p.speaker}, ${p.role}`, order: index });
    attributeValues.push(
      { ownerId: caseId, attributeId: agency.id, value: p.agency },
      { ownerId: caseId, attributeId: role.id, value: p.role },
      { ownerId: caseId, attributeId: years.id, value: String(p.yearsInPractice) },
      { ownerId: caseId, attributeId: locality.id, value: p.locality },
    );
    const documentId = stableId(`sample/document/${p.id}`);
    const { text, turns } = layoutTranscript(transcript);
    documents.push({
      id: documentId,
      name: `${p.id} ${p.role}`,
      caseId,
      order: index,
      length: text.length,
      words: countWords(text),
      source: { fileName: `${p.id}.txt`, size: new TextEncoder().encode(text).length, format: 'sample', hash: await hashText(text), importedAt: now },
      createdAt: now,
      updatedAt: now,
    });
    texts.push({ id: documentId, text, turns, blocks: turns.map((t) => ({ start: t.start, end: t.end, kind: 'paragraph' as const })) });
    attributeValues.push({ ownerId: documentId, attributeId: interviewDate.id, value: transcript.date });
    layouts.set(p.id, { documentId, text, turns });
  }

  const codes: CodeRecord[] = [];
  const codeIdByPath = new Map<string, string>();
  const topLevelIndex = new Map<string, number>();
  for (const [index, code] of input.codebook.entries()) {
    const parts = code.path.split('/');
    const name = parts.pop()!;
    const parentPath = parts.join('/');
    const parentId = parentPath ? codeIdByPath.get(parentPath) : undefined;
    if (parentPath && !parentId) throw new Error(`Sample codebook: "${code.path}" comes before its parent`);
    const top = parts[0] ?? name;
    if (!topLevelIndex.has(top)) topLevelIndex.set(top, topLevelIndex.size);
    const id = stableId(`sample/code/${code.path}`);
    codeIdByPath.set(code.path, id);
    codes.push({
      id, name, parentId, color: paletteColor(topLevelIndex.get(top)! * 2 + (parentId ? 1 : 0)),
      description: code.description, inclusion: code.inclusion, exclusion: code.exclusion, example: code.example,
      order: index, createdAt: now,
    });
  }

  const codings: CodingRecord[] = [];
  for (const [index, coding] of input.codings.entries()) {
    const layout = layouts.get(coding.participant);
    const codeId = codeIdByPath.get(coding.code);
    if (!layout || !codeId) throw new Error(`Sample coding ${index}: unknown participant or code (${coding.participant}, ${coding.code})`);
    const turn = layout.turns.find((t) => layout.text.slice(t.contentStart ?? t.start, t.end).includes(coding.quote));
    if (!turn) throw new Error(`Sample coding ${index}: quote not found in ${coding.participant}: "${coding.quote.slice(0, 40)}…"`);
    const start = layout.text.indexOf(coding.quote, turn.contentStart ?? turn.start);
    codings.push({
      id: stableId(`sample/coding/${coding.participant}/${coding.coder}/${coding.code}/${start}`),
      documentId: layout.documentId, codeId, coderId: SAMPLE_CODERS[coding.coder].id,
      start, end: start + coding.quote.length, createdAt: now - (input.codings.length - index) * 60_000,
    });
  }

  const themes: ThemeRecord[] = input.themes.map((theme, index) => ({
    id: stableId(`sample/theme/${theme.name}`),
    name: theme.name,
    definition: theme.definition,
    boundaries: theme.boundaries,
    status: 'candidate',
    codeIds: theme.codes.map((path) => {
      const id = codeIdByPath.get(path);
      if (!id) throw new Error(`Sample theme "${theme.name}": unknown code "${path}"`);
      return id;
    }),
    color: paletteColor(index * 5 + 1),
    order: index,
    createdAt: now,
    updatedAt: now,
  }));

  const memo = (key: string, fields: Omit<MemoRecord, 'id' | 'content' | 'createdAt' | 'updatedAt'>): MemoRecord => ({
    id: stableId(`sample/memo/${key}`), ...fields, content: plainTextToMemoContent(fields.plainText), createdAt: now, updatedAt: now,
  });
  const memos: MemoRecord[] = [
    memo('project', {
      targetType: 'project', targetId: projectId, title: 'About this sample project',
      plainText:
        'Seventeen synthetic interviews with professionals from social work, health, education, police and family support about the multi-agency meetings held when a child comes into care. Every person, place and event is fictional.\nTwo coders (Amara Okafor and Ben Hughes) coded independently; compare them under Agreement. Three candidate themes are ready for review.',
    }),
    memo('journal-1', {
      targetType: 'journal', targetId: projectId, title: 'First read-through', date: '2026-06-03', authorId: SAMPLE_CODERS.A.id,
      plainText:
        'Read all seventeen transcripts once without coding. I notice how often people speak about parents as absent from the conversation even when they are in the room. My own years as a social worker make me sympathetic to the chair; I need to watch that when coding the police and health interviews.',
    }),
  ];

  return {
    project: { id: projectId, name: SAMPLE_PROJECT_NAME, description: 'A built-in example: 17 interviews, a starter codebook, two coders and three candidate themes.', createdAt: now, updatedAt: now, sample: true },
    documents, texts, cases,
    attributes: [agency, role, years, locality, interviewDate],
    attributeValues, codes, codings, memos, themes,
    coders: [SAMPLE_CODERS.A, SAMPLE_CODERS.B],
  };
}
