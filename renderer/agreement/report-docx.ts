import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatCoefficient, formatCount, formatPercent, initialsOf, UNIT_WORDS } from './format';
import { figureRows, formatDay, methodEntries, summarySentence, type ReportInput } from './report';

/**
 * The agreement report as a Word file: the figures table, the documents left out, the method with formulas and
 * references, and the resolved disagreements. Real Word styles (Title, Heading 1, Caption) so it can be pasted into
 * a manuscript; tables with journal-style rules; A4 with 2.54 cm margins.
 */

const FONT = 'Times New Roman';
const TABLE_FONT = 'Arial';
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;
const TEXT_WIDTH = A4.width - 2 * MARGIN;

// XML 1.0 cannot carry most control characters; one stray character would make Word refuse the file.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function runs(text: string, style: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return text
    .replace(XML_INVALID, '')
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

const RULE = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const THIN_RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

interface Column {
  title: string;
  weight: number;
  numeric?: boolean;
}

function table(columns: readonly Column[], rows: readonly { cells: string[]; bold?: boolean; ruleAbove?: boolean }[]): Table {
  const sum = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.round((c.weight / sum) * TEXT_WIDTH));
  const cell = (text: string, i: number, options: { header?: boolean; last?: boolean; bold?: boolean; ruleAbove?: boolean }) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      borders: {
        top: options.header ? RULE : options.ruleAbove ? THIN_RULE : NO_BORDER,
        bottom: options.header ? THIN_RULE : options.last ? RULE : NO_BORDER,
        left: NO_BORDER,
        right: NO_BORDER,
      },
      children: [
        new Paragraph({
          style: 'TableText',
          alignment: columns[i]!.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, options.header || options.bold ? { bold: true } : {}),
        }),
      ],
    });
  return new Table({
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, i, { header: true })) }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((_, i) => cell(row.cells[i] ?? '', i, { last: r === rows.length - 1, bold: row.bold, ruleAbove: row.ruleAbove })),
          }),
      ),
    ],
  });
}

/** A code's path with spaced separators, so it wraps at them: "Partnership / Trust". */
function spaced(path: string): string {
  return path.split('/').join(' / ');
}

function caption(label: string, text: string): Paragraph {
  return new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: label, bold: true }), new TextRun({ text: ' ' }), ...runs(text, { italics: true })] });
}

function note(text: string): Paragraph {
  return new Paragraph({ style: 'TableNote', children: [new TextRun({ text: 'Note.', italics: true }), new TextRun({ text: ' ' }), ...runs(text)] });
}

export async function agreementReportDocx(input: ReportInput): Promise<Uint8Array> {
  const { comparison } = input;
  const unit = UNIT_WORDS[comparison.unit];
  const two = comparison.coders.length === 2;
  const [a, b] = comparison.coders;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs('Inter-coder agreement') }),
    new Paragraph({ style: 'Subtitle', children: runs(input.projectName) }),
    new Paragraph({ children: runs(summarySentence(input)) }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Agreement by code') }),
  ];

  const rows = figureRows(comparison);
  const columns: Column[] = [
    { title: 'Code', weight: two ? 28 : 22 },
    ...(two ? [] : [{ title: 'Coders', weight: 16 }]),
    { title: '% agreement', weight: 11, numeric: true },
    { title: 'κ', weight: 8, numeric: true },
    { title: 'α', weight: 8, numeric: true },
    { title: 'Both', weight: 8, numeric: true },
    { title: two ? `Only ${initialsOf(a!.name)}` : 'Only first', weight: 8, numeric: true },
    { title: two ? `Only ${initialsOf(b!.name)}` : 'Only second', weight: 8, numeric: true },
    { title: 'Neither', weight: 10, numeric: true },
  ];
  const shown = (v: Parameters<typeof formatPercent>[0] | undefined, format: typeof formatPercent) => (v ? format(v) : '');
  children.push(
    caption(
      'Table 1.',
      `Agreement ${two ? `between ${a!.name} and ${b!.name}` : `among ${comparison.coders.length} coders`} by code, with ${unit.many} as units`,
    ),
    table(
      columns,
      rows.map((row, i) => ({
        bold: row.pooled && (two || row.coders.startsWith('all coders')),
        ruleAbove: row.pooled && rows[i - 1] !== undefined && !rows[i - 1]!.pooled,
        cells: [
          two || !rows[i - 1] || rows[i - 1]!.code !== row.code ? spaced(row.code) : '',
          ...(two ? [] : [row.coders]),
          shown(row.percent, formatPercent),
          shown(row.kappa, formatCoefficient),
          shown(row.alpha, formatCoefficient),
          row.counts ? formatCount(row.counts.both) : '',
          row.counts ? formatCount(row.counts.onlyA) : '',
          row.counts ? formatCount(row.counts.onlyB) : '',
          row.counts ? formatCount(row.counts.neither) : '',
        ],
      })),
    ),
    note(
      `κ: Cohen’s kappa; α: Krippendorff’s alpha (nominal). Counts are ${unit.many}: coded by both coders, by only one, by neither` +
        `${two ? '' : ' (first and second coder of each pair as named)'}. ` +
        'A figure the method does not give for the data is shown as undefined with the reason, never as 0. ' +
        `The pooled row takes every (${unit.one}, code) decision over the compared codes together.`,
    ),
  );

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Documents') }));
  children.push(new Paragraph({ children: runs(`Compared (${comparison.documents.length}): ${comparison.documents.map((d) => d.name).join('; ') || 'none'}.`) }));
  if (comparison.leftOut.length > 0) {
    children.push(new Paragraph({ keepNext: true, children: runs('Left out, wholly or for some coders:') }));
    for (const l of comparison.leftOut) {
      children.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [...runs(l.name, { bold: true }), ...runs(`: ${l.reason}.`)] }));
    }
  }

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Method') }));
  for (const m of methodEntries(comparison)) {
    children.push(new Paragraph({ children: [...runs(`${m.label}. `, { bold: true }), ...runs(m.text)] }));
    if (m.formula) children.push(new Paragraph({ style: 'Formula', children: runs(m.formula) }));
    if (m.reference) children.push(new Paragraph({ style: 'Reference', children: runs(m.reference) }));
  }

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Resolved disagreements') }));
  if (input.resolutions.length === 0) {
    children.push(new Paragraph({ children: runs('No disagreement has been resolved yet.') }));
  } else {
    children.push(
      caption('Table 2.', `Disagreements discussed and resolved (${input.resolutions.length})`),
      table(
        [
          { title: 'Date', weight: 12 },
          { title: 'Code', weight: 17 },
          { title: 'Document', weight: 15 },
          { title: 'Passage', weight: 9 },
          { title: 'Resolution', weight: 22 },
          { title: 'Note', weight: 25 },
        ],
        input.resolutions.map((r) => ({
          cells: [
            formatDay(r.createdAt),
            spaced(r.code),
            r.document,
            r.passage ? `${r.passage.start}–${r.passage.end}` : '',
            [r.resolutionText, r.changes].filter(Boolean).join('. '),
            r.note,
          ],
        })),
      ),
      note('Passages are given as character offsets in the stored transcript. Each resolution is also kept as a project memo.'),
    );
  }

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('References') }));
  for (const r of comparison.references) children.push(new Paragraph({ style: 'Reference', children: runs(r) }));

  const document = new Document({
    creator: 'Tessera',
    title: `Inter-coder agreement: ${input.projectName}`.replace(XML_INVALID, ''),
    styles: {
      default: {
        document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { after: 160, line: 288, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 400, after: 140 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, color: '444444' }, paragraph: { spacing: { after: 280 } } },
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22 }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: TABLE_FONT, size: 16 }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
        { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { before: 80, after: 240 } } },
        { id: 'Formula', name: 'Formula', basedOn: 'Normal', run: { font: 'Consolas', size: 18 }, paragraph: { indent: { left: 567 }, spacing: { after: 80 } } },
        { id: 'Reference', name: 'Reference', basedOn: 'Normal', run: { size: 20 }, paragraph: { indent: { left: 567, hanging: 567 }, spacing: { after: 120 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 280 }, spacing: { after: 60 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })] })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

