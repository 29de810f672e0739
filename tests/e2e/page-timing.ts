/**
 * For the benchmark (bench/grid-page.ts runs this file in its own process; speed is never
 * asserted in tests): how long the grid page takes to show its tree, on the built renderer in
 * Chromium with the real dispatcher over a copy of the given database.
 *   tsx tests/e2e/page-timing.ts DB RUNS   → one JSON line: { grids, cold, runs: [{ ms, domMs }] }
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, launchApp } from './harness';

export interface Shown {
  /** Navigation start → the frame that draws the tree's rows. */
  ms: number;
  /** Navigation start → the whole tree loaded (opening villages and search need it). */
  completeMs: number;
  /** Navigation start → DOMContentLoaded: the page's own load, before any data is asked for. */
  domMs: number;
}

/**
 * Waits for what the clerk sees once the tree is there: the footer's grid count and the first
 * village under the first township (townships open); then for the rest of the tree (the tree is
 * no longer aria-busy). Polled on animation frames: the times are those of the frames that
 * paint each state.
 */
async function treeShown(page: Page, grids: number, firstVillage: string): Promise<Shown> {
  const shown = await page.waitForFunction(
    ([total, code]) => {
      const count = document.querySelector('[data-testid="grid-count"]')?.textContent ?? '';
      const row = document.querySelector(`[role="treeitem"][data-code="${code}"]`);
      return count.startsWith(`共 ${total} 个网格`) && row !== null && performance.now();
    },
    [grids, firstVillage] as const,
    { polling: 'raf', timeout: 60_000 },
  );
  const complete = await page.waitForFunction(
    () => document.querySelector('[role="tree"][aria-busy="false"]') !== null && performance.now(),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const nav = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  return {
    ms: Math.round((await shown.jsonValue()) as number),
    completeMs: Math.round((await complete.jsonValue()) as number),
    domMs: Math.round(nav),
  };
}

/** The first load (cold browser and caches), then `runs` reloads. */
export async function timeGridPage(
  dbFile: string,
  runs: number,
): Promise<{ grids: number; cold: Shown; runs: Shown[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-page-timing-'));
  fs.copyFileSync(dbFile, path.join(dir, 'griddesk.sqlite'));
  const e2e = await launchApp({ dir });
  try {
    const db = e2e.app.ctx.handle.db;
    const { n } = await db
      .selectFrom('grids')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const village = await db
      .selectFrom('grids')
      .select('code')
      .where('level', '=', 2)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const cold = await treeShown(e2e.page, n, village.code);
    const shown: Shown[] = [];
    for (let i = 0; i < runs; i++) {
      await e2e.reload();
      shown.push(await treeShown(e2e.page, n, village.code));
    }
    if (e2e.errors.length) throw new Error(`page errors: ${e2e.errors.join('; ')}`);
    return { grids: n, cold, runs: shown };
  } finally {
    await e2e.close();
    await closeBrowser();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const [db, runs] = process.argv.slice(2);
  timeGridPage(db!, Number(runs ?? 5)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e));
      process.exit(1);
    },
  );
}
