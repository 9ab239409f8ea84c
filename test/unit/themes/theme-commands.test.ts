import { beforeEach, describe, expect, it } from 'vitest';
import type { CodeRecord, MemoRecord, ThemeRecord } from '../../../shared/model/types';
import {
  createTheme,
  deleteTheme,
  editTheme,
  linkThemes,
  MAP_LAYOUT_KEY,
  mergeThemes,
  moveCodes,
  moveOnMap,
  readMapLayout,
  renameTheme,
  setThemeParent,
  setThemeStatus,
  splitTheme,
  unlinkThemes,
  type MapLayout,
} from '../../../renderer/commands/theme-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';

const code = (id: string, name: string, order: number): CodeRecord => ({
  id, name, color: '#332288', description: '', inclusion: '', exclusion: '', example: '', order, createdAt: 1,
});
const theme = (id: string, name: string, codeIds: string[], order: number, extra: Partial<ThemeRecord> = {}): ThemeRecord => ({
  id, name, definition: '', boundaries: '', status: 'candidate', codeIds, color: '#000000', order, createdAt: 1, updatedAt: 1, ...extra,
});
const memo = (id: string, targetId: string): MemoRecord => ({
  id, targetType: 'theme', targetId, title: 'Note', content: '', plainText: 'A note', createdAt: 1, updatedAt: 1,
});

let db: ProjectDb;
let history: CommandHistory;
const get = async (id: string) => (await db.themes.get(id))!;
const layout = async (): Promise<MapLayout> => readMapLayout((await db.meta.get(MAP_LAYOUT_KEY))?.value);
const audit = async () => (await db.audit.toArray()).map((e) => `${e.command} | ${e.label} | ${e.direction}`);

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.codes.bulkPut([code('trust', 'Trust', 0), code('jargon', 'Jargon', 1), code('voice', "Child's voice", 2), code('time', 'Time pressure', 3)]);
  await db.themes.bulkPut([
    theme('a', 'Partnership', ['trust', 'jargon'], 0, { definition: 'Parents as partners.', boundaries: 'Not agencies.' }),
    theme('b', 'Confidence', ['time'], 1, { definition: 'Learning to speak up.' }),
    theme('a1', 'Plain words', [], 0, { parentId: 'a' }),
  ]);
  await db.memos.put(memo('m1', 'a'));
  history = new CommandHistory(db);
});

describe('theme commands', () => {
  it('creates a theme at a place on the map, and a subtheme; labels name them; undo removes both', async () => {
    const made = createTheme({ name: '  Benefits to children ', codeIds: ['voice', 'voice'], position: { x: 100.4, y: 200.6 } }, 5);
    await history.execute(made.command);
    const created = await get(made.id);
    expect(created).toMatchObject({ name: 'Benefits to children', codeIds: ['voice'], status: 'candidate', order: 2, createdAt: 5 });
    expect(created.parentId).toBeUndefined();
    expect((await layout()).themes[made.id]).toEqual({ x: 100, y: 201 });

    const sub = createTheme({ name: 'Siblings', parentId: made.id });
    await history.execute(sub.command);
    expect((await get(sub.id)).parentId).toBe(made.id);
    expect((await get(sub.id)).order).toBe(0);
    expect(await audit()).toEqual([
      'theme.create | Create theme “Benefits to children” | do',
      'theme.create | Create subtheme “Siblings” | do',
    ]);
    await history.undo();
    await history.undo();
    expect(await db.themes.count()).toBe(3);
    expect((await layout()).themes[made.id]).toBeUndefined();
  });

  it('refuses a theme without a name', () => {
    expect(() => createTheme({ name: '   ' })).toThrow(/needs a name/);
    expect(() => renameTheme({ id: 'a', name: 'Partnership' }, ' ')).toThrow(/needs a name/);
  });

  it('renames, defines, sets the status; each label says what changed', async () => {
    await history.execute(renameTheme(await get('a'), 'Partnership with parents', 7));
    await history.execute(editTheme(await get('a'), { definition: 'Room for parents before, during and after.' }, 8));
    await history.execute(editTheme(await get('a'), { boundaries: 'Not the child.' }, 9));
    await history.execute(setThemeStatus(await get('a'), 'under review', 10));
    expect(await get('a')).toMatchObject({
      name: 'Partnership with parents',
      definition: 'Room for parents before, during and after.',
      boundaries: 'Not the child.',
      status: 'under review',
      updatedAt: 10,
    });
    expect(await audit()).toEqual([
      'theme.rename | Rename theme “Partnership” to “Partnership with parents” | do',
      'theme.define | Edit the definition of “Partnership with parents” | do',
      'theme.define | Edit the boundaries of “Partnership with parents” | do',
      'theme.set-status | Change “Partnership with parents” from candidate to under review | do',
    ]);
    await history.undo();
    await history.undo();
    expect(await get('a')).toMatchObject({ status: 'candidate', boundaries: 'Not agencies.' });
  });

  it('moves a code between themes as one step, with a label naming the code and both themes', async () => {
    await history.execute(moveCodes({ codes: [{ id: 'trust', name: 'Trust' }], from: await get('a'), to: await get('b') }));
    expect((await get('a')).codeIds).toEqual(['jargon']);
    expect((await get('b')).codeIds).toEqual(['time', 'trust']);
    expect((await db.audit.toArray()).at(-1)!.label).toBe('Move “Trust” from “Partnership” to “Confidence”');
    await history.undo();
    expect((await get('a')).codeIds).toEqual(['trust', 'jargon']);
    expect((await get('b')).codeIds).toEqual(['time']);
  });

  it('adds a free code to a theme, also-puts a code in a second theme, and removes one to a place on the map', async () => {
    await history.execute(moveOnMap({ kind: 'card', id: 'voice', name: "Child's voice" }, { x: 10, y: 20 }));
    expect((await layout()).cards.voice).toEqual({ x: 10, y: 20 });
    await history.execute(moveCodes({ codes: [{ id: 'voice', name: "Child's voice" }], to: await get('b') }));
    expect((await get('b')).codeIds).toEqual(['time', 'voice']);
    expect((await layout()).cards.voice).toBeUndefined();

    await history.execute(moveCodes({ codes: [{ id: 'jargon', name: 'Jargon' }], from: await get('a'), to: await get('b'), keepInSource: true }));
    expect((await get('a')).codeIds).toEqual(['trust', 'jargon']);
    expect((await get('b')).codeIds).toEqual(['time', 'voice', 'jargon']);

    await history.execute(moveCodes({ codes: [{ id: 'trust', name: 'Trust' }], from: await get('a'), cardAt: { x: -300, y: 40 } }));
    expect((await get('a')).codeIds).toEqual(['jargon']);
    expect((await layout()).cards.trust).toEqual({ x: -300, y: 40 });
    expect((await db.audit.toArray()).slice(-3).map((e) => e.label)).toEqual([
      "Add “Child's voice” to “Confidence”",
      'Also put “Jargon” in “Confidence”',
      'Remove “Trust” from “Partnership”',
    ]);
  });

  it('refuses a move within the same theme or of a code that no longer exists', async () => {
    expect(() => moveCodes({ codes: [{ id: 'trust', name: 'Trust' }], from: { id: 'a', name: 'A' }, to: { id: 'a', name: 'A' } })).toThrow(/already in/);
    await expect(history.execute(moveCodes({ codes: [{ id: 'gone', name: 'Gone' }], to: await get('b') }))).rejects.toThrow(/no longer exists/);
    expect((await get('b')).codeIds).toEqual(['time']);
  });

  it('nests a theme as a subtheme and back; refuses to put a theme inside its own subtheme', async () => {
    await history.execute(moveOnMap({ kind: 'theme', id: 'b', name: 'Confidence' }, { x: 500, y: 0 }));
    await history.execute(setThemeParent(await get('b'), await get('a')));
    expect((await get('b')).parentId).toBe('a');
    expect((await get('b')).order).toBe(1); // after “Plain words”
    expect((await layout()).themes.b).toBeUndefined();
    expect((await db.audit.toArray()).at(-1)!.label).toBe('Make “Confidence” a subtheme of “Partnership”');

    await expect(history.execute(setThemeParent(await get('a'), await get('a1')))).rejects.toThrow(/cannot go inside itself/);
    await history.execute(setThemeParent(await get('b'), undefined, { x: 40, y: 60 }));
    const b = await get('b');
    expect('parentId' in b).toBe(false);
    expect((await layout()).themes.b).toEqual({ x: 40, y: 60 });
  });

  it('merges two themes: codes joined without repeats, subthemes, memos, texts and links follow; undo restores', async () => {
    await db.themes.update('b', { codeIds: ['time', 'trust'] });
    await history.execute(linkThemes(await get('b'), await get('a')));
    await history.execute(linkThemes(await get('a'), await get('b'))); // the same link again: ignored
    expect((await layout()).links).toHaveLength(1);

    await history.execute(mergeThemes(await get('a'), await get('b'), 20));
    expect(await db.themes.get('a')).toBeUndefined();
    const b = await get('b');
    expect(b.codeIds).toEqual(['time', 'trust', 'jargon']);
    expect(b.definition).toBe('Learning to speak up.\n\nFrom “Partnership”: Parents as partners.');
    expect(b.boundaries).toBe('Not agencies.');
    expect((await get('a1')).parentId).toBe('b');
    expect((await db.memos.get('m1'))!.targetId).toBe('b');
    expect((await layout()).links).toEqual([]); // the link between the two became a link to itself
    expect((await db.audit.toArray()).at(-1)!.label).toBe('Merge theme “Partnership” into “Confidence”');

    await history.undo();
    expect((await get('a')).codeIds).toEqual(['trust', 'jargon']);
    expect((await get('a1')).parentId).toBe('a');
    expect((await db.memos.get('m1'))!.targetId).toBe('a');
    expect((await get('b')).codeIds).toEqual(['time', 'trust']);
    expect((await layout()).links).toHaveLength(1);
  });

  it('merges a theme into its own subtheme: the subtheme takes its place', async () => {
    await history.execute(moveOnMap({ kind: 'theme', id: 'a', name: 'Partnership' }, { x: 7, y: 9 }));
    await history.execute(mergeThemes(await get('a'), await get('a1')));
    const survivor = await get('a1');
    expect('parentId' in survivor).toBe(false);
    expect(survivor.codeIds).toEqual(['trust', 'jargon']);
    expect((await layout()).themes.a1).toEqual({ x: 7, y: 9 });
  });

  it('splits chosen codes into a new theme beside the original', async () => {
    await history.execute(moveOnMap({ kind: 'theme', id: 'a', name: 'Partnership' }, { x: 100, y: 100 }));
    const split = splitTheme(await get('a'), ['jargon'], 'Language and jargon', 30);
    await history.execute(split.command);
    expect((await get('a')).codeIds).toEqual(['trust']);
    expect(await get(split.id)).toMatchObject({ name: 'Language and jargon', codeIds: ['jargon'], status: 'candidate', order: 2 });
    expect((await layout()).themes[split.id]).toEqual({ x: 140, y: 140 });
    expect((await db.audit.toArray()).at(-1)!.label).toBe('Split a code from “Partnership” into new theme “Language and jargon”');
    await history.undo();
    expect(await db.themes.get(split.id)).toBeUndefined();
    expect((await get('a')).codeIds).toEqual(['trust', 'jargon']);
  });

  it('refuses to split out codes the theme does not hold', async () => {
    await expect(history.execute(splitTheme(await get('b'), ['jargon'], 'New').command)).rejects.toThrow(/None of the chosen codes/);
    expect(() => splitTheme({ id: 'b', name: 'Confidence' }, [], 'New')).toThrow(/Choose the codes/);
    expect(await db.themes.count()).toBe(3);
  });

  it('deletes a theme: subthemes move up, memos and links go; undo brings everything back', async () => {
    await history.execute(moveOnMap({ kind: 'theme', id: 'a', name: 'Partnership' }, { x: 50, y: 60 }));
    await history.execute(linkThemes(await get('a'), await get('b')));
    await history.execute(deleteTheme(await get('a')));
    expect(await db.themes.get('a')).toBeUndefined();
    expect('parentId' in (await get('a1'))).toBe(false);
    expect((await layout()).themes.a1).toEqual({ x: 50, y: 60 });
    expect((await layout()).links).toEqual([]);
    expect(await db.memos.get('m1')).toBeUndefined();
    await history.undo();
    expect((await get('a1')).parentId).toBe('a');
    expect(await db.memos.get('m1')).toBeDefined();
    expect((await layout()).links).toHaveLength(1);
  });

  it('links and unlinks themes', async () => {
    await history.execute(linkThemes(await get('a'), await get('b')));
    const [link] = (await layout()).links;
    expect(link).toMatchObject({ from: 'a', to: 'b' });
    await history.execute(unlinkThemes(link!, 'Partnership', 'Confidence'));
    expect((await layout()).links).toEqual([]);
    expect(() => linkThemes({ id: 'a', name: 'A' }, { id: 'a', name: 'A' })).toThrow(/itself/);
    expect((await audit()).slice(-2)).toEqual([
      'theme.link | Link “Partnership” with “Confidence” | do',
      'theme.unlink | Remove the link between “Partnership” and “Confidence” | do',
    ]);
  });

  it('reads a damaged stored layout as empty parts instead of failing', () => {
    expect(readMapLayout(null)).toEqual({ themes: {}, cards: {}, links: [] });
    expect(readMapLayout({ themes: { a: { x: 1, y: 'two' }, b: { x: 3, y: 4 } }, cards: 5, links: [{ from: 'a', to: 'a' }, { id: 'l', from: 'a', to: 'b' }] })).toEqual({
      themes: { b: { x: 3, y: 4 } },
      cards: {},
      links: [{ id: 'l', from: 'a', to: 'b' }],
    });
  });
});

describe('colours of new themes', () => {
  it('takes the first colour no theme uses yet', async () => {
    const { nextThemeColour } = await import('../../../renderer/commands/theme-commands');
    expect(nextThemeColour([])).toBe('#4477aa');
    expect(nextThemeColour([{ color: '#4477AA' }, { color: '#ee6677' }])).toBe('#228833');
  });
});
