import Dexie, { type Table } from 'dexie';
import { PROJECT_SCHEMA } from './project-schema';
import type {
  AttributeDefinition,
  AttributeValue,
  AuditEntry,
  CaseRecord,
  CoderRecord,
  CodeRecord,
  CodingRecord,
  DocumentRecord,
  DocumentText,
  Id,
  MemoRecord,
  ThemeRecord,
} from '../../shared/model/types';

export interface MetaRecord {
  key: string;
  value: unknown;
}

/** Tables of a project database, by name. Commands and undo address tables by these names. */
export interface ProjectTables {
  documents: Table<DocumentRecord, string>;
  texts: Table<DocumentText, string>;
  cases: Table<CaseRecord, string>;
  attributes: Table<AttributeDefinition, string>;
  attributeValues: Table<AttributeValue, [string, string]>;
  codes: Table<CodeRecord, string>;
  codings: Table<CodingRecord, string>;
  memos: Table<MemoRecord, string>;
  themes: Table<ThemeRecord, string>;
  coders: Table<CoderRecord, string>;
  audit: Table<AuditEntry, number>;
  meta: Table<MetaRecord, string>;
}

export type TableName = keyof ProjectTables;

/** The tables a user's changes touch (everything but the audit trail itself). */
export const DATA_TABLES = [
  'documents',
  'texts',
  'cases',
  'attributes',
  'attributeValues',
  'codes',
  'codings',
  'memos',
  'themes',
  'coders',
  'meta',
] as const satisfies readonly TableName[];
export type DataTableName = (typeof DATA_TABLES)[number];

export function projectDbName(projectId: Id): string {
  return `tessera-project-${projectId}`;
}

/**
 * One project's data. Indexes are chosen for the queries the workspace makes: codings of a document in text order
 * ([documentId+start]), of a code, of a coder; attribute values by owner and by attribute; memos by their target.
 */
export class ProjectDb extends Dexie implements ProjectTables {
  documents!: Table<DocumentRecord, string>;
  texts!: Table<DocumentText, string>;
  cases!: Table<CaseRecord, string>;
  attributes!: Table<AttributeDefinition, string>;
  attributeValues!: Table<AttributeValue, [string, string]>;
  codes!: Table<CodeRecord, string>;
  codings!: Table<CodingRecord, string>;
  memos!: Table<MemoRecord, string>;
  themes!: Table<ThemeRecord, string>;
  coders!: Table<CoderRecord, string>;
  audit!: Table<AuditEntry, number>;
  meta!: Table<MetaRecord, string>;

  constructor(readonly projectId: Id) {
    super(projectDbName(projectId));
    for (const { version, stores, upgrade } of PROJECT_SCHEMA) {
      const v = this.version(version).stores(stores);
      if (upgrade) v.upgrade(upgrade);
    }
  }
}

/** A project table by name, typed. */
export function tableOf<N extends TableName>(db: ProjectDb, name: N): ProjectTables[N] {
  return db.table(name) as unknown as ProjectTables[N];
}

const open = new Map<Id, ProjectDb>();

/** The database of a project, opened once and shared. */
export function projectDb(projectId: Id): ProjectDb {
  let db = open.get(projectId);
  if (!db) {
    db = new ProjectDb(projectId);
    open.set(projectId, db);
  }
  return db;
}

export async function closeProjectDb(projectId: Id): Promise<void> {
  const db = open.get(projectId);
  if (db) {
    db.close();
    open.delete(projectId);
  }
}
