import type { CliCommand } from '../command';
import { agreementCommand } from './agreement';
import { alphaCommand } from './alpha';
import { importCommand } from './import';

/** Every command the CLI knows, in the order --help lists them. Add a command by importing it here. */
export const commands: CliCommand[] = [agreementCommand, alphaCommand, importCommand];
