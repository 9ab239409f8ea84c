/// <reference lib="webworker" />
import { buildQueryIndex, type QueryIndex } from '../../shared/query';
import { readProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import type { QueryMessage, QueryReply } from './protocol';
import { runQuery } from './run-query';

/**
 * Answers theme and query questions off the main thread. The project is read and indexed once per data version
 * (a big project takes a second or more to read and index), then every question is answered from that index.
 */
const post = (reply: QueryReply) => (self as unknown as Worker).postMessage(reply);

let cached: { projectId: string; version: number; index: Promise<QueryIndex> } | undefined;

function indexFor(projectId: string, version: number): Promise<QueryIndex> {
  // An index of newer data answers an older question too (two screens may ask with versions a moment apart).
  if (cached && cached.projectId === projectId && cached.version >= version) return cached.index;
  const project = { id: projectId, name: '', description: '', createdAt: 0, updatedAt: 0 };
  const index = readProjectData(projectDb(projectId), project).then(buildQueryIndex);
  cached = { projectId, version, index };
  // A failed read is not kept: the next question tries again.
  index.catch(() => {
    if (cached?.index === index) cached = undefined;
  });
  return index;
}

self.onmessage = async (event: MessageEvent<QueryMessage>) => {
  const { id, projectId, version, request } = event.data;
  const started = performance.now();
  try {
    const index = await indexFor(projectId, version);
    post({ id, ok: true, result: runQuery(index, request), elapsed: performance.now() - started });
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
