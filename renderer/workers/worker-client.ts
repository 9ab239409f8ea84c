import { isReply, type WithoutId, type WorkerReply } from './worker-protocol';

/** What the client needs of a worker (a real Worker has it; tests drive a stand-in). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerClientOptions<Notice> {
  /**
   * Starts the worker. Each client writes its own `new Worker(new URL('./x.worker.ts', import.meta.url), …)` here,
   * so that the bundler finds and builds every worker.
   */
  start: () => WorkerLike;
  /** Said when the worker stops without answering (an error inside it, or it could not load) and gives no reason. */
  stoppedMessage: string;
  /** Only one request at a time: a new one stops the worker and the one under way rejects with an AbortError. */
  oneAtATime?: boolean;
  /** Messages from the worker that answer no request, e.g. the worker asking the window to do something for it. */
  onNotice?: (notice: Notice, worker: WorkerLike) => void;
}

export interface CallOptions<Progress> {
  /** Aborting stops the worker outright (work under way cannot be interrupted any other way). */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Buffers to hand over to the worker rather than copy. */
  transfer?: Transferable[];
}

interface Pending<Result, Progress> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: Progress) => void;
  /** Detaches the abort listener once the call is settled. */
  release: () => void;
}

const cancelled = () => new DOMException('Cancelled', 'AbortError');

/**
 * The window's side of one worker: started on first use, each request numbered and its reply routed back by that
 * number, progress delivered to the caller, and every waiting caller told when the worker fails or is stopped.
 */
export class WorkerClient<Request extends { id: number }, Result, Progress = never, Notice = never> {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Result, Progress>>();
  private started = 0;

  constructor(private readonly options: WorkerClientOptions<Notice>) {}

  /** True while a worker is alive (started and not stopped since). */
  get isRunning(): boolean {
    return this.worker !== null;
  }

  /** True while some request waits for its answer. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * How many workers have been started. A new number means a new worker, which holds none of what an earlier one
   * kept (e.g. the exchange worker's merge plans).
   */
  get generation(): number {
    return this.started;
  }

  /** Sends one request and waits for its answer. */
  call(body: WithoutId<Request>, options: CallOptions<Progress> = {}): Promise<Result> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.options.oneAtATime && this.busy) this.stop(new DOMException('Superseded', 'AbortError'));
    let worker: WorkerLike;
    try {
      worker = this.running();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(this.options.stoppedMessage));
    }
    return new Promise<Result>((resolve, reject) => {
      const id = this.nextId++;
      const abort = () => {
        if (this.pending.has(id)) this.stop(cancelled());
      };
      signal?.addEventListener('abort', abort, { once: true });
      const release = () => signal?.removeEventListener('abort', abort);
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress, release });
      try {
        worker.postMessage({ ...body, id }, options.transfer ?? []);
      } catch (error) {
        // The request could not be sent (e.g. something in it cannot be copied): it waits for nothing.
        this.pending.delete(id);
        release();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Ends the worker and rejects every waiting request with `error`; the next request starts a new worker. */
  stop(error: Error): void {
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const entry of waiting) {
      entry.release();
      entry.reject(error);
    }
  }

  private running(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.options.start();
    this.started += 1;
    worker.onmessage = (event) => {
      // A worker stopped on purpose may still have had a message on its way.
      if (this.worker === worker) this.receive(event.data, worker);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker === worker) this.stop(new Error(event.message || this.options.stoppedMessage));
    };
    this.worker = worker;
    return worker;
  }

  private receive(data: unknown, worker: WorkerLike): void {
    if (!isReply(data)) {
      this.options.onNotice?.(data as Notice, worker);
      return;
    }
    const reply = data as WorkerReply<Result, Progress>;
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    if ('progress' in reply) {
      entry.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    entry.release();
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new Error(reply.message));
  }
}
