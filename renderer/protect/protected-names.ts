import { CONTAINER_EXTENSION, findLeaks, type PseudonymTable } from '../../shared/protect';

/**
 * The container's stored file name is readable without the passphrase, so it must not carry a real name: a name
 * holding a term of the table is replaced by a neutral one (with the same extension).
 */
export function neutralFileName(fileName: string, table: PseudonymTable, fallbackStem = 'Tessera file'): string {
  if (table.length === 0 || findLeaks(fileName, table).length === 0) return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${fallbackStem}${dot > 0 ? fileName.slice(dot) : ''}`;
}

/** The name of the encrypted file on disk: the original name and .tessera-enc. */
export function encryptedFileName(fileName: string): string {
  return `${fileName}${CONTAINER_EXTENSION}`;
}
