/// <reference lib="webworker" />
import { compareCoders, findDisagreements } from '../../shared/agreement/index';
import { readProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import type { AgreementRequest, AgreementResponse } from './protocol';

/**
 * Compares coders off the main thread: a project of many long transcripts takes seconds to compare, and the window
 * must stay responsive meanwhile. The worker opens the project database itself and reads a consistent snapshot.
 */
const post = (response: AgreementResponse) => (self as unknown as Worker).postMessage(response);

self.onmessage = async (event: MessageEvent<AgreementRequest>) => {
  const request = event.data;
  const { id } = request;
  const started = performance.now();
  try {
    post({ id, kind: 'progress', progress: { step: 1, steps: 3, label: 'Reading the project' } });
    const data = await readProjectData(projectDb(request.project.id), request.project);
    const documentCount = request.documentIds?.length ?? data.documents.length;
    post({
      id,
      kind: 'progress',
      progress: { step: 2, steps: 3, label: `Comparing ${request.coderIds.length} coders over ${documentCount} documents` },
    });
    const comparison = compareCoders(data, {
      coderIds: request.coderIds,
      unit: request.unit,
      codeIds: request.codeIds,
      documentIds: request.documentIds,
      unitized: request.unit === 'character',
    });
    post({ id, kind: 'progress', progress: { step: 3, steps: 3, label: 'Finding the passages where the coders differ' } });
    const disagreements = findDisagreements(data, request.pair[0], request.pair[1], {
      codeIds: request.codeIds ?? comparison.codes.map((c) => c.codeId),
      documentIds: request.documentIds,
    });
    post({ id, kind: 'done', result: { comparison, disagreements, elapsed: performance.now() - started } });
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
