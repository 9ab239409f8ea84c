import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium as the app's users get it, minus everything that would reach the network. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface AppBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to anywhere but the app's own origin (must stay empty). */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  close(): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
}

export function removeProfileDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
}

export async function launchApp(profileDir: string, baseUrl: string, options: LaunchOptions = {}): Promise<AppBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(baseUrl);
  return { context, page, foreignRequests, errors, close: () => context.close() };
}

/** The app of one group of tests, with a way to restart it on the same profile. */
export interface SuiteApp extends AppBrowser {
  /** Closes the browser and starts it again on the same profile, as a user's restart would (e.g. in the dark). */
  restart(options?: LaunchOptions): Promise<void>;
}

/**
 * Starts the app in a fresh browser profile before a describe block's tests and closes it (removing the profile)
 * after them. Call it inside the describe block, before the block's own hooks, which then find the app started.
 */
export function appForSuite(options: LaunchOptions = {}): SuiteApp {
  const profile = newProfileDir();
  let current: AppBrowser | undefined;
  const app = (): AppBrowser => {
    if (!current) throw new Error('The app is not started yet: use it inside a test or a hook.');
    return current;
  };
  beforeAll(async () => {
    current = await launchApp(profile, inject('baseUrl'), options);
  });
  afterAll(async () => {
    await current?.close();
    removeProfileDir(profile);
  });
  return {
    get context() {
      return app().context;
    },
    get page() {
      return app().page;
    },
    get foreignRequests() {
      return app().foreignRequests;
    },
    get errors() {
      return app().errors;
    },
    close: () => app().close(),
    async restart(next: LaunchOptions = {}) {
      await current?.close();
      current = await launchApp(profile, inject('baseUrl'), next);
    },
  };
}

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screens');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
