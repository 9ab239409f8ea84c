import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The importers run in the renderer, in Node tests and in the CLI alike, so they take bytes and return data.
const FILES = ['index', 'options', 'encoding', 'plain-text', 'captions', 'speakers', 'participants'];
const FORBIDDEN = /from\s+['"](?:node:[^'"]+|fs|path|os|electron|react|react-dom|dexie)['"]|import\(['"](?:node:|electron|react|dexie)/;

describe('the import engine stays pure', () => {
  for (const name of FILES) {
    it(`shared/import/${name}.ts imports no Node, Electron, React or Dexie and touches no window or document`, () => {
      const source = readFileSync(path.resolve(process.cwd(), `shared/import/${name}.ts`), 'utf8');
      expect(source).not.toMatch(FORBIDDEN);
      expect(source).not.toMatch(/\b(?:window|document)\.[a-z]/);
      expect(source).not.toMatch(/\b(?:process|Buffer|require)\b/);
    });
  }
});
