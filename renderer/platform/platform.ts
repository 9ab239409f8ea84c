import type { BackupInfo, FileFilter, MenuCommand, PickedFile, WriteBackupRequest } from '../../shared/ipc/contract';

/**
 * What the UI needs from where it runs. The desktop app implements it through the preload bridge (native dialogs,
 * menus); the plain web build through a file input and downloads. Views depend only on this interface.
 */
export interface Platform {
  kind: 'desktop' | 'web';
  /** Asks the user for files; resolves to none when cancelled. */
  openFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<PickedFile[]>;
  /** Saves bytes where the user chooses; resolves to false when cancelled. */
  saveFile(options: { title: string; suggestedName: string; filters: FileFilter[]; bytes: Uint8Array }): Promise<boolean>;
  /** Native menu commands (desktop only); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Project snapshots: files in the app's data folder on the desktop, a separate database in the browser. */
  backups: {
    write(request: WriteBackupRequest): Promise<BackupInfo>;
    list(): Promise<BackupInfo[]>;
    read(id: string): Promise<Uint8Array>;
  };
  /** True when native menus capture Ctrl/Cmd+Z before the page sees it (the desktop menu leaves it to the page). */
  nativeUndoShortcuts: boolean;
}
