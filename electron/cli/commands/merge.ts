import path from 'node:path';
import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { applyMergePlan, planMerge } from '../../../shared/exchange/merge';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../../shared/model/types';
import { errorLine, readExchangeFile, writeFileWhole } from './info';

const TABLES = ['documents', 'codes', 'codings', 'coders', 'cases', 'attributes', 'attributeValues', 'memos', 'themes'] as const;
const MATCHED = ['documents', 'codes', 'coders', 'cases', 'attributes', 'themes'] as const;

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'Merge .qdpx projects into one (the first is the base; conflicts keep its values)',
  usage: 'merge A.qdpx B.qdpx... -o OUT.qdpx [--json] [--nvivo]',
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json', 'nvivo']);
    const out = flags.get('o') ?? flags.get('out');
    if (positional.length < 2 || typeof out !== 'string') {
      io.err('tessera merge: give two or more projects and an output: merge A.qdpx B.qdpx... -o OUT.qdpx [--json]\n');
      return 1;
    }
    const added = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<(typeof TABLES)[number], number>;
    const matched = Object.fromEntries(MATCHED.map((t) => [t, 0])) as Record<(typeof MATCHED)[number], number>;
    let duplicateCodings = 0;
    let unplacedCodings = 0;
    let conflicts = 0;
    const warnings: string[] = [];
    let data: ProjectData;
    let file = positional[0]!;
    try {
      const base = await readExchangeFile(file, io);
      data = base.project;
      warnings.push(...base.warnings.map((w) => `${path.basename(file)}: ${w}`));
      for (file of positional.slice(1)) {
        const incoming = await readExchangeFile(file, io);
        warnings.push(...incoming.warnings.map((w) => `${path.basename(file)}: ${w}`));
        const plan = planMerge(data, incoming.project);
        const result = applyMergePlan(data, plan);
        data = result.data;
        for (const t of TABLES) added[t] += result.changes.added[t].length;
        for (const t of MATCHED) matched[t] += plan.summary[t].matched;
        duplicateCodings += plan.summary.codings.duplicates;
        unplacedCodings += plan.summary.codings.unplaced;
        conflicts += plan.conflicts.length;
        warnings.push(...plan.warnings.map((w) => `${path.basename(file)}: ${w}`));
        for (const u of plan.unplaced) {
          warnings.push(`${path.basename(file)}: coding of "${u.codePath}" in "${u.documentName}" not placed (${u.reason}): "${u.text.slice(0, 80)}"`);
        }
        for (const c of plan.conflicts) {
          warnings.push(`${path.basename(file)}: kept the current ${c.field} of ${c.kind} "${c.label}" ("${c.current.slice(0, 60)}"), not "${c.incoming.slice(0, 60)}"`);
        }
      }
      file = out;
      // --nvivo: positions as NVivo reads them (UTF-16 with CRLF line ends) instead of the standard's code points.
      await writeFileWhole(out, io, writeQdpx(data, { positions: flags.has('nvivo') ? 'nvivo' : 'codepoints' }));
    } catch (error) {
      io.err(errorLine(file, error));
      return 1;
    }
    for (const w of warnings) io.err(`${w}\n`);
    const report = { inputs: positional.length, added, matched, duplicateCodings, unplacedCodings, conflicts, output: out };
    if (flags.has('json')) io.out(`${JSON.stringify(report)}\n`);
    else {
      io.out(`Merged ${positional.length} projects into ${out}\n`);
      io.out(`  added:   ${TABLES.map((t) => `${added[t]} ${t}`).join(', ')}\n`);
      io.out(`  matched: ${MATCHED.map((t) => `${matched[t]} ${t}`).join(', ')}\n`);
      io.out(`  ${duplicateCodings} identical codings kept once, ${unplacedCodings} not placed, ${conflicts} conflicts (current values kept)\n`);
    }
    return 0;
  },
};
