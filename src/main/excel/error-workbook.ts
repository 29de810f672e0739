/**
 * The workbook a clerk sends back to a village: the original rows, each problem row marked,
 * with an added 错误说明 column saying what to fix.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import type { RowError } from '../import/parse';
import { readSource } from '../import/source';

export async function writeErrorWorkbook(
  source: string,
  errors: RowError[],
  headerRows: Record<string, number | null>,
  out: string,
): Promise<{ rows: number }> {
  const file = await readSource(source);
  const bySheetRow = new Map<string, string[]>();
  for (const e of errors) {
    const key = `${e.sheet}|${e.row}`;
    bySheetRow.set(key, [...(bySheetRow.get(key) ?? []), `${e.column}：${e.message}`]);
  }
  const wb = new ExcelJS.Workbook();
  let marked = 0;
  for (const sheet of file.sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31));
    const width = Math.max(0, ...sheet.rows.map((r) => r.cells.length));
    const headerRow = headerRows[sheet.name] ?? null;
    for (const r of sheet.rows) {
      const row = ws.getRow(r.rowNumber);
      r.cells.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        cell.value = v;
        if (typeof v === 'string' && /^\d{15,}$/.test(v)) cell.numFmt = '@';
      });
      const messages = bySheetRow.get(`${sheet.name}|${r.rowNumber}`);
      if (r.rowNumber === headerRow) {
        const c = row.getCell(width + 1);
        c.value = '错误说明';
        c.font = { bold: true, color: { argb: 'FFC00000' } };
      }
      if (messages) {
        marked += 1;
        const c = row.getCell(width + 1);
        c.value = messages.join('；');
        c.font = { color: { argb: 'FFC00000' } };
        for (let i = 1; i <= width + 1; i++) {
          row.getCell(i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
        }
      }
    }
    ws.getColumn(width + 1).width = 60;
  }
  await writeAtomically(out, (file) => wb.xlsx.writeFile(file));
  return { rows: marked };
}
