import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
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

  it('does not touch window, document or Node globals (scope-aware, through the lint rule)', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['shared/**/*.ts']);
    const offences = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-imports')
        .map((m) => `${relative(root, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(results.length).toBe(files.filter((f) => f.endsWith('.ts')).length);
    expect(offences).toEqual([]);
  }, 60_000);

  it('the rule really catches an offence', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nimport Dexie from 'dexie';\nexport const x = window.innerWidth + String(readFileSync) + String(Dexie);\n", { filePath: join(root, 'shared/offence.ts') });
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(2);
    expect(rules).toContain('no-restricted-globals');
  }, 60_000);
});
