/**
 * Guards for the importer: each test catches one small bug that slipped past the other tests
 * (issue 8, "Tests that catch what they guard"). Every file is a real xlsx or CSV, imported
 * through the dispatcher like the app and the CLI do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/shared/imports';
import { dispatch } from '../../src/main/ipc/dispatch';
import { runImport } from '../../src/main/import/run';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
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
const HOUSEHOLD_HEADER = ['序号', '镇', '村', '组', '网格编码', '户主姓名', '身份证号', '联系电话', '住址', '家庭人口'];

function workerRow(code: string, name: string, id: Cell, phone: string, start = '2021-03-01'): Cell[] {
  return ['温水镇', '许坪村', '一组', '四级', code, name, '男', id, phone, start];
}

function householdRow(n: number, code: string, head: string, members: Cell, id: Cell = ''): Cell[] {
  return [n, '温水镇', '许坪村', '一组', code, head, id, '', `许坪村一组${n}号`, members];
}

async function importFile(file: string): Promise<ImportResult> {
  return app.call('import/commit', { file });
}

function count(table: string): number {
  return (app.ctx.handle.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

describe('IDs Excel turned into numbers', () => {
  it('reports an ID written as text in scientific notation as stored as a number, never as a typo', async () => {
    const file = path.join(dir, 'sci.xlsx');
    const rows = await writeWorkbook(file, [
      {
        name: '许坪村',
        header: WORKER_HEADER,
        rows: [
          workerRow('11010101', '王强', '6.10327E+17', '19499547576'),
          workerRow('11010102', '段红民', '6.10327e17', '18230855409'),
        ],
        textColumns: [7],
      },
    ]);
    const r = await importFile(file);
    expect(r.committed).toBe(false);
    const [first, second] = rows['许坪村']!;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [first, '身份证号'],
      [second, '身份证号'],
    ]);
    expect(r.errors[0]!.message).toContain('被 Excel 存成了数字（这一格是“6.10327E+17”）');
    expect(r.errors[1]!.message).toContain('存成了数字');
    expect(count('workers')).toBe(0);
  });

  it('says the same of a CSV, where every cell is text', async () => {
    const file = path.join(dir, 'sci.csv');
    fs.writeFileSync(
      file,
      `${WORKER_HEADER.join(',')}\n${workerRow('11010101', '王强', '6.10327E+17', '19499547576').join(',')}\n`,
    );
    const r = await importFile(file);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: '身份证号', message: expect.stringContaining('存成了数字') });
  });
});

describe('rows a roster carries besides its records', () => {
  it('skips 合计 footers written with spaces in them, wherever the clerk typed them', async () => {
    const file = path.join(dir, 'footer.xlsx');
    await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [householdRow(1, '11010101', '张一', 3), householdRow(2, '11010101', '李二', 4)],
        footer: [
          [null, null, null, null, null, '合  计', null, null, null, 7],
          ['合\u3000计', null, null, null, '11010101', '合 计', null, null, null, 7],
          ['总 计', null, null, null, null, null, null, null, null, '7人'],
        ],
        textColumns: [4],
      },
    ]);
    const r = await importFile(file);
    expect(r.errors).toEqual([]);
    expect(r.sheets[0]).toMatchObject({ records: 2, skippedRows: 3 });
    expect(r.created.households).toBe(2);
    const heads = (await app.call('households/list', {})).rows.map((h) => h.headName);
    expect(heads.sort()).toEqual(['张一', '李二'].sort());
  });
});

describe('how villages write numbers and headers', () => {
  it('reads household sizes typed with full-width digits', async () => {
    const file = path.join(dir, 'fullwidth.xlsx');
    await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          householdRow(1, '11010101', '张一', '４'),
          householdRow(2, '11010101', '李二', '１２'),
          householdRow(3, '11010101', '王三', '５人'),
        ],
        textColumns: [4, 9],
      },
    ]);
    const r = await importFile(file);
    expect(r.errors).toEqual([]);
    const rows = (await app.call('households/list', {})).rows;
    expect(rows.map((h) => [h.headName, h.members]).sort()).toEqual(
      [
        ['张一', 4],
        ['李二', 12],
        ['王三', 5],
      ].sort(),
    );
  });

  it('recognises headers that carry a note in brackets: 姓名（必填）, 身份证号(必填), 任职日期（格式：…）', async () => {
    const file = path.join(dir, 'notes.xlsx');
    const header = [
      '镇',
      '村',
      '组',
      '级别（必填）',
      '网格编码（必填）',
      '姓名（必填）',
      '性别（选填）',
      '身份证号(必填)',
      '联系电话（必填）',
      '任职日期（格式：2021-03-01）',
    ];
    await writeWorkbook(file, [
      {
        name: 'Sheet1',
        header,
        rows: [workerRow('11010101', '王强', makeId('1992-07-09', 72, '男'), '19499547576', '2021-05-01')],
        textColumns: [4, 7, 8],
      },
    ]);
    const r = await importFile(file);
    expect(r.errors).toEqual([]);
    expect(r.sheets[0]!.kind).toBe('workers');
    expect(Object.keys(r.sheets[0]!.mapping).sort()).toEqual(
      ['township', 'village', 'group', 'level', 'gridCode', 'name', 'gender', 'idNumber', 'phone', 'startDate'].sort(),
    );
    const [w] = (await app.call('workers/list', {})).rows;
    const detail = await app.call('workers/get', { id: w!.id });
    expect([detail.name, detail.phone, detail.assignments[0]!.startDate]).toEqual([
      '王强',
      '19499547576',
      '2021-05-01',
    ]);
  });

  it('recognises a household roster whose 户主姓名 column says it is required', async () => {
    const file = path.join(dir, 'households-notes.xlsx');
    await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER.map((h) => (h === '户主姓名' ? '户主姓名（必填）' : h)),
        rows: [householdRow(1, '11010101', '张一', 3)],
        textColumns: [4],
      },
    ]);
    const r = await importFile(file);
    expect(r.errors).toEqual([]);
    expect(r.created.households).toBe(1);
  });
});

describe('what an import changes', () => {
  it("ends the previous holder's assignment when a roster gives the grid to someone else", async () => {
    const first = path.join(dir, 'first.xlsx');
    const wangId = makeId('1992-07-09', 72, '男');
    const liId = makeId('1985-02-14', 40, '女');
    await writeWorkbook(first, [
      {
        name: 'Sheet1',
        header: WORKER_HEADER,
        rows: [workerRow('11010101', '王强', wangId, '19499547576')],
        textColumns: [4, 7],
      },
    ]);
    expect((await importFile(first)).created).toMatchObject({ workers: 1, assignments: 1 });

    const second = path.join(dir, 'second.xlsx');
    const newcomer = workerRow('11010101', '李秀英', liId, '13912345678', '2024-05-01');
    newcomer[6] = '女';
    await writeWorkbook(second, [{ name: 'Sheet1', header: WORKER_HEADER, rows: [newcomer], textColumns: [4, 7] }]);
    const r = await importFile(second);
    expect(r.errors).toEqual([]);
    expect(r.created).toMatchObject({ workers: 1, assignments: 1 });
    expect(r.updated.assignments).toBe(1);

    const grid = await app.call('grids/byCode', { code: '11010101' });
    const history = await app.call('grids/assignments', { id: grid.id });
    const terms = history.map((a) => [a.workerName, a.startDate, a.endDate]).sort();
    expect(terms).toEqual([
      ['李秀英', '2024-05-01', null],
      ['王强', '2021-03-01', '2024-05-01'],
    ]);
    // The grid has one current worker, and it is the newcomer.
    expect(grid.workers).toEqual(['李秀英']);
  });

  it('leaves nothing behind when a write fails midway: grids, workers and households go in together or not at all', async () => {
    const file = path.join(dir, 'two-kinds.xlsx');
    await writeWorkbook(file, [
      {
        name: '网格员',
        header: WORKER_HEADER,
        rows: [workerRow('11010101', '王强', makeId('1992-07-09', 72, '男'), '19499547576')],
        textColumns: [4, 7],
      },
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          householdRow(1, '11010101', '张一', 3),
          householdRow(2, '11010102', '故障户', 2),
          householdRow(3, '11010102', '李二', 4),
        ],
        textColumns: [4],
      },
    ]);
    // A real failure inside SQLite, after the grids and the worker are written.
    app.ctx.handle.sqlite.exec(`create trigger fail_midway before insert on households
      when new.head_name = '故障户' begin select raise(abort, '模拟写入中途失败'); end`);
    const tables = ['grids', 'workers', 'assignments', 'households', 'audit_log'];
    const before = tables.map(count);

    const viaDispatcher = await dispatch(app.ctx, 'import/commit', { file });
    expect(viaDispatcher.ok).toBe(false);
    expect(tables.map(count)).toEqual(before);

    // The importer's own commit is one transaction too, whoever calls it.
    await expect(runImport(app.ctx.handle.db, file)).rejects.toThrow('模拟写入中途失败');
    expect(tables.map(count)).toEqual(before);

    app.ctx.handle.sqlite.exec('drop trigger fail_midway');
    expect((await importFile(file)).created).toMatchObject({ grids: 5, workers: 1, households: 3 });
  });

  it('finds households without ID numbers again on a second import instead of adding them twice', async () => {
    const file = path.join(dir, 'no-ids.xlsx');
    await writeWorkbook(file, [
      {
        name: '住户',
        header: HOUSEHOLD_HEADER,
        rows: [
          householdRow(1, '11010101', '张一', 3),
          householdRow(2, '11010101', '李二', 4),
          householdRow(3, '11010102', '王三', 2),
          householdRow(4, '11010102', '赵四', 1, makeId('1950-02-03', 5, '男')),
        ],
        textColumns: [4, 6],
      },
    ]);
    expect((await importFile(file)).created.households).toBe(4);
    const again = await importFile(file);
    expect(again.errors).toEqual([]);
    expect(again.created.households).toBe(0);
    expect(again.unchanged.households).toBe(4);
    expect(count('households')).toBe(4);
  });
});
