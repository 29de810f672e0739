/**
 * Issue 9, item 10: what a clerk meets importing a messy roster — the rows a commit skipped can
 * still be sent back, an unreadable file is only its message, every message says what a cell
 * holds (never NaN), every row error names the person, a column mapped to two fields is refused,
 * and the holders a roster would replace are named before the commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/shared/imports';
import { runImport } from '../../src/main/import/run';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { rowXml, sheetXml, xlsxItems, zipBuffer, type XCell } from '../helpers/hostile';
import { makeId } from '../helpers/people';
import { writeWorkbook, type Cell } from '../helpers/xlsx';

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

const WORKER_HEADER = ['镇', '村', '组', '级别', '网格编码', '姓名', '性别', '身份证号', '联系电话', '任职日期'];
const HOUSEHOLD_HEADER = ['镇', '村', '组', '网格编码', '户主姓名', '身份证号', '联系电话', '住址', '家庭人口'];
const place = ['温水镇', '许坪村', '一组'];

function workerRow(code: string, name: string, id: Cell, phone = '13912345678', start: Cell = '2021-03-01'): Cell[] {
  return [...place, '四级', code, name, '男', id, phone, start];
}

function tableCounts(): Record<string, number> {
  const { sqlite } = app.ctx.handle;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
    name: string;
  }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) n from "${name}"`).get() as { n: number }).n]),
  );
}

/** The 错误说明 column of an error workbook: row number → what it says. */
async function markedRows(file: string, sheet: string): Promise<Record<number, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const header = ws.getRow(1);
  let col = 0;
  header.eachCell((c, i) => (c.value === '错误说明' ? (col = i) : undefined));
  const marked: Record<number, string> = {};
  ws.eachRow((row, n) => {
    const v = row.getCell(col).value;
    if (n > 1 && v) marked[n] = String(v);
  });
  return marked;
}

describe('the rows a commit skipped', () => {
  it('are the rows the error workbook marks after the commit, even when a second check would pass them', async () => {
    const file = path.join(dir, '住户.xlsx');
    // Row 2 names its grid by code alone, before row 3 builds that grid: row 2 cannot be placed
    // and is skipped. Checked again after the commit, the grid exists and row 2 would pass.
    const rows = await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          ['', '', '', '11010102', '李秀英', '', '', '许坪村一组1号', 3],
          [...place, '11010102', '张国富', '', '', '许坪村一组2号', 5],
        ],
        textColumns: [3],
      },
    ]);
    const done = await app.call('import/commit', { file, skipInvalid: true });
    expect(done.committed).toBe(true);
    const skipped = rows['住户']![0]!;
    expect(done.errors.map((e) => e.row)).toEqual([skipped]);

    const out = path.join(dir, '未导入.xlsx');
    const saved = await app.call('import/errorWorkbook', { file, out, errors: done.errors });
    expect(saved.rows).toBe(1);
    expect(Object.keys(await markedRows(out, '住户'))).toEqual([String(skipped)]);
    // The file checked again no longer finds the skipped row wrong: that is why the commit's list is passed.
    expect((await app.call('import/analyze', { file })).errors).toEqual([]);
  });
});

describe('a file that cannot be read', () => {
  it('is its message alone: no sheets, no counts to show', async () => {
    const file = path.join(dir, 'old.xls');
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    );
    const r = await app.call('import/analyze', { file });
    expect(r.fileError).toMatch(/97-2003.*另存为/);
    expect(r.sheets).toEqual([]);
    expect(r.replaced).toEqual([]);
    // A clean file has none.
    const good = path.join(dir, 'good.xlsx');
    await writeWorkbook(good, [
      { name: '网格员', header: WORKER_HEADER, rows: [workerRow('11010101', '王强', makeId('1990-01-01', 1, '男'))] },
    ]);
    expect((await app.call('import/analyze', { file: good })).fileError).toBeNull();
  });
});

// ---- cells as Excel stores them, written byte by byte (styles included)

const STYLES = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;

type RawCell = XCell | { xml: string };

/** A row whose cells may be raw XML (a typed or styled cell), the others as rowXml writes them. */
function rawRow(r: number, cells: RawCell[]): string {
  const parts = cells.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`;
    if (v !== null && typeof v === 'object') return v.xml.replace('<c ', `<c r="${ref}" `);
    return rowXml(r, [v], i).replace(/^<row r="\d+">|<\/row>$/g, '');
  });
  return `<row r="${r}">${parts.join('')}</row>`;
}

function writeStyledXlsx(file: string, sheets: { name: string; rows: string }[]): void {
  const items = xlsxItems(sheets.map((s) => ({ name: s.name, xml: sheetXml(s.rows) })));
  const rels = items.find((i) => i.name === 'xl/_rels/workbook.xml.rels')!;
  rels.data = String(rels.data).replace(
    '</Relationships>',
    '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  items.push({ name: 'xl/styles.xml', data: STYLES });
  fs.writeFileSync(file, zipBuffer(items));
}

const num = (v: string, style = 0) => ({ xml: `<c${style ? ` s="${style}"` : ''}><v>${v}</v></c>` });
const typed = (t: string, v: string) => ({ xml: `<c t="${t}"><v>${v}</v></c>` });

describe('messages about cells', () => {
  it('say what a cell holds and what to do: never NaN, Infinity, undefined or [object Object]', async () => {
    const file = path.join(dir, 'odd.xlsx');
    const id = (n: number) => makeId('1980-01-01', n, '男');
    const workers: RawCell[][] = [
      // ID cells: a long number (General), the same in a date-formatted column, beyond any double,
      // "NaN" typed as a number, a logical value, a real date, an error value.
      ['一组第1网格', '王一', num('6.10327198001011E+17'), '13912345671', '2021-03-01'],
      ['一组第2网格', '王二', num('610327198001011000', 1), '13912345672', '2021-03-01'],
      ['一组第3网格', '王三', num('1E+400'), '13912345673', '2021-03-01'],
      ['一组第4网格', '王四', num('NaN'), '13912345674', '2021-03-01'],
      ['一组第5网格', '王五', typed('b', '1'), '13912345675', '2021-03-01'],
      ['一组第6网格', '王六', num('44000', 1), '13912345676', '2021-03-01'],
      ['一组第7网格', '王七', typed('e', '#VALUE!'), '13912345677', '2021-03-01'],
      // Other columns: dates beyond any calendar, a logical value as a phone or a date.
      ['一组第8网格', '王八', id(8), '13912345678', num('1E+400')],
      ['一组第9网格', '王九', id(9), typed('b', '0'), num('9E+99', 1)],
      ['一组第10网格', '王十', id(10), num('1E+400'), typed('b', '1')],
    ];
    const households: RawCell[][] = [
      ['一组第1网格', '李一', num('1E+400')],
      ['一组第1网格', '李二', typed('b', '1')],
      ['一组第1网格', '李三', num('44000', 1)],
    ];
    writeStyledXlsx(file, [
      {
        name: '网格员',
        rows:
          rawRow(1, ['镇', '村', '组', '网格名称', '姓名', '身份证号', '联系电话', '任职日期']) +
          workers.map((r, i) => rawRow(i + 2, ['温水镇', '许坪村', '一组', ...r])).join(''),
      },
      {
        name: '住户',
        rows:
          rawRow(1, ['镇', '村', '组', '网格名称', '户主姓名', '家庭人口']) +
          households.map((r, i) => rawRow(i + 2, ['温水镇', '许坪村', '一组', ...r])).join(''),
      },
    ]);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(r.fileError).toBeNull();
    const text = r.errors.map((e) => `${e.sheet}|${e.row}|${e.column}|${e.person}|${e.message}`);
    for (const line of text) expect(line).not.toMatch(/NaN|undefined|\[object|Infinity|Invalid Date|null/i);
    const at = (sheet: string, row: number, column: string) =>
      r.errors
        .filter((e) => e.sheet === sheet && e.row === row && e.column === column)
        .map((e) => e.message)
        .join('；');
    expect(at('网格员', 2, '身份证号')).toContain('被 Excel 存成了数字（这一格是数字 6.10327E+17）');
    expect(at('网格员', 3, '身份证号')).toContain('被 Excel 存成了数字（这一格是数字 6.10327E+17）');
    expect(at('网格员', 4, '身份证号')).toContain('这一格是一个无法识别的数字');
    expect(at('网格员', 5, '身份证号')).toContain('身份证号应为 18 位');
    expect(at('网格员', 6, '身份证号')).toContain('这一格是逻辑值 TRUE，不是身份证号。请把这一列设置为“文本”格式');
    expect(at('网格员', 7, '身份证号')).toContain('这一格是日期 2020-06-18，不是身份证号');
    expect(at('网格员', 8, '身份证号')).toBe('身份证号不能为空');
    expect(at('网格员', 9, '任职日期')).toContain('无法识别的日期（这一格是一个无法识别的数字），请写成 2021-03-01');
    expect(at('网格员', 10, '联系电话')).toContain('联系电话“FALSE”有误');
    expect(at('网格员', 10, '任职日期')).toContain('这一格是数字 9E+99');
    expect(at('网格员', 11, '联系电话')).toBe(
      '联系电话这一格是一个无法识别的数字，请填写 11 位手机号或带区号的固定电话',
    );
    expect(at('网格员', 11, '任职日期')).toContain('这一格是逻辑值 TRUE');
    expect(at('住户', 2, '家庭人口')).toBe('家庭人口应为 1–50 的整数，这一格是一个无法识别的数字');
    expect(at('住户', 3, '家庭人口')).toBe('家庭人口应为 1–50 的整数，这一格是逻辑值 TRUE');
    expect(at('住户', 4, '家庭人口')).toBe('家庭人口应为 1–50 的整数，这一格是日期 2020-06-18');
  });
});

describe('row errors', () => {
  it('name the person of the row: 姓名 on a worker roster, 户主姓名 on a household roster', async () => {
    const file = path.join(dir, 'people.xlsx');
    const dup = makeId('1970-02-02', 5, '女');
    const rows = await writeWorkbook(file, [
      {
        name: '网格员',
        header: WORKER_HEADER,
        rows: [
          workerRow('11010101', '王　强', '610327196404259190'),
          workerRow('11010102', '段红民', makeId('1964-04-25', 19, '男'), '12345'),
          workerRow('11010103', '', makeId('1990-04-25', 19, '男')),
        ],
        textColumns: [7],
      },
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          [...place, '11010101', '李秀英', dup, '', '1号', 3],
          [...place, '11010101', '张国富', dup, '', '2号', 3],
        ],
        textColumns: [5],
      },
    ]);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    const [wang, duan, nobody] = rows['网格员']!;
    const [, zhang] = rows['住户']!;
    expect(r.errors.map((e) => [e.sheet, e.row, e.column, e.person])).toEqual([
      ['住户', zhang, '身份证号', '张国富'], // found while planning: the same ID as the row above
      ['网格员', wang, '身份证号', '王强'],
      ['网格员', duan, '联系电话', '段红民'],
      ['网格员', nobody, '姓名', ''],
    ]);
  });

  it('never repeat an ID number found in the name column, and cut what is too long to be a name', async () => {
    const file = path.join(dir, 'swapped.xlsx');
    const id = makeId('1980-03-03', 7, '男');
    await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          [...place, '11010101', id, '', '', '1号', 3],
          [...place, '11010101', '某'.repeat(40), '', '', '2号', 3],
        ],
        textColumns: [4],
      },
    ]);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(r.errors.map((e) => e.person)).toEqual([`${id.slice(0, 6)}********${id.slice(-4)}`, `${'某'.repeat(20)}…`]);
  });
});

describe('a column mapped to two fields', () => {
  it('is named with both fields and refused, even when the clerk skips invalid rows', async () => {
    const file = path.join(dir, 'map.xlsx');
    await writeWorkbook(file, [
      {
        name: '网格员',
        header: WORKER_HEADER,
        rows: [workerRow('11010101', '王强', makeId('1990-01-01', 1, '男'))],
        textColumns: [7],
      },
    ]);
    const before = tableCounts();
    // H (身份证号, index 7) also chosen for 联系电话.
    const overrides = { 网格员: { mapping: { phone: 7 } } };
    const preview = await app.call('import/analyze', { file, overrides });
    expect(preview.errors).toEqual([
      {
        sheet: '网格员',
        row: 1,
        column: '身份证号',
        person: '',
        message: 'H 列“身份证号”同时对应了“身份证号”和“联系电话”：一列只能对应一个字段，请在列对应中改正后再导入',
      },
    ]);
    const r: ImportResult = await app.call('import/commit', { file, overrides, skipInvalid: true });
    expect(r.committed).toBe(false);
    expect(tableCounts()).toEqual(before);
  });
});

describe('holders a roster replaces', () => {
  it('are named with their grid (from the village down) and who takes over, before anything is written', async () => {
    const first = path.join(dir, 'first.xlsx');
    await writeWorkbook(first, [
      {
        name: '网格员',
        header: WORKER_HEADER,
        rows: [
          workerRow('11010101', '王强', makeId('1990-01-01', 1, '男')),
          workerRow('11010102', '段红民', makeId('1964-04-25', 19, '男')),
        ],
        textColumns: [7],
      },
    ]);
    expect((await app.call('import/commit', { file: first })).committed).toBe(true);
    const second = path.join(dir, 'second.xlsx');
    await writeWorkbook(second, [
      {
        name: '网格员',
        header: WORKER_HEADER,
        rows: [
          workerRow('11010101', '李建国', makeId('1985-06-06', 3, '男')),
          workerRow('11010102', '段红民', makeId('1964-04-25', 19, '男')),
        ],
        textColumns: [7],
      },
    ]);
    const before = tableCounts();
    const preview = await app.call('import/analyze', { file: second });
    expect(preview.replaced).toEqual([
      { name: '王强', grid: '许坪村 / 一组 / 一组第1网格', role: '网格员', by: ['李建国'] },
    ]);
    expect(tableCounts()).toEqual(before);
    expect((await app.call('import/analyze', { file: first })).replaced).toEqual([]);
  });
});
