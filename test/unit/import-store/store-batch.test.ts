import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectSession } from '../../../renderer/app/project-session';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import { ImportStore, type FileToStore, type StoreOutcome } from '../../../renderer/import/store-batch';
import { importFile } from '../../../shared/import/index';
import type { CodingRecord } from '../../../shared/model/types';
import { hashText } from '../../../shared/text/normalise';

const REAL = path.resolve(process.cwd(), '../shared/fixtures/real');
const real = (name: string) => new Uint8Array(readFileSync(path.join(REAL, name)));

/** Real third-party transcripts, parsed by the app's importers, ready for the storing step. */
async function files(names: string[]): Promise<FileToStore[]> {
  return Promise.all(
    names.map(async (name) => {
      const bytes = real(name);
      const document = await importFile(bytes, name);
      return { name, size: bytes.byteLength, hash: await hashText(document.text), document };
    }),
  );
}

const NAMES = ['zoom_lesson_PLC_Fishbowl.vtt', 'mammoth_comments.docx', 'webvtt-py_sample.srt', 'webvtt-py_comments_dash-speakers.vtt'];

let db: ProjectDb;
let session: ProjectSession;
let outcomes: [string, StoreOutcome][];
const report = (file: FileToStore, outcome: StoreOutcome) => outcomes.push([file.name, outcome]);

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  const history = new CommandHistory(db, () => 'coder-1');
  session = { projectId: db.name, db, history, execute: (command) => history.execute(command) };
  outcomes = [];
});

const coding = (id: string, documentId: string, start: number, end: number): CodingRecord => ({
  id, documentId, codeId: 'code-1', coderId: 'coder-1', start, end, createdAt: 1,
});

describe('storing imported files in batches', () => {
  it('stores a batch of files in one transaction, each its own undo step and audit entry, in order', async () => {
    const input = await files(NAMES);
    const batchRun = vi.spyOn(session.history, 'executeAll');
    const store = new ImportStore(session, report);
    for (const file of input) await store.add(file);
    // Four files are well under a batch: nothing is stored until the batch is.
    expect(store.waiting.map((f) => f.name)).toEqual(NAMES);
    expect(await db.documents.count()).toBe(0);
    expect(outcomes).toEqual([]);

    await store.flush();
    expect(batchRun).toHaveBeenCalledTimes(1);
    expect(store.waiting).toEqual([]);
    expect(outcomes.map(([name, o]) => [name, o.ok])).toEqual(NAMES.map((n) => [n, true]));

    const documents = await db.documents.orderBy('order').toArray();
    expect(documents.map((d) => [d.source.fileName, d.order])).toEqual(NAMES.map((n, i) => [n, i]));
    expect(documents.map((d) => d.id)).toEqual(outcomes.map(([, o]) => (o.ok ? o.documentId : '')));
    for (const [i, file] of input.entries()) {
      const d = documents[i]!;
      expect(d.name).toBe(file.document.name);
      expect(d.source.hash).toBe(file.hash);
      expect(d.length).toBe(file.document.text.length);
      const text = await db.texts.get(d.id);
      expect(text?.text).toBe(file.document.text);
      expect(text?.turns).toEqual(file.document.turns);
    }
    // The Word file's comments became memos anchored to it; the others have none.
    const memos = await db.memos.toArray();
    expect(input[1]!.document.comments.length).toBeGreaterThan(0);
    expect(memos.length).toBe(input[1]!.document.comments.length);
    expect(new Set(memos.map((m) => m.targetId))).toEqual(new Set([documents[1]!.id]));

    const audit = await db.audit.orderBy('seq').toArray();
    expect(audit.map((a) => [a.command, a.label, a.direction])).toEqual(
      input.map((f) => ['document.import', `Import “${f.document.name}”`, 'do']),
    );
    expect(session.history.state().undo).toBe(`Import “${input[3]!.document.name}”`);
  });

  it('stores a batch as soon as it holds the most files or characters allowed', async () => {
    const input = await files(NAMES);
    const byFiles = new ImportStore(session, report, { files: 3 });
    for (const file of input) await byFiles.add(file);
    expect(await db.documents.count()).toBe(3);
    expect(byFiles.waiting.map((f) => f.name)).toEqual([NAMES[3]]);
    await byFiles.flush();
    expect(await db.documents.count()).toBe(4);

    // With a limit of 80 characters the Zoom transcript fills a batch by itself; the short Word file waits for the
    // next file, and the two fill one together.
    const lengths = input.map((f) => f.document.text.length);
    expect(lengths[0]).toBeGreaterThanOrEqual(80);
    expect(lengths[1]).toBeLessThan(80);
    expect(lengths[1]! + lengths[2]!).toBeGreaterThanOrEqual(80);
    const other = new ProjectDb(crypto.randomUUID());
    const history = new CommandHistory(other);
    const batchRun = vi.spyOn(history, 'executeAll');
    const byChars = new ImportStore({ projectId: other.name, db: other, history, execute: (c) => history.execute(c) }, () => undefined, { chars: 80 });
    await byChars.add(input[0]!);
    expect(await other.documents.count()).toBe(1);
    await byChars.add(input[1]!);
    expect(await other.documents.count()).toBe(1);
    await byChars.add(input[2]!);
    expect(await other.documents.count()).toBe(3);
    // One file alone is stored by `execute`, the pair as one batch.
    expect(batchRun).toHaveBeenCalledTimes(1);
    expect(batchRun.mock.calls[0]![0].length).toBe(2);
  });

  it('isolates a file that cannot be stored: the others of its batch are stored, the failure is reported by name', async () => {
    const input = await files(NAMES);
    // A coding already in the project with the id the third file's coding would take: adding it must fail.
    await db.codings.put(coding('taken', 'elsewhere', 0, 5));
    input[2] = { ...input[2]!, extend: (w, documentId) => w.insertMany('codings', [coding('fresh', documentId, 0, 4), coding('taken', documentId, 4, 9)]) };
    input[0] = { ...input[0]!, extend: (w, documentId) => w.insertMany('codings', [coding('first', documentId, 0, 7)]) };
    const store = new ImportStore(session, report);
    for (const file of input) await store.add(file);
    await store.flush();

    expect(outcomes.map(([name, o]) => [name, o.ok])).toEqual([
      [NAMES[0], true],
      [NAMES[1], true],
      [NAMES[2], false],
      [NAMES[3], true],
    ]);
    const failure = outcomes[2]![1];
    expect(failure.ok ? '' : failure.message).toMatch(/^webvtt-py_sample\.srt: could not be stored in the project \(Could not add to codings: .+\)$/);
    const documents = await db.documents.orderBy('order').toArray();
    expect(documents.map((d) => d.source.fileName)).toEqual([NAMES[0], NAMES[1], NAMES[3]]);
    // Nothing of the failed file is left: no document, text or coding; the clashing coding is as it was.
    expect(await db.texts.count()).toBe(3);
    expect((await db.codings.toArray()).map((c) => [c.id, c.documentId]).sort()).toEqual([
      ['first', documents[0]!.id],
      ['taken', 'elsewhere'],
    ]);
    expect((await db.audit.toArray()).length).toBe(3);
  });

  it('never stores a file twice when a batch reports a failure after its transaction committed', async () => {
    const input = await files(NAMES.slice(0, 3));
    const { history } = session;
    const executeAll = history.executeAll.bind(history);
    vi.spyOn(history, 'executeAll').mockImplementation(async (commands) => {
      await executeAll(commands);
      throw new Error('Transaction committed too early');
    });
    const store = new ImportStore(session, report);
    for (const file of input) await store.add(file);
    await store.flush();
    expect(outcomes.map(([name, o]) => [name, o.ok])).toEqual(NAMES.slice(0, 3).map((n) => [n, true]));
    expect((await db.documents.orderBy('order').toArray()).map((d) => d.source.fileName)).toEqual(NAMES.slice(0, 3));
  });

  it('undo takes the batch away file by file, last first, and redo brings it back', async () => {
    const input = await files(NAMES.slice(0, 3));
    input[0] = { ...input[0]!, extend: (w, documentId) => w.insertMany('codings', [coding('c1', documentId, 0, 7), coding('c2', documentId, 8, 20)]) };
    const store = new ImportStore(session, report);
    for (const file of input) await store.add(file);
    await store.flush();
    expect(await db.documents.count()).toBe(3);
    const memos = await db.memos.count();
    expect(memos).toBeGreaterThan(0);

    const labels = input.map((f) => `Import “${f.document.name}”`);
    expect(await session.history.undo()).toBe(labels[2]);
    expect(await session.history.undo()).toBe(labels[1]);
    expect(await db.memos.count()).toBe(0);
    expect(await session.history.undo()).toBe(labels[0]);
    expect(session.history.state().undo).toBeUndefined();
    for (const table of [db.documents, db.texts, db.memos, db.codings]) expect(await table.count()).toBe(0);

    for (let i = 0; i < 3; i++) await session.history.redo();
    expect((await db.documents.orderBy('order').toArray()).map((d) => d.source.fileName)).toEqual(NAMES.slice(0, 3));
    expect(await db.memos.count()).toBe(memos);
    expect((await db.codings.toArray()).map((c) => [c.id, c.start, c.end])).toEqual([
      ['c1', 0, 7],
      ['c2', 8, 20],
    ]);
  });

  it('a cancelled import drops the files waiting without storing them', async () => {
    const input = await files(NAMES.slice(0, 2));
    const store = new ImportStore(session, report);
    for (const file of input) await store.add(file);
    expect(store.isWaiting(input[1]!.hash)).toBe(true);
    expect(store.drop().map((f) => f.name)).toEqual(NAMES.slice(0, 2));
    expect(store.isWaiting(input[1]!.hash)).toBe(false);
    await store.flush();
    expect(await db.documents.count()).toBe(0);
    expect(outcomes).toEqual([]);
  });

  it('finds a document with the same text in the project or waiting in this import, by its name', async () => {
    const [lesson, sample, dashes] = await files([NAMES[0]!, NAMES[2]!, NAMES[3]!]);
    const store = new ImportStore(session, report);
    await store.add(lesson!);
    await store.flush();
    expect(await store.findDuplicate(lesson!.hash)).toBe('zoom_lesson_PLC_Fishbowl');
    expect(await store.findDuplicate(sample!.hash)).toBeUndefined();

    // A file still waiting is stored first, then found like any other.
    await store.add(sample!);
    expect(await db.documents.count()).toBe(1);
    expect(await store.findDuplicate(sample!.hash)).toBe('webvtt-py_sample');
    expect(store.waiting).toEqual([]);
    expect(await db.documents.count()).toBe(2);

    // A document undone since is no longer a duplicate.
    await session.history.undo();
    expect(await store.findDuplicate(sample!.hash)).toBeUndefined();
    expect(await store.findDuplicate(dashes!.hash)).toBeUndefined();
    expect(await store.findDuplicate(lesson!.hash)).toBe('zoom_lesson_PLC_Fishbowl');
  });

  it('continues the document order after the documents already in the project', async () => {
    const [first, ...rest] = await files(NAMES.slice(0, 3));
    const store = new ImportStore(session, report);
    await store.add(first!);
    await store.flush();
    for (const file of rest) await store.add(file);
    await store.flush();
    expect((await db.documents.orderBy('order').toArray()).map((d) => [d.source.fileName, d.order])).toEqual(
      NAMES.slice(0, 3).map((n, i) => [n, i]),
    );
  });
});

describe('a batch of many files with their codings', () => {
  it('is one transaction: a failure in its last file leaves none of the others behind, and they are then stored alone', async () => {
    const [file] = await files([NAMES[0]!]);
    const store = new ImportStore(session, report, { files: 40 });
    const batchRun = vi.spyOn(session.history, 'executeAll');
    for (let i = 0; i < 40; i++) {
      // Each copy its own text, so each its own document.
      const document = { ...file!.document, name: `copy ${i}`, text: `${file!.document.text} ${i}` };
      await store.add({
        ...file!,
        name: `copy ${i}.vtt`,
        hash: await hashText(document.text),
        document,
        extend: (w, documentId) =>
          w.insertMany('codings', [coding(`c${i}-a`, documentId, 0, 5), coding(i === 39 ? 'c0-a' : `c${i}-b`, documentId, 6, 9)]),
      });
    }
    // The batch failed as a whole (the last file's coding clashes with the first's) and nothing of it was kept...
    expect(batchRun).toHaveBeenCalledTimes(1);
    await expect(batchRun.mock.results[0]!.value).rejects.toThrow(/^Could not add to codings: /);
    // ...then each file was stored alone: all but the last.
    expect(outcomes.filter(([, o]) => o.ok).length).toBe(39);
    expect(outcomes.at(-1)![0]).toBe('copy 39.vtt');
    expect(await db.documents.count()).toBe(39);
    expect(await db.texts.count()).toBe(39);
    expect(await db.codings.count()).toBe(78);
    expect(await db.audit.count()).toBe(39);
  });
});
