/// <reference lib="webworker" />
import { handleProtectRequest, type ProtectMessage, type ProtectRequest } from './protect-engine';

/**
 * Confidentiality work off the main thread: scanning every transcript for names, pseudonymising a whole project,
 * and deriving a key from a passphrase (600,000 rounds) would otherwise freeze the window.
 */
const post = (message: ProtectMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<ProtectRequest>) => {
  const request = event.data;
  try {
    const result = await handleProtectRequest(request, (stage) => post({ id: request.id, stage }));
    const transfer = result.kind === 'bytes' || result.kind === 'decrypted' ? [result.bytes.buffer as ArrayBuffer] : [];
    post({ id: request.id, ok: true, result }, transfer);
  } catch (error) {
    post({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
