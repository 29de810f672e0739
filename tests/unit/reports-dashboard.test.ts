/**
 * reports/dashboard against plain recounts: the demo township (with a few defects added on
 * purpose), its raw rows read back once, and byMonth, categories and every health item counted
 * with loops over those rows (never the service's SQL), for the township and for one village.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/main/services/demo/demo';
import { dashboard, monthsOf } from '../../src/main/services/reports/dashboard';
import { missingSequences } from '../../src/main/services/reports/dashboard-health';
import { reportFigures } from '../../src/main/services/reports/figures';
import { periodOf } from '../../src/renderer/src/pages/reports/period-model';
import { openTestApp, type TestApp } from '../helpers/context';

const TODAY = '2026-07-15';
const TS = '2026-07-15T08:00:00.000Z';

type Row = Record<string, unknown> & { id: number; grid_id: number };
interface Raw {
  grids: { id: number; parent_id: number | null; level: number; code: string }[];
  households: Row[];
  assignments: { worker_id: number; grid_id: number; end_date: string | null }[];
  workers: { id: number; phone: string; photo: Buffer | null }[];
  wechat: Row[];
  kinds: Record<'reports' | 'disputes' | 'services' | 'visits' | 'publicity', { grid_id: number; date: string }[]>;
  disputes: {
    id: number;
    grid_id: number;
    found_date: string;
    category: string;
    status: string;
    deadline: string | null;
  }[];
}

async function readRaw(app: TestApp): Promise<Raw> {
  const db = app.ctx.handle.db;
  const dated = async (table: string, column: string) =>
    (
      await db
        .selectFrom(table as 'visits')
        .selectAll()
        .execute()
    ).map((r) => ({
      grid_id: r.grid_id,
      date: (r as unknown as Record<string, string>)[column]!,
    }));
  return {
    grids: await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'code']).execute(),
    households: (await db.selectFrom('households').selectAll().execute()) as never,
    assignments: await db.selectFrom('assignments').select(['worker_id', 'grid_id', 'end_date']).execute(),
    workers: await db.selectFrom('workers').select(['id', 'phone', 'photo']).execute(),
    wechat: (await db.selectFrom('wechat_groups').selectAll().execute()) as never,
    disputes: await db
      .selectFrom('disputes')
      .select(['id', 'grid_id', 'found_date', 'category', 'status', 'deadline'])
      .execute(),
    kinds: {
      reports: await dated('info_reports', 'report_date'),
      disputes: await dated('disputes', 'found_date'),
      services: await dated('services', 'service_date'),
      visits: await dated('visits', 'visit_date'),
      publicity: await dated('publicity', 'event_date'),
    },
  };
}

function subtree(raw: Raw, root: number | null): Set<number> {
  if (root === null) return new Set(raw.grids.map((g) => g.id));
  const out = new Set([root]);
  for (let added = true; added;) {
    added = false;
    for (const g of raw.grids) {
      if (g.parent_id !== null && out.has(g.parent_id) && !out.has(g.id)) added = out.add(g.id) !== null;
    }
  }
  return out;
}

function recountMonths(raw: Raw, from: string, to: string, scope: Set<number>) {
  const months: Record<string, Record<string, number>> = {};
  for (const [kind, rows] of Object.entries(raw.kinds)) {
    for (const r of rows) {
      if (!scope.has(r.grid_id) || r.date < from || r.date > to) continue;
      const m = (months[r.date.slice(0, 7)] ??= {});
      m[kind] = (m[kind] ?? 0) + 1;
    }
  }
  return months;
}

function recountHealth(raw: Raw, scope: Set<number>) {
  const held = new Set<number>();
  const holders = new Set<number>();
  for (const a of raw.assignments) {
    if (a.end_date !== null) continue;
    held.add(a.grid_id);
    if (scope.has(a.grid_id)) holders.add(a.worker_id);
  }
  const households = new Map<number, number>();
  for (const h of raw.households) households.set(h.grid_id, (households.get(h.grid_id) ?? 0) + 1);
  const grouped = new Set(raw.wechat.map((w) => w.grid_id));
  const counts = { vacancies: 0, gridsOutsideRule: 0, gridsWithoutWechat: 0, workersWithoutPhone: 0 };
  let workersWithoutPhoto = 0;
  for (const g of raw.grids) {
    if (!scope.has(g.id)) continue;
    if (!held.has(g.id)) counts.vacancies++;
    if (g.level !== 4) continue;
    const n = households.get(g.id) ?? 0;
    if (n < 15 || n > 20) counts.gridsOutsideRule++;
    if (!grouped.has(g.id)) counts.gridsWithoutWechat++;
  }
  for (const w of raw.workers) {
    if (!holders.has(w.id)) continue;
    if (w.phone.trim() === '') counts.workersWithoutPhone++;
    if (w.photo === null) workersWithoutPhoto++;
  }
  let overdueDisputes = 0;
  for (const d of raw.disputes) {
    const open = d.status === '排查中' || d.status === '调处中';
    if (scope.has(d.grid_id) && open && d.deadline !== null && d.deadline < TODAY) overdueDisputes++;
  }
  return { ...counts, workersWithoutPhoto, overdueDisputes, codeGaps: recountGaps(raw, scope) };
}

/** Per parent in scope: each number between its children's lowest and highest sequence that no child has. */
function recountGaps(raw: Raw, scope: Set<number>): number {
  let gaps = 0;
  for (const p of raw.grids) {
    if (!scope.has(p.id)) continue;
    const seqs: number[] = [];
    for (const c of raw.grids) if (c.parent_id === p.id) seqs.push(Number(c.code.slice(p.code.length)));
    if (seqs.length < 2) continue;
    for (let n = Math.min(...seqs) + 1; n < Math.max(...seqs); n++) if (!seqs.includes(n)) gaps++;
  }
  return gaps;
}

describe('reports/dashboard', () => {
  let app: TestApp;
  let raw: Raw;
  let village: { id: number; code: string };

  beforeAll(async () => {
    app = await openTestApp();
    await createDemo(app.ctx.handle.db, { townships: 1, today: TODAY, seed: 12 });
    const db = app.ctx.handle.db;
    village = await db
      .selectFrom('grids')
      .select(['id', 'code'])
      .where('level', '=', 2)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    // Defects on purpose, so every health item has something to find in the village.
    const holder = await db
      .selectFrom('assignments as a')
      .innerJoin('grids as g', 'g.id', 'a.grid_id')
      .select('a.worker_id')
      .where('g.code', 'like', `${village.code}%`)
      .where('a.end_date', 'is', null)
      .executeTakeFirstOrThrow();
    await db.updateTable('workers').set({ phone: ' ' }).where('id', '=', holder.worker_id).execute();
    for (const seq of ['97', '99']) {
      await db
        .insertInto('grids')
        .values({
          parent_id: village.id,
          level: 3,
          name: `测试${seq}组`,
          code: village.code + seq,
          kind: null,
          division_code: null,
          created_at: TS,
          updated_at: TS,
        })
        .execute();
    }
    raw = await readRaw(app);
  }, 60_000);
  afterAll(() => app.close());

  it('monthsOf lists every month the period touches', () => {
    expect(monthsOf('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });

  it('the period picker computes from–to for a date', () => {
    expect(periodOf('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('quarter', '2026-05-31')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('half', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('missingSequences finds the numbers skipped among siblings', () => {
    expect(missingSequences('11', ['1101', '1102', '1105'])).toEqual(['1103', '1104']);
    expect(missingSequences('11', ['1101'])).toEqual([]);
  });

  for (const scope of ['township', 'village'] as const) {
    it(`byMonth, categories and health equal a plain recount (${scope})`, async () => {
      const gridId = scope === 'village' ? village.id : null;
      const period = { from: '2026-02-10', to: '2026-06-30', gridId };
      const d = await dashboard(app.ctx.handle.db, period, TODAY);
      const ids = subtree(raw, gridId);

      expect(d.figures).toEqual(await reportFigures(app.ctx.handle.db, period));
      const months = recountMonths(raw, period.from, period.to, ids);
      expect(d.byMonth.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
      for (const m of d.byMonth) {
        const want = months[m.month] ?? {};
        for (const k of ['reports', 'disputes', 'services', 'visits', 'publicity'] as const)
          expect(m[k]).toBe(want[k] ?? 0);
      }
      expect(d.byMonth.reduce((n, m) => n + m.disputes, 0)).toBeGreaterThan(0);

      const cats: Record<string, number> = {};
      for (const r of raw.disputes) {
        if (ids.has(r.grid_id) && r.found_date >= period.from && r.found_date <= period.to)
          cats[r.category] = (cats[r.category] ?? 0) + 1;
      }
      expect(Object.fromEntries(d.categories.map((c) => [c.category, c.count]))).toEqual(cats);

      const want = recountHealth(raw, ids);
      const got = Object.fromEntries(d.health.map((h) => [h.key, h.count]));
      expect(got).toEqual(want);
      expect(want.workersWithoutPhone).toBeGreaterThan(0);
      expect(want.codeGaps).toBeGreaterThan(0);
      for (const h of d.health) expect(h.examples.length).toBe(Math.min(20, h.count));
      expect(got.gridsOutsideRule).toBe(d.figures.total.gridsOutsideRule);
    }, 30_000);
  }
});
