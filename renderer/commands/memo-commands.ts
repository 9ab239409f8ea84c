import { memoContentToPlainText } from '../../shared/model/memo-content';
import { newId } from '../../shared/model/ids';
import type { Id, MemoRecord, MemoTarget } from '../../shared/model/types';
import type { Command } from '../db/command-history';

/** Commands on memos and journal entries. Each is one undoable change; an editor saves through one per pause. */

/** What a memo is about; `targetId` is the project id for project memos and journal entries. */
export interface MemoTargetRef {
  targetType: MemoTarget;
  targetId: Id;
}

/** The fields a command's label is made from. */
export type MemoLabelFields = Pick<MemoRecord, 'targetType' | 'title'> & { date?: string };

const LABEL_LENGTH = 48;
const journalDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2026-06-03" as "3 June 2026"; anything else is returned as it is. */
export function formatJournalDate(date: string): string {
  if (!isIsoDate(date)) return date;
  return journalDateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** Today on the user's own calendar (not UTC: an entry written at 00:30 belongs to the new day where they are). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The name a memo goes by in lists and in Undo: its title, else a journal entry's date, else "Untitled memo". */
export function memoDisplayName(memo: MemoLabelFields): string {
  const title = memo.title.trim();
  if (title) return title;
  if (memo.targetType === 'journal') return memo.date ? `Entry of ${formatJournalDate(memo.date)}` : 'Untitled entry';
  return 'Untitled memo';
}

/** The name in curly quotes, cut at a word boundary when long so Undo's tooltip stays readable. */
function quoted(memo: MemoLabelFields): string {
  const name = memoDisplayName(memo);
  if (name.length <= LABEL_LENGTH) return `“${name}”`;
  const cut = name.slice(0, LABEL_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `“${(space > LABEL_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…”`;
}

function kindWord(memo: Pick<MemoRecord, 'targetType'>): string {
  if (memo.targetType === 'journal') return 'journal entry';
  if (memo.targetType === 'project') return 'project memo';
  return 'memo';
}

function checkDate(date: string): void {
  if (!isIsoDate(date)) throw new Error(`A journal entry needs a real date written as YYYY-MM-DD, not “${date}”`);
}

export interface NewMemoFields extends MemoTargetRef {
  /** A new id is made unless given (a memo written again under the id it had before its creation was undone). */
  id?: Id;
  title?: string;
  /** Lexical editor state JSON; empty for a memo not yet written. */
  content?: string;
  /** Defaults to the plain text read from `content`. */
  plainText?: string;
  /** Required for a journal entry (YYYY-MM-DD). */
  date?: string;
  anchor?: { start: number; end: number };
  authorId?: Id;
}

/** Creates a memo or journal entry. The id is returned so the caller can select it at once. */
export function createMemo(fields: NewMemoFields, now = Date.now()): { command: Command; id: Id; memo: MemoRecord } {
  if (fields.targetType === 'journal') checkDate(fields.date ?? '');
  const content = fields.content ?? '';
  const memo: MemoRecord = {
    id: fields.id ?? newId(),
    targetType: fields.targetType,
    targetId: fields.targetId,
    title: (fields.title ?? '').trim(),
    content,
    plainText: fields.plainText ?? memoContentToPlainText(content),
    createdAt: now,
    updatedAt: now,
  };
  if (fields.date !== undefined) memo.date = fields.date;
  if (fields.anchor) memo.anchor = { start: fields.anchor.start, end: fields.anchor.end };
  if (fields.authorId) memo.authorId = fields.authorId;
  return {
    id: memo.id,
    memo,
    command: { name: 'memo.create', label: `Create ${kindWord(memo)} ${quoted(memo)}`, run: (w) => w.put('memos', structuredClone(memo)) },
  };
}

export interface MemoChanges {
  title?: string;
  content?: string;
  /** Defaults to the plain text read from `content` when only the content is given. */
  plainText?: string;
  date?: string;
}

/**
 * Changes a memo's title, content or date in one command, labelled by what changed: a rename, a new date, or an
 * edit of the text. `memo` is the memo as it was, for the label. Does nothing to a memo that no longer exists.
 */
export function updateMemo(memo: MemoLabelFields & { id: Id }, changes: MemoChanges, now = Date.now()): Command {
  const fields: Partial<MemoRecord> = { updatedAt: now };
  if (changes.title !== undefined) fields.title = changes.title.trim();
  if (changes.content !== undefined) {
    fields.content = changes.content;
    fields.plainText = changes.plainText ?? memoContentToPlainText(changes.content);
  } else if (changes.plainText !== undefined) {
    fields.plainText = changes.plainText;
  }
  if (changes.date !== undefined) {
    checkDate(changes.date);
    fields.date = changes.date;
  }

  let name = 'memo.edit';
  let label = `Edit ${kindWord(memo)} ${quoted(memo)}`;
  const textChanged = changes.content !== undefined || changes.plainText !== undefined;
  if (!textChanged && fields.title !== undefined && changes.date === undefined) {
    name = 'memo.rename';
    label = `Rename ${kindWord(memo)} ${quoted(memo)} to ${quoted({ ...memo, title: fields.title })}`;
  } else if (!textChanged && fields.title === undefined && fields.date !== undefined) {
    name = 'memo.date';
    label = `Change the date of ${kindWord(memo)} ${quoted(memo)} to ${formatJournalDate(fields.date)}`;
  }
  return { name, label, run: (w) => w.update('memos', memo.id, fields) };
}

/** Deletes a memo; Undo brings it back whole. */
export function deleteMemo(memo: MemoLabelFields & { id: Id }): Command {
  return { name: 'memo.delete', label: `Delete ${kindWord(memo)} ${quoted(memo)}`, run: (w) => w.delete('memos', memo.id) };
}
