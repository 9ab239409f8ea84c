import {
  COHEN_KAPPA_REFERENCE,
  KRIPPENDORFF_ALPHA_FORMULA,
  UNITIZED_ALPHA_FORMULA,
  type AgreementValue,
  type BinaryCounts,
  type CoderComparison,
} from '../../shared/agreement/index';
import type { Table, TableCell, XlsxSheet } from '../../shared/query/tables';
import { formatCount, UNIT_WORDS } from './format';
import type { ResolutionRecord } from './resolution-record';

/**
 * The agreement report as plain data: the figures by code, the resolutions, the documents left out and the method,
 * with every formula and reference. The CSV, XLSX and Word files are all made from these, so they say the same.
 */

export interface FigureRow {
  code: string;
  /** "Amara Okafor and Ben Hughes", or "all coders (mean over pairs)" for three or more. */
  coders: string;
  percent?: AgreementValue;
  kappa?: AgreementValue;
  alpha?: AgreementValue;
  unitizedAlpha?: AgreementValue;
  counts?: BinaryCounts;
  /** Documents compared for this pair. */
  documents?: number;
  pooled: boolean;
}

export const POOLED_LABEL = 'All compared codes (pooled)';

/** One row per code (and per coder pair when three or more coders are compared), then the pooled rows. */
export function figureRows(comparison: CoderComparison): FigureRow[] {
  const names = new Map(comparison.coders.map((c) => [c.id, c.name]));
  const pairName = (a: string, b: string) => `${names.get(a) ?? a} and ${names.get(b) ?? b}`;
  const two = comparison.coders.length === 2;
  const rows: FigureRow[] = [];
  const add = (
    code: string,
    pooled: boolean,
    figures: { percentAgreement: AgreementValue; kappa: AgreementValue; alpha: AgreementValue; unitizedAlpha?: AgreementValue | null },
    pairs: CoderComparison['overall']['pairs'],
  ) => {
    if (two) {
      const pair = pairs[0]!;
      rows.push({
        code,
        coders: pairName(pair.coderA, pair.coderB),
        percent: figures.percentAgreement,
        kappa: figures.kappa,
        alpha: figures.alpha,
        ...(figures.unitizedAlpha ? { unitizedAlpha: figures.unitizedAlpha } : {}),
        counts: pair.counts,
        documents: pair.documents,
        pooled,
      });
      return;
    }
    rows.push({
      code,
      coders: 'all coders (mean over pairs)',
      percent: figures.percentAgreement,
      kappa: figures.kappa,
      alpha: figures.alpha,
      ...(figures.unitizedAlpha ? { unitizedAlpha: figures.unitizedAlpha } : {}),
      pooled,
    });
    for (const pair of pairs) {
      rows.push({
        code,
        coders: pairName(pair.coderA, pair.coderB),
        percent: pair.percentAgreement,
        kappa: pair.kappa,
        counts: pair.counts,
        documents: pair.documents,
        pooled,
      });
    }
  };
  for (const code of comparison.codes) add(code.code, false, code, code.pairs);
  add(POOLED_LABEL, true, comparison.overall, comparison.overall.pairs);
  return rows;
}

/** Rounded for files: four decimals keeps every digit a paper reports. Null when undefined or not given. */
function figure(value: AgreementValue | undefined): number | null {
  if (!value || value.value === null) return null;
  return Math.round(value.value * 10_000) / 10_000;
}

function undefinedNotes(row: FigureRow): string {
  const notes: string[] = [];
  const say = (name: string, v: AgreementValue | undefined) => {
    if (v && v.value === null) notes.push(`${name} undefined: ${v.undefinedReason ?? 'no value for these data'}`);
  };
  say('percentage agreement', row.percent);
  say('kappa', row.kappa);
  say('alpha', row.alpha);
  say('u-alpha', row.unitizedAlpha);
  return notes.join('; ');
}

export function figureColumns(comparison: CoderComparison): string[] {
  const unit = UNIT_WORDS[comparison.unit].many;
  return [
    'Code',
    'Coders',
    'Percentage agreement',
    "Cohen's kappa",
    "Krippendorff's alpha",
    ...(comparison.unit === 'character' ? ["Krippendorff's u-alpha"] : []),
    `Coded by both (${unit})`,
    `Only the first coder (${unit})`,
    `Only the second coder (${unit})`,
    `Neither (${unit})`,
    `All ${unit}`,
    'Documents compared',
    'Notes',
  ];
}

export function figuresTable(comparison: CoderComparison): Table {
  const withU = comparison.unit === 'character';
  return {
    columns: figureColumns(comparison),
    rows: figureRows(comparison).map((row) => {
      const c = row.counts;
      return [
        row.code,
        row.coders,
        figure(row.percent),
        figure(row.kappa),
        figure(row.alpha),
        ...(withU ? [figure(row.unitizedAlpha)] : []),
        c ? c.both : null,
        c ? c.onlyA : null,
        c ? c.onlyB : null,
        c ? c.neither : null,
        c ? c.both + c.onlyA + c.onlyB + c.neither : null,
        row.documents ?? null,
        undefinedNotes(row) || null,
      ];
    }),
  };
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

export function formatDay(timestamp: number): string {
  return dateFormat.format(new Date(timestamp));
}

export const RESOLUTION_COLUMNS = ['Date', 'Code', 'Document', 'Passage (characters)', 'Coders', 'Resolution', 'Changes', 'Note', 'Text'];

export function resolutionsTable(records: readonly ResolutionRecord[]): Table {
  return {
    columns: RESOLUTION_COLUMNS,
    rows: records.map((r) => [
      formatDay(r.createdAt),
      r.code,
      r.document,
      r.passage ? `${r.passage.start}–${r.passage.end}` : null,
      r.coderA && r.coderB ? `${r.coderA} (A), ${r.coderB} (B)` : null,
      r.resolutionText || null,
      r.changes || null,
      r.note || null,
      r.quote || null,
    ]),
  };
}

export interface MethodEntry {
  label: string;
  text: string;
  formula?: string;
  reference?: string;
}

export const PERCENT_FORMULA = 'percentage agreement = (both + neither) / (both + only A + only B + neither) × 100';

/** What was compared and how each figure is computed, with its formula and reference. */
export function methodEntries(comparison: CoderComparison): MethodEntry[] {
  const unit = UNIT_WORDS[comparison.unit];
  const kappaFormula =
    comparison.codes.flatMap((c) => c.pairs.map((p) => p.kappa.formula))[0] ??
    comparison.overall.pairs[0]?.kappa.formula ??
    'kappa = (p_o - p_e) / (1 - p_e)';
  const unitText =
    comparison.unit === 'character'
      ? 'Each character of a transcript is a unit (as in NVivo’s coding comparison): for each code, a character is coded by a coder when it lies inside one of their codings of that code.'
      : `Each ${unit.one} is a unit: for each code, a coder coded the ${unit.one} when any of their codings of that code overlaps it.`;
  const entries: MethodEntry[] = [
    { label: 'Units', text: unitText },
    {
      label: 'Documents',
      text: `A document is compared when at least two of the chosen coders coded something in it; ${comparison.documents.length} ${comparison.documents.length === 1 ? 'document was' : 'documents were'} compared${comparison.leftOut.filter((l) => l.wholly).length > 0 ? ` and ${comparison.leftOut.filter((l) => l.wholly).length} left out (listed with the reason)` : ''}.`,
    },
    { label: 'Percentage agreement', text: comparison.methods.percentAgreement, formula: PERCENT_FORMULA },
    { label: "Cohen's kappa", text: comparison.methods.kappa, formula: kappaFormula, reference: COHEN_KAPPA_REFERENCE },
    {
      label: "Krippendorff's alpha",
      text: comparison.methods.alpha,
      formula: KRIPPENDORFF_ALPHA_FORMULA,
      reference: comparison.codes[0]?.alpha.reference ?? comparison.overall.alpha.reference,
    },
  ];
  if (comparison.unit === 'character' && comparison.codes.some((c) => c.unitizedAlpha)) {
    entries.push({
      label: "Krippendorff's u-alpha",
      text: comparison.methods.unitizedAlpha,
      formula: UNITIZED_ALPHA_FORMULA,
      reference: comparison.codes.find((c) => c.unitizedAlpha)?.unitizedAlpha?.reference,
    });
  }
  entries.push({ label: 'Pooled figures', text: comparison.methods.overall });
  entries.push({
    label: 'Undefined figures',
    text: 'Where a coefficient is 0/0 for the data (for example, neither coder used the code in the compared documents) it is reported as undefined with the reason, never as 0 or 1.',
  });
  return entries;
}

export interface ReportInput {
  projectName: string;
  comparison: CoderComparison;
  resolutions: readonly ResolutionRecord[];
  /** What was chosen, in words, e.g. "all codes" or "5 of 30 codes". */
  codesChosen: string;
  documentsChosen: string;
  generatedAt: number;
}

/** A sentence saying who was compared, on what, when. */
export function summarySentence(input: ReportInput): string {
  const { comparison } = input;
  const coders = comparison.coders.map((c) => c.name);
  const who = coders.length === 2 ? `${coders[0]} (A) and ${coders[1]} (B)` : `${coders.slice(0, -1).join(', ')} and ${coders.at(-1)}`;
  return (
    `Coders compared: ${who}. Units: ${UNIT_WORDS[comparison.unit].many}. Codes: ${input.codesChosen}. ` +
    `Documents: ${input.documentsChosen}; ${comparison.documents.length} compared. Generated on ${formatDay(input.generatedAt)}.`
  );
}

/**
 * The whole report as one table for CSV and XLSX: the figures first (so the file opens as a plain table), then,
 * each after a blank row and a title row, the resolutions, the documents left out, the method and the references.
 * Every row has the same number of cells.
 */
export function reportTable(input: ReportInput): Table {
  const figures = figuresTable(input.comparison);
  const width = figures.columns.length;
  const pad = (cells: TableCell[]): TableCell[] => [...cells, ...Array<TableCell>(Math.max(0, width - cells.length)).fill(null)].slice(0, Math.max(width, cells.length));
  const rows: TableCell[][] = [...figures.rows];
  const section = (title: string, body: TableCell[][]) => {
    rows.push(pad([]), pad([title]), ...body.map(pad));
  };
  const resolutions = resolutionsTable(input.resolutions);
  section(
    `Resolved disagreements (${input.resolutions.length})`,
    input.resolutions.length > 0 ? [resolutions.columns, ...resolutions.rows] : [['No disagreement has been resolved yet.']],
  );
  const leftOut = input.comparison.leftOut;
  section('Documents left out', leftOut.length > 0 ? [['Document', 'Reason'], ...leftOut.map((l) => [l.name, l.reason])] : [['None']]);
  section('Comparison', [['Summary', summarySentence(input)], ['Project', input.projectName]]);
  section(
    'Method',
    methodEntries(input.comparison).flatMap((m) => [
      [m.label, m.text],
      ...(m.formula ? [['', `Formula: ${m.formula}`]] : []),
      ...(m.reference ? [['', `Reference: ${m.reference}`]] : []),
    ]),
  );
  section('References', input.comparison.references.map((r) => [r]));
  if (input.comparison.warnings.length > 0) section('Warnings', input.comparison.warnings.map((w) => [w]));
  return { columns: figures.columns, rows };
}

/**
 * The report as the sheets of an .xlsx workbook, one subject a sheet so each opens as a plain table: the figures,
 * the resolved disagreements, the documents left out, and the method (summary, method with formulas, references
 * and warnings).
 */
export function reportSheets(input: ReportInput): XlsxSheet[] {
  const { comparison } = input;
  const resolutions = resolutionsTable(input.resolutions);
  const method: TableCell[][] = [
    ['Summary', summarySentence(input)],
    ['Project', input.projectName],
    ...methodEntries(comparison).flatMap((m) => [
      [m.label, m.text],
      ...(m.formula ? [['', `Formula: ${m.formula}`]] : []),
      ...(m.reference ? [['', `Reference: ${m.reference}`]] : []),
    ]),
    ...comparison.references.map((r) => ['Reference', r]),
    ...comparison.warnings.map((w) => ['Warning', w]),
  ];
  return [
    { name: 'Figures', table: figuresTable(comparison), columnWidths: reportColumnWidths(comparison) },
    { name: 'Resolutions', table: resolutions, columnWidths: resolutions.columns.map((c) => (c === 'Note' || c === 'Text' ? 60 : c === 'Resolution' ? 40 : 24)) },
    { name: 'Documents left out', table: { columns: ['Document', 'Reason'], rows: comparison.leftOut.map((l) => [l.name, l.reason]) }, columnWidths: [48, 60] },
    { name: 'Method', table: { columns: ['Item', 'Text'], rows: method }, columnWidths: [28, 100] },
  ];
}

/** Column widths for the report sheet: narrow figures, wide code and coders columns. */
export function reportColumnWidths(comparison: CoderComparison): number[] {
  return figureColumns(comparison).map((c, i) => (i === 0 ? 48 : i === 1 ? 30 : c === 'Notes' ? 40 : Math.max(12, Math.min(24, c.length + 2))));
}

/** A file name from the project's name and the date: "Multi-agency meetings - agreement 2026-06-05.csv". */
export function reportFileName(projectName: string, extension: string, at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const safe = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Project';
  return `${safe} - agreement ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.${extension}`;
}

/** The counts behind a pair's figures for a narrow cell: "851 / 188 / 166 / 88,699". */
export function countsShort(c: BinaryCounts): string {
  return [c.both, c.onlyA, c.onlyB, c.neither].map(formatCount).join(' / ');
}
