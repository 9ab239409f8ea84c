/// <reference lib="webworker" />
import { messageOf, serve } from '../workers/worker-protocol';
import { createExchangeEngine, fileMessage } from './exchange-engine';

/**
 * Reads, writes and compares REFI-QDA projects off the main thread: a colleague's file can hold hundreds of
 * transcripts, and the window must stay responsive (and cancellable) while it is read.
 */
const engine = createExchangeEngine();
serve(engine.handle, {
  transfer: (result) => (result.kind === 'written' ? [result.bytes.buffer] : []),
  // Errors about a file name it.
  describe: (error, request) => {
    const name = 'name' in request ? request.name : '';
    return name ? fileMessage(name, error) : messageOf(error);
  },
});
