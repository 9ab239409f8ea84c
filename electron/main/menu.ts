import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/ipc/contract';

/**
 * Native menus with the standard shortcuts. Undo and redo go to the app's own command history (not the
 * web contents' text undo) except while a text field has focus, which the renderer decides.
 */
export function buildMenu(getWindow: () => BrowserWindow | null, isMac: boolean): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: send('new-project') },
        { label: 'Open Sample Project', click: send('open-sample') },
        { label: 'All Projects', accelerator: 'CmdOrCtrl+Shift+P', click: send('show-projects') },
        { type: 'separator' },
        { label: 'Import Transcripts…', accelerator: 'CmdOrCtrl+O', click: send('import-files') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The shortcuts are shown but left to the page: there, Ctrl+Z undoes the app's last command, or the text
        // being typed when a field or memo editor has focus (which main cannot know).
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send('undo') },
        { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Shift+Z', registerAccelerator: false, click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle Light/Dark', click: send('toggle-theme') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
