import type { HandlerArgs } from '../../../shared/api';
import type { Vacancy } from '../../../shared/people';
import type { DbOrTrx } from '../../db/schema';
import { gridPaths, subtreeOf } from '../grids/queries';
import { currentOn } from './queries';

/** Grids (optionally under one grid, of one level) with no current worker, in code order. */
export async function listVacancies(db: DbOrTrx, input: HandlerArgs<'grids/vacancies'>): Promise<Vacancy[]> {
  let q = db
    .selectFrom('grids as g')
    .select(['g.id', 'g.name', 'g.code', 'g.level'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('assignments as a').select('a.id').whereRef('a.grid_id', '=', 'g.id').where(currentOn()),
        ),
      ),
    );
  if (input.gridId !== null) q = q.where('g.id', 'in', subtreeOf(db, input.gridId));
  if (input.level !== null) q = q.where('g.level', '=', input.level);
  const rows = await q.orderBy('g.code').execute();
  const ids = rows.map((r) => r.id);
  const [paths, households, holders] = await Promise.all([
    gridPaths(db, ids),
    householdCounts(db, ids),
    lastHolders(db, ids),
  ]);
  return rows.map((r) => ({
    ...r,
    label: paths.get(r.id)?.label ?? r.name,
    households: households.get(r.id) ?? 0,
    lastHolder: holders.get(r.id) ?? null,
  }));
}

const CHUNK = 500;

function chunks(ids: number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

async function householdCounts(db: DbOrTrx, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('households')
      .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('grid_id', 'in', part)
      .groupBy('grid_id')
      .execute();
    for (const r of rows) out.set(r.grid_id, Number(r.n));
  }
  return out;
}

/** Per grid, the worker whose assignment ended last (the clerk's first call when filling it). */
async function lastHolders(db: DbOrTrx, ids: number[]): Promise<Map<number, NonNullable<Vacancy['lastHolder']>>> {
  const out = new Map<number, NonNullable<Vacancy['lastHolder']>>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('assignments as a')
      .innerJoin('workers as w', 'w.id', 'a.worker_id')
      .select(['a.grid_id', 'a.end_date', 'w.id as worker_id', 'w.name'])
      .where('a.grid_id', 'in', part)
      .where('a.end_date', 'is not', null)
      .orderBy('a.end_date', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    for (const r of rows) {
      if (!out.has(r.grid_id)) out.set(r.grid_id, { workerId: r.worker_id, name: r.name, endDate: r.end_date! });
    }
  }
  return out;
}
