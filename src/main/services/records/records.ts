/**
 * Records of every kind: create, update, delete and get, through KIND_TABLES (rows.ts). Disputes
 * keep their handling steps and trainings their attendees in child tables, replaced with the record.
 */
import type { HandlerArgs } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/errors';
import { RECORD_LABELS, type RecordFields, type RecordKind, type RecordView } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors';
import { gridPath, subtreeIdList } from '../grids/queries';
import { newRecordRow } from './rows';
import { fromKind, kindTable, toViews, type AnyFields, type RecordRow } from './views';

function now(): string {
  return new Date().toISOString();
}

/** A refused field: what the bulk entry lists per row and a single write throws. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: ErrorCode;
}

async function gridLabel(db: DbOrTrx, gridId: number): Promise<string> {
  return (await gridPath(db, gridId)).label;
}

async function workerProblems(db: DbOrTrx, f: Record<string, unknown>): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (typeof f.workerId === 'number') {
    const w = await db.selectFrom('workers').select('id').where('id', '=', f.workerId).executeTakeFirst();
    if (!w) out.push({ field: 'workerId', message: `所选网格员（编号 ${f.workerId}）不存在，可能已被删除` });
  }
  const attendees = Array.isArray(f.attendees) ? (f.attendees as number[]) : [];
  if (attendees.length > 0) {
    const found = await db.selectFrom('workers').select('id').where('id', 'in', attendees).execute();
    const missing = new Set(attendees).size - found.length;
    if (missing > 0) out.push({ field: 'attendees', message: `签到名单中有 ${missing} 名网格员不存在，可能已被删除` });
  }
  return out;
}

async function householdProblem(db: DbOrTrx, gridId: number, householdId: number): Promise<FieldProblem | null> {
  const h = await db
    .selectFrom('households')
    .select(['head_name', 'grid_id'])
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!h) return { field: 'householdId', message: `所选住户（编号 ${householdId}）不存在，可能已被删除` };
  if ((await subtreeIdList(db, gridId)).includes(h.grid_id)) return null;
  return {
    field: 'householdId',
    message: `户主“${h.head_name}”的住户不在网格“${await gridLabel(db, gridId)}”内，请选择该网格的住户`,
  };
}

async function wechatProblem(db: DbOrTrx, gridId: number, exceptId: number | null): Promise<FieldProblem | null> {
  let q = db.selectFrom('wechat_groups').select(['id', 'name']).where('grid_id', '=', gridId);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (!other) return null;
  return {
    field: 'gridId',
    code: 'CONFLICT',
    message: `网格“${await gridLabel(db, gridId)}”已有微信群“${other.name}”，每个网格只登记一个群，请修改原有的群`,
  };
}

/**
 * What is wrong with a record's references: its grid, worker and household must exist, a service's
 * household lie in the record's grid, a training be organised by the township or a village, a grid
 * have one WeChat group. Empty when all is well.
 */
export async function referenceProblems(
  db: DbOrTrx,
  kind: RecordKind,
  fields: AnyFields,
  exceptId: number | null = null,
): Promise<FieldProblem[]> {
  const f = fields as Record<string, unknown> & { gridId: number };
  const grid = await db.selectFrom('grids').select(['level', 'name']).where('id', '=', f.gridId).executeTakeFirst();
  if (!grid) return [{ field: 'gridId', message: `所选网格（编号 ${f.gridId}）不存在，可能已被删除` }];
  const out = await workerProblems(db, f);
  if (kind === 'services' && typeof f.householdId === 'number') {
    const p = await householdProblem(db, f.gridId, f.householdId);
    if (p) out.push(p);
  }
  if (kind === 'trainings' && grid.level !== 1 && grid.level !== 2) {
    out.push({
      field: 'gridId',
      message: `培训例会的组织单位应为镇（一级网格）或村（二级网格），“${await gridLabel(db, f.gridId)}”是${grid.level}级网格`,
    });
  }
  if (kind === 'wechatGroups') {
    const p = await wechatProblem(db, f.gridId, exceptId);
    if (p) out.push(p);
  }
  return out;
}

async function assertReferences(db: DbOrTrx, kind: RecordKind, fields: AnyFields, exceptId: number | null) {
  const [first] = await referenceProblems(db, kind, fields, exceptId);
  if (first) throw new AppError(first.code ?? 'VALIDATION', first.message, { [first.field]: first.message });
}

/** A dispute's steps and a training's attendees: the record's list replaces what was stored. */
export async function saveChildren(db: DbOrTrx, kind: RecordKind, id: number, fields: AnyFields): Promise<void> {
  if (kind === 'disputes') {
    const steps = (fields as RecordFields<'disputes'>).steps;
    await db.deleteFrom('dispute_steps').where('dispute_id', '=', id).execute();
    if (steps.length > 0) {
      await db
        .insertInto('dispute_steps')
        .values(steps.map((s) => ({ dispute_id: id, step_date: s.date, handler: s.handler, action: s.action })))
        .execute();
    }
  }
  if (kind === 'trainings') {
    const ids = [...new Set((fields as RecordFields<'trainings'>).attendees)];
    await db.deleteFrom('training_attendees').where('training_id', '=', id).execute();
    if (ids.length > 0) {
      await db
        .insertInto('training_attendees')
        .values(ids.map((w) => ({ training_id: id, worker_id: w })))
        .execute();
    }
  }
}

/** Inserts a validated record with its children; the caller has checked its references. */
export async function insertRecord(db: DbOrTrx, kind: RecordKind, fields: AnyFields, ts = now()): Promise<number> {
  const { id } = (await db
    .insertInto(kindTable(kind).table)
    .values(newRecordRow(kind, fields, ts) as never)
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  await saveChildren(db, kind, id, fields);
  return id;
}

export async function getRecord(db: DbOrTrx, kind: RecordKind, id: number): Promise<RecordView> {
  const row = (await fromKind(db, kind).selectAll('r').where('r.id', '=', id).executeTakeFirst()) as
    RecordRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的${RECORD_LABELS[kind]}，可能已被删除。`);
  return (await toViews(db, kind, [row]))[0]!;
}

export async function createRecord(db: DbOrTrx, input: HandlerArgs<'records/create'>): Promise<RecordView> {
  const { kind, fields } = input as { kind: RecordKind; fields: AnyFields };
  return inTransaction(db, async (trx) => {
    await assertReferences(trx, kind, fields, null);
    return getRecord(trx, kind, await insertRecord(trx, kind, fields));
  });
}

export async function updateRecord(db: DbOrTrx, input: HandlerArgs<'records/update'>): Promise<RecordView> {
  const { kind, fields, id } = input as { kind: RecordKind; fields: AnyFields; id: number };
  return inTransaction(db, async (trx) => {
    await getRecord(trx, kind, id);
    await assertReferences(trx, kind, fields, id);
    const t = kindTable(kind);
    const row: Record<string, unknown> = { ...t.toRow(fields), updated_at: now() };
    // The ledger identity follows the details: a re-import then finds the edited row.
    if (kind !== 'wechatGroups') row.match_key = t.matchKey(fields);
    await trx
      .updateTable(t.table)
      .set(row as never)
      .where('id', '=', id)
      .execute();
    await saveChildren(trx, kind, id, fields);
    return getRecord(trx, kind, id);
  });
}

/** Deletes a record with its steps or attendees (nothing else refers to a record). */
export async function deleteRecord(db: DbOrTrx, kind: RecordKind, id: number): Promise<{ deleted: number }> {
  return inTransaction(db, async (trx) => {
    await getRecord(trx, kind, id);
    if (kind === 'disputes') await trx.deleteFrom('dispute_steps').where('dispute_id', '=', id).execute();
    if (kind === 'trainings') await trx.deleteFrom('training_attendees').where('training_id', '=', id).execute();
    await trx.deleteFrom(kindTable(kind).table).where('id', '=', id).execute();
    return { deleted: 1 };
  });
}
