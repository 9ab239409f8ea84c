import type { TesseraApi } from '../../shared/ipc/contract';
import { desktopPlatform } from './desktop-platform';
import type { Platform } from './platform';
import { webPlatform } from './web-platform';

declare global {
  interface Window {
    /** Present in the desktop app: the preload bridge. */
    tessera?: TesseraApi;
  }
}

export const platform: Platform = window.tessera ? desktopPlatform(window.tessera) : webPlatform();
