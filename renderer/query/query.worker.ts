/// <reference lib="webworker" />
import { buildQueryIndex, type QueryIndex } from '../../shared/query';
import { readProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import { serve } from '../workers/worker-protocol';
import type { QueryMessage } from './protocol';
import { runQuery } from './run-query';

/**
 * Answers theme and query questions off the main thread. The project is read and indexed once per data version
 * (a big project takes a second or more to read and index), then every question is answered from that index.
 */
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

serve(async ({ projectId, version, request }: QueryMessage) => runQuery(await indexFor(projectId, version), request));
