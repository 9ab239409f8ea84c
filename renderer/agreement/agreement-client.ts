import { WorkerClient } from '../workers/worker-client';
import type { AgreementProgress, AgreementRequest, AgreementResult } from './protocol';

/** A comparison cannot be interrupted from outside: a newer one, or cancelling, ends the worker. */
const comparisons = new WorkerClient<AgreementRequest, AgreementResult, AgreementProgress>({
  start: () => new Worker(new URL('./agreement.worker.ts', import.meta.url), { type: 'module', name: 'tessera-agreement' }),
  stoppedMessage: 'The comparison stopped unexpectedly.',
  oneAtATime: true,
});

/**
 * Compares coders in the agreement worker. Only one comparison runs at a time: asking again (the user changed a
 * choice, or the data changed) stops the one under way, and its promise rejects with an AbortError.
 */
export function compareInWorker(
  request: Omit<AgreementRequest, 'id'>,
  onProgress: (progress: AgreementProgress) => void,
): Promise<AgreementResult> {
  return comparisons.call(request, { onProgress });
}

/** Stops any comparison under way, e.g. when the view closes. */
export function cancelComparison(): void {
  if (comparisons.busy) comparisons.stop(new DOMException('Superseded', 'AbortError'));
}
