import path from 'node:path';
import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { CONTAINER_EXTENSION, decryptFile } from '../../../shared/protect/encrypted-container';
import { failure, readInput, readPassphrase, writeOutput } from './encrypt';

export const decryptCommand: CliCommand = {
  name: 'decrypt',
  summary: 'Open a passphrase-protected file; nothing is written if the passphrase is wrong or the file was changed',
  usage: `decrypt FILE${CONTAINER_EXTENSION} -o OUT [--passphrase-file F]`,
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const out = flags.get('o') ?? flags.get('out');
    const file = positional[0];
    if (!file || positional.length > 1 || typeof out !== 'string') {
      io.err(`tessera decrypt: give one file and an output: decrypt FILE${CONTAINER_EXTENSION} -o OUT [--passphrase-file F]\n`);
      return 1;
    }
    if (path.resolve(io.cwd, out) === path.resolve(io.cwd, file)) {
      io.err('tessera decrypt: the output must be a new file, not the encrypted file\n');
      return 1;
    }
    try {
      const passphrase = await readPassphrase(flags, io, 'decrypt');
      const container = await readInput(file, io);
      const { bytes, name, type } = await decryptFile(container, passphrase, path.basename(file));
      await writeOutput(out, io, bytes);
      io.out(`Decrypted ${path.basename(file)} to ${out} (originally ${name}, ${type}, ${bytes.length} bytes)\n`);
      return 0;
    } catch (error) {
      io.err(failure('decrypt', error));
      return 1;
    }
  },
};
