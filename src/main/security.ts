import fs from 'node:fs';
import path from 'node:path';

/** The Content Security Policy for every page the app shows (also set as a <meta> in index.html). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine writes its CSS variables into <style> tags and style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Development only (`npm run dev`, Vite's dev server with hot reload): Vite injects an inline
 * module script and talks to its server over a WebSocket. Never used for the built app.
 */
export const DEV_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
);

export const APP_SCHEME = 'app';
export const APP_HOST = 'griddesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

export function mimeType(file: string): string {
  const dot = file.lastIndexOf('.');
  return MIME[dot >= 0 ? file.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL path to a file inside `root`, or null when it would leave the folder
 * (path traversal) or names no file.
 */
export function resolveAppPath(
  root: string,
  urlPath: string,
  sep: string,
  join: (...p: string[]) => string,
): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = join(root, rel);
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** Whether `file` exists and is a regular file (not a folder, socket or device). */
export function isRegularFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * The file an app:// URL path serves, or null: only regular files inside `root`. A folder
 * (`/assets/`) is refused too — fetching it would list or error, never show a page.
 */
export function appFileFor(
  root: string,
  urlPath: string,
  isFile: (file: string) => boolean = isRegularFile,
): string | null {
  const file = resolveAppPath(root, urlPath, path.sep, path.join);
  return file && isFile(file) ? file : null;
}

/**
 * The dev server the window loads instead of the built page: only in a development build
 * (`npm run dev`, where Vite compiles `import.meta.env.DEV` to true) of an unpackaged app, and only
 * a loopback http address. A production build — `npm start`, an installed copy — ignores
 * ELECTRON_RENDERER_URL, so an environment variable can never point the window (and the IPC
 * trust that follows it) at another page.
 */
export function devServerUrl(devBuild: boolean, packaged: boolean, url: string | undefined): string | undefined {
  if (!devBuild || packaged || !url) return undefined;
  try {
    const u = new URL(url);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return u.protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}

/** IPC is answered only for the app's own page (or the dev server's, in development). */
export function isTrustedPageUrl(url: string, devUrl: string | undefined): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (!devUrl) return false;
  try {
    return new URL(url).origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}
