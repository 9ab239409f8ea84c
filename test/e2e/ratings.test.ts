import { describe, expect, it } from 'vitest';
import { appForSuite, screenshot } from './browser';

// Two readers rating eight case files on the six-point quality scale (one file left unrated by reader B).
const SCALE = ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'];
const A = ['Good', 'Good', 'Weak', 'Excellent', 'Adequate', 'Good', 'Very good', 'Weak'];
const B = ['Good', 'Adequate', 'Weak', 'Very good', 'Adequate', 'Good', 'Very good', ''];
const SHEET = ['id,Quality (reader A),Quality (reader B)', ...A.map((a, i) => `F0${i + 1},${a},${B[i]}`)].join('\n');

/** Cohen's kappa by the textbook formula, over the files both readers rated. */
function handKappa(): number {
  const pairs = A.map((a, i) => [a, B[i]!] as const).filter(([, b]) => b !== '');
  const n = pairs.length;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  let expected = 0;
  for (const category of SCALE) {
    expected += (pairs.filter(([a]) => a === category).length / n) * (pairs.filter(([, b]) => b === category).length / n);
  }
  return (observed - expected) / (1 - expected);
}

describe('agreement on ratings (readers rating case files on a six-point scale)', () => {
  const app = appForSuite();

  it('computes Cohen’s kappa and Krippendorff’s alpha from two readers’ rating attributes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a new project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Case file audit');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Participants', exact: true }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import participant sheet…' }).first().click()]);
    await chooser.setFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET, 'utf8') });
    const dialog = page.getByRole('dialog', { name: 'Import participant sheet “ratings.csv”' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Type of Quality (reader A)' }).inputValue()).toBe('scale');
    await dialog.getByRole('button', { name: 'Import 8 participants' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Agreement', exact: true }).click();
    const section = page.getByRole('region', { name: 'Agreement on ratings' });
    await section.getByRole('checkbox', { name: /^Quality \(reader A\)/ }).check();
    await section.getByRole('checkbox', { name: /^Quality \(reader B\)/ }).check();
    const table = section.getByRole('table', { name: 'Agreement on ratings' });
    await table.waitFor();
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).locator('td').first().textContent();
    expect(await row('Cohen’s κ')).toBe(handKappa().toFixed(3));
    expect(Number(await row('Krippendorff’s α, ordinal'))).toBeGreaterThan(0.5);
    expect(await table.locator('caption').textContent()).toContain('8 rated participants');
    await screenshot(page, 'ratings-agreement');
  });
});
