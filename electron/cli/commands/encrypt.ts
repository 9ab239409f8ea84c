import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliIO } from '../command';
import { parseArgs } from '../command';
import { CONTAINER_EXTENSION, DEFAULT_ITERATIONS, encryptFile } from '../../../shared/protect/encrypted-container';
import { writeFileWhole } from './info';

/** Media types of the files Tessera writes, for the container's header. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  qdpx: 'application/zip',
  qdc: 'application/xml',
  zip: 'application/zip',
  json: 'application/json',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
};

export function mediaTypeOf(fileName: string): string {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * The passphrase: the first line of --passphrase-file, or the TESSERA_PASSPHRASE environment variable. Never an
 * argument: arguments are visible to other users of the machine and stay in the shell's history.
 */
export async function readPassphrase(flags: Map<string, string | true>, io: CliIO, command: string): Promise<string> {
  if (flags.has('passphrase') || flags.has('p')) {
    throw new Error(
      `tessera ${command}: a passphrase is never given on the command line (other users can see it, and the shell keeps it); put it in a file and use --passphrase-file F, or set TESSERA_PASSPHRASE`,
    );
  }
  const file = flags.get('passphrase-file');
  if (file === true) throw new Error(`tessera ${command}: --passphrase-file needs a file name`);
  if (typeof file === 'string') {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new Error(`${path.basename(file)}: the passphrase file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const first = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
    if (!first) throw new Error(`${path.basename(file)}: the first line of the passphrase file is empty`);
    return first;
  }
  const fromEnvironment = process.env.TESSERA_PASSPHRASE;
  if (fromEnvironment) return fromEnvironment;
  throw new Error(`tessera ${command}: no passphrase: give a file whose first line is the passphrase (--passphrase-file F), or set TESSERA_PASSPHRASE`);
}

/** Reads an input file, or says in words why it cannot be read. */
export async function readInput(file: string, io: CliIO): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path.resolve(io.cwd, file)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new Error(`${path.basename(file)}: the file cannot be read (${why})`);
  }
}

/** Writes an output file whole, or says in words why it cannot be written. */
export async function writeOutput(file: string, io: CliIO, bytes: Uint8Array | string): Promise<void> {
  try {
    await writeFileWhole(file, io, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new Error(`${path.basename(file)}: the file cannot be written (${why})`);
  }
}

/** One line for stderr: messages that already name a file (or the command) stay as they are. */
export function failure(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${/^(?:\S+(?:, line \d+)?: |tessera )/.test(message) ? message : `tessera ${command}: ${message}`}\n`;
}

export const encryptCommand: CliCommand = {
  name: 'encrypt',
  summary: 'Protect a file with a passphrase (AES-256-GCM); passphrase from a file or TESSERA_PASSPHRASE',
  usage: `encrypt FILE -o OUT${CONTAINER_EXTENSION} [--passphrase-file F]`,
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const out = flags.get('o') ?? flags.get('out');
    const file = positional[0];
    if (!file || positional.length > 1 || typeof out !== 'string') {
      io.err(`tessera encrypt: give one file and an output: encrypt FILE -o OUT${CONTAINER_EXTENSION} [--passphrase-file F]\n`);
      return 1;
    }
    if (path.resolve(io.cwd, out) === path.resolve(io.cwd, file)) {
      io.err('tessera encrypt: the output must be a new file, not the file being encrypted\n');
      return 1;
    }
    try {
      const passphrase = await readPassphrase(flags, io, 'encrypt');
      const bytes = await readInput(file, io);
      const name = path.basename(file);
      const container = await encryptFile(bytes, passphrase, { name, type: mediaTypeOf(name) });
      await writeOutput(out, io, container);
      io.out(`Encrypted ${name} to ${out} (AES-256-GCM, key from PBKDF2-SHA-256 with ${DEFAULT_ITERATIONS.toLocaleString('en-GB')} iterations)\n`);
      if (!out.endsWith(CONTAINER_EXTENSION)) io.err(`tessera encrypt: note: encrypted files usually end in ${CONTAINER_EXTENSION}\n`);
      return 0;
    } catch (error) {
      io.err(failure('encrypt', error));
      return 1;
    }
  },
};
