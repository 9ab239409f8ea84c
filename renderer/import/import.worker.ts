/// <reference lib="webworker" />
import { chooseFormat, importFile } from '../../shared/import/index';
import type { ImportOptions } from '../../shared/import/options';
import { readParticipantSheet, type SheetTable } from '../../shared/import/participants';
import { withSpeakerTurns } from '../../shared/import/speakers';
import type { ImportedDocument } from '../../shared/import/types';
import { hashText } from '../../shared/text/normalise';
import { messageOf, serve } from '../workers/worker-protocol';

/**
 * Parses files off the main thread, so a 100 MB PDF or a long transcript never freezes the window.
 * pdf.js runs here in-thread: its worker module is loaded into this worker rather than starting another.
 *
 * The import preview re-reads a file each time the user changes a speaker name. For Word, ODT, RTF and PDF files
 * only the speaker step depends on those choices, so their text is read once per preview (by `key`) and kept here
 * until the preview lets it go.
 */
export type ImportRequest =
  | { id: number; kind: 'document'; key?: string; name: string; bytes: Uint8Array; options: Omit<ImportOptions, 'loadPdfjs'> }
  | { id: number; kind: 'sheet'; name: string; bytes: Uint8Array; encoding?: string }
  | { id: number; kind: 'forget'; keys: string[] };

/** A document comes with its text's hash (hashText), the duplicate check's key, computed here off the main thread. */
export type ImportResult = { kind: 'document'; document: ImportedDocument; hash: string } | { kind: 'sheet'; sheet: SheetTable } | { kind: 'none' };

async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs');
  (globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = worker;
  return import('pdfjs-dist');
}

/** Structured documents read without speaker detection, by preview key. */
const structured = new Map<string, Promise<ImportedDocument>>();
const STRUCTURED = new Set(['docx', 'odt', 'rtf', 'pdf']);

async function importDocument(request: Extract<ImportRequest, { kind: 'document' }>): Promise<ImportedDocument> {
  const { key, name, bytes, options } = request;
  if (key === undefined || !STRUCTURED.has(chooseFormat(bytes, name))) return importFile(bytes, name, { ...options, loadPdfjs });
  let base = structured.get(key);
  if (!base) {
    base = importFile(bytes, name, { detectSpeakers: false, loadPdfjs });
    structured.set(key, base);
    base.catch(() => structured.delete(key));
  }
  const doc = await base;
  return options.detectSpeakers === false ? doc : withSpeakerTurns(doc, options);
}

async function handle(request: ImportRequest): Promise<ImportResult> {
  switch (request.kind) {
    case 'document': {
      const document = await importDocument(request);
      return { kind: 'document', document, hash: await hashText(document.text) };
    }
    case 'sheet':
      return { kind: 'sheet', sheet: await readParticipantSheet(request.bytes, request.name, { encoding: request.encoding }) };
    case 'forget':
      for (const key of request.keys) structured.delete(key);
      return { kind: 'none' };
  }
}

serve(handle, {
  // Errors name the file they are about, once.
  describe: (error, request) => {
    const message = messageOf(error);
    const name = 'name' in request ? request.name : '';
    return name === '' || message.startsWith(`${name}:`) ? message : `${name}: ${message}`;
  },
});
