import { create } from 'zustand';
import { hashText } from '../../shared/text/normalise';
import type { ProjectSession } from '../app/project-session';
import { importDocumentCommand } from '../commands/document-commands';
import { parseInWorker } from './import-client';

/**
 * The import queue: files are parsed one at a time in a worker and each is stored in its own transaction, so a
 * failure leaves no trace of that file and does not stop the others. UI state only (the documents themselves are
 * in the database).
 */
export type FileStatus = 'waiting' | 'reading' | 'imported' | 'failed' | 'skipped' | 'cancelled';

export interface ImportItem {
  name: string;
  size: number;
  status: FileStatus;
  message?: string;
}

interface ImportState {
  items: ImportItem[];
  running: boolean;
  controller?: AbortController;
  /** A file whose content is already in the project: the user decides. */
  duplicate?: { name: string; existing: string; resolve: (importAnyway: boolean) => void };
  start(session: ProjectSession, files: { name: string; bytes: Uint8Array }[]): Promise<void>;
  cancel(): void;
  clear(): void;
}

export const useImport = create<ImportState>()((set, get) => ({
  items: [],
  running: false,
  start: async (session, files) => {
    if (get().running || files.length === 0) return;
    const controller = new AbortController();
    set({ running: true, controller, items: files.map((f) => ({ name: f.name, size: f.bytes.byteLength, status: 'waiting' })) });
    const update = (index: number, changes: Partial<ImportItem>) =>
      set({ items: get().items.map((item, i) => (i === index ? { ...item, ...changes } : item)) });

    for (const [index, file] of files.entries()) {
      if (controller.signal.aborted) {
        update(index, { status: 'cancelled' });
        continue;
      }
      update(index, { status: 'reading' });
      try {
        const imported = await parseInWorker(file.name, file.bytes, {}, controller.signal);
        const hash = await hashText(imported.text);
        const existing = await session.db.documents.where('source.hash').equals(hash).first();
        if (existing) {
          const importAnyway = await new Promise<boolean>((resolve) => set({ duplicate: { name: file.name, existing: existing.name, resolve } }));
          set({ duplicate: undefined });
          if (!importAnyway) {
            update(index, { status: 'skipped', message: `same text as “${existing.name}”` });
            continue;
          }
        }
        const order = ((await session.db.documents.orderBy('order').last())?.order ?? -1) + 1;
        const { command } = importDocumentCommand(imported, { fileName: file.name, size: file.bytes.byteLength, hash }, order);
        await session.execute(command);
        const turns = imported.turns.length;
        const details = [turns ? `${turns} ${turns === 1 ? 'turn' : 'turns'}` : 'no speaker turns', ...imported.warnings];
        update(index, { status: 'imported', message: details.join('; ') });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') update(index, { status: 'cancelled' });
        else update(index, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }
    set({ running: false, controller: undefined });
  },
  cancel: () => {
    get().controller?.abort();
    get().duplicate?.resolve(false);
  },
  clear: () => set({ items: [] }),
}));

export const IMPORT_FILTERS = [
  { name: 'Transcripts', extensions: ['docx', 'odt', 'rtf', 'pdf', 'txt', 'md', 'vtt', 'srt'] },
  { name: 'All files', extensions: ['*'] },
];
