import type { WorkerLike } from '../../../renderer/workers/worker-client';

/** A worker the test drives by hand: it records what it is sent, and the test makes it answer or fail. */
export class FakeWorker implements WorkerLike {
  readonly posted: { message: unknown; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.posted.push({ message, transfer });
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker posts a message to the window. */
  send(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }

  /** The worker fails; says whether the window claimed the error (kept it from being reported as uncaught). */
  fail(message: string): boolean {
    let claimed = false;
    this.onerror?.({ message, preventDefault: () => (claimed = true) } as unknown as ErrorEvent);
    return claimed;
  }

  /** The id the client gave the n-th request this worker received. */
  idOf(n: number): number {
    return (this.posted[n]!.message as { id: number }).id;
  }
}

/** Lets promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The rejection's error, or a failure when the promise resolved. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
