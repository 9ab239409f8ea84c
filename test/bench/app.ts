/**
 * The app's measures, in real Chromium: the web app built in bench mode (vite.bench.config.ts), driven with
 * playwright-core as a person would use it: import, open a long transcript, code a passage, scroll, start the app
 * with a project open, and the renderer's memory with the project open.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CorpusScaleName } from '../../shared/bench/corpus';
import type { LoadedProject, TesseraBenchHook } from '../../renderer/bench/bench-types';
import { CHROMIUM_PATH, newProfileDir, removeProfileDir } from '../e2e/browser';
import { serveStatic } from '../e2e/static-server';
import { selectWithMouse } from '../e2e/text-selection';
import { figures, formatCount, formatNumber, judge, notMeasured, type Budget, type MeasureResult } from './measure';

export interface AppBenchOptions {
  scale: CorpusScaleName;
  /** Runs per measure (default 5, 3 at large for the slow ones). */
  runs?: number;
  /** Use dist-bench as it is (default: build it first). */
  skipBuild?: boolean;
  /** Measure one group only: the import, the reader (open, scroll, coding, memory) or the start. */
  only?: 'import' | 'reader' | 'start';
  log?: (line: string) => void;
}

export const APP_MEASURES = {
  importCorpus: 'app.import',
  open: 'app.open',
  coding: 'app.coding',
  scroll: 'app.scroll',
  start: 'app.start',
  startFull: 'app.start.full',
  memory: 'app.memory',
} as const;

/** One frame at 60 Hz: Chromium paces animation frames to the display, so frames are never closer than this. */
export const FRAME_MS = 1000 / 60;
/**
 * The scrolling budget of 16 ms read for frames paced at 60 Hz: on time is within one interval (16.7 ms) plus 1 ms
 * for the jitter of frame timestamps (they vary by a few tenths of a millisecond around 16.7 ms even when idle).
 */
export const FRAME_BUDGET_MS = FRAME_MS + 1;

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'dist-bench');

/** Chromium as the end-to-end tests launch it (test/e2e/browser.ts), minus everything that reaches the network. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare global {
  interface Window {
    __tesseraBench: TesseraBenchHook;
  }
}

function buildBench(log: (line: string) => void): void {
  log('building the web app in bench mode (dist-bench)');
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}

interface Session {
  context: BrowserContext;
  page: Page;
  profile: string;
  errors: string[];
  close(): Promise<void>;
}

async function open(baseUrl: string, profile = newProfileDir()): Promise<Session> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.__tesseraBench?.version === 1);
  return {
    context,
    page,
    profile,
    errors,
    close: async () => {
      await context.close();
      removeProfileDir(profile);
    },
  };
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => window.__tesseraBench?.version === 1);
}

/** Resident memory of the page's renderer process: the largest renderer under this profile's browser process. */
function rendererMemoryMb(profile: string): number | undefined {
  const procs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
        const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
        return [{ pid: Number(pid), ppid, rssKb, cmdline }];
      } catch {
        return [];
      }
    });
  const browser = procs.find((p) => p.cmdline.includes(`--user-data-dir=${profile}`) && !p.cmdline.includes('--type='));
  if (!browser) return undefined;
  const children = new Map<number, typeof procs>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const renderers: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (child.cmdline.includes('--type=renderer')) renderers.push(child.rssKb);
      visit(child.pid);
    }
  };
  visit(browser.pid);
  return renderers.length ? Math.max(...renderers) / 1024 : undefined;
}

async function memorySample(session: Session): Promise<{ heapMb: number; rssMb?: number }> {
  const cdp = await session.context.newCDPSession(session.page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const rss = rendererMemoryMb(session.profile);
  return { heapMb: heap / 2 ** 20, ...(rss !== undefined ? { rssMb: rss } : {}) };
}

const idle = (page: Page, ms: number) => page.waitForTimeout(ms);

export async function runAppBench(options: AppBenchOptions): Promise<MeasureResult[]> {
  const { scale } = options;
  const log = options.log ?? (() => undefined);
  const large = scale === 'large';
  const runs = options.runs ?? (large ? 3 : 5);
  const quickRuns = options.runs ?? 7;
  const base = { area: 'app' as const, scale, unit: 'ms' as const, statistic: 'median' as const };
  const budget = (limit: number, budgetScale = 'large', extra: Partial<Budget> = {}): Budget => ({ limit, scale: budgetScale, ...extra });
  const startScale: CorpusScaleName = scale === 'tiny' ? 'tiny' : 'study';
  const labels = {
    importCorpus: 'import the corpus (parse + store)',
    open: 'open the long transcript, first paint',
    coding: 'a new coding visible after Enter',
    scroll: 'scroll the long transcript, frame time',
    start: 'start to interactive, project open',
    memory: 'renderer memory, project open',
  };
  const skeleton: MeasureResult[] = [
    { ...base, id: APP_MEASURES.importCorpus, label: labels.importCorpus, budget: budget(60_000, 'large', { minShareOfBaseline: 0.5 }), status: 'not measured' },
    { ...base, id: APP_MEASURES.open, label: labels.open, budget: budget(200), status: 'not measured' },
    { ...base, id: APP_MEASURES.coding, label: labels.coding, statistic: 'p95', budget: budget(50), status: 'not measured' },
    {
      ...base,
      id: APP_MEASURES.scroll,
      label: labels.scroll,
      statistic: 'p95',
      budget: budget(FRAME_BUDGET_MS),
      note: 'the 16 ms budget is judged as one 60 Hz frame (16.7 ms, the shortest time Chromium leaves between frames) plus 1 ms of timestamp jitter',
      status: 'not measured',
    },
    { ...base, scale: startScale, id: APP_MEASURES.start, label: labels.start, budget: budget(1500, 'study'), status: 'not measured' },
    { ...base, unit: 'MB', id: APP_MEASURES.memory, label: labels.memory, budget: budget(600), status: 'not measured' },
  ];
  const results = new Map<string, MeasureResult>(skeleton.map((r) => [r.id, r]));
  const fail = (id: string, reason: string) => {
    const r = results.get(id)!;
    results.set(id, notMeasured(r, reason));
  };

  try {
    if (!options.skipBuild || !existsSync(resolve(outDir, 'index.html'))) buildBench(log);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().split('\n').find((l) => l.trim()) ?? (error as Error).message;
    for (const id of results.keys()) fail(id, `the bench build failed: ${detail}`);
    return [...results.values()];
  }
  const { server, url } = await serveStatic(outDir);
  try {
    const wanted = (part: 'import' | 'reader' | 'start') => options.only === undefined || options.only === part;
    if (wanted('import')) await measureImport(url);
    if (wanted('reader')) await measureReader(url);
    if (wanted('start')) await measureStart(url);
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
  return [...results.values()];

  async function guarded(ids: string[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      log(`failed: ${message}`);
      for (const id of ids) if (results.get(id)!.status === 'not measured' && !results.get(id)!.value) fail(id, `the run failed: ${message}`);
    }
  }

  async function measureImport(baseUrl: string): Promise<void> {
    await guarded([APP_MEASURES.importCorpus], async () => {
      const session = await open(baseUrl);
      try {
        const app: number[] = [];
        const raw: number[] = [];
        const parse: number[] = [];
        const check: number[] = [];
        const store: number[] = [];
        let last = { documents: 0, codings: 0, bytes: 0 };
        for (let i = 0; i < runs; i++) {
          // A fresh page for each run, so one run's memory and caches do not slow the next.
          await reload(session.page);
          await session.page.evaluate((s) => window.__tesseraBench.prepare(s), scale);
          log(`import run ${i + 1}/${runs}: the app's path`);
          const a = await session.page.evaluate((s) => window.__tesseraBench.importApp(s), scale);
          app.push(a.ms);
          parse.push(a.parseMs);
          check.push(a.checkMs);
          store.push(a.storeMs);
          last = a;
          await reload(session.page);
          await session.page.evaluate((s) => window.__tesseraBench.prepare(s), scale);
          log(`import run ${i + 1}/${runs}: raw bulkPut`);
          raw.push((await session.page.evaluate((s) => window.__tesseraBench.importBaseline(s), scale)).ms);
        }
        const median = figures(app).median;
        results.set(
          APP_MEASURES.importCorpus,
          judge({
            ...results.get(APP_MEASURES.importCorpus)!,
            value: figures(app),
            baseline: { label: 'Dexie bulkPut of the same records in one transaction', figures: figures(raw) },
            detail: `${formatCount(last.documents)} transcripts, ${formatNumber(last.bytes / 1e6)} MB, ${formatCount(last.codings)} codings; ${formatNumber(last.bytes / 1e6 / (median / 1000))} MB/s (baseline ${formatNumber(last.bytes / 1e6 / (figures(raw).median / 1000))} MB/s); of it (medians): parsing and hashing in the import worker ${formatNumber(figures(parse).median)} ms, duplicate checks ${formatNumber(figures(check).median)} ms, storing (batches of up to 25 files or 4 MB of text, one transaction each, one command per document) ${formatNumber(figures(store).median)} ms`,
          }),
        );
      } finally {
        await session.close();
      }
    });
  }

  async function measureReader(baseUrl: string): Promise<void> {
    const ids = [APP_MEASURES.open, APP_MEASURES.coding, APP_MEASURES.scroll, APP_MEASURES.memory];
    await guarded(ids, async () => {
      const session = await open(baseUrl);
      const { page } = session;
      try {
        // Memory of the app with no project open: the baseline for the memory measure.
        await idle(page, 1000);
        const empty = [await memorySample(session), await memorySample(session), await memorySample(session)];

        log(`loading the ${scale} corpus into a new project (writeProjectData)`);
        const loaded: LoadedProject = await page.evaluate((s) => window.__tesseraBench.loadCorpus(s), scale);
        log(`loaded ${formatCount(loaded.documents)} documents, ${formatCount(loaded.codings)} codings in ${formatNumber(loaded.writeMs / 1000)} s`);

        // Memory with the project open, each sample after a fresh start (the page that generated the corpus is gone).
        const full: { heapMb: number; rssMb?: number }[] = [];
        const starts: number[] = [];
        for (let i = 0; i < 3; i++) {
          await reload(page);
          await page.waitForFunction(() => window.__tesseraBench.interactive() !== undefined, undefined, { timeout: 600_000 });
          starts.push((await page.evaluate(() => window.__tesseraBench.interactive()!)).painted);
          await idle(page, 3000);
          full.push(await memorySample(session));
        }
        if (scale !== startScale) {
          results.set(
            APP_MEASURES.startFull,
            judge({
              ...base,
              id: APP_MEASURES.startFull,
              label: `start to interactive, ${scale} project open`,
              value: figures(starts),
              detail: `as the start measure, with the ${scale} project and its second transcript open (no budget at this scale)`,
            }),
          );
        }
        const rss = full.map((m) => m.rssMb).filter((m): m is number => m !== undefined);
        const emptyRss = empty.map((m) => m.rssMb).filter((m): m is number => m !== undefined);
        const useRss = rss.length === full.length && emptyRss.length === empty.length;
        results.set(
          APP_MEASURES.memory,
          judge({
            ...results.get(APP_MEASURES.memory)!,
            value: figures(useRss ? rss : full.map((m) => m.heapMb)),
            baseline: { label: 'the app with no project open', figures: figures(useRss ? emptyRss : empty.map((m) => m.heapMb)) },
            detail: `${useRss ? 'renderer process resident memory' : 'JS heap (renderer process not found)'}, after garbage collection, each after a fresh start with the project and a transcript open; JS heap ${formatNumber(figures(full.map((m) => m.heapMb)).median)} MB with the project open, ${formatNumber(figures(empty.map((m) => m.heapMb)).median)} MB without`,
          }),
        );

        // Opening the long transcript: from the click in the document list until its text and highlights paint.
        const items = page.locator('.document-item');
        const openTimes: number[] = [];
        const seenTimes: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
          await items.nth(1).click();
          await page.locator(`.reader-body[data-document-id="${loaded.otherDocumentId}"] p.turn-text`).first().waitFor({ timeout: 120_000 });
          await idle(page, 500);
          await page.evaluate(({ id, expected }) => window.__tesseraBench.armOpen(id, expected), {
            id: loaded.focusDocumentId,
            expected: { segments: loaded.focusSegments, codings: loaded.focusCodings },
          });
          await items.nth(0).click();
          const r = await page.evaluate(() => window.__tesseraBench.result());
          // The first opening warms the caches and the code; it is not counted.
          if (i === 0) continue;
          openTimes.push(r.painted!);
          seenTimes.push(r.seen!);
          log(`opened the long transcript in ${formatNumber(r.painted!)} ms`);
        }
        const plainTimes: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const ms = await page.evaluate(({ p, d }) => window.__tesseraBench.renderPlain(p, d), { p: loaded.projectId, d: loaded.focusDocumentId });
          await page.evaluate(() => window.__tesseraBench.removePlain());
          await idle(page, 200);
          if (i > 0) plainTimes.push(ms);
        }
        results.set(
          APP_MEASURES.open,
          judge({
            ...results.get(APP_MEASURES.open)!,
            value: figures(openTimes),
            baseline: { label: 'the same turns as plain DOM paragraphs', figures: figures(plainTimes) },
            detail: `${formatCount(loaded.focusWords)} words, ${formatCount(loaded.focusSegments)} turns, ${formatCount(loaded.focusCodings)} codings; text and highlights first on a frame ${formatNumber(figures(seenTimes).median)} ms after the click (median), painted after the figure shown`,
          }),
        );

        await measureScroll(page, loaded);
        await measureCoding(page, loaded);
      } finally {
        if (session.errors.length) log(`page errors: ${session.errors.slice(0, 3).join(' | ')}`);
        await session.close();
      }
    });
  }

  async function measureScroll(page: Page, loaded: LoadedProject): Promise<void> {
    await guarded([APP_MEASURES.scroll], async () => {
      const box = (await page.locator('.reader-pane').boundingBox())!;
      const passes = 3;
      const steps = 90;
      // One pass: 90 wheel steps of 320 px from the top, recording the time between animation frames.
      const scrollPass = async (selector: string): Promise<{ deltas: number[]; scrolled: number }> => {
        await page.evaluate((s) => document.querySelector(s)?.scrollTo(0, 0), selector);
        await idle(page, 500);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.evaluate(() => window.__tesseraBench.startFrames());
        for (let k = 0; k < steps; k++) {
          await page.mouse.wheel(0, 320);
          await idle(page, 12);
        }
        await idle(page, 300);
        const deltas = await page.evaluate(() => window.__tesseraBench.stopFrames());
        const scrolled = await page.evaluate((s) => document.querySelector(s)?.scrollTop ?? 0, selector);
        return { deltas, scrolled };
      };
      const app: number[] = [];
      let scrolled = 0;
      for (let i = 0; i < passes; i++) {
        const pass = await scrollPass('.reader-pane');
        app.push(...pass.deltas);
        scrolled = pass.scrolled;
      }
      if (scrolled === 0) throw new Error('the wheel did not scroll the transcript');
      const plain: number[] = [];
      await page.evaluate(({ p, d }) => window.__tesseraBench.renderPlain(p, d), { p: loaded.projectId, d: loaded.focusDocumentId });
      for (let i = 0; i < passes; i++) plain.push(...(await scrollPass('.bench-plain')).deltas);
      await page.evaluate(() => window.__tesseraBench.removePlain());
      await page.evaluate(() => document.querySelector('.reader-pane')?.scrollTo(0, 0));
      const f = figures(app);
      const dropped = (xs: number[]) => xs.filter((d) => d > FRAME_MS * 1.5).length;
      results.set(
        APP_MEASURES.scroll,
        judge({
          ...results.get(APP_MEASURES.scroll)!,
          value: f,
          baseline: { label: 'scrolling the same text as plain DOM', figures: figures(plain) },
          detail: `${formatCount(f.runs.length)} frames over ${passes} passes of ${steps} wheel steps (${formatCount(scrolled)} px each); median ${formatNumber(f.median)} ms; frames late (over 25 ms): ${formatCount(dropped(app))} of ${formatCount(app.length)}, plain DOM ${formatCount(dropped(plain))} of ${formatCount(plain.length)}`,
        }),
      );
    });
  }

  async function measureCoding(page: Page, loaded: LoadedProject): Promise<void> {
    await guarded([APP_MEASURES.coding], async () => {
      const count = large ? 20 : Math.max(10, runs * 2);
      const palette = page.getByRole('dialog', { name: 'Apply a code' });
      const times: number[] = [];
      const registered: number[] = [];
      const paragraphs = await page.locator('.reader-body p.turn-text').count();
      for (let i = 0; i < count + 1; i++) {
        // A passage of an answer spread through the transcript: a few words from the middle of a turn.
        const index = (1 + 2 * Math.floor(((i + 1) * paragraphs) / (2 * (count + 2)))) % paragraphs;
        const words = ((await page.locator('.reader-body p.turn-text').nth(index).textContent()) ?? '').split(' ');
        const phrase = words.slice(2, Math.min(words.length, 7)).join(' ');
        if (phrase.length < 8) continue;
        await selectWithMouse(page, phrase);
        await palette.waitFor();
        const name = loaded.codeNames[i % loaded.codeNames.length]!;
        await page.keyboard.type(name);
        await page.locator('#palette-option-0').filter({ hasText: name }).waitFor();
        await page.evaluate(() => window.__tesseraBench.armCoding());
        await page.keyboard.press('Enter');
        const r = await page.evaluate(() => window.__tesseraBench.result());
        await palette.waitFor({ state: 'hidden' });
        await idle(page, 300);
        // The first coding warms the code paths; it is not counted.
        if (i === 0) continue;
        times.push(r.painted!);
        registered.push(r.registered!);
      }
      const f = figures(times);
      results.set(
        APP_MEASURES.coding,
        judge({
          ...results.get(APP_MEASURES.coding)!,
          value: f,
          detail: `${times.length} codings added to a transcript with ${formatCount(loaded.focusCodings)}; median ${formatNumber(f.median)} ms to paint, highlights registered after ${formatNumber(figures(registered).median)} ms (median)`,
        }),
      );
    });
  }

  async function measureStart(baseUrl: string): Promise<void> {
    await guarded([APP_MEASURES.start], async () => {
      const session = await open(baseUrl);
      const { page } = session;
      try {
        const loaded: LoadedProject = await page.evaluate((s) => window.__tesseraBench.loadCorpus(s), startScale);
        await page.locator('.document-item').nth(0).click();
        await page.locator(`.reader-body[data-document-id="${loaded.focusDocumentId}"] p.turn-text`).first().waitFor();
        await idle(page, 1000);
        const times: number[] = [];
        for (let i = 0; i < quickRuns + 1; i++) {
          await reload(page);
          await page.waitForFunction(() => window.__tesseraBench.interactive() !== undefined, undefined, { timeout: 120_000 });
          const at = await page.evaluate(() => window.__tesseraBench.interactive()!);
          if (i > 0) times.push(at.painted);
          await idle(page, 500);
        }
        results.set(
          APP_MEASURES.start,
          judge({
            ...results.get(APP_MEASURES.start)!,
            value: figures(times),
            detail: `from navigation to the ${startScale} project's document list, codebook and a ${formatCount(loaded.focusWords)}-word transcript with ${formatCount(loaded.focusCodings)} codings painted`,
          }),
        );
      } finally {
        await session.close();
      }
    });
  }
}
