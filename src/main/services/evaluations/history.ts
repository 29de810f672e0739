/**
 * What approved sheets say over time: a worker's grades, the workers 不合格 in two consecutive
 * periods of one scheme (the county's dismissal rule), and a combined scheme's year result.
 */
import type { CombinedResult, FlaggedWorker, Grade, GradeHistoryEntry } from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { AppError, fieldError } from '../../errors';
import { findScheme } from './schemes';
import { gradeOf, roundDiv } from './score';
import { APPROVED } from './views';

function approved(db: DbOrTrx) {
  return db
    .selectFrom('eval_lines as l')
    .innerJoin('eval_sheets as s', 's.id', 'l.sheet_id')
    .innerJoin('eval_schemes as sc', 'sc.id', 's.scheme_id')
    .innerJoin('grids as v', 'v.id', 's.village_id')
    .innerJoin('workers as w', 'w.id', 'l.worker_id')
    .where('s.status', '=', APPROVED)
    .select([
      'l.worker_id',
      'w.name as worker_name',
      's.id as sheet_id',
      's.scheme_id',
      'sc.name as scheme_name',
      's.village_id',
      'v.name as village_name',
      's.period_start',
      's.period_end',
      's.period_label',
      'l.total_x10',
      'l.grade',
      'l.excluded',
    ])
    .orderBy('s.period_start')
    .orderBy('s.id');
}

export async function history(db: DbOrTrx, workerId: number): Promise<GradeHistoryEntry[]> {
  const w = await db.selectFrom('workers').select('id').where('id', '=', workerId).executeTakeFirst();
  if (!w) throw new AppError('NOT_FOUND', '该网格员不存在或已被删除');
  const rows = await approved(db).where('l.worker_id', '=', workerId).execute();
  return rows.map((r) => ({
    sheetId: r.sheet_id,
    periodLabel: r.period_label,
    periodEnd: r.period_end,
    schemeName: r.scheme_name,
    villageName: r.village_name,
    totalX10: r.total_x10,
    grade: r.grade as Grade | '不评定',
  }));
}

const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Workers 不合格 in two approved periods of one scheme where the second follows the first directly. */
export async function flags(db: DbOrTrx): Promise<FlaggedWorker[]> {
  const rows = await approved(db).execute();
  const last = new Map<string, (typeof rows)[number]>();
  const out = new Map<number, FlaggedWorker>();
  for (const r of rows) {
    const key = `${r.scheme_id}|${r.worker_id}`;
    const prev = last.get(key);
    last.set(key, r);
    const consecutive = prev !== undefined && dayAfter(prev.period_end) === r.period_start;
    if (!consecutive || prev.grade !== '不合格' || r.grade !== '不合格') continue;
    const periods = [`${prev.scheme_name} ${prev.period_label}`, `${r.scheme_name} ${r.period_label}`];
    // A third failure in a row: the latest two say it.
    out.set(r.worker_id, { workerId: r.worker_id, workerName: r.worker_name, villageName: r.village_name, periods });
  }
  return [...out.values()];
}

/**
 * A combined scheme's result for a village's year: each part is the mean of the worker's graded
 * approved totals of that scheme in the year (periods ending in it), the result Σ part × weight /
 * 100, rounded half up; a worker missing a part is listed, not graded.
 */
export async function combined(
  db: DbOrTrx,
  input: { schemeId: number; villageId: number; year: number },
): Promise<CombinedResult> {
  const scheme = await findScheme(db, input.schemeId);
  if (scheme.definition.combine.length === 0) throw fieldError('schemeId', `“${scheme.name}”不是综合方案`);
  const village = await db
    .selectFrom('grids')
    .select(['name', 'level'])
    .where('id', '=', input.villageId)
    .executeTakeFirst();
  if (!village || village.level !== 2) throw fieldError('villageId', '所选村（社区）不存在或已被删除');
  const parts: { schemeId: number; weight: number; schemeName: string }[] = [];
  for (const p of scheme.definition.combine) parts.push({ ...p, schemeName: (await findScheme(db, p.schemeId)).name });
  const rows = await approved(db)
    .where('s.village_id', '=', input.villageId)
    .where(
      's.scheme_id',
      'in',
      parts.map((p) => p.schemeId),
    )
    .where('s.period_end', '>=', `${input.year}-01-01`)
    .where('s.period_end', '<=', `${input.year}-12-31`)
    .execute();
  const workers = new Map<number, { name: string; sums: number[]; ns: number[] }>();
  for (const r of rows) {
    const w = workers.get(r.worker_id) ?? { name: r.worker_name, sums: parts.map(() => 0), ns: parts.map(() => 0) };
    workers.set(r.worker_id, w);
    if (r.excluded !== null) continue;
    const i = parts.findIndex((p) => p.schemeId === r.scheme_id);
    w.sums[i]! += r.total_x10;
    w.ns[i]! += 1;
  }
  const lines = [...workers].map(([workerId, w]) => {
    const partsX10 = w.sums.map((s, i) => (w.ns[i] === 0 ? null : Number(roundDiv(BigInt(s), BigInt(w.ns[i]!)))));
    const lacking = parts.filter((_, i) => partsX10[i] === null).map((p) => `“${p.schemeName}”`);
    const totalX10 = lacking.length
      ? null
      : Number(
          roundDiv(
            partsX10.reduce((a, x, i) => a + BigInt(x!) * BigInt(parts[i]!.weight), 0n),
            100n,
          ),
        );
    return {
      workerId,
      workerName: w.name,
      partsX10,
      totalX10,
      grade: totalX10 === null ? ('不评定' as const) : gradeOf(scheme.definition, totalX10),
      missing: lacking.length ? `缺少${lacking.join('、')}的已审定评分` : null,
    };
  });
  return {
    schemeId: scheme.id,
    schemeName: scheme.name,
    villageId: input.villageId,
    villageName: village.name,
    year: input.year,
    parts: parts.map((p) => ({ schemeId: p.schemeId, schemeName: p.schemeName, weight: p.weight })),
    lines,
  };
}
