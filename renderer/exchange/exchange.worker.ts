/// <reference lib="webworker" />
import { createExchangeEngine, fileMessage, type ExchangeMessage, type ExchangeRequest } from './exchange-engine';

/**
 * Reads, writes and compares REFI-QDA projects off the main thread: a colleague's file can hold hundreds of
 * transcripts, and the window must stay responsive (and cancellable) while it is read.
 */
const engine = createExchangeEngine();
const post = (message: ExchangeMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<ExchangeRequest>) => {
  const request = event.data;
  try {
    const result = await engine.handle(request, (stage) => post({ id: request.id, stage }));
    post({ id: request.id, ok: true, result }, result.kind === 'written' ? [result.bytes.buffer] : []);
  } catch (error) {
    const name = 'name' in request ? request.name : undefined;
    post({ id: request.id, ok: false, message: name ? fileMessage(name, error) : error instanceof Error ? error.message : String(error) });
  }
};
