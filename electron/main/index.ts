import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, screen } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers, dispatch } from './ipc-handlers';
import { BackupStore } from './backups';
import { buildMenu } from './menu';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  isNavigationAllowed,
  isRequestAllowed,
  resolveAppPath,
} from './security';
import { loadWindowState, saveWindowState } from './window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererRoot = join(import.meta.dirname, '../renderer');
const isMac = process.platform === 'darwin';

// The privileged scheme must be registered before the app is ready; its origin owns the IndexedDB data.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const statePath = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(statePath);
  const onScreen =
    state.x !== undefined &&
    state.y !== undefined &&
    screen.getAllDisplays().some(({ workArea: a }) => state.x! >= a.x && state.y! >= a.y && state.x! < a.x + a.width && state.y! < a.y + a.height);

  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(onScreen ? { x: state.x, y: state.y } : {}),
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Tessera',
    backgroundColor: '#1f2328',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(import.meta.dirname, '../preload/index.cjs') },
  });
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    const bounds = window.getNormalBounds();
    void saveWindowState(statePath, { ...bounds, maximized: window.isMaximized() }).catch(() => undefined);
  };
  window.on('close', remember);
  window.on('closed', () => {
    mainWindow = null;
  });

  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, devServerUrl) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, rendererRoot);
    if (!path) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function registerIpc(): void {
  const handlers = createHandlers({
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, dataPath: app.getPath('userData') }),
    showOpenDialog: (options) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
    showSaveDialog: (options) =>
      mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    fileSize: async (path) => (await stat(path)).size,
    backups: new BackupStore(join(app.getPath('userData'), 'backups')),
  });
  ipcMain.handle('tessera:invoke', async (event, channel: unknown, arg: unknown) => {
    // Only our own page may call main.
    if (!event.senderFrame || !isNavigationAllowed(event.senderFrame.url, devServerUrl)) {
      throw new Error('Rejected: request from an unknown page');
    }
    return dispatch(handlers, channel, arg);
  });
}

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, devServerUrl)) event.preventDefault();
  });
});

app.whenReady().then(() => {
  hardenSession();
  registerAppProtocol();
  registerIpc();
  Menu.setApplicationMenu(buildMenu(() => mainWindow, isMac));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (!isMac) app.quit();
});

