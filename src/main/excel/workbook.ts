/** Shared look of every workbook GridDesk writes: title row, info row, frozen bold header. */
import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  width: number;
  /** Stored as text (ID numbers, codes, phones): Excel must never turn them into numbers. */
  text?: boolean;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique within the workbook. */
export function safeSheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 28)}(${i})`;
  used.add(candidate);
  return candidate;
}

type AnyWorksheet = ExcelJS.Worksheet;

/** Writes the title (merged), an info line and the header; returns the header row number (3). */
export function writeHead(ws: AnyWorksheet, title: string, info: string, columns: Column[]): number {
  ws.columns = columns.map((c) => ({ width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { name: FONT, size: 16, bold: true };
  titleRow.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  ws.mergeCells(1, 1, 1, columns.length);
  const infoRow = ws.addRow([info]);
  infoRow.font = { name: FONT, size: 10 };
  ws.mergeCells(2, 1, 2, columns.length);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { name: FONT, size: 11, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 22;
  header.eachCell((cell) => {
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4F5' } };
  });
  return 3;
}

/** Adds a data row; text columns are written as strings with the text format. */
export function addDataRow(ws: AnyWorksheet, columns: Column[], values: (string | number | null)[]): ExcelJS.Row {
  const row = ws.addRow(values.map((v, i) => (columns[i]?.text && v !== null ? String(v) : v)));
  row.font = { name: FONT, size: 11 };
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.border = BORDER;
    if (c.text) cell.numFmt = '@';
  });
  return row;
}
