import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandHistory, type Command } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import type { CodeRecord } from '../../../shared/model/types';

const code = (id: string, name: string): CodeRecord => ({
  id, name, color: '#332288', description: '', inclusion: '', exclusion: '', example: '', order: 0, createdAt: 1,
});

let db: ProjectDb;
let history: CommandHistory;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  history = new CommandHistory(db, () => 'coder-1');
});

const names = async () => (await db.codes.orderBy('id').toArray()).map((c) => [c.id, c.name]);

describe('insertMany: rows with fresh keys', () => {
  it('adds the rows without reading them first; undo deletes them, redo adds them as they were', async () => {
    const rows = [code('a', 'Trust'), code('b', 'Blame')];
    const reads = vi.spyOn(db.codes, 'bulkGet');
    await history.execute({ name: 'code.create', label: 'Create two codes', run: (w) => w.insertMany('codes', rows) });
    expect(reads).not.toHaveBeenCalled();
    expect(await names()).toEqual([['a', 'Trust'], ['b', 'Blame']]);

    // The history keeps its own copy: the caller's objects changing later does not change what redo restores.
    rows[0]!.name = 'Changed afterwards';
    expect(await history.undo()).toBe('Create two codes');
    expect(await db.codes.count()).toBe(0);
    await history.redo();
    expect(await names()).toEqual([['a', 'Trust'], ['b', 'Blame']]);
  });

  it('refuses a key that exists, naming the table, and stores nothing of the command', async () => {
    await history.execute({ name: 'code.create', label: 'Create "Trust"', run: (w) => w.put('codes', code('a', 'Trust')) });
    const clash: Command = {
      name: 'code.create',
      label: 'Create two codes',
      run: async (w) => {
        await w.put('codes', code('c', 'Care'));
        await w.insertMany('codes', [code('b', 'Blame'), code('a', 'Overwritten')]);
      },
    };
    await expect(history.execute(clash)).rejects.toThrow(/^Could not add to codes: /);
    expect(await names()).toEqual([['a', 'Trust']]);
    expect(history.state().undo).toBe('Create "Trust"');
    expect((await db.audit.toArray()).map((a) => a.label)).toEqual(['Create "Trust"']);
  });

  it('undoes to the state before the command when the same command changes the new row again', async () => {
    await history.execute({
      name: 'code.create',
      label: 'Create and rename',
      run: async (w) => {
        await w.insertMany('codes', [code('a', 'Trust')]);
        await w.update('codes', 'a', { name: 'Building trust' });
      },
    });
    expect(await names()).toEqual([['a', 'Building trust']]);
    await history.undo();
    expect(await db.codes.count()).toBe(0);
    await history.redo();
    expect(await names()).toEqual([['a', 'Building trust']]);
  });
});

describe('executeAll: several commands in one transaction', () => {
  const create = (c: CodeRecord): Command => ({ name: 'code.create', label: `Create "${c.name}"`, run: (w) => w.insertMany('codes', [c]) });
  const rename = (id: string, name: string): Command => ({ name: 'code.rename', label: `Rename to "${name}"`, run: (w) => w.update('codes', id, { name }) });

  it('keeps each command its own undo step, with the state each one found as its before-image', async () => {
    const transactions = vi.spyOn(db, 'transaction');
    await history.executeAll([create(code('a', 'Trust')), rename('a', 'Building trust'), create(code('b', 'Blame'))]);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await names()).toEqual([['a', 'Building trust'], ['b', 'Blame']]);
    expect((await db.audit.orderBy('seq').toArray()).map((a) => [a.label, a.direction])).toEqual([
      ['Create "Trust"', 'do'],
      ['Rename to "Building trust"', 'do'],
      ['Create "Blame"', 'do'],
    ]);

    expect(await history.undo()).toBe('Create "Blame"');
    expect(await names()).toEqual([['a', 'Building trust']]);
    expect(await history.undo()).toBe('Rename to "Building trust"');
    expect(await names()).toEqual([['a', 'Trust']]);
    expect(await history.undo()).toBe('Create "Trust"');
    expect(await db.codes.count()).toBe(0);
    await history.redo();
    await history.redo();
    expect(await names()).toEqual([['a', 'Building trust']]);
    expect(history.state().redo).toBe('Create "Blame"');
  });

  it('stores nothing, records nothing and keeps the redo stack when one command fails', async () => {
    await history.execute(create(code('a', 'Trust')));
    await history.undo();
    const failing: Command = { name: 'code.fail', label: 'Fail', run: () => Promise.reject(new Error('disk full')) };
    await expect(history.executeAll([create(code('b', 'Blame')), failing, create(code('c', 'Care'))])).rejects.toThrow('disk full');
    expect(await db.codes.count()).toBe(0);
    expect(history.state()).toMatchObject({ undo: undefined, redo: 'Create "Trust"', error: 'disk full' });
    expect((await db.audit.toArray()).map((a) => a.direction)).toEqual(['do', 'undo']);
  });

  it('keeps only the most recent steps when a batch goes past the history limit', async () => {
    const small = new CommandHistory(db, () => undefined, 2);
    await small.executeAll([create(code('a', 'A')), create(code('b', 'B')), create(code('c', 'C'))]);
    expect(await small.undo()).toBe('Create "C"');
    expect(await small.undo()).toBe('Create "B"');
    expect(await small.undo()).toBeUndefined();
    expect(await names()).toEqual([['a', 'A']]);
  });
});

describe('a large batch stays one transaction', () => {
  it('stores nothing of 60 commands when the last one fails, however many writes come before it', async () => {
    const many: Command[] = Array.from({ length: 60 }, (_, i) => ({
      name: 'code.create',
      label: `Create ${i}`,
      run: async (w) => {
        await w.insertMany('codes', [code(`a${i}`, `A${i}`)]);
        await w.insertMany('codes', [code(`b${i}`, `B${i}`)]);
        await w.insertMany('memos', []);
        await w.insertMany('codes', [code(`c${i}`, `C${i}`)]);
        if (i === 59) throw new Error('disk full');
      },
    }));
    await expect(history.executeAll(many)).rejects.toThrow('disk full');
    expect(await db.codes.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    await history.executeAll(many.slice(0, 59));
    expect(await db.codes.count()).toBe(59 * 3);
  });
});
