/**
 * The dashboard (首页): the report's figures as they are (never recomputed here), the records per
 * month of the period, the dispute categories and the health list.
 */
import { sql } from 'kysely';
import { todayIso } from '../../../shared/dates';
import type { RecordKind } from '../../../shared/records';
import type { Dashboard } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { subtreeIdList } from '../grids/queries';
import { allOf, inGrids, inPeriod, R } from '../records/queries';
import { KIND_TABLES } from '../records/rows';
import { health } from './dashboard-health';
import { reportFigures } from './figures';

type Period = { from: string; to: string; gridId: number | null };
type Month = Dashboard['byMonth'][number];

/** The trend's series and the record kind each counts (by the kind's own date, as records stats does). */
const SERIES: readonly [Exclude<keyof Month, 'month'>, RecordKind][] = [
  ['reports', 'reports'],
  ['disputes', 'disputes'],
  ['services', 'services'],
  ['visits', 'visits'],
  ['publicity', 'publicity'],
];

/** Every month from–to touches, '2026-01' … */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

function scope(kind: RecordKind, p: Period, gridIds: number[] | null) {
  return allOf([inPeriod(kind, p.from, p.to), ...(gridIds === null ? [] : [inGrids(gridIds)])]);
}

async function perMonth(db: DbOrTrx, kind: RecordKind, p: Period, gridIds: number[] | null) {
  const month = sql<string>`substr(${sql.ref(`${R}.${KIND_TABLES[kind].dateColumn}`)}, 1, 7)`;
  return db
    .selectFrom(`${KIND_TABLES[kind].table} as ${R}` as 'disputes as r')
    .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope(kind, p, gridIds))
    .groupBy(month)
    .execute();
}

async function byMonth(db: DbOrTrx, p: Period, gridIds: number[] | null): Promise<Dashboard['byMonth']> {
  const rows = new Map<string, Month>(
    monthsOf(p.from, p.to).map((month) => [
      month,
      { month, reports: 0, disputes: 0, services: 0, visits: 0, publicity: 0 },
    ]),
  );
  const counts = await Promise.all(SERIES.map(([, kind]) => perMonth(db, kind, p, gridIds)));
  SERIES.forEach(([key], i) => {
    for (const r of counts[i]!) {
      const row = rows.get(r.month);
      if (row) row[key] = Number(r.n);
    }
  });
  return [...rows.values()];
}

async function categories(db: DbOrTrx, p: Period, gridIds: number[] | null): Promise<Dashboard['categories']> {
  const rows = await db
    .selectFrom('disputes as r')
    .select(['r.category', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope('disputes', p, gridIds))
    .groupBy('r.category')
    .execute();
  return rows
    .map((r) => ({ category: r.category, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category, 'zh-CN'));
}

export async function dashboard(db: DbOrTrx, period: Period, today = todayIso()): Promise<Dashboard> {
  // reportFigures checks the period and the grid (clear messages); the rest only runs after it.
  const figures = await reportFigures(db, period);
  const gridIds = period.gridId === null ? null : await subtreeIdList(db, period.gridId);
  const [months, cats, items] = await Promise.all([
    byMonth(db, period, gridIds),
    categories(db, period, gridIds),
    health(db, period.gridId, gridIds, today),
  ]);
  return { figures, byMonth: months, categories: cats, health: items };
}
