#!/usr/bin/env node
// Before the tests: the end-to-end tests drive Debian's Chromium. Install it when it is missing and we can
// (root with apt-get, as on CI); otherwise say exactly what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    console.error(`Chromium is needed for the end-to-end tests and was not found at ${path}.\nInstall it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
    process.exit(1);
  }
  console.log('Installing Chromium for the end-to-end tests (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (install.status !== 0 || !existsSync(path)) {
    console.error('Could not install Chromium with apt-get.');
    process.exit(1);
  }
}
