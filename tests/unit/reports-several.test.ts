/**
 * A database holding several townships (a county office's, or the demo county): asked for as a
 * whole, the figures name each row's township and no single township heads them; asked for one
 * township, that township heads its own villages.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

it('names rows by township when the whole database of several townships is asked for', async () => {
  await app.call('demo/create', { townships: 2, records: true });
  const db = app.ctx.handle.sqlite;
  const townships = db.prepare('select id, name from grids where level = 1 order by id').all() as {
    id: number;
    name: string;
  }[];
  expect(townships.length).toBe(2);
  const villages = db.prepare('select count(*) as n from grids where level = 2').get() as { n: number };
  const period = { from: '2026-01-01', to: '2026-12-31', gridId: null };

  const all = await app.call('reports/figures', period);
  expect(all.township.name).not.toBe(townships[0]!.name);
  expect(all.rows.filter((r) => r.villageId !== null).length).toBe(villages.n);
  for (const r of all.rows.filter((x) => x.villageId !== null)) {
    expect(
      townships.some((t) => r.name.startsWith(`${t.name} / `)),
      r.name,
    ).toBe(true);
  }
  const stats = await app.call('records/stats', period);
  expect(stats.disputes.found).toBeGreaterThan(0);
  expect(all.total.disputesFound).toBe(stats.disputes.found);
  expect(all.total.reports).toBe(stats.reports.total);

  const second = await app.call('reports/figures', { ...period, gridId: townships[1]!.id });
  expect(second.township.name).toBe(townships[1]!.name);
  expect(second.rows.every((r) => !r.name.includes(' / '))).toBe(true);
  const secondStats = await app.call('records/stats', { ...period, gridId: townships[1]!.id });
  expect(second.total.disputesFound).toBe(secondStats.disputes.found);
});
