import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, screenshot } from './browser';

const REAL = resolve(import.meta.dirname, '../../../shared/fixtures/real');

/** Drops files onto the workspace the way a user dragging them from the file manager would. */
async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: [...f.bytes] }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) dt.items.add(new File([new Uint8Array(item.data)], item.name));
    return dt;
  }, payload);
  const target = page.locator('.workspace');
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

describe('importing transcripts by drag and drop', () => {
  const app = appForSuite();

  it('imports several real files, refuses a bad one by name, and keeps them after a reload', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a new project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Imported interviews');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Imported interviews' }).waitFor();

    await dropFiles(page, [
      { name: 'zoom_lesson_PLC_Fishbowl.vtt', bytes: readFileSync(resolve(REAL, 'zoom_lesson_PLC_Fishbowl.vtt')) },
      { name: 'mammoth_comments.docx', bytes: readFileSync(resolve(REAL, 'mammoth_comments.docx')) },
      { name: 'webvtt-py_sample.srt', bytes: readFileSync(resolve(REAL, 'webvtt-py_sample.srt')) },
      { name: 'broken.docx', bytes: Buffer.from('this is not a word document at all') },
    ]);
    // The preview reads every file first; the broken one is shown as not importable.
    const preview = page.getByRole('dialog', { name: 'Import 4 files' });
    await preview.getByRole('button', { name: 'Import 3 files' }).click({ timeout: 30_000 });
    const panel = page.getByRole('region', { name: 'Import' });
    await panel.getByText('Imported 3 of 4; 1 not imported').waitFor({ timeout: 30_000 });
    expect(await panel.locator('.import-failed .import-message').textContent()).toMatch(/^broken\.docx: /);
    await screenshot(page, 'import-summary');

    const documents = page.getByRole('navigation', { name: 'Documents' }).locator('.document-item');
    await expect.poll(() => documents.count()).toBe(3);
    await documents.filter({ hasText: 'zoom_lesson_PLC_Fishbowl' }).click();
    const reader = page.getByRole('main', { name: /^Transcript: zoom_lesson_PLC_Fishbowl/ });
    await reader.waitFor();
    // A Zoom recording of one teacher: every cue is the same speaker, joined into one turn with its start time.
    expect(await reader.locator('.speaker').allTextContents()).toEqual(['Caleob King']);
    expect(await reader.locator('.turn-meta time').first().textContent()).toBe('00:04');
    expect(await reader.locator('.turn-text').first().textContent()).toMatch(/^Hello, everybody, I hope you're doing all right\./);

    // Each file was one command: one undo removes the last imported file, redo brings it back.
    await page.locator('.reader-body').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => documents.count()).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => documents.count()).toBe(3);

    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').count()).toBe(3);
  });
});
