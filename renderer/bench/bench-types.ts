/**
 * The bench hook's surface (renderer/bench/bench-hook.ts), kept apart from it so the benchmark driver in Node can
 * type its calls without loading the renderer's modules.
 */
export type BenchScale = 'tiny' | 'study' | 'large';

export interface LoadedProject {
  projectId: string;
  focusDocumentId: string;
  otherDocumentId: string;
  documents: number;
  codings: number;
  /** Paragraphs (turns) the reader shows for the focus document, and its codings. */
  focusSegments: number;
  focusCodings: number;
  focusWords: number;
  /** Names of codes to type in the palette (child codes, most used first). */
  codeNames: string[];
  coderId: string;
  generateMs: number;
  writeMs: number;
}

export interface ImportRun {
  ms: number;
  /** Of which: waiting for the import worker to parse and hash the files, */
  parseMs: number;
  /** checking each file for a duplicate, */
  checkMs: number;
  /** and storing the documents with their codings (one command each, several files to a transaction). */
  storeMs: number;
  documents: number;
  codings: number;
  bytes: number;
}

export interface TimedPaint {
  /** When the state was first seen on a frame, and when that frame had been painted (ms from the action). */
  seen: number;
  painted: number;
}

export interface TesseraBenchHook {
  version: 1;
  /** Generates a corpus, stores it as a new project with writeProjectData, and opens it (its second document). */
  loadCorpus(scale: BenchScale, options?: { coders?: number; open?: boolean }): Promise<LoadedProject>;
  /** Arms timing of the next click on a document in the list, until that document's text and highlights paint. */
  armOpen(documentId: string, expected: { segments: number; codings: number }): void;
  /** Arms timing of the next Enter, until one more coding range is registered and painted. */
  armCoding(): void;
  /** The armed measure's result: ms from the action (seen, painted, and for codings registered). */
  result(): Promise<Record<string, number>>;
  /** Renders a document's turns as plain DOM over the reader; resolves with ms until painted. */
  renderPlain(projectId: string, documentId: string): Promise<number>;
  removePlain(): void;
  startFrames(): void;
  /** Milliseconds between the animation frames since startFrames. */
  stopFrames(): number[];
  registeredRanges(): number;
  /** When the page (started with a project open) showed the project ready, from navigation start. */
  interactive(): TimedPaint | undefined;
  importApp(scale: BenchScale): Promise<ImportRun>;
  importBaseline(scale: BenchScale): Promise<ImportRun>;
  prepare(scale: BenchScale): void;
  release(): void;
}
