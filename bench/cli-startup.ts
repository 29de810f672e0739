/**
 * The CLI's start-up: time from spawning `griddesk stats --json` on a one-township database to
 * the first byte of its output (goal ≤ 0.3 s), beside node's own start-up for scale.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../scripts/build-cli.mjs';

function firstByte(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let at: number | null = null;
    child.stdout.once('data', () => (at = performance.now() - start));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && at !== null ? resolve(at) : reject(new Error(`exit ${code}`))));
  });
}

async function median(args: string[], runs = 11): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await firstByte(args));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

export async function cliStartupBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-cli-'));
  try {
    const db = path.join(dir, 'township.sqlite');
    const h = await openDatabase(db);
    await createDemo(h.db, { townships: 1 });
    await h.close();
    const cli = (await (buildCli as () => Promise<string>)()) as string;
    const nodeAlone = await median(['-e', 'process.stdout.write("x")']);
    const stats = await median([cli, 'stats', '--json', '--db', db]);
    rows.push(['', '']);
    rows.push(['node alone: start and print one byte, median of 11', `${nodeAlone.toFixed(0)} ms`]);
    rows.push([
      'griddesk stats --json (one township), first byte, median of 11',
      `${stats.toFixed(0)} ms (goal ≤ 300 ms)`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
