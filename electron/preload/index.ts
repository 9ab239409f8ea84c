import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { MENU_CHANNEL, type MenuCommand, type TesseraApi } from '../../shared/ipc/contract';

/** The one bridge between the page and main: exactly the contract's API, nothing more. */
const api = {
  invoke: (channel, arg) => ipcRenderer.invoke('tessera:invoke', channel, arg),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const handler = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, handler);
    };
  },
} satisfies TesseraApi;

contextBridge.exposeInMainWorld('tessera', api);
