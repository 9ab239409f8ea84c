import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ThemeRecord } from '../../../shared/model/types';
import { createTheme, moveCodes, renameTheme } from '../../../renderer/commands/theme-commands';
import { renameCode } from '../../../renderer/commands/code-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import { formatWhen, historyToCsv, historyToMarkdown, rowsNaming, themeHistoryRows } from '../../../renderer/views/themes/theme-history';

let db: ProjectDb;
let history: CommandHistory;
let coder: string | undefined;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  coder = 'amara';
  history = new CommandHistory(db, () => coder);
  await db.codes.put({ id: 'trust', name: 'Trust', color: '#000', description: '', inclusion: '', exclusion: '', example: '', order: 0, createdAt: 1 });
});

describe('the history of the themes, from the audit trail', () => {
  it('keeps theme steps only, oldest first, with who did them and undone steps marked', async () => {
    const a = createTheme({ name: 'Partnership' });
    await history.execute(a.command);
    await history.execute(renameCode('trust', 'Trust', 'Building trust')); // not a theme step
    const theme = (await db.themes.get(a.id)) as ThemeRecord;
    coder = 'ben';
    await history.execute(moveCodes({ codes: [{ id: 'trust', name: 'Building trust' }], to: theme }));
    await history.execute(renameTheme(theme, 'Partnership | with parents'));
    await history.undo();

    const rows = themeHistoryRows(await db.audit.toArray(), new Map([['amara', 'Amara Okafor'], ['ben', 'Ben Hughes']]));
    expect(rows.map((r) => [r.action, r.coder])).toEqual([
      ['Create theme “Partnership”', 'Amara Okafor'],
      ['Add “Building trust” to “Partnership”', 'Ben Hughes'],
      ['Rename theme “Partnership” to “Partnership | with parents”', 'Ben Hughes'],
      ['Undo: Rename theme “Partnership” to “Partnership | with parents”', 'Ben Hughes'],
    ]);
    expect(rowsNaming(rows, 'Partnership | with parents')).toHaveLength(2);
    expect(rowsNaming(rows, 'Building trust')).toHaveLength(1);

    // CSV read back by a parser gives the same cells.
    const csv = historyToCsv(rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual(['When', 'What happened', 'Who', 'Command']);
    expect(parsed[2]).toEqual([formatWhen(rows[1]!.at), 'Add “Building trust” to “Partnership”', 'Ben Hughes', 'theme.add-codes']);
    expect(parsed).toHaveLength(5);

    // Markdown escapes the pipe in a theme's name so the table keeps three columns.
    const md = historyToMarkdown(rows);
    const tableLines = md.split('\n').filter((l) => l.startsWith('| 2'));
    expect(tableLines).toHaveLength(4);
    for (const line of tableLines) expect(line.split(/(?<!\\)\|/).length).toBe(5);
    expect(md).toContain('Partnership \\| with parents');
    expect(md).toContain('(4 steps)');
  });

  it('writes times as local YYYY-MM-DD HH:MM', () => {
    const at = new Date(2026, 2, 4, 9, 5).getTime();
    expect(formatWhen(at)).toBe('2026-03-04 09:05');
  });
});
