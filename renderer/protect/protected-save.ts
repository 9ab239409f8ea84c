import type { FileFilter } from '../../shared/ipc/contract';
import { CONTAINER_EXTENSION, type PseudonymTable } from '../../shared/protect';
import { platform } from '../platform';
import { encryptInWorker, fileLeaksInWorker } from './protect-client';
import type { ProtectStage } from './protect-engine';
import { leakTermCounts } from './protect-engine';
import { encryptedFileName, neutralFileName } from './protected-names';

export { encryptedFileName, neutralFileName };

/**
 * Saving a file Tessera writes either protected with a passphrase (the .tessera-enc container) or, when the user
 * chooses so, as it is, after checking it for the real terms of the pseudonym table.
 */

export const ENCRYPTED_FILTERS: FileFilter[] = [
  { name: 'Tessera encrypted file', extensions: [CONTAINER_EXTENSION.slice(1)] },
  { name: 'All files', extensions: ['*'] },
];

/** A file to save: its name and type, and how to make its bytes (made only once the user has chosen). */
export interface SaveRequest {
  /** The dialog's title, e.g. "Export encrypted project". */
  title: string;
  /** The file's own name, e.g. "Study 2026-06-05.qdpx" (the encrypted file adds .tessera-enc). */
  fileName: string;
  /** Media type stored in the container. */
  type: string;
  /** Filters for saving it unprotected. */
  filters: FileFilter[];
  /** True when the file may also be saved without a passphrase. */
  allowPlain: boolean;
  /** The project's pseudonym table: an unprotected file is checked for its terms. */
  table: PseudonymTable;
  produce: (onStage: (stage: ProtectStage) => void) => Promise<Uint8Array>;
}

/** Makes the file, encrypts it in the worker and offers it to save. Resolves to the saved name, or undefined. */
export async function saveEncrypted(request: SaveRequest, passphrase: string, onStage: (stage: ProtectStage) => void = () => undefined): Promise<string | undefined> {
  const bytes = await request.produce(onStage);
  const name = neutralFileName(request.fileName, request.table);
  const encrypted = await encryptInWorker(bytes, passphrase, { name, type: request.type }, { onStage });
  const suggestedName = encryptedFileName(name);
  const saved = await platform.saveFile({ title: request.title, suggestedName, filters: ENCRYPTED_FILTERS, bytes: encrypted });
  return saved ? suggestedName : undefined;
}

/** The table's terms found in a file about to be saved unprotected, most first; none when there is no table. */
export async function plainFileLeaks(fileName: string, bytes: Uint8Array, table: PseudonymTable): Promise<{ term: string; count: number }[]> {
  if (table.length === 0) return [];
  return leakTermCounts(await fileLeaksInWorker(fileName, bytes, table));
}

/** Saves the bytes as they are. Resolves to the saved name, or undefined when cancelled. */
export async function savePlain(request: SaveRequest, bytes: Uint8Array): Promise<string | undefined> {
  const saved = await platform.saveFile({ title: request.title, suggestedName: request.fileName, filters: request.filters, bytes });
  return saved ? request.fileName : undefined;
}
