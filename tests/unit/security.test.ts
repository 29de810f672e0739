/**
 * The pure parts of the Electron shell's security (src/main/security.ts). The window's
 * webPreferences, auxclick and window-open policy live in src/main/index.ts, which needs Electron;
 * Electronegativity checks those in `npm test` (scripts/electronegativity.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appFileFor,
  CSP,
  DEV_CSP,
  devServerUrl,
  isRegularFile,
  isTrustedPageUrl,
  resolveAppPath,
} from '../../src/main/security';
import { tempDir } from '../helpers/context';

describe('app:// protocol paths', () => {
  const root = path.resolve('/app/out/renderer');
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppPath(root, '/', path.sep, path.join)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/index.js', path.sep, path.join)).toBe(path.join(root, 'assets/index.js'));
    expect(resolveAppPath(root, '/../../etc/passwd', path.sep, path.join)).toBeNull();
    expect(resolveAppPath(root, '/%2e%2e/%2e%2e/etc/passwd', path.sep, path.join)).toBeNull();
    expect(resolveAppPath(root, '/%E0%A4%A', path.sep, path.join)).toBeNull();
    expect(resolveAppPath(root, '/index.html%00.png', path.sep, path.join)).toBeNull();
  });

  it('keeps Windows paths inside the folder too', () => {
    const winRoot = 'C:\\GridDesk\\resources\\app\\out\\renderer';
    const join = path.win32.join;
    expect(resolveAppPath(winRoot, '/assets/a.js', '\\', join)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppPath(winRoot, '/..\\..\\secrets.txt', '\\', join)).toBeNull();
    expect(resolveAppPath(winRoot, '/%2e%2e%5c%2e%2e%5csecrets.txt', '\\', join)).toBeNull();
    // A sibling folder whose name starts with the root's is still outside it.
    expect(resolveAppPath(winRoot, '/../renderer-evil/x.js', '\\', join)).toBeNull();
  });

  it('has a CSP without inline or remote scripts', () => {
    const script = CSP.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).not.toMatch(/https?:/);
  });
});

describe('app:// serves regular files only', () => {
  const root = tempDir('griddesk-app-root-');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'index.js'), '');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves the page and its assets', () => {
    expect(appFileFor(root, '/')).toBe(path.join(root, 'index.html'));
    expect(appFileFor(root, '/assets/index.js')).toBe(path.join(root, 'assets', 'index.js'));
  });

  it('refuses a folder, with or without its slash, and a missing file', () => {
    expect(appFileFor(root, '/assets')).toBeNull();
    expect(appFileFor(root, '/assets/')).toBeNull();
    expect(appFileFor(root, '/assets/missing.js')).toBeNull();
    expect(isRegularFile(path.join(root, 'assets'))).toBe(false);
    expect(isRegularFile(path.join(root, 'index.html'))).toBe(true);
  });

  it('refuses a path outside the folder before looking at the disk', () => {
    const looked: string[] = [];
    const isFile = (file: string) => {
      looked.push(file);
      return true;
    };
    expect(appFileFor(root, '/../../etc/passwd', isFile)).toBeNull();
    expect(looked).toEqual([]);
  });
});

describe('window security', () => {
  it('trusts only the app origin, and the dev server only in development', () => {
    expect(isTrustedPageUrl('app://griddesk/index.html', undefined)).toBe(true);
    expect(isTrustedPageUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isTrustedPageUrl('app://griddesk.evil/index.html', undefined)).toBe(false);
    expect(isTrustedPageUrl('https://example.com/', undefined)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/index.html', undefined)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5173.evil.com/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedPageUrl('not a url', 'http://localhost:5173')).toBe(false);
  });

  it('honours ELECTRON_RENDERER_URL only in a development build of an unpackaged app', () => {
    const url = 'http://localhost:5173/';
    expect(devServerUrl(true, false, url)).toBe(url);
    expect(devServerUrl(false, false, url)).toBeUndefined(); // npm start: a production build
    expect(devServerUrl(true, true, url)).toBeUndefined(); // an installed copy
    expect(devServerUrl(false, true, url)).toBeUndefined();
    expect(devServerUrl(true, false, undefined)).toBeUndefined();
    expect(devServerUrl(true, false, '')).toBeUndefined();
  });

  it('takes only a loopback http dev server, even in development', () => {
    expect(devServerUrl(true, false, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devServerUrl(true, false, 'https://example.com/')).toBeUndefined();
    expect(devServerUrl(true, false, 'http://localhost.evil.com:5173/')).toBeUndefined();
    expect(devServerUrl(true, false, 'file:///etc/passwd')).toBeUndefined();
    expect(devServerUrl(true, false, 'not a url')).toBeUndefined();
  });

  it('relaxes scripts only in the dev CSP', () => {
    expect(DEV_CSP).toContain("script-src 'self' 'unsafe-inline'");
    expect(CSP).not.toContain("unsafe-inline'; connect");
    expect(CSP).toContain("script-src 'self';");
  });
});
