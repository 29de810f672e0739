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
import { listTree, listTreeRows, suggestCode } from '../src/main/services/grids/grids';
import { execFileSync } from 'node:child_process';
import { writeCountyWorkbook } from './county-workbook';
import { writeHouseholdSheet } from './household-sheet';
import { cliStartupBench } from './cli-startup';
import { gridPageBench } from './grid-page';
import { recordsStatsBench } from './records-stats';
import { recordsListBench } from './records-list';
import { ledgersBench } from './ledgers';
import { subsidiesBench } from './subsidies';
import { reportMergeBench } from './report-merge';
import { reportsBench } from './reports';
import { dashboardBench } from './dashboard';
import { listWorkers } from '../src/main/services/workers/workers';
import { listHouseholds } from '../src/main/services/households/households';

function phase(name: string, ...args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'phase.ts'), name, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

async function cardsBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-cards-'));
  try {
    const db = path.join(dir, 'county.sqlite');
    const h = await openDatabase(db);
    await createDemo(h.db, { townships: 15, seed: 4957 });
    rows.push(['', '']);
    // The lists the clerk pages through, at county scale.
    const list = (label: string, fn: () => Promise<{ total: number }>) =>
      time(label, fn, rows).then((r) => (rows[rows.length - 1]![1] += ` (${r.total} matching)`));
    const base = { gridId: null, level: null, tag: '', politicalStatus: '', status: '' as const, offset: 0, limit: 50 };
    await list('workers/list, first page of the county', () => listWorkers(h.db, { ...base, search: '' }));
    await list('workers/list, search by name', () => listWorkers(h.db, { ...base, search: '王' }));
    await list('households/list, first page of the county', () =>
      listHouseholds(h.db, { gridId: null, tag: '', search: '', offset: 0, limit: 50 }),
    );
    await list('households/list, search by address', () =>
      listHouseholds(h.db, { gridId: null, tag: '', search: '8号', offset: 0, limit: 50 }),
    );
    await h.close();
    rows.push(['', '']);
    const floor = phase('cards-floor', db);
    rows.push([
      'floor: pdfkit draws the cards from an in-memory array',
      `${floor.ms} ms, peak ${floor.peakMb} MB (${floor.cards} cards, ${floor.pages} A4 pages, ${floor.mb} MB)`,
    ]);
    const cards = phase('cards', db);
    rows.push([
      "GridDesk prints every township's cards from the database",
      `${cards.ms} ms, peak ${cards.peakMb} MB — ${(Number(cards.ms) / Number(floor.ms)).toFixed(2)}× the floor (goal ≤ 1.3×, ≤ 400 MB)`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function importBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-import-'));
  try {
    const file = path.join(dir, 'county.xlsx');
    const start = performance.now();
    const county = await writeCountyWorkbook(file);
    rows.push(['', '']);
    rows.push([
      'county workbook (deterministic)',
      `${county.townships} townships, ${county.level4} household grids, ${county.workers} workers (${county.assignments} rows), ${county.households} households, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, written in ${Math.round(performance.now() - start)} ms`,
    ]);
    const floor = phase('floor', file);
    rows.push(['floor: exceljs alone reads every row', `${floor.ms} ms, peak ${floor.peakMb} MB (${floor.rows} rows)`]);
    const imp = phase('import', file, path.join(dir, 'import.sqlite'));
    if (!imp.ok) rows.push(['IMPORT ERRORS', JSON.stringify(imp.firstErrors)]);
    rows.push([
      'GridDesk import (read, check, plan, one transaction)',
      `${imp.ms} ms, peak ${imp.peakMb} MB — ${(Number(imp.ms) / Number(floor.ms)).toFixed(2)}× the floor (goal ≤ 2×, ≤ 600 MB)`,
    ]);
    rows.push(['  created', JSON.stringify(imp.created)]);
    const rt = phase('roundtrip', file, path.join(dir, 'import.sqlite'));
    rows.push([
      'export again and compare every value',
      `${rt.ms} ms to export ${rt.workerRows} + ${rt.householdRows} rows; ${rt.mismatches} mismatches`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A county's households on one sheet: 500,000 rows, read in the reader thread and imported in one transaction. */
async function import500kBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-500k-'));
  try {
    const file = path.join(dir, 'county-households.xlsx');
    const start = performance.now();
    const sheet = await writeHouseholdSheet(file);
    rows.push(['', '']);
    rows.push([
      'one-sheet household roster (deterministic)',
      `${sheet.rows} rows, ${sheet.grids} household grids, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, written in ${Math.round(performance.now() - start)} ms`,
    ]);
    const read = phase('read', file);
    rows.push([
      'reader thread alone: every row to the main thread',
      `${read.ms} ms, peak ${read.peakMb} MB (${read.rows} rows)`,
    ]);
    const imp = phase('import', file, path.join(dir, 'import.sqlite'));
    if (!imp.ok) rows.push(['IMPORT ERRORS', `${imp.errors}: ${JSON.stringify(imp.firstErrors)}`]);
    rows.push(['GridDesk import (read, check, plan, one transaction)', `${imp.ms} ms, peak ${imp.peakMb} MB`]);
    rows.push(['  created', JSON.stringify(imp.created)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function time<T>(label: string, fn: () => Promise<T>, rows: [string, string][]): Promise<T> {
  const start = performance.now();
  const value = await fn();
  rows.push([label, `${(performance.now() - start).toFixed(0)} ms`]);
  return value;
}

async function median(fn: () => Promise<unknown>, runs = 10): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return `${samples[Math.floor(runs / 2)]!.toFixed(0)} ms`;
}

/** The grid service at county scale (no households: the tree's own queries). */
async function treeBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-'));
  const handle = await openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    const demo = await time(
      'county demo: 15 townships (one transaction)',
      () => createDemo(handle.db, { townships: 15, people: false }),
      rows,
    );
    rows.push(['grids created', String(demo.grids)]);
    await time('grids/tree (whole county, with counts), first call', () => listTree(handle.db), rows);
    rows.push(['grids/tree, median of 10', await median(() => listTree(handle.db))]);
    rows.push(['grids/treeRows (what the tree draws), median of 10', await median(() => listTreeRows(handle.db))]);
    await time('grids/suggestCode under a village', () => suggestCode(handle.db, 2), rows);
    rows.push(['peak RSS (tree phase)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`]);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- grid-page cards` runs only those sections; without names, all of them. */
const SECTIONS: Record<string, (rows: [string, string][]) => Promise<void>> = {
  tree: treeBench,
  'grid-page': gridPageBench,
  cli: cliStartupBench,
  import: importBench,
  import500k: import500kBench,
  cards: cardsBench,
  'records-stats': recordsStatsBench,
  'records-list': recordsListBench,
  ledgers: ledgersBench,
  subsidies: subsidiesBench,
  'report-merge': reportMergeBench,
  reports: reportsBench,
  dashboard: dashboardBench,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length)
    throw new Error(`unknown section ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  const rows: [string, string][] = [];
  for (const [name, run] of Object.entries(SECTIONS)) if (names.length === 0 || names.includes(name)) await run(rows);
  console.log(`GridDesk benchmark — ${os.cpus().length} cores, Node ${process.version}\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(54)} ${v}`);
}

void main();
