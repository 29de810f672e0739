import ExcelJS from 'exceljs';

export type Cell = string | number | Date | null | undefined;

export interface SheetSpec {
  name: string;
  /** Rows above the header: a merged title, a 填报单位 line… */
  preamble?: Cell[][];
  header: string[];
  rows: Cell[][];
  /** Rows after the data: 合计, 制表人… */
  footer?: Cell[][];
  /** Column indexes (0-based) to store as text. */
  textColumns?: number[];
}

/** Writes a real .xlsx the way villages' rosters look. Returns each data row's spreadsheet row number. */
export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<Record<string, number[]>> {
  const wb = new ExcelJS.Workbook();
  const rowNumbers: Record<string, number[]> = {};
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const p of s.preamble ?? []) ws.addRow(p);
    if (s.preamble?.length) ws.mergeCells(1, 1, 1, s.header.length);
    ws.addRow(s.header);
    rowNumbers[s.name] = [];
    for (const r of s.rows) {
      const row = ws.addRow(r);
      rowNumbers[s.name]!.push(row.number);
    }
    for (const f of s.footer ?? []) ws.addRow(f);
    for (const c of s.textColumns ?? []) ws.getColumn(c + 1).numFmt = '@';
  }
  await wb.xlsx.writeFile(file);
  return rowNumbers;
}
