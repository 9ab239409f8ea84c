import { unzipSync, type UnzipFileInfo } from 'fflate';

/**
 * Unzips an archive that came from outside (a .docx, .odt, .xlsx or .qdpx) without trusting it.
 *
 * Limits are checked against the central directory before anything is inflated, and fflate inflates each entry
 * into a buffer of exactly its declared size, so an entry that lies about its size is cut short rather than
 * growing without bound: together this bounds memory whatever the archive claims.
 */
export interface ZipLimits {
  /** Largest single entry, uncompressed. */
  maxEntryBytes: number;
  /** Largest sum of all extracted entries, uncompressed. */
  maxTotalBytes: number;
  /** Largest compression ratio allowed for an entry bigger than 1 MiB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 20_000,
};

export class UnsafeArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeArchiveError';
  }
}

/** True for a path that could climb out of the folder it is extracted to, or that names an absolute place. */
export function isUnsafeEntryPath(name: string): boolean {
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return true;
  return path.split('/').some((part) => part === '..');
}

/**
 * Returns the archive's entries (folders left out) keyed by their path as written in the archive.
 * `wanted` chooses which entries to inflate; the limits apply to those. Throws UnsafeArchiveError with a
 * message suitable for the user, or a plain Error when the bytes are not a zip archive at all.
 */
export function unzipSafely(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Record<string, Uint8Array> {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new Error('it is not a zip archive (the file may be damaged or of another kind)');
  }
  let entries = 0;
  let total = 0;
  const check = (file: UnzipFileInfo): boolean => {
    entries += 1;
    if (entries > limits.maxEntries) {
      throw new UnsafeArchiveError(`the archive holds more than ${limits.maxEntries} entries`);
    }
    if (isUnsafeEntryPath(file.name)) {
      throw new UnsafeArchiveError(`the archive entry "${file.name}" points outside the archive`);
    }
    if (file.name.endsWith('/') || !wanted(file.name)) return false;
    if (file.originalSize > limits.maxEntryBytes) {
      throw new UnsafeArchiveError(
        `the archive entry "${file.name}" would expand to ${formatBytes(file.originalSize)}, more than the limit of ${formatBytes(limits.maxEntryBytes)}`,
      );
    }
    total += file.originalSize;
    if (total > limits.maxTotalBytes) {
      throw new UnsafeArchiveError(
        `the archive would expand to more than ${formatBytes(limits.maxTotalBytes)} (a zip bomb?)`,
      );
    }
    if (file.originalSize > 1024 * 1024 && file.size > 0 && file.originalSize / file.size > limits.maxRatio) {
      throw new UnsafeArchiveError(
        `the archive entry "${file.name}" is compressed ${Math.round(file.originalSize / file.size)} to 1, far beyond real documents (a zip bomb?)`,
      );
    }
    if (file.compression !== 0 && file.compression !== 8) {
      throw new UnsafeArchiveError(
        `the archive entry "${file.name}" uses an unsupported compression method (${file.compression}); it may be encrypted or password-protected`,
      );
    }
    return true;
  };
  try {
    return unzipSync(bytes, { filter: check });
  } catch (error) {
    if (error instanceof UnsafeArchiveError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`the zip archive is damaged or truncated (${detail})`);
  }
}

/** Finds an entry by path ignoring case (exporters differ: "Sources/" vs "sources/"). */
export function findEntry(entries: Record<string, Uint8Array>, path: string): Uint8Array | undefined {
  if (entries[path]) return entries[path];
  const lower = path.toLowerCase();
  const key = Object.keys(entries).find((name) => name.toLowerCase() === lower);
  return key === undefined ? undefined : entries[key];
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(0)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}
