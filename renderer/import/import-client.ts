import type { ImportOptions } from '../../shared/import/options';
import type { SheetTable } from '../../shared/import/participants';
import type { ImportedDocument } from '../../shared/import/types';
import type { ImportRequest, ImportResponse, ImportResult } from './import.worker';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (result: ImportResult) => void; reject: (error: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'tessera-import' });
    worker.onmessage = (event: MessageEvent<ImportResponse>) => {
      const entry = pending.get(event.data.id);
      if (!entry) return;
      pending.delete(event.data.id);
      if (event.data.ok) entry.resolve(event.data.result);
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

/** A request without its id (the id is added here), for each kind of request. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Body = WithoutId<ImportRequest>;

/** Sends one request to the import worker. Cancelling stops the worker (and every file it is reading). */
function call(body: Body, signal?: AbortSignal): Promise<ImportResult> {
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
    getWorker().postMessage({ ...body, id } as ImportRequest);
  });
}

/**
 * Parses one file in the import worker, giving the document and its text's hash (hashText). With a `key`, a Word,
 * ODT, RTF or PDF file's text is kept in the worker so that parsing it again with other speaker choices is quick;
 * `forgetParsed` lets it go.
 */
export async function parseInWorker(
  name: string,
  bytes: Uint8Array,
  options: Omit<ImportOptions, 'loadPdfjs'> = {},
  signal?: AbortSignal,
  key?: string,
): Promise<{ document: ImportedDocument; hash: string }> {
  const result = await call({ kind: 'document', name, bytes, options, ...(key !== undefined ? { key } : {}) }, signal);
  if (result.kind !== 'document') throw new Error(`${name}: the import worker gave no document`);
  return { document: result.document, hash: result.hash };
}

/** Reads a participant sheet (CSV or XLSX) in the import worker. */
export async function readSheetInWorker(name: string, bytes: Uint8Array, encoding?: string, signal?: AbortSignal): Promise<SheetTable> {
  const result = await call({ kind: 'sheet', name, bytes, ...(encoding ? { encoding } : {}) }, signal);
  if (result.kind !== 'sheet') throw new Error(`${name}: the import worker gave no sheet`);
  return result.sheet;
}

/** Frees the text kept for these preview keys (nothing happens when the worker is not running). */
export function forgetParsed(keys: string[]): void {
  if (!worker || keys.length === 0) return;
  void call({ kind: 'forget', keys }).catch(() => undefined);
}
