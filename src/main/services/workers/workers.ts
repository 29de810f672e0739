import type { ExpressionBuilder } from 'kysely';
import { maskId } from '../../../shared/idcard';
import { maskAccount } from '../../../shared/subsidies';
import {
  workerState,
  type WorkerDetail,
  type WorkerFields,
  type WorkerState,
  type WorkerStatus,
  type WorkerSummary,
  type Gender,
} from '../../../shared/people';
import type { HandlerArgs } from '../../../shared/api';
import { AppError, fieldError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { Database, DbOrTrx, WorkerRow } from '../../db/schema';
import { subtreeOf } from '../grids/queries';
import { checkImage, dataUrl } from '../images/images';
import { currentOn } from './queries';
import { newWorkerRow, setWorkerTags, workerValues } from './rows';
import { assignmentViews, findWorker, getWorker, heldAs, now, otherCurrent, tagsOf } from './views';

export { getWorker } from './views';

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
    const before = await findWorker(trx, input.id);
    await assertIdFree(trx, input.idNumber, input.id);
    if (input.status === '离任' && before.status !== '离任') await assertHoldsNothing(trx, before);
    await trx
      .updateTable('workers')
      .set({ ...workerValues(input), updated_at: now() })
      .where('id', '=', input.id)
      .execute();
    await setWorkerTags(trx, input.id, input.tags);
    return getWorker(trx, input.id);
  });
}

/** 离任 by editing is refused while the worker holds grids: ending them is an action of its own. */
async function assertHoldsNothing(db: DbOrTrx, worker: WorkerRow): Promise<void> {
  const current = await otherCurrent(db, worker.id, null);
  if (current.length > 0) {
    throw fieldError(
      'status',
      `“${worker.name}”还担任 ${current.map(heldAs).join('、')}，不能直接设为离任；请在详情中“结束任职”或“办理离任”`,
      'CONFLICT',
    );
  }
}

/** The workers the list's filters select, as a query on `workers as w`. */
function filteredWorkers(db: DbOrTrx, input: HandlerArgs<'workers/list'>) {
  let q = db.selectFrom('workers as w');
  if (input.status) q = q.where(stateIs(input.status));
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
  return q;
}

/** Workers (`w`) in a state: 待安排 is 在岗 stored with no current assignment. */
function stateIs(state: WorkerState) {
  return (eb: ExpressionBuilder<Database & { w: Database['workers'] }, 'w'>) => {
    if (state === '离任') return eb('w.status', '=', '离任');
    const holds = eb.exists(
      eb
        .selectFrom('assignments as a0')
        .select('a0.id')
        .whereRef('a0.worker_id', '=', 'w.id')
        .where(currentOn(null, 'a0')),
    );
    return eb.and([eb('w.status', '=', '在岗'), state === '在岗' ? holds : eb.not(holds)]);
  };
}

export async function listWorkers(
  db: DbOrTrx,
  input: HandlerArgs<'workers/list'>,
): Promise<{ total: number; rows: WorkerSummary[] }> {
  const q = filteredWorkers(db, input);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const page = await q
    .select([
      'w.id',
      'w.name',
      'w.gender',
      'w.id_number',
      'w.bank_account',
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
    rows: page.map((r) => {
      const grids = current
        .filter((a) => a.workerId === r.id)
        .map((a) => ({
          gridId: a.gridId,
          gridName: a.gridName,
          gridLabel: a.gridLabel,
          gridCode: a.gridCode,
          level: a.level,
          role: a.role,
          title: a.title,
        }));
      return {
        id: r.id,
        name: r.name,
        gender: r.gender as Gender,
        idMasked: maskId(r.id_number),
        bankMasked: maskAccount(r.bank_account),
        phone: r.phone,
        politicalStatus: r.political_status,
        tags: tags.get(r.id) ?? [],
        state: workerState(r.status as WorkerStatus, grids.length > 0),
        grids,
      };
    }),
  };
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
