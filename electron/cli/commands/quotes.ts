import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import type { ProjectData } from '../../../shared/model/types';
import { codePaths } from '../../../shared/exchange/merge';
import { errorLine, readExchangeFile } from './info';

export interface Quote {
  source: string;
  /** The code's name path joined by "/". */
  code: string;
  coder: string;
  /** UTF-16 offsets into the stored (normalised) text. */
  start: number;
  end: number;
  text: string;
}

/** Every coded passage, in document order, optionally for one code path (exact). */
export function quotesOf(project: ProjectData, codePath?: string): Quote[] {
  const paths = codePaths(project.codes);
  const docs = new Map(project.documents.map((d) => [d.id, d]));
  const texts = new Map(project.texts.map((t) => [t.id, t.text]));
  const coders = new Map(project.coders.map((c) => [c.id, c.name]));
  return project.codings
    .map((c) => ({ coding: c, doc: docs.get(c.documentId), path: paths.get(c.codeId)?.join('/') ?? '', coder: coders.get(c.coderId) ?? '' }))
    .filter((q) => q.doc && (codePath === undefined || q.path === codePath))
    .sort(
      (a, b) =>
        a.doc!.order - b.doc!.order ||
        a.doc!.name.localeCompare(b.doc!.name) ||
        a.coding.start - b.coding.start ||
        a.coding.end - b.coding.end ||
        a.path.localeCompare(b.path) ||
        a.coder.localeCompare(b.coder),
    )
    .map(({ coding, doc, path, coder }) => ({
      source: doc!.name,
      code: path,
      coder,
      start: coding.start,
      end: coding.end,
      text: (texts.get(coding.documentId) ?? '').slice(coding.start, coding.end),
    }));
}

export const quotesCommand: CliCommand = {
  name: 'quotes',
  summary: 'List the coded passages of a .qdpx (source, code path, coder, offsets, text)',
  usage: 'quotes FILE [--code NAME-PATH] [--json]',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json']);
    const file = positional[0];
    const code = flags.get('code');
    if (!file || positional.length > 1 || code === true) {
      io.err('tessera quotes: give one file: quotes FILE [--code NAME-PATH] [--json]\n');
      return 1;
    }
    try {
      const { project } = await readExchangeFile(file, io);
      const quotes = quotesOf(project, code);
      if (flags.has('json')) io.out(`${JSON.stringify(quotes)}\n`);
      else {
        for (const q of quotes) {
          io.out(`${q.source} [${q.start}-${q.end}] ${q.code} (${q.coder}): ${q.text.replace(/\s+/g, ' ')}\n`);
        }
      }
      return 0;
    } catch (error) {
      io.err(errorLine(file, error));
      return 1;
    }
  },
};
