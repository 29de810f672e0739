/**
 * One measured phase in its own process (so peak memory is that phase's alone).
 *   tsx bench/phase.ts floor FILE          — exceljs alone reads every row of the workbook
 *   tsx bench/phase.ts read FILE           — GridDesk's reader thread alone passes every row to the main thread
 *   tsx bench/phase.ts import FILE DB      — GridDesk imports it into a new database
 *   tsx bench/phase.ts roundtrip FILE DB   — exports the database and compares every value
 * Prints one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/main/db/connection';
import { runImport } from '../src/main/import/run';
import { readEvents, readSource } from '../src/main/import/source';
import { exportHouseholds, exportWorkers } from '../src/main/services/exports/exports';
import { writeCards, type Card } from '../src/main/pdf/cards';
import type { PrintSettings } from '../src/main/pdf/views';
import { loadCards } from '../src/main/services/print/cards';
import { fontFile } from '../src/main/pdf/fonts';
import { printCards } from '../src/main/services/print/print';

const [phase, file, db] = process.argv.slice(2);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function floor() {
  const start = performance.now();
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file!, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const ws of reader) for await (const row of ws) rows += row.values ? 1 : 0;
  return { ms: Math.round(performance.now() - start), peakMb: peakMb(), rows };
}

async function readPhase() {
  const start = performance.now();
  let rows = 0;
  for await (const event of readEvents(file!)) if (event.type === 'rows') rows += event.rows.length;
  return { ms: Math.round(performance.now() - start), peakMb: peakMb(), rows };
}

async function importPhase() {
  const h = await openDatabase(db!);
  const start = performance.now();
  const r = await runImport(h.db, file!);
  const ms = Math.round(performance.now() - start);
  await h.close();
  return {
    ms,
    peakMb: peakMb(),
    ok: r.ok,
    errors: r.errors.length,
    firstErrors: r.errors.slice(0, 3),
    created: r.created,
  };
}

/** Values from the original workbook vs the same values exported from the imported database. */
async function roundtrip() {
  const h = await openDatabase(db!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-rt-'));
  const start = performance.now();
  await exportWorkers(h.db, path.join(dir, 'w.xlsx'), { perVillage: false });
  await exportHouseholds(h.db, path.join(dir, 'h.xlsx'), { perVillage: false });
  const ms = Math.round(performance.now() - start);
  await h.close();
  const key = (cells: unknown[], idx: number[]) => idx.map((i) => String(cells[i] ?? '')).join('|');
  const original = await readSource(file!);
  const want = { workers: [] as string[], households: [] as string[] };
  for (const s of original.sheets) {
    const isWorkers = s.name.endsWith('网格员');
    for (const r of s.rows.slice(isWorkers ? 3 : 2)) {
      if (typeof r.cells[0] !== 'number') continue;
      if (isWorkers) want.workers.push(key(r.cells, [5, 6, 8, 9]));
      else want.households.push(key(r.cells, [4, 6, 7, 8, 9, 10]));
    }
  }
  const got = { workers: [] as string[], households: [] as string[] };
  for (const r of (await readSource(path.join(dir, 'w.xlsx'))).sheets[0]!.rows.slice(3))
    got.workers.push(key(r.cells, [5, 7, 9, 10]));
  for (const r of (await readSource(path.join(dir, 'h.xlsx'))).sheets[0]!.rows.slice(3))
    got.households.push(key(r.cells, [4, 6, 7, 8, 9, 10]));
  fs.rmSync(dir, { recursive: true, force: true });
  const diff = (a: string[], b: string[]) => {
    const sa = [...a].sort();
    const sb = [...b].sort();
    let mismatches = Math.abs(sa.length - sb.length);
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) if (sa[i] !== sb[i]) mismatches += 1;
    return mismatches;
  };
  return {
    ms,
    peakMb: peakMb(),
    workerRows: got.workers.length,
    householdRows: got.households.length,
    mismatches: diff(want.workers, got.workers) + diff(want.households, got.households),
  };
}

const FONT = fontFile(path.resolve(import.meta.dirname, '../resources'));

/** Floor: pdfkit drawing the card layout from an in-memory array (loaded before the clock starts). */
async function cardsFloor() {
  const h = await openDatabase(file!);
  const county = (await h.db.selectFrom('grids').select('id').where('level', '=', 1).execute()).map((g) => g.id);
  const all: Card[] = [];
  let ctx: PrintSettings | null = null;
  for (const id of county) {
    const r = await loadCards(h.db, id);
    all.push(...r.cards);
    ctx = r.settings;
  }
  await h.close();
  const out = path.join(os.tmpdir(), `griddesk-floor-${process.pid}.pdf`);
  const start = performance.now();
  const r = await writeCards(all, out, FONT, ctx!);
  const ms = Math.round(performance.now() - start);
  const size = fs.statSync(out).size;
  fs.rmSync(out, { force: true });
  return { ms, peakMb: peakMb(), cards: all.length, pages: r.pages, mb: +(size / 1024 / 1024).toFixed(1) };
}

/** GridDesk: print every township's cards from the database (load, check glyphs, write). */
async function cardsPrint() {
  const h = await openDatabase(file!);
  const county = (await h.db.selectFrom('grids').select('id').where('level', '=', 1).execute()).map((g) => g.id);
  const start = performance.now();
  let cards = 0;
  let pages = 0;
  for (const id of county) {
    const out = path.join(os.tmpdir(), `griddesk-cards-${process.pid}-${id}.pdf`);
    const r = await printCards(h.db, id, out, FONT);
    cards += r.cards;
    pages += r.pages;
    fs.rmSync(out, { force: true });
  }
  const ms = Math.round(performance.now() - start);
  await h.close();
  return { ms, peakMb: peakMb(), cards, pages };
}

const run =
  phase === 'floor'
    ? floor
    : phase === 'read'
      ? readPhase
      : phase === 'import'
        ? importPhase
        : phase === 'cards-floor'
          ? cardsFloor
          : phase === 'cards'
            ? cardsPrint
            : roundtrip;
run().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e));
    process.exit(1);
  },
);
