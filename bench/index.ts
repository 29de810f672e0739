/**
 * `npm run bench`: speed and memory figures at county scale (never asserted in tests).
 * Builds a county-sized grid tree in a temporary database and times what the grid page does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';
import { listTree, suggestCode } from '../src/main/services/grids/grids';

async function time<T>(label: string, fn: () => Promise<T>, rows: [string, string][]): Promise<T> {
  const start = performance.now();
  const value = await fn();
  rows.push([label, `${(performance.now() - start).toFixed(0)} ms`]);
  return value;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-'));
  const handle = await openDatabase(path.join(dir, 'bench.sqlite'));
  const rows: [string, string][] = [];
  try {
    const demo = await time(
      'county demo: 15 townships (one transaction)',
      () => createDemo(handle.db, { townships: 15 }),
      rows,
    );
    rows.push(['grids created', String(demo.grids)]);
    await time('grids/tree (whole county, with counts), first call', () => listTree(handle.db), rows);
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await listTree(handle.db);
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    rows.push(['grids/tree, median of 10', `${samples[5]!.toFixed(0)} ms`]);
    await time('grids/suggestCode under a village', () => suggestCode(handle.db, 2), rows);
    rows.push(['peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`]);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`GridDesk benchmark — ${os.cpus().length} cores, Node ${process.version}\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(52)} ${v}`);
}

void main();
