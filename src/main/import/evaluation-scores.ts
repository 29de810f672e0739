/**
 * Scores done on paper, read back from the 考核评分表 GridDesk exported (same layout, same
 * reader thread and limits as every import, header found among the first rows). Rows are matched
 * to the sheet's lines by 序号 and 姓名 together; every problem is named by sheet, row and column,
 * and any problem means nothing is imported.
 */
import type { SheetImportPreview, SheetView } from '../../shared/evaluations';
import { formatPoints, parsePoints } from '../../shared/money';
import { REASON_HEADER, scoreHeader, type EvalSheetItem } from '../excel/evaluation-sheet';
import { cellText } from './cells';
import { normalizeHeader } from './fields';
import { HEADER_SCAN_ROWS } from './layout';
import { columnLetter, readSource, type CellValue, type SourceRow, type SourceSheet } from './source';

/** The reason a changed score gets when the paper gives none. */
export const PAPER_REASON = '纸质评分导入';

type Problem = SheetImportPreview['errors'][number];
type Change = SheetImportPreview['changes'][number] & { itemKey: string };

interface Columns {
  headerRow: number;
  seq: number;
  name: number;
  reason: number | null;
  items: Map<string, number>;
}

function findColumns(sheet: SourceSheet, items: EvalSheetItem[]): Columns | null {
  for (const row of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
    const at = new Map<string, number>();
    row.cells.forEach((v, i) => {
      const h = normalizeHeader(cellText(v));
      if (h && !at.has(h)) at.set(h, i);
    });
    const seq = at.get('序号');
    const name = at.get('姓名');
    if (seq === undefined || name === undefined) continue;
    const cols = new Map<string, number>();
    for (const it of items) {
      const c = at.get(normalizeHeader(scoreHeader(it)));
      if (c !== undefined) cols.set(it.key, c);
    }
    return { headerRow: row.rowNumber, seq, name, reason: at.get(REASON_HEADER) ?? null, items: cols };
  }
  return null;
}

/** A score cell in tenths, or the problem with it; null for a blank cell (the score stays). */
export function readPoints(v: CellValue): { x10: number | null; problem?: string } {
  if (v === null || cellText(v) === '') return { x10: null };
  if (typeof v === 'number') {
    // Excel keeps 92.5 as a binary fraction: a value within rounding noise of a tenth is that tenth.
    const tenths = Math.round(v * 10);
    if (Math.abs(v * 10 - tenths) < 1e-6) return { x10: tenths };
    return { x10: null, problem: `${cellText(v)} 最多一位小数` };
  }
  const text = cellText(v);
  const x10 = parsePoints(text);
  if (x10 !== null) return { x10 };
  if (/^\s*-?\d+\.\d{2,}\s*$/.test(text)) return { x10: null, problem: `${text} 最多一位小数` };
  return { x10: null, problem: `“${text}”不是分数` };
}

interface Context {
  view: SheetView & { caps: Map<string, number> };
  cols: Columns;
  sheetName: string;
  errors: Problem[];
  changes: Change[];
  seen: Map<number, number>;
}

function readRow(ctx: Context, row: SourceRow, exportedReasons: Map<number, string>): void {
  const { cols, view } = ctx;
  const err = (column: string, message: string) =>
    ctx.errors.push({ sheet: ctx.sheetName, row: row.rowNumber, column, message });
  const seqText = cellText(row.cells[cols.seq] ?? null);
  const name = cellText(row.cells[cols.name] ?? null);
  if (!/^\d+$/.test(seqText)) return;
  const line = view.lines[Number(seqText) - 1];
  if (!line || line.workerName !== name) {
    const other = view.lines.find((l) => l.workerName === name);
    err(
      '姓名',
      line
        ? `序号 ${seqText} 是“${line.workerName}”，不是“${name}”`
        : `评分表上没有序号 ${seqText}${other ? `（“${name}”的序号是 ${view.lines.indexOf(other) + 1}）` : ''}`,
    );
    return;
  }
  const before = ctx.seen.get(line.id);
  if (before !== undefined) {
    err('姓名', `“${name}”（序号 ${seqText}）在第 ${before} 行已出现过`);
    return;
  }
  ctx.seen.set(line.id, row.rowNumber);
  const typed = cols.reason === null ? '' : cellText(row.cells[cols.reason] ?? null);
  const reason = typed && typed !== exportedReasons.get(line.id) ? typed.slice(0, 200) : PAPER_REASON;
  for (const it of line.items) {
    const c = cols.items.get(it.key);
    if (c === undefined) continue;
    const column = scoreHeader(it);
    const p = readPoints(row.cells[c] ?? null);
    if (p.problem) {
      err(column, p.problem);
      continue;
    }
    if (p.x10 === null || p.x10 === it.scoreX10) continue;
    const max = ctx.view.caps.get(it.key)!;
    if (p.x10 < 0 || p.x10 > max) {
      err(column, `${formatPoints(p.x10)} 超出范围，应在 0 至 ${formatPoints(max)} 分之间`);
      continue;
    }
    ctx.changes.push({
      lineId: line.id,
      workerName: line.workerName,
      item: it.name,
      itemKey: it.key,
      fromX10: it.scoreX10,
      toX10: p.x10,
      reason: p.x10 === it.suggestedX10 ? '' : reason,
    });
  }
}

/**
 * What the file would change on the sheet. `caps` gives each item's maximum (full marks or cap),
 * `exportedReasons` the 调整理由 text the export wrote per line (unchanged text is no new reason).
 */
export async function readScoredSheet(
  file: string,
  view: SheetView,
  caps: Map<string, number>,
  exportedReasons: Map<number, string>,
): Promise<{ changes: Change[]; errors: Problem[] }> {
  const source = await readSource(file);
  const items = view.lines[0]?.items ?? [];
  for (const sheet of source.sheets) {
    const cols = findColumns(sheet, items);
    if (!cols) continue;
    const ctx: Context = {
      view: { ...view, caps },
      cols,
      sheetName: sheet.name,
      errors: [],
      changes: [],
      seen: new Map(),
    };
    for (const it of items) {
      if (!cols.items.has(it.key))
        ctx.errors.push({
          sheet: sheet.name,
          row: cols.headerRow,
          column: columnLetter(cols.seq),
          message: `找不到“${scoreHeader(it)}”列，请用导出的评分表填写`,
        });
    }
    for (const row of sheet.rows) if (row.rowNumber > cols.headerRow) readRow(ctx, row, exportedReasons);
    return { changes: ctx.changes, errors: ctx.errors };
  }
  const first = source.sheets[0]?.name ?? '';
  return {
    changes: [],
    errors: [{ sheet: first, row: 1, column: '', message: '没有找到“序号”“姓名”表头，这不是导出的考核评分表' }],
  };
}
