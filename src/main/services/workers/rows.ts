/**
 * Worker and assignment rows: the one place they are built, and the bulk writes the roster
 * import and the demo use. The workers page (workers.ts) builds its rows here too, so a new
 * worker column is added in one builder.
 */
import { idInfo } from '../../../shared/idcard';
import type { Gender, WorkerFields } from '../../../shared/people';
import { insertBatched, insertReturningIds } from '../../db/bulk';
import type { DbOrTrx, NewAssignmentRow, NewWorkerRow } from '../../db/schema';

/**
 * A worker's own columns (no photo, no timestamps), as both inserts and updates write them. An
 * update without a status leaves it (Kysely drops undefined values from the SET list).
 */
export function workerValues(input: Omit<WorkerFields, 'status'> & { status?: WorkerFields['status'] }) {
  return {
    name: input.name,
    gender: input.gender,
    id_number: input.idNumber,
    birth_date: idInfo(input.idNumber).birthDate,
    phone: input.phone,
    political_status: input.politicalStatus,
    education: input.education,
    status: input.status,
    notes: input.notes,
    bank_account: input.bankAccount,
  };
}

export function newWorkerRow(input: WorkerFields, ts: string): NewWorkerRow {
  return {
    ...workerValues(input),
    status: input.status,
    photo: null,
    photo_type: null,
    created_at: ts,
    updated_at: ts,
  };
}

export async function setWorkerTags(db: DbOrTrx, workerId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('worker_tags').where('worker_id', '=', workerId).execute();
  const unique = [...new Set(tags)];
  if (unique.length) {
    await db
      .insertInto('worker_tags')
      .values(unique.map((tag) => ({ worker_id: workerId, tag })))
      .execute();
  }
}

/** Inserts many workers with their tags; their ids come back in the same order. */
export async function insertWorkers(
  db: DbOrTrx,
  workers: WorkerFields[],
  ts: string,
  onBatch?: (inserted: number) => Promise<void> | void,
): Promise<number[]> {
  const ids = await insertReturningIds(
    db,
    'workers',
    workers.map((w) => newWorkerRow(w, ts)),
    onBatch,
  );
  const tags = workers.flatMap((w, j) => [...new Set(w.tags)].map((tag) => ({ worker_id: ids[j]!, tag })));
  await insertBatched(db, 'worker_tags', tags);
  return ids;
}

/** What a roster may change on a registered worker; fields left out keep their value. */
export type WorkerPatch = Partial<
  Pick<WorkerFields, 'name' | 'gender' | 'phone' | 'politicalStatus' | 'education' | 'status' | 'notes' | 'tags'>
>;

export async function patchWorker(db: DbOrTrx, id: number, patch: WorkerPatch, ts: string): Promise<void> {
  // Kysely leaves undefined values out of the SET list.
  await db
    .updateTable('workers')
    .set({
      name: patch.name,
      gender: patch.gender,
      phone: patch.phone,
      political_status: patch.politicalStatus,
      education: patch.education,
      status: patch.status,
      notes: patch.notes,
      updated_at: ts,
    })
    .where('id', '=', id)
    .execute();
  if (patch.tags) await setWorkerTags(db, id, patch.tags);
}

/** A registered worker as a roster import compares it with a row. */
export interface WorkerSnapshot extends Omit<WorkerFields, 'status'> {
  id: number;
  status: string;
}

export async function workerSnapshots(db: DbOrTrx): Promise<WorkerSnapshot[]> {
  const rows = await db
    .selectFrom('workers')
    .select(['id', 'name', 'gender', 'id_number', 'phone', 'political_status', 'education', 'status', 'notes'])
    .execute();
  const tags = new Map<number, string[]>();
  for (const t of await db.selectFrom('worker_tags').select(['worker_id', 'tag']).execute()) {
    tags.set(t.worker_id, [...(tags.get(t.worker_id) ?? []), t.tag]);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gender: r.gender as Gender,
    idNumber: r.id_number,
    phone: r.phone,
    politicalStatus: r.political_status,
    education: r.education,
    status: r.status,
    notes: r.notes,
    tags: tags.get(r.id) ?? [],
  }));
}

export interface NewAssignment {
  workerId: number;
  gridId: number;
  role: string;
  title: string;
  startDate: string | null;
}

/** A new, current assignment row. */
export function newAssignmentRow(a: NewAssignment, ts: string): NewAssignmentRow {
  return {
    worker_id: a.workerId,
    grid_id: a.gridId,
    role: a.role,
    title: a.title,
    start_date: a.startDate,
    end_date: null,
    created_at: ts,
    updated_at: ts,
  };
}

export async function insertAssignments(db: DbOrTrx, list: NewAssignment[], ts: string): Promise<void> {
  await insertBatched(
    db,
    'assignments',
    list.map((a) => newAssignmentRow(a, ts)),
  );
}

/** Ends assignments, each on its own date; the rows stay as history. */
export async function endAssignmentsOn(
  db: DbOrTrx,
  ends: { id: number; endDate: string }[],
  ts: string,
): Promise<void> {
  for (const e of ends) {
    await db.updateTable('assignments').set({ end_date: e.endDate, updated_at: ts }).where('id', '=', e.id).execute();
  }
}

export async function updateAssignmentTerms(
  db: DbOrTrx,
  id: number,
  terms: { title: string; startDate: string | null },
  ts: string,
): Promise<void> {
  await db
    .updateTable('assignments')
    .set({ title: terms.title, start_date: terms.startDate, updated_at: ts })
    .where('id', '=', id)
    .execute();
}

export interface CurrentAssignment extends NewAssignment {
  id: number;
}

/** Assignments not yet ended, as a roster import matches its rows against them. */
export async function currentAssignmentList(db: DbOrTrx): Promise<CurrentAssignment[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(['id', 'worker_id', 'grid_id', 'role', 'title', 'start_date'])
    .where('end_date', 'is', null)
    .execute();
  return rows.map((a) => ({
    id: a.id,
    workerId: a.worker_id,
    gridId: a.grid_id,
    role: a.role,
    title: a.title,
    startDate: a.start_date,
  }));
}
