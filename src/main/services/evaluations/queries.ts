/**
 * Evaluation results other services read (subsidies: the 考核系数 and the split of collective
 * income by score). Only approved sheets count; a corrected sheet (已更正) gave way to its next
 * version, which is the one approved.
 */
import type { DbOrTrx } from '../../db/schema';

export interface ApprovedLine {
  workerId: number;
  sheetId: number;
  villageId: number;
  schemeName: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  /** Tenths of a point. */
  totalX10: number;
  grade: string;
  /** Listed but not graded (任职不满 6 个月): null when graded. */
  excluded: string | null;
}

/** Lines of approved sheets whose period overlaps from–to (inclusive), latest period last. */
export async function approvedLines(db: DbOrTrx, range: { from: string; to: string }): Promise<ApprovedLine[]> {
  const rows = await db
    .selectFrom('eval_lines as l')
    .innerJoin('eval_sheets as s', 's.id', 'l.sheet_id')
    .innerJoin('eval_schemes as sc', 'sc.id', 's.scheme_id')
    .where('s.status', '=', '已审定')
    .where('s.period_start', '<=', range.to)
    .where('s.period_end', '>=', range.from)
    .select([
      'l.worker_id',
      's.id as sheet_id',
      's.village_id',
      'sc.name',
      's.period_start',
      's.period_end',
      's.period_label',
      'l.total_x10',
      'l.grade',
      'l.excluded',
    ])
    .orderBy('s.period_end')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    workerId: r.worker_id,
    sheetId: r.sheet_id,
    villageId: r.village_id,
    schemeName: r.name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    periodLabel: r.period_label,
    totalX10: r.total_x10,
    grade: r.grade,
    excluded: r.excluded,
  }));
}
