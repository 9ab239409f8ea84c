import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliIO } from '../command';
import { parseArgs } from '../command';
import type { ProjectData } from '../../../shared/model/types';
import { readRefiFile, type ReadResult } from '../../../shared/exchange/qdpx-read';

/** Reads a .qdpx or .qdc from disk (relative to the working directory) with the exchange engine. */
export async function readExchangeFile(file: string, io: CliIO): Promise<ReadResult> {
  const bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
  return readRefiFile(bytes, path.basename(file));
}

/** Writes a file whole or not at all: to a temporary name beside it, then renamed over the target. */
export async function writeFileWhole(file: string, io: CliIO, bytes: Uint8Array | string): Promise<string> {
  const target = path.resolve(io.cwd, file);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, target);
  return target;
}

/** A failure as one line for stderr, naming the file once. */
export function errorLine(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const name = path.basename(file);
  return `${message.startsWith(`${name}: `) ? message : `${name}: ${message}`}\n`;
}

export interface ExchangeCounts {
  sources: number;
  codes: number;
  codings: number;
  users: number;
  cases: number;
  variables: number;
  notes: number;
  sets: number;
}

/** What a REFI-QDA file holds, in the standard's words. */
export function exchangeCounts(project: ProjectData): ExchangeCounts {
  return {
    sources: project.documents.length,
    codes: project.codes.length,
    codings: project.codings.length,
    users: project.coders.length,
    cases: project.cases.length,
    variables: project.attributes.length,
    notes: project.memos.length,
    sets: project.themes.length,
  };
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Count what a REFI-QDA project (.qdpx) or codebook (.qdc) holds',
  usage: 'info FILE [--json]',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json']);
    const file = positional[0];
    if (!file || positional.length > 1) {
      io.err('tessera info: give one file: info FILE [--json]\n');
      return 1;
    }
    try {
      const { project, warnings } = await readExchangeFile(file, io);
      const counts = exchangeCounts(project);
      if (flags.has('json')) {
        io.out(`${JSON.stringify(counts)}\n`);
      } else {
        io.out(`${path.basename(file)}: "${project.project.name}"\n`);
        for (const [key, value] of Object.entries(counts)) io.out(`  ${key.padEnd(9)} ${value}\n`);
      }
      for (const warning of warnings) io.err(`${path.basename(file)}: ${warning}\n`);
      return 0;
    } catch (error) {
      io.err(errorLine(file, error));
      return 1;
    }
  },
};
