import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectData, ProjectInfo } from '../../../shared/model/types';
import { FakeWorker, rejection } from './fake-worker';

/**
 * The app's worker clients keep their behaviour on the shared client: each is loaded afresh with `Worker` replaced
 * by a fake that the test answers for the worker.
 */
class RecordedWorker extends FakeWorker {
  static started: RecordedWorker[] = [];
  constructor(
    readonly url: URL,
    readonly options: { type: string; name: string },
  ) {
    super();
    RecordedWorker.started.push(this);
  }
}

const started = () => RecordedWorker.started;
const last = () => started()[started().length - 1]!;
/** The last request the newest worker received. */
const lastRequest = () => last().posted[last().posted.length - 1]!.message as { id: number; kind?: string } & Record<string, unknown>;

beforeEach(() => {
  RecordedWorker.started = [];
  vi.resetModules();
  vi.stubGlobal('Worker', RecordedWorker);
});
afterEach(() => vi.unstubAllGlobals());

const project: ProjectInfo = { id: 'p1', name: 'Study', description: '', createdAt: 0, updatedAt: 0 };

describe('exchange client', () => {
  it('reports stages, and a plan expires with the worker that made it', async () => {
    const client = await import('../../../renderer/exchange/exchange-client');
    const { EXPIRED_PLAN } = await import('../../../renderer/exchange/exchange-engine');
    const stages: string[] = [];
    const planned = client.planMergeInWorker('colleague.qdpx', new Uint8Array([1]), {} as ProjectData, { onStage: (s) => stages.push(s) });
    const worker = last();
    expect(worker.options).toEqual({ type: 'module', name: 'tessera-exchange' });
    expect(worker.url.pathname.endsWith('/renderer/exchange/exchange.worker.ts')).toBe(true);
    const { id } = lastRequest();
    worker.send({ id, progress: 'reading' });
    worker.send({ id, progress: 'comparing' });
    worker.send({ id, ok: true, result: { kind: 'plan', planId: 5, readWarnings: [] } });
    const plan = await planned;
    expect(stages).toEqual(['reading', 'comparing']);
    expect(plan.handle).toEqual({ planId: 5, generation: 1 });

    // While the worker lives, the plan can be evaluated.
    const evaluated = client.evaluateInWorker(plan.handle, {} as never);
    expect(lastRequest()).toMatchObject({ kind: 'evaluate', planId: 5 });
    worker.send({ id: lastRequest().id, ok: true, result: { kind: 'evaluate', outcome: { written: 3 } } });
    expect(await evaluated).toEqual({ written: 3 });

    worker.fail('');
    await expect(client.evaluateInWorker(plan.handle, {} as never)).rejects.toThrow(EXPIRED_PLAN);
    const sent = worker.posted.length;
    client.discardPlan(plan.handle);
    expect(worker.posted).toHaveLength(sent);
    expect(started()).toHaveLength(1);

    // A new worker is a new generation: its plans carry the new number.
    const again = client.planMergeInWorker('colleague.qdpx', new Uint8Array([1]), {} as ProjectData);
    expect(started()).toHaveLength(2);
    last().send({ id: lastRequest().id, ok: true, result: { kind: 'plan', planId: 1, readWarnings: [] } });
    expect((await again).handle).toEqual({ planId: 1, generation: 2 });
  });

  it('cancelling stops the worker and rejects with an AbortError', async () => {
    const client = await import('../../../renderer/exchange/exchange-client');
    const controller = new AbortController();
    const reading = client.readQdpxInWorker('big.qdpx', new Uint8Array(4), { signal: controller.signal });
    controller.abort();
    const error = await rejection(reading);
    expect(client.isAbort(error)).toBe(true);
    expect(last().terminated).toBe(true);
  });

  it('a worker failing without a reason is reported in words about reading the file', async () => {
    const client = await import('../../../renderer/exchange/exchange-client');
    const reading = client.readQdpxInWorker('big.qdpx', new Uint8Array(4));
    last().fail('');
    expect((await rejection(reading)).message).toBe('Reading the file stopped unexpectedly');
  });
});

describe('agreement client', () => {
  it('runs one comparison at a time: asking again supersedes the one under way', async () => {
    const client = await import('../../../renderer/agreement/agreement-client');
    const request = { project, coderIds: ['a', 'b'], unit: 'turn' as const, pair: ['a', 'b'] as [string, string] };
    const progress: string[] = [];
    const first = client.compareInWorker(request, (p) => progress.push(`first ${p.step}`));
    last().send({ id: lastRequest().id, progress: { step: 1, steps: 3, label: 'Reading the project' } });
    const second = client.compareInWorker(request, (p) => progress.push(`second ${p.step}`));
    const error = await rejection(first);
    expect(error.name).toBe('AbortError');
    expect(started()).toHaveLength(2);
    expect(started()[0]!.terminated).toBe(true);
    expect(last().options.name).toBe('tessera-agreement');
    last().send({ id: lastRequest().id, progress: { step: 2, steps: 3, label: 'Comparing' } });
    last().send({ id: lastRequest().id, ok: true, result: { comparison: {}, disagreements: [], elapsed: 12 } });
    expect((await second).elapsed).toBe(12);
    expect(progress).toEqual(['first 1', 'second 2']);

    // Nothing under way: closing the view leaves the worker be; with one under way it is stopped.
    client.cancelComparison();
    expect(last().terminated).toBe(false);
    const third = client.compareInWorker(request, () => undefined);
    client.cancelComparison();
    expect((await rejection(third)).name).toBe('AbortError');
    expect(last().terminated).toBe(true);
  });
});

describe('write-up client', () => {
  it('delivers progress and the result, and answers the worker asking for a chart picture', async () => {
    const client = await import('../../../renderer/writeup/writeup-client');
    const progress: string[] = [];
    const saving = client.runWriteup(
      { kind: 'export', project, version: 3, export: 'codebook-csv', options: { pseudonymise: false, memos: 'both' } },
      (p) => progress.push(p.label),
    );
    const worker = last();
    const { id } = lastRequest();
    expect(lastRequest()).toMatchObject({ kind: 'export', version: 3, export: 'codebook-csv' });
    worker.send({ id, progress: { label: 'Writing the file', fraction: 0.5 } });
    // Drawing needs an image decoder and a canvas, which Node lacks: the worker is told it failed, under its number.
    worker.send({ kind: 'rasterise', rid: 17, svg: '<svg width="10" height="10"/>', width: 10, height: 10 });
    await vi.waitFor(() => expect(worker.posted).toHaveLength(2));
    const answer = worker.posted[1]!.message as { kind: string; rid: number; png?: Uint8Array; error?: string };
    expect(answer.kind).toBe('rasterised');
    expect(answer.rid).toBe(17);
    expect(answer.png).toBeUndefined();
    expect(typeof answer.error).toBe('string');
    const bytes = new Uint8Array([0x63, 0x6f]);
    worker.send({ id, ok: true, result: { kind: 'file', bytes } });
    expect(await saving).toEqual({ kind: 'file', bytes });
    expect(progress).toEqual(['Writing the file']);
  });
});

describe('import client', () => {
  it('forgetting previews starts no worker; a reply of the wrong kind is an error naming the file', async () => {
    const client = await import('../../../renderer/import/import-client');
    client.forgetParsed(['k1']);
    expect(started()).toHaveLength(0);
    const reading = client.readSheetInWorker('participants.csv', new Uint8Array([1]), 'utf-8');
    expect(lastRequest()).toMatchObject({ kind: 'sheet', name: 'participants.csv', encoding: 'utf-8' });
    last().send({ id: lastRequest().id, ok: true, result: { kind: 'none' } });
    expect((await rejection(reading)).message).toBe('participants.csv: the import worker gave no sheet');
    // Now running: forgetting reaches the worker.
    client.forgetParsed(['k1', 'k2']);
    expect(lastRequest()).toMatchObject({ kind: 'forget', keys: ['k1', 'k2'] });
  });

  it("passes the worker's error on as it is", async () => {
    const client = await import('../../../renderer/import/import-client');
    const parsing = client.parseInWorker('notes.docx', new Uint8Array([1]));
    last().send({ id: lastRequest().id, ok: false, message: 'notes.docx: this is not a Word document' });
    expect((await rejection(parsing)).message).toBe('notes.docx: this is not a Word document');
  });
});

describe('protect and query clients', () => {
  it('protect reports stages and gives the bytes', async () => {
    const client = await import('../../../renderer/protect/protect-client');
    const stages: string[] = [];
    const encrypting = client.encryptInWorker(new Uint8Array([1, 2]), 'secret', { name: 'a.qdpx', type: 'application/zip' }, { onStage: (s) => stages.push(s) });
    expect(lastRequest()).toMatchObject({ kind: 'encrypt', name: 'a.qdpx', passphrase: 'secret' });
    last().send({ id: lastRequest().id, progress: 'key' });
    last().send({ id: lastRequest().id, ok: true, result: { kind: 'bytes', bytes: new Uint8Array([9]) } });
    expect(await encrypting).toEqual(new Uint8Array([9]));
    expect(stages).toEqual(['key']);
    const wrong = client.suggestInWorker({} as ProjectData, {} as never, []);
    last().send({ id: lastRequest().id, ok: true, result: { kind: 'bytes', bytes: new Uint8Array() } });
    expect((await rejection(wrong)).message).toBe('Unexpected answer from the confidentiality worker: bytes');
  });

  it('query sends the project, the data version and the question', async () => {
    const client = await import('../../../renderer/query/query-client');
    const asking = client.runQueryInWorker('p1', 12, { kind: 'words' } as never);
    expect(lastRequest()).toEqual({ id: 1, projectId: 'p1', version: 12, request: { kind: 'words' } });
    last().send({ id: 1, ok: true, result: { rows: [] } });
    expect(await asking).toEqual({ rows: [] });
    expect(last().options.name).toBe('tessera-query');
  });
});
