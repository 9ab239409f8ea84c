import Dexie, { type ObservabilitySet } from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodingTally, collectCodingChanges, countCodings, type CodingChanges } from '../../../renderer/db/coding-counts';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import type { CodingRecord, ProjectData } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';

/**
 * Every change Dexie reports, gathered as the app gathers them between counts. Dexie reports a transaction's changes
 * when it commits, so the tests write inside explicit transactions and read the changes once those have resolved.
 */
let pending = { all: false, ids: new Set<string>() };
let watched = '';
const listener = (parts: ObservabilitySet) => collectCodingChanges(parts, watched, pending);
beforeAll(() => Dexie.on('storagemutated', listener));
afterAll(() => Dexie.on('storagemutated').unsubscribe(listener));

function take(): CodingChanges {
  const changes: CodingChanges = pending.all ? { all: true } : { all: false, ids: [...pending.ids] };
  pending = { all: false, ids: new Set() };
  return changes;
}

async function sampleDb(): Promise<{ db: ProjectDb; data: ProjectData }> {
  const id = crypto.randomUUID();
  const data = await buildSample(id, 1_700_000_000_000);
  const db = new ProjectDb(id);
  await writeProjectData(db, data);
  watched = db.name;
  return { db, data };
}

const byCode = (m: { byCode: [string, number, number, number][] }) => new Map(m.byCode.map(([id, ...rest]) => [id, rest]));

describe('a coding tally kept up to date by changes', () => {
  it('reads only the changed codings: a coding added, recoded and deleted', async () => {
    const { db, data } = await sampleDb();
    const tally = new CodingTally();
    await tally.count(db);
    take();
    const code = data.codes[0]!;
    const other = data.codes[1]!;
    const coding: CodingRecord = { id: 'new-coding', documentId: data.documents[0]!.id, codeId: code.id, coderId: data.coders[0]!.id, start: 0, end: 10, createdAt: 1 };
    const before = byCode(await countCodings(db)).get(code.id)!;
    await db.transaction('rw', db.codings, () => db.codings.add(coding));
    let changes = take();
    expect(changes).toEqual({ all: false, ids: ['new-coding'] });
    expect(byCode(await tally.count(db, changes)).get(code.id)![0]).toBe(before[0] + 1);

    await db.transaction('rw', db.codings, () => db.codings.update('new-coding', { codeId: other.id }));
    changes = take();
    expect(changes).toEqual({ all: false, ids: ['new-coding'] });
    expect(byCode(await tally.count(db, changes))).toEqual(byCode(await countCodings(db)));

    await db.transaction('rw', db.codings, () => db.codings.delete('new-coding'));
    changes = take();
    expect(changes).toEqual({ all: false, ids: ['new-coding'] });
    const after = await tally.count(db, changes);
    expect(byCode(after)).toEqual(byCode(await countCodings(db)));
    expect(new Map(after.byDocument)).toEqual(new Map((await countCodings(db)).byDocument));
    db.close();
  });

  it('asks for a full count after a bulk write, a cleared table or a change to documents or participants', async () => {
    const { db, data } = await sampleDb();
    const tally = new CodingTally();
    await tally.count(db);
    take();
    const many = Array.from(
      { length: 60 },
      (_, i): CodingRecord => ({ id: `bulk-${i}`, documentId: data.documents[0]!.id, codeId: data.codes[0]!.id, coderId: data.coders[0]!.id, start: i, end: i + 5, createdAt: 1 }),
    );
    await db.transaction('rw', db.codings, () => db.codings.bulkAdd(many));
    let changes = take();
    expect(changes).toEqual({ all: true });
    expect(byCode(await tally.count(db, changes))).toEqual(byCode(await countCodings(db)));

    // Deleting a code's codings through a query names each one.
    const ofCode = await db.codings.where('codeId').equals(data.codes[0]!.id).primaryKeys();
    await db.transaction('rw', db.codings, () => db.codings.where('codeId').equals(data.codes[0]!.id).delete());
    changes = take();
    expect(changes.all ? [] : [...changes.ids].sort()).toEqual([...ofCode].sort());
    expect(byCode(await tally.count(db, changes))).toEqual(byCode(await countCodings(db)));

    await db.transaction('rw', db.documents, () => db.documents.update(data.documents[0]!.id, { caseId: undefined }));
    changes = take();
    expect(changes).toEqual({ all: true });
    expect(byCode(await tally.count(db, changes))).toEqual(byCode(await countCodings(db)));

    await db.transaction('rw', db.codings, () => db.codings.clear());
    changes = take();
    expect(changes).toEqual({ all: true });
    expect((await tally.count(db, changes)).byCode).toEqual([]);
    db.close();
  });

  it('matches a full count after any sequence of coding changes (property)', async () => {
    const { db, data } = await sampleDb();
    const tally = new CodingTally();
    await tally.count(db);
    take();
    const ids = data.codings.map((c) => c.id);
    const step = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), doc: fc.nat(data.documents.length - 1), code: fc.nat(data.codes.length - 1), n: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(ids.length - 1) }),
      fc.record({ kind: fc.constant('recode' as const), pick: fc.nat(ids.length - 1), code: fc.nat(data.codes.length - 1) }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat(ids.length - 1), doc: fc.nat(data.documents.length - 1) }),
    );
    let made = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        // One transaction, as one command of the app's is: the changes are reported when it commits.
        await db.transaction('rw', db.codings, async () => {
        for (const s of steps) {
          if (s.kind === 'add') {
            const added = Array.from({ length: s.n }, (): CodingRecord => ({ id: `p-${made++}`, documentId: data.documents[s.doc]!.id, codeId: data.codes[s.code]!.id, coderId: data.coders[0]!.id, start: 0, end: 4, createdAt: 1 }));
            await db.codings.bulkAdd(added);
            ids.push(...added.map((c) => c.id));
          } else if (s.kind === 'delete') await db.codings.delete(ids[s.pick]!);
          else if (s.kind === 'recode') await db.codings.update(ids[s.pick]!, { codeId: data.codes[s.code]!.id });
          else await db.codings.update(ids[s.pick]!, { documentId: data.documents[s.doc]!.id });
        }
        });
        const counted = await tally.count(db, take());
        const full = await countCodings(db);
        expect(byCode(counted)).toEqual(byCode(full));
        expect(new Map(counted.byDocument)).toEqual(new Map(full.byDocument));
      }),
      { numRuns: 40 },
    );
    db.close();
  });
});
