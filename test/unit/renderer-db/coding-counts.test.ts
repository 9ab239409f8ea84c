import { describe, expect, it } from 'vitest';
import { countCodings, fromMessage } from '../../../renderer/db/coding-counts';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { buildSample } from '../../../shared/sample/index';

describe('coding counts', () => {
  it('counts codings, documents and participants per code, and codings per document, as plain loops do', async () => {
    const id = crypto.randomUUID();
    const data = await buildSample(id, 1_700_000_000_000);
    const db = new ProjectDb(id);
    await writeProjectData(db, data);
    const counts = fromMessage(await countCodings(db));
    const caseOf = new Map(data.documents.map((d) => [d.id, d.caseId]));
    for (const code of data.codes) {
      const mine = data.codings.filter((c) => c.codeId === code.id);
      const entry = counts.byCode.get(code.id);
      expect(entry?.codings ?? 0).toBe(mine.length);
      expect(entry?.documents ?? 0).toBe(new Set(mine.map((c) => c.documentId)).size);
      expect(entry?.cases ?? 0).toBe(new Set(mine.map((c) => caseOf.get(c.documentId))).size);
    }
    for (const doc of data.documents) {
      expect(counts.byDocument.get(doc.id) ?? 0).toBe(data.codings.filter((c) => c.documentId === doc.id).length);
    }
  });
});
