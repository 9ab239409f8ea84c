/**
 * The benchmark's way into the running app, present only in the bench build (vite.bench.config.ts adds this
 * module to the page; the normal build never includes it). It loads a generated project through the app's own
 * storage code (writeProjectData), imports generated transcripts the way the import queue does, and times what
 * the page shows: the reader's text and highlights painted, a new coding's highlight, the app becoming usable.
 */
import Dexie from 'dexie';
import { corpusTextFiles, generateCorpus, type Corpus, type CorpusScaleName } from '../../shared/bench/corpus';
import { newId } from '../../shared/model/ids';
import type { CodingRecord, ProjectData } from '../../shared/model/types';
import { sessionFor } from '../app/project-session';
import { catalogue } from '../db/catalogue';
import { writeProjectData } from '../db/project-data';
import { closeProjectDb, projectDb, projectDbName, ProjectDb } from '../db/project-db';
import { createProject } from '../db/projects';
import { parseInWorker } from '../import/import-client';
import { ImportStore } from '../import/store-batch';
import { useCoder } from '../state/coder-store';
import { useUi } from '../state/ui-store';
import { readerSegments } from '../views/workspace/transcript-layout';
import { WINDOW_FROM } from '../views/workspace/reader-window';
import type { ImportRun, LoadedProject, TesseraBenchHook, TimedPaint } from './bench-types';

/** The time just after the frame that follows now has been painted (a task queued from the next frame). */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

/** Ranges registered in the coding highlights (the reader's `tessera-code-*` highlights). */
function registeredRanges(): number {
  let n = 0;
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return 0;
  for (const [name, highlight] of CSS.highlights) if (String(name).startsWith('tessera-code-')) n += (highlight as unknown as Set<Range>).size;
  return n;
}

// When a coding highlight was last registered: the moment a new coding becomes paintable.
let lastHighlightSet = 0;
if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
  const registry = CSS.highlights as unknown as { set: (name: string, value: Highlight) => unknown };
  const set = registry.set.bind(registry);
  registry.set = (name: string, value: Highlight) => {
    const result = set(name, value);
    if (name.startsWith('tessera-code-')) lastHighlightSet = performance.now();
    return result;
  };
}

/** Checks `ready` on every frame until it holds, then resolves with the time after that frame was painted. */
function whenReady(ready: () => boolean, timeoutMs = 120_000): Promise<{ seen: number; painted: number }> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready()) {
        const seen = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ seen, painted: performance.now() });
        channel.port2.postMessage(null);
        return;
      }
      if (performance.now() - began > timeoutMs) reject(new Error('The page did not reach the state measured within the time allowed.'));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

let cachedCorpus: Corpus | undefined;
function corpusFor(scale: CorpusScaleName, coders?: number): Corpus {
  if (!cachedCorpus || cachedCorpus.scale.name !== scale || (coders !== undefined && cachedCorpus.data.coders.length !== coders)) {
    cachedCorpus = undefined;
    cachedCorpus = generateCorpus(scale, coders !== undefined ? { coders } : {});
  }
  return cachedCorpus;
}

async function loadCorpus(scale: CorpusScaleName, options: { coders?: number; open?: boolean } = {}): Promise<LoadedProject> {
  let t = performance.now();
  const corpus = corpusFor(scale, options.coders);
  const generateMs = performance.now() - t;
  const projectId = newId();
  const data: ProjectData = { ...corpus.data, project: { ...corpus.data.project, id: projectId, createdAt: Date.now(), updatedAt: Date.now() } };
  t = performance.now();
  await writeProjectData(projectDb(projectId), data);
  await catalogue.projects.add(data.project);
  const writeMs = performance.now() - t;
  const focus = data.texts.find((x) => x.id === corpus.focusDocumentId)!;
  const uses = new Map<string, number>();
  for (const c of data.codings) uses.set(c.codeId, (uses.get(c.codeId) ?? 0) + 1);
  const codeNames = data.codes
    .filter((c) => c.parentId)
    .sort((a, b) => (uses.get(b.id) ?? 0) - (uses.get(a.id) ?? 0))
    .slice(0, 20)
    .map((c) => c.name);
  const coder = data.coders[0]!;
  // Code as the project's first coder, so the palette applies codes without asking who is coding.
  useCoder.getState().setMe(coder);
  useCoder.getState().setVisibility({ mode: 'all' });
  useCoder.getState().setBlind(false);
  if (options.open !== false) {
    useUi.getState().openProject(projectId);
    useUi.getState().setWorkspaceView('coding');
    useUi.getState().openDocument(data.documents[1]?.id ?? corpus.focusDocumentId);
  }
  const loaded: LoadedProject = {
    projectId,
    focusDocumentId: corpus.focusDocumentId,
    otherDocumentId: data.documents[1]?.id ?? corpus.focusDocumentId,
    documents: data.documents.length,
    codings: data.codings.length,
    focusSegments: readerSegments(focus).length,
    focusCodings: data.codings.filter((c) => c.documentId === corpus.focusDocumentId).length,
    focusWords: data.documents[0]!.words,
    codeNames,
    coderId: coder.id,
    generateMs,
    writeMs,
  };
  cachedCorpus = undefined;
  return loaded;
}

// ----- the reader ---------------------------------------------------------------------------------------------

let armedAt: number | undefined;
let armedKey: string | undefined;
const onPointer = (event: Event) => {
  const target = event.target as HTMLElement | null;
  if (armedKey === 'click' && target?.closest('.document-item')) armedAt = performance.now();
};
const onKey = (event: KeyboardEvent) => {
  if (armedKey === 'enter' && event.key === 'Enter') armedAt = performance.now();
};
document.addEventListener('click', onPointer, true);
document.addEventListener('keydown', onKey, true);

let pending: Promise<Record<string, number>> | undefined;

/**
 * Arms a measure of opening a document: from the click on it in the list until all its turns are in the page and
 * the highlights of its codings are painted. A densely coded transcript (more than `WINDOW_FROM` codings) paints
 * the codings near the screen (reader-window.ts), so then those are the ones waited for: the reader says how many
 * it painted in `data-highlighted`.
 */
function armOpen(documentId: string, expected: { segments: number; codings: number }): void {
  armedAt = undefined;
  armedKey = 'click';
  pending = whenReady(() => {
    const body = document.querySelector<HTMLElement>(`.reader-body[data-document-id="${documentId}"]`);
    if (!body || armedAt === undefined || body.dataset.highlighted === undefined) return false;
    const wanted = expected.codings > WINDOW_FROM ? 1 : expected.codings;
    return body.querySelectorAll('p.turn-text').length >= expected.segments && Number(body.dataset.highlighted) >= wanted && registeredRanges() >= wanted;
  }).then(({ seen, painted }) => {
    armedKey = undefined;
    return { seen: seen - armedAt!, painted: painted - armedAt! };
  });
}

/** Arms a measure of coding: from Enter in the palette until one more coding range is registered and painted. */
function armCoding(): void {
  const before = registeredRanges();
  armedAt = undefined;
  armedKey = 'enter';
  pending = whenReady(() => armedAt !== undefined && registeredRanges() > before).then(({ seen, painted }) => {
    armedKey = undefined;
    return { registered: Math.max(0, lastHighlightSet - armedAt!), seen: seen - armedAt!, painted: painted - armedAt! };
  });
}

async function result(): Promise<Record<string, number>> {
  if (!pending) throw new Error('No measure is armed.');
  const value = await pending;
  pending = undefined;
  return value;
}

// ----- the baseline: plain DOM of the same text ------------------------------------------------------------------

let plain: HTMLElement | undefined;

/**
 * Renders the document's turns as plain paragraphs over the reader, with the reader's own classes (so the same
 * fonts and widths) but nothing else: no highlights, stripes, buttons or React. Resolves when that frame painted.
 */
async function renderPlain(projectId: string, documentId: string): Promise<number> {
  removePlain();
  const text = await projectDb(projectId).texts.get(documentId);
  if (!text) throw new Error(`No text for document ${documentId}`);
  const segments = readerSegments(text);
  const paneRect = document.querySelector('.reader-pane')?.getBoundingClientRect();
  const t0 = performance.now();
  const container = document.createElement('div');
  container.className = 'pane reader-pane bench-plain';
  Object.assign(container.style, {
    position: 'fixed',
    left: `${paneRect?.left ?? 0}px`,
    top: `${paneRect?.top ?? 0}px`,
    width: `${paneRect?.width ?? 800}px`,
    height: `${paneRect?.height ?? 600}px`,
    zIndex: '1000',
  });
  const body = document.createElement('div');
  body.className = 'reader-body';
  const column = document.createElement('div');
  column.className = 'reader-text';
  for (const segment of segments) {
    const article = document.createElement('article');
    article.className = 'turn';
    const meta = document.createElement('div');
    meta.className = 'turn-meta';
    const speaker = document.createElement('span');
    speaker.className = 'speaker';
    speaker.textContent = segment.speaker ?? '';
    meta.append(speaker);
    const p = document.createElement('p');
    p.className = 'turn-text';
    p.textContent = text.text.slice(segment.textStart, segment.end);
    article.append(meta, p);
    column.append(article);
  }
  body.append(column);
  container.append(body);
  document.body.append(container);
  plain = container;
  return (await afterNextPaint()) - t0;
}

function removePlain(): void {
  plain?.remove();
  plain = undefined;
}

// ----- scrolling ---------------------------------------------------------------------------------------------

let frames: number[] = [];
let recording = false;

function startFrames(): void {
  frames = [];
  recording = true;
  const tick = (t: number) => {
    if (!recording) return;
    frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrames(): number[] {
  recording = false;
  const deltas: number[] = [];
  for (let i = 1; i < frames.length; i++) deltas.push(frames[i]! - frames[i - 1]!);
  return deltas;
}

// ----- start to interactive -------------------------------------------------------------------------------------

/** When the open project's reader showed its text and highlights and the lists were drawn (ms from navigation). */
let interactive: TimedPaint | undefined;
// Watched only when the page starts with a project open (the UI state is restored from local storage by now).
if (useUi.getState().openProjectId) void whenReady(() => {
  const ui = useUi.getState();
  if (!ui.openProjectId || !ui.openDocumentId) return false;
  const body = document.querySelector(`.reader-body[data-document-id="${ui.openDocumentId}"]`);
  return !!body && body.querySelector('p.turn-text') !== null && registeredRanges() > 0 && document.querySelector('.document-item') !== null && document.querySelector('[role="tree"] [role="treeitem"]') !== null;
}, 600_000).then(
  (at) => (interactive = at),
  () => undefined,
);

// ----- import: the app's path and the raw-storage baseline -------------------------------------------------------

/**
 * Imports the corpus's transcripts as the import queue does: each file parsed in the import worker, hashed and
 * checked for a duplicate, then handed to the app's own storing step (ImportStore: batches of files, each file one
 * command with its codings). Storing time is the time spent waiting on that step.
 */
async function importApp(scale: CorpusScaleName): Promise<ImportRun> {
  const corpus = corpusFor(scale);
  const files = corpusTextFiles(corpus.data);
  const codingsOf = groupCodings(corpus.data.codings);
  const project = await createProject(`Import benchmark (${scale})`);
  const session = sessionFor(project.id);
  let parseMs = 0;
  let checkMs = 0;
  let storeMs = 0;
  let codings = 0;
  const failures: string[] = [];
  const store = new ImportStore(session, (file, outcome) => {
    if (!outcome.ok) failures.push(outcome.message);
  });
  const t0 = performance.now();
  for (const [i, file] of files.entries()) {
    const p0 = performance.now();
    const { document: imported, hash } = await parseInWorker(file.name, file.bytes);
    const p1 = performance.now();
    parseMs += p1 - p0;
    const existing = await store.findDuplicate(hash);
    if (existing !== undefined) throw new Error(`${file.name} was taken for a duplicate of ${existing}`);
    const rows = codingsOf.get(corpus.data.texts[i]!.id) ?? [];
    codings += rows.length;
    const p2 = performance.now();
    checkMs += p2 - p1;
    await store.add({
      name: file.name,
      size: file.bytes.byteLength,
      hash,
      document: imported,
      extend: (w, documentId) => w.insertMany('codings', rows.map((c) => ({ ...c, documentId }))),
    });
    storeMs += performance.now() - p2;
  }
  const p3 = performance.now();
  await store.flush();
  storeMs += performance.now() - p3;
  const ms = performance.now() - t0;
  await dropProject(project.id);
  if (failures.length > 0) throw new Error(`${failures.length} files were not stored, the first: ${failures[0]}`);
  return { ms, parseMs, checkMs, storeMs, documents: files.length, codings, bytes: files.reduce((s, f) => s + f.bytes.byteLength, 0) };
}

/** The baseline: the same records put straight into a fresh project database with Dexie's bulkPut. */
async function importBaseline(scale: CorpusScaleName): Promise<ImportRun> {
  const corpus = corpusFor(scale);
  const bytes = corpusTextFiles(corpus.data).reduce((s, f) => s + f.bytes.byteLength, 0);
  const id = newId();
  const db = new ProjectDb(id);
  await db.open();
  const t0 = performance.now();
  await db.transaction('rw', [db.documents, db.texts, db.codings], async () => {
    await db.documents.bulkPut(corpus.data.documents);
    await db.texts.bulkPut(corpus.data.texts);
    await db.codings.bulkPut(corpus.data.codings);
  });
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(projectDbName(id));
  return { ms, parseMs: 0, checkMs: 0, storeMs: ms, documents: corpus.data.documents.length, codings: corpus.data.codings.length, bytes };
}

function groupCodings(codings: readonly CodingRecord[]): Map<string, CodingRecord[]> {
  const map = new Map<string, CodingRecord[]>();
  for (const c of codings) {
    const list = map.get(c.documentId);
    if (list) list.push(c);
    else map.set(c.documentId, [c]);
  }
  return map;
}

async function dropProject(projectId: string): Promise<void> {
  await closeProjectDb(projectId);
  await Dexie.delete(projectDbName(projectId));
  await catalogue.projects.delete(projectId);
}

const hook: TesseraBenchHook = {
  version: 1,
  loadCorpus,
  armOpen,
  armCoding,
  result,
  renderPlain,
  removePlain,
  startFrames,
  stopFrames,
  registeredRanges,
  interactive: () => interactive,
  importApp,
  importBaseline,
  /** Generates the corpus now, so an import run times the import alone. */
  prepare: (scale: CorpusScaleName) => void corpusFor(scale),
  release: () => {
    cachedCorpus = undefined;
  },
};

(window as unknown as { __tesseraBench: TesseraBenchHook }).__tesseraBench = hook;
