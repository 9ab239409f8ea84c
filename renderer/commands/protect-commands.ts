import { checkPseudonymTable, cleanTerm, PSEUDONYM_CATEGORIES, type PseudonymEntry, type PseudonymTable } from '../../shared/protect';
import type { ChangeWriter, Command } from '../db/command-history';
import type { ProjectDb } from '../db/project-db';
import type { ProjectChanges } from '../protect/project-changes';
import { lastAuditSeq } from './merge-commands';

/**
 * The pseudonym table and pseudonymisation as commands. The table lives in the project's meta table on this
 * computer only: it is never part of an export (a .qdpx holds no meta), and leaves only as an encrypted file.
 *
 * Labels name the replacement, never the real term: they are kept in Undo and in the audit trail, which outlive
 * the pseudonymisation.
 */

export const PSEUDONYM_TABLE_KEY = 'pseudonym-table';
/** Suggestions the user dismissed (lower case), so they are not suggested again. */
export const DISMISSED_SUGGESTIONS_KEY = 'pseudonym-dismissed';

export const STALE_PSEUDONYMISATION =
  'The project changed while the pseudonymisation was being prepared, so nothing was replaced. Apply it again to pseudonymise the project as it is now.';

/** A table entry as stored: terms cleaned, a known category, case sensitivity only when set. */
export function normaliseEntry(entry: PseudonymEntry): PseudonymEntry {
  const clean: PseudonymEntry = { term: cleanTerm(entry.term), replacement: cleanTerm(entry.replacement), category: entry.category };
  if (entry.caseSensitive) clean.caseSensitive = true;
  return clean;
}

/** The stored table, read forgivingly: rows that are not entries are left out. */
export function readPseudonymTable(value: unknown): PseudonymTable {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null) return [];
    const { term, replacement, category, caseSensitive } = row as Record<string, unknown>;
    if (typeof term !== 'string' || typeof replacement !== 'string' || !PSEUDONYM_CATEGORIES.includes(category as PseudonymEntry['category'])) return [];
    return [normaliseEntry({ term, replacement, category: category as PseudonymEntry['category'], caseSensitive: caseSensitive === true })];
  });
}

export function readDismissed(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function loadPseudonymTable(db: ProjectDb): Promise<PseudonymTable> {
  return readPseudonymTable((await db.meta.get(PSEUDONYM_TABLE_KEY))?.value);
}

export async function loadDismissed(db: ProjectDb): Promise<string[]> {
  return readDismissed((await db.meta.get(DISMISSED_SUGGESTIONS_KEY))?.value);
}

const keyOf = (term: string) => cleanTerm(term).toLowerCase();

async function currentTable(w: ChangeWriter): Promise<PseudonymTable> {
  return loadPseudonymTable(w.db);
}

/** Stores the table after checking it can be used (no empty replacement, no replacement holding a real term). */
async function storeTable(w: ChangeWriter, table: PseudonymTable): Promise<void> {
  const problems = checkPseudonymTable(table);
  if (problems.length) throw new Error(`The pseudonym table cannot take this change: ${problems.join('; ')}.`);
  await w.put('meta', { key: PSEUDONYM_TABLE_KEY, value: table });
}

function checkEntry(entry: PseudonymEntry): PseudonymEntry {
  const clean = normaliseEntry(entry);
  if (!clean.term) throw new Error('Enter the real term to replace.');
  if (!clean.replacement) throw new Error(`Enter what replaces “${clean.term}”.`);
  if (!PSEUDONYM_CATEGORIES.includes(clean.category)) throw new Error(`Unknown category “${String(clean.category)}”.`);
  return clean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Adds entries (a row typed in, or accepted suggestions). A term already in the table is refused, unless
 * skipExisting (accepting many at once), when it is left as it is.
 */
export function addPseudonymEntries(entries: readonly PseudonymEntry[], options: { skipExisting?: boolean } = {}): Command {
  const clean = entries.map(checkEntry);
  return {
    name: 'protect.table.add',
    label: clean.length === 1 ? `Add ${clean[0]!.replacement} to the pseudonym table` : `Add ${plural(clean.length, 'term')} to the pseudonym table`,
    run: async (w) => {
      const table = await currentTable(w);
      const known = new Set(table.map((e) => keyOf(e.term)));
      for (const entry of clean) {
        if (known.has(keyOf(entry.term))) {
          if (options.skipExisting) continue;
          throw new Error(`“${entry.term}” is already in the pseudonym table.`);
        }
        known.add(keyOf(entry.term));
        table.push(entry);
      }
      await storeTable(w, table);
      // An accepted term is no longer a dismissed one.
      const dismissed = readDismissed((await w.db.meta.get(DISMISSED_SUGGESTIONS_KEY))?.value);
      const left = dismissed.filter((t) => !clean.some((e) => keyOf(e.term) === t));
      if (left.length !== dismissed.length) await w.put('meta', { key: DISMISSED_SUGGESTIONS_KEY, value: left });
    },
  };
}

/** Changes the entry for `term` (its term, replacement, category or case sensitivity). */
export function updatePseudonymEntry(term: string, entry: PseudonymEntry): Command {
  const clean = checkEntry(entry);
  return {
    name: 'protect.table.update',
    label: `Change ${clean.replacement} in the pseudonym table`,
    run: async (w) => {
      const table = await currentTable(w);
      const at = table.findIndex((e) => keyOf(e.term) === keyOf(term));
      if (at < 0) throw new Error('That term is no longer in the pseudonym table.');
      if (table.some((e, i) => i !== at && keyOf(e.term) === keyOf(clean.term))) throw new Error(`“${clean.term}” is already in the pseudonym table.`);
      table[at] = clean;
      await storeTable(w, table);
    },
  };
}

/** Removes the entries for these terms. */
export function deletePseudonymEntries(terms: readonly string[], replacementForLabel?: string): Command {
  const keys = new Set(terms.map(keyOf));
  return {
    name: 'protect.table.delete',
    label: terms.length === 1 ? `Remove ${replacementForLabel ?? 'a term'} from the pseudonym table` : `Remove ${plural(terms.length, 'term')} from the pseudonym table`,
    run: async (w) => {
      const table = await currentTable(w);
      const left = table.filter((e) => !keys.has(keyOf(e.term)));
      if (left.length === table.length) throw new Error('That term is no longer in the pseudonym table.');
      await w.put('meta', { key: PSEUDONYM_TABLE_KEY, value: left });
    },
  };
}

/** What importing a table file would do: terms added, terms whose entry the file changes, terms the same. */
export function importEffect(current: PseudonymTable, incoming: PseudonymTable): { added: number; changed: number; same: number } {
  const byKey = new Map(current.map((e) => [keyOf(e.term), e]));
  let added = 0;
  let changed = 0;
  let same = 0;
  for (const entry of incoming.map(normaliseEntry)) {
    const known = byKey.get(keyOf(entry.term));
    if (!known) added++;
    else if (JSON.stringify(normaliseEntry(known)) === JSON.stringify(entry)) same++;
    else changed++;
  }
  return { added, changed, same };
}

/** Merges a table read from a file: new terms are added, and for terms already here the file's entry wins. */
export function importPseudonymTable(incoming: readonly PseudonymEntry[], fileLabel = 'a file'): Command {
  const clean = incoming.map(checkEntry);
  return {
    name: 'protect.table.import',
    label: `Import the pseudonym table from ${fileLabel}`,
    run: async (w) => {
      const table = await currentTable(w);
      for (const entry of clean) {
        const at = table.findIndex((e) => keyOf(e.term) === keyOf(entry.term));
        if (at >= 0) table[at] = entry;
        else table.push(entry);
      }
      await storeTable(w, table);
    },
  };
}

/** Dismisses suggestions so they are not offered again (Undo brings them back). */
export function dismissSuggestions(terms: readonly string[]): Command {
  return {
    name: 'protect.suggestion.dismiss',
    label: terms.length === 1 ? 'Dismiss a suggestion' : `Dismiss ${plural(terms.length, 'suggestion')}`,
    run: async (w) => {
      const dismissed = readDismissed((await w.db.meta.get(DISMISSED_SUGGESTIONS_KEY))?.value);
      const next = [...new Set([...dismissed, ...terms.map(keyOf)])];
      await w.put('meta', { key: DISMISSED_SUGGESTIONS_KEY, value: next });
    },
  };
}

/** Offers every dismissed suggestion again. */
export function restoreDismissedSuggestions(): Command {
  return {
    name: 'protect.suggestion.restore',
    label: 'Show dismissed suggestions again',
    run: async (w) => {
      await w.delete('meta', DISMISSED_SUGGESTIONS_KEY);
    },
  };
}

/**
 * Writes a pseudonymisation as ONE command: every changed text, document, coding, memo and other record, so a
 * single Undo brings the whole project back. `basedOnAuditSeq` is lastAuditSeq() when the project was read for it:
 * if anything changed since, nothing is written (the changes were worked out on older data).
 */
export function pseudonymiseCommand(input: { label: string; changes: ProjectChanges; basedOnAuditSeq?: number }): Command {
  const { changes } = input;
  return {
    name: 'protect.pseudonymise',
    label: input.label,
    run: async (w) => {
      if (input.basedOnAuditSeq !== undefined && (await lastAuditSeq(w.db)) !== input.basedOnAuditSeq) {
        throw new Error(STALE_PSEUDONYMISATION);
      }
      await w.putMany('coders', changes.coders);
      await w.putMany('cases', changes.cases);
      await w.putMany('attributes', changes.attributes);
      await w.putMany('attributeValues', changes.attributeValues);
      await w.putMany('documents', changes.documents);
      await w.putMany('texts', changes.texts);
      await w.putMany('codes', changes.codes);
      await w.putMany('codings', changes.codings);
      await w.deleteMany('codings', changes.deletedCodingIds);
      await w.putMany('themes', changes.themes);
      await w.putMany('memos', changes.memos);
    },
  };
}
