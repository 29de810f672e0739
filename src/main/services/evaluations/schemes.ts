/** 考核方案: the township's schemes. Editing one never changes a sheet: each keeps its snapshot. */
import type { z } from 'zod';
import {
  EVAL_PERIOD_LABELS,
  schemeDefinitionSchema,
  type EvalPeriod,
  type SchemeDefinition,
  type SchemeView,
  type schemeInputSchema,
  type schemeUpdateSchema,
} from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { AppError, fieldError } from '../../errors';
import type { AuditRecorder } from '../audit/audit';

type SchemeRow = { id: number; name: string; period: string; definition: string; archived: number };

export function parseDefinition(json: string): SchemeDefinition {
  return schemeDefinitionSchema.parse(JSON.parse(json));
}

async function sheetCounts(db: DbOrTrx): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('eval_sheets')
    .select(['scheme_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('scheme_id')
    .execute();
  return new Map(rows.map((r) => [r.scheme_id, Number(r.n)]));
}

const toView = (r: SchemeRow, sheets: number): SchemeView => ({
  id: r.id,
  name: r.name,
  period: r.period as EvalPeriod,
  definition: parseDefinition(r.definition),
  archived: r.archived === 1,
  sheets,
});

export async function listSchemes(db: DbOrTrx): Promise<SchemeView[]> {
  const counts = await sheetCounts(db);
  const rows = await db
    .selectFrom('eval_schemes')
    .select(['id', 'name', 'period', 'definition', 'archived'])
    .orderBy('archived')
    .orderBy('id')
    .execute();
  return rows.map((r) => toView(r, counts.get(r.id) ?? 0));
}

export async function findScheme(db: DbOrTrx, id: number): Promise<SchemeView> {
  const r = await db
    .selectFrom('eval_schemes')
    .select(['id', 'name', 'period', 'definition', 'archived'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '该考核方案不存在或已被删除');
  return toView(r, (await sheetCounts(db)).get(id) ?? 0);
}

/** A combination names other schemes that exist and are not combinations themselves. */
async function checkCombine(db: DbOrTrx, def: SchemeDefinition, selfId: number | null): Promise<void> {
  for (const part of def.combine) {
    if (part.schemeId === selfId) throw fieldError('definition', '综合方案不能包含它自己');
    const r = await db
      .selectFrom('eval_schemes')
      .select(['name', 'definition'])
      .where('id', '=', part.schemeId)
      .executeTakeFirst();
    if (!r) throw fieldError('definition', `综合方案引用的考核方案（编号 ${part.schemeId}）不存在`);
    if (parseDefinition(r.definition).combine.length > 0)
      throw fieldError('definition', `“${r.name}”本身是综合方案，不能再被综合`);
  }
}

async function nameTaken(db: DbOrTrx, name: string, selfId: number | null): Promise<void> {
  const r = await db.selectFrom('eval_schemes').select('id').where('name', '=', name).executeTakeFirst();
  if (r && r.id !== selfId) throw fieldError('name', `已有名为“${name}”的考核方案`, 'CONFLICT');
}

const describe = (name: string, period: string, def: SchemeDefinition) =>
  def.combine.length > 0
    ? `“${name}”（综合方案，${def.combine.length} 部分）`
    : `“${name}”（${EVAL_PERIOD_LABELS[period as EvalPeriod]}，${def.criteria.length} 个考核项目，${def.bonus.length} 个加分项，${def.deductions.length} 个扣分项）`;

export async function createScheme(
  db: DbOrTrx,
  input: z.output<typeof schemeInputSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SchemeView> {
  await nameTaken(db, input.name, null);
  await checkCombine(db, input.definition, null);
  const { id } = await db
    .insertInto('eval_schemes')
    .values({
      name: input.name,
      period: input.period,
      definition: JSON.stringify(input.definition),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.record({
    entity: '考核方案',
    entityId: id,
    summary: `新增${describe(input.name, input.period, input.definition)}`,
  });
  return findScheme(db, id);
}

export async function updateScheme(
  db: DbOrTrx,
  input: z.output<typeof schemeUpdateSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SchemeView> {
  const before = await findScheme(db, input.id);
  await nameTaken(db, input.name, input.id);
  await checkCombine(db, input.definition, input.id);
  await db
    .updateTable('eval_schemes')
    .set({ name: input.name, period: input.period, definition: JSON.stringify(input.definition), updated_at: now })
    .where('id', '=', input.id)
    .execute();
  const renamed = before.name === input.name ? '' : `（原名“${before.name}”）`;
  audit.record({
    entity: '考核方案',
    entityId: input.id,
    summary: `修改${describe(input.name, input.period, input.definition)}${renamed}；已有的 ${before.sheets} 张评分表按原方案不变`,
  });
  return findScheme(db, input.id);
}

export async function archiveScheme(
  db: DbOrTrx,
  input: { id: number; archived: boolean },
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SchemeView> {
  const s = await findScheme(db, input.id);
  await db
    .updateTable('eval_schemes')
    .set({ archived: input.archived ? 1 : 0, updated_at: now })
    .where('id', '=', input.id)
    .execute();
  audit.record({
    entity: '考核方案',
    entityId: input.id,
    summary: `${input.archived ? '停用' : '恢复启用'}“${s.name}”`,
  });
  return findScheme(db, input.id);
}
