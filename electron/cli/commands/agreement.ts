import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliIO } from '../command';
import { parseArgs } from '../command';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { compareCoders, type CoderComparison } from '../../../shared/agreement/segment';
import { AGREEMENT_UNITS, type AgreementUnit } from '../../../shared/agreement/units';
import type { AgreementValue } from '../../../shared/agreement/types';
import type { Id, ProjectData } from '../../../shared/model/types';

const USAGE = 'agreement FILE.qdpx --coders A,B[,C] [--unit character|turn|paragraph] [--json]';

/** The figures as the command prints them with --json. */
export interface AgreementJson {
  coders: string[];
  unit: AgreementUnit;
  documents: number;
  codes: { code: string; percentAgreement: number | null; kappa: number | null; alpha: number | null }[];
  overall: { percentAgreement: number | null; kappa: number | null; alpha: number | null };
}

/**
 * Finds the chosen coders in a project: by REFI-QDA user name (any case) or by user GUID (any case, braces allowed).
 * Throws with the list of coders when one is not found or a name is ambiguous.
 */
export function resolveCoders(project: ProjectData, wanted: readonly string[], fileName: string): Id[] {
  const list = project.coders.map((c) => `"${c.name}"`).join(', ') || 'none';
  return wanted.map((raw) => {
    const want = raw.trim();
    const guid = want.replace(/^\{|\}$/g, '').toLowerCase();
    const byId = project.coders.find((c) => c.id.toLowerCase() === guid);
    if (byId) return byId.id;
    const byName = project.coders.filter((c) => c.name.trim().toLowerCase() === want.toLowerCase());
    if (byName.length === 1) return byName[0]!.id;
    if (byName.length > 1) {
      throw new Error(
        `${fileName}: ${byName.length} coders are named "${want}"; give one of their GUIDs instead (${byName.map((c) => c.id).join(', ')})`,
      );
    }
    throw new Error(`${fileName}: no coder named "${want}" in this project; its coders are ${list}`);
  });
}

/** The --json shape of a comparison. */
export function agreementJson(comparison: CoderComparison): AgreementJson {
  return {
    coders: comparison.coders.map((c) => c.name),
    unit: comparison.unit,
    documents: comparison.documents.length,
    codes: comparison.codes.map((c) => ({
      code: c.code,
      percentAgreement: c.percentAgreement.value,
      kappa: c.kappa.value,
      alpha: c.alpha.value,
    })),
    overall: {
      percentAgreement: comparison.overall.percentAgreement.value,
      kappa: comparison.overall.kappa.value,
      alpha: comparison.overall.alpha.value,
    },
  };
}

function cell(v: AgreementValue, digits: number, suffix = ''): string {
  return v.value === null ? 'undefined' : `${v.value.toFixed(digits)}${suffix}`;
}

/** A readable table of a comparison, with the documents left out, the methods and any undefined values explained. */
export function agreementTable(comparison: CoderComparison): string {
  const several = comparison.coders.length > 2;
  const header = ['Code', several ? 'Mean % agreement' : '% agreement', several ? 'Mean kappa' : 'Kappa', 'Alpha', 'u-alpha'];
  const rows = comparison.codes.map((c) => [
    c.code,
    cell(c.percentAgreement, 2, ' %'),
    cell(c.kappa, 3),
    cell(c.alpha, 3),
    c.unitizedAlpha ? cell(c.unitizedAlpha, 3) : '',
  ]);
  rows.push([
    'Overall',
    cell(comparison.overall.percentAgreement, 2, ' %'),
    cell(comparison.overall.kappa, 3),
    cell(comparison.overall.alpha, 3),
    '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `Coders: ${comparison.coders.map((c) => c.name).join(', ')}; units: ${comparison.unit}s; documents compared: ${comparison.documents.length}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(0, -1).map(line),
    line(widths.map((w) => '-'.repeat(w))),
    line(rows[rows.length - 1]!),
    '',
  ];
  const reasons = new Set<string>();
  for (const c of comparison.codes) {
    for (const v of [c.percentAgreement, c.kappa, c.alpha, ...(c.unitizedAlpha ? [c.unitizedAlpha] : [])]) {
      if (v.value === null && v.undefinedReason) reasons.add(v.undefinedReason);
    }
  }
  if (reasons.size > 0) out.push(`undefined: ${[...reasons].join('; ')}`, '');
  if (comparison.leftOut.length > 0) {
    out.push('Documents left out:');
    for (const d of comparison.leftOut) out.push(`  ${d.name}: ${d.reason}`);
    out.push('');
  }
  out.push('Methods:');
  for (const text of Object.values(comparison.methods)) out.push(`  ${text}`);
  out.push('', '');
  return out.join('\n');
}

function fail(io: CliIO, message: string): number {
  io.err(`tessera agreement: ${message}\n`);
  return 1;
}

export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary:
    "Coder agreement per code in a .qdpx: % agreement and Cohen's kappa (with 3+ coders the mean over coder pairs), " +
    "Krippendorff's alpha (all coders)",
  usage: USAGE,
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['json']);
    const file = positional[0];
    if (!file || positional.length > 1) return fail(io, `give one project file: ${USAGE}`);
    for (const name of flags.keys()) {
      if (!['json', 'coders', 'unit'].includes(name)) return fail(io, `unknown option --${name}. Usage: ${USAGE}`);
    }
    const codersFlag = flags.get('coders');
    if (typeof codersFlag !== 'string' || codersFlag.trim() === '') {
      return fail(io, 'name the coders to compare: --coders A,B (REFI-QDA user names or GUIDs)');
    }
    const wanted = codersFlag.split(',').map((s) => s.trim()).filter(Boolean);
    if (wanted.length < 2) return fail(io, 'name at least two coders: --coders A,B');
    const unitFlag = flags.get('unit') ?? 'character';
    if (typeof unitFlag !== 'string' || !AGREEMENT_UNITS.includes(unitFlag as AgreementUnit)) {
      return fail(io, `--unit must be one of ${AGREEMENT_UNITS.join(', ')}`);
    }
    const name = path.basename(file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return fail(io, code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot be read (${code ?? String(error)})`);
    }
    try {
      const { project, warnings } = await readQdpx(bytes, name);
      const coderIds = resolveCoders(project, wanted, name);
      if (new Set(coderIds).size < coderIds.length) return fail(io, `${name}: the same coder is named twice in --coders`);
      const comparison = compareCoders(project, { coderIds, unit: unitFlag as AgreementUnit });
      for (const w of [...warnings, ...comparison.warnings]) io.err(`${name}: warning: ${w}\n`);
      if (comparison.documents.length === 0) {
        io.err(`${name}: warning: no document was coded by at least two of the chosen coders; every figure is undefined\n`);
      }
      if (flags.has('json')) io.out(`${JSON.stringify(agreementJson(comparison))}\n`);
      else io.out(agreementTable(comparison));
      return 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(io, message.startsWith(`${name}:`) ? message : `${name}: ${message}`);
    }
  },
};
