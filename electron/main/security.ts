/**
 * Security policy for every window and session: the app talks to nothing outside itself.
 * Kept free of Electron imports so it can be tested in Node.
 */

/** The renderer's one origin. Chosen once and never changed: the IndexedDB data of every user hangs on it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tessera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether a request may leave the renderer. Only the app's own protocol, in-memory URLs and (in development)
 * the local dev server are allowed; everything else, including any http(s) or ws address, is cancelled.
 */
export function isRequestAllowed(url: string, devServerUrl?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url === APP_ORIGIN) return true;
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:') || url.startsWith('chrome-extension:')) {
    return true;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    try {
      const target = new URL(url);
      if ((target.protocol === 'http:' || target.protocol === 'ws:') && target.host === dev.host) return true;
    } catch {
      return false;
    }
  }
  return false;
}

/** Navigation away from the app is never allowed (links to the web would otherwise replace the app). */
export function isNavigationAllowed(url: string, devServerUrl?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  return devServerUrl !== undefined && url.startsWith(devServerUrl);
}

/** Maps an app:// URL to a file under the renderer folder; null for anything that would escape it. */
export function resolveAppPath(url: string, rendererRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path = decodeURIComponent(parsed.pathname);
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || path.split('/').some((part) => part === '..')) return null;
  return rendererRoot.replace(/[\\/]+$/, '') + path;
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: true,
} as const;
