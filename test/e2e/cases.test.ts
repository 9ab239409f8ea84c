import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, screenshot } from './browser';

const REAL = resolve(import.meta.dirname, '../../../shared/fixtures/real');
const ZOOM = 'zoom_lesson_PLC_Fishbowl.vtt';

/** A transcript written the way many teams type them: a header, then "Label: words" lines. */
const P07 = [
  'Interview with P07, 12 March 2026',
  '',
  'Int: Thank you for joining. Could you tell me about the last meeting you attended?',
  'Dawn: It was held two days after the children came into care. Everyone was in the room.',
  'Int: Who chaired it?',
  'Dawn: The independent reviewing officer. She made sure the parents spoke first.',
  'Int: How did that feel for you?',
  'Dawn: Honestly, it changed how I saw the whole plan.',
  '',
].join('\n');

/** Another team's habit ("I:"), saved by an old Windows editor: Windows-1252, so "café" is one byte 0xE9. */
const P12 = [
  'I: Where did the meeting take place?',
  'Marcus: In the family centre, the one with the café downstairs.',
  'I: Was that a good place for it?',
  'Marcus: Better than the office. The parents knew the building.',
  '',
].join('\n');

function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === 'é' ? 0xe9 : c.charCodeAt(0))));
}

const SHEET = [
  'id,agency,role,years,quality rating',
  'P03,Education,Designated teacher,4,Good',
  "P07,Children's social care,Social worker,12,Very good",
  'P12,Health,Health visitor,7,Adequate',
  "P15,Children's social care,Team manager,21,Excellent",
  '',
].join('\r\n');

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

/** The Participants view's own tabs (participants or documents), apart from the workspace's tabs. */
const tables = (page: Page) => page.getByRole('tablist', { name: 'Tables' });

const transcripts = () => [
  { name: 'P07 interview.txt', bytes: Buffer.from(P07, 'utf8') },
  { name: 'P12 interview.txt', bytes: windows1252(P12) },
  { name: ZOOM, bytes: readFileSync(resolve(REAL, ZOOM)) },
];

describe('import preview and participants', () => {
  const app = appForSuite();

  it('previews dropped transcripts, maps Int and I to Interviewer, and stores them that way', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a new project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Care meetings');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Care meetings' }).waitFor();

    await dropFiles(page, transcripts());
    const preview = page.getByRole('dialog', { name: 'Import 3 files' });
    await preview.waitFor();
    const files = preview.getByRole('list', { name: 'Files to import' });
    await files.getByText('Plain text · 6 turns · 2 speakers').waitFor({ timeout: 30_000 });
    await files.getByText('WebVTT captions · 1 turn · 1 speaker').waitFor();

    // P07: the labels as written, with their counts, and the first turns as they will be stored.
    const p07 = preview.getByRole('region', { name: 'Preview of P07 interview.txt' });
    const labels = p07.locator('.speaker-table tbody tr');
    expect(await labels.locator('th').allTextContents()).toEqual(['Int', 'Dawn']);
    expect(await labels.locator('td.num').allTextContents()).toEqual(['3', '3']);
    const speakersShown = (region: typeof p07) => region.locator('.preview-turns .preview-speaker').allTextContents();
    expect(await speakersShown(p07)).toEqual(['Int', 'Dawn', 'Int', 'Dawn']);
    expect(await p07.locator('.preview-turn-text').first().textContent()).toBe('Thank you for joining. Could you tell me about the last meeting you attended?');

    await p07.getByRole('combobox', { name: 'Speaker name for Int' }).fill('Interviewer');
    await page.keyboard.press('Enter');
    await expect.poll(() => speakersShown(p07)).toEqual(['Interviewer', 'Dawn', 'Interviewer', 'Dawn']);

    // P12: read as Windows-1252 (it is not UTF-8), with a note; forcing UTF-8 reads it again and spoils the "é".
    await files.getByRole('button', { name: /^P12 interview\.txt/ }).click();
    const p12 = preview.getByRole('region', { name: 'Preview of P12 interview.txt' });
    await p12.getByText('The file is not UTF-8, so it was read as Windows-1252').waitFor();
    const marcus = () => p12.locator('.preview-turn-text').nth(1).textContent();
    expect(await marcus()).toBe('In the family centre, the one with the café downstairs.');
    await p12.getByRole('combobox', { name: 'Encoding' }).selectOption('utf-8');
    await expect.poll(marcus).toBe('In the family centre, the one with the caf\uFFFD downstairs.');
    await p12.getByRole('combobox', { name: 'Encoding' }).selectOption('');
    await expect.poll(marcus).toBe('In the family centre, the one with the café downstairs.');
    await p12.getByRole('combobox', { name: 'Speaker name for I' }).fill('Interviewer');
    await page.keyboard.press('Enter');
    await expect.poll(() => speakersShown(p12)).toEqual(['Interviewer', 'Marcus', 'Interviewer', 'Marcus']);

    // All speakers of the import in one table: both labels now stored as Interviewer.
    await preview.getByRole('button', { name: /^All speakers/ }).click();
    const all = preview.getByRole('region', { name: 'All speakers' });
    expect(await all.locator('.speaker-table tbody th').allTextContents()).toEqual(['Int', 'Dawn', 'I', 'Marcus', 'Caleob King']);
    expect(await all.getByRole('combobox', { name: 'Speaker name for I', exact: true }).inputValue()).toBe('Interviewer');
    await files.getByRole('button', { name: /^P07 interview\.txt/ }).click();
    await screenshot(page, 'import-preview-light');

    await preview.getByRole('button', { name: 'Import 3 files' }).click();
    const panel = page.getByRole('region', { name: 'Import' });
    await panel.getByText('Imported 3 of 3').waitFor({ timeout: 30_000 });

    const documents = page.getByRole('navigation', { name: 'Documents' }).locator('.document-item');
    await documents.filter({ hasText: 'P07 interview' }).click();
    const reader = page.getByRole('main', { name: /^Transcript: P07 interview/ });
    await reader.waitFor();
    expect(await reader.locator('.speaker').allTextContents()).toEqual(['Interviewer', 'Dawn', 'Interviewer', 'Dawn', 'Interviewer', 'Dawn']);
    await documents.filter({ hasText: 'P12 interview' }).click();
    const reader12 = page.getByRole('main', { name: /^Transcript: P12 interview/ });
    await reader12.waitFor();
    expect(await reader12.locator('.speaker').allTextContents()).toEqual(['Interviewer', 'Marcus', 'Interviewer', 'Marcus']);
    expect(await reader12.locator('.turn-text').nth(1).textContent()).toBe('In the family centre, the one with the café downstairs.');
  });

  it('imports a participant sheet with typed columns, links rows to documents, and applies it as one step', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Participants', exact: true }).click();
    await page.getByRole('heading', { name: 'No participants yet' }).waitFor();

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import participant sheet…' }).first().click()]);
    await chooser.setFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET, 'utf8') });
    const dialog = page.getByRole('dialog', { name: 'Import participant sheet “participants.csv”' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Participant id column' }).inputValue()).toBe('id');
    // Types inferred from the values: few repeated agencies are a category, the ratings the six-point scale.
    const typeOf = (column: string) => dialog.getByRole('combobox', { name: `Type of ${column}` }).inputValue();
    expect([await typeOf('agency'), await typeOf('role'), await typeOf('years'), await typeOf('quality rating')]).toEqual(['category', 'text', 'number', 'scale']);
    expect(await dialog.getByRole('button', { name: /^Values of quality rating:/ }).getAttribute('aria-label')).toBe(
      'Values of quality rating: Excellent, Very good, Good, Adequate, Weak, Unsatisfactory',
    );
    expect(await dialog.getByRole('button', { name: /^Values of agency:/ }).getAttribute('aria-label')).toBe("Values of agency: Children's social care, Education, Health");
    await dialog.getByRole('textbox', { name: 'Attribute name for quality rating' }).fill('Quality rating');

    // Rows to documents: by the id in the document's name, or by a pattern; the Zoom recording by hand.
    const linkCount = dialog.getByRole('status').filter({ hasText: 'documents linked' });
    await linkCount.getByText('2 of 3 documents linked').waitFor();
    const pattern = dialog.getByRole('textbox', { name: 'Document name pattern' });
    await pattern.fill('Interview {id}');
    await linkCount.getByText('0 of 3 documents linked').waitFor();
    await pattern.fill('{id} interview');
    await linkCount.getByText('2 of 3 documents linked').waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Participant for P07 interview' }).inputValue()).toBe('P07');
    expect(await dialog.getByRole('combobox', { name: 'Participant for P12 interview' }).inputValue()).toBe('P12');
    await dialog.getByRole('combobox', { name: 'Participant for zoom_lesson_PLC_Fishbowl' }).selectOption('P03');
    await linkCount.getByText('3 of 3 documents linked').waitFor();
    await dialog.getByText('4 new participants').waitFor();
    await dialog.getByText('16 values in 4 new attributes').waitFor();
    await screenshot(page, 'participant-sheet-preview-light');
    await dialog.getByRole('button', { name: 'Import 4 participants' }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Participants', exact: true });
    await table.waitFor();
    const headers = await table.locator('thead .col-name').allTextContents();
    expect(headers).toEqual(['Participant', 'agency', 'role', 'years', 'Quality rating']);
    expect(await table.locator('tbody th .case-name').allTextContents()).toEqual(['P03', 'P07', 'P12', 'P15']);
    const cell = (name: RegExp) => table.getByRole('button', { name });
    await cell(/^agency of P07: Children's social care$/).waitFor();
    await cell(/^Quality rating of P15: Excellent$/).waitFor();
    await cell(/^years of P12: 7$/).waitFor();
    const p07Row = table.locator('tbody tr', { has: page.getByRole('button', { name: /^Name of P07:/ }) });
    expect(await p07Row.locator('.doc-chip').allTextContents()).toEqual(['P07 interview']);
    const p03Row = table.locator('tbody tr', { has: page.getByRole('button', { name: /^Name of P03:/ }) });
    expect(await p03Row.locator('.doc-chip').allTextContents()).toEqual(['zoom_lesson_PLC_Fishbowl']);

    // The whole sheet was one command: one Undo takes participants, attributes, values and links back.
    await page.locator('.cases-scroll').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.getByRole('heading', { name: 'No participants yet' }).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await cell(/^years of P07: 12$/).waitFor();
    await screenshot(page, 'participants-light');
  });

  it('edits a cell in place, undoes and redoes it, and finds it stored after a reload', async () => {
    const { page } = app;
    const table = page.getByRole('table', { name: 'Participants', exact: true });
    const cell = (name: RegExp) => table.getByRole('button', { name });

    await cell(/^years of P07: 12$/).click();
    const input = table.getByRole('textbox', { name: 'years of P07' });
    await input.fill('twelve');
    await page.keyboard.press('Enter');
    // Refused with a reason; the editor stays open with the typed text.
    await page.getByText('years takes a number, such as 12 or 3.5; “twelve” is not one.').waitFor();
    await input.fill('13');
    await page.keyboard.press('Enter');
    await cell(/^years of P07: 13$/).waitFor();

    // A scale value from its list, best first.
    await cell(/^Quality rating of P12: Adequate$/).click();
    const rating = table.getByRole('combobox', { name: 'Quality rating of P12' });
    expect(await rating.locator('option').allTextContents()).toEqual([
      '— none —', '1. Excellent', '2. Very good', '3. Good', '4. Adequate', '5. Weak', '6. Unsatisfactory',
    ]);
    await rating.selectOption('Good');
    await cell(/^Quality rating of P12: Good$/).waitFor();

    await page.keyboard.press('Control+z');
    await cell(/^Quality rating of P12: Adequate$/).waitFor();
    await page.keyboard.press('Control+z');
    await cell(/^years of P07: 12$/).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await cell(/^years of P07: 13$/).waitFor();

    // Typing on a focused cell starts editing it with what is typed.
    await cell(/^Description of P07:/).focus();
    await page.keyboard.type('Dawn, social worker');
    await page.keyboard.press('Enter');
    await cell(/^Description of P07: Dawn, social worker$/).waitFor();

    await page.reload();
    await page.getByRole('table', { name: 'Participants', exact: true }).waitFor({ timeout: 30_000 });
    await cell(/^years of P07: 13$/).waitFor();
    await cell(/^Quality rating of P12: Adequate$/).waitFor();

    // Sorting by the scale puts the best first; the documents table shows each document's participant.
    await table.getByRole('button', { name: 'Sort by Quality rating (ordered scale)' }).click();
    expect(await table.locator('tbody th .case-name').allTextContents()).toEqual(['P15', 'P07', 'P03', 'P12']);
    await tables(page).getByRole('tab', { name: /^Documents/ }).click();
    const docs = page.getByRole('table', { name: 'Documents and their participants' });
    expect(await docs.getByRole('combobox', { name: 'Participant of P12 interview' }).locator('option:checked').textContent()).toBe('P12');
    expect(await docs.getByRole('combobox', { name: 'Participant of P07 interview' }).locator('option:checked').textContent()).toBe('P07 (Dawn, social worker)');

    // A participant's document opens in the reader, whose header names the participant; the list shows it too.
    await tables(page).getByRole('tab', { name: /^Participants/ }).click();
    await table.getByRole('button', { name: 'P07 interview' }).click();
    const reader = page.getByRole('main', { name: /^Transcript: P07 interview/ });
    await reader.locator('.reader-meta').getByText('Dawn, social worker').waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).locator('.document-item', { hasText: 'P07 interview' }).getByText(/Dawn, social worker/).waitFor();
    await page.getByRole('tab', { name: 'Participants', exact: true }).click();
    await table.waitFor();
  });

  it('looks right in the dark theme', async () => {
    await app.restart({ colorScheme: 'dark' });
    const { page } = app;
    const table = page.getByRole('table', { name: 'Participants', exact: true });
    await table.waitFor({ timeout: 30_000 });
    await screenshot(page, 'participants-dark');
    await table.getByRole('button', { name: 'Edit attribute Quality rating' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attribute “Quality rating”' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: /^Value \d$/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      'Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory',
    ]);
    await screenshot(page, 'attribute-dialog-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await dropFiles(page, transcripts());
    const preview = page.getByRole('dialog', { name: 'Import 3 files' });
    await preview.getByRole('list', { name: 'Files to import' }).getByText('Plain text · 6 turns · 2 speakers').waitFor({ timeout: 30_000 });
    // Already imported: the preview says so before anything is stored.
    await preview.getByText('The project already has a document with the same text: “P07 interview”.').waitFor();
    await screenshot(page, 'import-preview-dark');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await preview.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });

  it('shows the sample project’s participants with their attributes, and its documents with their interview dates', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'All projects' }).click();
    await page.getByRole('button', { name: 'Open sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    const table = page.getByRole('table', { name: 'Participants', exact: true });
    await table.waitFor();
    expect(await table.locator('tbody th .case-name').count()).toBe(17);
    expect(await table.locator('thead .col-name').allTextContents()).toEqual(['Participant', 'Agency', 'Role', 'Years in practice', 'Locality']);
    await table.getByRole('button', { name: /^Description of P01: Dawn, / }).waitFor();
    // Filtering by a value narrows the table to the participants who have it.
    await page.getByRole('searchbox', { name: 'Filter participants' }).fill('police');
    const policeRows = await table.locator('tbody th .case-name').count();
    expect(policeRows).toBeGreaterThan(0);
    expect(policeRows).toBeLessThan(17);
    for (const text of await table.locator('tbody tr td.type-category .category-value').allTextContents()) expect(['Police', 'Northbridge', 'Eastfield', 'Harrow Vale', 'Kingsmere']).toContain(text);
    await page.getByRole('searchbox', { name: 'Filter participants' }).fill('');
    await screenshot(page, 'participants-sample-dark');
    await tables(page).getByRole('tab', { name: /^Documents/ }).click();
    const docs = page.getByRole('table', { name: 'Documents and their participants' });
    await docs.getByRole('button', { name: /^Interview date of P01 / }).waitFor();
    expect(await docs.locator('thead .col-name').allTextContents()).toEqual(['Document', 'Interview date']);
    await screenshot(page, 'participants-documents-dark');
    await tables(page).getByRole('tab', { name: /^Participants/ }).click();

    // Deleting a participant says what goes with them; the toast's Undo brings all of it back.
    await table.getByRole('button', { name: 'Delete participant P17' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete participant' });
    await confirm.getByText('Delete “P17” with their 4 attribute values? Their document stays in the project, no longer linked to anyone.').waitFor();
    await confirm.getByRole('button', { name: 'Delete participant' }).click();
    await expect.poll(() => table.locator('tbody th .case-name').count()).toBe(16);
    await page.getByText('Deleted participant “P17”').waitFor();
    await page.locator('.toast', { hasText: 'Deleted participant “P17”' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => table.locator('tbody th .case-name').count()).toBe(17);
    await table.getByRole('button', { name: /^Years in practice of P17: 4$/ }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
