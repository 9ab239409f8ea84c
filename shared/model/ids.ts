import type { Id } from './types';

/** A new random id: a lower-case UUID, which also serves as a REFI-QDA GUID. */
export function newId(): Id {
  return globalThis.crypto.randomUUID();
}
