#!/usr/bin/env node
/**
 * Tessera's command line: the same engine as the app, for scripts and other tools.
 * Run with `npm run --silent cli -- <command> ...` (or the packaged `tessera` command).
 */
import { runCli } from './run';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
