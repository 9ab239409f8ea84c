import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import type { ProjectData } from '../../../shared/model/types';
import { groupedBarChart, heatmap, heatmapColour, horizontalBarChart, TOL_BRIGHT, TOL_YLORBR } from '../../../shared/report/charts';
import { buildFindingsReport } from '../../../shared/report/findings';
import { renderDocx } from '../../../shared/report/render-docx';
import { escapeMarkdown, renderMarkdown } from '../../../shared/report/render-markdown';
import { renderHtml } from '../../../shared/report/render-html';
import { descendants, parseXml } from '../../../shared/xml/parse';
import { copy, docxParagraphs, docxPart, isFaithfulQuote, sampleProject } from './helpers';

const HOSTILE = '<script>alert("x")</script>';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';

/** The sample with a hostile code name, theme name, definition and quoted passage. */
async function hostileProject(): Promise<{ project: ProjectData; codingId: string }> {
  const project = copy(await sampleProject());
  const code = project.codes.find((c) => c.name === 'Good practice examples')!;
  code.name = HOSTILE;
  project.themes[0]!.name = `Benefits ${HOSTILE_IMG} & <b>more</b>`;
  project.themes[0]!.definition = `Definition with ${HOSTILE} and **bold** and [link](javascript:alert(1))`;
  const text = project.texts[0]!;
  const insert = `\n\nP01: I typed ${HOSTILE} & ${HOSTILE_IMG} into the chat.`;
  const start = text.text.length + '\n\nP01: '.length;
  text.text += insert;
  project.documents[0]!.length = text.text.length;
  const coding = { ...project.codings.find((c) => c.codeId === code.id)!, id: 'hostile-coding', documentId: text.id, start, end: text.text.length };
  project.codings.push(coding);
  return { project, codingId: coding.id };
}

describe('renderDocx', () => {
  it('writes a valid Word package whose document has the headings, the quotes in the Quote style and captions', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { attribution: '({case}, {role})' });
    const bytes = await renderDocx(report);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']));
    const paragraphs = docxParagraphs(bytes);
    const styled = (style: string): string[] => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Title')).toEqual([project.project.name]);
    expect(styled('Heading1')).toEqual(['Method', 'Findings']);
    expect(styled('Heading2')).toEqual(project.themes.map((t) => t.name));
    const quotes = report.blocks.flatMap((b) => (b.kind === 'quote' ? [b.quote] : []));
    expect(styled('Quote')).toEqual(quotes.map((q) => `${q.text} ${q.attribution.length <= 32 ? q.attribution.replace(/ /g, '\u00A0') : q.attribution}`));
    for (const q of quotes) expect(isFaithfulQuote(q.text, project.texts.find((t) => t.id === q.documentId)!.text.slice(q.start, q.end))).toBe(true);
    // Without a rasteriser, charts become tables; the one repeating Table 2's data is left out.
    expect(styled('Caption')).toEqual([
      'Table 1. Themes: participants, documents and extracts',
      'Table 2. Participants contributing to each theme, by agency (n/N)',
      'Table 3. Coded extracts per code (codes of the reported themes)',
    ]);
    const styles = docxPart(bytes, 'word/styles.xml')!;
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Quote', 'Caption', 'Title']) expect(styles).toContain(`w:styleId="${id}"`);
    expect(styles).toContain('<w:name w:val="caption"/>');
    // Tables repeat their header row on each page.
    const document = parseXml(files['word/document.xml']!);
    expect(descendants(document, 'tblHeader').length).toBeGreaterThanOrEqual(3);
    expect(descendants(document, 'drawing')).toHaveLength(0);
  });

  it('embeds charts as SVG with a PNG fallback when given a rasteriser', async () => {
    const project = await sampleProject();
    const labels = ['A', 'B', 'C'];
    const report = buildFindingsReport(project, { cooccurrence: { labels, matrix: [[0, 2, 1], [2, 0, 4], [1, 4, 0]] } });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const calls: [number, number][] = [];
    const bytes = await renderDocx(report, {
      rasterise: async (svg, width, height) => {
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        calls.push([width, height]);
        // Distinct bytes per chart (the package stores identical pictures once).
        return new Uint8Array([...png, calls.length]);
      },
    });
    const figures = report.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure] : []));
    expect(figures).toHaveLength(3);
    expect(calls).toEqual(figures.map((f) => [f.chart.width * 2, f.chart.height * 2]));
    const media = Object.keys(unzipSync(bytes)).filter((n) => n.startsWith('word/media/'));
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(3);
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(3);
    const captions = docxParagraphs(bytes).filter((p) => p.style === 'Caption').map((p) => p.text.split('.')[0]);
    expect(captions).toEqual(['Table 1', 'Table 2', 'Figure 1', 'Figure 2', 'Figure 3']);
  });

  it('keeps hostile text as text', async () => {
    const { project, codingId } = await hostileProject();
    const report = buildFindingsReport(project, { chosenQuotes: [codingId], quotesPerTheme: 5 });
    const bytes = await renderDocx(report);
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs.some((p) => p.style === 'Heading2' && p.text === project.themes[0]!.name)).toBe(true);
    expect(paragraphs.some((p) => p.style === 'Quote' && p.text.startsWith(`I typed ${HOSTILE} & ${HOSTILE_IMG} into the chat.`))).toBe(true);
  });
});

describe('renderHtml', () => {
  it('is one standalone page: inline style, inline SVG charts, no scripts or remote loads', async () => {
    const project = await sampleProject();
    const html = renderHtml(buildFindingsReport(project, { attribution: '({case}, {role})' }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<iframe|src="http|href="http|@import|url\((?!#)/i);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<h2>Findings</h2>');
    expect(html).toContain('<h3>Professional confidence</h3>');
    expect(html).toContain('<span class="label">Table 1.</span>');
    expect(html).toContain('<span class="label">Figure 1.</span>');
    expect(html).toMatch(/<blockquote><p>[^<]+ <span class="attribution">\(P01, Social worker\)<\/span><\/p><\/blockquote>/);
  });

  it('escapes hostile names, definitions and quotes everywhere, charts included', async () => {
    const { project, codingId } = await hostileProject();
    const html = renderHtml(buildFindingsReport(project, { chosenQuotes: [codingId], quotesPerTheme: 5 }));
    expect(html).not.toMatch(/<script|<img|<b>more/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('I typed &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; into the chat.');
    // Each inline SVG is well-formed XML on its own.
    for (const svg of html.match(/<svg [\s\S]*?<\/svg>/g) ?? []) expect(() => parseXml(svg)).not.toThrow();
    expect(html).toContain('&lt;script&gt;'); // the code's name in the chart and lists
  });
});

describe('renderMarkdown', () => {
  it('gives headings, block quotes with attributions and numbered tables', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project);
    const md = renderMarkdown(report);
    expect(md.startsWith(`# Multi-agency meetings when a child comes into care (sample)\n\n## Method\n\n`)).toBe(true);
    expect(md).toContain('\n### Benefits to children\n');
    expect(md).toContain('**Table 1.** *Themes: participants, documents and extracts*');
    expect(md).toContain('| Theme | Participants (N = 17) | Documents (N = 17) | Extracts |\n| --- | ---: | ---: | ---: |');
    const quote = report.blocks.find((b) => b.kind === 'quote');
    expect(quote?.kind).toBe('quote');
    if (quote?.kind === 'quote') expect(md).toContain(`> ${escapeMarkdown(quote.quote.text)} ${escapeMarkdown(quote.quote.attribution)}`);
  });

  it('escapes markup in project text', async () => {
    const { project, codingId } = await hostileProject();
    const md = renderMarkdown(buildFindingsReport(project, { chosenQuotes: [codingId] }));
    expect(md).not.toMatch(/(?<!\\)<(script|img|b)/);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\*\\*bold\\*\\* and \\[link\\](javascript:alert(1))');
    expect(escapeMarkdown('# not a heading\n- not a list\n1. nor this')).toBe('\\# not a heading\n\\- not a list\n1\\. nor this');
  });
});

describe('charts', () => {
  it('draw grouped bars with a pattern per series, direct labels, title and description, all escaped', () => {
    const chart = groupedBarChart({
      title: 'Themes by <agency>',
      description: 'A & B',
      categories: ['Theme one', 'Theme two'],
      series: ['Health', 'Police', 'Education'],
      values: [[100, 50, 0], [25, 75, 100]],
      labels: [['4/4', '1/2', '0/3'], ['1/4', '3/4', '3/3']],
      yLabel: 'Participants (%)',
      yMax: 100,
      yUnit: '%',
    });
    const svg = parseXml(chart.svg);
    expect(svg.name).toBe('svg');
    expect(svg.attrs.role).toBe('img');
    expect(descendants(svg, 'title')[0]!.text).toBe('Themes by <agency>');
    expect(descendants(svg, 'desc')[0]!.text).toBe('A & B');
    const patterns = descendants(svg, 'pattern');
    expect(patterns).toHaveLength(3);
    expect(patterns.map((p) => descendants(p, 'rect')[0]!.attrs.fill)).toEqual(TOL_BRIGHT.slice(0, 3));
    // Patterns differ (plain, hatched, dotted) so bars part in greyscale too.
    expect(new Set(patterns.map((p) => p.children.slice(1).map((c) => c.name).join()))).toHaveProperty('size', 3);
    const texts = descendants(svg, 'text').map((t) => t.text);
    for (const label of ['4/4', '1/2', '0/3', '1/4', '3/4', '3/3', 'Health', 'Police', 'Education', 'Theme one', 'Participants (%)', '100%']) expect(texts).toContain(label);
    // A bar of 50% is half as tall as one of 100%.
    const bars = descendants(svg, 'rect').filter((r) => r.attrs.fill?.startsWith('url(#') && descendants(r, 'title').length > 0);
    expect(bars).toHaveLength(6);
    expect(Number(bars[1]!.attrs.height) * 2).toBeCloseTo(Number(bars[0]!.attrs.height), 0);
    expect(Number(bars[2]!.attrs.height)).toBe(0);
  });

  it('draw horizontal bars in proportion, with values beside them', () => {
    const chart = horizontalBarChart({ title: 'Extracts per code', description: 'd', labels: ['a', 'b'], values: [20, 5], xLabel: 'Coded extracts' });
    const svg = parseXml(chart.svg);
    const bars = descendants(svg, 'rect').filter((r) => r.attrs.fill === TOL_BRIGHT[0]);
    expect(Number(bars[0]!.attrs.width)).toBeCloseTo(4 * Number(bars[1]!.attrs.width), 0);
    expect(descendants(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['20', '5', 'Coded extracts', 'Extracts per code']));
  });

  it('draw a heatmap on a sequential scale that darkens with the count, each cell labelled', () => {
    expect(heatmapColour(0, 8)).toBe(TOL_YLORBR[0]);
    expect(heatmapColour(8, 8)).toBe(TOL_YLORBR[8]);
    expect(heatmapColour(1, 8)).toBe(TOL_YLORBR[1]);
    const chart = heatmap({ title: 'Co-occurrence', description: 'd', rowLabels: ['x', 'y'], colLabels: ['x', 'y'], matrix: [[0, 3], [3, 0]], valueLabel: 'Passages' });
    const svg = parseXml(chart.svg);
    const cells = descendants(svg, 'rect').filter((r) => descendants(r, 'title').length > 0);
    expect(cells.map((c) => c.attrs.fill)).toEqual([TOL_YLORBR[0], TOL_YLORBR[8], TOL_YLORBR[8], TOL_YLORBR[0]]);
    // Two cells, and the top of the colour key.
    expect(descendants(svg, 'text').filter((t) => t.text === '3')).toHaveLength(3);
  });
});

describe('a real NVivo project (no themes, no cases)', () => {
  it('is reported by code, every quote faithful to the coded text', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx', import.meta.url)));
    const { project } = await readQdpx(bytes, 'nvivo-12.6-win_oltas.qdpx');
    const report = buildFindingsReport(project, { maxQuoteLength: 150 });
    expect(report.organisedBy).toBe('codes');
    const used = new Set(project.codings.map((c) => c.codeId));
    expect(report.sections).toHaveLength(used.size);
    const quotes = report.sections.flatMap((s) => s.quotes);
    expect(quotes.length).toBeGreaterThan(15);
    expect(quotes.some((q) => q.trimmed)).toBe(true);
    const text = project.texts[0]!.text;
    for (const q of quotes) {
      expect(isFaithfulQuote(q.text, text.slice(q.start, q.end))).toBe(true);
      expect(q.attribution).toBe(`(${project.documents[0]!.name})`);
    }
    expect(report.method).toContain('The analysis drew on one document.');
    const html = renderHtml(report);
    for (const q of quotes.slice(0, 5)) expect(html).toContain(q.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    const paragraphs = docxParagraphs(await renderDocx(report));
    expect(paragraphs.filter((p) => p.style === 'Quote')).toHaveLength(quotes.length);
  });
});
