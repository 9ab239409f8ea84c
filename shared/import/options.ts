import type { PdfjsLib } from './pdf';

/**
 * What the person importing can choose. Every option has a sensible default, so `importFile(bytes, name)` with no
 * options is what the import preview shows first; the preview then re-runs the import with the user's corrections.
 */
export interface ImportOptions {
  /**
   * Text encoding to use instead of the detected one, for text formats (txt, md, vtt, srt, csv): any label the
   * WHATWG Encoding Standard knows, e.g. "utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-2".
   */
  encoding?: string;
  /** Find speaker turns in text transcripts (default true). False keeps the text as written, with no turns. */
  detectSpeakers?: boolean;
  /**
   * Corrections to the detected speaker labels, keyed by the label as written (matched exactly first, then
   * ignoring case): a string merges the label into that speaker (`{ Int: 'Interviewer', I: 'Interviewer' }`),
   * null says the label is not a speaker at all (e.g. "Note"). A label listed here with a string is accepted as a
   * speaker even where detection alone would have rejected it (a label used only once).
   */
  speakerMap?: Record<string, string | null>;
  /**
   * Captions only: start a new turn when the same speaker resumes after a silence longer than this many seconds.
   * By default consecutive cues of the same speaker always join into one turn.
   */
  captionPauseSeconds?: number;
  /**
   * Loads pdf.js for PDF files. The app passes its bundled copy; Node passes
   * `() => import('pdfjs-dist/legacy/build/pdf.mjs')`. Without it PDF files are refused.
   */
  loadPdfjs?: () => Promise<PdfjsLib>;
}

/** Largest text file (txt, md, vtt, srt, csv) accepted, in bytes, checked before decoding: 50 MiB. */
export const MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024;
/**
 * Largest document file (docx, odt, rtf, pdf, xlsx) accepted, in bytes: 200 MiB. These carry images and layout,
 * so they are larger than their text; the archive formats are bounded again by the safe-unzip limits.
 */
export const MAX_DOCUMENT_FILE_BYTES = 200 * 1024 * 1024;
