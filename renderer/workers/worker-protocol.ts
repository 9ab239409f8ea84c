/**
 * The one shape of the messages every worker sends back to the window, and the worker side of sending them.
 *
 * A request carries an `id`; the worker answers it with progress messages (any number) and then exactly one reply,
 * the result or an error's message. Anything else a worker posts (a question of its own, such as the write-up
 * worker asking for a chart to be drawn) is not a reply and goes to the page's own handler.
 */
export type WorkerReply<Result, Progress = never> =
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; message: string }
  | { id: number; progress: Progress };

/** A request as the page writes it: the id is added when it is sent. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Whether a message from a worker answers a request (or reports progress on one). */
export function isReply(data: unknown): data is WorkerReply<unknown, unknown> {
  return typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'number' && ('ok' in data || 'progress' in data);
}

/** An error's own words, for the reply. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a worker's global scope offers for answering; tests pass a stand-in. */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export interface AnswerOptions<Request, Result> {
  /** Buffers to hand over with the result rather than copy (e.g. the bytes of a written file). */
  transfer?: (result: Result) => Transferable[];
  /** The error's message as the user should read it (e.g. naming the file); its own message otherwise. */
  describe?: (error: unknown, request: Request) => string;
}

const workerScope = (): WorkerScope => self as unknown as WorkerScope;

/**
 * Works out one request's answer and posts it: progress as it comes, then the result or the error's message.
 * Never rejects: a failure is the reply.
 */
export async function answer<Request extends { id: number }, Result, Progress = never>(
  request: Request,
  work: (progress: (progress: Progress) => void) => Result | Promise<Result>,
  options: AnswerOptions<Request, Result> = {},
  scope: WorkerScope = workerScope(),
): Promise<void> {
  const { id } = request;
  const post = (reply: WorkerReply<Result, Progress>, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);
  let result: Result;
  try {
    result = await work((progress) => post({ id, progress }));
  } catch (error) {
    post({ id, ok: false, message: options.describe ? options.describe(error, request) : messageOf(error) });
    return;
  }
  post({ id, ok: true, result }, options.transfer?.(result) ?? []);
}

/** Answers every request the worker receives with `handle`, each as it arrives. */
export function serve<Request extends { id: number }, Result, Progress = never>(
  handle: (request: Request, progress: (progress: Progress) => void) => Result | Promise<Result>,
  options: AnswerOptions<Request, Result> = {},
  scope: WorkerScope & { onmessage: ((event: MessageEvent<Request>) => void) | null } = self as unknown as WorkerScope & {
    onmessage: ((event: MessageEvent<Request>) => void) | null;
  },
): void {
  scope.onmessage = (event) => {
    const request = event.data;
    void answer<Request, Result, Progress>(request, (progress) => handle(request, progress), options, scope);
  };
}
