import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the web version of the renderer once and serves it for every end-to-end test. */
export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  const outDir = resolve(root, 'dist-web');
  if (process.env.TESSERA_E2E_SKIP_BUILD !== '1' || !existsSync(resolve(outDir, 'index.html'))) {
    execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const { server, url } = await serveStatic(outDir);
  project.provide('baseUrl', url);
  return () => new Promise<void>((done) => server.close(() => done()));
}
