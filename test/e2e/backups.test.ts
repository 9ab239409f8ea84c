import { describe, expect, it } from 'vitest';
import { appForSuite, screenshot } from './browser';

describe('backups', () => {
  const app = appForSuite();

  it('snapshots a changed project when it closes and before it is deleted, and restores one as a new project', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a new project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Case file audit');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'New code name' }).fill('Weak planning');
    await page.getByRole('button', { name: 'Add code' }).click();
    await page.getByRole('tree', { name: 'Codes' }).getByRole('button', { name: 'Weak planning' }).waitFor();
    await page.getByRole('button', { name: 'All projects' }).click();

    await page.getByRole('button', { name: 'Backups', exact: true }).click();
    const table = page.getByRole('table', { name: 'Backups' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2); // header + 1 snapshot
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Automatic');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('button', { name: 'Delete Case file audit' }).click();
    await page.getByRole('button', { name: 'Delete project' }).click();
    await page.getByRole('button', { name: 'Open Case file audit' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Backups', exact: true }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Before delete');
    await screenshot(page, 'backups');
    await table.getByRole('button', { name: /^Restore Case file audit/ }).first().click();
    await page.getByRole('heading', { name: /^Case file audit \(restored from / }).waitFor();
    await page.getByRole('tree', { name: 'Codes' }).getByRole('button', { name: 'Weak planning' }).waitFor();
  });
});
