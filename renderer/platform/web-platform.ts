import type { PickedFile } from '../../shared/ipc/contract';
import type { Platform } from './platform';
import { webBackups } from './web-backups';

/** The browser build: a hidden file input to open, a download to save. Nothing leaves the machine. */
export function webPlatform(): Platform {
  return {
    kind: 'web',
    openFiles: ({ filters, multiple }) =>
      new Promise<PickedFile[]>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
        input.style.display = 'none';
        input.addEventListener('change', async () => {
          const files = Array.from(input.files ?? []);
          input.remove();
          resolve(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve([]);
        });
        document.body.append(input);
        input.click();
      }),
    saveFile: async ({ suggestedName, bytes }) => {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    onMenuCommand: () => () => undefined,
    backups: webBackups,
    nativeUndoShortcuts: false,
  };
}
