import { basename } from 'node:path';
import {
  ContractError,
  isInvokeChannel,
  validators,
  type AppInfo,
  type ChannelArg,
  type ChannelResult,
  type InvokeChannel,
  type PickedFile,
} from '../../shared/ipc/contract';
import { writeFileAtomic } from './atomic-write';
import type { BackupStore } from './backups';

/** What the handlers need from Electron and the file system, so they can be tested in Node with doubles. */
export interface HandlerDeps {
  appInfo: () => AppInfo;
  showOpenDialog: (options: {
    title: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('openFile' | 'multiSelections')[];
  }) => Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog: (options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }) => Promise<{ canceled: boolean; filePath?: string }>;
  readFile: (path: string) => Promise<Uint8Array>;
  fileSize: (path: string) => Promise<number>;
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
  backups: Pick<BackupStore, 'write' | 'list' | 'read'>;
}

/** Files larger than this are refused before reading, so a stray video does not fill memory. */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

type Handlers = { [C in InvokeChannel]: (arg: ChannelArg<C>) => Promise<ChannelResult<C>> };

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': async () => deps.appInfo(),
    'dialog:open-files': async (request) => {
      const result = await deps.showOpenDialog({
        title: request.title,
        filters: request.filters,
        properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      });
      if (result.canceled) return [];
      const files: PickedFile[] = [];
      for (const path of result.filePaths) {
        const size = await deps.fileSize(path);
        if (size > MAX_OPEN_BYTES) {
          throw new Error(`${basename(path)}: the file is ${Math.round(size / 1048576)} MB, larger than Tessera reads (200 MB)`);
        }
        files.push({ name: basename(path), bytes: await deps.readFile(path) });
      }
      return files;
    },
    'dialog:save-file': async (request) => {
      const result = await deps.showSaveDialog({
        title: request.title,
        defaultPath: request.suggestedName,
        filters: request.filters,
      });
      if (result.canceled || !result.filePath) return { saved: false };
      await (deps.writeFile ?? writeFileAtomic)(result.filePath, request.bytes);
      return { saved: true, name: basename(result.filePath) };
    },
    'backup:write': (request) => deps.backups.write(request),
    'backup:list': () => deps.backups.list(),
    'backup:read': ({ id }) => deps.backups.read(id),
  };
}

/**
 * The one entry point for every renderer request: checks the channel and the payload against the contract before
 * any handler sees it. Anything else is rejected with a clear error.
 */
export async function dispatch(handlers: Handlers, channel: unknown, arg: unknown): Promise<unknown> {
  if (!isInvokeChannel(channel)) throw new ContractError(String(channel).slice(0, 80), 'unknown channel');
  const valid = validators[channel](arg);
  return (handlers[channel] as (a: unknown) => Promise<unknown>)(valid);
}
