/**
 * `npm run bench -- subsidies`: a county year's payouts (the 15-township demo county, ≈ 7,000
 * workers, the county-year records of records-stats) computed with the default rules plus a
 * collective share per village and 公益岗位 for one worker in twenty; then its 补贴发放表.
 * Goals: compute ≤ 1 s, export ≤ 3 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/main/db/connection';
import { insertBatched } from '../src/main/db/bulk';
import type { DbOrTrx } from '../src/main/db/schema';
import { createDemo } from '../src/main/services/demo/demo';
import { computePeriod } from '../src/main/services/subsidies/compute';
import { exportPeriod } from '../src/main/services/subsidies/export';
import { fillYear } from './records-stats';

/** A share per village (split equally) and a 公益岗位 for every twentieth worker. */
async function fillIncentives(db: DbOrTrx): Promise<{ shares: number; posts: number }> {
  const now = new Date().toISOString();
  await db
    .insertInto('subsidy_rules')
    .values({
      mechanism: 'welfare',
      valid_from: '2026-01-01',
      config: '{"monthlyFen":50000}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const villages = await db.selectFrom('grids').select('id').where('level', '=', 2).execute();
  const shares = villages.map((v) => ({
    village_id: v.id,
    period_start: '2026-01-01',
    period_end: '2026-12-31',
    amount_fen: 2_000_001,
    split: 'equal',
    created_at: now,
    updated_at: now,
  }));
  await insertBatched(db, 'collective_shares', shares as never);
  const workers = await db.selectFrom('workers').select('id').orderBy('id').execute();
  const posts = workers
    .filter((_, i) => i % 20 === 0)
    .map((w) => ({
      worker_id: w.id,
      post: '护林员',
      start_date: '2026-02-10',
      end_date: null,
      created_at: now,
      updated_at: now,
    }));
  await insertBatched(db, 'welfare_posts', posts as never);
  return { shares: shares.length, posts: posts.length };
}

export async function subsidiesBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-subsidies-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957, records: false });
    const records = await h.db.transaction().execute((trx) => fillYear(trx));
    const extra = await h.db.transaction().execute((trx) => fillIncentives(trx));
    const workers = (
      await h.db
        .selectFrom('workers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    rows.push(['', '']);
    rows.push([
      'county year for subsidies (deterministic)',
      `${workers} workers, ${records} records, ${extra.shares} village shares, ${extra.posts} 公益岗位`,
    ]);
    const period = { from: '2026-01-01', to: '2026-12-31', gridId: null };
    const samples: number[] = [];
    let lines = 0;
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const c = await computePeriod(h.db, period);
      samples.push(performance.now() - s);
      lines = c.lines.length;
      total = c.totalFen;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    rows.push([
      'subsidies/compute, county year, median of 5',
      `${sorted[2]!.toFixed(0)} ms, first ${samples[0]!.toFixed(0)} ms (${lines} lines, ${(total / 100).toFixed(2)} 元; goal ≤ 1000 ms)`,
    ]);
    const out = path.join(dir, '补贴发放表.xlsx');
    const s = performance.now();
    const r = await exportPeriod(h.db, period, out, { fullIdNumbers: false });
    rows.push([
      'subsidies/exportPeriod 补贴发放表, county year',
      `${(performance.now() - s).toFixed(0)} ms (${r.rows} rows, ${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB; goal ≤ 3000 ms)`,
    ]);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
