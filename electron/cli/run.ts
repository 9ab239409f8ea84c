import type { CliCommand, CliIO } from './command';
import { commands } from './commands';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    'Tessera: qualitative thematic analysis from the command line.',
    '',
    'Usage: tessera <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options: --help shows this text. Errors go to stderr with exit code 1.',
    '',
  ].join('\n');
}

export async function runCli(args: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`tessera: unknown command "${name}". Run "tessera --help" for the list.\n`);
    return 1;
  }
  if (rest.includes('--help')) {
    io.out(`Usage: tessera ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  return command.run(rest, io);
}
