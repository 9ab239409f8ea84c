import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, screenshot } from './browser';

const memoList = (page: Page) => page.getByRole('navigation', { name: 'Memos' });
const saveStatus = (page: Page) => page.getByTestId('memo-save-status');

describe('memos and the reflexive journal', () => {
  const app = appForSuite();

  it('lists the sample project memo and journal entry under Memos & journal', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Memos & journal' }).click();
    const list = memoList(page);
    await list.getByRole('button', { name: /First read-through/ }).waitFor();
    expect(await list.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Journal1', 'Project1']);
    await list.getByRole('button', { name: /About this sample project/ }).waitFor();
    await page.getByText('Choose a memo to read and edit it').waitFor();
    await screenshot(page, 'memos-overview-light');
  });

  it('finds the journal entry by a word in its text and highlights it', async () => {
    const { page } = app;
    const list = memoList(page);
    // Ctrl+F reaches the search box from anywhere in the view.
    await page.locator('.memo-detail').click();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('Sympathetic');
    expect(await page.getByRole('searchbox', { name: 'Search memos' }).inputValue()).toBe('Sympathetic');
    await expect.poll(() => list.locator('.memo-item').count()).toBe(1);
    expect(await list.locator('.memo-item mark').allTextContents()).toEqual(['sympathetic']);
    await page.getByRole('status').filter({ hasText: '1 memo shown' }).waitFor();

    await list.getByRole('button', { name: /First read-through/ }).click();
    const editor = page.getByRole('textbox', { name: 'Journal entry text' });
    await expect.poll(() => editor.textContent()).toContain('My own years as a social worker make me sympathetic to the chair');
    // The match is painted in the editor without changing its text.
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('memo-search')?.size ?? 0)).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Entry title' }).inputValue()).toBe('First read-through');
    expect(await page.getByLabel('Entry date').inputValue()).toBe('2026-06-03');
    await screenshot(page, 'memos-search-light');

    await page.getByRole('searchbox', { name: 'Search memos' }).fill('no such word anywhere');
    await page.getByText('No memo mentions “no such word anywhere”.').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => list.locator('.memo-item').count()).toBe(2);
  });

  it('writes a journal entry with bold text from the keyboard, saved as one undoable step, and keeps it after a reload', async () => {
    const { page } = app;
    const list = memoList(page);
    await page.getByRole('button', { name: 'New journal entry' }).first().click();
    const title = page.getByRole('textbox', { name: 'Entry title' });
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    // Dated today, on the user's calendar.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(await page.getByLabel('Entry date').inputValue()).toBe(today);
    // The new entry's title takes the focus by itself; wait for it rather than racing it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type('After the police interviews');

    const editor = page.getByRole('textbox', { name: 'Journal entry text' });
    await editor.click();
    await page.keyboard.type('The officers spoke of ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('risk');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' where others spoke of need.');
    await saveStatus(page).filter({ hasText: /^Saved$/ }).waitFor();
    expect(await editor.locator('.memo-bold').allTextContents()).toEqual(['risk']);
    expect(await page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');
    await list.getByRole('button', { name: /After the police interviews/ }).waitFor();

    // The whole paragraph was one save, so one Undo removes all of it and one Redo brings it back.
    const undo = page.getByRole('button', { name: 'Undo Edit journal entry “After the police interviews”' });
    await undo.click();
    await expect.poll(() => editor.textContent()).toBe('');
    await page.locator('.toast', { hasText: 'Undone: Edit journal entry “After the police interviews”' }).waitFor();
    await page.getByRole('button', { name: 'Redo Edit journal entry “After the police interviews”' }).click();
    await expect.poll(() => editor.textContent()).toBe('The officers spoke of risk where others spoke of need.');
    // The title survived the undo: it was its own step.
    expect(await page.getByRole('textbox', { name: 'Entry title' }).inputValue()).toBe('After the police interviews');

    // An earlier date moves the entry below the older one: newest first.
    await page.getByLabel('Entry date').fill('2026-05-28');
    await page.getByLabel('Entry date').press('Enter');
    const journal = list.getByRole('region', { name: /^Journal/ });
    await expect.poll(() => journal.locator('.memo-item-title').allTextContents()).toEqual(['First read-through', 'After the police interviews']);
    expect(await journal.locator('.memo-item-date').allTextContents()).toEqual(['3 Jun 2026', '28 May 2026']);
    await screenshot(page, 'memos-journal-light');

    await page.reload();
    await list.getByRole('button', { name: /After the police interviews/ }).click();
    const reloaded = page.getByRole('textbox', { name: 'Journal entry text' });
    await expect.poll(() => reloaded.textContent()).toBe('The officers spoke of risk where others spoke of need.');
    const bold = reloaded.locator('.memo-bold');
    expect(await bold.allTextContents()).toEqual(['risk']);
    expect(Number(await bold.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(700);
    expect(await page.getByLabel('Entry date').inputValue()).toBe('2026-05-28');
  });

  it('deletes a memo and brings it back with Undo', async () => {
    const { page } = app;
    const list = memoList(page);
    await list.getByRole('button', { name: /About this sample project/ }).click();
    await page.getByRole('button', { name: 'Delete memo About this sample project' }).click();
    await list.getByRole('button', { name: /About this sample project/ }).waitFor({ state: 'detached' });
    const toast = page.locator('.toast', { hasText: 'Deleted About this sample project' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await list.getByRole('button', { name: /About this sample project/ }).waitFor();
    // Brought back whole and selected again.
    await expect.poll(() => page.getByRole('textbox', { name: 'Memo text' }).textContent()).toContain('Seventeen synthetic interviews');
    expect(await page.getByRole('textbox', { name: 'Memo title' }).inputValue()).toBe('About this sample project');
  });

  it('formats with the toolbar: a heading and a bulleted list, with their state shown and the arrow keys moving along it', async () => {
    const { page } = app;
    const list = memoList(page);
    await list.getByRole('button', { name: /About this sample project/ }).click();
    const editor = page.getByRole('textbox', { name: 'Memo text' });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Heading' }).click();
    await page.keyboard.type('Questions for the team');
    expect(await toolbar.getByRole('button', { name: 'Heading' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Who decides?');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Who is told?');
    expect(await toolbar.getByRole('button', { name: 'Bulleted list' }).getAttribute('aria-pressed')).toBe('true');
    expect(await toolbar.getByRole('button', { name: 'Heading' }).getAttribute('aria-pressed')).toBe('false');
    await saveStatus(page).filter({ hasText: /^Saved$/ }).waitFor();
    expect(await editor.locator('h3').allTextContents()).toEqual(['Questions for the team']);
    expect(await editor.locator('ul > li').allTextContents()).toEqual(['Who decides?', 'Who is told?']);
    await screenshot(page, 'memos-formatting-light');

    // The stored plain text keeps the list's bullets: search finds it and the snippet shows them.
    await page.getByRole('searchbox', { name: 'Search memos' }).fill('who decides');
    await expect.poll(() => list.locator('.memo-item-snippet').allTextContents()).toEqual([expect.stringContaining('Questions for the team • Who decides? • Who is told?')]);
    await page.getByRole('searchbox', { name: 'Search memos' }).fill('');

    // One tab stop for the toolbar; arrows move between its buttons.
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Numbered list');
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
  });

  it('writes a document memo from the transcript header and finds it among all memos', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Coding' }).click();
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').first().click();
    const reader = page.getByRole('main', { name: /^Transcript: P01/ });
    await reader.waitFor();
    const documentName = (await reader.getByRole('heading', { level: 2 }).first().textContent())!;
    await reader.getByRole('button', { name: 'Document memo' }).click();
    const drawer = page.getByRole('dialog', { name: documentName });
    await drawer.waitFor();
    // The writing area takes the focus by itself (wait for it: a loaded machine may take a frame or two).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.isContentEditable ?? false)).toBe(true);
    await page.keyboard.type('Dawn chairs with care; ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('who speaks for the parents?');
    await drawer.getByTestId('memo-save-status').filter({ hasText: /^Saved$/ }).waitFor();
    await screenshot(page, 'memo-drawer-light');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    const button = reader.getByRole('button', { name: 'Document memo (written)' });
    await button.waitFor();
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('tab', { name: 'Memos & journal' }).click();
    const list = memoList(page);
    const documents = list.getByRole('region', { name: /^Documents/ });
    const item = documents.getByRole('button', { name: new RegExp(documentName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await item.waitFor();
    expect(await item.locator('.memo-item-snippet').textContent()).toBe('Dawn chairs with care; who speaks for the parents?');
    await item.click();
    expect(await page.getByRole('textbox', { name: 'Memo text' }).locator('.memo-italic').allTextContents()).toEqual(['who speaks for the parents?']);
    await page.locator('.memo-detail-context').getByText(documentName).waitFor();
  });

  it('shows what a memo is attached to: a code by name, a coding by its passage', async () => {
    const { page } = app;
    // Memos on codes and codings are written from the coding view; here two are stored directly, as an import would.
    const stored = await page.evaluate(async () => {
      interface Coding { id: string; codeId: string; documentId: string; start: number; end: number }
      const projectId = (JSON.parse(localStorage.getItem('tessera-ui')!) as { state: { openProjectId: string } }).state.openProjectId;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`tessera-project-${projectId}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const read = <T,>(store: string, key?: string) =>
        new Promise<T>((resolve, reject) => {
          const source = db.transaction(store).objectStore(store);
          const request = key === undefined ? source.getAll() : source.get(key);
          request.onsuccess = () => resolve(request.result as T);
          request.onerror = () => reject(request.error);
        });
      const coding = (await read<Coding[]>('codings')).find((c) => c.end - c.start > 60 && c.end - c.start < 300)!;
      const code = await read<{ id: string; name: string }>('codes', coding.codeId);
      const document = await read<{ name: string }>('documents', coding.documentId);
      const text = await read<{ text: string }>('texts', coding.documentId);
      const now = Date.now();
      const memo = (id: string, targetType: string, targetId: string, title: string, plainText: string) =>
        ({ id, targetType, targetId, title, content: '', plainText, createdAt: now, updatedAt: now });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('memos', 'readwrite');
        tx.objectStore('memos').put(memo('memo-on-coding', 'coding', coding.id, 'Who holds the risk', 'The chair names the risk; the parent carries it.'));
        tx.objectStore('memos').put(memo('memo-on-code', 'code', code.id, '', 'Use when a speaker describes who decides.'));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return { code: code.name, document: document.name, passage: text.text.slice(coding.start, coding.end).replace(/\s+/g, ' ').trim() };
    });
    await page.reload();
    const list = memoList(page);
    await list.getByRole('button', { name: /^Codings/ }).click();
    await expect.poll(() => list.locator('.memo-item').count()).toBe(1);
    const item = list.getByRole('button', { name: /Who holds the risk/ });
    expect(await item.locator('.memo-item-target').textContent()).toBe(`“${stored.code}” in ${stored.document}`);
    await item.click();
    await page.getByRole('blockquote').or(page.locator('.memo-passage')).first().waitFor();
    expect(await page.locator('.memo-passage').textContent()).toBe(stored.passage);
    expect(await page.locator('.memo-attached').textContent()).toBe(`on “${stored.code}” in ${stored.document}`);
    // Stored without rich content: the plain text is shown, and nothing is saved until the user writes.
    expect(await page.getByRole('textbox', { name: 'Memo text' }).textContent()).toBe('The chair names the risk; the parent carries it.');
    await screenshot(page, 'memos-coding-light');

    await list.getByRole('button', { name: /^Codes/ }).click();
    const codeItem = list.locator('.memo-item');
    await expect.poll(() => codeItem.count()).toBe(1);
    expect(await codeItem.locator('.memo-item-title').textContent()).toBe('Untitled memo');
    expect(await codeItem.locator('.memo-item-target').textContent()).toBe(stored.code);
    await list.getByRole('button', { name: /^All/ }).click();
    expect(await page.getByTestId('memo-save-status').textContent()).toBe('');
  });

  it('looks right in the dark and made no request outside the app', async () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.errors, app.errors.join('\n')).toEqual([]);
    await app.restart({ colorScheme: 'dark' });
    const { page } = app;
    const list = memoList(page);
    await list.getByRole('button', { name: /After the police interviews/ }).click();
    await page.getByRole('textbox', { name: 'Journal entry text' }).locator('.memo-bold').waitFor();
    await screenshot(page, 'memos-journal-dark');
    await page.getByRole('tab', { name: 'Coding' }).click();
    await page.getByRole('button', { name: 'Document memo (written)' }).click();
    await page.locator('.memo-drawer .memo-italic').waitFor();
    await screenshot(page, 'memo-drawer-dark');
    expect(app.foreignRequests).toEqual([]);
    expect(app.errors, app.errors.join('\n')).toEqual([]);
  });
});
