/**
 * A passphrase-protected container for any file Tessera writes (a project, a report, a spreadsheet), so that a lost
 * laptop or a wrongly addressed email exposes nothing.
 *
 * Encryption is AES-256-GCM through WebCrypto (globalThis.crypto.subtle, in browsers and Node 20 alike). The key is
 * derived from the passphrase (Unicode NFC, UTF-8) with PBKDF2-HMAC-SHA-256 over a random 16-byte salt; the
 * iteration count is stored so it can rise in later files without breaking earlier ones.
 *
 * Layout, version 1 (all integers unsigned big-endian):
 *
 *   offset     size  field
 *   0          11    magic: the ASCII bytes "TESSERA-ENC"
 *   11         1     container version: 1
 *   12         1     key derivation id: 1 = PBKDF2-HMAC-SHA-256 (AES-256 key, 32 bytes)
 *   13         4     iteration count (600,000 when written by this version)
 *   17         16    salt (random)
 *   33         12    AES-GCM initialisation vector (random)
 *   45         4     metadata length M (at most 65,536)
 *   49         M     metadata: UTF-8 JSON {"name": original file name, "type": media type}
 *   49+M       rest  AES-GCM ciphertext of the file, followed by its 16-byte authentication tag
 *
 * Bytes 0 to 49+M (everything before the ciphertext) are the AES-GCM additional authenticated data, so a change to
 * any byte of the file, header included, makes decryption fail. Decryption returns the whole file or nothing:
 * a wrong passphrase and a changed or damaged file fail alike, with one message (AES-GCM cannot tell them apart).
 *
 * The file name and media type are authenticated but not encrypted: anyone can read them without the passphrase.
 * A file name must therefore never carry a participant's name.
 *
 * docs/encrypted-container.md describes the same format for readers outside this code.
 */

export const CONTAINER_MAGIC = 'TESSERA-ENC';
export const CONTAINER_VERSION = 1;
/** The file extension Tessera gives encrypted files. */
export const CONTAINER_EXTENSION = '.tessera-enc';
export const KDF_PBKDF2_SHA256 = 1;
/** PBKDF2-HMAC-SHA-256 iterations for new files (OWASP's 2023 recommendation). */
export const DEFAULT_ITERATIONS = 600_000;
/** Refused above this when reading, so a damaged count cannot keep the machine busy for hours. */
export const MAX_ITERATIONS = 5_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_METADATA_BYTES = 65_536;
const FIXED_HEADER_BYTES = 11 + 1 + 1 + 4 + SALT_BYTES + IV_BYTES + 4;

const DAMAGED = 'wrong passphrase, or the file was changed or damaged';

/** A refused encrypted file; the message names the file and says what is wrong. */
export class EncryptedFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'EncryptedFileError';
  }
}

export interface EncryptOptions {
  /** The original file name, restored on decryption (readable without the passphrase). */
  name: string;
  /** Media type, e.g. "application/zip" (default application/octet-stream). */
  type?: string;
  /** PBKDF2 iterations; leave unset for DEFAULT_ITERATIONS. */
  iterations?: number;
}

export interface ContainerHeader {
  version: number;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
  iv: Uint8Array;
  name: string;
  type: string;
  /** Where the ciphertext begins (the length of the authenticated header). */
  headerLength: number;
}

export interface DecryptedFile {
  bytes: Uint8Array;
  name: string;
  type: string;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Encryption is not available here (no WebCrypto).');
  return s;
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** True when the bytes start like a Tessera encrypted file (whatever its version). */
export function isEncryptedContainer(bytes: Uint8Array): boolean {
  if (bytes.length < CONTAINER_MAGIC.length) return false;
  for (let i = 0; i < CONTAINER_MAGIC.length; i++) if (bytes[i] !== CONTAINER_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Encrypts a file's bytes with a passphrase into the container above. */
export async function encryptFile(bytes: Uint8Array, passphrase: string, options: EncryptOptions): Promise<Uint8Array> {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (a few words are best).`);
  }
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Error(`The iteration count must be a whole number from 1 to ${MAX_ITERATIONS}.`);
  }
  const metadata = new TextEncoder().encode(JSON.stringify({ name: options.name, type: options.type ?? 'application/octet-stream' }));
  if (metadata.length > MAX_METADATA_BYTES) throw new Error('The file name is too long to store.');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));

  const header = new Uint8Array(FIXED_HEADER_BYTES + metadata.length);
  const view = new DataView(header.buffer);
  for (let i = 0; i < CONTAINER_MAGIC.length; i++) header[i] = CONTAINER_MAGIC.charCodeAt(i);
  header[11] = CONTAINER_VERSION;
  header[12] = KDF_PBKDF2_SHA256;
  view.setUint32(13, iterations);
  header.set(salt, 17);
  header.set(iv, 17 + SALT_BYTES);
  view.setUint32(17 + SALT_BYTES + IV_BYTES, metadata.length);
  header.set(metadata, FIXED_HEADER_BYTES);

  const key = await deriveKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: TAG_BYTES * 8 }, key, bytes as Uint8Array<ArrayBuffer>),
  );
  const out = new Uint8Array(header.length + ciphertext.length);
  out.set(header, 0);
  out.set(ciphertext, header.length);
  return out;
}

/**
 * Reads a container's header without the passphrase (to show the original name, or to refuse a file early).
 * Throws EncryptedFileError for a file that is not a Tessera encrypted file, of an unknown version, or damaged.
 */
export function readContainerHeader(container: Uint8Array, fileName = 'file'): ContainerHeader {
  if (!isEncryptedContainer(container)) {
    throw new EncryptedFileError(fileName, 'this is not a Tessera encrypted file (it does not begin with "TESSERA-ENC").');
  }
  if (container.length < 12) throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  const version = container[11]!;
  if (version !== CONTAINER_VERSION) {
    throw new EncryptedFileError(
      fileName,
      version > CONTAINER_VERSION
        ? `this file was encrypted by a newer version of Tessera (container version ${version}); this version reads version ${CONTAINER_VERSION}. Update Tessera to open it.`
        : `unknown encrypted file version ${version}; this version of Tessera reads version ${CONTAINER_VERSION}.`,
    );
  }
  if (container.length < FIXED_HEADER_BYTES) throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  const view = new DataView(container.buffer, container.byteOffset, container.byteLength);
  const kdf = container[12]!;
  if (kdf !== KDF_PBKDF2_SHA256) throw new EncryptedFileError(fileName, `${DAMAGED} (unknown key derivation ${kdf}).`);
  const iterations = view.getUint32(13);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new EncryptedFileError(fileName, `${DAMAGED} (its iteration count ${iterations} is out of range).`);
  }
  const salt = container.slice(17, 17 + SALT_BYTES);
  const iv = container.slice(17 + SALT_BYTES, 17 + SALT_BYTES + IV_BYTES);
  const metadataLength = view.getUint32(17 + SALT_BYTES + IV_BYTES);
  const headerLength = FIXED_HEADER_BYTES + metadataLength;
  if (metadataLength > MAX_METADATA_BYTES || container.length < headerLength + TAG_BYTES) {
    throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  }
  let name: unknown;
  let type: unknown;
  try {
    ({ name, type } = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(container.subarray(FIXED_HEADER_BYTES, headerLength))) as {
      name?: unknown;
      type?: unknown;
    });
  } catch {
    throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  }
  if (typeof name !== 'string' || typeof type !== 'string') throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  return { version, kdf: 'PBKDF2-SHA-256', iterations, salt, iv, name, type, headerLength };
}

/**
 * Decrypts a container with its passphrase: the original bytes, name and media type, or an EncryptedFileError
 * ("wrong passphrase, or the file was changed or damaged") and nothing else.
 */
export async function decryptFile(container: Uint8Array, passphrase: string, fileName = 'file'): Promise<DecryptedFile> {
  const header = readContainerHeader(container, fileName);
  const key = await deriveKey(passphrase, header.salt, header.iterations);
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: header.iv as Uint8Array<ArrayBuffer>,
        additionalData: container.subarray(0, header.headerLength) as Uint8Array<ArrayBuffer>,
        tagLength: TAG_BYTES * 8,
      },
      key,
      container.subarray(header.headerLength) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    throw new EncryptedFileError(fileName, `${DAMAGED}.`);
  }
  return { bytes: new Uint8Array(plain), name: header.name, type: header.type };
}
