import type {
  AttributeDefinition,
  AttributeValue,
  CaseRecord,
  CoderRecord,
  CodeRecord,
  CodingRecord,
  DocumentRecord,
  DocumentText,
  Id,
  MemoRecord,
  ProjectData,
  ThemeRecord,
} from '../../shared/model/types';

/**
 * The records a whole-project change (pseudonymisation) altered: what a command must write, and nothing else, so
 * Undo holds only what changed. Pure, so it runs in the worker and in tests.
 */
export interface ProjectChanges {
  documents: DocumentRecord[];
  texts: DocumentText[];
  cases: CaseRecord[];
  attributes: AttributeDefinition[];
  attributeValues: AttributeValue[];
  codes: CodeRecord[];
  codings: CodingRecord[];
  /** Codings with nothing left of their text (never with non-empty replacements, but never silently kept). */
  deletedCodingIds: Id[];
  memos: MemoRecord[];
  themes: ThemeRecord[];
  coders: CoderRecord[];
  /** The project's own name and description when they changed (they live in the project list). */
  project: { name?: string; description?: string };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function changed<T>(before: readonly T[], after: readonly T[], key: (row: T) => string): T[] {
  const old = new Map(before.map((row) => [key(row), row]));
  return after.filter((row) => {
    const was = old.get(key(row));
    return was === undefined || !same(was, row);
  });
}

const byId = (row: { id: string }) => row.id;

export function projectChanges(before: ProjectData, after: ProjectData): ProjectChanges {
  const kept = new Set(after.codings.map((c) => c.id));
  const project: ProjectChanges['project'] = {};
  if (after.project.name !== before.project.name) project.name = after.project.name;
  if (after.project.description !== before.project.description) project.description = after.project.description;
  return {
    documents: changed(before.documents, after.documents, byId),
    texts: changed(before.texts, after.texts, byId),
    cases: changed(before.cases, after.cases, byId),
    attributes: changed(before.attributes, after.attributes, byId),
    attributeValues: changed(before.attributeValues, after.attributeValues, (v) => `${v.ownerId}\u0000${v.attributeId}`),
    codes: changed(before.codes, after.codes, byId),
    codings: changed(before.codings, after.codings, byId),
    deletedCodingIds: before.codings.filter((c) => !kept.has(c.id)).map((c) => c.id),
    memos: changed(before.memos, after.memos, byId),
    themes: changed(before.themes, after.themes, byId),
    coders: changed(before.coders, after.coders, byId),
    project,
  };
}

/** How many records the changes write or delete. */
export function changedRecordCount(changes: ProjectChanges): number {
  return (
    changes.documents.length +
    changes.texts.length +
    changes.cases.length +
    changes.attributes.length +
    changes.attributeValues.length +
    changes.codes.length +
    changes.codings.length +
    changes.deletedCodingIds.length +
    changes.memos.length +
    changes.themes.length +
    changes.coders.length
  );
}
