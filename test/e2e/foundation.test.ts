import { describe, expect, it } from 'vitest';
import { appForSuite, screenshot } from './browser';

describe('foundation: projects persist, the sample opens, changes undo', () => {
  const app = appForSuite();

  it('opens on a welcoming empty state', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    await screenshot(page, 'project-list-empty');
  });

  it('creates a project, adds a code, undoes and redoes it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a new project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Pilot study');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Pilot study' }).waitFor();
    await page.getByText('No documents yet.').waitFor();

    await page.getByRole('textbox', { name: 'New code name' }).fill('Building trust');
    await page.getByRole('button', { name: 'Add code' }).click();
    const tree = page.getByRole('tree', { name: 'Codes' });
    await tree.getByRole('button', { name: 'Building trust' }).waitFor();
    await page.getByTestId('save-status').filter({ hasText: /Saved at/ }).waitFor();

    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+z');
    await tree.getByRole('button', { name: 'Building trust' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await tree.getByRole('button', { name: 'Building trust' }).waitFor();

    // Rename through the codebook (double-click), then undo with the toolbar button.
    await tree.getByRole('button', { name: 'Building trust' }).dblclick();
    await page.getByRole('textbox', { name: 'New name for Building trust' }).fill('Trust in professionals');
    await page.keyboard.press('Enter');
    await tree.getByRole('button', { name: 'Trust in professionals' }).waitFor();
    await page.getByRole('button', { name: /^Undo Rename code/ }).click();
    await tree.getByRole('button', { name: 'Building trust' }).waitFor();
  });

  it('opens the sample project from the project list and reads a transcript', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await page.getByRole('button', { name: 'Open sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    const documents = page.getByRole('navigation', { name: 'Documents' }).locator('.document-item');
    await expect.poll(() => documents.count()).toBe(17);
    await documents.first().click();
    const reader = page.getByRole('main', { name: /^Transcript: P01/ });
    await reader.waitFor();
    expect(await reader.locator('.speaker').first().textContent()).toBe('Interviewer');
    expect(await reader.locator('.speaker', { hasText: 'Dawn' }).count()).toBeGreaterThan(5);
    // Codings are painted over the text.
    await expect.poll(() => page.evaluate(() => CSS.highlights.size)).toBeGreaterThan(0);
    const codebook = page.getByRole('tree', { name: 'Codes' });
    expect(await codebook.getByRole('treeitem').count()).toBeGreaterThanOrEqual(30);
    expect(await page.getByRole('region', { name: 'Themes' }).getByRole('heading', { level: 3 }).count()).toBe(3);
    await screenshot(page, 'workspace-sample-light');
  });

  it('finds everything still there after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    await page.getByRole('button', { name: 'All projects' }).click();
    const cards = page.getByRole('list', { name: 'Projects' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(2);
    await screenshot(page, 'project-list');
  });

  it('finds everything again after the browser restarts with the same profile', async () => {
    await app.restart({ colorScheme: 'dark' });
    const { page } = app;
    const cards = page.getByRole('list', { name: 'Projects' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(2);
    await page.getByRole('button', { name: 'Open Pilot study' }).click();
    await page.getByRole('tree', { name: 'Codes' }).getByRole('button', { name: 'Building trust' }).waitFor();
    await page.getByRole('button', { name: 'All projects' }).click();
    await page.getByRole('button', { name: /^Open Multi-agency meetings/ }).click();
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').nth(2).click();
    await page.getByRole('main', { name: /^Transcript: P03/ }).waitFor();
    await screenshot(page, 'workspace-sample-dark');
  });

  it('made no request outside the app and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.errors, app.errors.join('\n')).toEqual([]);
  });
});

describe('project list: rename, duplicate, delete with undo', () => {
  const app = appForSuite();

  it('renames, duplicates and deletes a project, and brings it back with Undo', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New project', exact: true }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Forum notes');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Forum notes' }).waitFor();
    await page.getByRole('button', { name: 'All projects' }).click();

    await page.getByRole('button', { name: 'Rename Forum notes' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Practice forum notes');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('button', { name: 'Open Practice forum notes' }).waitFor();

    await page.getByRole('button', { name: 'Duplicate Practice forum notes' }).click();
    await page.getByRole('button', { name: 'Open Practice forum notes (copy)' }).waitFor();

    await page.getByRole('button', { name: 'Delete Practice forum notes (copy)' }).click();
    await page.getByRole('dialog', { name: 'Delete project?' }).waitFor();
    await page.getByRole('button', { name: 'Delete project' }).click();
    await page.getByRole('button', { name: 'Open Practice forum notes (copy)' }).waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Deleted' }).getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Open Practice forum notes (copy)' }).waitFor();
    const cards = page.getByRole('list', { name: 'Projects' }).getByRole('listitem');
    expect(await cards.count()).toBe(2);
  });
});
