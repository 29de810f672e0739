/**
 * 补贴发放批次: a period computed and stored line by line with its evidence, reviewed and adjusted
 * with a reason while a draft (草稿), then locked (已审定) and marked paid (已发放).
 */
import type { z } from 'zod';
import { formatYuan } from '../../../shared/money';
import {
  MECHANISM_LABELS,
  type BatchSummary,
  type BatchView,
  type Evidence,
  type Mechanism,
  type PayoutLine,
  type YearTotals,
  type batchCreateSchema,
} from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import type { AuditRecorder } from '../audit/audit';
import { computePeriod, totalsOf } from './compute';

const DRAFT = '草稿';
const APPROVED = '已审定';
const PAID = '已发放';

/** What payout_lines.evidence holds: the grids shown on the line and the facts behind it. */
interface StoredEvidence {
  grids: string[];
  items: Evidence[];
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchQuery>['executeTakeFirstOrThrow']>>;

function batchQuery(db: DbOrTrx) {
  return db
    .selectFrom('payout_batches as b')
    .leftJoin('grids as g', 'g.id', 'b.grid_id')
    .select([
      'b.id',
      'b.title',
      'b.period_start',
      'b.period_end',
      'b.grid_id',
      'g.name as grid_name',
      'b.status',
      'b.computed_at',
      'b.approved_at',
      'b.approved_by',
      'b.paid_at',
      (eb) =>
        eb
          .selectFrom('payout_lines as l')
          .select((e) => e.fn.count<number>(e.fn('distinct', ['l.worker_id'])).as('n'))
          .whereRef('l.batch_id', '=', 'b.id')
          .as('workers'),
      (eb) =>
        eb
          .selectFrom('payout_lines as l')
          .select((e) =>
            e.fn.coalesce(e.fn.sum<number>(e('l.computed_fen', '+', e.ref('l.adjust_fen'))), e.lit(0)).as('t'),
          )
          .whereRef('l.batch_id', '=', 'b.id')
          .as('total'),
    ]);
}

function summary(r: BatchRow): BatchSummary {
  return {
    id: r.id,
    title: r.title,
    from: r.period_start,
    to: r.period_end,
    gridId: r.grid_id,
    gridName: r.grid_name,
    status: r.status as BatchSummary['status'],
    workers: Number(r.workers ?? 0),
    totalFen: Number(r.total ?? 0),
    computedAt: r.computed_at,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    paidAt: r.paid_at,
  };
}

export async function listBatches(db: DbOrTrx): Promise<BatchSummary[]> {
  return (await batchQuery(db).orderBy('b.period_end', 'desc').orderBy('b.id', 'desc').execute()).map(summary);
}

async function findBatch(db: DbOrTrx, id: number): Promise<BatchRow> {
  const r = await batchQuery(db).where('b.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '该补贴发放批次不存在或已被删除');
  return r;
}

export async function batchLines(db: DbOrTrx, batchId: number): Promise<PayoutLine[]> {
  const rows = await db
    .selectFrom('payout_lines as l')
    .innerJoin('workers as w', 'w.id', 'l.worker_id')
    .leftJoin('grids as v', 'v.id', 'l.village_id')
    .select([
      'l.id',
      'l.worker_id',
      'w.name',
      'l.village_id',
      'v.name as village',
      'l.mechanism',
      'l.count',
      'l.computed_fen',
      'l.adjust_fen',
      'l.adjust_reason',
      'l.evidence',
    ])
    .where('l.batch_id', '=', batchId)
    // Stored in the computation's order (village, worker, mechanism).
    .orderBy('l.id')
    .execute();
  return rows.map((r) => {
    const ev = JSON.parse(r.evidence) as StoredEvidence;
    return {
      id: r.id,
      workerId: r.worker_id,
      worker: r.name,
      villageId: r.village_id,
      village: r.village ?? '',
      grids: ev.grids,
      mechanism: r.mechanism as Mechanism,
      count: r.count,
      computedFen: r.computed_fen,
      adjustFen: r.adjust_fen,
      adjustReason: r.adjust_reason,
      amountFen: r.computed_fen + r.adjust_fen,
      evidence: ev.items,
    };
  });
}

export async function getBatch(db: DbOrTrx, id: number): Promise<BatchView> {
  const base = summary(await findBatch(db, id));
  const lines = await batchLines(db, id);
  // By id: villages of two townships may share a name.
  const byVillage = new Map<number | null, BatchView['byVillage'][number]>();
  const byWorker = new Map<number, BatchView['byWorker'][number]>();
  for (const l of lines) {
    const v = byVillage.get(l.villageId) ?? { villageId: l.villageId, village: l.village, totalFen: 0 };
    v.totalFen += l.amountFen;
    byVillage.set(l.villageId, v);
    const w = byWorker.get(l.workerId) ?? { workerId: l.workerId, worker: l.worker, village: l.village, totalFen: 0 };
    w.totalFen += l.amountFen;
    byWorker.set(l.workerId, w);
  }
  return {
    ...base,
    lines,
    byMechanism: totalsOf(lines).byMechanism,
    byVillage: [...byVillage.values()],
    byWorker: [...byWorker.values()],
  };
}

async function insertLines(db: DbOrTrx, batchId: number, lines: PayoutLine[]): Promise<void> {
  const rows = lines.map((l) => ({
    batch_id: batchId,
    worker_id: l.workerId,
    village_id: l.villageId,
    mechanism: l.mechanism,
    count: l.count,
    computed_fen: l.computedFen,
    adjust_fen: l.adjustFen,
    adjust_reason: l.adjustReason,
    evidence: JSON.stringify({ grids: l.grids, items: l.evidence } satisfies StoredEvidence),
  }));
  // SQLite's bound-parameter limit: 9 columns × 100 rows stays far below it.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('payout_lines')
      .values(rows.slice(i, i + 100))
      .execute();
}

const periodText = (from: string, to: string) => `${from} 至 ${to}`;

export async function createBatch(
  db: DbOrTrx,
  input: z.output<typeof batchCreateSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<BatchView> {
  const c = await computePeriod(db, input);
  const { id } = await db
    .insertInto('payout_batches')
    .values({
      title: input.title,
      period_start: input.from,
      period_end: input.to,
      grid_id: input.gridId,
      status: DRAFT,
      computed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(db, id, c.lines);
  const view = await getBatch(db, id);
  audit.record({
    entity: '补贴发放批次',
    entityId: id,
    summary: `“${input.title}”（${periodText(input.from, input.to)}）：${view.workers} 人，${c.lines.length} 行，合计 ${formatYuan(view.totalFen)} 元`,
    counts: { 人数: view.workers, 行数: c.lines.length },
  });
  return view;
}

async function draft(db: DbOrTrx, id: number, doing: string): Promise<BatchRow> {
  const b = await findBatch(db, id);
  if (b.status !== DRAFT)
    throw new AppError('CONFLICT', `批次“${b.title}”已${b.status === PAID ? '发放' : '审定'}，不能${doing}`);
  return b;
}

const lineKey = (l: { workerId: number; mechanism: string }) => `${l.workerId}|${l.mechanism}`;
const who = (l: PayoutLine) => `${l.worker} ${MECHANISM_LABELS[l.mechanism]}`;

/** Carries the old lines' adjustments onto the new lines of the same worker and mechanism. */
function carryAdjustments(old: PayoutLine[], fresh: PayoutLine[], notes: string[]): PayoutLine[] {
  const byKey = new Map(fresh.map((l) => [lineKey(l), l]));
  for (const o of old) {
    if (o.adjustFen === 0 && !o.adjustReason) continue;
    let n = byKey.get(lineKey(o));
    if (!n) {
      // The records behind it are gone, the adjustment is not: keep it on an empty line.
      n = { ...o, id: null, count: 0, computedFen: 0, amountFen: 0, evidence: [] };
      fresh.push(n);
      byKey.set(lineKey(n), n);
    }
    if (n.computedFen + o.adjustFen < 0) {
      notes.push(`${who(o)} 的调整 ${formatYuan(o.adjustFen)} 元会使金额为负，已取消`);
      continue;
    }
    n.adjustFen = o.adjustFen;
    n.adjustReason = o.adjustReason;
    n.amountFen = n.computedFen + n.adjustFen;
  }
  return fresh;
}

/** What changed between two computations of a batch, line by line (at most 10 named). */
function describeRecompute(old: PayoutLine[], fresh: PayoutLine[]): string[] {
  const before = new Map(old.map((l) => [lineKey(l), l]));
  const after = new Map(fresh.map((l) => [lineKey(l), l]));
  const changes: string[] = [];
  for (const n of fresh) {
    const o = before.get(lineKey(n));
    if (!o) changes.push(`新增 ${who(n)} ${formatYuan(n.amountFen)} 元`);
    else if (o.amountFen !== n.amountFen)
      changes.push(`${who(n)} ${formatYuan(o.amountFen)} → ${formatYuan(n.amountFen)} 元`);
  }
  for (const o of old) if (!after.has(lineKey(o))) changes.push(`删去 ${who(o)} ${formatYuan(o.amountFen)} 元`);
  return changes.length > 10 ? [...changes.slice(0, 10), `等 ${changes.length} 处`] : changes;
}

export async function recomputeBatch(
  db: DbOrTrx,
  id: number,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<BatchView> {
  const b = await draft(db, id, '重新计算');
  const old = await batchLines(db, id);
  const c = await computePeriod(db, { from: b.period_start, to: b.period_end, gridId: b.grid_id });
  const notes: string[] = [];
  const fresh = carryAdjustments(old, c.lines, notes);
  await db.deleteFrom('payout_lines').where('batch_id', '=', id).execute();
  await insertLines(db, id, fresh);
  await db.updateTable('payout_batches').set({ computed_at: now, updated_at: now }).where('id', '=', id).execute();
  const changes = describeRecompute(old, fresh);
  const total = (ls: PayoutLine[]) => formatYuan(ls.reduce((a, l) => a + l.amountFen, 0));
  audit.record({
    entity: '补贴发放批次',
    entityId: id,
    summary: `“${b.title}”（${periodText(b.period_start, b.period_end)}）重新计算：合计 ${total(old)} → ${total(fresh)} 元；${changes.length ? changes.join('；') : '无变化'}${notes.length ? `；${notes.join('；')}` : ''}`,
  });
  return getBatch(db, id);
}

export async function adjustLine(
  db: DbOrTrx,
  input: { lineId: number; adjustFen: number; reason: string },
  audit: AuditRecorder,
): Promise<PayoutLine> {
  const row = await db
    .selectFrom('payout_lines')
    .select(['batch_id'])
    .where('id', '=', input.lineId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该补贴明细不存在或已被删除');
  const b = await draft(db, row.batch_id, '调整金额');
  const line = (await batchLines(db, row.batch_id)).find((l) => l.id === input.lineId)!;
  const after = line.computedFen + input.adjustFen;
  if (after < 0) {
    throw new AppError(
      'VALIDATION',
      `${who(line)}：调整后金额为 ${formatYuan(after)} 元，不能小于 0（计算金额 ${formatYuan(line.computedFen)} 元）`,
      { adjustFen: '调整后金额不能小于 0' },
    );
  }
  await db
    .updateTable('payout_lines')
    .set({ adjust_fen: input.adjustFen, adjust_reason: input.reason })
    .where('id', '=', input.lineId)
    .execute();
  audit.record({
    entity: '补贴发放批次',
    entityId: b.id,
    summary: `“${b.title}”（${periodText(b.period_start, b.period_end)}）${who(line)}：${formatYuan(line.amountFen)} → ${formatYuan(after)} 元，理由：${input.reason}`,
  });
  return { ...line, adjustFen: input.adjustFen, adjustReason: input.reason, amountFen: after };
}

export async function approveBatch(
  db: DbOrTrx,
  input: { id: number; approvedBy: string },
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<BatchView> {
  const b = await draft(db, input.id, '再次审定');
  await db
    .updateTable('payout_batches')
    .set({ status: APPROVED, approved_by: input.approvedBy, approved_at: now, updated_at: now })
    .where('id', '=', input.id)
    .execute();
  audit.record({
    entity: '补贴发放批次',
    entityId: b.id,
    summary: `“${b.title}”（${periodText(b.period_start, b.period_end)}）审定：合计 ${formatYuan(Number(b.total ?? 0))} 元，审核人 ${input.approvedBy}`,
  });
  return getBatch(db, input.id);
}

export async function markPaid(
  db: DbOrTrx,
  input: { id: number; paidAt: string },
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<BatchView> {
  const b = await findBatch(db, input.id);
  if (b.status !== APPROVED) {
    throw new AppError(
      'CONFLICT',
      b.status === PAID ? `批次“${b.title}”已于 ${b.paid_at} 标记发放` : `批次“${b.title}”尚未审定，审定后才能标记发放`,
    );
  }
  await db
    .updateTable('payout_batches')
    .set({ status: PAID, paid_at: input.paidAt, updated_at: now })
    .where('id', '=', input.id)
    .execute();
  audit.record({
    entity: '补贴发放批次',
    entityId: b.id,
    summary: `“${b.title}”（${periodText(b.period_start, b.period_end)}）于 ${input.paidAt} 发放：合计 ${formatYuan(Number(b.total ?? 0))} 元`,
  });
  return getBatch(db, input.id);
}

export async function deleteBatch(db: DbOrTrx, id: number, audit: AuditRecorder): Promise<{ deleted: number }> {
  const b = await draft(db, id, '删除');
  await db.deleteFrom('payout_lines').where('batch_id', '=', id).execute();
  await db.deleteFrom('payout_batches').where('id', '=', id).execute();
  audit.record({
    entity: '补贴发放批次',
    entityId: id,
    summary: `删除草稿“${b.title}”（${periodText(b.period_start, b.period_end)}），合计 ${formatYuan(Number(b.total ?? 0))} 元`,
  });
  return { deleted: 1 };
}

/**
 * A year's payouts: lines of approved and paid batches whose period ends in that year. Batches
 * are the clerk's to keep apart (a village batch and a township batch of one period both count).
 */
export async function yearTotals(db: DbOrTrx, year: number): Promise<YearTotals> {
  const ids = (
    await db
      .selectFrom('payout_batches')
      .select('id')
      .where('status', 'in', [APPROVED, PAID])
      .where('period_end', '>=', `${year}-01-01`)
      .where('period_end', '<=', `${year}-12-31`)
      .orderBy('period_end')
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  const lines: PayoutLine[] = [];
  for (const id of ids) lines.push(...(await batchLines(db, id)));
  const byVillage = new Map<number | null, YearTotals['byVillage'][number]>();
  const byWorker = new Map<number, YearTotals['byWorker'][number]>();
  for (const l of lines) {
    const v = byVillage.get(l.villageId) ?? { villageId: l.villageId, village: l.village, totalFen: 0 };
    v.totalFen += l.amountFen;
    byVillage.set(l.villageId, v);
    const w = byWorker.get(l.workerId) ?? { workerId: l.workerId, worker: l.worker, village: l.village, totalFen: 0 };
    w.totalFen += l.amountFen;
    byWorker.set(l.workerId, w);
  }
  return {
    year,
    ...totalsOf(lines),
    byVillage: [...byVillage.values()],
    byWorker: [...byWorker.values()],
  };
}
