import { useLiveQuery } from 'dexie-react-hooks';
import type { CodingRecord, Id, MemoRecord, MemoTarget } from '../../../shared/model/types';
import type { ProjectDb } from '../../db/project-db';
import { formatJournalDate } from '../../commands/memo-commands';

/** Names of everything a memo can be attached to, read once for the whole list. */
export interface TargetLookups {
  documents: Map<Id, string>;
  codes: Map<Id, { name: string; color: string }>;
  themes: Map<Id, { name: string; color: string }>;
  cases: Map<Id, string>;
  codings: Map<Id, CodingRecord>;
  coders: Map<Id, string>;
}

export function useTargetLookups(db: ProjectDb, memos: readonly MemoRecord[] | undefined): TargetLookups | undefined {
  const codingIds = (memos ?? []).filter((m) => m.targetType === 'coding').map((m) => m.targetId);
  const codingKey = codingIds.join(',');
  return useLiveQuery(async () => {
    const [documents, codes, themes, cases, coders, codings] = await Promise.all([
      db.documents.toArray(),
      db.codes.toArray(),
      db.themes.toArray(),
      db.cases.toArray(),
      db.coders.toArray(),
      codingKey ? db.codings.bulkGet(codingKey.split(',')) : Promise.resolve([] as (CodingRecord | undefined)[]),
    ]);
    return {
      documents: new Map(documents.map((d) => [d.id, d.name])),
      codes: new Map(codes.map((c) => [c.id, { name: c.name, color: c.color }])),
      themes: new Map(themes.map((t) => [t.id, { name: t.name, color: t.color }])),
      cases: new Map(cases.map((c) => [c.id, c.description ? `${c.name} (${c.description})` : c.name])),
      coders: new Map(coders.map((c) => [c.id, c.name])),
      codings: new Map(codings.filter((c): c is CodingRecord => c !== undefined).map((c) => [c.id, c] as const)),
    };
  }, [db, codingKey]);
}

/** What a memo is about, in words: its kind and, for an attached memo, the name of what it is attached to. */
export interface TargetDescription {
  /** "Journal entry", "Project memo", "Document", "Code", "Coding", "Theme", "Case". */
  kind: string;
  name?: string;
  color?: string;
  /** The thing it was attached to has been deleted. */
  missing?: boolean;
}

export const KIND_NAMES: Record<MemoTarget, { one: string; many: string }> = {
  journal: { one: 'Journal entry', many: 'Journal' },
  project: { one: 'Project memo', many: 'Project' },
  document: { one: 'Document memo', many: 'Documents' },
  code: { one: 'Code memo', many: 'Codes' },
  coding: { one: 'Coding memo', many: 'Codings' },
  theme: { one: 'Theme memo', many: 'Themes' },
  case: { one: 'Case memo', many: 'Cases' },
};

export function describeTarget(memo: MemoRecord, lookups: TargetLookups | undefined): TargetDescription {
  const kind = KIND_NAMES[memo.targetType].one;
  if (!lookups) return { kind };
  const gone = (what: string): TargetDescription => ({ kind, name: `a ${what} that has been deleted`, missing: true });
  switch (memo.targetType) {
    case 'journal':
      return { kind, name: memo.date ? formatJournalDate(memo.date) : undefined };
    case 'project':
      return { kind };
    case 'document': {
      const name = lookups.documents.get(memo.targetId);
      return name ? { kind, name } : gone('document');
    }
    case 'code': {
      const code = lookups.codes.get(memo.targetId);
      return code ? { kind, name: code.name, color: code.color } : gone('code');
    }
    case 'theme': {
      const theme = lookups.themes.get(memo.targetId);
      return theme ? { kind, name: theme.name, color: theme.color } : gone('theme');
    }
    case 'case': {
      const name = lookups.cases.get(memo.targetId);
      return name ? { kind, name } : gone('case');
    }
    case 'coding': {
      const coding = lookups.codings.get(memo.targetId);
      if (!coding) return gone('coding');
      const code = lookups.codes.get(coding.codeId);
      const document = lookups.documents.get(coding.documentId);
      return { kind, name: `${code ? `“${code.name}”` : 'a deleted code'} in ${document ?? 'a deleted document'}`, color: code?.color };
    }
  }
}

const PASSAGE_LIMIT = 400;

/** The passage a coding (or an anchored memo) covers, cut to a readable length; undefined while loading or gone. */
export function usePassage(db: ProjectDb, memo: MemoRecord | undefined): { text: string; documentId: Id } | undefined {
  const targetType = memo?.targetType;
  const targetId = memo?.targetId;
  const anchor = memo?.anchor;
  return useLiveQuery(async () => {
    let range: { documentId: Id; start: number; end: number } | undefined;
    if (targetType === 'coding' && targetId) {
      const coding = await db.codings.get(targetId);
      if (coding) range = coding;
    } else if (targetType === 'document' && targetId && anchor) {
      range = { documentId: targetId, ...anchor };
    }
    if (!range) return undefined;
    const text = await db.texts.get(range.documentId);
    if (!text) return undefined;
    let passage = text.text.slice(range.start, range.end).replace(/\s+/g, ' ').trim();
    if (passage.length > PASSAGE_LIMIT) passage = `${passage.slice(0, PASSAGE_LIMIT - 1).trimEnd()}…`;
    return { text: passage, documentId: range.documentId };
  }, [db, targetType, targetId, anchor?.start, anchor?.end]);
}
