/**
 * Guards for roster exports (issue 8, "Tests that catch what they guard"): an 18-digit ID the
 * export writes as a number, or in a column Excel treats as numbers, comes back with its last
 * digits gone the first time a clerk edits the cell.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

/** The cells of a header's column below the header row (row 3), as written in the file. */
function column(ws: ExcelJS.Worksheet, header: string): ExcelJS.Cell[] {
  const headerRow = ws.getRow(3);
  let index = 0;
  headerRow.eachCell((cell, col) => {
    if (cell.value === header) index = col;
  });
  expect(index, `column ${header}`).toBeGreaterThan(0);
  const cells: ExcelJS.Cell[] = [];
  for (let r = 4; r <= ws.rowCount; r++) cells.push(ws.getRow(r).getCell(index));
  return cells;
}

describe('household export', () => {
  it('stores ID numbers (and phones, door numbers) as text in a text-formatted column', async () => {
    const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    const v = await app.call('grids/create', { parentId: town.id, level: 2, name: '许坪村', code: '1101', kind: '村' });
    const g = await app.call('grids/create', { parentId: v.id, level: 3, name: '一组', code: '110101' });
    const hh = await app.call('grids/create', { parentId: g.id, level: 4, name: '一组第1网格', code: '11010101' });
    const ids = [makeId('1950-02-03', 5, '男'), makeId('1962-04-02', 11, '女')];
    await app.call('households/create', { gridId: hh.id, headName: '张一', idNumber: ids[0], phone: '13900001111' });
    await app.call('households/create', { gridId: hh.id, headName: '李二', idNumber: ids[1], doorNumber: '007' });

    for (const perVillage of [true, false]) {
      const out = path.join(dir, `households-${perVillage}.xlsx`);
      await app.call('export/households', { out, perVillage });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.worksheets[0]!;
      const idCells = column(ws, '身份证号');
      expect(idCells.map((c) => c.value)).toEqual(ids);
      for (const c of idCells) {
        expect(c.type).toBe(ExcelJS.ValueType.String);
        expect(c.numFmt).toBe('@');
      }
      const phone = column(ws, '联系电话')[0]!;
      expect([phone.value, phone.numFmt]).toEqual(['13900001111', '@']);
      expect(column(ws, '门牌号')[1]!.value).toBe('007');
    }
  });
});
