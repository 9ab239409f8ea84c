import type { AuditEntry, Id } from '../../../shared/model/types';
import { toCsv, type Table } from '../../../shared/query/tables';

/**
 * The history of the themes, read from the project's audit trail: every theme command (created, renamed, defined,
 * merged, split, codes moved...) with when and by whom, oldest first, as a table, CSV or Markdown for the methods
 * section of a paper. Undone steps stay in the record, marked as such, as they happened.
 */

export const THEME_COMMAND_PREFIX = 'theme.';

export interface HistoryRow {
  seq: number;
  at: number;
  /** What happened, e.g. 'Move “Trust” from “A” to “B”'; prefixed with "Undo:" or "Redo:" for those steps. */
  action: string;
  command: string;
  coder: string;
  direction: AuditEntry['direction'];
}

export function isThemeEntry(entry: Pick<AuditEntry, 'command'>): boolean {
  return entry.command.startsWith(THEME_COMMAND_PREFIX);
}

export function themeHistoryRows(entries: readonly AuditEntry[], coderNames: ReadonlyMap<Id, string>): HistoryRow[] {
  return entries
    .filter(isThemeEntry)
    .map((e, i) => ({
      seq: e.seq ?? i,
      at: e.at,
      action: e.direction === 'undo' ? `Undo: ${e.label}` : e.direction === 'redo' ? `Redo: ${e.label}` : e.label,
      command: e.command,
      coder: e.coderId ? (coderNames.get(e.coderId) ?? 'Unknown coder') : '',
      direction: e.direction,
    }))
    .sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/** Keeps the entries that name a theme (its name in curly quotes, as every theme command writes it). */
export function rowsNaming(rows: readonly HistoryRow[], name: string): HistoryRow[] {
  const needle = `“${name.replace(/\s+/g, ' ').trim()}”`;
  return rows.filter((r) => r.action.includes(needle));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date and time as YYYY-MM-DD HH:MM, which sorts as text and reads the same everywhere. */
export function formatWhen(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function historyTable(rows: readonly HistoryRow[]): Table {
  return { columns: ['When', 'What happened', 'Who', 'Command'], rows: rows.map((r) => [formatWhen(r.at), r.action, r.coder || null, r.command]) };
}

export function historyToCsv(rows: readonly HistoryRow[]): string {
  return toCsv(historyTable(rows), { bom: true });
}

/** Markdown: a heading, a sentence saying what the record is, and a table (pipes in text escaped). */
export function historyToMarkdown(rows: readonly HistoryRow[], title = 'History of the themes'): string {
  const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [
    `# ${cell(title)}`,
    '',
    `Every change made to the themes, oldest first (${rows.length} ${rows.length === 1 ? 'step' : 'steps'}), as recorded by Tessera. Steps later undone are kept and marked.`,
    '',
    '| When | What happened | Who |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${formatWhen(r.at)} | ${cell(r.action)} | ${cell(r.coder)} |`),
    '',
  ];
  return lines.join('\n');
}
