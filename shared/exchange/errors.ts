/** A REFI-QDA file that Tessera refuses: the message names the file and the problem. Nothing of it is imported. */
export class ExchangeError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ExchangeError';
  }
}

/** Rethrows any failure as an ExchangeError naming the file (once: an ExchangeError passes through unchanged). */
export function refuse(file: string, error: unknown): never {
  if (error instanceof ExchangeError) throw error;
  const problem = error instanceof Error ? error.message : String(error);
  throw new ExchangeError(file, problem);
}
