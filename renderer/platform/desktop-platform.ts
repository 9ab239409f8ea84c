import type { TesseraApi } from '../../shared/ipc/contract';
import type { Platform } from './platform';

export function desktopPlatform(api: TesseraApi): Platform {
  return {
    kind: 'desktop',
    openFiles: (options) => api.invoke('dialog:open-files', options),
    saveFile: async (options) => (await api.invoke('dialog:save-file', options)).saved,
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    backups: {
      write: (request) => api.invoke('backup:write', request),
      list: () => api.invoke('backup:list', undefined),
      read: (id) => api.invoke('backup:read', { id }),
    },
    nativeUndoShortcuts: false,
  };
}
