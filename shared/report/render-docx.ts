/**
 * A report document as a Word file (.docx) with real Word styles, so it can be pasted into a manuscript and restyled
 * there: Title, Heading 1/2/3, Quote for extracts, Caption for "Table 1." and "Figure 1." lines, bulleted lists, and
 * tables with a repeating header row and journal-style rules (no vertical lines). Page: A4, 2.54 cm margins.
 *
 * Charts need a canvas to become pictures, which the engine does not have: pass `rasterise` (the app draws the SVG
 * on a canvas) and the chart goes in as SVG with a PNG fallback for older Word; without it the chart's data goes in
 * as a table, numbered with the other tables.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { captionLabels, type Inline, type ReportBlock, type ReportDocument, type ReportTable } from './document';

export interface DocxOptions {
  /** Draws an SVG as a PNG of the given pixel size (e.g. on a canvas). Without it, charts are given as tables. */
  rasterise?: (svg: string, width: number, height: number) => Promise<Uint8Array>;
  /** Author shown in the file's properties. */
  creator?: string;
}

const FONT = 'Times New Roman';
const TABLE_FONT = 'Arial';
/** A4 in twips, and the text width with 1440-twip (2.54 cm) margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;
const TWIPS_PER_PIXEL = 15;

// Text that XML 1.0 cannot carry (e.g. a stray form feed from a PDF) would make Word refuse the whole file.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Runs for a piece of text, with its line breaks kept as breaks. */
function runs(text: string, style: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function inlineRuns(content: readonly Inline[], base: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return content.flatMap((run) => runs(run.text, { ...base, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italics: true } : {}) }));
}

function captionParagraph(label: string, text: string): Paragraph {
  return new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: label, bold: true }), new TextRun({ text: ' ' }), ...runs(text, { italics: true })] });
}

const RULE = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const THIN_RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

function table(t: ReportTable, textWidth: number, label?: string): (Paragraph | Table)[] {
  const count = t.header.length;
  const weights = t.widths && t.widths.length === count ? t.widths : t.header.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const columnWidths = weights.map((w) => Math.round((w / sum) * textWidth));
  const cell = (text: string, i: number, header: boolean, lastRow: boolean): TableCell =>
    new TableCell({
      width: { size: columnWidths[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      borders: {
        top: header ? RULE : NO_BORDER,
        bottom: header ? THIN_RULE : lastRow ? RULE : NO_BORDER,
        left: NO_BORDER,
        right: NO_BORDER,
      },
      children: [
        new Paragraph({
          style: 'TableText',
          alignment: t.numeric?.[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, header ? { bold: true } : {}),
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, true, t.rows.length === 0)) }),
    ...t.rows.map((row, r) => new TableRow({ cantSplit: true, children: t.header.map((_, i) => cell(row[i] ?? '', i, false, r === t.rows.length - 1)) })),
  ];
  const out: (Paragraph | Table)[] = [];
  if (label) out.push(captionParagraph(label, t.caption));
  out.push(
    new Table({
      rows,
      columnWidths,
      width: { size: textWidth, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    }),
  );
  out.push(new Paragraph({ style: 'TableNote', children: t.note ? [new TextRun({ text: 'Note.', italics: true }), new TextRun({ text: ' ' }), ...runs(t.note)] : [] }));
  return out;
}

async function figure(b: Extract<ReportBlock, { kind: 'figure' }>, label: string, textWidth: number, rasterise: NonNullable<DocxOptions['rasterise']>): Promise<Paragraph[]> {
  const { chart } = b.figure;
  // Drawn at twice the size so the picture stays sharp when printed.
  const png = await rasterise(chart.svg, chart.width * 2, chart.height * 2);
  const maxWidth = textWidth / TWIPS_PER_PIXEL;
  const scale = Math.min(1, maxWidth / chart.width);
  const image = new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(chart.svg),
    fallback: { type: 'png', data: png },
    transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
    altText: { name: chart.title, title: chart.title, description: chart.description },
  });
  return [captionParagraph(label, b.figure.caption), new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [image] })];
}

export async function renderDocx(doc: ReportDocument, options: DocxOptions = {}): Promise<Uint8Array> {
  const landscape = doc.landscape === true;
  const page = landscape ? { width: A4.height, height: A4.width } : A4;
  const textWidth = page.width - 2 * MARGIN;
  const labels = captionLabels(doc.blocks, !options.rasterise);
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title) })];
  if (doc.subtitle) children.push(new Paragraph({ style: 'Subtitle', children: runs(doc.subtitle) }));
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading': {
        const heading = b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
        children.push(new Paragraph({ heading, keepNext: true, children: runs(b.text) }));
        break;
      }
      case 'paragraph':
        children.push(new Paragraph({ children: inlineRuns(b.content) }));
        break;
      case 'list':
        for (const item of b.items) children.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: inlineRuns(item) }));
        break;
      case 'quote': {
        const parts: ParagraphChild[] = [...runs(b.quote.text)];
        // Non-breaking spaces keep a short attribution on one line (a long one may wrap).
        const attribution = clean(b.quote.attribution);
        if (attribution) parts.push(new TextRun({ text: ` ${attribution.length <= 32 ? attribution.replace(/ /g, '\u00A0') : attribution}` }));
        children.push(new Paragraph({ style: 'Quote', children: parts }));
        break;
      }
      case 'table':
        children.push(...table(b.table, textWidth, labels.get(b)));
        break;
      case 'figure':
        if (options.rasterise) children.push(...(await figure(b, labels.get(b)!, textWidth, options.rasterise)));
        else if (!b.figure.dataElsewhere) children.push(...table({ ...b.figure.table, caption: b.figure.caption }, textWidth, labels.get(b)));
        break;
    }
  }

  const document = new Document({
    creator: options.creator ?? 'Tessera',
    title: clean(doc.title),
    description: doc.subtitle ? clean(doc.subtitle) : undefined,
    styles: {
      default: {
        document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { after: 160, line: 288, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '000000' }, paragraph: { spacing: { before: 480, after: 160 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 24, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 280, after: 100 }, keepNext: true } },
        listParagraph: { run: { font: FONT, size: 24 } },
      },
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, size: 24, color: '444444' },
          paragraph: { spacing: { after: 360 } },
        },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 22 },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 60, after: 200, line: 264, lineRule: LineRuleType.AUTO } },
        },
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 22 },
          paragraph: { spacing: { before: 280, after: 100 }, keepNext: true },
        },
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: TABLE_FONT, size: 18 }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
        { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { before: 80, after: 240 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 280 }, spacing: { after: 80 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page.
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })] })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
