/// <reference lib="webworker" />
import { CodingTally, type CodingChanges } from './coding-counts';
import { answer } from '../workers/worker-protocol';
import { ProjectDb } from './project-db';

/**
 * Counts codings off the main thread, with its own connection to each project's database. Each project keeps a
 * tally that later counts update from the changed codings; a project's requests run one after another, so an update
 * never interleaves with a full count.
 */
const projects = new Map<string, { db: ProjectDb; tally: CodingTally; queue: Promise<void> }>();

/** Count a project's codings; with `changes`, update the last count from only those codings. */
export interface CountRequest {
  id: number;
  projectId: string;
  changes?: CodingChanges;
}

self.onmessage = (event: MessageEvent<CountRequest>) => {
  const request = event.data;
  let project = projects.get(request.projectId);
  if (!project) {
    project = { db: new ProjectDb(request.projectId), tally: new CodingTally(), queue: Promise.resolve() };
    projects.set(request.projectId, project);
  }
  const { db, tally } = project;
  project.queue = project.queue.then(() => answer(request, () => tally.count(db, request.changes)));
};
