import type { FromWorker, ToWorker, WriteupProgress, WriteupRequest, WriteupResult } from './protocol';
import { docxRasterise } from './rasterise';

/**
 * Talks to the write-up worker: one worker, started on first use, answering requests in turn. The worker asks
 * back for charts drawn as pictures while it writes a Word document; they are drawn here.
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (result: WriteupResult) => void; reject: (error: Error) => void; onProgress?: (p: WriteupProgress) => void }>();

function failAll(message: string): void {
  for (const entry of pending.values()) entry.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./writeup.worker.ts', import.meta.url), { type: 'module', name: 'tessera-writeup' });
  w.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    const entry = pending.get(message.id);
    if (message.kind === 'rasterise') {
      docxRasterise(message.svg, message.width, message.height).then(
        (png) => w.postMessage({ kind: 'rasterised', rid: message.rid, png } satisfies ToWorker),
        (error: Error) => w.postMessage({ kind: 'rasterised', rid: message.rid, error: error.message } satisfies ToWorker),
      );
      return;
    }
    if (!entry) return;
    if (message.kind === 'progress') {
      entry.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.kind === 'done') entry.resolve(message.result);
    else entry.reject(new Error(message.message));
  };
  w.onerror = (event) => {
    event.preventDefault();
    failAll(event.message || 'The write-up stopped unexpectedly.');
  };
  worker = w;
  return w;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type WriteupBody = WithoutId<WriteupRequest>;

/** Sends one request to the worker. */
export function runWriteup(body: WriteupBody, onProgress?: (progress: WriteupProgress) => void): Promise<WriteupResult> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    getWorker().postMessage({ ...body, id } as WriteupRequest);
  });
}

