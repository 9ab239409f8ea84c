import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/main/window-state';

describe('window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-window-'));

  it('round-trips size, place and maximised state', async () => {
    const path = join(dir, 'state.json');
    await saveWindowState(path, { x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(path)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('falls back to defaults for a missing, corrupt or absurd file', () => {
    expect(loadWindowState(join(dir, 'none.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"width": 12');
    expect(loadWindowState(corrupt)).toEqual(DEFAULT_WINDOW_STATE);
    const tiny = join(dir, 'tiny.json');
    writeFileSync(tiny, JSON.stringify({ width: 5, height: 5 }));
    expect(loadWindowState(tiny)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
