import { beforeEach, describe, expect, it } from 'vitest';
import { CommandHistory, type Command } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import type { CodeRecord } from '../../../shared/model/types';

const code = (id: string, name: string): CodeRecord => ({
  id, name, color: '#332288', description: '', inclusion: '', exclusion: '', example: '', order: 0, createdAt: 1,
});

const createCode = (c: CodeRecord): Command => ({
  name: 'code.create', label: `Create code "${c.name}"`, run: (w) => w.put('codes', c),
});

let db: ProjectDb;
let history: CommandHistory;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  history = new CommandHistory(db, () => 'coder-1');
});

describe('CommandHistory', () => {
  it('stores a change at once and undoes and redoes it', async () => {
    await history.execute(createCode(code('a', 'Trust')));
    expect((await db.codes.get('a'))?.name).toBe('Trust');
    expect(history.state().undo).toBe('Create code "Trust"');

    await history.execute({ name: 'code.rename', label: 'Rename', run: (w) => w.update('codes', 'a', { name: 'Building trust' }) });
    expect((await db.codes.get('a'))?.name).toBe('Building trust');

    expect(await history.undo()).toBe('Rename');
    expect((await db.codes.get('a'))?.name).toBe('Trust');
    expect(await history.undo()).toBe('Create code "Trust"');
    expect(await db.codes.get('a')).toBeUndefined();
    expect(history.state().undo).toBeUndefined();

    await history.redo();
    await history.redo();
    expect((await db.codes.get('a'))?.name).toBe('Building trust');
    expect(history.state().redo).toBeUndefined();
  });

  it('writes nothing when a command fails part-way', async () => {
    await history.execute(createCode(code('a', 'Trust')));
    const failing: Command = {
      name: 'code.bulk', label: 'Bulk',
      run: async (w) => {
        await w.put('codes', code('b', 'Second'));
        await w.delete('codes', 'a');
        throw new Error('disk full');
      },
    };
    await expect(history.execute(failing)).rejects.toThrow('disk full');
    expect(await db.codes.count()).toBe(1);
    expect((await db.codes.get('a'))?.name).toBe('Trust');
    expect(history.state().undo).toBe('Create code "Trust"');
    expect(history.state().error).toBe('disk full');
  });

  it('restores deleted rows with compound keys, and records every step in the audit trail', async () => {
    await db.attributeValues.put({ ownerId: 'case1', attributeId: 'agency', value: 'Police' });
    await history.execute({ name: 'value.clear', label: 'Clear', run: (w) => w.delete('attributeValues', ['case1', 'agency']) });
    expect(await db.attributeValues.count()).toBe(0);
    await history.undo();
    expect((await db.attributeValues.get(['case1', 'agency']))?.value).toBe('Police');
    const audit = await db.audit.toArray();
    expect(audit.map((a) => [a.command, a.direction, a.coderId])).toEqual([
      ['value.clear', 'do', 'coder-1'],
      ['value.clear', 'undo', 'coder-1'],
    ]);
  });

  it('a new change clears the redo stack; several writes to one row undo to the first state', async () => {
    await history.execute({
      name: 'code.twice', label: 'Twice',
      run: async (w) => {
        await w.put('codes', code('a', 'One'));
        await w.update('codes', 'a', { name: 'Two' });
        await w.update('codes', 'a', { color: '#000000' });
      },
    });
    await history.undo();
    expect(await db.codes.get('a')).toBeUndefined();
    await history.execute(createCode(code('c', 'Other')));
    expect(history.state().redo).toBeUndefined();
  });

  it('refuses to keep a transaction open across non-database waits (IndexedDB closes it)', async () => {
    const bad: Command = { name: 'b', label: 'b', run: async (w) => { await new Promise((r) => setTimeout(r, 5)); await w.put('codes', code('x', 'X')); } };
    await expect(history.execute(bad)).rejects.toThrow();
    expect(await db.codes.get('x')).toBeUndefined();
  });

  it('runs commands one at a time in the order given', async () => {
    const order: string[] = [];
    const slow: Command = { name: 's', label: 's', run: async (w) => { for (let i = 0; i < 50; i++) await w.put('codes', code(`s${i}`, 'S')); order.push('slow'); } };
    const fast: Command = { name: 'f', label: 'f', run: async (w) => { order.push('fast'); await w.put('codes', code('f', 'F')); } };
    await Promise.all([history.execute(slow), history.execute(fast)]);
    expect(order).toEqual(['slow', 'fast']);
  });
});
