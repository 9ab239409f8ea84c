import type { CliCommand } from '../command';

/** Every command the CLI knows, in the order --help lists them. Add a command by importing it here. */
export const commands: CliCommand[] = [];
