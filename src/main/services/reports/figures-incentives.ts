/** The incentive parts of a report row: evaluation grades, recommendations and awards, subsidies. */
import { GRADE_KEYS, type VillageFigures } from '../../../shared/reports';
import { MECHANISMS, type Mechanism } from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import { workerPlaces } from '../recommendations/places';

export type IncentivePart = Pick<
  VillageFigures,
  'grades' | 'recommendations' | 'awards' | 'subsidies' | 'subsidyTotal'
>;

export function emptyIncentives(): IncentivePart {
  return {
    grades: Object.fromEntries(GRADE_KEYS.map((g) => [g, 0])) as IncentivePart['grades'],
    recommendations: 0,
    awards: 0,
    subsidies: Object.fromEntries(MECHANISMS.map((m) => [m, 0])) as Record<Mechanism, number>,
    subsidyTotal: 0,
  };
}

/** Row key: a village id, or null for the township's own row. */
type Rows = Map<number | null, IncentivePart>;

/**
 * Adds incentives by village: grades of approved sheets ending in the period (the sheet's village),
 * recommendations of the period's years and completed awards (the worker's village), subsidy lines
 * of approved or paid batches ending in the period (the line's village; none → the township's row).
 */
export async function addIncentives(
  db: DbOrTrx,
  rows: Rows,
  period: { from: string; to: string },
  /** Below a village (a group asked for): only these workers count; null → everyone. */
  workers: Set<number> | null = null,
): Promise<void> {
  const counts = (workerId: number) => workers === null || workers.has(workerId);
  const grades = await db
    .selectFrom('eval_lines as l')
    .innerJoin('eval_sheets as s', 's.id', 'l.sheet_id')
    .where('s.status', '=', '已审定')
    .where('s.period_end', '>=', period.from)
    .where('s.period_end', '<=', period.to)
    .where('l.excluded', 'is', null)
    .select(['s.village_id', 'l.grade', 'l.worker_id'])
    .execute();
  for (const g of grades) {
    if (!counts(g.worker_id)) continue;
    const row = rows.get(g.village_id);
    if (row && g.grade in row.grades) row.grades[g.grade as keyof IncentivePart['grades']] += 1;
  }
  const recs = await db
    .selectFrom('recommendations')
    .where('year', '>=', Number(period.from.slice(0, 4)))
    .where('year', '<=', Number(period.to.slice(0, 4)))
    .select(['worker_id', 'pipeline', 'status'])
    .execute();
  // The village the 推荐表 names as 推荐单位: the same rule, so the counts match the forms.
  const places = await workerPlaces(
    db,
    recs.map((r) => r.worker_id),
  );
  for (const r of recs) {
    if (!counts(r.worker_id)) continue;
    const row = rows.get(places.get(r.worker_id)?.villageId ?? null);
    if (!row) continue;
    row.recommendations += 1;
    if (r.pipeline === 'award' && r.status === '已完成') row.awards += 1;
  }
  await addSubsidies(db, rows, period, counts);
}

async function addSubsidies(
  db: DbOrTrx,
  rows: Rows,
  period: { from: string; to: string },
  counts: (workerId: number) => boolean,
): Promise<void> {
  const lines = await db
    .selectFrom('payout_lines as l')
    .innerJoin('payout_batches as b', 'b.id', 'l.batch_id')
    .where('b.status', 'in', ['已审定', '已发放'])
    .where('b.period_end', '>=', period.from)
    .where('b.period_end', '<=', period.to)
    .select([
      'l.village_id',
      'l.worker_id',
      'l.mechanism',
      (eb) => eb('l.computed_fen', '+', eb.ref('l.adjust_fen')).as('fen'),
    ])
    .execute();
  for (const l of lines) {
    if (!counts(l.worker_id)) continue;
    const row = rows.get(l.village_id);
    if (!row || !(l.mechanism in row.subsidies)) continue;
    row.subsidies[l.mechanism as Mechanism] += Number(l.fen);
    row.subsidyTotal += Number(l.fen);
  }
}
