import mammoth from 'mammoth';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodingRecord, ProjectData } from '../../shared/model/types';
import { buildSample } from '../../shared/sample/index';
import { appForSuite, screenshot } from './browser';

const CODE_PATH = 'Partnership with parents and carers/Language and jargon';

/**
 * The figures of one code worked out by hand from the sample's data, independently of the engine: characters as
 * units, over the documents both coders coded (anything), each character coded by both, only one or neither.
 */
function handCalculation(data: ProjectData, codeId: string, coderA: string, coderB: string) {
  const coded = (coderId: string) => new Set(data.codings.filter((c) => c.coderId === coderId).map((c) => c.documentId));
  const [ofA, ofB] = [coded(coderA), coded(coderB)];
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (const text of data.texts) {
    if (!ofA.has(text.id) || !ofB.has(text.id)) continue;
    const mine = (coderId: string) => data.codings.filter((c) => c.documentId === text.id && c.codeId === codeId && c.coderId === coderId);
    const [a, b] = [mine(coderA), mine(coderB)];
    for (let i = 0; i < text.text.length; i++) {
      const inA = a.some((c) => c.start <= i && i < c.end);
      const inB = b.some((c) => c.start <= i && i < c.end);
      if (inA && inB) both++;
      else if (inA) onlyA++;
      else if (inB) onlyB++;
      else neither++;
    }
  }
  const n = both + onlyA + onlyB + neither;
  const observed = (both + neither) / n;
  // Chance agreement from each coder's coded and uncoded totals (Cohen 1960).
  const expected = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
  return { both, onlyA, onlyB, neither, percent: observed * 100, kappa: (observed - expected) / (1 - expected) };
}

/** The project's codings, read straight from IndexedDB in the page. */
function readCodings(page: Page): Promise<CodingRecord[]> {
  return page.evaluate(async () => {
    const projectId = (JSON.parse(localStorage.getItem('tessera-ui')!) as { state: { openProjectId: string } }).state.openProjectId;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`tessera-project-${projectId}`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const codings = await new Promise<CodingRecord[]>((resolve, reject) => {
      const request = db.transaction('codings').objectStore('codings').getAll();
      request.onsuccess = () => resolve(request.result as CodingRecord[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return codings;
  });
}

/** For each character of [from, to): is it inside one of this coder's codings of the code in the document? */
function coverage(codings: readonly CodingRecord[], where: { documentId: string; codeId: string; coderId: string }, from: number, to: number): boolean[] {
  const mine = codings.filter((c) => c.documentId === where.documentId && c.codeId === where.codeId && c.coderId === where.coderId);
  const out: boolean[] = [];
  for (let i = from; i < to; i++) out.push(mine.some((c) => c.start <= i && i < c.end));
  return out;
}

const byId = (codings: CodingRecord[]) => [...codings].sort((a, b) => a.id.localeCompare(b.id));

describe('inter-coder agreement', () => {
  const app = appForSuite();
  let data: ProjectData;
  let amara: string;
  let ben: string;
  let codeId: string;

  beforeAll(async () => {
    data = await buildSample('hand-check');
    amara = data.coders.find((c) => c.name === 'Amara Okafor')!.id;
    ben = data.coders.find((c) => c.name === 'Ben Hughes')!.id;
    const paths = new Map(data.codes.map((c) => [c.id, c]));
    codeId = data.codes.find((c) => `${c.parentId ? `${paths.get(c.parentId)!.name}/` : ''}${c.name}` === CODE_PATH)!.id;
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
  });

  const row = () => app.page.getByRole('table', { name: 'Agreement by code' }).locator('tr.agr-row').filter({ hasText: 'Language and jargon' });

  it('compares Amara Okafor and Ben Hughes and shows one code’s figures as worked out by hand', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Agreement' }).click();
    const coders = page.getByRole('group', { name: 'Coders' });
    await expect.poll(() => coders.getByRole('checkbox', { name: /Amara Okafor/ }).isChecked()).toBe(true);
    expect(await coders.getByRole('checkbox', { name: /Ben Hughes/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Characters' }).isChecked()).toBe(true);
    await row().waitFor({ timeout: 20_000 });

    const hand = handCalculation(data, codeId, amara, ben);
    expect(hand.both + hand.onlyA + hand.onlyB).toBeGreaterThan(0);
    const figures = await row().locator('.agr-fig-num').allTextContents();
    expect(figures).toEqual([`${hand.percent.toFixed(2)}%`, hand.kappa.toFixed(3), expect.stringMatching(/^\d\.\d{3}$/)]);

    // The counts behind the figures, in the row's 2 x 2 table.
    await row().getByRole('button', { name: `Counts behind the figures for ${CODE_PATH}` }).click();
    const counts = page.getByRole('table', { name: 'Counts of characters: Amara Okafor against Ben Hughes' }).first();
    const cells = (await counts.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))) as string[][];
    const n = (x: number) => x.toLocaleString('en-GB');
    expect(cells[0]!.slice(0, 2)).toEqual([n(hand.both), n(hand.onlyA)]);
    expect(cells[1]!.slice(0, 2)).toEqual([n(hand.onlyB), n(hand.neither)]);
    await counts.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-counts');
    await row().getByRole('button', { name: `Counts behind the figures for ${CODE_PATH}` }).click();

    // Undefined figures are said to be undefined, and the method is stated under the table.
    await page.getByRole('heading', { name: 'Method' }).waitFor();
    expect(await page.locator('.agr-method').textContent()).toContain('kappa = (p_o - p_e) / (1 - p_e)');
    expect(await page.locator('.agr-left-out').textContent()).toContain('P06 Independent reviewing officer');
    await page.locator('.agreement-view .agr-panel').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'agreement-table-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'agreement-table-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a code that neither coder used as undefined (no variation), never 0', async () => {
    const { page } = app;
    // Compare on one document where a code appears for neither coder: choose P01 and a code only used elsewhere.
    const documents = page.getByRole('button', { name: /^Documents:/ });
    await documents.click();
    await page.getByRole('dialog', { name: 'Choose documents' }).getByRole('button', { name: 'None' }).click();
    await page.getByRole('dialog', { name: 'Choose documents' }).getByRole('checkbox', { name: /P01 Social worker/ }).check();
    await page.keyboard.press('Escape');
    const codes = page.getByRole('button', { name: /^Codes:/ });
    await codes.click();
    const dialog = page.getByRole('dialog', { name: 'Choose codes' });
    await dialog.getByRole('button', { name: 'None' }).click();
    await dialog.getByRole('checkbox', { name: 'Timing and notice' }).check();
    await page.keyboard.press('Escape');
    const timing = page.getByRole('table', { name: 'Agreement by code' }).locator('tr.agr-row').filter({ hasText: 'Timing and notice' });
    await expect.poll(async () => (await timing.locator('.agr-fig-undef').count())).toBe(2);
    expect((await timing.locator('td.agr-undefined').allTextContents())).toEqual(['undefined(no variation)', 'undefined(no variation)']);
    await screenshot(page, 'agreement-undefined');
    // Back to everything.
    await codes.click();
    await page.getByRole('dialog', { name: 'Choose codes' }).getByRole('button', { name: 'All' }).click();
    await page.keyboard.press('Escape');
    await documents.click();
    await page.getByRole('dialog', { name: 'Choose documents' }).getByRole('button', { name: 'All' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => row().locator('.agr-fig-num').first().textContent()).toBe(`${handCalculation(data, codeId, amara, ben).percent.toFixed(2)}%`);
  });

  it('exports the report as CSV, XLSX and Word with the hand-checked figures', async () => {
    const { page } = app;
    const hand = handCalculation(data, codeId, amara, ben);
    const save = async (item: string) => {
      await page.getByRole('button', { name: 'Export report' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: await import('node:fs/promises').then((fs) => fs.readFile(path)) };
    };
    const csv = await save('CSV table (.csv)');
    expect(csv.name).toMatch(/^Multi-agency meetings.* - agreement \d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, '')).data;
    const csvRow = rows.find((r) => r[0] === CODE_PATH)!;
    expect(csvRow.slice(2, 4).map(Number)).toEqual([Math.round(hand.percent * 1e4) / 1e4, Math.round(hand.kappa * 1e4) / 1e4]);
    expect(rows.some((r) => r[0] === 'Method')).toBe(true);

    const xlsx = await save('Excel workbook (.xlsx)');
    const sheets = await readXlsxFile(xlsx.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['Figures', 'Resolutions', 'Documents left out', 'Method']);
    const xlsxRow = sheets[0]!.data.find((r) => r[0] === CODE_PATH)!;
    expect(xlsxRow.slice(6, 10)).toEqual([hand.both, hand.onlyA, hand.onlyB, hand.neither]);

    const docx = await save('Word document (.docx)');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.bytes });
    expect(text).toContain('Table 1. Agreement between Amara Okafor and Ben Hughes by code, with characters as units');
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const at = lines.indexOf(CODE_PATH.split('/').join(' / '));
    expect(lines.slice(at + 1, at + 3)).toEqual([`${hand.percent.toFixed(2)}%`, hand.kappa.toFixed(3)]);
  });

  it('steps through the disagreements, resolves one by union in one step, and undoes it', async () => {
    const { page } = app;
    await row().getByRole('button', { name: new RegExp(`disagreements on ${CODE_PATH.replace(/[/]/g, '\\/')}`) }).click();
    const position = page.locator('.agr-nav-position');
    await expect.poll(() => position.textContent()).toMatch(/^Disagreement 1 of \d+$/);
    const total = Number((await position.textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(1);
    // j and k (and the arrows) step.
    await page.locator('.agr-nav-bar').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect.poll(() => position.textContent()).toBe(`Disagreement 2 of ${total}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => position.textContent()).toBe(`Disagreement 1 of ${total}`);

    const meta = (await page.locator('.agr-passage-meta').textContent())!;
    const [, from, to] = meta.match(/Passage: characters ([\d,]+)–([\d,]+)/)!.map((x) => x.replace(/,/g, '')) as [string, string, string];
    const [start, end] = [Number(from), Number(to)];
    const documentName = (await page.locator('.agr-passage-meta > span').first().textContent())!;
    const documentId = data.documents.find((d) => d.name === documentName)!.id;
    expect(await page.getByRole('region', { name: 'Amara Okafor’s coding (A)' }).isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Ben Hughes’s coding (B)' }).isVisible()).toBe(true);

    const before = await readCodings(page);
    const where = (coderId: string) => ({ documentId, codeId, coderId });
    const beforeA = coverage(before, where(amara), start, end);
    const beforeB = coverage(before, where(ben), start, end);
    expect(beforeA).not.toEqual(beforeB);
    const union = beforeA.map((x, i) => x || beforeB[i]!);

    await page.getByRole('radio', { name: /Union/ }).check();
    await page.getByRole('textbox', { name: /Note for the methods section/ }).fill('Jargon includes the acronyms read aloud.');
    // Clear the export messages so the screenshots show the navigator.
    const dismiss = page.getByRole('button', { name: 'Dismiss message' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await screenshot(page, 'agreement-navigator-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'agreement-navigator-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Resolve: Union' }).click();

    await expect.poll(async () => coverage(await readCodings(page), where(amara), start, end)).toEqual(union);
    const after = await readCodings(page);
    expect(coverage(after, where(ben), start, end)).toEqual(union);
    // Nothing else changed.
    const others = (list: CodingRecord[]) => byId(list.filter((c) => !(c.documentId === documentId && c.codeId === codeId)));
    expect(others(after)).toEqual(others(before));
    await expect.poll(() => position.textContent()).toBe(`Disagreement 1 of ${total - 1}`);
    await expect.poll(() => page.getByRole('tab', { name: /Resolutions/ }).textContent()).toBe('Resolutions1');

    await page.getByRole('tab', { name: /Resolutions/ }).click();
    const resolutions = page.getByRole('table', { name: 'Resolved disagreements' });
    expect(await resolutions.locator('tbody tr').first().textContent()).toContain('Jargon includes the acronyms read aloud.');
    await screenshot(page, 'agreement-resolutions');

    // One step back: the codings and the record go together.
    await page.getByRole('button', { name: /^Undo Resolve a disagreement on “Language and jargon” \(union\)/ }).click();
    await expect.poll(async () => byId(await readCodings(page))).toEqual(byId(before));
    await expect.poll(() => page.getByRole('tab', { name: /Resolutions/ }).textContent()).toBe('Resolutions0');
    await page.getByRole('tab', { name: /Disagreements/ }).click();
    await expect.poll(() => position.textContent()).toBe(`Disagreement 1 of ${total}`);
    expect(app.errors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
