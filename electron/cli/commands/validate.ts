import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { CODEBOOK_XSD, PROJECT_XSD } from '../../../shared/exchange/schemas';
import { findProjectQde } from '../../../shared/exchange/qdpx-read';
import { unzipSafely } from '../../../shared/zip/safe-unzip';
import { decodeXmlBytes, parseXml } from '../../../shared/xml/parse';

/** Validates REFI-QDA XML against the standard's schema with libxml2; returns the schema errors (none when valid). */
export async function validateRefiXml(xml: string, kind: 'project' | 'codebook', name = 'file.xml'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: name.replace(/[^\w.-]/g, '_').replace(/^[-.]+/, '') || 'file.xml', contents: xml }],
    schema: [kind === 'project' ? PROJECT_XSD : CODEBOOK_XSD],
    maxMemoryPages: 16384,
  });
  return result.valid ? [] : result.errors.map((e) => e.message.trim());
}

/** The XML a file holds and which schema applies: a .qdpx's project.qde, or a .qdc (or bare .qde) itself. */
export function refiXmlOf(bytes: Uint8Array): { xml: string; kind: 'project' | 'codebook'; entry?: string } {
  let xmlBytes = bytes;
  let entry: string | undefined;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const entries = unzipSafely(bytes, (name) => name.toLowerCase().endsWith('.qde'));
    entry = findProjectQde(entries);
    if (!entry) throw new Error('the archive holds no project.qde: it is not a REFI-QDA project (.qdpx)');
    xmlBytes = entries[entry]!;
  }
  const xml = decodeXmlBytes(xmlBytes);
  // The safe reader first: it refuses entity declarations and malformed XML before the schema check sees them.
  const root = parseXml(xml);
  if (root.name === 'Project') return { xml, kind: 'project', entry };
  if (root.name === 'CodeBook') return { xml, kind: 'codebook', entry };
  throw new Error(`it is not a REFI-QDA file: its root element is <${root.name}>, not <Project> or <CodeBook>`);
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a .qdpx (its project.qde) or a .qdc against the REFI-QDA 1.5 schema',
  usage: 'validate FILE',
  async run(args, io) {
    const { positional } = parseArgs(args);
    const file = positional[0];
    if (!file || positional.length > 1) {
      io.err('tessera validate: give one file: validate FILE\n');
      return 1;
    }
    const name = path.basename(file);
    try {
      const bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
      const { xml, kind, entry } = refiXmlOf(bytes);
      const errors = await validateRefiXml(xml, kind, entry ?? name);
      if (errors.length) {
        io.err(`${name}: not valid against the REFI-QDA ${kind} schema:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
        return 1;
      }
      io.out('valid\n');
      return 0;
    } catch (error) {
      io.err(`${name}: ${error instanceof Error ? error.message.replace(/^[^:]*\.(qdpx|qdc|qde): /, '') : String(error)}\n`);
      return 1;
    }
  },
};
