/**
 * A format-neutral document: what the findings report, the codebook and the memo exports are built as, before a
 * renderer turns it into Word, Markdown or HTML. Blocks are in reading order; tables and figures carry their caption
 * without a number, and each renderer numbers them in order ("Table 1.", "Figure 1."), so a figure that a format
 * cannot draw becomes the next table there.
 */

/** A run of text with optional emphasis. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface ReportTable {
  caption: string;
  header: string[];
  rows: string[][];
  /** Columns to align right (numbers). */
  numeric?: boolean[];
  /** Relative column widths (any unit); equal when absent. */
  widths?: number[];
  /** A note printed under the table. */
  note?: string;
}

/** A chart drawn as SVG (see charts.ts), with the same data as a table for formats that cannot show the image. */
export interface ReportChart {
  svg: string;
  width: number;
  height: number;
  /** Short title (also the SVG's <title>). */
  title: string;
  /** Longer text alternative (also the SVG's <desc>). */
  description: string;
}

export interface ReportFigure {
  caption: string;
  chart: ReportChart;
  /** The chart's data, shown instead of the image where it cannot be drawn. */
  table: ReportTable;
  /** The document already has a table with this data: where the chart cannot be drawn, leave it out altogether. */
  dataElsewhere?: boolean;
}

/** One quoted extract with its attribution. */
export interface ReportQuote {
  codingId: string;
  documentId: string;
  documentName: string;
  caseName?: string;
  codeId: string;
  /** The code's name path joined by " / ". */
  codePath: string;
  /** The coding's range in the stored text (UTF-16 code units, [start, end)). */
  start: number;
  end: number;
  /**
   * What is printed: the coded text exactly (after pseudonymisation when asked), or a prefix and a suffix of it at
   * word boundaries joined by " … " when it is longer than the limit.
   */
  text: string;
  trimmed: boolean;
  /** e.g. "(P07, social worker)"; empty when the template gives nothing. */
  attribution: string;
  /** Why it was chosen: listed by the user, marked as an exemplar, or taken by the default rule. */
  source: 'chosen' | 'exemplar' | 'rule';
}

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'quote'; quote: ReportQuote }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'figure'; figure: ReportFigure };

export interface ReportDocument {
  title: string;
  /** A line under the title (e.g. the project name and date). */
  subtitle?: string;
  blocks: ReportBlock[];
  /** Wide tables (the codebook) read better on a landscape page. */
  landscape?: boolean;
}

/** Plain text of inline runs. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((run) => run.text).join('');
}

/** Caption labels in order of appearance; with `figuresAsTables`, figures are numbered as tables. */
export function captionLabels(blocks: readonly ReportBlock[], figuresAsTables: boolean): Map<ReportBlock, string> {
  const labels = new Map<ReportBlock, string>();
  let tables = 0;
  let figures = 0;
  for (const block of blocks) {
    if (block.kind === 'figure' && figuresAsTables && block.figure.dataElsewhere) continue;
    if (block.kind === 'table' || (block.kind === 'figure' && figuresAsTables)) labels.set(block, `Table ${++tables}.`);
    else if (block.kind === 'figure') labels.set(block, `Figure ${++figures}.`);
  }
  return labels;
}
