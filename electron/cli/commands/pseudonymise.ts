import path from 'node:path';
import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { findLeaks } from '../../../shared/protect/leaks';
import { applyPseudonymisation, planPseudonymisation } from '../../../shared/protect/pseudonymise';
import { parsePseudonymTable } from '../../../shared/protect/table';
import { failure, readInput, writeOutput } from './encrypt';

const USAGE = 'pseudonymise FILE.qdpx --table TABLE.csv -o OUT.qdpx [--json]';

export const pseudonymiseCommand: CliCommand = {
  name: 'pseudonymise',
  summary: 'Replace real names, places and numbers in a .qdpx by a table (term, replacement, category); codings keep their words',
  usage: USAGE,
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json']);
    const out = flags.get('o') ?? flags.get('out');
    const tableFile = flags.get('table');
    const file = positional[0];
    if (!file || positional.length > 1 || typeof out !== 'string' || typeof tableFile !== 'string') {
      io.err(`tessera pseudonymise: give a project, a table and an output: ${USAGE}\n`);
      return 1;
    }
    if (path.resolve(io.cwd, out) === path.resolve(io.cwd, file)) {
      io.err('tessera pseudonymise: the output must be a new file; the original project is kept as it is\n');
      return 1;
    }
    const json = flags.has('json');
    try {
      const table = parsePseudonymTable(new TextDecoder().decode(await readInput(tableFile, io)), path.basename(tableFile));
      if (table.length === 0) throw new Error(`${path.basename(tableFile)}: the table holds no terms`);
      const { project, warnings } = await readQdpx(await readInput(file, io), path.basename(file));
      for (const warning of warnings) io.err(`${path.basename(file)}: ${warning}\n`);
      const plan = planPseudonymisation(project, table);
      const result = await applyPseudonymisation(project, plan);
      const bytes = writeQdpx(result);
      // The leak check reads the file exactly as it would be written; a file that still names anyone is not written.
      const leaks = findLeaks(bytes, table, { fileName: path.basename(out) });
      if (!leaks.length) await writeOutput(out, io, bytes);

      if (json) {
        io.out(
          `${JSON.stringify({
            input: file,
            table: tableFile,
            output: leaks.length ? null : out,
            replacements: plan.total,
            terms: plan.report,
            leaks: leaks.map(({ term, found, where, context }) => ({ term, found, where, context })),
          })}\n`,
        );
      } else {
        const found = plan.report.filter((r) => r.count > 0);
        io.out(`Pseudonymised ${path.basename(file)}: ${plan.total} replacements of ${found.length} of ${plan.report.length} terms\n`);
        for (const row of found) {
          const places = row.where.map((w) => {
            if (w.kind === 'document text') return `${w.label} ${w.count}`;
            if (w.kind === 'speaker') return `${w.label} (speaker) ${w.count}`;
            return `${w.kind} "${w.label}" ${w.field} ${w.count}`;
          });
          io.out(`  ${row.term} -> ${row.replacement} (${row.category}): ${row.count}  [${places.join('; ')}]\n`);
        }
        const unused = plan.report.filter((r) => r.count === 0).map((r) => r.term);
        if (unused.length) io.out(`  not found: ${unused.join(', ')}\n`);
        if (!leaks.length) io.out(`Leak check: no term of the table is left in ${out}\n`);
      }
      if (leaks.length) {
        const many = leaks.length === 1 ? 'real term is' : 'real terms are';
        io.err(`tessera pseudonymise: ${leaks.length} ${many} still in the output, so ${out} was not written:\n`);
        for (const leak of leaks.slice(0, 50)) io.err(`  "${leak.found}" (${leak.term}) in ${leak.where}: ${leak.context}\n`);
        if (leaks.length > 50) io.err(`  ... and ${leaks.length - 50} more\n`);
        return 1;
      }
      return 0;
    } catch (error) {
      io.err(failure('pseudonymise', error));
      return 1;
    }
  },
};
