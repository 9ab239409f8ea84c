import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { writeQdc } from '../../../shared/exchange/qdpx-write';
import { errorLine, readExchangeFile, writeFileWhole } from './info';

export const exportCodebookCommand: CliCommand = {
  name: 'export-codebook',
  summary: 'Write the codebook of a .qdpx (or .qdc) as a REFI-QDA codebook (.qdc)',
  usage: 'export-codebook FILE -o OUT.qdc',
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const file = positional[0];
    const out = flags.get('o') ?? flags.get('out');
    if (!file || positional.length > 1 || typeof out !== 'string') {
      io.err('tessera export-codebook: give one file and an output: export-codebook FILE -o OUT.qdc\n');
      return 1;
    }
    try {
      const { project } = await readExchangeFile(file, io);
      const xml = writeQdc(project);
      await writeFileWhole(out, io, xml);
      io.out(`Wrote ${project.codes.length} codes and ${project.themes.length} sets to ${out}\n`);
      return 0;
    } catch (error) {
      io.err(errorLine(file, error));
      return 1;
    }
  },
};
