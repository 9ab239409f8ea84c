import { describe, expect, it } from 'vitest';
import { appForSuite } from './browser';

describe('plain exports are leak-checked against the pseudonym table', () => {
  const app = appForSuite();

  it('refuses to save a project export that still names a child in the table, and saves once none is left', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Confidentiality', exact: true }).click();
    const list = page.getByRole('list', { name: 'Suggestions' });
    await list.waitFor({ timeout: 30_000 });
    await list.getByRole('button', { name: 'Accept Kayden', exact: true }).click();
    await list.getByRole('button', { name: 'Accept Kayden', exact: true }).waitFor({ state: 'detached' });

    // Not yet applied: the texts still say Kayden, so a plain export is refused with the name given.
    await page.getByRole('tab', { name: 'Team', exact: true }).click();
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByRole('button', { name: 'Export project (.qdpx)' }).click();
    const alert = page.locator('.toast-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Not saved: .* still contains real names from the pseudonym table: “Kayden”/);
    expect(downloaded).toBe(false);

    // The codebook holds no names, so it saves.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export codebook (.qdc)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.qdc$/);
  });
});
