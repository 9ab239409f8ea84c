import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  isNavigationAllowed,
  isRequestAllowed,
  resolveAppPath,
} from '../../../electron/main/security';

describe('the app talks to nothing outside itself', () => {
  it('keeps the renderer origin fixed (every user’s data hangs on it)', () => {
    expect(APP_ORIGIN).toBe('app://tessera');
  });

  it.each([
    'https://example.org/track.gif',
    'http://127.0.0.1:8080/',
    'wss://evil.example/socket',
    'ftp://files.example/',
    'file:///etc/passwd',
    'app://other/index.html',
  ])('blocks the request %s', (url) => {
    expect(isRequestAllowed(url)).toBe(false);
  });

  it('allows its own files and in-memory URLs', () => {
    expect(isRequestAllowed('app://tessera/index.html')).toBe(true);
    expect(isRequestAllowed('app://tessera/assets/index-abc.js')).toBe(true);
    expect(isRequestAllowed('blob:app://tessera/1234')).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA')).toBe(true);
  });

  it('allows the development server only when one is running, and only its host', () => {
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isRequestAllowed('http://localhost:9999/', 'http://localhost:5173')).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/')).toBe(false);
  });

  it('denies navigation away from the app', () => {
    expect(isNavigationAllowed('app://tessera/index.html')).toBe(true);
    expect(isNavigationAllowed('https://example.org/')).toBe(false);
    expect(isNavigationAllowed('app://tessera.evil/')).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)')).toBe(false);
  });

  it('never serves a file outside the renderer folder', () => {
    expect(resolveAppPath('app://tessera/', '/opt/t/renderer')).toBe('/opt/t/renderer/index.html');
    expect(resolveAppPath('app://tessera/assets/a.js', '/opt/t/renderer')).toBe('/opt/t/renderer/assets/a.js');
    // Encoded dot segments are resolved by the URL parser before we see them: the path stays inside the folder.
    const climbed = resolveAppPath('app://tessera/%2e%2e/%2e%2e/etc/passwd', '/opt/t/renderer');
    expect(climbed === null || climbed.startsWith('/opt/t/renderer/')).toBe(true);
    expect(resolveAppPath('app://tessera/a/%2F..%2F..%2Fetc', '/opt/t/renderer')).toBeNull();
    expect(resolveAppPath('app://tessera/a%00.js', '/opt/t/renderer')).toBeNull();
    expect(resolveAppPath('app://elsewhere/index.html', '/opt/t/renderer')).toBeNull();
  });

  it('uses a strict Content-Security-Policy: no remote origins, no eval', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('opens windows sandboxed with context isolation and no Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });
});
