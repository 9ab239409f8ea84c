import { describe, expect, it, vi } from 'vitest';

/**
 * The main process wired up against a small test double of Electron: what it registers, how it opens the
 * window, and what it does with permission requests, network requests, navigation and new windows.
 */
const calls = vi.hoisted(() => ({
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  ready: undefined as undefined | (() => void),
  windows: [] as { options: Record<string, unknown>; url?: string; contents: FakeContents }[],
  permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  headers: undefined as undefined | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
}));

interface FakeContents {
  handlers: Map<string, (...args: unknown[]) => unknown>;
  openHandler?: (details: { url: string }) => { action: string };
}

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => calls.windows;
    webContents: FakeContents & { on: (e: string, h: (...a: unknown[]) => unknown) => void; setWindowOpenHandler: (h: FakeContents['openHandler']) => void; send: () => void };
    constructor(readonly options: Record<string, unknown>) {
      const contents: FakeContents = { handlers: new Map() };
      this.webContents = Object.assign(contents, {
        on: (event: string, handler: (...a: unknown[]) => unknown) => contents.handlers.set(event, handler),
        setWindowOpenHandler: (handler: FakeContents['openHandler']) => {
          contents.openHandler = handler;
        },
        send: () => undefined,
      });
      calls.windows.push({ options, contents });
    }
    loadURL(url: string) {
      calls.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
    maximize() {}
    show() {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 800, height: 600 };
    }
    isMaximized() {
      return false;
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (event: string, handler: (...args: unknown[]) => void) => calls.appEvents.set(event, handler),
      whenReady: () => ({ then: (fn: () => void) => { calls.ready = fn; } }),
      getPath: () => '/tmp/tessera-test-userdata',
      getVersion: () => '0.1.0',
    },
    BrowserWindow,
    dialog: {},
    ipcMain: { handle: (channel: string, handler: (...args: unknown[]) => unknown) => calls.ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: vi.fn() },
    net: { fetch: async () => new Response('<html></html>', { status: 200 }) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => calls.protocolHandlers.set(scheme, handler),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequest) => { calls.permissionRequest = h; },
        setPermissionCheckHandler: (h: typeof calls.permissionCheck) => { calls.permissionCheck = h; },
        webRequest: {
          onBeforeRequest: (h: typeof calls.beforeRequest) => { calls.beforeRequest = h; },
          onHeadersReceived: (h: typeof calls.headers) => { calls.headers = h; },
        },
      },
    },
  };
});

await import('../../../electron/main/index');

describe('the main process, started against a double of Electron', () => {
  it('registers the app:// scheme as privileged before the app is ready', () => {
    expect(calls.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  });

  it('opens one sandboxed, isolated window on app://tessera with the CommonJS preload', () => {
    calls.ready!();
    const [window] = calls.windows;
    expect(window!.url).toBe('app://tessera/index.html');
    const prefs = window!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      calls.permissionRequest!({}, permission, (ok) => (granted = ok));
      expect(granted).toBe(false);
    }
    expect(calls.permissionCheck!()).toBe(false);
  });

  it('cancels every network request that is not for the app itself', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      calls.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://fonts.example.com/font.woff2')).toBe(true);
    expect(decide('http://169.254.169.254/latest/meta-data')).toBe(true);
    expect(decide('wss://telemetry.example/ws')).toBe(true);
    expect(decide('app://tessera/assets/index.js')).toBe(false);
  });

  it('sends the Content-Security-Policy on every response and from the protocol handler', async () => {
    let headers: Record<string, string[]> = {};
    calls.headers!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toMatch(/default-src 'self'/);
    const response = await calls.protocolHandlers.get('app')!({ url: 'app://tessera/index.html' });
    expect(response.headers.get('Content-Security-Policy')).toMatch(/script-src 'self'/);
    expect((await calls.protocolHandlers.get('app')!({ url: 'app://tessera/%2e%2e/%00' })).status).toBe(404);
  });

  it('denies new windows and navigation away from the app', () => {
    const contents = calls.windows[0]!.contents;
    expect(contents.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://example.org/phish');
    expect(prevented).toBe(true);
    prevented = false;
    contents.handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'app://tessera/index.html');
    expect(prevented).toBe(false);
  });

  it('answers IPC only from its own page, and validates the payload', async () => {
    const handler = calls.ipcHandlers.get('tessera:invoke')!;
    await expect(handler({ senderFrame: { url: 'https://evil.example/' } }, 'app:info', undefined)).rejects.toThrow(/unknown page/);
    await expect(handler({ senderFrame: { url: 'app://tessera/index.html' } }, 'dialog:open-files', { nope: 1 })).rejects.toThrow(/Rejected dialog:open-files/);
    expect(await handler({ senderFrame: { url: 'app://tessera/index.html' } }, 'app:info', undefined)).toMatchObject({ version: '0.1.0' });
  });
});
