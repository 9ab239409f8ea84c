import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write';

/** The window's size, place and maximised state, remembered between runs. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

export function loadWindowState(path: string): WindowState {
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof raw !== 'object' || raw === null) return DEFAULT_WINDOW_STATE;
    const r = raw as Record<string, unknown>;
    const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
    const width = num(r.width);
    const height = num(r.height);
    if (!width || !height || width < 400 || height < 300) return DEFAULT_WINDOW_STATE;
    return { x: num(r.x), y: num(r.y), width, height, maximized: r.maximized === true };
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(state)));
}
