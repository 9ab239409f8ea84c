import type { CliCommand } from '../command';
import { agreementCommand } from './agreement';
import { alphaCommand } from './alpha';
import { importCommand } from './import';
import { infoCommand } from './info';
import { quotesCommand } from './quotes';
import { mergeCommand } from './merge';
import { validateCommand } from './validate';
import { exportCodebookCommand } from './export-codebook';
import { reportCommand } from './report';

/** Every command the CLI knows, in the order --help lists them. Add a command by importing it here. */
export const commands: CliCommand[] = [agreementCommand, alphaCommand, importCommand, infoCommand, quotesCommand, mergeCommand, validateCommand, exportCodebookCommand, reportCommand];
