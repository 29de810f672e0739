/**
 * 主要事迹 drawn from a worker's records of the recommendation's year, counted for the worker the
 * way evaluations and subsidies count them (`workerFor`): reports (and the important ones),
 * disputes found and settled (by settle date), services, visits and trainings attended.
 */
import { sql } from 'kysely';
import type { DeedCounts } from '../../../shared/recommendations';
import type { DbOrTrx } from '../../db/schema';
import { workerFor } from '../records/attribution';
import { byWorker, inPeriod } from '../records/queries';
import { KIND_TABLES } from '../records/rows';

type Counted = 'reports' | 'disputes' | 'services' | 'visits';

function countFor(db: DbOrTrx, kind: Counted, workerId: number, from: string, to: string) {
  return db
    .selectFrom(`${KIND_TABLES[kind].table} as r` as 'info_reports as r')
    .where(inPeriod(kind, from, to))
    .where(sql<boolean>`${workerFor(kind)} = ${workerId}`);
}

export async function deedCounts(db: DbOrTrx, workerId: number, year: number): Promise<DeedCounts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const n = sql<number>`count(*)`.as('n');
  const [reports, disputes, settled, services, visits, trainings] = await Promise.all([
    countFor(db, 'reports', workerId, from, to)
      .select([n, sql<number>`coalesce(sum(r.important), 0)`.as('important')])
      .executeTakeFirstOrThrow(),
    countFor(db, 'disputes', workerId, from, to).select(n).executeTakeFirstOrThrow(),
    db
      .selectFrom('disputes as r')
      .where('r.status', '=', '调解成功')
      .where('r.settle_date', '>=', from)
      .where('r.settle_date', '<=', to)
      .where(sql<boolean>`${workerFor('disputes', 'settle_date')} = ${workerId}`)
      .select(n)
      .executeTakeFirstOrThrow(),
    countFor(db, 'services', workerId, from, to).select(n).executeTakeFirstOrThrow(),
    countFor(db, 'visits', workerId, from, to).select(n).executeTakeFirstOrThrow(),
    db
      .selectFrom('trainings as r')
      .where(inPeriod('trainings', from, to))
      .where(byWorker('trainings', workerId))
      .select(n)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    reports: Number(reports.n),
    importantReports: Number(reports.important),
    disputes: Number(disputes.n),
    disputesSettled: Number(settled.n),
    services: Number(services.n),
    visits: Number(visits.n),
    trainings: Number(trainings.n),
  };
}

/** The paragraph for the 推荐表: only what the worker did, in the order the forms list it. */
export function deedsText(name: string, year: number, c: DeedCounts): string {
  const parts: string[] = [];
  if (c.reports > 0) {
    parts.push(`上报信息 ${c.reports} 条${c.importantReports > 0 ? `（其中重要信息 ${c.importantReports} 条）` : ''}`);
  }
  if (c.disputes > 0 || c.disputesSettled > 0) {
    parts.push(`排查矛盾纠纷 ${c.disputes} 起，调解成功 ${c.disputesSettled} 起`);
  }
  if (c.services > 0) parts.push(`开展便民服务 ${c.services} 次`);
  if (c.visits > 0) parts.push(`入户走访 ${c.visits} 次`);
  if (c.trainings > 0) parts.push(`参加培训例会 ${c.trainings} 次`);
  if (parts.length === 0) return `${year}年度暂无${name}同志登记的工作记录。`;
  return `${year}年度，${name}同志认真履行网格员职责，${parts.join('；')}。`;
}
