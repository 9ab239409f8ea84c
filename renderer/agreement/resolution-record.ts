import { RESOLUTIONS, type CodingChanges, type Range, type Resolution } from '../../shared/agreement/index';
import type { Id, MemoRecord } from '../../shared/model/types';

/**
 * How a resolved disagreement is kept for the methods section.
 *
 * Each resolution is a project memo titled "Agreement resolution: <code>", written as labelled lines a person can
 * read and edit ("Code: …", "Resolution: Union — …", "Note: …"). A memo rather than a hidden record, because the
 * team writes its methods from the memos: resolutions appear in Memos & journal beside the reflexive journal, are
 * searchable, can be annotated after the discussion, travel with the project in REFI-QDA exports as project notes,
 * and leave with the memo exports. The agreement view reads them back with `parseResolutionMemo`; lines a person
 * has removed simply come back empty.
 */

export const RESOLUTION_TITLE_PREFIX = 'Agreement resolution: ';

export const RESOLUTION_NAMES: Record<Resolution, string> = {
  keepA: 'Keep A',
  keepB: 'Keep B',
  keepBoth: 'Keep both',
  union: 'Union',
  intersection: 'Intersection',
};

/** What a resolution does, in words, for the two coders. */
export function describeResolution(resolution: Resolution, coderA: string, coderB: string): string {
  switch (resolution) {
    case 'keepA':
      return `${coderA}’s coding kept; ${coderB}’s changed to match`;
    case 'keepB':
      return `${coderB}’s coding kept; ${coderA}’s changed to match`;
    case 'keepBoth':
      return 'both codings stand; the difference is accepted';
    case 'union':
      return 'coded wherever either coder coded';
    case 'intersection':
      return 'coded only where both coders coded';
  }
}

/** "2 codings changed in extent, 1 added, none removed", or "no coding changed". */
export function describeChanges(changes: CodingChanges): string {
  const { add, delete: removed, update } = changes;
  if (add.length + removed.length + update.length === 0) return 'no coding changed';
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const parts = [
    update.length > 0 ? `${n(update.length, 'coding')} changed in extent` : '',
    add.length > 0 ? `${n(add.length, 'coding')} added` : '',
    removed.length > 0 ? `${n(removed.length, 'coding')} removed` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

export interface ResolutionFacts {
  code: string;
  document: string;
  passage: Range;
  coderA: string;
  coderB: string;
  resolution: Resolution;
  changes: CodingChanges;
  /** The passage's words (see quoteOf). */
  quote: string;
  note: string;
}

export function resolutionTitle(code: string): string {
  return `${RESOLUTION_TITLE_PREFIX}${code}`;
}

/** The memo's text: one labelled fact a line, the note last (it may run over several lines). */
export function resolutionMemoText(facts: ResolutionFacts): string {
  const lines = [
    `Code: ${facts.code}`,
    `Document: ${facts.document}`,
    `Passage: characters ${facts.passage.start}–${facts.passage.end}`,
    `Coders: ${facts.coderA} (A) and ${facts.coderB} (B)`,
    `Resolution: ${RESOLUTION_NAMES[facts.resolution]} — ${describeResolution(facts.resolution, facts.coderA, facts.coderB)}`,
    `Changes: ${describeChanges(facts.changes)}`,
    `Text: “${facts.quote}”`,
  ];
  const note = facts.note.trim();
  if (note) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

/** A resolution as read back from its memo. */
export interface ResolutionRecord {
  memoId: Id;
  createdAt: number;
  updatedAt: number;
  authorId?: Id;
  code: string;
  document: string;
  passage?: Range;
  coderA: string;
  coderB: string;
  resolution?: Resolution;
  /** The resolution line as written (after "Resolution: "). */
  resolutionText: string;
  changes: string;
  quote: string;
  note: string;
}

const LABELS = ['Code', 'Document', 'Passage', 'Coders', 'Resolution', 'Changes', 'Text', 'Note'] as const;
type Label = (typeof LABELS)[number];

/** Reads a resolution memo; null for any memo that is not one. */
export function parseResolutionMemo(
  memo: Pick<MemoRecord, 'id' | 'targetType' | 'title' | 'plainText' | 'createdAt' | 'updatedAt' | 'authorId'>,
): ResolutionRecord | null {
  if (memo.targetType !== 'project' || !memo.title.startsWith(RESOLUTION_TITLE_PREFIX)) return null;
  const fields = new Map<Label, string>();
  let current: Label | undefined;
  for (const line of memo.plainText.split('\n')) {
    const match = /^([A-Za-z]+):\s?(.*)$/.exec(line);
    const label = match && (LABELS as readonly string[]).includes(match[1]!) ? (match[1] as Label) : undefined;
    if (label && !fields.has(label)) {
      fields.set(label, match![2]!);
      current = label;
    } else if (current === 'Note') {
      // The note may run over several lines; anything after it belongs to it.
      fields.set('Note', `${fields.get('Note')}\n${line}`);
    }
  }
  const passageMatch = /(\d[\d,]*)\s*[–-]\s*(\d[\d,]*)/.exec(fields.get('Passage') ?? '');
  const passage = passageMatch
    ? { start: Number(passageMatch[1]!.replace(/,/g, '')), end: Number(passageMatch[2]!.replace(/,/g, '')) }
    : undefined;
  const codersMatch = /^(.*?)\s*\(A\)\s*and\s*(.*?)\s*\(B\)\s*$/.exec(fields.get('Coders') ?? '');
  const resolutionText = fields.get('Resolution') ?? '';
  const resolution = RESOLUTIONS.find((r) => {
    const name = RESOLUTION_NAMES[r].toLowerCase();
    const said = resolutionText.toLowerCase();
    return said === name || said.startsWith(`${name} —`) || said.startsWith(`${name} -`) || said.startsWith(`${name}:`);
  });
  const quote = (fields.get('Text') ?? '').replace(/^“|”$/g, '');
  const record: ResolutionRecord = {
    memoId: memo.id,
    createdAt: memo.createdAt,
    updatedAt: memo.updatedAt,
    code: fields.get('Code')?.trim() || memo.title.slice(RESOLUTION_TITLE_PREFIX.length).trim(),
    document: fields.get('Document')?.trim() ?? '',
    coderA: codersMatch?.[1] ?? '',
    coderB: codersMatch?.[2] ?? '',
    resolutionText,
    changes: fields.get('Changes')?.trim() ?? '',
    quote,
    note: (fields.get('Note') ?? '').trim(),
  };
  if (passage) record.passage = passage;
  if (resolution) record.resolution = resolution;
  if (memo.authorId) record.authorId = memo.authorId;
  return record;
}

/** Resolution memos among a project's memos, oldest first (the order they were made in). */
export function resolutionRecords(memos: readonly MemoRecord[]): ResolutionRecord[] {
  return memos
    .map(parseResolutionMemo)
    .filter((r): r is ResolutionRecord => r !== null)
    .sort((a, b) => a.createdAt - b.createdAt || a.memoId.localeCompare(b.memoId));
}

/** The record that settled this passage (same document, code and passage), if any: for "both kept" passages. */
export function recordFor(
  records: readonly ResolutionRecord[],
  where: { code: string; document: string; passage: Range },
): ResolutionRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.code === where.code && r.document === where.document && r.passage?.start === where.passage.start && r.passage.end === where.passage.end) {
      return r;
    }
  }
  return undefined;
}
