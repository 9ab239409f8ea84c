import { beforeEach, describe, expect, it } from 'vitest';
import type { CodingRecord } from '../../../shared/model/types';
import { frameworkCellKey } from '../../../shared/query';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import { codeSearchHits, FRAMEWORK_SUMMARIES_KEY, readSummaries, setFrameworkSummary } from '../../../renderer/views/queries/query-commands';

let db: ProjectDb;
let history: CommandHistory;
const coder = { id: 'sam', name: 'Sam Taylor', initials: 'ST', color: '#332288' };
const coding = (id: string, start: number, end: number, coderId = 'sam'): CodingRecord => ({ id, documentId: 'd1', codeId: 'trust', coderId, start, end, createdAt: 5 });

beforeEach(() => {
  db = new ProjectDb(crypto.randomUUID());
  history = new CommandHistory(db);
});

describe('coding every hit of a search', () => {
  it('adds the codings and the new coder as one step that one undo takes back', async () => {
    await db.codings.put(coding('old', 0, 4));
    await history.execute(codeSearchHits({ codings: [coding('n1', 10, 15), coding('n2', 40, 45), coding('dup', 0, 4)], codeName: 'Trust', coder, query: 'trust' }));
    expect((await db.codings.toArray()).map((c) => c.id).sort()).toEqual(['n1', 'n2', 'old']);
    expect(await db.coders.get('sam')).toEqual(coder);
    expect((await db.audit.toArray()).at(-1)!.label).toBe('Code 3 search hits for “trust” as “Trust”');
    await history.undo();
    expect((await db.codings.toArray()).map((c) => c.id)).toEqual(['old']);
    expect(await db.coders.get('sam')).toBeUndefined();
  });

  it('refuses an empty list and codings by someone else', () => {
    expect(() => codeSearchHits({ codings: [], codeName: 'Trust', coder, query: 'x' })).toThrow(/no new passages/);
    expect(() => codeSearchHits({ codings: [coding('x', 0, 1, 'other')], codeName: 'Trust', coder, query: 'x' })).toThrow(/coder doing the coding/);
  });
});

describe('framework matrix summaries', () => {
  it('writes, changes and clears a cell summary, each undoable', async () => {
    const key = frameworkCellKey('p01', 'theme-a');
    await history.execute(setFrameworkSummary(key, 'Felt judged at first.', 'P01', 'Partnership'));
    await history.execute(setFrameworkSummary(frameworkCellKey('p02', 'theme-a'), 'Met mum before.', 'P02', 'Partnership'));
    const read = async () => readSummaries((await db.meta.get(FRAMEWORK_SUMMARIES_KEY))?.value);
    expect(await read()).toEqual({ 'p01|theme-a': 'Felt judged at first.', 'p02|theme-a': 'Met mum before.' });
    await history.execute(setFrameworkSummary(key, '  ', 'P01', 'Partnership'));
    expect(await read()).toEqual({ 'p02|theme-a': 'Met mum before.' });
    expect((await db.audit.toArray()).map((e) => e.label)).toEqual([
      'Edit the summary of “P01” for “Partnership”',
      'Edit the summary of “P02” for “Partnership”',
      'Clear the summary of “P01” for “Partnership”',
    ]);
    await history.undo();
    expect((await read())[key]).toBe('Felt judged at first.');
  });

  it('reads only text summaries from a damaged stored value', () => {
    expect(readSummaries({ a: 'x', b: 3, c: null })).toEqual({ a: 'x' });
    expect(readSummaries('nonsense')).toEqual({});
  });
});
