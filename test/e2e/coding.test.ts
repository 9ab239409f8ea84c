import { beforeAll, describe, expect, it } from 'vitest';
import { appForSuite, screenshot } from './browser';
import { highlightedTexts, selectWithMouse } from './text-selection';

describe('coding a transcript', () => {
  const app = appForSuite();

  beforeAll(async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').nth(1).click();
    await page.getByRole('main', { name: /^Transcript: P02/ }).waitFor();
  });

  const palette = () => app.page.getByRole('dialog', { name: 'Apply a code' });
  let phraseA = '';
  let phraseB = '';
  let phraseAB = '';

  it('asks who is coding once, then applies an existing code to words selected with the mouse', async () => {
    const { page } = app;
    // Show only my codings so the test sees exactly what it adds.
    await selectWithMouse(page, 'Marcus');
    await palette().waitFor();
    await page.keyboard.type('jarg');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('Sam Taylor');
    await dialog.getByRole('button', { name: 'Code as Sam Taylor' }).click();
    await page.getByRole('button', { name: /Coding as Sam Taylor/ }).waitFor();
    await page.getByRole('button', { name: /^Show codings/ }).click();
    await page.getByRole('radio', { name: 'Only mine' }).check();
    await page.getByRole('button', { name: /^Show codings/ }).click();
    await expect.poll(() => highlightedTexts(page)).toEqual(['Marcus']);
  });

  it('creates a new code from the palette and overlaps two codings', async () => {
    const { page } = app;
    const first = (await page.locator('p.turn-text').nth(3).textContent())!;
    const words = first.split(' ');
    phraseA = words.slice(0, 6).join(' ');
    phraseB = words.slice(3, 10).join(' ');
    phraseAB = words.slice(0, 10).join(' ');
    await selectWithMouse(page, phraseA);
    await palette().waitFor();
    await page.keyboard.type('Police perspective');
    await page.getByRole('option', { name: /Create code “Police perspective”/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('tree', { name: 'Codes' }).getByRole('button', { name: 'Police perspective' }).waitFor();

    await selectWithMouse(page, phraseB);
    await palette().waitFor();
    await page.keyboard.press('1'); // the most recent code
    await expect.poll(async () => (await highlightedTexts(page)).length).toBe(3);
    const texts = await highlightedTexts(page);
    expect(texts).toContain(phraseA);
    expect(texts).toContain(phraseB);
    // The margin follows a frame after the highlights: one stripe for each coding.
    const stripes = page.getByRole('group', { name: 'Coding stripes' }).getByRole('button', { name: /^Police perspective · ST/ });
    await expect.poll(() => stripes.count()).toBe(2);
    await screenshot(page, 'coding-overlap');
  });

  it('undoes and redoes codings, then finds them after a reload', async () => {
    const { page } = app;
    // The codebook's counts follow each change (counted again from the changed codings only).
    const counts = page
      .getByRole('tree', { name: 'Codes' })
      .getByRole('treeitem')
      .filter({ has: page.getByRole('button', { name: 'Police perspective', exact: true }) })
      .locator('.code-counts')
      .first();
    await expect.poll(() => counts.getAttribute('title')).toBe('2 codings in 1 document, 1 participant');
    await page.locator('.reader-body').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await highlightedTexts(page)).length).toBe(2);
    await expect.poll(() => counts.getAttribute('title')).toBe('1 coding in 1 document, 1 participant');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await highlightedTexts(page)).length).toBe(3);
    await expect.poll(() => counts.getAttribute('title')).toBe('2 codings in 1 document, 1 participant');
    await page.reload();
    await page.getByRole('main', { name: /^Transcript: P02/ }).waitFor();
    await expect.poll(async () => (await highlightedTexts(page)).length).toBe(3);
  });

  it('corrects the text before a coding and the coding stays on the same words', async () => {
    const { page } = app;
    const before = await highlightedTexts(page);
    const turn = page.locator('.turn').nth(3);
    await turn.hover();
    await turn.getByRole('button', { name: /^Correct the text of this turn/ }).click();
    const box = page.getByRole('textbox', { name: 'Corrected text of the turn' });
    const original = await box.inputValue();
    await box.fill(`Well, to be honest. ${original}`);
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => turn.locator('p.turn-text').textContent()).toBe(`Well, to be honest. ${original}`);
    await expect.poll(() => highlightedTexts(page)).toEqual(before);
    await page.reload();
    await page.getByRole('main', { name: /^Transcript: P02/ }).waitFor();
    await expect.poll(() => highlightedTexts(page)).toEqual(before);
    expect(await page.locator('.turn').nth(3).locator('p.turn-text').textContent()).toBe(`Well, to be honest. ${original}`);
  });

  it('drags a coding’s end boundary across the text', async () => {
    const { page } = app;
    const stripes = page.getByRole('group', { name: 'Coding stripes' }).getByRole('button', { name: /^Police perspective · ST/ });
    // The stripe of the first (shorter) coding: open it, then drag its end handle to the end of the second phrase.
    const boxes = await stripes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    await stripes.nth(boxes[0]! <= boxes[1]! ? 0 : 1).click();
    await page.getByRole('dialog', { name: 'Codings here' }).waitFor();
    await page.keyboard.press('Escape');
    const handle = page.getByRole('slider', { name: 'Drag to move the end of the coding' });
    const from = (await handle.boundingBox())!;
    const to = await page.evaluate((phrase) => {
      const p = [...document.querySelectorAll('p.turn-text')].find((el) => el.textContent!.includes(phrase))!;
      const node = p.firstChild!;
      const at = node.textContent!.indexOf(phrase) + phrase.length;
      const range = new Range();
      range.setStart(node, at - 1);
      range.setEnd(node, at);
      const r = range.getClientRects()[0]!;
      return { x: r.right - 1, y: r.top + r.height / 2 };
    }, phraseB);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => highlightedTexts(page)).toContain(phraseAB);
    await page.keyboard.press('Control+z');
    await expect.poll(() => highlightedTexts(page)).toContain(phraseA);
  });

  it('shows a coding’s code, coder and time on click, and removes it', async () => {
    const { page } = app;
    const stripe = page.getByRole('group', { name: 'Coding stripes' }).getByRole('button', { name: /^Language and jargon · ST/ });
    await stripe.click();
    const popover = page.getByRole('dialog', { name: 'Codings here' });
    await popover.waitFor();
    expect(await popover.textContent()).toContain('Sam Taylor (ST)');
    await popover.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await highlightedTexts(page)).length).toBe(2);
  });

  it('shows everyone’s codings again, densely coded, in light and dark', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Show codings/ }).click();
    await page.getByRole('radio', { name: 'All coders' }).check();
    await page.getByRole('button', { name: /^Show codings/ }).click();
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item').first().click();
    await page.getByRole('main', { name: /^Transcript: P01/ }).waitFor();
    await page.locator('.turn').nth(8).scrollIntoViewIfNeeded();
    await screenshot(page, 'coding-dense-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'coding-dense-dark');
    expect(app.errors).toEqual([]);
  });
});
