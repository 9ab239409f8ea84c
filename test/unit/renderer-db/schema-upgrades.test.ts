import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { buildSample } from '../../../shared/sample/index';
import { readProjectData } from '../../../renderer/db/project-data';
import { ProjectDb, projectDbName } from '../../../renderer/db/project-db';
import { PROJECT_SCHEMA } from '../../../renderer/db/project-schema';

describe('project database schema upgrades', () => {
  it('keeps its versions in order, each a new number', () => {
    const versions = PROJECT_SCHEMA.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  for (const from of PROJECT_SCHEMA) {
    it(`opens a database created at version ${from.version}, with data, and reads it all`, async () => {
      const id = crypto.randomUUID();
      const data = await buildSample(id, 1_700_000_000_000);
      // Create the database exactly as that version of Tessera did.
      const old = new Dexie(projectDbName(id));
      for (const v of PROJECT_SCHEMA.filter((s) => s.version <= from.version)) {
        const version = old.version(v.version).stores(v.stores);
        if (v.upgrade) version.upgrade(v.upgrade);
      }
      await old.open();
      await old.transaction('rw', old.tables, async () => {
        await old.table('documents').bulkPut(data.documents);
        await old.table('texts').bulkPut(data.texts);
        await old.table('cases').bulkPut(data.cases);
        await old.table('attributes').bulkPut(data.attributes);
        await old.table('attributeValues').bulkPut(data.attributeValues);
        await old.table('codes').bulkPut(data.codes);
        await old.table('codings').bulkPut(data.codings);
        await old.table('memos').bulkPut(data.memos);
        await old.table('themes').bulkPut(data.themes);
        await old.table('coders').bulkPut(data.coders);
      });
      old.close();

      const current = new ProjectDb(id);
      const read = await readProjectData(current, data.project);
      expect(current.verno).toBe(PROJECT_SCHEMA.at(-1)!.version);
      expect(read.documents).toHaveLength(17);
      expect(read.codings).toHaveLength(data.codings.length);
      expect(read.texts.map((t) => t.text).sort()).toEqual(data.texts.map((t) => t.text).sort());
      expect(await current.codings.where('[documentId+start]').between([data.documents[0]!.id, 0], [data.documents[0]!.id, Infinity]).count()).toBe(
        data.codings.filter((c) => c.documentId === data.documents[0]!.id).length,
      );
      current.close();
    });
  }
});
