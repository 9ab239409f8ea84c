import { WorkerClient } from '../workers/worker-client';
import type { WithoutId } from '../workers/worker-protocol';
import type { RasteriseNotice, ToWorker, WriteupProgress, WriteupRequest, WriteupResult } from './protocol';
import { docxRasterise } from './rasterise';

/**
 * Talks to the write-up worker: one worker, started on first use, answering requests in turn. The worker asks
 * back for charts drawn as pictures while it writes a Word document; they are drawn here.
 */
const writeup = new WorkerClient<WriteupRequest, WriteupResult, WriteupProgress, RasteriseNotice>({
  start: () => new Worker(new URL('./writeup.worker.ts', import.meta.url), { type: 'module', name: 'tessera-writeup' }),
  stoppedMessage: 'The write-up stopped unexpectedly.',
  onNotice: (notice, worker) => {
    if (notice.kind !== 'rasterise') return;
    docxRasterise(notice.svg, notice.width, notice.height).then(
      (png) => worker.postMessage({ kind: 'rasterised', rid: notice.rid, png } satisfies ToWorker, []),
      (error: Error) => worker.postMessage({ kind: 'rasterised', rid: notice.rid, error: error.message } satisfies ToWorker, []),
    );
  },
});

export type WriteupBody = WithoutId<WriteupRequest>;

/** Sends one request to the worker. */
export function runWriteup(body: WriteupBody, onProgress?: (progress: WriteupProgress) => void): Promise<WriteupResult> {
  return writeup.call(body, { onProgress });
}
