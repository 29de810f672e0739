/**
 * `npm run bench -- dashboard`: 统计报表's dashboard (figures, months, categories, health list)
 * for the whole 15-township demo county over the year of records-stats (≈ 105,000 records).
 * Goal: the county's figures ≤ 300 ms; reported alongside, the whole dashboard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';
import { dashboard } from '../src/main/services/reports/dashboard';
import { reportFigures } from '../src/main/services/reports/figures';
import { fillYear } from './records-stats';

export async function dashboardBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-dashboard-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957, records: false });
    await h.db.transaction().execute((trx) => fillYear(trx));
    const period = { from: '2026-01-01', to: '2026-12-31', gridId: null };
    const figures: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < 3; i++) {
      let s = performance.now();
      await reportFigures(h.db, period);
      figures.push(performance.now() - s);
      s = performance.now();
      await dashboard(h.db, period, '2026-12-31');
      whole.push(performance.now() - s);
    }
    const best = (xs: number[]) => Math.min(...xs).toFixed(0);
    rows.push(['', '']);
    rows.push([
      'reports/dashboard, the county, the year',
      `figures ${best(figures)} ms (goal ≤ 300 ms); whole dashboard ${best(whole)} ms (first ${whole[0]!.toFixed(0)} ms)`,
    ]);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
