/// <reference lib="webworker" />
import { countCodings } from './coding-counts';
import { ProjectDb } from './project-db';

/** Counts codings off the main thread, with its own connection to the project's database. */
const open = new Map<string, ProjectDb>();

self.onmessage = async (event: MessageEvent<{ id: number; projectId: string }>) => {
  const { id, projectId } = event.data;
  try {
    let db = open.get(projectId);
    if (!db) {
      db = new ProjectDb(projectId);
      open.set(projectId, db);
    }
    (self as unknown as Worker).postMessage({ id, ok: true, counts: await countCodings(db) });
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
