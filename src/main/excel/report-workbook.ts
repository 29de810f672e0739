/**
 * 报送报表: six sheets in the government layout — merged title, 填报单位（盖章）and 填报日期 line,
 * a units line, a two-level bold header, one row per village (or township), a 合计 row; frozen
 * panes, A4 landscape with the header rows repeated. Numbers are stored as numbers: rates as
 * fractions shown as percentages, money as 元 from integer 分.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { BORDER } from './workbook';

/** How a cell's number is stored and shown. */
export type CellKind = 'count' | 'rate' | 'money';

export interface ReportColumn<R> {
  header: string;
  /** The upper header spanning neighbouring columns with the same group; none → merged down. */
  group?: string;
  width?: number;
  kind: CellKind;
  /** count: an integer; rate: per mille (null when nothing to divide); money: 分. */
  value: (row: R) => number | null;
}

export interface ReportSheet<R> {
  name: string;
  /** 单位：个、户 */
  units: string;
  columns: ReportColumn<R>[];
}

export interface ReportBookHead {
  /** 温水镇2026年第三季度网格化服务管理工作报表 */
  title: string;
  unit: string;
  /** 2026年11月28日 */
  date: string;
  /** 村（社区） or 乡镇 */
  rowHeader: string;
}

const FONT = 'SimSun';
const HEADER_TOP = 4;
const HEADER_BOTTOM = 5;
/** Total width (characters) a sheet keeps for its title. */
const MIN_WIDTH = 64;
const FORMATS: Record<CellKind, string> = { count: '0', rate: '0.0%', money: '0.00' };

function cellValue(kind: CellKind, v: number | null): number | null {
  if (v === null) return null;
  if (kind === 'rate') return v / 1000;
  if (kind === 'money') return v / 100;
  return v;
}

function writeTop<R>(ws: ExcelJS.Worksheet, h: ReportBookHead, sheet: ReportSheet<R>): void {
  const n = sheet.columns.length + 1;
  const title = ws.getRow(1);
  title.getCell(1).value = `${h.title}（${sheet.name}）`;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 44;
  ws.mergeCells(1, 1, 1, n);
  const info = ws.getRow(2);
  info.getCell(1).value = `填报单位（盖章）：${h.unit}`;
  const split = Math.max(2, n - 2);
  info.getCell(split).value = `填报日期：${h.date}`;
  info.font = { name: FONT, size: 11 };
  if (split > 2) ws.mergeCells(2, 1, 2, split - 1);
  if (n > split) ws.mergeCells(2, split, 2, n);
  const units = ws.getRow(3);
  units.getCell(n).value = sheet.units;
  units.getCell(n).alignment = { horizontal: 'right' };
  units.font = { name: FONT, size: 10 };
}

function writeHeader<R>(ws: ExcelJS.Worksheet, h: ReportBookHead, sheet: ReportSheet<R>): void {
  const top = ws.getRow(HEADER_TOP);
  const bottom = ws.getRow(HEADER_BOTTOM);
  top.getCell(1).value = h.rowHeader;
  ws.mergeCells(HEADER_TOP, 1, HEADER_BOTTOM, 1);
  let i = 0;
  while (i < sheet.columns.length) {
    const c = sheet.columns[i]!;
    const col = i + 2;
    if (c.group === undefined) {
      top.getCell(col).value = c.header;
      ws.mergeCells(HEADER_TOP, col, HEADER_BOTTOM, col);
      i += 1;
      continue;
    }
    let end = i;
    while (end + 1 < sheet.columns.length && sheet.columns[end + 1]!.group === c.group) end += 1;
    top.getCell(col).value = c.group;
    if (end > i) ws.mergeCells(HEADER_TOP, col, HEADER_TOP, end + 2);
    for (let j = i; j <= end; j++) bottom.getCell(j + 2).value = sheet.columns[j]!.header;
    i = end + 1;
  }
  for (const row of [top, bottom]) {
    row.font = { name: FONT, size: 11, bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.height = 24;
    for (let col = 1; col <= sheet.columns.length + 1; col++) row.getCell(col).border = BORDER;
  }
}

function writeBody<R>(ws: ExcelJS.Worksheet, sheet: ReportSheet<R>, label: string, row: R, bold: boolean): void {
  const r = ws.addRow([label, ...sheet.columns.map((c) => cellValue(c.kind, c.value(row)))]);
  r.font = { name: FONT, size: 11, bold };
  r.getCell(1).border = BORDER;
  sheet.columns.forEach((c, i) => {
    const cell = r.getCell(i + 2);
    cell.border = BORDER;
    cell.numFmt = FORMATS[c.kind];
    cell.alignment = { horizontal: 'right' };
  });
}

function addSheet<R extends { name: string }>(
  wb: ExcelJS.Workbook,
  h: ReportBookHead,
  sheet: ReportSheet<R>,
  rows: R[],
  total: R,
): void {
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_BOTTOM }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_TOP}:${HEADER_BOTTOM}`,
      horizontalCentered: true,
    },
  });
  // A narrow sheet (培训: two columns) still gives the title room: its columns widen, the title wraps.
  const widths = sheet.columns.map((c) => c.width ?? 10);
  const short = MIN_WIDTH - 16 - widths.reduce((a, b) => a + b, 0);
  const extra = short > 0 ? Math.ceil(short / widths.length) : 0;
  ws.columns = [{ width: 16 }, ...widths.map((w) => ({ width: w + extra }))];
  writeTop(ws, h, sheet);
  writeHeader(ws, h, sheet);
  for (const r of rows) writeBody(ws, sheet, r.name, r, false);
  writeBody(ws, sheet, '合计', total, true);
}

/** Writes the sheets in order, atomically (a temp file renamed over `out`). */
export function writeReportBook<R extends { name: string }>(
  out: string,
  h: ReportBookHead,
  sheets: ReportSheet<R>[],
  rows: R[],
  total: R,
): Promise<{ rows: number }> {
  return writeAtomically(out, async (file) => {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'GridDesk';
    for (const s of sheets) addSheet(wb, h, s, rows, total);
    await wb.xlsx.writeFile(file);
    return { rows: rows.length };
  });
}
