/**
 * Charts as standalone SVG strings (no DOM): grouped bars (theme prevalence by an attribute), horizontal bars (code
 * frequencies) and a heatmap (code co-occurrence).
 *
 * Colours are Paul Tol's schemes (https://personal.sron.nl/~pault/): "bright" for categories, which colour-blind
 * readers can tell apart, and the sequential "YlOrBr" for the heatmap, whose lightness rises steadily so it also
 * reads in greyscale. Because several bright colours print as the same grey, each series also has its own fill
 * pattern, bars carry their values as direct labels and heatmap cells print their numbers. Every chart has a
 * <title> and <desc> for screen readers, and all text is escaped.
 */
import type { ReportChart } from './document';

/** Paul Tol's "bright" qualitative scheme, in his order. */
export const TOL_BRIGHT = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#BBBBBB'] as const;
/** Paul Tol's sequential "YlOrBr" scheme, light to dark. */
export const TOL_YLORBR = ['#FFFFE5', '#FFF7BC', '#FEE391', '#FEC44F', '#FB9A29', '#EC7014', '#CC4C02', '#993404', '#662506'] as const;

const FONT = "font-family=\"'Helvetica Neue', Helvetica, Arial, sans-serif\"";
const INK = '#222222';
const GRID = '#DDDDDD';

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch]!};`);
}

/** A rough width of text in a sans-serif font (no DOM to measure with). */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[il.,:;'’|!()[\]\s]/.test(ch) ? 0.3 : /[mwMW@%]/.test(ch) ? 0.85 : /[A-Z0-9]/.test(ch) ? 0.65 : 0.53;
  return units * fontSize;
}

/** Shortens a label to fit a width, ending with "…". */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, fontSize) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Breaks a label into lines that fit a width (at spaces); at most `maxLines`, the last shortened if need be. */
export function wrapLabel(text: string, maxWidth: number, fontSize: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = fitLabel(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, maxWidth, fontSize);
    return kept;
  }
  return lines.map((l) => fitLabel(l, maxWidth, fontSize));
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A safe id fragment from free text, so several charts can share one HTML page. */
export function chartId(seed: string): string {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
  return `chart-${(hash >>> 0).toString(36)}`;
}

function titleSpace(input: { showTitle?: boolean }): number {
  return input.showTitle === false ? 0 : 32;
}

function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`
  );
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" ${FONT} fill="${INK}" ${attrs}>${escapeXml(content)}</text>`;
}

/** Fill patterns laid over the series colour, so series differ in greyscale too. Index 0 is plain. */
function patternDef(id: string, index: number, colour: string): string {
  const mark = 'stroke="#000000" stroke-opacity="0.55"';
  const shapes = [
    '',
    `<path d="M0,8 L8,0" ${mark} stroke-width="1.6"/>`,
    `<circle cx="4" cy="4" r="1.6" fill="#000000" fill-opacity="0.55"/>`,
    `<path d="M0,4 L8,4" ${mark} stroke-width="1.6"/>`,
    `<path d="M0,0 L8,8" ${mark} stroke-width="1.6"/>`,
    `<path d="M4,0 L4,8" ${mark} stroke-width="1.6"/>`,
    `<path d="M0,8 L8,0 M0,0 L8,8" ${mark} stroke-width="1.2"/>`,
  ];
  const shape = shapes[index % shapes.length]!;
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="${colour}"/>${shape}</pattern>`;
}

export interface GroupedBarChartInput {
  title: string;
  /** Draw the title in the picture (default true); a captioned figure leaves it to the caption. */
  showTitle?: boolean;
  description: string;
  /** Groups along the x axis (e.g. themes). */
  categories: string[];
  /** Bars within each group (e.g. agencies); shown in the legend. */
  series: string[];
  /** values[category][series], in the y axis's unit. */
  values: number[][];
  /** Direct labels over the bars (e.g. "3/4"); the value when absent. */
  labels?: string[][];
  yLabel: string;
  xLabel?: string;
  /** Top of the y axis (e.g. 100 for percentages); rounded up from the data when absent. */
  yMax?: number;
  /** Suffix for y tick labels, e.g. "%". */
  yUnit?: string;
  width?: number;
  id?: string;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function ticks(max: number): number[] {
  const step = niceMax(max / 4);
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

export function groupedBarChart(input: GroupedBarChartInput): ReportChart {
  const id = input.id ?? chartId(`bars:${input.title}`);
  const width = input.width ?? 640;
  const seriesCount = Math.max(1, input.series.length);
  const yMax = input.yMax ?? niceMax(Math.max(0, ...input.values.flat()));
  const left = 64;
  const right = 16;
  const top = titleSpace(input) + 20;
  const plotHeight = 240;
  const plotWidth = width - left - right;
  const groupWidth = plotWidth / Math.max(1, input.categories.length);
  const barWidth = Math.min(34, (groupWidth * 0.8) / seriesCount);
  const categoryLines = input.categories.map((c) => wrapLabel(c, groupWidth - 8, 12, 3));
  const labelLines = Math.max(1, ...categoryLines.map((l) => l.length));
  const axisBottom = top + plotHeight;
  const xLabelY = axisBottom + 14 + labelLines * 15 + (input.xLabel ? 8 : 0);

  // Legend: swatch and name per series, wrapped into rows across the width.
  const legendItems: { x: number; row: number; index: number; name: string }[] = [];
  let lx = left;
  let row = 0;
  input.series.forEach((name, index) => {
    const label = fitLabel(name, plotWidth - 24, 12);
    const itemWidth = 24 + textWidth(label, 12) + 18;
    if (lx + itemWidth > width - right && lx > left) {
      row += 1;
      lx = left;
    }
    legendItems.push({ x: lx, row, index, name: label });
    lx += itemWidth;
  });
  const legendTop = xLabelY + 14;
  const height = Math.ceil(legendTop + (row + 1) * 22 + 8);

  const parts: string[] = [svgOpen(id, width, height, input.title, input.description)];
  parts.push(`<defs>${input.series.map((_, i) => patternDef(`${id}-p${i}`, i, TOL_BRIGHT[i % TOL_BRIGHT.length]!)).join('')}</defs>`);
  if (input.showTitle !== false) parts.push(text(width / 2, 24, input.title, 'font-size="15" font-weight="bold" text-anchor="middle"'));
  for (const t of ticks(yMax)) {
    const y = axisBottom - (t / yMax) * plotHeight;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${round(y)}" y2="${round(y)}" stroke="${t === 0 ? INK : GRID}" stroke-width="1"/>`);
    parts.push(text(left - 6, y + 4, `${t}${input.yUnit ?? ''}`, 'font-size="11" text-anchor="end"'));
  }
  parts.push(text(16, top + plotHeight / 2, input.yLabel, `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${round(top + plotHeight / 2)})"`));
  input.categories.forEach((_, c) => {
    const groupLeft = left + c * groupWidth + (groupWidth - barWidth * seriesCount) / 2;
    input.series.forEach((seriesName, s) => {
      const value = input.values[c]?.[s] ?? 0;
      const h = (Math.min(value, yMax) / yMax) * plotHeight;
      const x = groupLeft + s * barWidth;
      const label = input.labels?.[c]?.[s] ?? String(value);
      parts.push(
        `<rect x="${round(x + 1)}" y="${round(axisBottom - h)}" width="${round(barWidth - 2)}" height="${round(h)}" fill="url(#${id}-p${s})" stroke="${INK}" stroke-width="0.8"><title>${escapeXml(`${input.categories[c]}, ${seriesName}: ${label}`)}</title></rect>`,
      );
      const fontSize = Math.max(8, Math.min(11, barWidth / Math.max(1, label.length) / 0.6));
      parts.push(text(x + barWidth / 2, axisBottom - h - 4, label, `font-size="${round(fontSize)}" text-anchor="middle"`));
    });
    categoryLines[c]!.forEach((line, i) => {
      parts.push(text(left + c * groupWidth + groupWidth / 2, axisBottom + 18 + i * 15, line, 'font-size="12" text-anchor="middle"'));
    });
  });
  if (input.xLabel) parts.push(text(left + plotWidth / 2, xLabelY, input.xLabel, 'font-size="12" text-anchor="middle" font-style="italic"'));
  for (const item of legendItems) {
    const y = legendTop + item.row * 22;
    parts.push(`<rect x="${round(item.x)}" y="${round(y)}" width="16" height="14" fill="url(#${id}-p${item.index})" stroke="${INK}" stroke-width="0.8"/>`);
    parts.push(text(item.x + 22, y + 11.5, item.name, 'font-size="12"'));
  }
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, title: input.title, description: input.description };
}

export interface HorizontalBarChartInput {
  title: string;
  /** Draw the title in the picture (default true); a captioned figure leaves it to the caption. */
  showTitle?: boolean;
  description: string;
  labels: string[];
  values: number[];
  xLabel: string;
  width?: number;
  id?: string;
}

export function horizontalBarChart(input: HorizontalBarChartInput): ReportChart {
  const id = input.id ?? chartId(`hbars:${input.title}`);
  const width = input.width ?? 640;
  const labelWidth = Math.min(width * 0.45, Math.max(60, ...input.labels.map((l) => textWidth(l, 12))) + 4);
  const left = 12 + labelWidth + 8;
  const right = 36;
  const top = titleSpace(input) + 12;
  const rowHeight = 22;
  const plotWidth = width - left - right;
  const max = niceMax(Math.max(1, ...input.values));
  const plotHeight = Math.max(1, input.labels.length) * rowHeight;
  const height = top + plotHeight + 50;
  const parts: string[] = [svgOpen(id, width, height, input.title, input.description)];
  if (input.showTitle !== false) parts.push(text(width / 2, 24, input.title, 'font-size="15" font-weight="bold" text-anchor="middle"'));
  for (const t of ticks(max)) {
    const x = left + (t / max) * plotWidth;
    parts.push(`<line x1="${round(x)}" x2="${round(x)}" y1="${top}" y2="${top + plotHeight}" stroke="${t === 0 ? INK : GRID}" stroke-width="1"/>`);
    parts.push(text(x, top + plotHeight + 16, String(t), 'font-size="11" text-anchor="middle"'));
  }
  input.labels.forEach((label, i) => {
    const value = input.values[i] ?? 0;
    const y = top + i * rowHeight;
    const w = (value / max) * plotWidth;
    parts.push(text(left - 8, y + rowHeight / 2 + 4, fitLabel(label, labelWidth, 12), 'font-size="12" text-anchor="end"'));
    parts.push(`<rect x="${left}" y="${round(y + 4)}" width="${round(w)}" height="${rowHeight - 8}" fill="${TOL_BRIGHT[0]}" stroke="${INK}" stroke-width="0.6"><title>${escapeXml(`${label}: ${value}`)}</title></rect>`);
    parts.push(text(left + w + 4, y + rowHeight / 2 + 4, String(value), 'font-size="11"'));
  });
  parts.push(text(left + plotWidth / 2, top + plotHeight + 38, input.xLabel, 'font-size="12" text-anchor="middle" font-style="italic"'));
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, title: input.title, description: input.description };
}

export interface HeatmapInput {
  title: string;
  /** Draw the title in the picture (default true); a captioned figure leaves it to the caption. */
  showTitle?: boolean;
  description: string;
  rowLabels: string[];
  colLabels: string[];
  /** matrix[row][col]; non-finite values are drawn as empty cells. */
  matrix: number[][];
  /** What a cell counts, for the colour key (e.g. "Passages coded with both"). */
  valueLabel: string;
  id?: string;
}

/** The text colour readable on a fill: dark on light, white on dark (WCAG relative luminance). */
function inkOn(hex: string): string {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Whichever of black and white contrasts more with the fill.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? INK : '#FFFFFF';
}

export function heatmapColour(value: number, max: number): string {
  if (!(max > 0) || !(value > 0)) return TOL_YLORBR[0];
  const step = Math.min(TOL_YLORBR.length - 1, Math.max(1, Math.ceil((value / max) * (TOL_YLORBR.length - 1))));
  return TOL_YLORBR[step]!;
}

export function heatmap(input: HeatmapInput): ReportChart {
  const id = input.id ?? chartId(`heat:${input.title}`);
  const cell = Math.max(22, Math.min(40, 480 / Math.max(1, input.colLabels.length)));
  const rowLabelWidth = Math.min(260, Math.max(40, ...input.rowLabels.map((l) => textWidth(l, 11))) + 4);
  const colLabelHeight = Math.min(190, Math.max(30, ...input.colLabels.map((l) => textWidth(l, 11))) * 0.72 + 12);
  const left = 12 + rowLabelWidth + 8;
  const top = titleSpace(input) + 12 + colLabelHeight;
  const gridWidth = input.colLabels.length * cell;
  const gridHeight = input.rowLabels.length * cell;
  const width = Math.ceil(Math.max(left + gridWidth + colLabelHeight * 0.72 + 16, 360));
  const legendTop = top + gridHeight + 24;
  const height = Math.ceil(legendTop + 46);
  const max = Math.max(0, ...input.matrix.flat().filter((v) => Number.isFinite(v)));
  const parts: string[] = [svgOpen(id, width, height, input.title, input.description)];
  if (input.showTitle !== false) parts.push(text(width / 2, 24, input.title, 'font-size="15" font-weight="bold" text-anchor="middle"'));
  input.colLabels.forEach((label, c) => {
    const x = left + c * cell + cell / 2;
    const y = top - 6;
    parts.push(text(x, y, fitLabel(label, 240, 11), `font-size="11" text-anchor="start" transform="rotate(-45 ${round(x)} ${round(y)})"`));
  });
  input.rowLabels.forEach((label, r) => {
    parts.push(text(left - 8, top + r * cell + cell / 2 + 4, fitLabel(label, rowLabelWidth, 11), 'font-size="11" text-anchor="end"'));
    input.colLabels.forEach((colLabel, c) => {
      const value = input.matrix[r]?.[c];
      const x = left + c * cell;
      const y = top + r * cell;
      const finite = value !== undefined && Number.isFinite(value);
      const fill = finite ? heatmapColour(value, max) : '#FFFFFF';
      parts.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(cell)}" height="${round(cell)}" fill="${fill}" stroke="#FFFFFF" stroke-width="1"><title>${escapeXml(`${label} × ${colLabel}: ${finite ? value : 'none'}`)}</title></rect>`);
      if (finite) parts.push(text(x + cell / 2, y + cell / 2 + 4, String(value), `font-size="${cell < 28 ? 9 : 11}" text-anchor="middle" fill-opacity="1" style="fill:${inkOn(fill)}"`));
    });
  });
  parts.push(`<rect x="${left}" y="${top}" width="${round(gridWidth)}" height="${round(gridHeight)}" fill="none" stroke="${INK}" stroke-width="0.8"/>`);
  // Colour key: the scheme's steps from 0 to the largest value.
  const keyStep = 22;
  parts.push(text(left, legendTop - 6, input.valueLabel, 'font-size="11"'));
  TOL_YLORBR.forEach((colour, i) => {
    parts.push(`<rect x="${left + i * keyStep}" y="${legendTop}" width="${keyStep}" height="12" fill="${colour}" stroke="${INK}" stroke-width="0.4"/>`);
  });
  parts.push(text(left, legendTop + 26, '0', 'font-size="10" text-anchor="middle"'));
  parts.push(text(left + TOL_YLORBR.length * keyStep, legendTop + 26, String(max), 'font-size="10" text-anchor="middle"'));
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, title: input.title, description: input.description };
}
