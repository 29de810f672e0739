/** 集体收入切块 and 公益岗位: what the clerk sets up before a period is computed. */
import type { z } from 'zod';
import { formatYuan } from '../../../shared/money';
import {
  SPLIT_LABELS,
  type PostView,
  type ShareView,
  type postSaveSchema,
  type shareSaveSchema,
} from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import { AppError, fieldError } from '../../errors';
import type { AuditRecorder } from '../audit/audit';

type ShareRow = {
  id: number;
  village_id: number;
  village_name: string;
  period_start: string;
  period_end: string;
  amount_fen: number;
  split: string;
  manual: string;
  notes: string;
};

function shareView(r: ShareRow): ShareView {
  return {
    id: r.id,
    villageId: r.village_id,
    villageName: r.village_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    amountFen: r.amount_fen,
    split: r.split as ShareView['split'],
    manual: JSON.parse(r.manual) as Record<string, number>,
    notes: r.notes,
  };
}

function sharesQuery(db: DbOrTrx) {
  return db
    .selectFrom('collective_shares as s')
    .innerJoin('grids as g', 'g.id', 's.village_id')
    .select([
      's.id',
      's.village_id',
      'g.name as village_name',
      's.period_start',
      's.period_end',
      's.amount_fen',
      's.split',
      's.manual',
      's.notes',
    ]);
}

/** Shares whose period ends in `year` (all without one), by period then village. */
export async function listShares(db: DbOrTrx, year: number | null): Promise<ShareView[]> {
  let q = sharesQuery(db);
  if (year !== null) q = q.where('s.period_end', '>=', `${year}-01-01`).where('s.period_end', '<=', `${year}-12-31`);
  return (await q.orderBy('s.period_end').orderBy('g.code').execute()).map(shareView);
}

async function checkShare(db: DbOrTrx, input: z.output<typeof shareSaveSchema>): Promise<string> {
  if (input.periodStart > input.periodEnd) throw fieldError('periodEnd', '截止日期不能早于起始日期');
  const village = await db
    .selectFrom('grids')
    .select(['name', 'level'])
    .where('id', '=', input.villageId)
    .executeTakeFirst();
  if (!village || village.level !== 2) throw fieldError('villageId', '请选择一个村（社区）');
  if (input.split !== 'manual') return village.name;
  const ids = Object.keys(input.manual).map(Number);
  const known = ids.length ? await db.selectFrom('workers').select('id').where('id', 'in', ids).execute() : [];
  if (known.length !== ids.length) throw fieldError('manual', '手工分配中有不存在的网格员');
  const sum = Object.values(input.manual).reduce((a, b) => a + b, 0);
  if (sum !== input.amountFen) {
    throw fieldError(
      'manual',
      `手工分配合计 ${formatYuan(sum)} 元，与切块金额 ${formatYuan(input.amountFen)} 元不符，请核对`,
    );
  }
  return village.name;
}

export async function saveShare(
  db: DbOrTrx,
  input: z.output<typeof shareSaveSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<ShareView> {
  const villageName = await checkShare(db, input);
  const values = {
    village_id: input.villageId,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    amount_fen: input.amountFen,
    split: input.split,
    manual: JSON.stringify(input.split === 'manual' ? input.manual : {}),
    notes: input.notes,
    updated_at: now,
  };
  let id = input.id;
  if (id === null) {
    id = (
      await db
        .insertInto('collective_shares')
        .values({ ...values, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    const r = await db.updateTable('collective_shares').set(values).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', '该集体收入切块不存在或已被删除');
  }
  audit.record({
    entity: '集体收入切块',
    entityId: id,
    summary: `${villageName} ${input.periodStart} 至 ${input.periodEnd}：${formatYuan(input.amountFen)} 元，${SPLIT_LABELS[input.split]}`,
  });
  return shareView((await sharesQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow()) as ShareRow);
}

export async function deleteShare(db: DbOrTrx, id: number, audit: AuditRecorder): Promise<{ deleted: number }> {
  const row = await sharesQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该集体收入切块不存在或已被删除');
  await db.deleteFrom('collective_shares').where('id', '=', id).execute();
  audit.record({
    entity: '集体收入切块',
    entityId: id,
    summary: `删除 ${row.village_name} ${row.period_start} 至 ${row.period_end} 的切块 ${formatYuan(row.amount_fen)} 元`,
  });
  return { deleted: 1 };
}

function postsQuery(db: DbOrTrx) {
  return db
    .selectFrom('welfare_posts as p')
    .innerJoin('workers as w', 'w.id', 'p.worker_id')
    .select(['p.id', 'p.worker_id', 'w.name', 'p.post', 'p.start_date', 'p.end_date', 'p.notes']);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postsQuery>['executeTakeFirstOrThrow']>>;

const postView = (r: PostRow): PostView => ({
  id: r.id,
  workerId: r.worker_id,
  workerName: r.name,
  post: r.post,
  startDate: r.start_date,
  endDate: r.end_date,
  notes: r.notes,
});

export async function listPosts(db: DbOrTrx, workerId: number | null): Promise<PostView[]> {
  let q = postsQuery(db);
  if (workerId !== null) q = q.where('p.worker_id', '=', workerId);
  return (await q.orderBy('p.start_date').orderBy('p.id').execute()).map(postView);
}

export async function savePost(
  db: DbOrTrx,
  input: z.output<typeof postSaveSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<PostView> {
  if (input.endDate !== null && input.endDate < input.startDate)
    throw fieldError('endDate', '离岗日期不能早于上岗日期');
  const worker = await db.selectFrom('workers').select('name').where('id', '=', input.workerId).executeTakeFirst();
  if (!worker) throw fieldError('workerId', '该网格员不存在或已被删除');
  const values = {
    worker_id: input.workerId,
    post: input.post,
    start_date: input.startDate,
    end_date: input.endDate,
    notes: input.notes,
    updated_at: now,
  };
  let id = input.id;
  if (id === null) {
    id = (
      await db
        .insertInto('welfare_posts')
        .values({ ...values, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    const r = await db.updateTable('welfare_posts').set(values).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', '该公益岗位不存在或已被删除');
  }
  audit.record({
    entity: '公益岗位',
    entityId: id,
    summary: `${worker.name} ${input.post}：${input.startDate} 至 ${input.endDate ?? '今'}`,
  });
  return postView(await postsQuery(db).where('p.id', '=', id).executeTakeFirstOrThrow());
}

export async function deletePost(db: DbOrTrx, id: number, audit: AuditRecorder): Promise<{ deleted: number }> {
  const row = await postsQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该公益岗位不存在或已被删除');
  await db.deleteFrom('welfare_posts').where('id', '=', id).execute();
  audit.record({ entity: '公益岗位', entityId: id, summary: `删除 ${row.name} 的${row.post}（${row.start_date} 起）` });
  return { deleted: 1 };
}
