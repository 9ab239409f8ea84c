/**
 * The one contract between the renderer and the main process: every channel, its argument and its result.
 *
 * Preload exposes exactly `TesseraApi` (checked with `satisfies`), and main validates every payload with the
 * validators below before use, because a compromised or buggy renderer must not be able to make main do anything
 * the contract does not describe.
 */

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenFilesRequest {
  title: string;
  filters: FileFilter[];
  multiple: boolean;
}

/** A file the user chose, read by main: its name (no folder) and bytes. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SaveFileRequest {
  title: string;
  suggestedName: string;
  filters: FileFilter[];
  bytes: Uint8Array;
}

export interface SaveFileResult {
  saved: boolean;
  /** The file's name (no folder) when saved. */
  name?: string;
}

export interface AppInfo {
  version: string;
  platform: string;
  /** Where the app keeps its data (IndexedDB, window state, backups). */
  dataPath: string;
}

/** A project snapshot kept by the app (a .qdpx in the backups folder). */
export interface BackupInfo {
  id: string;
  projectId: string;
  projectName: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** 'timer' for periodic snapshots, else what it was taken before, e.g. 'before merge'. */
  reason: string;
  size: number;
}

export interface WriteBackupRequest {
  projectId: string;
  projectName: string;
  reason: string;
  bytes: Uint8Array;
}

/** Commands sent from the native menu to the renderer. */
export type MenuCommand =
  | 'undo'
  | 'redo'
  | 'new-project'
  | 'open-sample'
  | 'import-files'
  | 'show-projects'
  | 'toggle-theme';

/** Request/response channels: name -> [argument, result]. */
export interface InvokeChannels {
  'app:info': [undefined, AppInfo];
  'dialog:open-files': [OpenFilesRequest, PickedFile[]];
  'dialog:save-file': [SaveFileRequest, SaveFileResult];
  'backup:write': [WriteBackupRequest, BackupInfo];
  'backup:list': [undefined, BackupInfo[]];
  'backup:read': [{ id: string }, Uint8Array];
}

export type InvokeChannel = keyof InvokeChannels;
export type ChannelArg<C extends InvokeChannel> = InvokeChannels[C][0];
export type ChannelResult<C extends InvokeChannel> = InvokeChannels[C][1];

/** What the renderer sees on `window.tessera` in the desktop app. */
export interface TesseraApi {
  invoke<C extends InvokeChannel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>>;
  /** Listens for native menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const INVOKE_CHANNELS: readonly InvokeChannel[] = ['app:info', 'dialog:open-files', 'dialog:save-file', 'backup:write', 'backup:list', 'backup:read'];
export const MENU_CHANNEL = 'menu:command';

export class ContractError extends Error {
  constructor(channel: string, problem: string) {
    super(`Rejected ${channel}: ${problem}`);
    this.name = 'ContractError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShortString = (v: unknown, max = 1_000): v is string => typeof v === 'string' && v.length <= max;

function checkFilters(channel: string, value: unknown): FileFilter[] {
  if (!Array.isArray(value) || value.length > 20) throw new ContractError(channel, 'filters must be a short list');
  return value.map((f) => {
    if (!isRecord(f) || !isShortString(f.name, 200) || !Array.isArray(f.extensions)) {
      throw new ContractError(channel, 'each filter needs a name and extensions');
    }
    const extensions = f.extensions.map((e) => {
      if (!isShortString(e, 20) || !/^(\*|[a-z0-9]+)$/i.test(e)) throw new ContractError(channel, `bad extension ${String(e)}`);
      return e;
    });
    return { name: f.name, extensions };
  });
}

/** Largest file the renderer may ask main to write (a big project export with embedded charts). */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

/** Ids and project ids are UUIDs or names we make: letters, digits, '-', '_' and '.', never a path. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

function noArgument(channel: string, arg: unknown): undefined {
  if (arg !== undefined && arg !== null) throw new ContractError(channel, 'takes no argument');
  return undefined;
}

/** Validators: each returns the payload typed, or throws ContractError. */
export const validators: { [C in InvokeChannel]: (arg: unknown) => ChannelArg<C> } = {
  'app:info': (arg) => noArgument('app:info', arg),
  'dialog:open-files': (arg) => {
    const channel = 'dialog:open-files';
    if (!isRecord(arg)) throw new ContractError(channel, 'expected an object');
    if (!isShortString(arg.title, 200)) throw new ContractError(channel, 'title must be a short string');
    if (typeof arg.multiple !== 'boolean') throw new ContractError(channel, 'multiple must be a boolean');
    return { title: arg.title, multiple: arg.multiple, filters: checkFilters(channel, arg.filters) };
  },
  'dialog:save-file': (arg) => {
    const channel = 'dialog:save-file';
    if (!isRecord(arg)) throw new ContractError(channel, 'expected an object');
    if (!isShortString(arg.title, 200)) throw new ContractError(channel, 'title must be a short string');
    if (!isShortString(arg.suggestedName, 255) || /[\\/]/.test(arg.suggestedName) || arg.suggestedName.startsWith('.')) {
      throw new ContractError(channel, 'suggestedName must be a plain file name');
    }
    if (!(arg.bytes instanceof Uint8Array)) throw new ContractError(channel, 'bytes must be a Uint8Array');
    if (arg.bytes.byteLength > MAX_SAVE_BYTES) throw new ContractError(channel, 'file too large');
    return {
      title: arg.title,
      suggestedName: arg.suggestedName,
      filters: checkFilters(channel, arg.filters),
      bytes: arg.bytes,
    };
  },
  'backup:write': (arg) => {
    const channel = 'backup:write';
    if (!isRecord(arg)) throw new ContractError(channel, 'expected an object');
    if (typeof arg.projectId !== 'string' || !SAFE_ID.test(arg.projectId)) throw new ContractError(channel, 'projectId must be a plain id');
    if (!isShortString(arg.projectName, 500)) throw new ContractError(channel, 'projectName must be a short string');
    if (!isShortString(arg.reason, 100)) throw new ContractError(channel, 'reason must be a short string');
    if (!(arg.bytes instanceof Uint8Array) || arg.bytes.byteLength > MAX_SAVE_BYTES) throw new ContractError(channel, 'bytes must be a Uint8Array within the size limit');
    return { projectId: arg.projectId, projectName: arg.projectName, reason: arg.reason, bytes: arg.bytes };
  },
  'backup:list': (arg) => noArgument('backup:list', arg),
  'backup:read': (arg) => {
    if (!isRecord(arg) || typeof arg.id !== 'string' || !SAFE_ID.test(arg.id)) throw new ContractError('backup:read', 'id must be a plain id');
    return { id: arg.id };
  },

};


export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}
