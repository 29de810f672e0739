/** Reading sheets back: summaries for the list, the whole sheet with its lines and items. */
import type { z } from 'zod';
import type {
  EvalCounts,
  Grade,
  ScoreItemView,
  SheetLineView,
  SheetStatus,
  SheetSummary,
  SheetView,
  sheetListSchema,
} from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { itemsOf } from './score';
import { parseDefinition } from './schemes';

export const DRAFT = '草稿';
export const APPROVED = '已审定';
export const CORRECTED = '已更正';

function sheetQuery(db: DbOrTrx) {
  return db
    .selectFrom('eval_sheets as s')
    .innerJoin('eval_schemes as sc', 'sc.id', 's.scheme_id')
    .innerJoin('grids as v', 'v.id', 's.village_id')
    .select([
      's.id',
      's.scheme_id',
      'sc.name as scheme_name',
      's.village_id',
      'v.name as village_name',
      's.period_start',
      's.period_end',
      's.period_label',
      's.version',
      's.status',
      's.scheme_snapshot',
      's.scorer',
      's.correction_reason',
      's.previous_id',
      's.approved_at',
      's.approved_by',
    ]);
}

export type SheetRow = Awaited<ReturnType<ReturnType<typeof sheetQuery>['executeTakeFirstOrThrow']>>;

/** “许坪村 2026年3月 网格员月度考核” (第 2 版 when corrected). */
export const sheetName = (s: SheetRow) =>
  `${s.village_name} ${s.period_label}“${s.scheme_name}”${s.version > 1 ? `（第 ${s.version} 版）` : ''}`;

export async function findSheet(db: DbOrTrx, id: number): Promise<SheetRow> {
  const s = await sheetQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND', '该考核评分表不存在或已被删除');
  return s;
}

async function gradeCounts(db: DbOrTrx, ids: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('eval_lines')
    .select(['sheet_id', 'grade', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sheet_id', 'in', ids)
    .groupBy(['sheet_id', 'grade'])
    .execute();
  for (const r of rows) {
    const g = out.get(r.sheet_id) ?? {};
    g[r.grade] = Number(r.n);
    out.set(r.sheet_id, g);
  }
  return out;
}

function summaryOf(s: SheetRow, grades: Record<string, number>): SheetSummary {
  return {
    id: s.id,
    schemeId: s.scheme_id,
    schemeName: s.scheme_name,
    villageId: s.village_id,
    villageName: s.village_name,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    periodLabel: s.period_label,
    version: s.version,
    status: s.status as SheetStatus,
    workers: Object.values(grades).reduce((a, b) => a + b, 0),
    grades,
    approvedAt: s.approved_at,
    approvedBy: s.approved_by,
  };
}

export async function listSheets(db: DbOrTrx, f: z.output<typeof sheetListSchema>): Promise<SheetSummary[]> {
  let q = sheetQuery(db);
  if (f.villageId !== null) q = q.where('s.village_id', '=', f.villageId);
  if (f.schemeId !== null) q = q.where('s.scheme_id', '=', f.schemeId);
  if (f.year !== null)
    q = q.where('s.period_end', '>=', `${f.year}-01-01`).where('s.period_start', '<=', `${f.year}-12-31`);
  const rows = await q.orderBy('s.period_start', 'desc').orderBy('v.code').orderBy('s.version', 'desc').execute();
  const grades = await gradeCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summaryOf(r, grades.get(r.id) ?? {}));
}

export async function sheetLines(db: DbOrTrx, s: SheetRow): Promise<SheetLineView[]> {
  const items = itemsOf(parseDefinition(s.scheme_snapshot));
  const lines = await db
    .selectFrom('eval_lines as l')
    .innerJoin('workers as w', 'w.id', 'l.worker_id')
    .select(['l.id', 'l.worker_id', 'w.name', 'l.grids', 'l.counts', 'l.total_x10', 'l.grade', 'l.excluded'])
    .where('l.sheet_id', '=', s.id)
    .orderBy('l.position')
    .execute();
  const scores = await db
    .selectFrom('eval_scores as e')
    .innerJoin('eval_lines as l', 'l.id', 'e.line_id')
    .select(['e.line_id', 'e.item_key', 'e.suggested_x10', 'e.score_x10', 'e.reason'])
    .where('l.sheet_id', '=', s.id)
    .execute();
  const byLine = new Map<number, Map<string, (typeof scores)[number]>>();
  for (const sc of scores) byLine.set(sc.line_id, (byLine.get(sc.line_id) ?? new Map()).set(sc.item_key, sc));
  return lines.map((l) => ({
    id: l.id,
    workerId: l.worker_id,
    workerName: l.name,
    grids: l.grids,
    counts: JSON.parse(l.counts) as EvalCounts,
    items: items.map((it): ScoreItemView => {
      const sc = byLine.get(l.id)?.get(it.key);
      return {
        key: it.key,
        name: it.name,
        kind: it.kind,
        fullX10: it.kind === 'criterion' ? it.maxX10 : null,
        maxX10: it.maxX10,
        suggestedX10: sc?.suggested_x10 ?? 0,
        scoreX10: sc?.score_x10 ?? 0,
        reason: sc?.reason ?? '',
      };
    }),
    totalX10: l.total_x10,
    grade: l.grade as Grade | '不评定',
    excluded: l.excluded,
  }));
}

export async function getSheet(db: DbOrTrx, id: number, changedLineIds: number[] = []): Promise<SheetView> {
  const s = await findSheet(db, id);
  const lines = await sheetLines(db, s);
  const grades: Record<string, number> = {};
  for (const l of lines) grades[l.grade] = (grades[l.grade] ?? 0) + 1;
  return {
    ...summaryOf(s, grades),
    scheme: parseDefinition(s.scheme_snapshot),
    scorer: s.scorer,
    correctionReason: s.correction_reason,
    previousId: s.previous_id,
    lines,
    changedLineIds,
  };
}
