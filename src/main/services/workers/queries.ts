/**
 * Kysely helpers over assignments (who held which grid when), written once for every service.
 *
 * An assignment's `end_date` is the day its successor took over (assignWorker and the importer
 * both end the previous holder's assignment on the new holder's start date), so it is exclusive:
 * the assignment held on `start_date <= d < end_date`. "Current" with no date keeps its meaning
 * from before dates were asked about: `end_date is null`.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/schema';

/**
 * The assignment aliased `alias` was held on `date` (2026-03-01), or, without a date, is current
 * (not ended). Use as `.where(currentOn(date))` or inside `eb.case().when(…)`. `date` may be a column
 * (a record's own date) as well as a value.
 */
export function currentOn(date: string | Expression<unknown> | null = null, alias = 'a'): RawBuilder<SqlBool> {
  const start = sql.ref(`${alias}.start_date`);
  const end = sql.ref(`${alias}.end_date`);
  if (date === null) return sql<SqlBool>`${end} is null`;
  return sql<SqlBool>`((${start} is null or ${start} <= ${date}) and (${end} is null or ${end} > ${date}))`;
}

/**
 * Assignments (`a`) with their worker (`w`) held on `date`, or current without one: the caller
 * adds its columns, grid filters and order.
 */
export function holdersOn(db: DbOrTrx, date: string | null = null) {
  return db.selectFrom('assignments as a').innerJoin('workers as w', 'w.id', 'a.worker_id').where(currentOn(date));
}
