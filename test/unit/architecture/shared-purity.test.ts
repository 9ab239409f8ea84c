import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine in shared/ must run in the renderer, in Node and in the CLI alike. This test reads every file under
 * shared/ (the lint rule checks the same; this keeps it checked even when lint is skipped).
 */
const root = resolve(import.meta.dirname, '../../..');
const sharedDir = join(root, 'shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const FORBIDDEN_MODULE = /^(electron|react|react-dom|dexie|dexie-react-hooks|node:.*|fs|path|os|child_process|crypto|buffer|stream|url)(\/.*)?$/;

describe('shared/ is the pure engine', () => {
  const files = sourceFiles(sharedDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports no platform, UI or database module and no app layer', () => {
    const offences: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        if (FORBIDDEN_MODULE.test(spec) || /(^|\/)(renderer|electron)\//.test(spec)) offences.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('does not touch window, document or Node globals', () => {
    const offences: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
      for (const name of ['window', 'document', 'localStorage', 'process', 'Buffer', '__dirname']) {
        if (new RegExp(`(?<![.\\w$])${name}(?![\\w$])`).test(code)) offences.push(`${relative(root, file)} uses ${name}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
