/// <reference lib="webworker" />
import { serve } from '../workers/worker-protocol';
import { handleProtectRequest } from './protect-engine';

/**
 * Confidentiality work off the main thread: scanning every transcript for names, pseudonymising a whole project,
 * and deriving a key from a passphrase (600,000 rounds) would otherwise freeze the window.
 */
serve(handleProtectRequest, {
  transfer: (result) => (result.kind === 'bytes' || result.kind === 'decrypted' ? [result.bytes.buffer as ArrayBuffer] : []),
});
