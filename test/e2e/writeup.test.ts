import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSample } from '../../shared/sample/index';
import { appForSuite, screenshot } from './browser';

const OUT = resolve(import.meta.dirname, '../../test-results/writeup');

/** The passage marked as an exemplar: P01's only "Workload and time pressure" coding, by Amara Okafor. */
const EXEMPLAR = 'I’ve got twenty-three children at the moment. It’s not possible every time.';
const THEMES = ['Benefits to children', 'Partnership with parents and carers', 'Professional confidence'];

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The preview's quotes (text with attribution), read through its shadow root. */
function previewQuotes(page: Page): Promise<string[]> {
  return page.locator('.wu-page blockquote').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('write-up: findings report with live preview, charts and exports', () => {
  const app = appForSuite();

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
  });

  it('marks a passage as an exemplar in the Coding view', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').first().click();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    await page.getByRole('group', { name: 'Coding stripes' }).getByRole('button', { name: /^Workload and time pressure · AO/ }).click();
    const popover = page.getByRole('dialog', { name: 'Codings here' });
    const item = popover.locator('li.popover-coding', { hasText: 'Workload and time pressure' });
    expect(await item.locator('.popover-quote').textContent()).toBe(`“${EXEMPLAR}”`);
    await item.getByRole('button', { name: '☆ Exemplar' }).click();
    await item.getByRole('button', { name: '★ Exemplar' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('previews the report: themes, definitions, the exemplar with its attribution, live options', async () => {
    const { page, errors } = app;
    await page.getByRole('tab', { name: 'Write-up' }).click();
    const preview = page.getByRole('document', { name: 'Report preview' });
    await preview.getByRole('heading', { name: 'Findings', exact: true }).waitFor();
    const sample = await buildSample('expected', 0);
    const themeHeadings = await preview.locator('h3').allTextContents();
    expect(themeHeadings).toEqual(THEMES);
    for (const theme of sample.themes) {
      expect(await preview.locator('p', { hasText: `Definition. ${theme.definition.trim()}` }).count()).toBe(1);
    }
    // The exemplar is the one quote of its theme (exemplars come before the automatic choice).
    await expect.poll(() => previewQuotes(page)).toContain(`${EXEMPLAR} (P01)`);
    const confidence = preview.locator('h3', { hasText: 'Professional confidence' });
    await expect.poll(() => confidence.evaluate((h) => {
      let next = h.nextElementSibling;
      const quotes: string[] = [];
      while (next && next.tagName !== 'H3') {
        if (next.tagName === 'BLOCKQUOTE') quotes.push(next.textContent ?? '');
        next = next.nextElementSibling;
      }
      return quotes;
    })).toEqual([`${EXEMPLAR} (P01)`]);

    // An attribution with the participant's role, with a live example.
    const attribution = page.getByRole('textbox', { name: 'Attribution' });
    await attribution.fill('({case}, {Role})');
    await expect.poll(() => previewQuotes(page)).toContain(`${EXEMPLAR} (P01, Social worker)`);
    expect(await page.locator('.wu-example').textContent()).toMatch(/^Example: \(P\d\d, [A-Z][a-z]+/);

    // Three quotes per theme by default (one for the theme with an exemplar), then one each.
    expect((await previewQuotes(page)).length).toBe(7);
    const perTheme = page.getByRole('spinbutton', { name: 'Quotes per theme' });
    await perTheme.fill('1');
    await expect.poll(async () => (await previewQuotes(page)).length).toBe(3);
    await perTheme.fill('2');
    await expect.poll(async () => (await previewQuotes(page)).length).toBe(5);
    expect(errors).toEqual([]);
    await screenshot(page, 'writeup-report-light');
  });

  it('lets the user pick and leave out quotes in the preview', async () => {
    const { page } = app;
    const preview = page.getByRole('document', { name: 'Report preview' });
    await preview.getByRole('button', { name: 'Choose quotes for Benefits to children' }).click();
    const list = preview.getByRole('group', { name: 'Passages of the theme Benefits to children' });
    const boxes = list.getByRole('checkbox');
    await expect.poll(() => boxes.count()).toBeGreaterThan(5);
    const ticked = await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked));
    expect(ticked.filter(Boolean).length).toBe(2);
    // Full at two: the others cannot be ticked until one is left out.
    const firstFree = ticked.indexOf(false);
    expect(await boxes.nth(firstFree).isDisabled()).toBe(true);
    const firstTicked = ticked.indexOf(true);
    const leftOut = (await list.locator('li').nth(firstTicked).locator('.wu-candidate-text').textContent())!;
    await boxes.nth(firstTicked).uncheck();
    await expect.poll(async () => (await previewQuotes(page)).length).toBe(4);
    await expect.poll(() => preview.locator('.wu-picker-summary').first().textContent()).toMatch(/your choice/);
    const freeNow = (await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).findIndex((c, i) => !c && i !== firstTicked);
    const picked = (await list.locator('li').nth(freeNow).locator('.wu-candidate-text').textContent())!;
    await boxes.nth(freeNow).check();
    await expect.poll(async () => (await previewQuotes(page)).length).toBe(5);
    const quotes = await previewQuotes(page);
    const words = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 40);
    expect(quotes.some((q) => q.startsWith(words(picked).replace(/^★ /, '')))).toBe(true);
    expect(quotes.some((q) => q.startsWith(words(leftOut).replace(/^★ /, '')))).toBe(false);
    // A long list is filtered by its words.
    const filter = list.getByRole('searchbox', { name: 'Filter the passages of Benefits to children' });
    await filter.fill('glue ear');
    await expect.poll(async () => {
      const items = await list.locator('li').allTextContents();
      return items.length > 0 && items.length < 4 && items.every((t) => t.includes('glue ear'));
    }).toBe(true);
    await filter.fill('');
    await screenshot(page, 'writeup-picker-light');
    await preview.getByRole('button', { name: 'Choose quotes for Benefits to children' }).click();
    // The choice is one undoable step.
    await page.getByRole('button', { name: /^Undo Quote a passage/ }).click();
    await expect.poll(async () => (await previewQuotes(page)).length).toBe(4);
  });

  it('computes agreement between the two coders for the method paragraph', async () => {
    const { page } = app;
    const options = page.getByRole('form', { name: 'Report options' });
    expect(await options.getByRole('combobox', { name: 'First coder' }).inputValue()).not.toBe(await options.getByRole('combobox', { name: 'Second coder' }).inputValue());
    await options.getByRole('button', { name: 'Compute agreement' }).click();
    const result = options.locator('.wu-agreement-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Amara Okafor and Ben Hughes: Krippendorff’s α = \.\d\d; Cohen’s κ = \.\d\d/);
    const method = page.getByRole('document', { name: 'Report preview' }).locator('h2:text-is("Method") + p');
    await expect.poll(() => method.textContent()).toMatch(/Agreement between coders: Krippendorff’s α = \.\d\d \(nominal; characters as units, \d+ codes, 8 documents coded by both\); Cohen’s κ = \.\d\d \(percentage agreement \d+\.\d%\)\./);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'writeup-agreement-light');
  });

  it('saves the report as Word, with the themes and the charts', async () => {
    const { page } = app;
    const docx = await download(page, () => page.getByRole('button', { name: 'Save the report as Word document' }).click());
    expect(docx.name).toMatch(/^Multi-agency meetings.* - findings report \d{4}-\d{2}-\d{2}\.docx$/);
    expect([...docx.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const files = unzipSync(new Uint8Array(docx.bytes));
    const xml = strFromU8(files['word/document.xml']!);
    for (const theme of THEMES) expect(xml).toContain(theme);
    expect(xml).toContain(EXEMPLAR.replace('’', '’'));
    expect(xml).toContain('(P01, Social worker)'.replace(/ /g, '\u00A0'));
    // Charts go in as pictures: an SVG with a PNG at print resolution beside it.
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    expect(media.some((f) => f.endsWith('.png'))).toBe(true);
    expect(media.some((f) => f.endsWith('.svg'))).toBe(true);
    writeFileSync(resolve(OUT, 'findings.docx'), docx.bytes);

    const md = await download(page, () => page.getByRole('button', { name: 'Save the report as Markdown text' }).click());
    expect(md.bytes.toString('utf8')).toContain('## Professional confidence');
    const html = await download(page, () => page.getByRole('button', { name: 'Save the report as Web page' }).click());
    expect(html.bytes.toString('utf8')).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('shows the charts and saves one as SVG and PNG', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Charts' }).click();
    const charts = page.getByRole('list', { name: 'Charts' });
    await charts.getByRole('heading', { name: 'Extracts per code' }).waitFor();
    const titles = await charts.getByRole('heading', { level: 3 }).allTextContents();
    expect(titles).toEqual(['Themes by agency', 'Extracts per code', 'Code co-occurrence', 'Thematic map']);
    const svg = await download(page, () => page.getByRole('button', { name: 'Save Extracts per code as SVG' }).click());
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await download(page, () => page.getByRole('button', { name: 'Save Thematic map as PNG' }).click());
    expect([...png.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // 300 dpi recorded (11811 pixels per metre).
    const phys = png.bytes.indexOf('pHYs');
    expect(png.bytes.readUInt32BE(phys + 4)).toBe(11811);
    writeFileSync(resolve(OUT, 'thematic-map.png'), png.bytes);
    await screenshot(page, 'writeup-charts-light');
  });

  it('exports the codebook as CSV, with each code’s counts', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Data exports' }).click();
    const csv = await download(page, () => page.getByRole('button', { name: 'Export the codebook as CSV (.csv)' }).click());
    expect(csv.name).toMatch(/ - codebook \d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, '')).data.filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['Code', 'Level', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Codings', 'Documents', 'Cases']);
    // Counted here from the sample's own data, apart from the export.
    const sample = await buildSample('expected', 0);
    const code = sample.codes.find((c) => c.name === 'Workload and time pressure')!;
    const codings = sample.codings.filter((c) => c.codeId === code.id);
    const row = rows.find((r) => r[0]!.split('/').at(-1) === code.name)!;
    expect(row[2]).toBe(code.description);
    expect(Number(row[6])).toBe(codings.length);
    expect(Number(row[7])).toBe(new Set(codings.map((c) => c.documentId)).size);
    await screenshot(page, 'writeup-exports-light');
  });

  it('looks right in the dark', async () => {
    await app.restart({ colorScheme: 'dark' });
    const { page } = app;
    await page.getByRole('tab', { name: 'Data exports' }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Findings report' }).click();
    await page.getByRole('document', { name: 'Report preview' }).getByRole('heading', { name: 'Findings', exact: true }).waitFor();
    await screenshot(page, 'writeup-report-dark');
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.getByRole('list', { name: 'Charts' }).getByRole('heading', { name: 'Thematic map' }).waitFor();
    await screenshot(page, 'writeup-charts-dark');
  });
});
