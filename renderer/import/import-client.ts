import type { ImportOptions } from '../../shared/import/options';
import type { ImportedDocument } from '../../shared/import/types';
import type { ImportRequest, ImportResponse } from './import.worker';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (doc: ImportedDocument) => void; reject: (error: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'tessera-import' });
    worker.onmessage = (event: MessageEvent<ImportResponse>) => {
      const entry = pending.get(event.data.id);
      if (!entry) return;
      pending.delete(event.data.id);
      if (event.data.ok) entry.resolve(event.data.document);
      else entry.reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      for (const entry of pending.values()) entry.reject(new Error(event.message || 'The import worker stopped'));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/** Parses one file in the import worker. Cancelling stops the worker (and any file it is reading). */
export function parseInWorker(name: string, bytes: Uint8Array, options: Omit<ImportOptions, 'loadPdfjs'> = {}, signal?: AbortSignal): Promise<ImportedDocument> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Cancelled', 'AbortError'));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    signal?.addEventListener('abort', () => {
      if (!pending.has(id)) return;
      pending.delete(id);
      worker?.terminate();
      worker = null;
      for (const entry of pending.values()) entry.reject(new DOMException('Cancelled', 'AbortError'));
      pending.clear();
      reject(new DOMException('Cancelled', 'AbortError'));
    });
    const request: ImportRequest = { id, name, bytes, options };
    getWorker().postMessage(request);
  });
}
