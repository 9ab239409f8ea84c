import type { ProjectData } from '../../shared/model/types';
import { DATA_TABLES, type ProjectDb } from './project-db';

/** Writes a whole project's data into an empty project database, in one transaction. */
export async function writeProjectData(db: ProjectDb, data: ProjectData): Promise<void> {
  await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
    await db.documents.bulkPut(data.documents);
    await db.texts.bulkPut(data.texts);
    await db.cases.bulkPut(data.cases);
    await db.attributes.bulkPut(data.attributes);
    await db.attributeValues.bulkPut(data.attributeValues);
    await db.codes.bulkPut(data.codes);
    await db.codings.bulkPut(data.codings);
    await db.memos.bulkPut(data.memos);
    await db.themes.bulkPut(data.themes);
    await db.coders.bulkPut(data.coders);
  });
}

/** Reads a whole project's data (for duplication, export and backups). */
export async function readProjectData(db: ProjectDb, project: ProjectData['project']): Promise<ProjectData> {
  return db.transaction('r', DATA_TABLES.map((t) => db.table(t)), async () => ({
    project,
    documents: await db.documents.orderBy('order').toArray(),
    texts: await db.texts.toArray(),
    cases: await db.cases.orderBy('order').toArray(),
    attributes: await db.attributes.orderBy('order').toArray(),
    attributeValues: await db.attributeValues.toArray(),
    codes: await db.codes.orderBy('order').toArray(),
    codings: await db.codings.toArray(),
    memos: await db.memos.toArray(),
    themes: await db.themes.orderBy('order').toArray(),
    coders: await db.coders.toArray(),
  }));
}
