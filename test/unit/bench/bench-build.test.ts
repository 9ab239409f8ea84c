import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The bench hook (renderer/bench/bench-hook.ts) can load any data into a project database from the page, so it
 * must exist only in the bench build. Both builds are made here into temporary folders and their output searched.
 */
const root = resolve(import.meta.dirname, '../../..');
const folders: string[] = [];

function build(config: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'tessera-build-'));
  folders.push(outDir);
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  return outDir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Output files (HTML and scripts) that mention the hook. */
function mentions(dir: string): string[] {
  return filesUnder(dir).filter((f) => /\.(html|js|mjs)$/.test(f) && /__tesseraBench|bench-hook/.test(readFileSync(f, 'utf8')));
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('the bench hook is only in the bench build', () => {
  it('is absent from the normal web build', () => {
    const out = build('vite.web.config.ts');
    expect(filesUnder(out).some((f) => f.endsWith('index.html'))).toBe(true);
    expect(mentions(out)).toEqual([]);
  }, 300_000);

  it('is present in the bench build (so the search above can find it)', () => {
    const out = build('vite.bench.config.ts');
    expect(mentions(out).length).toBeGreaterThan(0);
  }, 300_000);
});
