/**
 * Runs the built renderer (out/renderer) in Debian's Chromium through playwright-core, with
 * `window.api` bridged to the real handler table over a real temporary SQLite file — the same
 * dispatcher the Electron main process uses, no mocks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ApiEvents } from '../../src/shared/api';
import { dispatch } from '../../src/main/ipc/dispatch';
import { mimeType, resolveAppPath, CSP } from '../../src/main/security';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { dialogPaths } from '../../src/main/ipc/context';

const root = path.resolve(import.meta.dirname, '../..');
// GRIDDESK_E2E_OUT lets parallel work build into its own folder (electron-vite build --outDir).
const rendererDir = path.join(process.env.GRIDDESK_E2E_OUT ?? path.join(root, 'out'), 'renderer');
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('找不到 Chromium：请先安装（apt-get install -y chromium fonts-noto-cjk）');
}

function ensureBuilt(): void {
  if (fs.existsSync(path.join(rendererDir, 'index.html'))) return;
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--outDir', path.dirname(rendererDir)],
    { cwd: root, stdio: 'inherit' },
  );
}

/** Serves out/renderer the way the app:// protocol does: same path rules, same CSP header. */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = resolveAppPath(rendererDir, url.pathname, path.sep, path.join);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': mimeType(file), 'content-security-policy': CSP });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface E2E {
  app: TestApp;
  page: Page;
  /** Browser-side errors (console errors, page errors, CSP violations). */
  errors: string[];
  screenshot(name: string): Promise<void>;
  /** Reloads the page (same database). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

let browser: Browser | null = null;

export async function launchApp(options: { dir?: string } = {}): Promise<E2E> {
  ensureBuilt();
  browser ??= await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const app = await openTestApp(options.dir ?? tempDir('griddesk-e2e-'));
  // As in the app: the page may only use paths the (stubbed) dialogs returned.
  app.ctx.paths = dialogPaths();
  const server = await serveRenderer();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });

  // Under tsx (the benchmark) esbuild keeps function names by wrapping functions in __name(),
  // which the page must know when these functions run there.
  await page.addInitScript('globalThis.__name ??= (fn) => fn;');
  // The preload's contract: window.api = { call(name, input), on(event, listener) }.
  await page.exposeBinding('__griddeskCall', (_source, name: string, input: unknown) => dispatch(app.ctx, name, input));
  await page.addInitScript(() => {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const w = window as unknown as Record<string, unknown>;
    w.__griddeskEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    w.api = Object.freeze({
      call: (name: string, input: unknown) =>
        (w.__griddeskCall as (n: string, i: unknown) => Promise<unknown>)(name, input),
      on: (event: string, listener: (p: unknown) => void) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)!.delete(listener);
      },
    });
  });
  app.ctx.emit = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => {
    void page.evaluate(
      ([e, p]) => (window as unknown as { __griddeskEmit(e: string, p: unknown): void }).__griddeskEmit(e, p),
      [event, payload] as const,
    );
  };

  await page.goto(server.url);
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    app,
    page,
    errors,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
    },
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await context.close();
      await server.close();
      await app.close();
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/**
 * Registers the per-test launch/close hooks for a test file and returns accessors for the
 * current test's app and page. Every test also asserts the page logged no errors.
 */
export function useE2E(hooks: {
  beforeEach(fn: () => Promise<void>): void;
  afterEach(fn: (context: { task: { name: string; result?: { state?: string } } }) => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
  expectNoErrors(errors: string[]): void;
}): { readonly e2e: E2E; readonly page: Page } {
  let current: E2E | null = null;
  hooks.beforeEach(async () => {
    current = await launchApp();
  });
  hooks.afterEach(async ({ task }) => {
    const e = current!;
    current = null;
    try {
      if (task.result?.state === 'fail') {
        await e.screenshot(`failed-${task.name.slice(0, 40).replace(/[^\p{L}\p{N}]+/gu, '-')}`).catch(() => undefined);
      }
      hooks.expectNoErrors(e.errors);
    } finally {
      await e.close();
    }
  });
  hooks.afterAll(closeBrowser);
  // Read at call time: each test gets a fresh app and page.
  return {
    get e2e() {
      return current!;
    },
    get page() {
      return current!.page;
    },
  };
}
