import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('shared/exchange stays pure', () => {
  it('imports nothing from node, electron, react, dexie or the DOM', () => {
    const folder = new URL('../../../shared/exchange/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^(\.{1,2}\/|fflate$)/);
      }
      expect(source, file).not.toMatch(/\b(window|document)\.\w/);
    }
  });
});
