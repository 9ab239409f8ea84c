import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQdc, readQdpx } from '../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../shared/model/types';
import { buildSample } from '../../shared/sample/index';
import { ADDED_SENTENCE, addColleagueWork, NEW_CODE_NAME, REVIEWED_CODE, reviseAsReviewer, TYPO_CODE } from '../unit/team/colleague';
import { appForSuite, screenshot } from './browser';

const NVIVO = resolve(import.meta.dirname, '../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx');

/** Clicks a button whose file arrives as a download, and keeps the file. */
async function download(page: Page, buttonName: string, folder: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

/** Clicks a button that asks for a file, and gives it these. */
async function chooseFile(page: Page, buttonName: string | RegExp, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: buttonName }).click()]);
  await chooser.setFiles(path);
}

/** Dismisses the messages so a screenshot shows the screen itself. */
async function clearToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

const documentItems = (page: Page) => page.getByRole('navigation', { name: 'Documents' }).locator('.document-item');
const codebook = (page: Page) => page.getByRole('tree', { name: 'Codes' });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** The number of codings the document list shows for a document. */
async function codingsShown(page: Page, documentPrefix: string): Promise<number> {
  const text = (await documentItems(page).filter({ hasText: documentPrefix }).locator('.document-meta').textContent()) ?? '';
  const match = /(\d+) codings?/.exec(text);
  if (!match) throw new Error(`no coding count in "${text}"`);
  return Number(match[1]);
}

describe('team exchange: export, import as a project, merge a colleague’s file', () => {
  const app = appForSuite();
  const folder = mkdtempSync(join(tmpdir(), 'tessera-team-files-'));
  let sample: ProjectData;
  let projectFile: string;

  beforeAll(async () => {
    sample = await buildSample('counts-only');
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('exports the whole project and its codebook as files other programs read', async () => {
    const { page } = app;
    await tab(page, 'Team').click();
    const view = page.getByRole('main', { name: 'Team exchange' });
    await view.waitFor();
    await expect.poll(() => page.getByTestId('figure-documents').textContent()).toBe('17');
    expect(await page.getByTestId('figure-codes').textContent()).toBe('30');
    expect(await page.getByTestId('figure-codings').textContent()).toBe(String(sample.codings.length));
    await clearToasts(page);
    await screenshot(page, 'team-view-light');

    const project = await download(page, 'Export project (.qdpx)', folder);
    expect(project.name).toMatch(/^Multi-agency meetings when a child comes into care \(sample\) \d{4}-\d{2}-\d{2}\.qdpx$/);
    projectFile = project.path;
    const exported = (await readQdpx(new Uint8Array(readFileSync(project.path)), project.name)).project;
    expect(exported.documents).toHaveLength(17);
    expect(exported.codes).toHaveLength(30);
    expect(exported.codings).toHaveLength(sample.codings.length);

    const codebookFile = await download(page, 'Export codebook (.qdc)', folder);
    expect(codebookFile.name).toMatch(/ codebook \d{4}-\d{2}-\d{2}\.qdc$/);
    const book = (await readQdc(new Uint8Array(readFileSync(codebookFile.path)), codebookFile.name)).project;
    expect(book.codes.map((c) => c.name).sort()).toEqual(sample.codes.map((c) => c.name).sort());
  });

  it('exports one coder’s work on the chosen documents only', async () => {
    const { page } = app;
    // Nobody on this computer has coded here yet, so no coder is chosen and export waits for a choice.
    await page.getByText('Choose at least one coder and one document.').waitFor();
    expect(await page.getByRole('button', { name: 'Export my work (.qdpx)' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /Amara Okafor/ }).check();
    await page.getByRole('checkbox', { name: /^P01 / }).uncheck();

    const amara = sample.coders.find((c) => c.name === 'Amara Okafor')!;
    const p01 = sample.documents.find((d) => d.name.startsWith('P01'))!;
    const expected = sample.codings.filter((c) => c.coderId === amara.id && c.documentId !== p01.id).length;
    await page.getByText(`${expected} codings by Amara Okafor in 16 documents.`).waitFor();

    const work = await download(page, 'Export my work (.qdpx)', folder);
    expect(work.name).toMatch(/ - Amara Okafor \d{4}-\d{2}-\d{2}\.qdpx$/);
    const mine = (await readQdpx(new Uint8Array(readFileSync(work.path)), work.name)).project;
    expect(mine.documents).toHaveLength(16);
    expect(mine.documents.some((d) => d.name.startsWith('P01'))).toBe(false);
    expect(mine.codings).toHaveLength(expected);
    expect(new Set(mine.codings.map((c) => mine.coders.find((x) => x.id === c.coderId)?.name))).toEqual(new Set(['Amara Okafor']));
  });

  it('imports the exported .qdpx from the project list as a new project', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await chooseFile(page, 'Import project (.qdpx)', projectFile);
    await page.getByRole('heading', { name: 'Multi-agency meetings when a child comes into care (sample) (imported)' }).waitFor({ timeout: 30_000 });
    await page.locator('.toast', { hasText: /^Imported “Multi-agency meetings/ }).waitFor();
    await tab(page, 'Coding').click();
    await expect.poll(() => documentItems(page).count()).toBe(17);
    expect(await codebook(page).getByRole('treeitem').count()).toBe(30);
  });

  it('merges a colleague’s file through the preview, once, as one undoable step', async () => {
    const { page } = app;
    // The colleague's file: the exported project plus a new coder's two codings, one with a code of her own.
    const exported = (await readQdpx(new Uint8Array(readFileSync(projectFile)), 'project.qdpx')).project;
    const colleagueFile = join(folder, 'carol-diaz.qdpx');
    writeFileSync(colleagueFile, writeQdpx(addColleagueWork(exported).project));

    const before = await codingsShown(page, 'P03');
    await tab(page, 'Team').click();
    await chooseFile(page, 'Choose a file to merge…', colleagueFile);
    const preview = page.getByRole('region', { name: 'Merge preview' });
    await preview.waitFor({ timeout: 30_000 });
    await preview.getByText('Merging adds 1 new code, 2 codings and 1 new coder.').waitFor();

    const tiles = preview.getByRole('list', { name: 'Summary' });
    expect(await tiles.getByRole('listitem').filter({ hasText: 'New codes' }).locator('.merge-tile-value').textContent()).toBe('1');
    expect(await tiles.getByRole('listitem').filter({ hasText: 'Codings to add' }).locator('.merge-tile-value').textContent()).toBe('2');
    const codes = preview.getByRole('region', { name: /^Codes/ });
    expect(await codes.getByText('1 not matched').count()).toBe(1);
    expect(await codes.getByRole('rowheader', { name: NEW_CODE_NAME }).count()).toBe(1);
    expect(await codes.getByRole('combobox', { name: `What to do with “${NEW_CODE_NAME}”` }).inputValue()).toBe('add');
    const codings = preview.getByRole('region', { name: /^Codings to add/ });
    const carolRow = codings.getByRole('row', { name: /Carol Diaz/ });
    expect(await carolRow.textContent()).toContain('New coder');
    expect(await carolRow.getByRole('cell').textContent()).toBe('2');
    expect(await codings.getByText(`${sample.codings.length} codings already in this project will not be added again.`).count()).toBe(1);
    await clearToasts(page);
    await screenshot(page, 'team-merge-preview-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'team-merge-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await preview.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { name: 'Merged “carol-diaz.qdpx”' }).waitFor();

    // In the workspace: the new code with its coding, and P03's two new codings.
    await tab(page, 'Coding').click();
    await codebook(page).getByRole('button', { name: NEW_CODE_NAME }).waitFor();
    expect(await codebook(page).getByRole('treeitem').count()).toBe(31);
    await expect.poll(() => codingsShown(page, 'P03')).toBe(before + 2);

    // The same file again: nothing to change.
    await tab(page, 'Team').click();
    await chooseFile(page, 'Merge another file…', colleagueFile);
    await preview.getByText('Nothing to change', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await preview.getByRole('button', { name: 'Merge', exact: true }).isDisabled()).toBe(true);
    await clearToasts(page);
    await screenshot(page, 'team-merge-nothing');
    await preview.getByRole('button', { name: 'Close' }).click();

    // One Ctrl+Z takes the whole merge back.
    await page.keyboard.press('Control+z');
    await page.locator('.toast', { hasText: 'Undone: Merge “carol-diaz.qdpx”' }).waitFor();
    await tab(page, 'Coding').click();
    await codebook(page).getByRole('button', { name: NEW_CODE_NAME }).waitFor({ state: 'detached' });
    expect(await codebook(page).getByRole('treeitem').count()).toBe(30);
    await expect.poll(() => codingsShown(page, 'P03')).toBe(before);
  });

  it('leaves the decisions to the user: maps a misspelt code, takes one of two differences, lists what cannot be placed', async () => {
    const { page } = app;
    const exported = (await readQdpx(new Uint8Array(readFileSync(projectFile)), 'project.qdpx')).project;
    const reviewFile = join(folder, 'ben-review.qdpx');
    writeFileSync(reviewFile, writeQdpx(reviseAsReviewer(exported)));
    const jargon = exported.codes.find((c) => c.name === REVIEWED_CODE)!;
    const p02Before = await codingsShown(page, 'P02');
    const p05Before = await codingsShown(page, 'P05');

    await tab(page, 'Team').click();
    await chooseFile(page, 'Choose a file to merge…', reviewFile);
    const preview = page.getByRole('region', { name: 'Merge preview' });
    await preview.getByText('Merging adds 1 new code and 1 coding. 2 differences for you to decide.').waitFor({ timeout: 30_000 });
    const tile = (label: string) => preview.getByRole('list', { name: 'Summary' }).getByRole('listitem').filter({ hasText: label }).locator('.merge-tile-value');
    expect(await tile('Differences').textContent()).toBe('2');
    expect(await tile('Unplaced codings').textContent()).toBe('1');

    // The misspelt code: the engine suggests the real one; map onto it and no code is added.
    const choice = preview.getByRole('combobox', { name: `What to do with “${TYPO_CODE}”` });
    expect(await choice.locator('optgroup[label="Similar codes here"] option').allTextContents()).toEqual([
      expect.stringMatching(/^Map to “Partnership with parents and carers\/Language and jargon” \(\d+% alike\)$/),
    ]);
    await choice.selectOption(`map:${jargon.id}`);
    await expect.poll(() => tile('New codes').textContent()).toBe('0');

    // Two differences on the same code: take their colour, keep my definition.
    const differences = preview.getByRole('region', { name: /^Differences to decide/ });
    const colour = differences.getByRole('group', { name: /Language and jargon · Colour/ });
    expect(await colour.getByRole('radio', { name: /Keep mine/ }).isChecked()).toBe(true);
    await colour.getByRole('radio', { name: /Take theirs/ }).check();
    await preview.getByText('Merging adds 1 coding, and updates 1 record already here. 2 differences for you to decide.').waitFor();
    expect(await differences.getByRole('group', { name: /Language and jargon · Definition/ }).getByRole('radio', { name: /Keep mine/ }).isChecked()).toBe(true);

    const documents = preview.getByRole('region', { name: /^Documents/ });
    expect(await documents.getByRole('row', { name: /P05 Family support worker/ }).textContent()).toContain('Edited');
    const unplaced = preview.getByRole('region', { name: /^Codings that cannot be placed/ });
    expect(await unplaced.getByRole('row', { name: /P05 Family support worker/ }).textContent()).toContain(ADDED_SENTENCE);
    await clearToasts(page);
    await differences.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-merge-differences');

    await preview.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { name: 'Merged “ben-review.qdpx”' }).waitFor();
    await tab(page, 'Coding').click();
    const swatch = codebook(page).getByRole('treeitem', { name: REVIEWED_CODE }).locator('.swatch').first();
    await expect.poll(() => swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(204, 102, 119)');
    expect(await codebook(page).getByRole('treeitem').count()).toBe(30);
    await expect.poll(() => codingsShown(page, 'P02')).toBe(p02Before + 1);
    expect(await codingsShown(page, 'P05')).toBe(p05Before);

    // Undo from the Team view, then Redo from the keyboard: the whole merge goes and comes back.
    await tab(page, 'Team').click();
    await page.getByRole('button', { name: 'Undo merge', exact: true }).click();
    await page.getByRole('heading', { name: 'Merge of “ben-review.qdpx” undone' }).waitFor();
    await expect.poll(() => page.getByTestId('figure-codings').textContent()).toBe(String(sample.codings.length));
    await page.keyboard.press('Control+Shift+z');
    await page.getByRole('heading', { name: 'Merged “ben-review.qdpx”' }).waitFor();
    await expect.poll(() => page.getByTestId('figure-codings').textContent()).toBe(String(sample.codings.length + 1));
  });

  it('shows its progress while a large file is read, and cancelling leaves the project as it was', async () => {
    const { page } = app;
    // Every transcript forty times over: a file that takes a while to read and compare.
    const exported = (await readQdpx(new Uint8Array(readFileSync(projectFile)), 'project.qdpx')).project;
    const large: ProjectData = {
      ...exported,
      texts: exported.texts.map((t) => ({ ...t, text: Array.from({ length: 40 }, () => t.text).join('\n\n') })),
    };
    large.documents = exported.documents.map((d) => ({ ...d, length: large.texts.find((t) => t.id === d.id)!.text.length }));
    const largeFile = join(folder, 'large-team-file.qdpx');
    writeFileSync(largeFile, writeQdpx(large));

    await tab(page, 'Team').click();
    // The sample's codings and the reviewer's one merged coding.
    const codingsBefore = String(sample.codings.length + 1);
    await expect.poll(() => page.getByTestId('figure-codings').textContent()).toBe(codingsBefore);
    await page.getByRole('button', { name: 'Merge another file…' }).waitFor();
    await chooseFile(page, 'Merge another file…', largeFile);
    const progress = page.getByRole('progressbar');
    await progress.waitFor();
    expect(await page.getByRole('heading', { name: 'Preparing the preview' }).count()).toBe(1);
    await clearToasts(page);
    await screenshot(page, 'team-merge-reading');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Merge a colleague’s file' }).waitFor();
    expect(await page.getByTestId('figure-codings').textContent()).toBe(codingsBefore);
  });

  it('remembers which code a colleague’s code was merged into, and offers it at their next file', async () => {
    const { page } = app;
    const exported = (await readQdpx(new Uint8Array(readFileSync(projectFile)), 'project.qdpx')).project;
    const jargon = exported.codes.find((c) => c.name === REVIEWED_CODE)!;
    const reviewFile = join(folder, 'ben-review-2.qdpx');
    writeFileSync(reviewFile, writeQdpx(reviseAsReviewer(exported)));
    await chooseFile(page, 'Choose a file to merge…', reviewFile);
    const preview = page.getByRole('region', { name: 'Merge preview' });
    const choice = preview.getByRole('combobox', { name: `What to do with “${TYPO_CODE}”` });
    await choice.waitFor({ timeout: 30_000 });
    await expect.poll(() => choice.inputValue()).toBe(`map:${jargon.id}`);
    const row = preview.getByRole('row', { name: new RegExp(TYPO_CODE) });
    expect(await row.locator('.merge-remembered').textContent()).toBe('as in the last merge of this code');
    const tile = (label: string) => preview.getByRole('list', { name: 'Summary' }).getByRole('listitem').filter({ hasText: label }).locator('.merge-tile-value');
    expect(await tile('New codes').textContent()).toBe('0');
    await clearToasts(page);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-merge-remembered');
    // Choosing otherwise is the user's choice: the note goes.
    await choice.selectOption('add');
    await expect.poll(() => row.locator('.merge-remembered').count()).toBe(0);
    await expect.poll(() => tile('New codes').textContent()).toBe('1');
    await preview.getByRole('button', { name: /^(Cancel|Close)$/ }).click();
    await page.getByRole('heading', { name: 'Merge a colleague’s file' }).waitFor();
  });

  it('imports a real NVivo 12.6 project, and refuses a broken file by name', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await chooseFile(page, 'Import project (.qdpx)', NVIVO);
    await page.getByRole('heading', { name: 'nvivo-12.6-win_oltas' }).waitFor({ timeout: 30_000 });
    await tab(page, 'Coding').click();
    await expect.poll(() => documentItems(page).count()).toBe(1);
    await expect.poll(() => codingsShown(page, '')).toBe(97);
    await tab(page, 'Team').click();
    await expect.poll(() => page.getByTestId('figure-codings').textContent()).toBe('97');

    const broken = join(folder, 'broken.qdpx');
    writeFileSync(broken, 'this is not a REFI-QDA project');
    await page.getByRole('button', { name: 'All projects' }).click();
    await chooseFile(page, 'Import project (.qdpx)', broken);
    const error = page.locator('.toast-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Could not import broken\.qdpx: /);
    await screenshot(page, 'team-import-error');
    // Nothing half-made: the list still has the sample and the two imported projects.
    expect(await page.getByRole('list', { name: 'Projects' }).getByRole('listitem').count()).toBe(3);
  });

  it('made no request outside the app and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.errors, app.errors.join('\n')).toEqual([]);
  });
});
