import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliIO } from '../command';
import { parseArgs } from '../command';
import {
  checkFileSize,
  formatFromName,
  ImportError,
  importFile,
  type ImportedDocument,
  type ImportOptions,
} from '../../../shared/import';
import { speakersOf } from '../../../shared/import/speakers';
import type { ProjectData } from '../../../shared/model/types';
import { newId } from '../../../shared/model/ids';
import { countWords, hashText } from '../../../shared/text/normalise';

/** One line of the --json report per imported file: the command's public interface, kept stable. */
export interface ImportReportDocument {
  file: string;
  format: string;
  encoding: string | null;
  /** UTF-16 code units of the stored text. */
  characters: number;
  turns: number;
  speakers: string[];
  warnings: string[];
}

export interface ImportReport {
  documents: ImportReportDocument[];
  errors: { file: string; message: string }[];
}

/** "Int=Interviewer,I=Interviewer,Note=" -> { Int: 'Interviewer', I: 'Interviewer', Note: null }. */
export function parseSpeakerMap(spec: string): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const pair of spec.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--map expects LABEL=SPEAKER pairs separated by commas, not "${pair.trim()}"`);
    const name = pair.slice(eq + 1).trim();
    map[pair.slice(0, eq).trim()] = name === '' ? null : name;
  }
  return map;
}

async function readDocument(
  file: string,
  io: CliIO,
  options: ImportOptions,
): Promise<{ doc: ImportedDocument; size: number }> {
  const full = path.resolve(io.cwd, file);
  const name = path.basename(file);
  formatFromName(name);
  let size: number;
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw new ImportError(name, 'this is a folder, not a file; give the files inside it.');
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(name, code === 'ENOENT' ? 'the file was not found.' : `the file could not be opened (${code ?? String(error)}).`);
  }
  // Refused by size before reading, so a huge file is never loaded into memory.
  checkFileSize(name, size);
  const bytes = new Uint8Array(await readFile(full));
  return { doc: await importFile(bytes, name, options), size };
}

function buildProject(
  name: string,
  imported: { file: string; doc: ImportedDocument; size: number; hash: string }[],
): ProjectData {
  const now = Date.now();
  const project: ProjectData = {
    project: { id: newId(), name, description: '', createdAt: now, updatedAt: now },
    documents: [],
    texts: [],
    cases: [],
    attributes: [],
    attributeValues: [],
    codes: [],
    codings: [],
    memos: [],
    themes: [],
    coders: [],
  };
  imported.forEach(({ file, doc, size, hash }, order) => {
    const id = newId();
    project.documents.push({
      id,
      name: doc.name,
      order,
      length: doc.text.length,
      words: countWords(doc.text),
      source: {
        fileName: path.basename(file),
        size,
        format: doc.format,
        hash,
        importedAt: now,
        ...(doc.encoding ? { encoding: doc.encoding } : {}),
      },
      createdAt: now,
      updatedAt: now,
    });
    project.texts.push({ id, text: doc.text, turns: doc.turns, blocks: doc.blocks });
  });
  return project;
}

/** Writes beside the target and renames, so an existing file is never left half-written. */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

function summaryLine(entry: ImportReportDocument): string {
  const parts = [
    entry.file,
    entry.format,
    ...(entry.encoding ? [entry.encoding] : []),
    `${entry.characters.toLocaleString('en-GB')} characters`,
    `${entry.turns} turn${entry.turns === 1 ? '' : 's'}`,
  ];
  if (entry.speakers.length) parts.push(`speakers: ${entry.speakers.join(', ')}`);
  return [parts.join('  '), ...entry.warnings.map((w) => `  warning: ${w}`)].join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Read transcripts (.txt .md .vtt .srt .docx .odt .rtf .pdf) and report their text, turns and speakers',
  usage: 'import FILE... [--json] [--encoding ENC] [--no-speakers] [--map LABEL=SPEAKER,...] [--pause SECONDS] [-o OUT.qdpx]',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json', 'no-speakers']);
    const json = flags.has('json');
    if (positional.length === 0) {
      io.err(`tessera import: give at least one file: ${this.usage}\n`);
      return 1;
    }
    const options: ImportOptions = {
      loadPdfjs: () => import('pdfjs-dist/legacy/build/pdf.mjs'),
    };
    try {
      const encoding = flags.get('encoding');
      if (typeof encoding === 'string') options.encoding = encoding;
      if (flags.has('no-speakers')) options.detectSpeakers = false;
      const map = flags.get('map');
      if (typeof map === 'string') options.speakerMap = parseSpeakerMap(map);
      const pause = flags.get('pause');
      if (pause !== undefined) {
        const seconds = Number(pause);
        if (!Number.isFinite(seconds) || seconds < 0) throw new Error('--pause expects a number of seconds');
        options.captionPauseSeconds = seconds;
      }
      const unknown = [...flags.keys()].filter((f) => !['json', 'no-speakers', 'encoding', 'map', 'pause', 'o', 'output'].includes(f));
      if (unknown.length) throw new Error(`unknown option ${unknown.map((f) => (f.length === 1 ? `-${f}` : `--${f}`)).join(', ')}`);
    } catch (error) {
      io.err(`tessera import: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const output = flags.get('o') ?? flags.get('output');
    if (output === true) {
      io.err('tessera import: -o needs a file name, e.g. -o project.qdpx\n');
      return 1;
    }

    const report: ImportReport = { documents: [], errors: [] };
    const imported: { file: string; doc: ImportedDocument; size: number; hash: string }[] = [];
    for (const file of positional) {
      try {
        const { doc, size } = await readDocument(file, io, options);
        imported.push({ file, doc, size, hash: output ? await hashText(doc.text) : '' });
        report.documents.push({
          file,
          format: doc.format,
          encoding: doc.encoding ?? null,
          characters: doc.text.length,
          turns: doc.turns.length,
          speakers: speakersOf(doc.turns),
          warnings: doc.warnings,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.errors.push({ file, message: error instanceof ImportError ? message : `${path.basename(file)}: ${message}` });
      }
    }

    let written: string | undefined;
    if (output !== undefined && imported.length > 0) {
      const target = path.resolve(io.cwd, output);
      try {
        const { writeQdpx } = await import('../../../shared/exchange/qdpx-write');
        const name = path.basename(output).replace(/\.qdpx$/i, '');
        await writeAtomically(target, writeQdpx(buildProject(name, imported)));
        written = output;
      } catch (error) {
        report.errors.push({
          file: output,
          message: `${path.basename(output)}: the project could not be written (${error instanceof Error ? error.message : String(error)}).`,
        });
      }
    }

    if (json) {
      io.out(`${JSON.stringify(report)}\n`);
    } else {
      for (const entry of report.documents) io.out(`${summaryLine(entry)}\n`);
      for (const error of report.errors) io.err(`${error.message}\n`);
      const total = positional.length;
      io.out(`Imported ${report.documents.length} of ${total} file${total === 1 ? '' : 's'}.${written ? ` Wrote ${written}.` : ''}\n`);
    }
    return report.errors.length === 0 ? 0 : 1;
  },
};
