import { UnsafeArchiveError } from '../zip/safe-unzip';
import { importCaptions } from './captions';
import { checkSize } from './encoding';
import { MAX_DOCUMENT_FILE_BYTES, MAX_TEXT_FILE_BYTES, type ImportOptions } from './options';
import { importPlainText } from './plain-text';
import { withSpeakerTurns } from './speakers';
import { ImportError, type ImportedDocument } from './types';

/**
 * One entry point for every document format: `importFile(bytes, fileName, options)`.
 *
 * The format is chosen by the file's extension, then checked against its content: a .txt (or a file without an
 * extension) that is really WebVTT or SubRip is read as captions, and one that is really a PDF or RTF is read as
 * that. Formats whose importer finds no turns (Word, ODT, RTF, PDF transcripts are usually "Interviewer: ..."
 * paragraphs) get the same speaker detection as plain text.
 */

export type { ImportOptions } from './options';
export { MAX_DOCUMENT_FILE_BYTES, MAX_TEXT_FILE_BYTES } from './options';
export type { ImportedDocument } from './types';
export { ImportError } from './types';

export type DocumentFormat = 'txt' | 'md' | 'vtt' | 'srt' | 'docx' | 'odt' | 'rtf' | 'pdf';

/** Extensions (lower case, without the dot) Tessera imports as documents. */
export const DOCUMENT_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  vtt: 'vtt',
  webvtt: 'vtt',
  srt: 'srt',
  docx: 'docx',
  odt: 'odt',
  rtf: 'rtf',
  pdf: 'pdf',
};

const TEXT_FORMATS: ReadonlySet<DocumentFormat> = new Set(['txt', 'md', 'vtt', 'srt']);

/** Why some common files are refused, in the user's words. */
const KNOWN_OTHERS: Readonly<Record<string, string>> = {
  doc: 'older Word 97-2003 documents (.doc) cannot be read; open it in Word or LibreOffice and save it as .docx',
  pages: 'Apple Pages documents cannot be read; export it from Pages as Word (.docx) or PDF',
  csv: 'this is a spreadsheet; import it as a participant sheet, not as a document',
  xlsx: 'this is a spreadsheet; import it as a participant sheet, not as a document',
  xls: 'older Excel files (.xls) cannot be read; save it as .xlsx or .csv and import it as a participant sheet',
  qdpx: 'this is a whole REFI-QDA project; open it with "Import project" rather than as a document',
  qdc: 'this is a REFI-QDA codebook; import it as a codebook rather than as a document',
  mp3: 'audio cannot be transcribed here; import the transcript or the captions (.vtt, .srt) instead',
  m4a: 'audio cannot be transcribed here; import the transcript or the captions (.vtt, .srt) instead',
  wav: 'audio cannot be transcribed here; import the transcript or the captions (.vtt, .srt) instead',
  mp4: 'video cannot be transcribed here; import the transcript or the captions (.vtt, .srt) instead',
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The first characters of a file as ASCII, after any UTF-8 or UTF-16 byte order mark (UTF-16 read as such). */
function head(bytes: Uint8Array, length = 512): string {
  let start = 0;
  let step = 1;
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [start, step, offset] = [2, 2, 0];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [start, step, offset] = [2, 2, 1];
  let out = '';
  for (let i = start + offset; i < bytes.length && out.length < length; i += step) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** What the content says the file is, when it is clear from its first bytes; undefined for ordinary text. */
export function sniffFormat(bytes: Uint8Array): DocumentFormat | 'zip' | 'binary' | undefined {
  const start = head(bytes);
  if (start.startsWith('%PDF-')) return 'pdf';
  if (start.startsWith('{\\rtf')) return 'rtf';
  if (start.startsWith('PK\u0003\u0004')) return 'zip';
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(start)) return 'vtt';
  // SubRip: a cue number, then a timing line with comma milliseconds.
  if (/^\s*\d+[ \t]*\r?\n\d{1,2}:\d{2}:\d{2},\d{3}[ \t]*-->/.test(start)) return 'srt';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'binary';
  return undefined;
}

/**
 * The format a file's name promises, or undefined for .txt and names without an extension (their content decides).
 * Throws ImportError naming the file for extensions Tessera does not import, so a caller can refuse a file by its
 * name before reading it.
 */
export function formatFromName(fileName: string): DocumentFormat | undefined {
  const extension = extensionOf(fileName);
  const byName = DOCUMENT_EXTENSIONS[extension];
  if (byName && byName !== 'txt') return byName;
  if (!byName && extension !== '') {
    const known = KNOWN_OTHERS[extension];
    throw new ImportError(
      fileName,
      known ??
        `files ending in .${extension} cannot be imported. Tessera imports ${Object.keys(DOCUMENT_EXTENSIONS)
          .map((e) => `.${e}`)
          .join(', ')}.`,
    );
  }
  return undefined;
}

/**
 * The format to import a file as, from its name and (for .txt and names without an extension) its content.
 * Throws ImportError naming the file for extensions Tessera does not import.
 */
export function chooseFormat(bytes: Uint8Array, fileName: string): DocumentFormat {
  const byName = formatFromName(fileName);
  if (byName) return byName;
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'zip') {
    throw new ImportError(
      fileName,
      'the file is a zip archive (perhaps a Word .docx or an OpenDocument .odt), not plain text. Give it its real extension and import it again.',
    );
  }
  if (sniffed === 'binary') {
    throw new ImportError(fileName, 'the file is an older Office document, not plain text. Save it as .docx and import it again.');
  }
  return sniffed ?? 'txt';
}

/** Refuses a file by its size alone, before it is read: callers with a file on disk check this first. */
export function checkFileSize(fileName: string, size: number, format?: DocumentFormat): void {
  const isText = format === undefined ? TEXT_FORMATS.has(DOCUMENT_EXTENSIONS[extensionOf(fileName)] ?? 'txt') : TEXT_FORMATS.has(format);
  if (isText) checkSize(fileName, size, MAX_TEXT_FILE_BYTES, 'text files');
  else checkSize(fileName, size, MAX_DOCUMENT_FILE_BYTES, 'documents');
}

/** Errors from the format readers, made into messages that name the file. */
function asImportError(error: unknown, fileName: string): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof UnsafeArchiveError) {
    return new ImportError(fileName, `Tessera refused to open this file because ${error.message}.`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError(fileName, `the file could not be read; it may be damaged (${detail}).`);
}

/** Reads structured documents through their own importers, loaded only when such a file comes. */
async function importStructured(
  format: 'docx' | 'odt' | 'rtf' | 'pdf',
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions,
): Promise<ImportedDocument> {
  switch (format) {
    case 'docx':
      return (await import('./docx')).importDocx(bytes, fileName);
    case 'odt':
      return (await import('./odt')).importOdt(bytes, fileName);
    case 'rtf':
      return (await import('./rtf')).importRtf(bytes, fileName);
    case 'pdf': {
      if (!options.loadPdfjs) throw new ImportError(fileName, 'PDF files cannot be read here (no PDF reader is available).');
      return (await import('./pdf')).importPdf(bytes, fileName, options.loadPdfjs);
    }
  }
}

/**
 * Imports one document from its bytes. `fileName` is the name shown to the user (it chooses the format and names
 * the file in messages). Throws ImportError, whose message names the file and the problem, for anything refused.
 */
export async function importFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportedDocument> {
  const format = chooseFormat(bytes, fileName);
  checkFileSize(fileName, bytes.length, format);
  try {
    switch (format) {
      case 'txt':
      case 'md':
        return importPlainText(bytes, fileName, format, options);
      case 'vtt':
      case 'srt':
        return importCaptions(bytes, fileName, format, options);
      default: {
        const doc = await importStructured(format, bytes, fileName, options);
        if (doc.text.trim() === '') {
          throw new ImportError(
            fileName,
            format === 'pdf'
              ? 'the PDF holds no text, only images (a scanned document?). Run text recognition (OCR) on it first.'
              : 'the document holds no text.',
          );
        }
        return options.detectSpeakers === false ? doc : withSpeakerTurns(doc, options);
      }
    }
  } catch (error) {
    throw asImportError(error, fileName);
  }
}
