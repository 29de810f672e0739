/**
 * `npm run bench -- report-merge`: the county's merge (县级汇总). The 15-township demo county with
 * records-stats' county year; each township exports its year's submission package (报送包), then
 * the county merges the 15 packages into its workbook, one row per township and per village.
 * Goal: merging 15 packages ≤ 10 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';
import { reportFigures } from '../src/main/services/reports/figures';
import { mergePackages, townshipIdentity, writePackage } from '../src/main/services/reports/packages';
import { fillYear } from './records-stats';

const VERSION = '0.1.0';

export async function reportMergeBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-merge-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957, records: false });
    const records = await h.db.transaction().execute((trx) => fillYear(trx));
    const townships = await h.db.selectFrom('grids').select(['id', 'name']).where('level', '=', 1).execute();
    const files: string[] = [];
    const start = performance.now();
    for (const t of townships) {
      const period = { from: '2026-01-01', to: '2026-12-31', gridId: t.id };
      const file = path.join(dir, `${t.name}-2026.gdpkg`);
      await writePackage(await townshipIdentity(h.db, await reportFigures(h.db, period)), file, VERSION);
      files.push(file);
    }
    const exportMs = performance.now() - start;
    const kb = files.reduce((s, f) => s + fs.statSync(f).size, 0) / 1024;
    rows.push(['', '']);
    rows.push([
      `county year: ${townships.length} townships' packages (${records} records)`,
      `${(exportMs / townships.length).toFixed(0)} ms per township to export, ${(kb / files.length).toFixed(0)} KB each`,
    ]);
    for (const perVillage of [false, true]) {
      const samples: number[] = [];
      let r = { rows: 0, townships: [] as string[] };
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        r = await mergePackages(files, { perVillage, out: path.join(dir, `county-${i}.xlsx`), version: VERSION });
        samples.push(performance.now() - s);
      }
      const sorted = [...samples].sort((a, b) => a - b);
      rows.push([
        `reports/merge of ${files.length} packages${perVillage ? ', per village' : ''}, median of 3`,
        `${sorted[1]!.toFixed(0)} ms (${r.townships.length} townships, ${r.rows} rows; goal ≤ 10000 ms)`,
      ]);
    }
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
