import { describe, expect, it } from 'vitest';
import { loadCodeMappings, MERGE_CODE_MAPPINGS_KEY, mergeCommand, readCodeMappings } from '../../../renderer/commands/merge-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import { MERGE_TABLES } from '../../../renderer/exchange/merge-outcome';
import type { MergeChanges } from '../../../shared/exchange/merge';

const nothing = (): MergeChanges['added'] => Object.fromEntries(MERGE_TABLES.map((t) => [t, []])) as unknown as MergeChanges['added'];

describe('remembered code choices of merges', () => {
  it('stores the codes mapped in a merge, forgets those now added, and undoes with the merge', async () => {
    const db = new ProjectDb(crypto.randomUUID());
    await db.open();
    await db.meta.put({ key: MERGE_CODE_MAPPINGS_KEY, value: { theirs1: 'mine1', theirs2: 'mine2' } });
    const history = new CommandHistory(db, () => 'coder-1');
    await history.execute(
      mergeCommand({ label: 'Merge “ben.qdpx”', changes: { added: nothing(), updated: nothing() }, codeMappings: { theirs2: null, theirs3: 'mine3' } }),
    );
    expect(await loadCodeMappings(db)).toEqual({ theirs1: 'mine1', theirs3: 'mine3' });
    await history.undo();
    expect(await loadCodeMappings(db)).toEqual({ theirs1: 'mine1', theirs2: 'mine2' });
    await history.redo();
    expect(await loadCodeMappings(db)).toEqual({ theirs1: 'mine1', theirs3: 'mine3' });
    db.close();
  });

  it('reads only string mappings from whatever is stored', () => {
    expect(readCodeMappings(undefined)).toEqual({});
    expect(readCodeMappings(['a'])).toEqual({});
    expect(readCodeMappings({ a: 'b', c: 3, d: null })).toEqual({ a: 'b' });
  });
});
