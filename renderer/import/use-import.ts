import { create } from 'zustand';
import type { ImportOptions } from '../../shared/import/options';
import type { ImportedDocument } from '../../shared/import/types';
import { hashText } from '../../shared/text/normalise';
import type { ProjectSession } from '../app/project-session';
import { useUi } from '../state/ui-store';
import { CASES_VIEW_ID, useCasesUi } from '../views/cases/cases-ui';
import { forgetParsed, parseInWorker } from './import-client';
import { ImportStore, type FileToStore } from './store-batch';
import { changedLabels, isSheetFile, usesAnyLabel, withSpeakerChoice, type SpeakerMap } from './preview';

/**
 * Importing documents, in two steps.
 *
 * 1. The preview: every file picked or dropped is read in the worker with the default choices and shown (format,
 *    encoding, speaker labels, the first turns, warnings). Changing a file's encoding, speaker detection or the
 *    speaker names reads it again; what the preview shows is exactly what will be stored.
 * 2. The queue: "Import" stores the files in batches (store-batch.ts), each file its own command (its own undo step),
 *    so a failure leaves no trace of that file and does not stop the others, with progress, cancel (between
 *    batches), a summary and a question, asked before storing it, for a file already in the project.
 *
 * UI state only: the documents themselves are in the database.
 */
export type FileStatus = 'waiting' | 'reading' | 'imported' | 'failed' | 'skipped' | 'cancelled';

export interface ImportItem {
  name: string;
  size: number;
  status: FileStatus;
  message?: string;
}

/** One file in the preview. */
export interface PreviewFile {
  key: string;
  name: string;
  size: number;
  bytes: Uint8Array;
  /** Left out of the import by the user. */
  include: boolean;
  /** Encoding chosen by the user (text formats); undefined = detected. */
  encoding?: string;
  detectSpeakers: boolean;
  /** Captions: a new turn after a silence this long; undefined = a speaker's cues always join. */
  captionPauseSeconds?: number;
  status: 'reading' | 'ready' | 'failed';
  /** Bumped on every change of choices, so an older reading arriving late is ignored. */
  generation: number;
  /** The document as it will be stored (kept while a new reading is under way). */
  document?: ImportedDocument;
  /** Its text's hash (hashText), from the same reading. */
  hash?: string;
  /** Name of a document already in the project with the same text. */
  duplicateOf?: string;
  /** Why the file cannot be imported. */
  message?: string;
}

export interface ImportPreview {
  session: ProjectSession;
  files: PreviewFile[];
  /** Speaker names, by label as written; shared by every file of this import. */
  speakerMap: SpeakerMap;
  selectedKey?: string;
}

interface ImportState {
  preview?: ImportPreview;
  items: ImportItem[];
  running: boolean;
  controller?: AbortController;
  /** A file whose content is already in the project: the user decides. */
  duplicate?: { name: string; existing: string; resolve: (importAnyway: boolean) => void };
  /**
   * Opens the preview for these files (or adds them to the one open). Participant sheets among them (.csv, .xlsx)
   * go to the Participants view's sheet import instead.
   */
  start(session: ProjectSession, files: { name: string; bytes: Uint8Array }[]): Promise<void>;
  selectFile(key: string): void;
  setInclude(key: string, include: boolean): void;
  setEncoding(key: string, encoding: string | undefined): void;
  setDetectSpeakers(key: string, detect: boolean): void;
  setCaptionPause(key: string, seconds: number | undefined): void;
  /** A name for a label (merging labels that share it), null for "not a speaker", undefined to undo the choice. */
  setSpeaker(label: string, choice: string | null | undefined): void;
  closePreview(): void;
  /** Stores the included files that were read; files that could not be read are reported as not imported. */
  confirm(): Promise<void>;
  cancel(): void;
  clear(): void;
}

let nextKey = 1;
let previewController: AbortController | undefined;
/** The speaker names of each project's last import, offered again to its next one (teams keep their habits). */
const lastSpeakerMaps = new Map<string, SpeakerMap>();

export const useImport = create<ImportState>()((set, get) => {
  const updateFile = (key: string, changes: Partial<PreviewFile>) => {
    const preview = get().preview;
    if (!preview) return;
    set({ preview: { ...preview, files: preview.files.map((f) => (f.key === key ? { ...f, ...changes } : f)) } });
  };
  const fileOf = (key: string) => get().preview?.files.find((f) => f.key === key);

  /** Reads one file again with its current choices; only the latest reading is kept. */
  const read = async (key: string) => {
    const preview = get().preview;
    const file = fileOf(key);
    if (!preview || !file) return;
    const generation = file.generation + 1;
    updateFile(key, { generation, status: 'reading' });
    const options: Omit<ImportOptions, 'loadPdfjs'> = {
      detectSpeakers: file.detectSpeakers,
      speakerMap: preview.speakerMap,
      ...(file.encoding ? { encoding: file.encoding } : {}),
      ...(file.captionPauseSeconds !== undefined ? { captionPauseSeconds: file.captionPauseSeconds } : {}),
    };
    try {
      const { document, hash } = await parseInWorker(file.name, file.bytes, options, previewController?.signal, key);
      if (fileOf(key)?.generation !== generation) return;
      // Speaker names given while this file was being read, for labels it turns out to use: read it again.
      const latest = get().preview?.speakerMap ?? preview.speakerMap;
      if (latest !== preview.speakerMap && file.detectSpeakers && usesAnyLabel(document, changedLabels(preview.speakerMap, latest))) {
        void read(key);
        return;
      }
      const existing = await preview.session.db.documents.where('source.hash').equals(hash).first();
      if (fileOf(key)?.generation !== generation) return;
      updateFile(key, { status: 'ready', document, hash, duplicateOf: existing?.name, message: undefined });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (fileOf(key)?.generation !== generation) return;
      updateFile(key, { status: 'failed', document: undefined, message: error instanceof Error ? error.message : String(error) });
    }
  };

  /** Reads files one after another, so a folder of transcripts does not queue every file in the worker at once. */
  const readAll = async (keys: string[]) => {
    for (const key of keys) await read(key);
  };

  return {
    items: [],
    running: false,

    start: async (session, files) => {
      const sheets = files.filter((f) => isSheetFile(f.name));
      const documents = files.filter((f) => !isSheetFile(f.name));
      if (sheets.length > 0) {
        const ui = useUi.getState();
        useCasesUi.getState().openSheet(sheets[0]!);
        ui.setWorkspaceView(CASES_VIEW_ID);
        if (sheets.length > 1) ui.notify(`Only one participant sheet is imported at a time: “${sheets[0]!.name}” is open; import the others after it.`);
      }
      if (documents.length === 0) return;
      if (get().running) {
        useUi.getState().notify('An import is still running; add these files when it has finished.', { kind: 'error' });
        return;
      }
      const added: PreviewFile[] = documents.map((f) => ({
        key: `file-${nextKey++}`,
        name: f.name,
        size: f.bytes.byteLength,
        bytes: f.bytes,
        include: true,
        detectSpeakers: true,
        status: 'reading',
        generation: 0,
      }));
      let current = get().preview;
      // A preview left open in another project is dropped, never mixed with this one.
      if (current && current.session.projectId !== session.projectId) {
        get().closePreview();
        current = undefined;
      }
      if (!current) previewController = new AbortController();
      set({
        preview: current
          ? { ...current, files: [...current.files, ...added] }
          : { session, files: added, speakerMap: lastSpeakerMaps.get(session.projectId) ?? {}, selectedKey: added[0]!.key },
        // A new import replaces the summary of the last one.
        ...(current ? {} : { items: [] }),
      });
      await readAll(added.map((f) => f.key));
    },

    selectFile: (key) => {
      const preview = get().preview;
      if (preview) set({ preview: { ...preview, selectedKey: key } });
    },
    setInclude: (key, include) => updateFile(key, { include }),
    setEncoding: (key, encoding) => {
      updateFile(key, { encoding });
      void read(key);
    },
    setDetectSpeakers: (key, detect) => {
      updateFile(key, { detectSpeakers: detect });
      void read(key);
    },
    setCaptionPause: (key, seconds) => {
      updateFile(key, { captionPauseSeconds: seconds });
      void read(key);
    },
    setSpeaker: (label, choice) => {
      const preview = get().preview;
      if (!preview) return;
      const speakerMap = withSpeakerChoice(preview.speakerMap, label, choice);
      const changed = changedLabels(preview.speakerMap, speakerMap);
      if (changed.length === 0) return;
      set({ preview: { ...preview, speakerMap } });
      // Only files that use the label are read again.
      const affected = preview.files.filter((f) => f.detectSpeakers && usesAnyLabel(f.document, changed)).map((f) => f.key);
      void readAll(affected);
    },

    closePreview: () => {
      const preview = get().preview;
      if (!preview) return;
      previewController?.abort();
      previewController = undefined;
      forgetParsed(preview.files.map((f) => f.key));
      set({ preview: undefined });
    },

    confirm: async () => {
      const preview = get().preview;
      if (!preview || get().running) return;
      const files = preview.files.filter((f) => f.include);
      if (files.some((f) => f.status === 'reading')) return;
      forgetParsed(preview.files.map((f) => f.key));
      previewController = undefined;
      const { session } = preview;
      lastSpeakerMaps.set(session.projectId, preview.speakerMap);
      const controller = new AbortController();
      set({
        preview: undefined,
        running: true,
        controller,
        items: files.map((f) =>
          f.status === 'failed'
            ? { name: f.name, size: f.size, status: 'failed', message: f.message }
            : { name: f.name, size: f.size, status: 'waiting' },
        ),
      });
      const update = (index: number, changes: Partial<ImportItem>) =>
        set({ items: get().items.map((item, i) => (i === index ? { ...item, ...changes } : item)) });

      type Queued = FileToStore & { index: number };
      const store = new ImportStore<Queued>(session, ({ index, document }, outcome) => {
        if (!outcome.ok) {
          update(index, { status: 'failed', message: outcome.message });
          return;
        }
        const turns = document.turns.length;
        const details = [turns ? `${turns} ${turns === 1 ? 'turn' : 'turns'}` : 'no speaker turns', ...document.warnings];
        update(index, { status: 'imported', message: details.join('; ') });
      });
      /** Stores the files waiting, or, once cancelled, reports them as cancelled. */
      const flush = async () => {
        if (controller.signal.aborted) for (const file of store.drop()) update(file.index, { status: 'cancelled' });
        else await store.flush();
      };

      for (const [index, file] of files.entries()) {
        const imported = file.document;
        if (file.status === 'failed' || !imported) continue;
        if (controller.signal.aborted) {
          update(index, { status: 'cancelled' });
          continue;
        }
        update(index, { status: 'reading' });
        try {
          const hash = file.hash ?? (await hashText(imported.text));
          // Checked again here: an earlier file of this import may have the same text.
          const existing = controller.signal.aborted ? undefined : await store.findDuplicate(hash);
          if (existing !== undefined) {
            // What came before is stored while the question waits for an answer.
            await flush();
            const importAnyway = await new Promise<boolean>((resolve) => set({ duplicate: { name: file.name, existing, resolve } }));
            set({ duplicate: undefined });
            if (!importAnyway) {
              update(index, { status: 'skipped', message: `same text as “${existing}”` });
              continue;
            }
          }
          if (controller.signal.aborted) {
            update(index, { status: 'cancelled' });
            continue;
          }
          await store.add({ index, name: file.name, size: file.size, hash, document: imported });
        } catch (error) {
          update(index, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      }
      await flush();
      set({ running: false, controller: undefined });
      // The progress panel sits beside the document list; elsewhere, say how it went.
      const ui = useUi.getState();
      if (ui.workspaceView !== 'coding') {
        const items = get().items;
        const done = items.filter((i) => i.status === 'imported').length;
        ui.notify(`Imported ${done} of ${items.length} ${items.length === 1 ? 'file' : 'files'}`, done < items.length ? { kind: 'error' } : {});
      }
    },

    cancel: () => {
      get().controller?.abort();
      get().duplicate?.resolve(false);
    },
    clear: () => set({ items: [] }),
  };
});

export const IMPORT_FILTERS = [
  { name: 'Transcripts', extensions: ['docx', 'odt', 'rtf', 'pdf', 'txt', 'md', 'vtt', 'srt'] },
  { name: 'All files', extensions: ['*'] },
];
