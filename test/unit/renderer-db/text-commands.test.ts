import { describe, expect, it } from 'vitest';
import { correctText, diffAsEdit } from '../../../renderer/commands/text-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';

describe('diffAsEdit', () => {
  it('finds the one changed span', () => {
    expect(diffAsEdit('the cat sat', 'the hat sat', 10)).toEqual({ start: 14, end: 15, text: 'h' });
    expect(diffAsEdit('teh meeting', 'the meeting', 0)).toEqual({ start: 1, end: 3, text: 'he' });
    expect(diffAsEdit('same', 'same', 0)).toBeNull();
    expect(diffAsEdit('ab', 'aXb', 0)).toEqual({ start: 1, end: 1, text: 'X' });
  });
  it('never splits an astral character', () => {
    const edit = diffAsEdit('a😀b', 'a😃b', 0)!;
    expect(edit.start).toBe(1);
    expect(edit.end).toBe(3);
    expect(edit.text).toBe('😃');
  });
});

describe('correctText', () => {
  it('moves codings after and around the edit, keeps their words, and undoes', async () => {
    const db = new ProjectDb(crypto.randomUUID());
    const text = 'Interviewer: So the meeting was teh worst. Dawn: Mum felt listened to in the end.';
    await db.texts.put({ id: 'd', text, turns: [{ start: 0, end: 42, speaker: 'Interviewer', contentStart: 13 }, { start: 43, end: text.length, speaker: 'Dawn', contentStart: 49 }], blocks: [] });
    await db.documents.put({ id: 'd', name: 'P01', order: 0, length: text.length, words: 15, source: { fileName: 'x', size: 1, format: 'txt', hash: 'h', importedAt: 1 }, createdAt: 1, updatedAt: 1 });
    const after = text.indexOf('Mum felt listened to');
    const around = text.indexOf('meeting was teh worst');
    await db.codings.bulkPut([
      { id: 'after', documentId: 'd', codeId: 'c', coderId: 'a', start: after, end: after + 'Mum felt listened to'.length, createdAt: 1 },
      { id: 'around', documentId: 'd', codeId: 'c', coderId: 'a', start: around, end: around + 'meeting was teh worst'.length, createdAt: 1 },
    ]);
    const history = new CommandHistory(db);
    const edit = diffAsEdit('teh', 'the very', text.indexOf('teh'))!;
    await history.execute(correctText('d', 'P01', edit, text));
    const newText = (await db.texts.get('d'))!.text;
    const slice = async (id: string) => {
      const c = (await db.codings.get(id))!;
      return newText.slice(c.start, c.end);
    };
    expect(newText).toContain('was the very worst');
    expect(await slice('after')).toBe('Mum felt listened to');
    expect(await slice('around')).toBe('meeting was the very worst');
    expect((await db.texts.get('d'))!.turns[1]!.contentStart).toBe(newText.indexOf('Mum'));
    expect((await db.documents.get('d'))!.length).toBe(newText.length);

    await history.undo();
    expect((await db.texts.get('d'))!.text).toBe(text);
    expect(text.slice((await db.codings.get('after'))!.start, (await db.codings.get('after'))!.end)).toBe('Mum felt listened to');
  });

  it('refuses when the text changed meanwhile', async () => {
    const db = new ProjectDb(crypto.randomUUID());
    await db.texts.put({ id: 'd', text: 'abc', turns: [], blocks: [] });
    await expect(new CommandHistory(db).execute(correctText('d', 'D', { start: 0, end: 1, text: 'x' }, 'zbc'))).rejects.toThrow(/changed meanwhile/);
  });
});

describe('text added at the start of a turn', () => {
  it('belongs to the turn, while a coding starting there keeps its own words', async () => {
    const db = new ProjectDb(crypto.randomUUID());
    const text = 'Marcus: Yeah. So I work here.';
    await db.texts.put({ id: 'd', text, turns: [{ start: 0, end: text.length, speaker: 'Marcus', contentStart: 8 }], blocks: [{ start: 0, end: text.length, kind: 'paragraph' }] });
    await db.documents.put({ id: 'd', name: 'P02', order: 0, length: text.length, words: 6, source: { fileName: 'x', size: 1, format: 'txt', hash: 'h', importedAt: 1 }, createdAt: 1, updatedAt: 1 });
    await db.codings.put({ id: 'c', documentId: 'd', codeId: 'x', coderId: 'a', start: 8, end: 13, createdAt: 1 });
    await new CommandHistory(db).execute(correctText('d', 'P02', { start: 8, end: 8, text: 'Well, ' }, text));
    const stored = (await db.texts.get('d'))!;
    const turn = stored.turns[0]!;
    expect(stored.text.slice(turn.contentStart, turn.end)).toBe('Well, Yeah. So I work here.');
    const coding = (await db.codings.get('c'))!;
    expect(stored.text.slice(coding.start, coding.end)).toBe('Yeah.');
  });
});
