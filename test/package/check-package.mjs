#!/usr/bin/env node
// Checks what the desktop package would contain: builds the app, runs electron-builder --dir with a stand-in
// Electron folder (the real Electron download is not needed to lay out app.asar), then lists app.asar and fails if
// sources, tests or development-only packages went in, or if the built app is missing.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });

run(resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), ['build', '--logLevel', 'warn']);

const standIn = mkdtempSync(join(tmpdir(), 'tessera-electron-'));
writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho stand-in\n');
chmodSync(join(standIn, 'electron'), 0o755);
mkdirSync(join(standIn, 'resources'), { recursive: true });
writeFileSync(join(standIn, 'version'), require('electron/package.json').version);

const outDir = mkdtempSync(join(tmpdir(), 'tessera-release-'));
try {
  run(resolve(root, 'node_modules/electron-builder/cli.js'), ['--dir', '--linux', `-c.electronDist=${standIn}`, `-c.directories.output=${outDir}`, '--publish', 'never']);
  const asar = join(outDir, 'linux-unpacked/resources/app.asar');
  if (!existsSync(asar)) throw new Error(`app.asar was not produced at ${asar}`);
  const { listPackage } = require('@electron/asar');
  const files = listPackage(asar, {}).map((f) => f.replace(/\\/g, '/'));
  const problems = [];
  for (const needed of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/out/main/cli.js']) {
    if (!files.includes(needed)) problems.push(`missing ${needed}`);
  }
  const forbidden = [
    /^\/(renderer|shared|electron|test|build|\.ci)\//,
    /^\/node_modules\/(react|react-dom|dexie|zustand|lexical|@lexical|vite|vitest|electron|typescript|playwright-core|eslint)\//,
    /^\/(?!node_modules\/).*\.tsx?$/,
  ];
  for (const file of files) {
    if (forbidden.some((re) => re.test(file))) problems.push(`should not be packaged: ${file}`);
  }
  const unique = [...new Set(problems)].slice(0, 40);
  if (unique.length) {
    console.error(`app.asar check failed:\n  ${unique.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    const appFiles = files.filter((f) => f.startsWith('/out/')).length;
    console.log(`app.asar holds ${files.length} entries (${appFiles} built app files); no sources, tests or UI packages.`);
  }
} finally {
  rmSync(standIn, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
}
