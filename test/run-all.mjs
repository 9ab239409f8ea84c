#!/usr/bin/env node
// Runs every check a submission must pass: type checks, lint, the package check, and all Vitest tests (unit and
// end-to-end in Chromium). Ends with the plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
  return result.status === 0;
}

step('type check (node: electron, shared, tests)', bin('tsc'), ['-p', 'tsconfig.node.json']);
step('type check (web: renderer, shared)', bin('tsc'), ['-p', 'tsconfig.web.json']);
step('lint', bin('eslint'), ['.']);
if (process.env.TESSERA_SKIP_PACKAGE_CHECK !== '1') step('package contents', process.execPath, [resolve(root, 'test/package/check-package.mjs')]);

mkdirSync(resolve(root, 'test-results'), { recursive: true });
const report = resolve(root, 'test-results/vitest.json');
rmSync(report, { force: true });
process.stdout.write('\n▶ unit and end-to-end tests\n');
const vitest = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  if (json.numFailedTests > 0) failures.push(`${json.numFailedTests} test(s)`);
  if (vitest.status !== 0 && json.numFailedTests === 0) {
    failed += 1;
    failures.push('test run (suite error)');
  }
} else {
  failed += 1;
  failures.push('test run (no report)');
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
