/**
 * 考核评分表: created from the records per village and period, adjusted item by item with a
 * reason while a draft, approved (locked), corrected by a new version that replaces the approved
 * one only when it is approved in turn.
 */
import type { z } from 'zod';
import type { SheetLineView, SheetView, scoreSetSchema, sheetCreateSchema } from '../../../shared/evaluations';
import { formatPoints } from '../../../shared/money';
import type { DbOrTrx } from '../../db/schema';
import { AppError, fieldError } from '../../errors';
import type { AuditRecorder } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { buildLines, resultOf, type BuiltLine } from './build';
import { periodOf } from './period';
import { findScheme, parseDefinition } from './schemes';
import { itemsOf } from './score';
import { DRAFT, findSheet, getSheet, sheetLines, sheetName, type SheetRow } from './views';

const ENTITY = '考核评分表';

export async function insertLine(
  db: DbOrTrx,
  sheetId: number,
  position: number,
  l: BuiltLine,
  scores: Map<string, { score: number; reason: string }>,
  def: ReturnType<typeof parseDefinition>,
) {
  const plain = new Map([...scores].map(([k, v]) => [k, v.score]));
  const r = resultOf(def, plain, l.excluded);
  const { id } = await db
    .insertInto('eval_lines')
    .values({
      sheet_id: sheetId,
      worker_id: l.workerId,
      position,
      grids: l.grids,
      counts: JSON.stringify(l.counts),
      total_x10: r.totalX10,
      grade: r.grade,
      excluded: l.excluded,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [...l.suggested].map(([key, suggested]) => ({
    line_id: id,
    item_key: key,
    suggested_x10: suggested,
    score_x10: scores.get(key)!.score,
    reason: scores.get(key)!.reason,
  }));
  if (rows.length > 0) await db.insertInto('eval_scores').values(rows).execute();
  return id;
}

export const unadjusted = (l: BuiltLine) => new Map([...l.suggested].map(([k, v]) => [k, { score: v, reason: '' }]));

async function village(db: DbOrTrx, villageId: number): Promise<string> {
  const v = await db.selectFrom('grids').select(['name', 'level']).where('id', '=', villageId).executeTakeFirst();
  if (!v || v.level !== 2) throw fieldError('villageId', '所选村（社区）不存在或已被删除');
  return v.name;
}

export async function createSheet(
  db: DbOrTrx,
  input: z.output<typeof sheetCreateSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SheetView> {
  const scheme = await findScheme(db, input.schemeId);
  const villageName = await village(db, input.villageId);
  if (scheme.archived) throw fieldError('schemeId', `考核方案“${scheme.name}”已停用，请先恢复启用`, 'CONFLICT');
  if (scheme.definition.combine.length > 0)
    throw fieldError('schemeId', `“${scheme.name}”是综合方案，由各部分已审定的评分表计算，不需要评分表`, 'CONFLICT');
  const period = periodOf(scheme.period, input.date);
  const existing = await db
    .selectFrom('eval_sheets')
    .select(['status'])
    .where('scheme_id', '=', scheme.id)
    .where('village_id', '=', input.villageId)
    .where('period_start', '=', period.start)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (existing) {
    throw new AppError(
      'CONFLICT',
      `${villageName} ${period.label}“${scheme.name}”的评分表已经有了（${existing.status}），请打开它${existing.status === DRAFT ? '继续评分' : '；要修改请“更正”'}`,
    );
  }
  const def = scheme.definition;
  const built = await buildLines(db, def, input.villageId, period);
  const { id } = await db
    .insertInto('eval_sheets')
    .values({
      scheme_id: scheme.id,
      village_id: input.villageId,
      period_start: period.start,
      period_end: period.end,
      period_label: period.label,
      status: DRAFT,
      scheme_snapshot: JSON.stringify(def),
      scorer: (await getSettings(db)).clerkName,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, l] of built.entries()) await insertLine(db, id, i + 1, l, unadjusted(l), def);
  audit.record({
    entity: ENTITY,
    entityId: id,
    summary: `新建${villageName} ${period.label}“${scheme.name}”评分表：${built.length} 人，按记录预填`,
    counts: { 人数: built.length },
  });
  return getSheet(db, id);
}

export async function draft(db: DbOrTrx, id: number): Promise<SheetRow> {
  const s = await findSheet(db, id);
  if (s.status !== DRAFT)
    throw new AppError('CONFLICT', `${sheetName(s)}${s.status}，已审定的评分表不能修改，请先“更正”`);
  return s;
}

export async function touch(db: DbOrTrx, id: number, now: string) {
  await db.updateTable('eval_sheets').set({ updated_at: now }).where('id', '=', id).execute();
}

/** Recomputes a line's total and grade from its stored scores. */
async function restoreTotal(db: DbOrTrx, s: SheetRow, lineId: number): Promise<void> {
  const def = parseDefinition(s.scheme_snapshot);
  const line = await db
    .selectFrom('eval_lines')
    .select(['excluded'])
    .where('id', '=', lineId)
    .executeTakeFirstOrThrow();
  const scores = await db
    .selectFrom('eval_scores')
    .select(['item_key', 'score_x10'])
    .where('line_id', '=', lineId)
    .execute();
  const r = resultOf(def, new Map(scores.map((x) => [x.item_key, x.score_x10])), line.excluded);
  await db.updateTable('eval_lines').set({ total_x10: r.totalX10, grade: r.grade }).where('id', '=', lineId).execute();
}

export interface ScoreChange {
  lineId: number;
  itemKey: string;
  scoreX10: number;
  reason: string;
}

/**
 * Checks one score against the sheet as stored: the line is the sheet's, the item the scheme's,
 * the score within [0, full] (criteria) or [0, cap], a reason when it differs from the suggestion.
 * Returns the message, or null when it is acceptable.
 */
export function checkScore(
  line: SheetLineView,
  change: { itemKey: string; scoreX10: number; reason: string },
  max: number | undefined,
): string | null {
  const item = line.items.find((i) => i.key === change.itemKey);
  if (!item || max === undefined) return `没有考核项目“${change.itemKey}”`;
  if (change.scoreX10 < 0 || change.scoreX10 > max)
    return `“${item.name}”得分应在 0 至 ${formatPoints(max)} 分之间，填的是 ${formatPoints(change.scoreX10)}`;
  if (change.scoreX10 !== item.suggestedX10 && !change.reason.trim())
    return `“${item.name}”得分 ${formatPoints(change.scoreX10)} 与建议分 ${formatPoints(item.suggestedX10)} 不同，请填写调整理由`;
  return null;
}

/** Writes scores already checked; returns the audit phrases. */
export async function writeScores(
  db: DbOrTrx,
  s: SheetRow,
  lines: SheetLineView[],
  changes: ScoreChange[],
): Promise<string[]> {
  const said: string[] = [];
  const touched = new Set<number>();
  for (const c of changes) {
    const line = lines.find((l) => l.id === c.lineId)!;
    const item = line.items.find((i) => i.key === c.itemKey)!;
    const reason = c.reason.trim();
    await db
      .updateTable('eval_scores')
      .set({ score_x10: c.scoreX10, reason })
      .where('line_id', '=', c.lineId)
      .where('item_key', '=', c.itemKey)
      .execute();
    touched.add(c.lineId);
    said.push(
      `${line.workerName}“${item.name}”${formatPoints(item.scoreX10)} → ${formatPoints(c.scoreX10)}${reason ? `，理由：${reason}` : ''}`,
    );
  }
  for (const lineId of touched) await restoreTotal(db, s, lineId);
  return said;
}

export async function setScore(
  db: DbOrTrx,
  input: z.output<typeof scoreSetSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<SheetLineView> {
  const s = await draft(db, input.sheetId);
  const lines = await sheetLines(db, s);
  const line = lines.find((l) => l.id === input.lineId);
  if (!line) throw new AppError('NOT_FOUND', '该评分行不在这张评分表上');
  const max = itemsOf(parseDefinition(s.scheme_snapshot)).find((i) => i.key === input.itemKey)?.maxX10;
  const problem = checkScore(line, input, max);
  if (problem) throw fieldError(problem.includes('理由') ? 'reason' : 'scoreX10', `${line.workerName}：${problem}`);
  const [said] = await writeScores(db, s, lines, [input]);
  await touch(db, s.id, now);
  const after = (await sheetLines(db, s)).find((l) => l.id === input.lineId)!;
  audit.record({
    entity: ENTITY,
    entityId: s.id,
    summary: `${sheetName(s)}：${said}；合计 ${formatPoints(line.totalX10)} → ${formatPoints(after.totalX10)}（${after.grade}）`,
  });
  return after;
}
