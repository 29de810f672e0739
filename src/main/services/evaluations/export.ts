/** A sheet to Excel for signatures, in the layout the importer reads back. */
import { todayChinese } from '../../../shared/dates';
import {
  EVAL_METRIC_LABELS,
  EVAL_METRICS,
  type EvalMetric,
  type SchemeDefinition,
  type SheetLineView,
  type SheetView,
} from '../../../shared/evaluations';
import type { SavedFile } from '../../../shared/imports';
import type { DbOrTrx } from '../../db/schema';
import { writeEvaluationSheet, type EvalSheetHead } from '../../excel/evaluation-sheet';
import { itemsOf } from './score';
import { getSheet } from './views';

/** The metrics the scheme scores by, in the contract's order (all of them when it uses none). */
export function metricsOf(def: SchemeDefinition): EvalMetric[] {
  const used = new Set(
    [...def.criteria, ...def.bonus, ...def.deductions].map((i) => i.metric).filter((m) => m !== null),
  );
  return EVAL_METRICS.filter((m) => used.size === 0 || used.has(m));
}

/** The 调整理由 cell of a line: each adjusted item's reason. */
export const reasonsText = (l: SheetLineView) =>
  l.items
    .filter((i) => i.reason)
    .map((i) => `${i.name}：${i.reason}`)
    .join('；');

/** 许坪村2026年3月考核评分表 */
export const sheetTitle = (s: Pick<SheetView, 'villageName' | 'periodLabel'>) =>
  `${s.villageName}${s.periodLabel}考核评分表`;

export function sheetHead(s: SheetView, date: string): EvalSheetHead {
  const version = s.version > 1 ? `；第 ${s.version} 版（更正：${s.correctionReason}）` : '';
  return {
    title: sheetTitle(s),
    info: `考核方案：${s.schemeName}；考核期间：${s.periodStart} 至 ${s.periodEnd}；状态：${s.status}${version}`,
    scorer: s.scorer,
    reviewer: s.approvedBy ?? '',
    date,
    countHeaders: metricsOf(s.scheme).map((m) => EVAL_METRIC_LABELS[m]),
    items: itemsOf(s.scheme),
  };
}

export async function exportSheet(db: DbOrTrx, id: number, out: string, now?: Date): Promise<SavedFile> {
  const s = await getSheet(db, id);
  const metrics = metricsOf(s.scheme);
  const r = await writeEvaluationSheet(
    out,
    sheetHead(s, todayChinese(now)),
    s.lines.map((l) => ({
      name: l.workerName,
      grids: l.grids,
      counts: metrics.map((m) => l.counts[m]),
      suggested: l.items.map((i) => i.suggestedX10),
      scores: l.items.map((i) => i.scoreX10),
      total: l.totalX10,
      grade: l.grade,
      reasons: reasonsText(l),
    })),
  );
  return { file: out, rows: r.rows };
}
