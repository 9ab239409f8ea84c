import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { CliCommand, CliIO } from '../command';
import { parseArgs } from '../command';
import { krippendorffAlpha } from '../../../shared/agreement/krippendorff';
import { readReliabilityMatrix, type MatrixLayout } from '../../../shared/agreement/matrix';
import { MEASUREMENT_LEVELS, type MeasurementLevel } from '../../../shared/agreement/types';

const USAGE = 'alpha FILE.csv --level nominal|ordinal|interval|ratio [--json]';

const HELP = `Usage: tessera ${USAGE} [--scale A,B,C] [--header|--no-header] [--names|--no-names]

Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") for a reliability matrix:
one row per observer (coder), one column per unit. An empty cell, "." or "NA" is a missing value. A header row of
unit names and a first column of observer names are detected (cells that are not numbers; for labels, cells that
never occur among the values); --header/--no-header and --names/--no-names override the detection.
Values are numbers or, at the nominal level, any labels. For ordinal (or interval) data written as labels, give the
labels in order with --scale (their positions 1, 2, 3 ... are their values).

--json prints {"alpha", "observers", "units", "pairable"}: pairable is the number of values in units with at least
two values. alpha is null when undefined (no variation, or no pairable values).
`;

function fail(io: CliIO, message: string): number {
  io.err(`tessera alpha: ${message}\n`);
  return 1;
}

function format(x: number | null, digits = 3): string {
  return x === null ? 'undefined' : x.toFixed(digits);
}

export const alphaCommand: CliCommand = {
  name: 'alpha',
  summary: "Krippendorff's alpha for a reliability matrix in a CSV file (rows observers, columns units)",
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(HELP);
      return 0;
    }
    const { positional, flags } = parseArgs(args, ['json', 'header', 'no-header', 'names', 'no-names']);
    const file = positional[0];
    if (!file || positional.length > 1) return fail(io, `give one CSV file: ${USAGE}`);
    for (const name of flags.keys()) {
      if (!['json', 'level', 'scale', 'header', 'no-header', 'names', 'no-names'].includes(name)) {
        return fail(io, `unknown option --${name}. Usage: ${USAGE}`);
      }
    }
    const level = flags.get('level');
    if (typeof level !== 'string' || !MEASUREMENT_LEVELS.includes(level as MeasurementLevel)) {
      return fail(io, `give the level of measurement: --level ${MEASUREMENT_LEVELS.join('|')}`);
    }
    const scaleFlag = flags.get('scale');
    if (scaleFlag === true) return fail(io, '--scale needs the values in order, e.g. --scale "Weak,Adequate,Good"');
    const scale = typeof scaleFlag === 'string' ? scaleFlag.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const layout: MatrixLayout = {};
    if (flags.has('header')) layout.header = true;
    if (flags.has('no-header')) layout.header = false;
    if (flags.has('names')) layout.names = true;
    if (flags.has('no-names')) layout.names = false;

    const name = path.basename(file);
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return fail(io, code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot be read (${code ?? String(error)})`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
    const fatal = parsed.errors.find((e) => e.type === 'Quotes');
    if (fatal) return fail(io, `${name}: row ${(fatal.row ?? 0) + 1}: ${fatal.message.toLowerCase()}`);

    try {
      const matrix = readReliabilityMatrix(parsed.data, name, layout);
      const result = krippendorffAlpha(matrix.values, {
        level: level as MeasurementLevel,
        ...(scale ? { order: scale } : {}),
      });
      if (flags.has('json')) {
        io.out(
          `${JSON.stringify({
            alpha: result.value,
            observers: matrix.observers.length,
            units: matrix.units.length,
            pairable: result.pairable,
          })}\n`,
        );
        if (result.value === null) io.err(`${name}: alpha is undefined: ${result.undefinedReason}\n`);
        return 0;
      }
      const lines = [
        `Krippendorff's alpha (${level}): ${format(result.value)}${result.value === null ? ` (${result.undefinedReason})` : ''}`,
        `  observers: ${matrix.observers.length}${matrix.hasNames ? ` (${matrix.observers.join(', ')})` : ''}`,
        `  units: ${matrix.units.length}, pairable units: ${result.pairableUnits}, pairable values: ${result.pairable}`,
        `  observed disagreement D_o: ${format(result.observedDisagreement, 6)}`,
        `  expected disagreement D_e: ${format(result.expectedDisagreement, 6)}`,
        `  read as: ${matrix.hasHeader ? 'header row of unit names' : 'no header row'}, ${
          matrix.hasNames ? 'first column of observer names' : 'no names column'
        }`,
        `  method: ${result.formula}`,
        `  reference: ${result.reference}`,
        '',
      ];
      io.out(lines.join('\n'));
      return 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(io, message.startsWith(`${name}:`) ? message : `${name}: ${message}`);
    }
  },
};
