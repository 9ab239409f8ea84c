import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectData } from '../../shared/model/types';
import { buildSample } from '../../shared/sample';
import { appForSuite, screenshot } from './browser';

/** Drags one element onto another with the real mouse: press, move in steps, release. */
async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  const from = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const to = { x: b.x + b.width / 2, y: b.y + Math.min(b.height / 2, 90) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 8, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 14 });
  await page.mouse.up();
}

/** The number of codings stored in the open project, read straight from IndexedDB. */
function storedCodings(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const id = JSON.parse(localStorage.getItem('tessera-ui') ?? '{}').state?.openProjectId as string;
        const open = indexedDB.open(`tessera-project-${id}`);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('codings').objectStore('codings').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe('themes and queries on the sample project', () => {
  const app = appForSuite();
  let sample: ProjectData;
  const codeId = (name: string) => sample.codes.find((c) => c.name === name)!.id;
  const agency = () => sample.attributes.find((a) => a.name === 'Agency')!;
  const agencyOfCase = (caseId: string) => sample.attributeValues.find((v) => v.ownerId === caseId && v.attributeId === agency().id)!.value;

  beforeAll(async () => {
    sample = await buildSample('e2e', 0);
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Themes' }).click();
    await page.getByRole('application', { name: /Thematic map/ }).waitFor();
  });

  const map = () => app.page.getByRole('application', { name: /Thematic map/ });
  const card = (name: string) => map().getByRole('button', { name: new RegExp(`^Code ${name},`) });
  const region = (name: string) => map().getByRole('group', { name: new RegExp(`^Theme ${name}(,|$)`) });

  it('shows every code as a card and the three sample themes as regions', async () => {
    await expect.poll(() => map().locator('.map-card').count()).toBeGreaterThanOrEqual(30);
    for (const theme of sample.themes) await region(theme.name).waitFor();
    // Cards are sized by frequency: the most applied code's card is wider than the least applied one's.
    const counts = sample.codes.map((c) => ({ name: c.name, n: sample.codings.filter((k) => k.codeId === c.id).length })).sort((a, b) => a.n - b.n);
    const small = await card(counts[0]!.name).first().boundingBox();
    const large = await card(counts.at(-1)!.name).first().boundingBox();
    expect(large!.width).toBeGreaterThan(small!.width * 1.3);
  });

  it('creates two themes on the map and fills them by dragging code cards with the mouse', async () => {
    const { page } = app;
    for (const name of ['Working together', 'Practicalities']) {
      await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: '+ New theme' }).click();
      const dialog = page.getByRole('dialog', { name: 'New theme' });
      await dialog.getByRole('textbox').fill(name);
      await dialog.getByRole('button', { name: 'Create theme' }).click();
      await region(name).waitFor();
    }
    await page.getByRole('button', { name: 'Fit the whole map' }).click();

    await drag(page, card('Consent and data protection'), region('Working together'));
    await region('Working together, candidate, 1 code').waitFor();
    await drag(page, card('Actions and follow-up'), region('Working together'));
    await region('Working together, candidate, 2 codes').waitFor();
    await drag(page, card('Meeting practicalities'), region('Practicalities'));
    await region('Practicalities, candidate, 1 code').waitFor();
    // A card dragged from one theme to another moves there: one undoable step with a label naming all three.
    await drag(page, region('Partnership with parents and carers').getByRole('button', { name: /^Code Timing and notice,/ }), region('Practicalities'));
    await region('Practicalities, candidate, 2 codes').waitFor();
    await page.getByRole('button', { name: 'Undo Move “Timing and notice” from “Partnership with parents and carers” to “Practicalities”' }).waitFor();
    expect(await region('Partnership with parents and carers').getByRole('button', { name: /^Code Timing and notice,/ }).count()).toBe(0);
    expect(await region('Practicalities').getByRole('button', { name: /^Code / }).allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Meeting practicalities'), expect.stringContaining('Timing and notice')]),
    );

    // A link between two themes: choose one, then "Link themes", then click the other.
    await page.getByRole('navigation', { name: 'Themes list' }).getByRole('button', { name: /Working together/ }).click();
    await page.getByRole('button', { name: 'Link themes' }).click();
    await region('Practicalities').getByRole('button', { name: 'Practicalities', exact: true }).click();
    await expect.poll(() => map().locator('.map-links line').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo Link “Working together” with “Practicalities”' }).waitFor();

    // By keyboard: Enter on a card opens a menu of themes to move it to.
    await card('Interprofessional working and information sharing').focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Move “Interprofessional working and information sharing”' });
    await menu.getByRole('menuitem', { name: 'Practicalities' }).click();
    await region('Practicalities, candidate, 3 codes').waitFor();

    // The themes' history records each step, with the names involved.
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.locator('.history-table tbody tr');
    await expect.poll(() => history.count()).toBe(8);
    const steps = await history.allInnerTexts();
    expect(steps[0]).toContain('Add “Interprofessional working and information sharing” to “Practicalities”');
    expect(steps[2]).toContain('Move “Timing and notice” from “Partnership with parents and carers” to “Practicalities”');
    expect(steps.at(-1)).toContain('Create theme “Working together”');
    await page.getByRole('tab', { name: 'Thematic map' }).click();
    await map().locator('.map-card').first().waitFor();
    await screenshot(page, 'themes-map-light');
  });

  it('exports the map as SVG with the themes and codes in it', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the map as SVG' }).click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const text of ['Working together', 'Practicalities', 'Consent and data', 'Professional confidence']) expect(svg).toContain(text);

    // PNG: the same picture drawn in a canvas, at twice the size.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the map as PNG' }).click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = bytes.readUInt32BE(16);
    expect(width).toBe(2 * Math.round(Number(/width="([\d.]+)"/.exec(svg)![1])));
  });

  it('reviews a theme: its extracts and its coverage by agency, n of N as counted from the sample', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Themes list' }).getByRole('button', { name: /Working together/ }).click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Working together', level: 2 }).waitFor();

    const codes = new Set([codeId('Consent and data protection'), codeId('Actions and follow-up')]);
    const codings = sample.codings.filter((c) => codes.has(c.codeId));
    const supportingDocuments = new Set(codings.map((c) => c.documentId));
    const supportingCases = new Set(sample.documents.filter((d) => supportingDocuments.has(d.id)).map((d) => d.caseId!));
    await expect.poll(() => page.getByTestId('coverage-participants').innerText()).toContain(`${supportingCases.size} of ${sample.cases.length}`);
    await expect.poll(() => page.locator('.extract').count()).toBe(codings.length);

    const rows = page.getByRole('table', { name: 'Coverage by Agency' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(agency().options.length);
    for (const [i, value] of agency().options.entries()) {
      const inAgency = sample.cases.filter((c) => agencyOfCase(c.id) === value);
      const n = inAgency.filter((c) => supportingCases.has(c.id)).length;
      const cells = await rows.nth(i).locator('th, td').allInnerTexts();
      expect(cells[0]).toBe(value);
      expect(cells[1]).toContain(`${n} of ${inAgency.length}`);
    }
    const unsupported = sample.cases.filter((c) => !supportingCases.has(c.id));
    const note = await page.locator('.coverage-unsupported').innerText();
    expect(note).toContain(`Not supported by ${unsupported.length} participants`);
    for (const c of unsupported) expect(note).toContain(c.name);

    // Grouped by participant, with context a click away.
    await page.getByRole('radio', { name: 'By participant' }).click();
    await page.locator('.extract-group').first().waitFor();
    await page.locator('.extract').first().getByRole('button', { name: 'Context' }).click();
    await page.locator('.extract-context mark').first().waitFor();
    await page.locator('.theme-review').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'themes-review-light');

    // Copy a quote with its attribution, after changing the template.
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const template = page.getByRole('textbox', { name: 'Attribution template' });
    await template.fill('{Agency}, {case}');
    await template.press('Enter');
    // Grouped by participant, the first extract is P01's.
    const p01 = sample.cases.find((x) => x.name === 'P01')!;
    const attribution = `${agencyOfCase(p01.id)}, P01`;
    const first = page.locator('.extract').first();
    await expect.poll(() => first.locator('.extract-attribution').innerText()).toBe(`— ${attribution}`);
    const text = ((await first.locator('.extract-text').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await first.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`“${text}” (${attribution})`);

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'themes-review-dark');
    await page.getByRole('tab', { name: 'Thematic map' }).click();
    await map().locator('.map-card').first().waitFor();
    await screenshot(page, 'themes-map-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens an extract in its transcript at the passage', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Review' }).click();
    const first = page.locator('.extract').first();
    // Read the quote from the DOM: extracts use content-visibility: auto, and Chromium gives an
    // empty innerText for one whose first frame has not been drawn yet.
    await first.locator('.extract-text').waitFor({ state: 'visible' });
    const quote = ((await first.locator('.extract-text').textContent()) ?? '').trim();
    expect(quote.length).toBeGreaterThan(0);
    await first.getByRole('button', { name: 'Open in transcript' }).click();
    await page.getByRole('main', { name: /^Transcript: / }).waitFor();
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('tessera-reveal')?.size ?? 0)).toBeGreaterThan(0);
    const marked = await page.evaluate(() => [...(CSS.highlights.get('tessera-reveal') as Highlight)].map((r) => r.toString()).join(''));
    expect(marked.replace(/\s+/g, ' ')).toBe(quote.replace(/\s+/g, ' '));
  });

  it('runs a matrix of codes by agency, a text search, codes every hit as one step and undoes it', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries' }).click();
    await page.getByRole('tab', { name: 'Matrix by attribute' }).click();
    const matrix = page.getByRole('table', { name: 'Codes by Agency' });
    await matrix.waitFor();
    await expect.poll(() => matrix.locator('tbody tr').count()).toBe(sample.codes.length);

    await page.getByRole('tab', { name: 'Text search' }).click();
    await page.getByRole('searchbox', { name: 'Search the transcripts' }).fill('foster carer');
    await page.keyboard.press('Enter');
    const expected = sample.texts.reduce((n, t) => n + (t.text.match(/foster carer/gi)?.length ?? 0), 0);
    expect(expected).toBeGreaterThan(10);
    const hits = page.getByRole('table', { name: 'Hits in context' }).locator('tbody tr');
    await expect.poll(() => hits.count()).toBe(expected);
    expect(await hits.first().locator('.kwic-match').innerText()).toMatch(/^foster carer$/i);

    const before = await storedCodings(page);
    expect(before).toBe(sample.codings.length);
    await page.getByRole('combobox', { name: 'Code to apply to every hit' }).selectOption(codeId('Carers included in planning'));
    await page.getByRole('button', { name: 'Code all hits' }).click();
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('Sam Taylor');
    await dialog.getByRole('button', { name: 'Code as Sam Taylor' }).click();
    await page.getByText(`Coded ${expected} passages as “Carers included in planning”.`).waitFor();
    await expect.poll(() => storedCodings(page)).toBe(before + expected);

    await page.getByRole('button', { name: `Undo Code ${expected} search hits for “foster carer” as “Carers included in planning”` }).click();
    await expect.poll(() => storedCodings(page)).toBe(before);
    await screenshot(page, 'queries-search-light');
  });

  it('saves the matrix as CSV with the counts of the sample, code by agency', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Matrix by attribute' }).click();
    const matrix = page.getByRole('table', { name: 'Codes by Agency' });
    await matrix.waitFor();
    await screenshot(page, 'queries-matrix-light');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the matrix as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('codes by Agency.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: '\r\n' }).data;
    const agencies = agency().options;
    expect(rows[0]).toEqual(['Code', ...agencies, 'Total']);

    // Every code in codebook order (depth first), named by its path, counted here from the sample's codings.
    const byId = new Map(sample.codes.map((c) => [c.id, c]));
    const path = (id: string): string => {
      const c = byId.get(id)!;
      return c.parentId ? `${path(c.parentId)}/${c.name}` : c.name;
    };
    const ordered: string[] = [];
    const visit = (parent: string | undefined) => {
      for (const c of sample.codes.filter((x) => x.parentId === parent).sort((a, b) => a.order - b.order)) {
        ordered.push(c.id);
        visit(c.id);
      }
    };
    visit(undefined);
    const caseOfDocument = new Map(sample.documents.map((d) => [d.id, d.caseId!]));
    const totals = agencies.map(() => 0);
    ordered.forEach((id, i) => {
      const counts = agencies.map((a) => sample.codings.filter((c) => c.codeId === id && agencyOfCase(caseOfDocument.get(c.documentId)!) === a).length);
      counts.forEach((n, j) => (totals[j]! += n));
      expect(rows[i + 1]).toEqual([path(id), ...counts.map(String), String(counts.reduce((x, y) => x + y, 0))]);
    });
    expect(rows[ordered.length + 1]).toEqual(['Total', ...totals.map(String), String(sample.codings.length)]);
    expect(rows).toHaveLength(ordered.length + 2);
  });

  it('opens the review of a theme from the themes pane of the coding view', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Coding' }).click();
    await page.getByRole('region', { name: 'Themes' }).getByRole('button', { name: 'Review Professional confidence' }).click();
    await page.getByRole('heading', { name: 'Professional confidence', level: 2 }).waitFor();
    expect(await page.getByRole('tab', { name: 'Review' }).getAttribute('aria-selected')).toBe('true');
  });

  it('made no request outside the app and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

describe('a thematic map of 500 codes', () => {
  const app = appForSuite();

  beforeAll(async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('heading', { name: /Multi-agency meetings/ }).waitFor({ timeout: 30_000 });
    // 470 more codes with 6,000 codings spread over the sample's transcripts, written straight into the project's
    // database as a large imported project would hold them; then the page reads them afresh.
    await page.evaluate(async () => {
      const id = JSON.parse(localStorage.getItem('tessera-ui') ?? '{}').state?.openProjectId as string;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(`tessera-project-${id}`);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const texts = await new Promise<{ id: string; text: string }[]>((resolve) => {
        const request = db.transaction('texts').objectStore('texts').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      const tx = db.transaction(['codes', 'codings'], 'readwrite');
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      for (let i = 0; i < 470; i++) {
        const codeId = `scale-code-${i}`;
        tx.objectStore('codes').put({ id: codeId, name: `Scale code ${i} ${'about meetings '.repeat(i % 3)}`.trim(), color: '#4477aa', description: '', inclusion: '', exclusion: '', example: '', order: 100 + i, createdAt: 1 });
        const n = Math.floor(random() * random() * 40);
        for (let k = 0; k < n; k++) {
          const text = texts[Math.floor(random() * texts.length)]!;
          const start = Math.floor(random() * (text.text.length - 200));
          tx.objectStore('codings').put({ id: `scale-${i}-${k}`, documentId: text.id, codeId, coderId: 'scale', start, end: start + 50 + Math.floor(random() * 100), createdAt: 1 });
        }
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload();
    await page.getByRole('tab', { name: 'Themes' }).click();
    await page.locator('.map-card').nth(499).waitFor({ timeout: 30_000 });
    // The codings counts (which size the cards) come from the query worker.
    await page.locator('.map-viewport[aria-busy="false"]').waitFor({ timeout: 30_000 });
  });

  it('moves only the dragged card while dragging, and stores the drop as one step', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Fit the whole map' }).click();
    await page.evaluate(() => {
      const w = window as unknown as { changed: string[]; longTasks: string[] };
      w.changed = [];
      w.longTasks = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          w.changed.push(el?.closest('[data-card]')?.getAttribute('data-card') ?? el?.closest('[data-theme-id]')?.getAttribute('data-theme-id') ?? el?.className ?? '?');
        }
      }).observe(document.querySelector('.map-world')!, { attributes: true, childList: true, subtree: true, characterData: true });
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`))).observe({ type: 'longtask' });
    });
    const source = page.locator('.map-card[data-card^="free:scale-code-3"]').first();
    const key = (await source.getAttribute('data-card'))!;
    const target = page.getByRole('group', { name: /^Theme Professional confidence,/ });
    const a = (await source.boundingBox())!;
    const b = (await target.boundingBox())!;
    await screenshot(page, 'themes-map-500');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    const started = Date.now();
    const t0 = await page.evaluate(() => Math.round(performance.now()));
    const to = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    for (let i = 1; i <= 40; i++) await page.mouse.move(a.x + ((to.x - a.x) * i) / 40, a.y + ((to.y - a.y) * i) / 40);
    const elapsed = Date.now() - started;
    const t1 = await page.evaluate(() => Math.round(performance.now()));
    const during = await page.evaluate(() => (window as unknown as { changed: string[] }).changed);
    // Only the dragged card (its transform) and the theme under the pointer (its drop mark) changed.
    const themeIds = await page.locator('[data-theme-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-theme-id')));
    expect(new Set(during.filter((k) => k !== key && !themeIds.includes(k)))).toEqual(new Set());
    expect(during).toContain(key);
    await page.mouse.up();
    await page.getByRole('button', { name: 'Undo Add “Scale code 3” to “Professional confidence”' }).waitFor();
    await page.getByRole('group', { name: /^Theme Professional confidence, candidate, 10 codes/ }).waitFor();
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: string[] }).longTasks);
    console.log(`500-code map: 40 pointer moves from ${t0} to ${t1} (${elapsed} ms); long tasks (start+duration): ${JSON.stringify(longTasks)}`);
  });
});

