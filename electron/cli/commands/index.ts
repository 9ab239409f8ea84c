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
import { encryptCommand } from './encrypt';
import { decryptCommand } from './decrypt';
import { pseudonymiseCommand } from './pseudonymise';

/** Every command the CLI knows, in the order --help lists them. Add a command by importing it here. */
export const commands: CliCommand[] = [agreementCommand, alphaCommand, importCommand, infoCommand, quotesCommand, mergeCommand, validateCommand, exportCodebookCommand, reportCommand, encryptCommand, decryptCommand, pseudonymiseCommand];
