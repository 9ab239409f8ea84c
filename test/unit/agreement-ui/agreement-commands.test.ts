// Resolving a disagreement: one undoable command that changes both coders' codings and records the decision.
import { beforeEach, describe, expect, it } from 'vitest';
import { findDisagreements, type Disagreement, type Resolution } from '../../../shared/agreement';
import { buildSample } from '../../../shared/sample/index';
import type { CodingRecord, MemoRecord, ProjectData } from '../../../shared/model/types';
import { rehomeMemos, resolveDisagreementCommand, STALE_RESOLUTION_MESSAGE } from '../../../renderer/commands/agreement-commands';
import { setCodingRange } from '../../../renderer/commands/coding-commands';
import { parseResolutionMemo } from '../../../renderer/agreement/resolution-record';
import { groupPassages } from '../../../renderer/agreement/passages';
import { CommandHistory } from '../../../renderer/db/command-history';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { makeProject } from '../agreement/project';

let db: ProjectDb;
let history: CommandHistory;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  history = new CommandHistory(db, () => 'a');
});

/** Characters of [from, to) each coder covers, by a plain loop over the codings. */
function covered(codings: readonly CodingRecord[], coderId: string, from: number, to: number): boolean[] {
  const out: boolean[] = [];
  for (let i = from; i < to; i++) out.push(codings.some((c) => c.coderId === coderId && c.start <= i && i < c.end));
  return out;
}

async function codingsOf(d: Disagreement): Promise<CodingRecord[]> {
  return (await db.codings.where('[codeId+documentId]').equals([d.codeId, d.documentId]).toArray()).filter(
    (c) => c.coderId === d.coderA || c.coderId === d.coderB,
  );
}

function command(d: Disagreement, resolution: Resolution, note = '') {
  return resolveDisagreementCommand({
    disagreement: d,
    resolution,
    note,
    projectId: 'project-1',
    code: 'Trust',
    document: 'Document d1',
    coderA: 'Alice',
    coderB: 'Bob',
    quote: 'words',
    authorId: 'a',
    now: 5_000,
  });
}

describe('resolving a disagreement in the sample project', () => {
  let data: ProjectData;

  beforeEach(async () => {
    data = await buildSample('sample');
    await writeProjectData(db, data);
  });

  it('applies a union to both coders’ codings, records it, and Undo restores both exactly', async () => {
    const [amara, ben] = data.coders;
    const items = groupPassages(findDisagreements(data, amara!.id, ben!.id));
    // A passage where both coders coded something, so both must change.
    const item = items.find((i) => new Set(i.ranges[0]!.codings.map((c) => c.coderId)).size === 2 && i.ranges.length >= 1)!;
    const d = item.ranges[0]!;
    const before = await codingsOf(d);
    const { from, to } = { from: Math.max(0, item.passage.start - 5), to: item.passage.end + 5 };
    const expected = covered(before, amara!.id, from, to).map((x, i) => x || covered(before, ben!.id, from, to)[i]!);
    expect(expected.some((x, i) => x !== covered(before, amara!.id, from, to)[i] || x !== covered(before, ben!.id, from, to)[i])).toBe(true);

    const { command: cmd, memo } = command(d, 'union', 'Both readings hold.');
    await history.execute(cmd);
    const after = await codingsOf(d);
    expect(covered(after, amara!.id, from, to)).toEqual(expected);
    expect(covered(after, ben!.id, from, to)).toEqual(expected);
    // Codings elsewhere in the document are untouched.
    const outside = (list: CodingRecord[]) => list.filter((c) => c.end < item.passage.start || c.start > item.passage.end).map((c) => c.id).sort();
    expect(outside(after)).toEqual(outside(before));

    const stored = await db.memos.get(memo.id);
    expect(stored?.targetType).toBe('project');
    expect(stored?.title).toBe('Agreement resolution: Trust');
    expect(parseResolutionMemo(stored!)).toMatchObject({ resolution: 'union', note: 'Both readings hold.', passage: item.passage });
    expect(history.state().undo).toBe('Resolve a disagreement on “Trust” (union)');

    await history.undo();
    const restored = await codingsOf(d);
    const byId = (list: CodingRecord[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(restored)).toEqual(byId(before));
    expect(await db.memos.get(memo.id)).toBeUndefined();
    await history.redo();
    expect(covered(await codingsOf(d), ben!.id, from, to)).toEqual(expected);
  });

  it('keeping both changes no coding and still records the decision', async () => {
    const [amara, ben] = data.coders;
    const d = findDisagreements(data, amara!.id, ben!.id)[0]!;
    const before = await db.codings.count();
    const codings = await db.codings.toArray();
    const { command: cmd, memo } = command(d, 'keepBoth');
    await history.execute(cmd);
    expect(await db.codings.count()).toBe(before);
    expect(await db.codings.toArray()).toEqual(codings);
    expect(parseResolutionMemo((await db.memos.get(memo.id))!)?.changes).toBe('no coding changed');
  });

  it('refuses, changing nothing, when the passage’s codings changed after the comparison', async () => {
    const [amara, ben] = data.coders;
    const d = findDisagreements(data, amara!.id, ben!.id)[0]!;
    const moved = d.codings[0]!;
    await history.execute(setCodingRange(moved, moved.start, moved.end + 1));
    const snapshot = await db.codings.toArray();
    const memos = await db.memos.count();
    await expect(history.execute(command(d, 'union').command)).rejects.toThrow(STALE_RESOLUTION_MESSAGE);
    expect(await db.codings.toArray()).toEqual(snapshot);
    expect(await db.memos.count()).toBe(memos);
  });
});

describe('memos on codings a resolution removes', () => {
  function setup(codings: [string, string, string, number, number][]) {
    const data = makeProject({
      documents: [{ id: 'd1', text: 'x'.repeat(100) }],
      codes: [{ id: 'trust', name: 'Trust' }],
      coders: [
        { id: 'a', name: 'Alice' },
        { id: 'b', name: 'Bob' },
      ],
      codings,
    });
    return data;
  }
  const codingMemo = (id: string, codingId: string): MemoRecord => ({
    id,
    targetType: 'coding',
    targetId: codingId,
    title: 'On this coding',
    content: '',
    plainText: 'a thought',
    createdAt: 1,
    updatedAt: 1,
  });

  it('moves a memo to the coder’s coding that now covers the passage', async () => {
    // A: 0-10 and 10-20 (touching), B: 5-15. Keep B: A's first coding becomes 5-15, the second goes.
    const data = setup([
      ['d1', 'trust', 'a', 0, 10],
      ['d1', 'trust', 'a', 10, 20],
      ['d1', 'trust', 'b', 5, 15],
    ]);
    data.memos.push(codingMemo('m1', 'coding-1'));
    await writeProjectData(db, data);
    const d = findDisagreements(data, 'a', 'b')[0]!;
    const { command: cmd, changes } = command(d, 'keepB');
    expect(changes.delete.map((c) => c.id)).toEqual(['coding-1']);
    await history.execute(cmd);
    expect(await db.memos.get('m1')).toMatchObject({ targetType: 'coding', targetId: 'coding-0', updatedAt: 5_000 });
    expect(await db.codings.get('coding-0')).toMatchObject({ start: 5, end: 15 });
    await history.undo();
    expect(await db.memos.get('m1')).toEqual(codingMemo('m1', 'coding-1'));
  });

  it('keeps a memo on the document, anchored where the coding was, when the coder keeps nothing there', async () => {
    // A: 0-10, B: 10-20 touch: one passage; their intersection is empty, so both codings go.
    const data = setup([
      ['d1', 'trust', 'a', 0, 10],
      ['d1', 'trust', 'b', 10, 20],
    ]);
    data.memos.push(codingMemo('m2', 'coding-1'));
    await writeProjectData(db, data);
    const d = findDisagreements(data, 'a', 'b')[0]!;
    await history.execute(command(d, 'intersection').command);
    expect(await db.codings.count()).toBe(0);
    expect(await db.memos.get('m2')).toMatchObject({ targetType: 'document', targetId: 'd1', anchor: { start: 10, end: 20 } });
  });

  it('rehomeMemos leaves memos on other things alone', () => {
    const gone: CodingRecord = { id: 'g', documentId: 'd', codeId: 'c', coderId: 'a', start: 0, end: 5, createdAt: 0 };
    const other: CodingRecord = { ...gone, id: 'o', coderId: 'b', start: 0, end: 9 };
    const heir: CodingRecord = { ...gone, id: 'h', start: 3, end: 9 };
    expect(
      rehomeMemos(
        [
          { id: 'm', targetType: 'coding', targetId: 'g' },
          { id: 'n', targetType: 'code', targetId: 'g' },
          { id: 'p', targetType: 'coding', targetId: 'o' },
        ],
        [gone],
        [other, heir],
      ),
    ).toEqual([{ id: 'm', changes: { targetId: 'h' } }]);
  });
});
