import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMergePlan, planMerge } from '../../../shared/exchange/merge';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';
import { createCode } from '../../../renderer/commands/code-commands';
import { lastAuditSeq, mergeCommand, STALE_MERGE } from '../../../renderer/commands/merge-commands';
import { CommandHistory } from '../../../renderer/db/command-history';
import { readProjectData, writeProjectData } from '../../../renderer/db/project-data';
import { ProjectDb } from '../../../renderer/db/project-db';
import { createExchangeEngine, EXPIRED_PLAN, type ExchangeStage } from '../../../renderer/exchange/exchange-engine';
import { summariseOutcome } from '../../../renderer/exchange/merge-outcome';
import { ADDED_SENTENCE, addColleagueWork, CAROL, EXISTING_CODE_NAME, NEW_CODE_NAME, REVIEWED_CODE, REVIEWED_COLOUR, reviseAsReviewer, TYPO_CODE } from './colleague';

const NVIVO = new URL('../../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx', import.meta.url);

let sample: ProjectData;
/** The colleague's file as bytes, and as Tessera reads it back. */
let colleagueBytes: Uint8Array;
let colleague: ProjectData;
let passages: { text: string; codeName: string }[];

beforeAll(async () => {
  sample = await buildSample('team-test-project');
  // The colleague starts from an export of the project, as a team does, and sends their file back.
  const exported = (await readQdpx(writeQdpx(sample), 'project.qdpx')).project;
  const work = addColleagueWork(exported);
  passages = work.passages;
  colleagueBytes = writeQdpx(work.project);
  colleague = (await readQdpx(colleagueBytes, 'carol.qdpx')).project;
});

const count = (p: ProjectData) => ({ codes: p.codes.length, codings: p.codings.length, coders: p.coders.length });

describe('summariseOutcome', () => {
  it('tallies exactly the new coder, the new code and her two codings', () => {
    const outcome = summariseOutcome(applyMergePlan(sample, planMerge(sample, colleague)));
    expect(outcome.added).toEqual({
      coders: 1, cases: 0, attributes: 0, documents: 0, texts: 0, attributeValues: 0, codes: 1, codings: 2, themes: 0, memos: 0,
    });
    expect(Object.values(outcome.updated).every((n) => n === 0)).toBe(true);
    expect(outcome.total).toBe(4);
    expect(outcome.codingsByCoder).toEqual([{ coderId: CAROL.id, name: 'Carol Diaz', initials: 'CD', color: '#228833', isNew: true, count: 2 }]);
    expect(outcome.newCodePaths).toEqual([NEW_CODE_NAME]);
    expect(outcome.newCoderNames).toEqual(['Carol Diaz']);
    expect(outcome.newDocumentNames).toEqual([]);
  });

  it('counts codings per coder, most first, and names a code by its path', () => {
    const result = applyMergePlan(sample, planMerge(sample, colleague));
    // Hand-made: three codings by Ben (existing) and one by Carol (new), and a new subcode under an existing code.
    const ben = sample.coders.find((c) => c.name === 'Ben Hughes')!;
    const parent = sample.codes.find((c) => c.name === 'Professional confidence')!;
    const sub = { ...result.changes.added.codes[0]!, id: 'sub-1', name: 'Peer support', parentId: parent.id };
    const base = result.changes.added.codings[0]!;
    const fake = {
      data: { ...result.data, codes: [...result.data.codes, sub] },
      changes: {
        added: {
          ...result.changes.added,
          codes: [sub],
          codings: [
            { ...base, id: 'x1', coderId: ben.id },
            { ...base, id: 'x2', coderId: CAROL.id },
            { ...base, id: 'x3', coderId: ben.id },
            { ...base, id: 'x4', coderId: ben.id },
          ],
        },
        updated: result.changes.updated,
      },
    };
    const outcome = summariseOutcome(fake);
    expect(outcome.codingsByCoder.map((c) => [c.name, c.count, c.isNew])).toEqual([
      ['Ben Hughes', 3, false],
      ['Carol Diaz', 1, true],
    ]);
    expect(outcome.newCodePaths).toEqual(['Professional confidence/Peer support']);
  });
});

describe('the merge command', () => {
  let db: ProjectDb;
  let history: CommandHistory;

  beforeEach(async () => {
    db = new ProjectDb(crypto.randomUUID());
    await db.open();
    await writeProjectData(db, sample);
    history = new CommandHistory(db, () => 'coder-here');
  });

  it('writes the whole merge as one undoable step; merging again changes nothing', async () => {
    const seq = await lastAuditSeq(db);
    const current = await readProjectData(db, sample.project);
    const { changes } = applyMergePlan(current, planMerge(current, colleague));
    await history.execute(mergeCommand({ label: 'Merge “carol.qdpx”', changes, basedOnAuditSeq: seq }));

    const merged = await readProjectData(db, sample.project);
    expect(count(merged)).toEqual({ codes: 31, codings: 400, coders: 3 });
    const texts = new Map(merged.texts.map((t) => [t.id, t.text]));
    const names = new Map(merged.codes.map((c) => [c.id, c.name]));
    const carols = merged.codings.filter((c) => c.coderId === CAROL.id);
    expect(carols.map((c) => ({ text: texts.get(c.documentId)!.slice(c.start, c.end), codeName: names.get(c.codeId) }))).toEqual(passages);
    expect(passages.map((p) => p.codeName)).toEqual([EXISTING_CODE_NAME, NEW_CODE_NAME]);

    // Merging the same file again: nothing to write.
    const again = applyMergePlan(merged, planMerge(merged, colleague));
    expect(summariseOutcome(again).total).toBe(0);

    // One Ctrl+Z takes the whole merge back.
    expect(history.state().undo).toBe('Merge “carol.qdpx”');
    expect(await history.undo()).toBe('Merge “carol.qdpx”');
    expect(count(await readProjectData(db, sample.project))).toEqual({ codes: 30, codings: 398, coders: 2 });
    expect(history.state().undo).toBeUndefined();
    await history.redo();
    expect(count(await readProjectData(db, sample.project))).toEqual({ codes: 31, codings: 400, coders: 3 });
  });

  it('refuses, storing nothing, when the project changed after it was read for the merge', async () => {
    const seq = await lastAuditSeq(db);
    const current = await readProjectData(db, sample.project);
    const { changes } = applyMergePlan(current, planMerge(current, colleague));
    await history.execute(createCode({ name: 'Added meanwhile', order: 99 }).command);
    await expect(history.execute(mergeCommand({ label: 'Merge', changes, basedOnAuditSeq: seq }))).rejects.toThrow(STALE_MERGE);
    expect(count(await readProjectData(db, sample.project))).toEqual({ codes: 31, codings: 398, coders: 2 });
    expect(history.state().undo).toMatch(/Added meanwhile/);
  });
});

describe('the exchange engine (what the worker runs)', () => {
  it('reads, plans with progress, re-evaluates choices, applies, and forgets a discarded plan', async () => {
    const engine = createExchangeEngine();
    const stages: ExchangeStage[] = [];
    const planned = await engine.handle({ id: 1, kind: 'plan', name: 'carol.qdpx', bytes: colleagueBytes, current: sample }, (s) => stages.push(s));
    expect(stages).toEqual(['reading', 'comparing']);
    if (planned.kind !== 'plan') throw new Error(planned.kind);
    expect(planned.facts).toMatchObject({ fileName: 'carol.qdpx', size: colleagueBytes.byteLength, documents: 17, codes: 31, codings: 400 });
    expect(planned.facts.coders).toEqual(['Amara Okafor', 'Ben Hughes', 'Carol Diaz']);
    expect('incoming' in planned.plan).toBe(false);
    expect(planned.outcome.total).toBe(4);
    const unmatched = planned.plan.codes.filter((c) => c.match === 'none');
    expect(unmatched.map((c) => c.path)).toEqual([NEW_CODE_NAME]);

    // Map the new code onto an existing one: no code is added, and that coding lands on the existing code.
    const target = sample.codes.find((c) => c.name === 'Supervision and support')!;
    const choices = { codes: { [unmatched[0]!.incomingId]: { action: 'map' as const, currentId: target.id } }, conflicts: {} };
    const evaluated = await engine.handle({ id: 2, kind: 'evaluate', planId: planned.planId, choices });
    if (evaluated.kind !== 'evaluate') throw new Error(evaluated.kind);
    expect(evaluated.outcome.added.codes).toBe(0);
    expect(evaluated.outcome.added.codings).toBe(2);

    const applied = await engine.handle({ id: 3, kind: 'apply', planId: planned.planId, current: sample, choices });
    if (applied.kind !== 'apply') throw new Error(applied.kind);
    expect(applied.changes.added.codes).toEqual([]);
    expect(applied.changes.added.codings.map((c) => c.codeId)).toContain(target.id);

    await engine.handle({ id: 4, kind: 'discard', planId: planned.planId });
    await expect(engine.handle({ id: 5, kind: 'evaluate', planId: planned.planId, choices })).rejects.toThrow(EXPIRED_PLAN);
  });

  it('compares again against a changed project (replan) and finds nothing left to merge', async () => {
    const engine = createExchangeEngine();
    const planned = await engine.handle({ id: 1, kind: 'plan', name: 'carol.qdpx', bytes: colleagueBytes, current: sample });
    if (planned.kind !== 'plan') throw new Error(planned.kind);
    const merged = applyMergePlan(sample, planMerge(sample, colleague)).data;
    const again = await engine.handle({ id: 2, kind: 'replan', planId: planned.planId, current: merged });
    if (again.kind !== 'plan') throw new Error(again.kind);
    expect(again.outcome.total).toBe(0);
    expect(again.plan.summary.codings).toEqual({ added: 0, duplicates: 400, unplaced: 0 });
  });

  it('follows the user’s decisions: a mapped code adds nothing, a taken colour updates the code, the rest is kept', async () => {
    const engine = createExchangeEngine();
    const exported = (await readQdpx(writeQdpx(sample), 'project.qdpx')).project;
    const bytes = writeQdpx(reviseAsReviewer(exported));
    const planned = await engine.handle({ id: 1, kind: 'plan', name: 'ben-review.qdpx', bytes, current: sample });
    if (planned.kind !== 'plan') throw new Error(planned.kind);
    const jargon = sample.codes.find((c) => c.name === REVIEWED_CODE)!;
    expect(planned.plan.conflicts.map((c) => [c.field, c.current, c.incoming])).toEqual([
      ['description', jargon.description, 'Words that shut parents out of the meeting.'],
      ['color', jargon.color, REVIEWED_COLOUR],
    ]);
    expect(planned.plan.unplaced.map((u) => [u.documentName, u.text])).toEqual([['P05 Family support worker', ADDED_SENTENCE]]);
    const typo = planned.plan.codes.find((c) => c.path === TYPO_CODE)!;
    expect(typo.match).toBe('none');
    expect(typo.suggestions[0]?.currentId).toBe(jargon.id);
    // Defaults: the misspelt code is added, every current value kept.
    expect(planned.outcome.added.codes).toBe(1);
    expect(planned.outcome.updated.codes).toBe(0);

    const choices = {
      codes: { [typo.incomingId]: { action: 'map' as const, currentId: jargon.id } },
      conflicts: { [`code:${jargon.id}:color`]: 'incoming' as const },
    };
    const applied = await engine.handle({ id: 2, kind: 'apply', planId: planned.planId, current: sample, choices });
    if (applied.kind !== 'apply') throw new Error(applied.kind);
    expect(applied.changes.added.codes).toEqual([]);
    expect(applied.changes.updated.codes).toEqual([{ ...jargon, color: REVIEWED_COLOUR }]);
    expect(applied.changes.added.codings.map((c) => c.codeId)).toEqual([jargon.id]);
    expect(applied.outcome.updatedCodePaths).toEqual(['Partnership with parents and carers/Language and jargon']);
  });

  it('refuses a file that is not a project, naming it', async () => {
    const engine = createExchangeEngine();
    const bytes = new TextEncoder().encode('PK this is not really a zip archive');
    await expect(engine.handle({ id: 1, kind: 'read', name: 'broken.qdpx', bytes })).rejects.toThrow(/^broken\.qdpx: /);
    await expect(engine.handle({ id: 2, kind: 'plan', name: 'broken.qdpx', bytes, current: sample })).rejects.toThrow(/^broken\.qdpx: /);
  });

  it('reads the real NVivo 12.6 project: one document and 97 codings', async () => {
    const engine = createExchangeEngine();
    const read = await engine.handle({ id: 1, kind: 'read', name: 'oltas.qdpx', bytes: new Uint8Array(readFileSync(NVIVO)) });
    if (read.kind !== 'read') throw new Error(read.kind);
    expect(read.project.documents).toHaveLength(1);
    expect(read.project.codings).toHaveLength(97);
  });

  it('writes a project and a codebook that read back whole', async () => {
    const engine = createExchangeEngine();
    const written = await engine.handle({ id: 1, kind: 'write-qdpx', project: sample, options: { coderIds: [sample.coders[0]!.id] } });
    if (written.kind !== 'written') throw new Error(written.kind);
    const back = (await readQdpx(written.bytes, 'mine.qdpx')).project;
    const mine = sample.codings.filter((c) => c.coderId === sample.coders[0]!.id).length;
    expect(mine).toBeGreaterThan(0);
    expect(back.codings).toHaveLength(mine);
    expect(back.documents).toHaveLength(17);

    const qdc = await engine.handle({ id: 2, kind: 'write-qdc', project: sample });
    if (qdc.kind !== 'written') throw new Error(qdc.kind);
    const xml = new TextDecoder().decode(qdc.bytes);
    expect(xml.match(/<Code /g)).toHaveLength(30);
  });
});
