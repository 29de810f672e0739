/**
 * Who a village's sheet lists and what the records count for each of them in the period. A
 * record counts for the worker `workerFor` names (the one it names, else its grid's holder on its
 * date), and only records of the village's own grids count on the village's sheet.
 */
import { sql, type RawBuilder } from 'kysely';
import { EVAL_METRICS, type EvalCounts, type EvalMetric } from '../../../shared/evaluations';
import type { RecordKind } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { workerFor } from '../records/attribution';
import { inGrids } from '../records/queries';

/** The role each evaluated level is held in: 村民小组 by its 网格长, household grids by 网格员. */
const ROLE_OF_LEVEL: Record<number, string> = { 3: '网格长', 4: '网格员' };

export interface ListedWorker {
  workerId: number;
  name: string;
  /** 一组 / 第1网格、一组 */
  grids: string;
  /** The earliest start of any level-3/4 post (null: since before the records began). */
  since: string | null;
}

interface VillageGrid {
  id: number;
  parent_id: number | null;
  level: number;
  name: string;
  code: string;
}

export async function villageGrids(db: DbOrTrx, villageId: number): Promise<Map<number, VillageGrid>> {
  const rows = await db
    .withRecursive('sub(id)', (qb) =>
      qb
        .selectFrom('grids')
        .select('id')
        .where('id', '=', villageId)
        .unionAll((q) => q.selectFrom('grids as g').innerJoin('sub', 'sub.id', 'g.parent_id').select('g.id')),
    )
    .selectFrom('grids')
    .select(['id', 'parent_id', 'level', 'name', 'code'])
    .where('id', 'in', (q) => q.selectFrom('sub').select('id'))
    .execute();
  return new Map(rows.map((g) => [g.id, g]));
}

function labelOf(grids: Map<number, VillageGrid>, id: number): string {
  const names: string[] = [];
  for (let g = grids.get(id); g && g.level > 2; g = g.parent_id === null ? undefined : grids.get(g.parent_id))
    names.unshift(g.name);
  // 一组第1网格 already says 一组: “一组 / 一组第1网格” would say it twice.
  if (names.length === 2 && names[1]!.startsWith(names[0]!)) names.shift();
  return names.join(' / ');
}

/** Everyone who held, on some day of start–end, a grid of the levels under the village, by grid code then name. */
export async function listedWorkers(
  db: DbOrTrx,
  grids: Map<number, VillageGrid>,
  levels: readonly number[],
  period: { start: string; end: string },
): Promise<ListedWorker[]> {
  const ids = [...grids.values()].filter((g) => levels.includes(g.level)).map((g) => g.id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .select(['a.worker_id', 'w.name', 'a.grid_id', 'a.role'])
    .where('a.grid_id', 'in', ids)
    .where((eb) => eb.or([eb('a.start_date', 'is', null), eb('a.start_date', '<=', period.end)]))
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>', period.start)]))
    .execute();
  const byWorker = new Map<number, { name: string; grids: VillageGrid[] }>();
  for (const r of rows) {
    const g = grids.get(r.grid_id)!;
    if (ROLE_OF_LEVEL[g.level] !== r.role) continue;
    const w = byWorker.get(r.worker_id) ?? { name: r.name, grids: [] };
    if (!w.grids.includes(g)) w.grids.push(g);
    byWorker.set(r.worker_id, w);
  }
  const since = await postedSince(db, [...byWorker.keys()], period.end);
  const collator = new Intl.Collator('zh-CN');
  return [...byWorker]
    .map(([workerId, w]) => {
      const held = [...w.grids].sort((a, b) => a.code.localeCompare(b.code));
      return {
        workerId,
        name: w.name,
        grids: held.map((g) => labelOf(grids, g.id)).join('、'),
        since: since.get(workerId) ?? null,
        first: held[0]!.code,
      };
    })
    .sort((a, b) => a.first.localeCompare(b.first) || collator.compare(a.name, b.name) || a.workerId - b.workerId)
    .map(({ first: _first, ...w }) => w);
}

/** Each worker's first day in a level-3/4 post begun by `end` (absent: a post with no start date). */
async function postedSince(db: DbOrTrx, workerIds: number[], end: string): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  for (let i = 0; i < workerIds.length; i += 500) {
    const rows = await db
      .selectFrom('assignments as a')
      .innerJoin('grids as g', 'g.id', 'a.grid_id')
      .select(['a.worker_id', 'a.start_date'])
      .where('a.worker_id', 'in', workerIds.slice(i, i + 500))
      .where('g.level', 'in', [3, 4])
      .where((eb) => eb.or([eb('a.start_date', 'is', null), eb('a.start_date', '<=', end)]))
      .execute();
    for (const r of rows) {
      const prev = out.get(r.worker_id);
      if (prev === null) continue;
      if (r.start_date === null) out.set(r.worker_id, null);
      else if (prev === undefined || r.start_date < prev) out.set(r.worker_id, r.start_date);
    }
  }
  for (const id of workerIds) if (!out.has(id)) out.set(id, null);
  return out;
}

interface Tally {
  metric: EvalMetric;
  kind: RecordKind;
  table: 'info_reports' | 'disputes' | 'services' | 'publicity' | 'visits';
  date: string;
  /** What one record adds (visit households add the row's households). */
  amount?: RawBuilder<number>;
  where?: RawBuilder<boolean>;
}

const TALLIES: Tally[] = [
  { metric: 'reports', kind: 'reports', table: 'info_reports', date: 'report_date' },
  {
    metric: 'importantReports',
    kind: 'reports',
    table: 'info_reports',
    date: 'report_date',
    where: sql`r.important = 1`,
  },
  { metric: 'disputesFound', kind: 'disputes', table: 'disputes', date: 'found_date' },
  {
    metric: 'disputesSettled',
    kind: 'disputes',
    table: 'disputes',
    date: 'settle_date',
    where: sql`r.status = '调解成功'`,
  },
  { metric: 'services', kind: 'services', table: 'services', date: 'service_date' },
  { metric: 'publicity', kind: 'publicity', table: 'publicity', date: 'event_date' },
  { metric: 'visits', kind: 'visits', table: 'visits', date: 'visit_date' },
  { metric: 'visitHouseholds', kind: 'visits', table: 'visits', date: 'visit_date', amount: sql`r.households` },
];

export const zeroCounts = (): EvalCounts => Object.fromEntries(EVAL_METRICS.map((m) => [m, 0])) as EvalCounts;

/** The counts of the listed workers in start–end from the records of the village's grids. */
export async function countsFor(
  db: DbOrTrx,
  gridIds: number[],
  workerIds: number[],
  period: { start: string; end: string },
): Promise<Map<number, EvalCounts>> {
  const out = new Map(workerIds.map((id) => [id, zeroCounts()]));
  if (workerIds.length === 0) return out;
  for (const t of TALLIES) {
    const worker = workerFor(t.kind, t.date);
    const rows = await db
      .selectFrom(`${t.table} as r` as 'disputes as r')
      .select([worker.as('worker'), sql<number>`sum(${t.amount ?? sql`1`})`.as('n')])
      .where(sql.ref(`r.${t.date}`), '>=', period.start)
      .where(sql.ref(`r.${t.date}`), '<=', period.end)
      .where(inGrids(gridIds))
      .where(t.where ?? sql<boolean>`1 = 1`)
      .groupBy(sql.ref('worker'))
      .execute();
    for (const r of rows) {
      const c = r.worker === null ? undefined : out.get(r.worker);
      if (c) c[t.metric] = Number(r.n);
    }
  }
  const trainings = await db
    .selectFrom('training_attendees as ta')
    .innerJoin('trainings as t', 't.id', 'ta.training_id')
    .select(['ta.worker_id', sql<number>`count(distinct t.id)`.as('n')])
    .where('t.training_date', '>=', period.start)
    .where('t.training_date', '<=', period.end)
    .where('ta.worker_id', 'in', workerIds)
    .groupBy('ta.worker_id')
    .execute();
  for (const r of trainings) out.get(r.worker_id)!.trainings = Number(r.n);
  return out;
}
