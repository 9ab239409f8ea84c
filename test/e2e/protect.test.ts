import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQdpx } from '../../shared/exchange/qdpx-read';
import type { ProjectData } from '../../shared/model/types';
import { decryptFile, isEncryptedContainer, readContainerHeader } from '../../shared/protect';
import { buildSample } from '../../shared/sample/index';
import { appForSuite, screenshot } from './browser';
import { highlightedTexts } from './text-selection';

const PASSPHRASE = 'kettle orchard lantern meadow';
const SAMPLE_NAME = 'Multi-agency meetings when a child comes into care (sample)';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const step = (page: Page, name: RegExp) => page.getByRole('tab', { name });
const documentItems = (page: Page) => page.getByRole('navigation', { name: 'Documents' }).locator('.document-item');
const projectCards = (page: Page) => page.getByRole('list', { name: 'Projects' }).getByRole('listitem');

async function clearToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

/** The text of the open transcript, as the reader shows it. */
async function readerText(page: Page): Promise<string> {
  return (await page.locator('.reader-body').textContent()) ?? '';
}

/** Accepts a suggestion with a role (for people), returning the replacement it was given. */
async function accept(page: Page, term: string, role?: string): Promise<string> {
  const list = page.getByRole('list', { name: 'Suggestions' });
  if (role) await list.getByRole('combobox', { name: `Role of ${term}`, exact: true }).selectOption(role);
  const replacement = await list.getByRole('textbox', { name: `Replacement for ${term}`, exact: true }).inputValue();
  await list.getByRole('button', { name: `Accept ${term}`, exact: true }).click();
  await list.getByRole('button', { name: `Accept ${term}`, exact: true }).waitFor({ state: 'detached' });
  return replacement;
}

async function fillPassphrase(dialog: Locator, passphrase: string, twice: boolean): Promise<void> {
  await dialog.getByLabel(twice ? 'New passphrase' : 'Passphrase', { exact: true }).fill(passphrase);
  if (twice) await dialog.getByLabel('Enter it again', { exact: true }).fill(passphrase);
}

describe('confidentiality: pseudonymise the sample, check for leaks, export encrypted, open it again, undo', () => {
  const app = appForSuite();
  const folder = mkdtempSync(join(tmpdir(), 'tessera-protect-files-'));
  let sample: ProjectData;
  const replacements: Record<string, string> = {};
  let encryptedPath = '';

  beforeAll(async () => {
    sample = await buildSample('protect-e2e');
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: SAMPLE_NAME }).waitFor({ timeout: 30_000 });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('suggests names with examples in context, and accepts children, a parent and a school with proposed replacements', async () => {
    const { page } = app;
    await tab(page, 'Confidentiality').click();
    await page.getByRole('main', { name: 'Confidentiality' }).waitFor();
    const list = page.getByRole('list', { name: 'Suggestions' });
    await list.waitFor({ timeout: 30_000 });

    // Kayden: a child named 23 times in P01 and another transcript, shown in context.
    const kayden = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Accept Kayden', exact: true }) });
    await expect.poll(() => kayden.locator('.suggestion-count').textContent()).toBe('23 times in 2 documents');
    expect(await kayden.getByRole('list', { name: 'Examples of Kayden' }).getByRole('listitem').count()).toBe(3);
    expect(await kayden.locator('.suggestion-examples mark').first().textContent()).toBe('Kayden');
    await clearToasts(page);
    await screenshot(page, 'protect-suggestions-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'protect-suggestions-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    replacements.Kayden = await accept(page, 'Kayden', 'child');
    replacements['Lily-Mae'] = await accept(page, 'Lily-Mae', 'child');
    replacements.Shannon = await accept(page, 'Shannon', 'parent');
    expect(replacements).toEqual({ Kayden: '[Child 1]', 'Lily-Mae': '[Child 2]', Shannon: '[Parent 1]' });

    await page.getByRole('button', { name: /^Schools and organisations/ }).click();
    replacements['St Aidan'] = await accept(page, 'St Aidan');
    expect(replacements['St Aidan']).toMatch(/^\[School [A-Z]\]$/);

    await step(page, /^Pseudonym table/).click();
    const table = page.getByRole('table', { name: 'Pseudonym table' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['Kayden', '→', '[Child 1]', 'Person', 'No', 'EditDelete']);
    await screenshot(page, 'protect-table-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'protect-table-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('previews the replacements, then applies them to every document as one step after a backup', async () => {
    const { page } = app;
    await step(page, /^Apply/).click();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.getByRole('region', { name: 'Preview of the replacements' });
    await preview.waitFor({ timeout: 30_000 });
    // Counted in Node from the sample: every whole-word, any-case occurrence of the four terms.
    const occurrences = (term: string) =>
      sample.texts.reduce((n, t) => n + [...t.text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${term}(?![\\p{L}\\p{N}])`, 'giu'))].length, 0);
    const kaydenRow = preview.getByRole('row').filter({ hasText: '[Child 1]' });
    expect(await kaydenRow.locator('td.num').textContent()).toBe(String(occurrences('Kayden')));
    await page.getByRole('heading', { name: /^Preview: \d+ replacements in the whole project$/ }).waitFor();
    await screenshot(page, 'protect-preview-light');

    await page.getByRole('button', { name: 'Apply to the whole project' }).click();
    await page.getByText(/^Pseudonymised the whole project at \d\d:\d\d: \d+ replacements\.$/).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('button', { name: /^Undo Pseudonymise the project/ }).count()).toBe(1);
    await page.getByRole('region', { name: 'What was replaced where' }).waitFor();
    await clearToasts(page);
    await screenshot(page, 'protect-applied-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'protect-applied-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('checks the report for real names before saving it unprotected, and saves it encrypted instead', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Save report…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the pseudonymisation report' });
    await save.getByRole('checkbox', { name: /^Protect with a passphrase/ }).uncheck();
    await save.getByRole('button', { name: 'Check and save unprotected' }).click();
    const warning = page.getByRole('dialog', { name: 'Real names found' });
    await warning.waitFor({ timeout: 30_000 });
    const found = await warning.getByRole('list', { name: 'Real terms found' }).locator('.leak-term').allTextContents();
    expect(found.sort()).toEqual(['Kayden', 'Lily-Mae', 'Shannon', 'St Aidan']);
    await screenshot(page, 'protect-leak-warning-light');

    await warning.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await fillPassphrase(save, PASSPHRASE, true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), save.getByRole('button', { name: 'Encrypt and save' }).click()]);
    expect(download.suggestedFilename()).toMatch(/ pseudonymisation report \d{4}-\d{2}-\d{2}\.csv\.tessera-enc$/);
    const path = join(folder, download.suggestedFilename());
    await download.saveAs(path);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await decryptFile(new Uint8Array(readFileSync(path)), PASSPHRASE, 'report')).bytes);
    expect(csv).toMatch(/^\ufeffterm,replacement,category,where,record,fields,count\r\n/);
    expect(csv).toMatch(/\r\nKayden,\[Child 1\],person,Document,P01 Social worker,text,12\r\n/);
  });

  it('keeps every coding on its words in the coding view, with the names replaced inside them', async () => {
    const { page } = app;
    await tab(page, 'Coding').click();
    await documentItems(page).filter({ hasText: 'P01 ' }).click();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    const text = await readerText(page);
    expect(text).toContain('[Child 1]');
    expect(text).not.toMatch(/Kayden|Lily-Mae|Shannon|St Aidan/);

    // A coded passage of P01 that names Kayden, as it must read now: the same words, the name replaced.
    const p01 = sample.documents.find((d) => d.name.startsWith('P01'))!;
    const p01Text = sample.texts.find((t) => t.id === p01.id)!.text;
    const coded = sample.codings
      .filter((c) => c.documentId === p01.id)
      .map((c) => p01Text.slice(c.start, c.end))
      .find((passage) => passage.includes('Kayden') && !/Lily-Mae|Shannon|St Aidan/.test(passage))!;
    expect(coded).toBeDefined();
    const expected = coded.replaceAll('Kayden', '[Child 1]');
    await expect.poll(() => highlightedTexts(page)).toContain(expected);
    expect(await highlightedTexts(page)).not.toContain(coded);
    await page.locator('p.turn-text', { hasText: expected.slice(0, 30) }).first().evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'protect-coding-after');
  });

  it('finds no real term anywhere in the project', async () => {
    const { page } = app;
    await tab(page, 'Confidentiality').click();
    await step(page, /^Leak check/).click();
    await page.getByRole('button', { name: 'Check the project' }).click();
    await page.getByText('No real terms found.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'protect-leaks-light');
  });

  it('exports the project encrypted with a passphrase entered twice', async () => {
    const { page } = app;
    await step(page, /^Encrypted export/).click();
    await clearToasts(page);
    await screenshot(page, 'protect-export-light');
    await page.getByRole('button', { name: 'Export encrypted project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export encrypted project' });
    await dialog.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('Enter it again', { exact: true }).fill('kettle orchard');
    await dialog.getByText('The two passphrases are not the same.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Encrypt and save' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Enter it again', { exact: true }).fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Show passphrase' }).click();
    expect(await dialog.getByLabel('New passphrase', { exact: true }).getAttribute('type')).toBe('text');
    await dialog.getByText(/^(Good|Strong)/).waitFor();
    await screenshot(page, 'protect-passphrase-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'protect-passphrase-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: 'Encrypt and save' }).click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^Multi-agency meetings when a child comes into care \(sample\) \d{4}-\d{2}-\d{2}\.qdpx\.tessera-enc$/);
    encryptedPath = join(folder, name);
    await download.saveAs(encryptedPath);
    await dialog.waitFor({ state: 'detached' });

    const bytes = new Uint8Array(readFileSync(encryptedPath));
    expect(isEncryptedContainer(bytes)).toBe(true);
    expect(readContainerHeader(bytes, name)).toMatchObject({ iterations: 600_000, type: 'application/zip' });
    const inside = await decryptFile(bytes, PASSPHRASE, name);
    const project = (await readQdpx(inside.bytes, inside.name)).project;
    expect(project.documents).toHaveLength(17);
    const all = project.texts.map((t) => t.text).join('\n');
    expect(all).toContain('[Child 1]');
    expect(all).not.toMatch(/Kayden|Lily-Mae|Shannon|St Aidan/);
  });

  it('refuses a wrong passphrase with a clear message and creates nothing, then opens the project with the right one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await expect.poll(() => projectCards(page).count()).toBe(1);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open an encrypted file' }).click()]);
    await chooser.setFiles(encryptedPath);
    const dialog = page.getByRole('dialog', { name: 'Open an encrypted file' });
    await dialog.getByText(/holds .*\.qdpx/).waitFor();
    await fillPassphrase(dialog, 'not the passphrase', false);
    await dialog.getByRole('button', { name: 'Decrypt and open' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/\.tessera-enc: wrong passphrase, or the file was changed or damaged\.$/);
    await screenshot(page, 'protect-wrong-passphrase-light');
    expect(await projectCards(page).count()).toBe(1);

    await fillPassphrase(dialog, PASSPHRASE, false);
    await dialog.getByRole('button', { name: 'Decrypt and open' }).click();
    await page.getByRole('heading', { name: `${SAMPLE_NAME} (imported)` }).waitFor({ timeout: 60_000 });
    await tab(page, 'Coding').click();
    await expect.poll(() => documentItems(page).count()).toBe(17);
    await documentItems(page).filter({ hasText: 'P01 ' }).click();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    const text = await readerText(page);
    expect(text).toContain('[Child 1]');
    expect(text).not.toContain('Kayden');
  });

  it('undoes the pseudonymisation in the original project in one step', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await expect.poll(() => projectCards(page).count()).toBe(2);
    await page.getByRole('button', { name: `Open ${SAMPLE_NAME}`, exact: true }).click();
    await page.getByRole('heading', { name: SAMPLE_NAME, exact: true }).waitFor();
    await page.getByRole('button', { name: /^Undo Pseudonymise the project/ }).click();
    await page.locator('.toast', { hasText: /^Undone: Pseudonymise the project/ }).waitFor();
    await tab(page, 'Coding').click();
    await documentItems(page).filter({ hasText: 'P01 ' }).click();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    await expect.poll(() => readerText(page)).toContain('Kayden');
    expect(await readerText(page)).not.toContain('[Child 1]');
    // The table is kept: applying it again would pseudonymise again.
    await tab(page, 'Confidentiality').click();
    await step(page, /^Pseudonym table/).click();
    await expect.poll(() => page.getByRole('table', { name: 'Pseudonym table' }).locator('tbody tr').count()).toBe(4);

    // The earlier leak check no longer holds, and checking again finds the names, each one a click from its place.
    await step(page, /^Leak check/).click();
    await page.getByText(/^The project has changed since this check/).waitFor();
    await page.getByRole('button', { name: 'Check again' }).click();
    const results = page.getByRole('region', { name: 'Leak check results' });
    await results.waitFor({ timeout: 30_000 });
    await clearToasts(page);
    expect((await results.getByRole('heading', { level: 3 }).allTextContents()).map((h) => h.split(' ')[0])).toEqual(['Kayden', 'Lily-Mae', 'Shannon', 'St']);
    await screenshot(page, 'protect-leaks-found-light');
    await results.getByRole('button', { name: /^Show Kayden in P10/ }).first().click();
    await page.getByRole('main', { name: /^Transcript: P10/ }).waitFor();
  });
});
