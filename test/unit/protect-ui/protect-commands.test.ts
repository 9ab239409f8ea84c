/**
 * The pseudonym table's commands and the pseudonymisation command, against a real (fake-indexeddb) project database
 * with its command history: what is stored, what Undo brings back, and what is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import type { PseudonymTable } from '../../../shared/protect';
import { buildSample } from '../../../shared/sample/index';
import { createCode } from '../../../renderer/commands/code-commands';
import {
  addPseudonymEntries,
  deletePseudonymEntries,
  dismissSuggestions,
  DISMISSED_SUGGESTIONS_KEY,
  importEffect,
  importPseudonymTable,
  loadDismissed,
  loadPseudonymTable,
  PSEUDONYM_TABLE_KEY,
  pseudonymiseCommand,
  readPseudonymTable,
  restoreDismissedSuggestions,
  STALE_PSEUDONYMISATION,
  updatePseudonymEntry,
} from '../../../renderer/commands/protect-commands';
import { lastAuditSeq } from '../../../renderer/commands/merge-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { readProjectData, writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { pseudonymiseProject } from '../../../renderer/protect/protect-engine';

function freshProject() {
  const db = new ProjectDb(crypto.randomUUID());
  return { db, history: new CommandHistory(db) };
}

const KAYDEN = { term: 'Kayden', replacement: '[Child 1]', category: 'person' as const };
const SCHOOL = { term: 'St Aidan', replacement: '[School A]', category: 'school' as const };

describe('the pseudonym table as commands', () => {
  it('adds a row to the meta table, labelled by its replacement only, and Undo removes it', async () => {
    const { db, history } = freshProject();
    await history.execute(addPseudonymEntries([{ ...KAYDEN, term: '  Kayden ' }]));
    expect(await db.meta.get(PSEUDONYM_TABLE_KEY)).toEqual({ key: PSEUDONYM_TABLE_KEY, value: [KAYDEN] });
    expect(history.state().undo).toBe('Add [Child 1] to the pseudonym table');
    // The audit trail outlives pseudonymisation: it must not name the real term.
    const audit = await db.audit.toArray();
    expect(audit.map((a) => a.label)).toEqual(['Add [Child 1] to the pseudonym table']);
    expect(JSON.stringify(audit)).not.toContain('Kayden');

    await history.undo();
    expect(await loadPseudonymTable(db)).toEqual([]);
    await history.redo();
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN]);
  });

  it('refuses a term already in the table (any capitalisation), unless told to skip it', async () => {
    const { db, history } = freshProject();
    await history.execute(addPseudonymEntries([KAYDEN]));
    await expect(history.execute(addPseudonymEntries([{ ...KAYDEN, term: 'KAYDEN', replacement: '[Child 9]' }]))).rejects.toThrow(
      '“KAYDEN” is already in the pseudonym table.',
    );
    await history.execute(addPseudonymEntries([{ ...KAYDEN, replacement: '[Child 9]' }, SCHOOL], { skipExisting: true }));
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN, SCHOOL]);
  });

  it('refuses an empty replacement, and a replacement that would put a real term back', async () => {
    const { db, history } = freshProject();
    expect(() => addPseudonymEntries([{ ...KAYDEN, replacement: '  ' }])).toThrow('Enter what replaces “Kayden”.');
    await history.execute(addPseudonymEntries([KAYDEN]));
    await expect(history.execute(addPseudonymEntries([{ term: 'Shannon', replacement: "Kayden's mum", category: 'person' }]))).rejects.toThrow(
      /the replacement "Kayden's mum" for "Shannon" contains "Kayden"/,
    );
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN]);
  });

  it('edits a row in place (term, replacement, category, case), refusing a term another row has', async () => {
    const { db, history } = freshProject();
    await history.execute(addPseudonymEntries([KAYDEN, SCHOOL]));
    await history.execute(updatePseudonymEntry('kayden', { term: 'Kayden', replacement: '[Boy 1]', category: 'person', caseSensitive: true }));
    expect(await loadPseudonymTable(db)).toEqual([{ term: 'Kayden', replacement: '[Boy 1]', category: 'person', caseSensitive: true }, SCHOOL]);
    expect(history.state().undo).toBe('Change [Boy 1] in the pseudonym table');
    await expect(history.execute(updatePseudonymEntry('Kayden', { ...KAYDEN, term: 'st aidan' }))).rejects.toThrow('“st aidan” is already in the pseudonym table.');
    await expect(history.execute(updatePseudonymEntry('Nobody', KAYDEN))).rejects.toThrow('That term is no longer in the pseudonym table.');
    await history.undo();
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN, SCHOOL]);
  });

  it('deletes rows, and Undo puts them back in their place', async () => {
    const { db, history } = freshProject();
    const third = { term: 'Shannon', replacement: '[Parent 1]', category: 'person' as const };
    await history.execute(addPseudonymEntries([KAYDEN, SCHOOL, third]));
    await history.execute(deletePseudonymEntries(['st aidan'], '[School A]'));
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN, third]);
    expect(history.state().undo).toBe('Remove [School A] from the pseudonym table');
    await history.undo();
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN, SCHOOL, third]);
  });

  it('imports a table file: new terms added, the file’s entry winning for known terms', async () => {
    const { db, history } = freshProject();
    await history.execute(addPseudonymEntries([KAYDEN, SCHOOL]));
    const incoming: PseudonymTable = [
      { term: 'kayden', replacement: '[Child 1]', category: 'person' },
      { term: 'St Aidan', replacement: '[School 7]', category: 'school' },
      { term: 'Jackie', replacement: '[Carer 1]', category: 'person' },
    ];
    // "kayden" is the same entry as "Kayden" (terms match whatever their case): only the school changes.
    expect(importEffect(await loadPseudonymTable(db), incoming)).toEqual({ added: 1, changed: 2, same: 0 });
    await history.execute(importPseudonymTable(incoming, 'table.csv'));
    expect(await loadPseudonymTable(db)).toEqual(incoming);
    expect(importEffect(await loadPseudonymTable(db), incoming)).toEqual({ added: 0, changed: 0, same: 3 });
    await history.undo();
    expect(await loadPseudonymTable(db)).toEqual([KAYDEN, SCHOOL]);
  });

  it('dismisses suggestions and shows them again; accepting a dismissed term takes it off the list', async () => {
    const { db, history } = freshProject();
    await history.execute(dismissSuggestions(['Working Together', 'Kayden']));
    expect(await loadDismissed(db)).toEqual(['working together', 'kayden']);
    await history.execute(addPseudonymEntries([KAYDEN]));
    expect(await loadDismissed(db)).toEqual(['working together']);
    await history.execute(restoreDismissedSuggestions());
    expect(await db.meta.get(DISMISSED_SUGGESTIONS_KEY)).toBeUndefined();
    await history.undo();
    expect(await loadDismissed(db)).toEqual(['working together']);
  });

  it('reads a stored table forgivingly: rows that are not entries are left out', () => {
    expect(readPseudonymTable(undefined)).toEqual([]);
    expect(readPseudonymTable('nonsense')).toEqual([]);
    expect(
      readPseudonymTable([
        KAYDEN,
        { term: 'X', replacement: 'Y', category: 'planet' },
        null,
        { term: ' St  Aidan ', replacement: '[School A]', category: 'school', caseSensitive: false },
        { term: 'Summer', replacement: '[Child 2]', category: 'person', caseSensitive: true },
      ]),
    ).toEqual([KAYDEN, SCHOOL, { term: 'Summer', replacement: '[Child 2]', category: 'person', caseSensitive: true }]);
  });
});

describe('pseudonymising the sample project as one command', () => {
  let sample: ProjectData;
  const table: PseudonymTable = [
    KAYDEN,
    { term: 'Lily-Mae', replacement: '[Child 2]', category: 'person' },
    { term: 'Shannon', replacement: '[Parent 1]', category: 'person' },
    SCHOOL,
  ];

  beforeAll(async () => {
    sample = await buildSample('protect-commands-sample', Date.UTC(2026, 5, 1));
  });

  async function stored() {
    const { db, history } = freshProject();
    await writeProjectData(db, sample);
    return { db, history };
  }

  it('writes every changed text, document and coding in one step; codings keep their words; Undo restores it all', async () => {
    const { db, history } = await stored();
    const before = await readProjectData(db, sample.project);
    const result = await pseudonymiseProject(before, table, null, Date.UTC(2026, 5, 2));
    await history.execute(pseudonymiseCommand({ label: 'Pseudonymise the project', changes: result.changes, basedOnAuditSeq: await lastAuditSeq(db) }));
    const after = await readProjectData(db, sample.project);

    // No real term is left in any text.
    const all = after.texts.map((t) => t.text).join('\n');
    for (const term of ['Kayden', 'Lily-Mae', 'Shannon', 'St Aidan']) expect(all).not.toMatch(new RegExp(term, 'i'));
    // Texts hold exactly the old text with the four terms replaced (checked with plain string replacement).
    for (const old of before.texts) {
      const expected = old.text.replace(/Kayden/g, '[Child 1]').replace(/Lily-Mae/g, '[Child 2]').replace(/Shannon/g, '[Parent 1]').replace(/St Aidan/g, '[School A]');
      expect(after.texts.find((t) => t.id === old.id)!.text).toBe(expected);
    }
    // Every coding covers the same words, with the names in it replaced, and none was lost.
    expect(after.codings).toHaveLength(before.codings.length);
    const textOf = (p: ProjectData, id: string) => p.texts.find((t) => t.id === id)!.text;
    let moved = 0;
    for (const old of before.codings) {
      const now = after.codings.find((c) => c.id === old.id)!;
      const passage = textOf(before, old.documentId).slice(old.start, old.end);
      const expected = passage.replace(/Kayden/g, '[Child 1]').replace(/Lily-Mae/g, '[Child 2]').replace(/Shannon/g, '[Parent 1]').replace(/St Aidan/g, '[School A]');
      expect(textOf(after, now.documentId).slice(now.start, now.end)).toBe(expected);
      if (now.start !== old.start) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    // Only what changed was written: the documents whose text changed, and the codings that moved.
    const changedDocs = before.texts.filter((t) => /Kayden|Lily-Mae|Shannon|St Aidan/.test(t.text)).map((t) => t.id).sort();
    expect(result.changes.texts.map((t) => t.id).sort()).toEqual(changedDocs);
    expect(result.changes.documents.map((d) => d.id).sort()).toEqual(changedDocs);
    expect(result.changes.codings.every((c) => changedDocs.includes(c.documentId))).toBe(true);
    expect(after.documents.find((d) => d.id === changedDocs[0])!.updatedAt).toBe(Date.UTC(2026, 5, 2));
    expect(history.state().undo).toBe('Pseudonymise the project');

    await history.undo();
    expect(await readProjectData(db, sample.project)).toEqual(before);
    await history.redo();
    expect(await readProjectData(db, sample.project)).toEqual(after);
  });

  it('changes only the chosen documents when asked', async () => {
    const { db, history } = await stored();
    const before = await readProjectData(db, sample.project);
    const p01 = before.documents.find((d) => d.name.startsWith('P01'))!;
    const result = await pseudonymiseProject(before, table, [p01.id]);
    await history.execute(pseudonymiseCommand({ label: 'Pseudonymise 1 document', changes: result.changes }));
    const after = await readProjectData(db, sample.project);
    expect(after.texts.find((t) => t.id === p01.id)!.text).not.toContain('Kayden');
    const p10 = before.documents.find((d) => d.name.startsWith('P10'))!;
    // P10 also names Kayden, but was not chosen.
    expect(after.texts.find((t) => t.id === p10.id)!.text).toBe(before.texts.find((t) => t.id === p10.id)!.text);
    expect(after.texts.find((t) => t.id === p10.id)!.text).toContain('Kayden');
  });

  it('refuses, writing nothing, when the project changed after it was read', async () => {
    const { db, history } = await stored();
    const before = await readProjectData(db, sample.project);
    const seq = await lastAuditSeq(db);
    const result = await pseudonymiseProject(before, table, null);
    await history.execute(createCode({ name: 'Written meanwhile', order: 99 }).command);
    await expect(history.execute(pseudonymiseCommand({ label: 'Pseudonymise the project', changes: result.changes, basedOnAuditSeq: seq }))).rejects.toThrow(
      STALE_PSEUDONYMISATION,
    );
    const texts = (await db.texts.toArray()).map((t) => t.text).join('\n');
    expect(texts).toContain('Kayden');
    expect(history.state().undo).not.toBe('Pseudonymise the project');
  });
});
