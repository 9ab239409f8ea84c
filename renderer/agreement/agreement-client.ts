import type { AgreementProgress, AgreementRequest, AgreementResponse, AgreementResult } from './protocol';

let worker: Worker | null = null;
let nextId = 1;
let inFlight: { id: number; reject: (error: Error) => void } | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./agreement.worker.ts', import.meta.url), { type: 'module', name: 'tessera-agreement' });
}

/** Stops the computation under way (the worker is ended: a comparison cannot be interrupted from outside). */
function stopInFlight(): void {
  if (!inFlight) return;
  worker?.terminate();
  worker = null;
  inFlight.reject(new DOMException('Superseded', 'AbortError'));
  inFlight = null;
}

/**
 * Compares coders in the agreement worker. Only one comparison runs at a time: asking again (the user changed a
 * choice, or the data changed) stops the one under way, and its promise rejects with an AbortError.
 */
export function compareInWorker(
  request: Omit<AgreementRequest, 'id'>,
  onProgress: (progress: AgreementProgress) => void,
): Promise<AgreementResult> {
  stopInFlight();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    inFlight = { id, reject };
    const w = (worker ??= startWorker());
    w.onmessage = (event: MessageEvent<AgreementResponse>) => {
      const message = event.data;
      if (message.id !== inFlight?.id) return;
      if (message.kind === 'progress') {
        onProgress(message.progress);
        return;
      }
      inFlight = null;
      if (message.kind === 'done') resolve(message.result);
      else reject(new Error(message.message));
    };
    w.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      if (inFlight?.id === id) inFlight = null;
      reject(new Error(event.message || 'The comparison stopped unexpectedly.'));
    };
    w.postMessage({ ...request, id } satisfies AgreementRequest);
  });
}

/** Stops any comparison under way, e.g. when the view closes. */
export function cancelComparison(): void {
  stopInFlight();
}
