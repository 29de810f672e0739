/**
 * The read side of workers: finding one, their tags, their assignments as screens show them
 * (each grid named by its path label, village down), and the worker's details. The write
 * services (workers.ts, assignments.ts, deletion.ts) answer with these.
 */
import {
  workerState,
  type AssignmentView,
  type Gender,
  type Role,
  type WorkerDetail,
  type WorkerStatus,
} from '../../../shared/people';
import { AppError } from '../../errors';
import type { DbOrTrx, WorkerRow } from '../../db/schema';
import { gridPaths } from '../grids/queries';
import { currentOn } from './queries';

export function now(): string {
  return new Date().toISOString();
}

export async function findWorker(db: DbOrTrx, id: number): Promise<WorkerRow> {
  const row = await db.selectFrom('workers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的网格员，可能已被删除。`);
  return row;
}

export async function tagsOf(db: DbOrTrx, workerIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < workerIds.length; i += 500) {
    const rows = await db
      .selectFrom('worker_tags')
      .select(['worker_id', 'tag'])
      .where('worker_id', 'in', workerIds.slice(i, i + 500))
      .orderBy('tag')
      .execute();
    for (const r of rows) {
      const list = out.get(r.worker_id);
      if (list) list.push(r.tag);
      else out.set(r.worker_id, [r.tag]);
    }
  }
  return out;
}

function assignmentRows(db: DbOrTrx, column: 'a.worker_id' | 'a.grid_id', ids: number[], currentOnly: boolean) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .select([
      'a.id',
      'a.worker_id',
      'w.name as worker_name',
      'a.grid_id',
      'g.name as grid_name',
      'g.code as grid_code',
      'g.level',
      'a.role',
      'a.title',
      'a.start_date',
      'a.end_date',
    ])
    .where(column, 'in', ids);
  if (currentOnly) q = q.where(currentOn());
  return (
    q
      // Current first, then past ones, most recently ended first.
      .orderBy((eb) => eb.case().when(currentOn()).then(0).else(1).end())
      .orderBy('a.end_date', 'desc')
      .orderBy('g.code')
      .orderBy('a.id')
      .execute()
  );
}

/** Assignments of some workers or of some grids, current first, each grid named by its label. */
export async function assignmentViews(
  db: DbOrTrx,
  filter: { workerIds?: number[]; gridIds?: number[]; currentOnly?: boolean },
): Promise<AssignmentView[]> {
  const ids = filter.workerIds ?? filter.gridIds ?? [];
  const column = filter.workerIds ? 'a.worker_id' : 'a.grid_id';
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await assignmentRows(db, column, ids.slice(i, i + 500), filter.currentOnly ?? false)));
  }
  const paths = await gridPaths(db, [...new Set(rows.map((r) => r.grid_id))]);
  return rows.map((r) => ({
    id: r.id,
    workerId: r.worker_id,
    workerName: r.worker_name,
    gridId: r.grid_id,
    gridName: r.grid_name,
    gridLabel: paths.get(r.grid_id)?.label ?? r.grid_name,
    gridCode: r.grid_code,
    level: r.level,
    role: r.role as Role,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

/** 许坪村 / 一组（网格长）: a current assignment as messages name it. */
export function heldAs(a: Pick<AssignmentView, 'gridLabel' | 'role'>): string {
  return `${a.gridLabel}（${a.role}）`;
}

export async function getWorker(db: DbOrTrx, id: number): Promise<WorkerDetail> {
  const row = await findWorker(db, id);
  const tags = (await tagsOf(db, [id])).get(id) ?? [];
  const assignments = await assignmentViews(db, { workerIds: [id] });
  const status = row.status as WorkerStatus;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Gender,
    idNumber: row.id_number,
    birthDate: row.birth_date,
    phone: row.phone,
    politicalStatus: row.political_status,
    education: row.education,
    tags,
    status,
    state: workerState(
      status,
      assignments.some((a) => a.endDate === null),
    ),
    notes: row.notes,
    bankAccount: row.bank_account,
    assignments,
  };
}

/** The worker's current assignments, except one (the one being ended). */
export async function otherCurrent(db: DbOrTrx, workerId: number, exceptId: number | null): Promise<AssignmentView[]> {
  const current = await assignmentViews(db, { workerIds: [workerId], currentOnly: true });
  return current.filter((a) => a.id !== exceptId);
}

export async function setStatus(db: DbOrTrx, ids: number[], status: WorkerStatus, ts: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('workers')
      .set({ status, updated_at: ts })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}
