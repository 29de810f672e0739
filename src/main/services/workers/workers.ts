import { maskId } from '../../../shared/idcard';
import { todayIso } from '../../../shared/dates';
import {
  type AssignmentView,
  type Role,
  type WorkerDetail,
  type WorkerFields,
  type WorkerStatus,
  type WorkerSummary,
  type Gender,
} from '../../../shared/people';
import type { HandlerArgs } from '../../../shared/api';
import { AppError, fieldError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx, WorkerRow } from '../../db/schema';
import { subtreeOf } from '../grids/queries';
import { checkImage, dataUrl } from '../images/images';
import { currentOn } from './queries';
import { endAssignmentsOn, insertAssignments, newWorkerRow, setWorkerTags, workerValues } from './rows';

function now(): string {
  return new Date().toISOString();
}

async function findWorker(db: DbOrTrx, id: number): Promise<WorkerRow> {
  const row = await db.selectFrom('workers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的网格员，可能已被删除。`);
  return row;
}

async function assertIdFree(db: DbOrTrx, idNumber: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('workers').select(['id', 'name']).where('id_number', '=', idNumber);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    throw fieldError('idNumber', `该身份证号已登记为网格员“${other.name}”，同一人只登记一次`, 'CONFLICT');
  }
}

export async function createWorker(db: DbOrTrx, input: WorkerFields): Promise<WorkerDetail> {
  return inTransaction(db, async (trx) => {
    await assertIdFree(trx, input.idNumber);
    const ts = now();
    const { id } = await trx
      .insertInto('workers')
      .values(newWorkerRow(input, ts))
      .returning('id')
      .executeTakeFirstOrThrow();
    await setWorkerTags(trx, id, input.tags);
    return getWorker(trx, id);
  });
}

export async function updateWorker(db: DbOrTrx, input: HandlerArgs<'workers/update'>): Promise<WorkerDetail> {
  return inTransaction(db, async (trx) => {
    await findWorker(trx, input.id);
    await assertIdFree(trx, input.idNumber, input.id);
    await trx
      .updateTable('workers')
      .set({ ...workerValues(input), updated_at: now() })
      .where('id', '=', input.id)
      .execute();
    await setWorkerTags(trx, input.id, input.tags);
    return getWorker(trx, input.id);
  });
}

async function tagsOf(db: DbOrTrx, workerIds: number[]): Promise<Map<number, string[]>> {
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

async function assignmentViews(
  db: DbOrTrx,
  filter: { workerIds?: number[]; gridIds?: number[]; currentOnly?: boolean },
): Promise<AssignmentView[]> {
  const ids = filter.workerIds ?? filter.gridIds ?? [];
  const out: AssignmentView[] = [];
  for (let i = 0; i < ids.length; i += 500) {
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
      .where(filter.workerIds ? 'a.worker_id' : 'a.grid_id', 'in', ids.slice(i, i + 500));
    if (filter.currentOnly) q = q.where(currentOn());
    const rows = await q
      // Current first, then past ones, most recently ended first.
      .orderBy((eb) => eb.case().when(currentOn()).then(0).else(1).end())
      .orderBy('a.end_date', 'desc')
      .orderBy('g.code')
      .orderBy('a.id')
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        workerId: r.worker_id,
        workerName: r.worker_name,
        gridId: r.grid_id,
        gridName: r.grid_name,
        gridCode: r.grid_code,
        level: r.level,
        role: r.role as Role,
        title: r.title,
        startDate: r.start_date,
        endDate: r.end_date,
      });
    }
  }
  return out;
}

export async function getWorker(db: DbOrTrx, id: number): Promise<WorkerDetail> {
  const row = await findWorker(db, id);
  const tags = (await tagsOf(db, [id])).get(id) ?? [];
  const assignments = await assignmentViews(db, { workerIds: [id] });
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
    status: row.status as WorkerStatus,
    notes: row.notes,
    assignments,
  };
}

export async function listWorkers(
  db: DbOrTrx,
  input: HandlerArgs<'workers/list'>,
): Promise<{ total: number; rows: WorkerSummary[] }> {
  let q = db.selectFrom('workers as w');
  if (input.status) q = q.where('w.status', '=', input.status);
  if (input.politicalStatus) q = q.where('w.political_status', '=', input.politicalStatus);
  if (input.tag) {
    const tag = input.tag;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('worker_tags as t').select('t.tag').whereRef('t.worker_id', '=', 'w.id').where('t.tag', '=', tag),
      ),
    );
  }
  const search = input.search.trim();
  if (search) {
    const like = `%${search.replace(/[%_]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([eb('w.name', 'like', like), eb('w.phone', 'like', like), eb('w.id_number', 'like', like.toUpperCase())]),
    );
  }
  if (input.gridId !== null || input.level !== null) {
    const scope = input.gridId !== null ? subtreeOf(db, input.gridId) : null;
    const level = input.level;
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('assignments as a')
        .innerJoin('grids as g', 'g.id', 'a.grid_id')
        .select('a.id')
        .whereRef('a.worker_id', '=', 'w.id')
        .where(currentOn());
      if (scope) sub = sub.where('a.grid_id', 'in', scope);
      if (level !== null) sub = sub.where('g.level', '=', level);
      return eb.exists(sub);
    });
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const page = await q
    .select([
      'w.id',
      'w.name',
      'w.gender',
      'w.id_number',
      'w.phone',
      'w.political_status',
      'w.status',
      (eb) =>
        eb
          .selectFrom('assignments as a2')
          .innerJoin('grids as g2', 'g2.id', 'a2.grid_id')
          .select((e2) => e2.fn.min('g2.code').as('k'))
          .whereRef('a2.worker_id', '=', 'w.id')
          .where(currentOn(null, 'a2'))
          .as('sort_code'),
    ])
    .orderBy('sort_code')
    .orderBy('w.name')
    .orderBy('w.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const ids = page.map((r) => r.id);
  const tags = await tagsOf(db, ids);
  const current = await assignmentViews(db, { workerIds: ids, currentOnly: true });
  return {
    total: Number(total),
    rows: page.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender as Gender,
      idMasked: maskId(r.id_number),
      phone: r.phone,
      politicalStatus: r.political_status,
      tags: tags.get(r.id) ?? [],
      status: r.status as WorkerStatus,
      grids: current
        .filter((a) => a.workerId === r.id)
        .map((a) => ({
          gridId: a.gridId,
          gridName: a.gridName,
          gridCode: a.gridCode,
          level: a.level,
          role: a.role,
          title: a.title,
        })),
    })),
  };
}

/** Starts an assignment. A grid has one current holder per role: the previous one's ends that day. */
export async function assignWorker(db: DbOrTrx, input: HandlerArgs<'assignments/create'>): Promise<WorkerDetail> {
  return inTransaction(db, async (trx) => {
    const worker = await findWorker(trx, input.workerId);
    const grid = await trx.selectFrom('grids').select(['id', 'name']).where('id', '=', input.gridId).executeTakeFirst();
    if (!grid) throw fieldError('gridId', '所选网格不存在，可能已被删除');
    const start = input.startDate ?? todayIso();
    const current = await trx
      .selectFrom('assignments')
      .selectAll()
      .where('grid_id', '=', grid.id)
      .where('role', '=', input.role)
      .where(currentOn(null, 'assignments'))
      .execute();
    if (current.some((a) => a.worker_id === worker.id)) {
      throw fieldError('gridId', `“${worker.name}”已经是“${grid.name}”的${input.role}`, 'CONFLICT');
    }
    const ts = now();
    await endAssignmentsOn(
      trx,
      current.map((a) => ({ id: a.id, endDate: start })),
      ts,
    );
    await insertAssignments(
      trx,
      [{ workerId: worker.id, gridId: grid.id, role: input.role, title: input.title, startDate: start }],
      ts,
    );
    return getWorker(trx, worker.id);
  });
}

/** Ends an assignment; the history is kept. */
export async function endAssignment(db: DbOrTrx, input: HandlerArgs<'assignments/end'>): Promise<WorkerDetail> {
  return inTransaction(db, async (trx) => {
    const a = await trx.selectFrom('assignments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND', '找不到该任职记录，可能已被删除。');
    if (a.end_date !== null) throw new AppError('CONFLICT', `该任职已于 ${a.end_date} 结束。`);
    const end = input.endDate ?? todayIso();
    if (a.start_date && end < a.start_date) {
      throw fieldError('endDate', `离任日期不能早于任职日期 ${a.start_date}`);
    }
    await trx.updateTable('assignments').set({ end_date: end, updated_at: now() }).where('id', '=', a.id).execute();
    return getWorker(trx, a.worker_id);
  });
}

/** A grid's current holders and its past ones. */
export async function gridAssignments(db: DbOrTrx, gridId: number): Promise<AssignmentView[]> {
  return assignmentViews(db, { gridIds: [gridId] });
}

const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The worker's photo for signboards: a JPEG or PNG up to 2 MB, kept in the database. */
export async function setPhoto(db: DbOrTrx, id: number, bytes: Buffer): Promise<{ photo: string | null }> {
  await findWorker(db, id);
  const photoType = checkImage(bytes, '照片', PHOTO_MAX_BYTES);
  await db
    .updateTable('workers')
    .set({ photo: bytes, photo_type: photoType, updated_at: now() })
    .where('id', '=', id)
    .execute();
  return { photo: dataUrl(photoType, bytes) };
}

export async function clearPhoto(db: DbOrTrx, id: number): Promise<{ photo: string | null }> {
  await findWorker(db, id);
  await db
    .updateTable('workers')
    .set({ photo: null, photo_type: null, updated_at: now() })
    .where('id', '=', id)
    .execute();
  return { photo: null };
}

export async function getPhoto(db: DbOrTrx, id: number): Promise<{ photo: string | null }> {
  const row = await db.selectFrom('workers').select(['photo', 'photo_type']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的网格员，可能已被删除。`);
  return {
    photo:
      row.photo && row.photo_type ? `data:${row.photo_type};base64,${Buffer.from(row.photo).toString('base64')}` : null,
  };
}
