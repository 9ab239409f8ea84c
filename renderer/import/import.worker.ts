/// <reference lib="webworker" />
import { importFile } from '../../shared/import/index';
import type { ImportOptions } from '../../shared/import/options';
import type { ImportedDocument } from '../../shared/import/types';

/**
 * Parses files off the main thread, so a 100 MB PDF or a long transcript never freezes the window.
 * pdf.js runs here in-thread: its worker module is loaded into this worker rather than starting another.
 */
export interface ImportRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  options: Omit<ImportOptions, 'loadPdfjs'>;
}

export type ImportResponse = { id: number; ok: true; document: ImportedDocument } | { id: number; ok: false; message: string };

async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs');
  (globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = worker;
  return import('pdfjs-dist');
}

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const { id, name, bytes, options } = event.data;
  let response: ImportResponse;
  try {
    response = { id, ok: true, document: await importFile(bytes, name, { ...options, loadPdfjs }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { id, ok: false, message: message.startsWith(`${name}:`) ? message : `${name}: ${message}` };
  }
  (self as unknown as Worker).postMessage(response);
};
