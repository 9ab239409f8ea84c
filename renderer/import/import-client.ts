import type { ImportOptions } from '../../shared/import/options';
import type { SheetTable } from '../../shared/import/participants';
import type { ImportedDocument } from '../../shared/import/types';
import { WorkerClient } from '../workers/worker-client';
import type { ImportRequest, ImportResult } from './import.worker';

/** The import worker. Cancelling a request stops it (and every file it is reading). */
const imports = new WorkerClient<ImportRequest, ImportResult>({
  start: () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'tessera-import' }),
  stoppedMessage: 'The import worker stopped',
});

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
  const result = await imports.call({ kind: 'document', name, bytes, options, ...(key !== undefined ? { key } : {}) }, { signal });
  if (result.kind !== 'document') throw new Error(`${name}: the import worker gave no document`);
  return { document: result.document, hash: result.hash };
}

/** Reads a participant sheet (CSV or XLSX) in the import worker. */
export async function readSheetInWorker(name: string, bytes: Uint8Array, encoding?: string, signal?: AbortSignal): Promise<SheetTable> {
  const result = await imports.call({ kind: 'sheet', name, bytes, ...(encoding ? { encoding } : {}) }, { signal });
  if (result.kind !== 'sheet') throw new Error(`${name}: the import worker gave no sheet`);
  return result.sheet;
}

/** Frees the text kept for these preview keys (nothing happens when the worker is not running). */
export function forgetParsed(keys: string[]): void {
  if (!imports.isRunning || keys.length === 0) return;
  void imports.call({ kind: 'forget', keys }).catch(() => undefined);
}
