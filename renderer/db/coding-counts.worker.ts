/// <reference lib="webworker" />
import { CodingTally, type CodingChanges } from './coding-counts';
import { ProjectDb } from './project-db';

/**
 * Counts codings off the main thread, with its own connection to each project's database. Each project keeps a
 * tally that later counts update from the changed codings; a project's requests run one after another, so an update
 * never interleaves with a full count.
 */
const projects = new Map<string, { db: ProjectDb; tally: CodingTally; queue: Promise<void> }>();

self.onmessage = (event: MessageEvent<{ id: number; projectId: string; changes?: CodingChanges }>) => {
  const { id, projectId, changes } = event.data;
  let project = projects.get(projectId);
  if (!project) {
    project = { db: new ProjectDb(projectId), tally: new CodingTally(), queue: Promise.resolve() };
    projects.set(projectId, project);
  }
  const { db, tally } = project;
  project.queue = project.queue.then(async () => {
    try {
      (self as unknown as Worker).postMessage({ id, ok: true, counts: await tally.count(db, changes) });
    } catch (error) {
      (self as unknown as Worker).postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
};
