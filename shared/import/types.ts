import type { Block, Turn } from '../model/types';
import type { SpeakerLabel } from './speakers';

/** A comment found in the source file (e.g. a Word comment), anchored to a range of the imported text. */
export interface ImportedComment {
  start: number;
  end: number;
  author?: string;
  text: string;
}

/** What every importer gives back: the normalised text and its structure, ready to store. */
export interface ImportedDocument {
  /** Suggested document name (file name without extension). */
  name: string;
  /** Format key: "txt", "md", "docx", "odt", "rtf", "pdf", "vtt", "srt". */
  format: string;
  /** Detected or chosen encoding for text formats (e.g. "utf-8", "utf-16le", "windows-1252"). */
  encoding?: string;
  /** Normalised text (see text/normalise.ts): the offsets of turns, blocks and comments index it. */
  text: string;
  turns: Turn[];
  blocks: Block[];
  comments: ImportedComment[];
  /** Things the user should know, e.g. "3 cues had no speaker". */
  warnings: string[];
  /**
   * The speaker labels found (text formats and captions), accepted or not, in order of first appearance: what an
   * import preview shows so the user can merge or reject labels through ImportOptions.speakerMap.
   */
  speakerLabels?: SpeakerLabel[];
}

/** An import that was refused: a message that names the file and the problem. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportError';
  }
}
