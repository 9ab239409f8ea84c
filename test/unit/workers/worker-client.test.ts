import { describe, expect, it } from 'vitest';
import { WorkerClient, type WorkerClientOptions } from '../../../renderer/workers/worker-client';
import { answer, isReply, serve, type WorkerScope } from '../../../renderer/workers/worker-protocol';
import { FakeWorker, rejection, settle } from './fake-worker';

type Request = { id: number; kind: 'add'; a: number; b: number } | { id: number; kind: 'echo'; text: string };
type Progress = { done: number };
type Notice = { kind: 'draw'; rid: number };

/** A client whose workers are fakes, with every worker it started kept in order. */
function setup(options: Partial<WorkerClientOptions<Notice>> = {}) {
  const workers: FakeWorker[] = [];
  const client = new WorkerClient<Request, number | string, Progress, Notice>({
    start: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    stoppedMessage: 'The sums stopped unexpectedly.',
    ...options,
  });
  return { client, workers };
}

describe('WorkerClient', () => {
  it('starts its worker on the first request only, and sends each request with a new id', () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    expect(client.isRunning).toBe(false);
    expect(client.generation).toBe(0);
    void client.call({ kind: 'add', a: 1, b: 2 });
    void client.call({ kind: 'echo', text: 'hi' });
    expect(workers).toHaveLength(1);
    expect(client.isRunning).toBe(true);
    expect(client.generation).toBe(1);
    expect(workers[0]!.posted.map((p) => p.message)).toEqual([
      { kind: 'add', a: 1, b: 2, id: 1 },
      { kind: 'echo', text: 'hi', id: 2 },
    ]);
  });

  it('routes each reply to its own request, whatever the order they come back in', async () => {
    const { client, workers } = setup();
    const first = client.call({ kind: 'add', a: 1, b: 2 });
    const second = client.call({ kind: 'echo', text: 'hi' });
    const worker = workers[0]!;
    worker.send({ id: worker.idOf(1), ok: true, result: 'hi' });
    worker.send({ id: worker.idOf(0), ok: true, result: 3 });
    expect(await second).toBe('hi');
    expect(await first).toBe(3);
    expect(client.busy).toBe(false);
  });

  it('rejects a request the worker answers with an error, leaving the others waiting', async () => {
    const { client, workers } = setup();
    const failing = client.call({ kind: 'echo', text: 'x' });
    const other = client.call({ kind: 'add', a: 2, b: 2 });
    const worker = workers[0]!;
    worker.send({ id: worker.idOf(0), ok: false, message: 'notes.docx: the file is damaged' });
    const error = await rejection(failing);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('notes.docx: the file is damaged');
    expect(client.busy).toBe(true);
    expect(worker.terminated).toBe(false);
    worker.send({ id: worker.idOf(1), ok: true, result: 4 });
    expect(await other).toBe(4);
  });

  it('delivers progress to the request it is about, in order, before the answer', async () => {
    const { client, workers } = setup();
    const seenA: number[] = [];
    const seenB: number[] = [];
    const a = client.call({ kind: 'add', a: 1, b: 1 }, { onProgress: (p) => seenA.push(p.done) });
    const b = client.call({ kind: 'add', a: 2, b: 2 }, { onProgress: (p) => seenB.push(p.done) });
    const worker = workers[0]!;
    worker.send({ id: worker.idOf(0), progress: { done: 0.25 } });
    worker.send({ id: worker.idOf(1), progress: { done: 0.5 } });
    worker.send({ id: worker.idOf(0), progress: { done: 0.75 } });
    expect(seenA).toEqual([0.25, 0.75]);
    expect(seenB).toEqual([0.5]);
    worker.send({ id: worker.idOf(0), ok: true, result: 2 });
    worker.send({ id: worker.idOf(1), ok: true, result: 4 });
    expect(await Promise.all([a, b])).toEqual([2, 4]);
    // Progress after the answer has nobody to go to.
    worker.send({ id: worker.idOf(0), progress: { done: 1 } });
    expect(seenA).toEqual([0.25, 0.75]);
  });

  it('passes the buffers to hand over along with the request', () => {
    const { client, workers } = setup();
    const buffer = new ArrayBuffer(8);
    void client.call({ kind: 'echo', text: 'bytes' }, { transfer: [buffer] });
    expect(workers[0]!.posted[0]!.transfer).toEqual([buffer]);
  });

  it('on a worker error rejects every waiting request with its message, and the next request starts a new worker', async () => {
    const { client, workers } = setup();
    const a = client.call({ kind: 'add', a: 1, b: 2 });
    const b = client.call({ kind: 'echo', text: 'x' });
    const claimed = workers[0]!.fail('Out of memory');
    expect(claimed).toBe(true);
    for (const error of [await rejection(a), await rejection(b)]) {
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe('Out of memory');
    }
    expect(workers[0]!.terminated).toBe(true);
    expect(client.isRunning).toBe(false);
    expect(client.generation).toBe(1);

    const c = client.call({ kind: 'add', a: 5, b: 5 });
    expect(workers).toHaveLength(2);
    expect(client.generation).toBe(2);
    workers[1]!.send({ id: workers[1]!.idOf(0), ok: true, result: 10 });
    expect(await c).toBe(10);
  });

  it('uses the stopped message when the worker fails without saying why (e.g. it could not load)', async () => {
    const { client, workers } = setup();
    const a = client.call({ kind: 'add', a: 1, b: 2 });
    workers[0]!.fail('');
    expect((await rejection(a)).message).toBe('The sums stopped unexpectedly.');
  });

  it('ignores what a replaced worker still says', async () => {
    const { client, workers } = setup();
    const a = client.call({ kind: 'add', a: 1, b: 2 });
    workers[0]!.fail('broken');
    await rejection(a);
    const b = client.call({ kind: 'add', a: 1, b: 2 });
    // The old worker's late reply names id 1; the new request has id 2 and is untouched by it or by its error.
    workers[0]!.send({ id: 2, ok: true, result: 99 });
    workers[0]!.fail('late');
    expect(client.busy).toBe(true);
    expect(workers[1]!.terminated).toBe(false);
    workers[1]!.send({ id: workers[1]!.idOf(0), ok: true, result: 3 });
    expect(await b).toBe(3);
  });

  it('on abort stops the worker and rejects every waiting request with an AbortError', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const aborted = client.call({ kind: 'echo', text: 'big file' }, { signal: controller.signal });
    const other = client.call({ kind: 'echo', text: 'another' });
    controller.abort();
    for (const error of [await rejection(aborted), await rejection(other)]) {
      expect(error).toBeInstanceOf(DOMException);
      expect(error.name).toBe('AbortError');
      expect(error.message).toBe('Cancelled');
    }
    expect(workers[0]!.terminated).toBe(true);
    expect(client.isRunning).toBe(false);
  });

  it('rejects at once, without starting a worker, when the signal is already aborted', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(client.call({ kind: 'echo', text: 'x' }, { signal: controller.signal }));
    expect(error.name).toBe('AbortError');
    expect(workers).toHaveLength(0);
  });

  it('does nothing when a request is aborted after its answer came', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const done = client.call({ kind: 'add', a: 1, b: 1 }, { signal: controller.signal });
    const other = client.call({ kind: 'add', a: 3, b: 3 });
    workers[0]!.send({ id: workers[0]!.idOf(0), ok: true, result: 2 });
    expect(await done).toBe(2);
    controller.abort();
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.send({ id: workers[0]!.idOf(1), ok: true, result: 6 });
    expect(await other).toBe(6);
  });

  it('one at a time: a newer request ends the worker under way and supersedes the older one', async () => {
    const { client, workers } = setup({ oneAtATime: true });
    const older = client.call({ kind: 'add', a: 1, b: 1 });
    const newer = client.call({ kind: 'add', a: 2, b: 2 });
    const error = await rejection(older);
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
    expect(error.message).toBe('Superseded');
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.generation).toBe(2);
    workers[1]!.send({ id: workers[1]!.idOf(0), ok: true, result: 4 });
    expect(await newer).toBe(4);
    // Nothing under way: the next request reuses the worker.
    const next = client.call({ kind: 'add', a: 3, b: 3 });
    expect(workers).toHaveLength(2);
    workers[1]!.send({ id: workers[1]!.idOf(1), ok: true, result: 6 });
    expect(await next).toBe(6);
  });

  it('stop(error) ends the worker and rejects every waiting request with that error', async () => {
    const { client, workers } = setup();
    const a = client.call({ kind: 'add', a: 1, b: 1 });
    const b = client.call({ kind: 'add', a: 1, b: 1 });
    const reason = new Error('The project was closed.');
    client.stop(reason);
    expect(await rejection(a)).toBe(reason);
    expect(await rejection(b)).toBe(reason);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.busy).toBe(false);
  });

  it('hands messages that answer no request to the notice handler, with the worker to answer', async () => {
    const notices: { notice: Notice; worker: unknown }[] = [];
    const { client, workers } = setup({ onNotice: (notice, worker) => notices.push({ notice, worker }) });
    const a = client.call({ kind: 'echo', text: 'report' });
    const worker = workers[0]!;
    worker.send({ kind: 'draw', rid: 7 });
    worker.send({ id: worker.idOf(0), progress: { done: 0.5 } });
    expect(notices).toEqual([{ notice: { kind: 'draw', rid: 7 }, worker }]);
    expect(client.busy).toBe(true);
    worker.send({ id: worker.idOf(0), ok: true, result: 'done' });
    expect(await a).toBe('done');
    expect(notices).toHaveLength(1);
  });

  it('rejects, and keeps nothing waiting, when a request cannot be sent', async () => {
    const { client, workers } = setup();
    void client.call({ kind: 'add', a: 0, b: 0 });
    workers[0]!.postMessage = () => {
      throw new DOMException('function could not be cloned', 'DataCloneError');
    };
    const error = await rejection(client.call({ kind: 'echo', text: 'x' }));
    expect(error.name).toBe('DataCloneError');
    workers[0]!.send({ id: workers[0]!.idOf(0), ok: true, result: 0 });
    await settle();
    expect(client.busy).toBe(false);
  });

  it('rejects when the worker cannot be started, and tries again on the next request', async () => {
    let attempts = 0;
    const client = new WorkerClient<Request, number>({
      start: () => {
        attempts += 1;
        throw new Error('Workers are not allowed here');
      },
      stoppedMessage: 'stopped',
    });
    expect((await rejection(client.call({ kind: 'add', a: 1, b: 1 }))).message).toBe('Workers are not allowed here');
    await rejection(client.call({ kind: 'add', a: 1, b: 1 }));
    expect(attempts).toBe(2);
    expect(client.isRunning).toBe(false);
    expect(client.generation).toBe(0);
  });
});

/** A worker scope for the worker-side helpers, recording what they post. */
function fakeScope<Request>() {
  const posted: { message: unknown; transfer: Transferable[] }[] = [];
  const scope: WorkerScope & { onmessage: ((event: MessageEvent<Request>) => void) | null } = {
    onmessage: null,
    postMessage: (message, transfer = []) => posted.push({ message, transfer }),
  };
  return { scope, posted, receive: (request: Request) => scope.onmessage?.({ data: request } as MessageEvent<Request>) };
}

describe('the worker side', () => {
  it('answers with the result, after the progress it reported', async () => {
    const { scope, posted } = fakeScope<Request>();
    await answer<Request, number, Progress>(
      { id: 4, kind: 'add', a: 2, b: 3 },
      (progress) => {
        progress({ done: 0.5 });
        return 5;
      },
      {},
      scope,
    );
    expect(posted.map((p) => p.message)).toEqual([
      { id: 4, progress: { done: 0.5 } },
      { id: 4, ok: true, result: 5 },
    ]);
    expect(posted.every((p) => isReply(p.message))).toBe(true);
  });

  it("answers a failure with the error's message, or as `describe` words it", async () => {
    const { scope, posted } = fakeScope<Request>();
    const request: Request = { id: 9, kind: 'echo', text: 'interview.rtf' };
    await answer(request, () => Promise.reject(new Error('not an RTF file')), {}, scope);
    await answer(request, () => Promise.reject(new Error('not an RTF file')), { describe: (error, r) => `${r.kind === 'echo' ? r.text : ''}: ${(error as Error).message}` }, scope);
    await answer(request, () => {
      throw 'plain words';
    }, {}, scope);
    expect(posted.map((p) => p.message)).toEqual([
      { id: 9, ok: false, message: 'not an RTF file' },
      { id: 9, ok: false, message: 'interview.rtf: not an RTF file' },
      { id: 9, ok: false, message: 'plain words' },
    ]);
  });

  it('hands over the buffers the transfer option names with the result', async () => {
    const { scope, posted } = fakeScope<Request>();
    const bytes = new Uint8Array([1, 2, 3]);
    await answer({ id: 1, kind: 'echo', text: '' }, () => bytes, { transfer: (result) => [result.buffer] }, scope);
    expect(posted[0]!.transfer).toEqual([bytes.buffer]);
  });

  it('serve answers every request it receives', async () => {
    const { scope, posted, receive } = fakeScope<Request>();
    serve<Request, number | string>((request) => (request.kind === 'add' ? request.a + request.b : request.text.toUpperCase()), {}, scope);
    receive({ id: 1, kind: 'add', a: 20, b: 22 });
    receive({ id: 2, kind: 'echo', text: 'theme' });
    await settle();
    expect(posted.map((p) => p.message)).toEqual([
      { id: 1, ok: true, result: 42 },
      { id: 2, ok: true, result: 'THEME' },
    ]);
  });

  it('isReply tells replies from other messages', () => {
    expect(isReply({ id: 1, ok: true, result: 1 })).toBe(true);
    expect(isReply({ id: 1, ok: false, message: 'x' })).toBe(true);
    expect(isReply({ id: 1, progress: 'reading' })).toBe(true);
    expect(isReply({ kind: 'rasterise', rid: 1 })).toBe(false);
    expect(isReply({ id: 1, kind: 'rasterise' })).toBe(false);
    expect(isReply({ id: '1', ok: true })).toBe(false);
    expect(isReply(null)).toBe(false);
    expect(isReply('ok')).toBe(false);
  });
});

describe('client and worker side together', () => {
  it('a worker built with serve answers the client: results, progress and errors', async () => {
    // A worker that runs in this thread: what the client posts goes to `serve`, and what it posts comes back.
    const client = new WorkerClient<Request, number, Progress>({
      start: () => {
        const worker = new FakeWorker();
        const scope = {
          onmessage: null as ((event: MessageEvent<Request>) => void) | null,
          postMessage: (message: unknown) => queueMicrotask(() => worker.send(structuredClone(message))),
        };
        serve<Request, number, Progress>(
          (request, progress) => {
            if (request.kind === 'echo') throw new Error(`cannot add "${request.text}"`);
            progress({ done: 0.5 });
            return request.a + request.b;
          },
          {},
          scope,
        );
        worker.postMessage = (message) => queueMicrotask(() => scope.onmessage?.({ data: structuredClone(message) } as MessageEvent<Request>));
        return worker;
      },
      stoppedMessage: 'stopped',
    });
    const seen: Progress[] = [];
    const sum = client.call({ kind: 'add', a: 40, b: 2 }, { onProgress: (p) => seen.push(p) });
    const bad = client.call({ kind: 'echo', text: 'seven' });
    expect(await sum).toBe(42);
    expect(seen).toEqual([{ done: 0.5 }]);
    expect((await rejection(bad)).message).toBe('cannot add "seven"');
  });
});
