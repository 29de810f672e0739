/**
 * The grid page as the clerk opens it: the built renderer in Chromium, the real dispatcher over
 * a real SQLite file, timed from navigation start until the frame that draws the grid tree's
 * rows, townships open (tests/e2e/page-timing.ts, in its own process).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = 7;

interface Shown {
  ms: number;
  completeMs: number;
  domMs: number;
}

function timeGridPage(db: string): { grids: number; cold: Shown; runs: Shown[] } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'tests', 'e2e', 'page-timing.ts'), db, String(RUNS)],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { grids: number; cold: Shown; runs: Shown[] };
}

function median(runs: Shown[], key: keyof Shown): number {
  const sorted = runs.map((s) => s[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Medians over the reloads; the range and the first (cold) load show how much they vary. */
function describe(r: { grids: number; cold: Shown; runs: Shown[] }): [string, string] {
  const ms = r.runs.map((s) => s.ms);
  return [
    `${median(r.runs, 'ms')} ms median of ${ms.length} (${Math.min(...ms)}–${Math.max(...ms)}, first load ` +
      `${r.cold.ms}) — ${r.grids} grids, goal ≤ 1000 ms`,
    `page loaded at ${median(r.runs, 'domMs')} ms; whole tree there at ${median(r.runs, 'completeMs')} ms`,
  ];
}

export async function gridPageBench(rows: [string, string][]): Promise<void> {
  // Time the renderer as the source is now, not whatever an earlier build left in out/.
  execFileSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-grids-'));
  try {
    rows.push(['', '']);
    for (const [label, townships] of [
      ['grid tree shown after page load, one township', 1],
      ['grid tree shown after page load, county (16 townships)', 16],
    ] as const) {
      const file = path.join(dir, `${townships}.sqlite`);
      const h = await openDatabase(file);
      await createDemo(h.db, { townships, seed: 6900 });
      await h.close();
      const [shown, detail] = describe(timeGridPage(file));
      rows.push([label, shown], ['', detail]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
