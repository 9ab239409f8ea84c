import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { importDocumentCommand } from '../../../renderer/commands/document-commands';
import { correctText } from '../../../renderer/commands/text-commands';
import { CommandHistory, type Command } from '../../../renderer/db/command-history';
import { readProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { writeProjectData } from '../../../renderer/db/project-data';
import { buildSample } from '../../../shared/sample/index';

/** Runs a real command but kills its transaction part-way, as a crash or a closed window would. */
function interrupted(command: Command, afterWrites: number): Command {
  return {
    ...command,
    run: async (writer) => {
      let writes = 0;
      const counting = new Proxy(writer, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function' || prop === 'db') return value;
          return async (...args: unknown[]) => {
            await (value as (...a: unknown[]) => Promise<void>).apply(target, args);
            writes += 1;
            if (writes === afterWrites) Dexie.currentTransaction!.abort();
          };
        },
      });
      await command.run(counting);
    },
  };
}

describe('an interrupted change leaves the project exactly as before', () => {
  it('for an import, a text correction and a bulk change', async () => {
    const id = crypto.randomUUID();
    const data = await buildSample(id, 1_700_000_000_000);
    const db = new ProjectDb(id);
    await writeProjectData(db, data);
    const before = await readProjectData(db, data.project);
    const history = new CommandHistory(db);

    const { command: importCommand } = importDocumentCommand(
      { name: 'P18', format: 'txt', text: 'Interviewer: Hello.\n\nP18: Hi.', turns: [], blocks: [], comments: [{ start: 0, end: 5, text: 'note' }], warnings: [] },
      { fileName: 'P18.txt', size: 30, hash: 'x' },
      17,
    );
    await expect(history.execute(interrupted(importCommand, 2))).rejects.toThrow();

    const text = data.texts[0]!;
    const at = text.text.indexOf('the');
    await expect(history.execute(interrupted(correctText(text.id, 'P01', { start: at, end: at + 3, text: 'THE' }, text.text), 2))).rejects.toThrow();

    const bulk: Command = { name: 'bulk', label: 'bulk', run: async (w) => { await w.deleteMany('codings', data.codings.map((c) => c.id)); await w.delete('codes', data.codes[0]!.id); } };
    await expect(history.execute(interrupted(bulk, 1))).rejects.toThrow();

    expect(await readProjectData(db, data.project)).toEqual(before);
    expect(history.state().undo).toBeUndefined();
  });
});
