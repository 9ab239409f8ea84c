/// <reference lib="webworker" />
import { compareCoders, findDisagreements } from '../../shared/agreement/index';
import { readProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import { serve } from '../workers/worker-protocol';
import type { AgreementProgress, AgreementRequest, AgreementResult } from './protocol';

/**
 * Compares coders off the main thread: a project of many long transcripts takes seconds to compare, and the window
 * must stay responsive meanwhile. The worker opens the project database itself and reads a consistent snapshot.
 */
serve<AgreementRequest, AgreementResult, AgreementProgress>(async (request, progress) => {
  const started = performance.now();
  progress({ step: 1, steps: 3, label: 'Reading the project' });
  const data = await readProjectData(projectDb(request.project.id), request.project);
  const documentCount = request.documentIds?.length ?? data.documents.length;
  progress({ step: 2, steps: 3, label: `Comparing ${request.coderIds.length} coders over ${documentCount} documents` });
  const comparison = compareCoders(data, {
    coderIds: request.coderIds,
    unit: request.unit,
    codeIds: request.codeIds,
    documentIds: request.documentIds,
    unitized: request.unit === 'character',
  });
  progress({ step: 3, steps: 3, label: 'Finding the passages where the coders differ' });
  const disagreements = findDisagreements(data, request.pair[0], request.pair[1], {
    codeIds: request.codeIds ?? comparison.codes.map((c) => c.codeId),
    documentIds: request.documentIds,
  });
  return { comparison, disagreements, elapsed: performance.now() - started };
});
