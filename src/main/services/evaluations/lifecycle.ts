/** A draft refreshed from the records, approved, corrected by a new version, or deleted. */
import { GRADES, type SheetView } from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import type { AuditRecorder } from '../audit/audit';
import { buildLines, resultOf, type BuiltLine } from './build';
import { parseDefinition } from './schemes';
import { draft, insertLine, touch, unadjusted } from './sheets';
import { APPROVED, CORRECTED, DRAFT, findSheet, getSheet, sheetLines, sheetName } from './views';

const ENTITY = '考核评分表';

type OldLine = Awaited<ReturnType<typeof sheetLines>>[number];

/** New scores for a refreshed line: an adjusted score (one with a reason) stays, the rest follow the suggestion. */
function carried(old: OldLine, fresh: BuiltLine): Map<string, { score: number; reason: string }> {
  const out = unadjusted(fresh);
  for (const it of old.items) {
    if (!out.has(it.key) || !it.reason) continue;
    out.set(it.key, { score: it.scoreX10, reason: it.reason });
  }
  return out;
}

const sameLine = (old: OldLine, fresh: BuiltLine, scores: Map<string, { score: number }>) =>
  JSON.stringify(old.counts) === JSON.stringify(fresh.counts) &&
  old.grids === fresh.grids &&
  old.excluded === fresh.excluded &&
  old.items.every((it) => fresh.suggested.get(it.key) === it.suggestedX10 && scores.get(it.key)?.score === it.scoreX10);

async function updateLine(
  db: DbOrTrx,
  id: number,
  position: number,
  fresh: BuiltLine,
  scores: Map<string, { score: number; reason: string }>,
  def: ReturnType<typeof parseDefinition>,
) {
  const r = resultOf(def, new Map([...scores].map(([k, v]) => [k, v.score])), fresh.excluded);
  await db
    .updateTable('eval_lines')
    .set({
      position,
      grids: fresh.grids,
      counts: JSON.stringify(fresh.counts),
      total_x10: r.totalX10,
      grade: r.grade,
      excluded: fresh.excluded,
    })
    .where('id', '=', id)
    .execute();
  for (const [key, suggested] of fresh.suggested) {
    await db
      .updateTable('eval_scores')
      .set({ suggested_x10: suggested, score_x10: scores.get(key)!.score, reason: scores.get(key)!.reason })
      .where('line_id', '=', id)
      .where('item_key', '=', key)
      .execute();
  }
}

/**
 * The draft's counts and suggestions again from the records. Lines stay (same ids) for workers
 * still listed; adjusted scores are kept; workers no longer listed leave, new ones join.
 */
export async function refreshSheet(
  db: DbOrTrx,
  id: number,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SheetView> {
  const s = await draft(db, id);
  const def = parseDefinition(s.scheme_snapshot);
  const old = new Map((await sheetLines(db, s)).map((l) => [l.workerId, l]));
  const built = await buildLines(db, def, s.village_id, { start: s.period_start, end: s.period_end });
  const changed: number[] = [];
  const joined: string[] = [];
  for (const [i, fresh] of built.entries()) {
    const o = old.get(fresh.workerId);
    if (!o) {
      changed.push(await insertLine(db, id, i + 1, fresh, unadjusted(fresh), def));
      joined.push(fresh.name);
      continue;
    }
    old.delete(fresh.workerId);
    const scores = carried(o, fresh);
    if (!sameLine(o, fresh, scores)) changed.push(o.id);
    await updateLine(db, o.id, i + 1, fresh, scores, def);
  }
  const left = [...old.values()];
  if (left.length > 0)
    await db
      .deleteFrom('eval_lines')
      .where(
        'id',
        'in',
        left.map((l) => l.id),
      )
      .execute();
  await touch(db, id, now);
  const parts = [`${changed.length - joined.length} 人的计数或建议分有变化`];
  if (joined.length) parts.push(`新增 ${joined.join('、')}`);
  if (left.length) parts.push(`移出 ${left.map((l) => l.workerName).join('、')}（期内已不在岗）`);
  audit.record({
    entity: ENTITY,
    entityId: id,
    summary: `刷新${sheetName(s)}：${parts.join('；')}；有理由的调整分保留`,
  });
  return getSheet(db, id, changed);
}

export async function approveSheet(
  db: DbOrTrx,
  input: { id: number; approvedBy: string },
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SheetView> {
  const s = await draft(db, input.id);
  await db
    .updateTable('eval_sheets')
    .set({ status: APPROVED, approved_by: input.approvedBy, approved_at: now, updated_at: now })
    .where('id', '=', s.id)
    .execute();
  // The version it corrects gives way now, not before: until this moment it was the one in force.
  if (s.previous_id !== null)
    await db
      .updateTable('eval_sheets')
      .set({ status: CORRECTED, updated_at: now })
      .where('id', '=', s.previous_id)
      .execute();
  const view = await getSheet(db, s.id);
  const grades = [...GRADES, '不评定']
    .filter((g) => view.grades[g])
    .map((g) => [g, view.grades[g]] as const)
    .map(([g, n]) => `${g} ${n} 人`)
    .join('、');
  audit.record({
    entity: ENTITY,
    entityId: s.id,
    summary: `审定${sheetName(s)}：${view.workers} 人（${grades || '无人'}），审定人 ${input.approvedBy}${s.previous_id !== null ? `；第 ${s.version - 1} 版改为已更正` : ''}`,
  });
  return view;
}

/** A new draft version of an approved sheet, its scores and reasons copied. */
export async function correctSheet(
  db: DbOrTrx,
  input: { id: number; reason: string },
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SheetView> {
  const s = await findSheet(db, input.id);
  if (s.status !== APPROVED)
    throw new AppError(
      'CONFLICT',
      `${sheetName(s)}${s.status === DRAFT ? '尚未审定，可以直接修改' : '已被新版本更正，请更正最新的版本'}`,
    );
  const open = await db
    .selectFrom('eval_sheets')
    .select(['version'])
    .where('previous_id', '=', s.id)
    .where('status', '=', DRAFT)
    .executeTakeFirst();
  if (open)
    throw new AppError('CONFLICT', `${sheetName(s)}已有一份更正中的草稿（第 ${open.version} 版），请先审定或删除它`);
  const top = await db
    .selectFrom('eval_sheets')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('scheme_id', '=', s.scheme_id)
    .where('village_id', '=', s.village_id)
    .where('period_start', '=', s.period_start)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('eval_sheets')
    .values({
      scheme_id: s.scheme_id,
      village_id: s.village_id,
      period_start: s.period_start,
      period_end: s.period_end,
      period_label: s.period_label,
      version: Number(top.v) + 1,
      status: DRAFT,
      scheme_snapshot: s.scheme_snapshot,
      previous_id: s.id,
      correction_reason: input.reason,
      scorer: s.scorer,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await copyLines(db, s.id, id);
  audit.record({
    entity: ENTITY,
    entityId: id,
    summary: `更正${sheetName(s)}：新建第 ${Number(top.v) + 1} 版草稿，理由：${input.reason}；原版本在新版审定前仍然有效`,
  });
  return getSheet(db, id);
}

async function copyLines(db: DbOrTrx, from: number, to: number): Promise<void> {
  const lines = await db
    .selectFrom('eval_lines')
    .selectAll()
    .where('sheet_id', '=', from)
    .orderBy('position')
    .execute();
  for (const { id: oldId, sheet_id: _s, ...l } of lines) {
    const { id } = await db
      .insertInto('eval_lines')
      .values({ ...l, sheet_id: to })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scores = await db.selectFrom('eval_scores').selectAll().where('line_id', '=', oldId).execute();
    if (scores.length > 0)
      await db
        .insertInto('eval_scores')
        .values(scores.map((x) => ({ ...x, line_id: id })))
        .execute();
  }
}

export async function deleteSheet(db: DbOrTrx, id: number, audit: AuditRecorder): Promise<{ deleted: number }> {
  const s = await findSheet(db, id);
  if (s.status !== DRAFT) throw new AppError('CONFLICT', `${sheetName(s)}${s.status}，只能删除草稿`);
  await db.deleteFrom('eval_lines').where('sheet_id', '=', id).execute();
  await db.deleteFrom('eval_sheets').where('id', '=', id).execute();
  audit.record({
    entity: ENTITY,
    entityId: id,
    summary: `删除草稿${sheetName(s)}${s.previous_id !== null ? '（更正稿；已审定的原版本继续有效）' : ''}`,
  });
  return { deleted: 1 };
}
