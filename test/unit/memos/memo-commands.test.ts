import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemo,
  deleteMemo,
  formatJournalDate,
  isIsoDate,
  localToday,
  memoDisplayName,
  updateMemo,
} from '../../../renderer/commands/memo-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { plainTextToMemoContent } from '../../../shared/model/memo-content';
import { buildSample } from '../../../shared/sample/index';

let db: ProjectDb;
let history: CommandHistory;
const projectId = 'project-1';

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  history = new CommandHistory(db, () => 'coder-1');
});

describe('createMemo', () => {
  it('stores a journal entry with its date and author, and Undo removes it', async () => {
    const { command, id, memo } = createMemo({ targetType: 'journal', targetId: projectId, date: '2026-06-05', authorId: 'coder-1' }, 1_000);
    expect(command.label).toBe('Create journal entry “Entry of 5 June 2026”');
    await history.execute(command);
    const stored = await db.memos.get(id);
    expect(stored).toEqual({
      id, targetType: 'journal', targetId: projectId, title: '', content: '', plainText: '', date: '2026-06-05', authorId: 'coder-1',
      createdAt: 1_000, updatedAt: 1_000,
    });
    expect(stored).toEqual(memo);
    expect(await history.undo()).toBe('Create journal entry “Entry of 5 June 2026”');
    expect(await db.memos.get(id)).toBeUndefined();
    await history.redo();
    expect(await db.memos.get(id)).toEqual(memo);
  });

  it('reads the plain text from the content when it is not given, and trims the title', async () => {
    const content = plainTextToMemoContent('Trust grows slowly.\nParents notice who listens.');
    const { command, id } = createMemo({ targetType: 'code', targetId: 'code-9', title: '  Trust  ', content });
    expect(command.label).toBe('Create memo “Trust”');
    await history.execute(command);
    const stored = await db.memos.get(id);
    expect(stored?.title).toBe('Trust');
    expect(stored?.plainText).toBe('Trust grows slowly.\nParents notice who listens.');
    // Found through the index the memo drawer uses.
    expect((await db.memos.where('[targetType+targetId]').equals(['code', 'code-9']).toArray()).map((m) => m.id)).toEqual([id]);
  });

  it('refuses a journal entry without a real date, naming the date', () => {
    expect(() => createMemo({ targetType: 'journal', targetId: projectId })).toThrow('A journal entry needs a real date written as YYYY-MM-DD, not “”');
    expect(() => createMemo({ targetType: 'journal', targetId: projectId, date: '2026-02-30' })).toThrow('not “2026-02-30”');
    expect(() => createMemo({ targetType: 'journal', targetId: projectId, date: '05/06/2026' })).toThrow('not “05/06/2026”');
  });

  it('writes a memo again under its old id after its creation was undone, so a drawer never makes two', async () => {
    const first = createMemo({ targetType: 'document', targetId: 'doc-1', title: 'P01', content: plainTextToMemoContent('Dawn chairs') });
    await history.execute(first.command);
    await history.undo();
    expect(await db.memos.count()).toBe(0);
    const again = createMemo({ id: first.id, targetType: 'document', targetId: 'doc-1', title: 'P01', content: plainTextToMemoContent('Dawn chairs with care') });
    expect(again.id).toBe(first.id);
    await history.execute(again.command);
    expect((await db.memos.toArray()).map((m) => [m.id, m.plainText])).toEqual([[first.id, 'Dawn chairs with care']]);
  });

  it('shortens a long title in the label', () => {
    const title = 'A very long memo title about multi-agency meetings and parents in the room';
    const { command } = createMemo({ targetType: 'project', targetId: projectId, title });
    expect(command.label).toBe('Create project memo “A very long memo title about multi-agency…”');
  });
});

describe('updateMemo', () => {
  async function stored(fields: Parameters<typeof createMemo>[0]) {
    const created = createMemo(fields, 1_000);
    await history.execute(created.command);
    return created.memo;
  }

  it('saves content and plain text as one step that Undo reverses exactly', async () => {
    const memo = await stored({ targetType: 'project', targetId: projectId, title: 'Early ideas', content: plainTextToMemoContent('First thought.') });
    const content = plainTextToMemoContent('First thought.\nSecond thought.');
    const command = updateMemo(memo, { content, plainText: 'First thought.\nSecond thought.' }, 2_000);
    expect(command.label).toBe('Edit project memo “Early ideas”');
    await history.execute(command);
    expect(await db.memos.get(memo.id)).toEqual({ ...memo, content, plainText: 'First thought.\nSecond thought.', updatedAt: 2_000 });
    await history.undo();
    expect(await db.memos.get(memo.id)).toEqual(memo);
  });

  it('makes one undo step per save, so Undo steps back one pause of writing at a time', async () => {
    const memo = await stored({ targetType: 'document', targetId: 'doc-1', title: 'P01' });
    for (const [i, text] of ['Dawn', 'Dawn chairs', 'Dawn chairs the meeting'].entries()) {
      await history.execute(updateMemo(memo, { content: plainTextToMemoContent(text) }, 2_000 + i));
    }
    expect((await db.memos.get(memo.id))?.plainText).toBe('Dawn chairs the meeting');
    await history.undo();
    expect((await db.memos.get(memo.id))?.plainText).toBe('Dawn chairs');
    await history.undo();
    expect((await db.memos.get(memo.id))?.plainText).toBe('Dawn');
    await history.undo();
    expect((await db.memos.get(memo.id))?.plainText).toBe('');
    expect(history.state().undo).toBe('Create memo “P01”');
  });

  it('labels a rename and a new date by what changed', async () => {
    const entry = await stored({ targetType: 'journal', targetId: projectId, title: 'Reading P03', date: '2026-06-03' });
    const rename = updateMemo(entry, { title: ' After reading P03 ' });
    expect(rename.label).toBe('Rename journal entry “Reading P03” to “After reading P03”');
    await history.execute(rename);
    expect((await db.memos.get(entry.id))?.title).toBe('After reading P03');

    const redate = updateMemo({ ...entry, title: 'After reading P03' }, { date: '2026-06-04' });
    expect(redate.label).toBe('Change the date of journal entry “After reading P03” to 4 June 2026');
    await history.execute(redate);
    expect((await db.memos.get(entry.id))?.date).toBe('2026-06-04');
    expect(() => updateMemo(entry, { date: '2026-13-01' })).toThrow('not “2026-13-01”');
  });

  it('changes nothing and adds no undo step for a memo that was deleted meanwhile', async () => {
    const memo = await stored({ targetType: 'project', targetId: projectId, title: 'Gone' });
    await history.execute(deleteMemo(memo));
    await history.execute(updateMemo(memo, { content: plainTextToMemoContent('late save') }));
    expect(await db.memos.get(memo.id)).toBeUndefined();
    expect(history.state().undo).toBe('Delete project memo “Gone”');
  });
});

describe('deleteMemo', () => {
  it('deletes a memo of the sample project and Undo brings it back whole', async () => {
    const data = await buildSample(projectId, 5_000);
    await writeProjectData(db, data);
    const journal = (await db.memos.where('targetType').equals('journal').toArray())[0]!;
    expect(journal.title).toBe('First read-through');
    expect(journal.plainText).toContain('parents as absent from the conversation');

    const command = deleteMemo(journal);
    expect(command.label).toBe('Delete journal entry “First read-through”');
    await history.execute(command);
    expect(await db.memos.get(journal.id)).toBeUndefined();
    expect(await db.memos.count()).toBe(data.memos.length - 1);
    await history.undo();
    expect(await db.memos.get(journal.id)).toEqual(journal);
    // The audit trail names what was done and undone.
    const audit = await db.audit.orderBy('seq').toArray();
    expect(audit.map((a) => [a.direction, a.label])).toEqual([
      ['do', 'Delete journal entry “First read-through”'],
      ['undo', 'Delete journal entry “First read-through”'],
    ]);
  });
});

describe('dates and names', () => {
  it('knows real calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-6-3')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });

  it('writes dates as researchers read them', () => {
    expect(formatJournalDate('2026-06-03')).toBe('3 June 2026');
    expect(formatJournalDate('2026-12-31')).toBe('31 December 2026');
    expect(formatJournalDate('not a date')).toBe('not a date');
  });

  it('takes today from the local calendar, not UTC', () => {
    // Half past midnight on 5 January, local time: still 5 January whatever the offset from UTC.
    expect(localToday(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('names untitled memos', () => {
    expect(memoDisplayName({ targetType: 'journal', title: ' ', date: '2026-06-03' })).toBe('Entry of 3 June 2026');
    expect(memoDisplayName({ targetType: 'code', title: '' })).toBe('Untitled memo');
    expect(memoDisplayName({ targetType: 'code', title: ' Trust ' })).toBe('Trust');
  });
});
