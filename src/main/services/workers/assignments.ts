/**
 * Who holds which grid: appointing (never silently replacing the current holder), ending an
 * assignment, and putting workers out of post. A grid has one current holder per role.
 */
import { todayIso } from '../../../shared/dates';
import type { AssignmentView, HolderInfo, Role, WorkerCardScope, WorkerDetail } from '../../../shared/people';
import type { HandlerArgs } from '../../../shared/api';
import { AppError, fieldError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx, WorkerRow } from '../../db/schema';
import { gridPath, subtreeIdList } from '../grids/queries';
import { endAssignmentsOn, insertAssignments } from './rows';
import { assignmentViews, findWorker, getWorker, heldAs, now, otherCurrent, setStatus } from './views';

/** The current holders of a grid in a role (normally one), with what the modal names. */
async function holdersOf(db: DbOrTrx, gridId: number, role: Role): Promise<AssignmentView[]> {
  const current = await assignmentViews(db, { gridIds: [gridId], currentOnly: true });
  return current.filter((a) => a.role === role);
}

/** Who holds the grid in the role now (null when vacant): named before anyone replaces them. */
export async function currentHolder(db: DbOrTrx, input: HandlerArgs<'assignments/holder'>): Promise<HolderInfo | null> {
  const [holder] = await holdersOf(db, input.gridId, input.role);
  if (!holder) return null;
  return {
    assignmentId: holder.id,
    workerId: holder.workerId,
    workerName: holder.workerName,
    startDate: holder.startDate,
    gridLabel: holder.gridLabel,
    otherGrids: (await otherCurrent(db, holder.workerId, holder.id)).map(heldAs),
  };
}

/**
 * An occupied grid is replaced only when the input names its holder as the clerk saw them:
 * a screen opened before someone else took the grid must not replace that someone.
 */
function assertReplacing(
  holders: AssignmentView[],
  input: HandlerArgs<'assignments/create'>,
  worker: WorkerRow,
  label: string,
): void {
  if (holders.length === 0) return;
  const first = holders[0]!;
  const names = holders.map((h) => `“${h.workerName}”`).join('、');
  const since = first.startDate ? `（自 ${first.startDate} 起）` : '';
  const held = `“${label}”现由${names}担任${input.role}${since}`;
  if (!input.replace) {
    throw new AppError('CONFLICT', `${held}。要改由“${worker.name}”担任，请先确认替换。`);
  }
  if (!holders.some((h) => h.workerId === input.replace!.holderId)) {
    throw new AppError('CONFLICT', `${held}，与页面上确认替换的人不符：信息已过期，请关闭后重新打开再确认。`);
  }
  for (const h of holders) {
    if (h.startDate && input.startDate && input.startDate < h.startDate) {
      throw fieldError('startDate', `任职日期不能早于“${h.workerName}”的任职日期 ${h.startDate}`);
    }
  }
}

export interface Appointed {
  worker: WorkerDetail;
  label: string;
  /** Holders whose assignment ended; `left`: they had no grid left and left (离任). */
  replaced: { name: string; left: boolean }[];
}

/**
 * Starts an assignment. The grid's current holder of that role is replaced only as the input
 * says (see assertReplacing): their assignment ends on the new start date, and when it was their
 * last grid they stay 在岗 (shown 待安排) or leave, as the clerk chose. A worker who had left
 * is in post again.
 */
export async function assignWorker(db: DbOrTrx, input: HandlerArgs<'assignments/create'>): Promise<Appointed> {
  return inTransaction(db, async (trx) => {
    const worker = await findWorker(trx, input.workerId);
    const grid = await trx.selectFrom('grids').select('id').where('id', '=', input.gridId).executeTakeFirst();
    if (!grid) throw fieldError('gridId', '所选网格不存在，可能已被删除');
    const { label } = await gridPath(trx, grid.id);
    const start = input.startDate ?? todayIso();
    const holders = await holdersOf(trx, grid.id, input.role);
    if (holders.some((a) => a.workerId === worker.id)) {
      throw fieldError('gridId', `“${worker.name}”已经是“${label}”的${input.role}`, 'CONFLICT');
    }
    assertReplacing(holders, { ...input, startDate: start }, worker, label);
    const ts = now();
    await endAssignmentsOn(
      trx,
      holders.map((a) => ({ id: a.id, endDate: start })),
      ts,
    );
    await insertAssignments(
      trx,
      [{ workerId: worker.id, gridId: grid.id, role: input.role, title: input.title, startDate: start }],
      ts,
    );
    if (worker.status === '离任') await setStatus(trx, [worker.id], '在岗', ts);
    const replaced = [];
    for (const h of holders) {
      const left = input.replace?.holderAfter === '离任' && (await otherCurrent(trx, h.workerId, null)).length === 0;
      if (left) await setStatus(trx, [h.workerId], '离任', ts);
      replaced.push({ name: h.workerName, left });
    }
    return { worker: await getWorker(trx, worker.id), label, replaced };
  });
}

/**
 * Ends an assignment; the history is kept. When it was the worker's last grid they stay in post
 * (待安排) or leave (离任), as the clerk chose; leaving while other grids remain is refused.
 */
export async function endAssignment(db: DbOrTrx, input: HandlerArgs<'assignments/end'>): Promise<WorkerDetail> {
  return inTransaction(db, async (trx) => {
    const a = await trx.selectFrom('assignments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND', '找不到该任职记录，可能已被删除。');
    if (a.end_date !== null) throw new AppError('CONFLICT', `该任职已于 ${a.end_date} 结束。`);
    const end = input.endDate ?? todayIso();
    if (a.start_date && end < a.start_date) {
      throw fieldError('endDate', `结束日期不能早于任职日期 ${a.start_date}`);
    }
    const ts = now();
    if (input.after === '离任') {
      const worker = await findWorker(trx, a.worker_id);
      const others = await otherCurrent(trx, a.worker_id, a.id);
      if (others.length > 0) {
        throw new AppError(
          'CONFLICT',
          `“${worker.name}”还担任 ${others.map(heldAs).join('、')}，不能设为离任；请先结束那里的任职。`,
        );
      }
      await setStatus(trx, [a.worker_id], '离任', ts);
    }
    await endAssignmentsOn(trx, [{ id: a.id, endDate: end }], ts);
    return getWorker(trx, a.worker_id);
  });
}

/** A grid's current holders and its past ones. */
export async function gridAssignments(db: DbOrTrx, gridId: number): Promise<AssignmentView[]> {
  return assignmentViews(db, { gridIds: [gridId] });
}

async function workersIn(db: DbOrTrx, ids: number[]): Promise<WorkerRow[]> {
  const rows = await db.selectFrom('workers').selectAll().where('id', 'in', ids).orderBy('id').execute();
  if (rows.length !== new Set(ids).size) throw new AppError('NOT_FOUND', '部分网格员已不存在，请刷新后重试。');
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Puts workers out of post (离任) in one write: every current assignment of theirs ends on the
 * date (history kept). Refused, nothing changed, when the date precedes one of their starts.
 */
export async function leaveWorkers(
  db: DbOrTrx,
  input: HandlerArgs<'workers/leave'>,
): Promise<{ workers: number; ended: number; names: string[]; endDate: string }> {
  return inTransaction(db, async (trx) => {
    const workers = await workersIn(trx, input.ids);
    const end = input.endDate ?? todayIso();
    const current = await assignmentViews(trx, { workerIds: input.ids, currentOnly: true });
    const early = current.filter((a) => a.startDate !== null && end < a.startDate);
    if (early.length > 0) {
      const list = early.map((a) => `${a.workerName} 在 ${a.gridLabel} 自 ${a.startDate} 起任职`).join('；');
      throw fieldError('endDate', `离任日期不能早于任职日期：${list}`);
    }
    const ts = now();
    await endAssignmentsOn(
      trx,
      current.map((a) => ({ id: a.id, endDate: end })),
      ts,
    );
    await setStatus(trx, input.ids, '离任', ts);
    return { workers: workers.length, ended: current.length, names: workers.map((w) => w.name), endDate: end };
  });
}

/** The households on the selected workers' current grids (and below), for their contact cards. */
export async function cardScope(db: DbOrTrx, ids: number[]): Promise<WorkerCardScope> {
  const workers = await workersIn(db, ids);
  const current = await assignmentViews(db, { workerIds: ids, currentOnly: true });
  const grids = [...new Map(current.map((a) => [a.gridId, a])).values()].sort((a, b) =>
    a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : 0,
  );
  const gridIds = new Set<number>();
  for (const g of grids) for (const id of await subtreeIdList(db, g.gridId)) gridIds.add(id);
  const all = [...gridIds];
  const householdIds: number[] = [];
  for (let i = 0; i < all.length; i += 500) {
    const rows = await db
      .selectFrom('households')
      .select('id')
      .where('grid_id', 'in', all.slice(i, i + 500))
      .execute();
    householdIds.push(...rows.map((r) => r.id));
  }
  const holding = new Set(current.map((a) => a.workerId));
  return {
    gridId: grids[0]?.gridId ?? null,
    householdIds: householdIds.sort((a, b) => a - b),
    grids: grids.map((g) => g.gridLabel),
    withoutGrid: workers.filter((w) => !holding.has(w.id)).map((w) => w.name),
  };
}
