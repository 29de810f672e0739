/**
 * 考核评分表 for signatures: title (村 + 期间 + 考核评分表), the scheme line, one row per worker
 * (序号, 姓名, 网格, the counts, each item's suggested and given points, 合计, 等次, 调整理由, 签字)
 * and the 评分人 / 审核人 / 日期 footer; A4 landscape, the header row repeated on every page.
 * The importer reads this same layout back (src/main/import/evaluation-scores.ts): a header's
 * text is what ties a column to its item, so both sides take them from `evaluationColumns`.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { BORDER } from './workbook';

const FONT = 'SimSun';
/** The header row, repeated on every printed page. */
export const EVAL_HEADER_ROW = 3;

export interface EvalSheetItem {
  key: string;
  name: string;
}

export interface EvalSheetRow {
  name: string;
  grids: string;
  counts: number[];
  /** Per item, in the items' order. */
  suggested: number[];
  scores: number[];
  total: number;
  grade: string;
  reasons: string;
}

export interface EvalSheetHead {
  /** 许坪村2026年3月考核评分表 */
  title: string;
  /** 考核方案：… ；第 2 版… */
  info: string;
  scorer: string;
  reviewer: string;
  date: string;
  countHeaders: string[];
  items: EvalSheetItem[];
}

export const suggestedHeader = (item: EvalSheetItem) => `${item.name}建议分`;
export const scoreHeader = (item: EvalSheetItem) => `${item.name}得分`;
export const REASON_HEADER = '调整理由';

/** Every column of the sheet, with its width. */
export function evaluationColumns(
  h: Pick<EvalSheetHead, 'countHeaders' | 'items'>,
): { header: string; width: number }[] {
  return [
    { header: '序号', width: 5 },
    { header: '姓名', width: 9 },
    { header: '网格', width: 16 },
    ...h.countHeaders.map((c) => ({ header: c, width: 8 })),
    ...h.items.flatMap((it) => [
      { header: suggestedHeader(it), width: 9 },
      { header: scoreHeader(it), width: 9 },
    ]),
    { header: '合计', width: 7 },
    { header: '等次', width: 8 },
    { header: REASON_HEADER, width: 18 },
    { header: '签字', width: 10 },
  ];
}

function head(ws: ExcelJS.Worksheet, h: EvalSheetHead, n: number): void {
  const title = ws.addRow([h.title]);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  ws.mergeCells(1, 1, 1, n);
  const info = ws.addRow([h.info]);
  info.font = { name: FONT, size: 10 };
  ws.mergeCells(2, 1, 2, n);
  const header = ws.getRow(EVAL_HEADER_ROW);
  header.values = evaluationColumns(h).map((c) => c.header);
  header.font = { name: FONT, size: 10, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 42;
  header.eachCell((cell) => (cell.border = BORDER));
}

export function writeEvaluationSheet(out: string, h: EvalSheetHead, rows: EvalSheetRow[]): Promise<{ rows: number }> {
  return writeAtomically(out, async (file) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核评分表', {
      views: [{ state: 'frozen', ySplit: EVAL_HEADER_ROW, xSplit: 2 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${EVAL_HEADER_ROW}:${EVAL_HEADER_ROW}`,
        horizontalCentered: true,
      },
    });
    const columns = evaluationColumns(h);
    ws.columns = columns.map((c) => ({ width: c.width }));
    head(ws, h, columns.length);
    rows.forEach((r, i) => {
      // Points in tenths until the cell: 925 → 92.5, a number the clerk can sum and retype.
      const values = [
        i + 1,
        r.name,
        r.grids,
        ...r.counts,
        ...r.suggested.flatMap((s, k) => [s / 10, r.scores[k]! / 10]),
        r.total / 10,
        r.grade,
        r.reasons,
        '',
      ];
      const row = ws.addRow(values);
      row.font = { name: FONT, size: 10 };
      row.alignment = { vertical: 'middle', wrapText: true };
      columns.forEach((_, c) => (row.getCell(c + 1).border = BORDER));
    });
    ws.addRow([]);
    const foot = ws.addRow([`评分人：${h.scorer}`]);
    foot.getCell(Math.max(4, Math.floor(columns.length / 2))).value = `审核人：${h.reviewer}`;
    foot.getCell(Math.max(6, columns.length - 2)).value = `日期：${h.date}`;
    foot.font = { name: FONT, size: 11 };
    await wb.xlsx.writeFile(file);
    return { rows: rows.length };
  });
}
