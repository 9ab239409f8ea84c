import { beforeEach, describe, expect, it } from 'vitest';
import { CODEBOOK_TEMPLATES } from '../../../shared/model/codebook-templates';
import type { CodeRecord, CodingRecord, ThemeRecord } from '../../../shared/model/types';
import { applyTemplate, deleteCode, mergeCodes, moveCode, splitCode } from '../../../renderer/commands/code-commands';
import { applyCode, removeCodings, setCodingRange } from '../../../renderer/commands/coding-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';

const code = (id: string, name: string, order: number, parentId?: string): CodeRecord => ({
  id, name, parentId, color: '#332288', description: `${name} defined`, inclusion: '', exclusion: '', example: '', order, createdAt: 1,
});
const coding = (id: string, codeId: string, start: number, end: number, coderId = 'c1', documentId = 'd1'): CodingRecord => ({
  id, codeId, coderId, documentId, start, end, createdAt: 1,
});
const theme: ThemeRecord = { id: 't1', name: 'Theme', definition: '', boundaries: '', status: 'candidate', codeIds: ['a', 'b'], color: '#000', order: 0, createdAt: 1, updatedAt: 1 };

let db: ProjectDb;
let history: CommandHistory;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.codes.bulkPut([code('a', 'Trust', 0), code('b', 'Building trust', 1), code('b1', 'Child of B', 0, 'b'), code('c', 'Other', 2)]);
  await db.codings.bulkPut([coding('x1', 'a', 0, 10), coding('x2', 'a', 20, 30), coding('y1', 'b', 0, 10), coding('y2', 'b', 40, 50, 'c2')]);
  await db.themes.put(theme);
  history = new CommandHistory(db);
});

describe('code commands', () => {
  it('merges: codings move, duplicates collapse, children and themes follow, history kept; undo restores all', async () => {
    const [b, a] = [(await db.codes.get('b'))!, (await db.codes.get('a'))!];
    await history.execute(mergeCodes(b, a));
    expect(await db.codes.get('b')).toBeUndefined();
    const onA = (await db.codings.where('codeId').equals('a').toArray()).map((c) => `${c.start}-${c.end}-${c.coderId}`).sort();
    expect(onA).toEqual(['0-10-c1', '20-30-c1', '40-50-c2']);
    expect((await db.codes.get('b1'))!.parentId).toBe('a');
    expect((await db.themes.get('t1'))!.codeIds).toEqual(['a']);
    expect((await db.codes.get('a'))!.history![0]!.note).toBe('Merged “Building trust”: Building trust defined');

    await history.undo();
    expect((await db.codes.get('b'))!.name).toBe('Building trust');
    expect(await db.codings.count()).toBe(4);
    expect((await db.codings.get('y1'))!.codeId).toBe('b');
    expect((await db.themes.get('t1'))!.codeIds).toEqual(['a', 'b']);
    expect((await db.codes.get('a'))!.history).toBeUndefined();
  });

  it('refuses to merge a code into its own subcode', async () => {
    await expect(history.execute(mergeCodes((await db.codes.get('b'))!, (await db.codes.get('b1'))!))).rejects.toThrow(/own subcode/);
    expect(await db.codes.count()).toBe(4);
  });

  it('deletes a code with its codings, lifts its subcodes, drops it from themes; undo brings it back', async () => {
    await history.execute(deleteCode((await db.codes.get('b'))!));
    expect(await db.codings.where('codeId').equals('b').count()).toBe(0);
    expect((await db.codes.get('b1'))!.parentId).toBeUndefined();
    expect((await db.themes.get('t1'))!.codeIds).toEqual(['a']);
    await history.undo();
    expect(await db.codings.where('codeId').equals('b').count()).toBe(2);
    expect((await db.codes.get('b1'))!.parentId).toBe('b');
  });

  it('moves a code inside another and reorders siblings; refuses a cycle', async () => {
    await history.execute(moveCode((await db.codes.get('c'))!, undefined, 0));
    const top = (await db.codes.toArray()).filter((c) => !c.parentId).sort((x, y) => x.order - y.order).map((c) => c.id);
    expect(top).toEqual(['c', 'a', 'b']);
    await history.execute(moveCode((await db.codes.get('a'))!, 'b', 0));
    expect((await db.codes.get('a'))!.parentId).toBe('b');
    const underB = (await db.codes.where('parentId').equals('b').toArray()).sort((x, y) => x.order - y.order).map((c) => c.id);
    expect(underB).toEqual(['a', 'b1']);
    await expect(history.execute(moveCode((await db.codes.get('b'))!, 'b1', 0))).rejects.toThrow(/inside itself/);
  });

  it('splits chosen codings into a new code', async () => {
    await history.execute(splitCode((await db.codes.get('a'))!, ['x2'], 'Distrust', 5));
    const created = (await db.codes.toArray()).find((c) => c.name === 'Distrust')!;
    expect((await db.codings.get('x2'))!.codeId).toBe(created.id);
    expect((await db.codings.get('x1'))!.codeId).toBe('a');
  });

  it('adds a template with definitions', async () => {
    await history.execute(applyTemplate(CODEBOOK_TEMPLATES[0]!, 3));
    const names = (await db.codes.toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Keep doing', 'Stop doing', 'Start doing', 'Good practice']));
    expect((await db.codes.toArray()).find((c) => c.name === 'Stop doing')!.description).toMatch(/unhelpful/);
  });
});

describe('coding commands', () => {
  const me = { id: 'me', name: 'Sam Taylor', initials: 'ST', color: '#4477aa' };

  it('applies a code once, records the coder, never duplicates an identical coding', async () => {
    const cmd = applyCode({ code: { id: 'c', name: 'Other' }, coder: me, passages: [{ documentId: 'd1', start: 5, end: 12 }] });
    await history.execute(cmd);
    await history.execute(cmd);
    const mine = await db.codings.where('coderId').equals('me').toArray();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ codeId: 'c', start: 5, end: 12, documentId: 'd1' });
    expect((await db.coders.get('me'))!.name).toBe('Sam Taylor');
  });

  it('creates and applies a new code in one undo step', async () => {
    const created = code('n', 'New code', 9);
    await history.execute(applyCode({ code: created, newCode: created, coder: me, passages: [{ documentId: 'd1', start: 0, end: 3 }] }));
    expect(await db.codes.get('n')).toBeDefined();
    await history.undo();
    expect(await db.codes.get('n')).toBeUndefined();
    expect(await db.codings.where('codeId').equals('n').count()).toBe(0);
  });

  it('resizes and removes codings', async () => {
    await history.execute(setCodingRange((await db.codings.get('x1'))!, 2, 8));
    expect(await db.codings.get('x1')).toMatchObject({ start: 2, end: 8 });
    const x1 = (await db.codings.get('x1'))!;
    expect(() => setCodingRange(x1, 8, 8)).toThrow();
    await history.execute(removeCodings([(await db.codings.get('x1'))!], 'Trust'));
    expect(await db.codings.get('x1')).toBeUndefined();
  });
});
