import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportHouseholds, exportWorkers } from '../../src/main/services/exports/exports';
import { writeErrorWorkbook } from '../../src/main/excel/error-workbook';
import { writeTemplate } from '../../src/main/excel/template';
import { runImport } from '../../src/main/import/run';
import { readSource } from '../../src/main/import/source';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, setSavePath, tempDir, type TestApp } from '../helpers/context';
import { NO_RECORDS } from '../helpers/ledger';
import { dialogPaths } from '../../src/main/ipc/context';
import { makeId } from '../helpers/people';
import { writeTownshipRoster } from '../helpers/roster';
import { writeWorkbook } from '../helpers/xlsx';

/** A township's roster of 83 rows (72 people, 11 serving two grids), built once for the file. */
let SAMPLE: string;
beforeAll(async () => {
  SAMPLE = path.join(tempDir(), 'workers-sample.xlsx');
  expect(await writeTownshipRoster(SAMPLE)).toEqual({ rows: 83, workers: 72 });
});

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

async function snapshot(a: TestApp) {
  const workers = (await a.call('workers/list', { limit: 500 })).rows;
  const details = await Promise.all(workers.map((w) => a.call('workers/get', { id: w.id })));
  return details
    .map((d) => ({
      name: d.name,
      idNumber: d.idNumber,
      phone: d.phone,
      politicalStatus: d.politicalStatus,
      tags: [...d.tags].sort(),
      assignments: d.assignments.map((x) => [x.gridCode, x.role, x.title, x.startDate]).sort(),
    }))
    .sort((x, y) => (x.idNumber < y.idNumber ? -1 : 1));
}

describe('roster export', () => {
  it('exports the sample roster and imports it back into an empty database unchanged', async () => {
    const first = await runImport(app.ctx.handle.db, SAMPLE);
    expect(first.ok).toBe(true);
    const out = path.join(dir, '花名册.xlsx');
    const { rows } = await exportWorkers(app.ctx.handle.db, out, { now: new Date('2026-11-27T23:30:00Z') });
    expect(rows).toBe(83);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['温水镇（镇级）', '许坪村', '陈沟村', '郑家坡村']);
    const ws = wb.getWorksheet('许坪村')!;
    expect(ws.getCell('A1').value).toBe('温水镇许坪村网格员花名册');
    // Exported at 07:30 on the 28th in Beijing (23:30 UTC on the 27th): dated the 28th.
    expect(String(ws.getCell('A2').value)).toContain('导出日期：2026年11月28日');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const idCell = ws.getRow(4).getCell(10);
    expect(typeof idCell.value).toBe('string');
    expect(idCell.numFmt).toBe('@');

    const other = await openTestApp(tempDir());
    const back = await runImport(other.ctx.handle.db, out);
    expect(back.errors).toEqual([]);
    expect(back.created).toEqual(first.created);
    expect(await snapshot(other)).toEqual(await snapshot(app));
    // And into the database it came from: nothing changes.
    const same = await runImport(app.ctx.handle.db, out);
    expect(same.created).toEqual({ grids: 0, workers: 0, assignments: 0, households: 0, ...NO_RECORDS });
    expect(same.updated).toEqual({ grids: 0, workers: 0, assignments: 0, households: 0, ...NO_RECORDS });
    await other.close();
  });

  it('round-trips every household name and address exactly, rare characters included', async () => {
    const rare = ['𠮷', '堃', '喆', '䶮', '赟', '犇', '淼', '昇', '·', '垚'];
    const header = [
      '镇',
      '村',
      '组',
      '网格编码',
      '户主姓名',
      '身份证号',
      '联系电话',
      '住址',
      '门牌号',
      '家庭人口',
      '户类别',
    ];
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 1500; i++) {
      const v = i % 3;
      const g = 1 + (i % 5);
      const code = `1${v + 1}0${g}0${1 + (i % 4)}`.padStart(8, '1');
      const name = `${'王李张刘陈'[i % 5]}${rare[i % rare.length] === '·' ? '阿卜杜·热合曼' : rare[i % rare.length]}${i % 2 ? '强' : ''}`;
      rows.push([
        '温水镇',
        ['许坪村', '陈沟村', '郑家坡村'][v]!,
        `${'一二三四五'[g - 1]}组`,
        `11${String(v + 1).padStart(2, '0')}${String(g).padStart(2, '0')}${String(1 + (i % 4)).padStart(2, '0')}`,
        name,
        i % 4 === 0 ? makeId('1960-01-01', i % 99, '男', String(610300 + (i % 90))) : '',
        `139${String(10000000 + i).slice(0, 8)}`,
        `温水镇${['许坪村', '陈沟村', '郑家坡村'][v]}${'一二三四五'[g - 1]}组（${i}号院）“老宅”＃${i % 7}`,
        `${i}-${i % 3}`,
        1 + (i % 6),
        i % 5 === 0 ? '低保户、独居老人' : '',
      ]);
      void code;
    }
    const file = path.join(dir, 'households.xlsx');
    await writeWorkbook(file, [
      { name: '住户', preamble: [['温水镇住户花名册']], header, rows, textColumns: [3, 5, 6, 8] },
    ]);
    const r = await runImport(app.ctx.handle.db, file);
    expect(r.errors).toEqual([]);
    expect(r.created.households).toBe(1500);

    const out = path.join(dir, 'export.xlsx');
    await exportHouseholds(app.ctx.handle.db, out, { perVillage: false });
    const read = await readSource(out);
    const sheet = read.sheets[0]!;
    const exported = sheet.rows
      .slice(3)
      .map((row) => ({ name: row.cells[6], address: row.cells[9], door: row.cells[10] }));
    const original = rows.map((row) => ({ name: String(row[4]).replace(/\s/g, ''), address: row[7], door: row[8] }));
    const key = (x: { name: unknown; address: unknown; door: unknown }) =>
      `${String(x.name)}|${String(x.address)}|${String(x.door)}`;
    expect(exported.map(key).sort()).toEqual(original.map(key).sort());
  });

  it('writes the template with drop-downs, a text ID column and instructions', async () => {
    const out = path.join(dir, 'template.xlsx');
    await writeTemplate(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['网格员花名册', '住户花名册', '填写说明']);
    const ws = wb.getWorksheet('网格员花名册')!;
    expect(ws.getRow(3).getCell(10).value).toBe('身份证号');
    expect(ws.getCell('J4').numFmt).toBe('@');
    const gender = ws.getCell('I4').dataValidation;
    expect(gender).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(ws.getCell('E100').dataValidation?.formulae?.[0]).toContain('四级');
    expect(String(wb.getWorksheet('填写说明')!.getCell('A3').value)).toContain('文本格式');
    // The empty template is recognised as rosters and imports nothing.
    const r = await runImport(app.ctx.handle.db, out, { dryRun: true });
    expect(r.sheets.map((s) => s.kind)).toEqual(['workers', 'households', null]);
    expect(r.errors).toEqual([]);
  });

  it('writes an error workbook: the original rows with an added 错误说明 column', async () => {
    const file = path.join(dir, 'bad.xlsx');
    const good = makeId('1970-01-01', 5, '男');
    const rows = await writeWorkbook(file, [
      {
        name: '许坪村',
        preamble: [['许坪村网格员花名册']],
        header: ['级别', '网格编码', '镇', '村', '姓名', '性别', '身份证号', '联系电话'],
        rows: [
          ['二级', '1101', '温水镇', '许坪村', '秦娟云', '男', good, '17260904934'],
          ['二级', '1102', '温水镇', '陈沟村', '丁安忠', '男', '610327196709129031', '13816531676'],
        ],
        textColumns: [6],
      },
    ]);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(r.errors).toHaveLength(1);
    const out = path.join(dir, 'errors.xlsx');
    await writeErrorWorkbook(file, r.errors, { 许坪村: 2 }, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('许坪村')!;
    expect(ws.getCell('I2').value).toBe('错误说明');
    const badRow = rows['许坪村']![1]!;
    expect(String(ws.getRow(badRow).getCell(9).value)).toContain('身份证号：身份证号校验位不正确');
    expect(ws.getRow(badRow - 1).getCell(9).value).toBeNull();
    expect(ws.getRow(badRow).getCell(7).value).toBe('610327196709129031');
  });

  it('saves where the clerk chooses through the handlers, and opens only files it saved', async () => {
    await runImport(app.ctx.handle.db, SAMPLE);
    app.ctx.paths = dialogPaths();
    const out = path.join(dir, 'chosen.xlsx');
    const unchosen = await dispatch(app.ctx, 'export/workers', { perVillage: false, out });
    expect(!unchosen.ok && unchosen.error.code).toBe('FORBIDDEN');
    expect(fs.existsSync(out)).toBe(false);
    setSavePath(app, out);
    expect(await app.call('files/chooseSave', { title: '导出', defaultName: '花名册.xlsx' })).toEqual({ file: out });
    const saved = await app.call('export/workers', { perVillage: false, out });
    expect(saved).toEqual({ file: out, rows: 83 });
    const opened: string[] = [];
    app.ctx.openPath = async (f) => {
      opened.push(f);
    };
    await app.call('files/open', { file: out });
    const refused = await dispatch(app.ctx, 'files/open', { file: '/bin/sh' });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(opened).toEqual([out]);
    setSavePath(app, null);
    expect(await app.call('files/chooseSave', { title: '导出', defaultName: '住户.xlsx' })).toEqual({ file: null });
  });
});

describe('import handlers', () => {
  it('import only files the clerk picked in the dialog', async () => {
    const a = await openTestApp(tempDir());
    a.ctx.paths = dialogPaths();
    const r = await dispatch(a.ctx, 'import/analyze', { file: SAMPLE });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    a.ctx.pickFile = () => Promise.resolve(SAMPLE);
    expect(await a.call('files/chooseOpen', { purpose: 'roster' })).toEqual({ file: SAMPLE });
    const preview = await a.call('import/analyze', { file: SAMPLE });
    expect(preview.committed).toBe(false);
    expect(preview.created.workers).toBe(72);
    const done = await a.call('import/commit', { file: SAMPLE });
    expect(done.committed).toBe(true);
    expect((await a.call('stats/get', {})).workers).toBe(72);
    await a.close();
  });
});

/**
 * 温水镇 › 田家河村 › 一组 (第1网格 held by 王建国, 第2网格 vacant since 李秀英 left) and 二组
 * (第1网格 vacant, never held); 石桥村 elsewhere. 赵德胜 leads 一组 and also serves 石桥村.
 */
async function seedVillage() {
  const grid = (parentId: number | null, level: 1 | 2 | 3 | 4, name: string, code: string) =>
    app.call('grids/create', { parentId, level, name, code, kind: level === 2 ? '村' : null });
  const town = await grid(null, 1, '温水镇', '11');
  const village = await grid(town.id, 2, '田家河村', '1114');
  const one = await grid(village.id, 3, '一组', '111401');
  const two = await grid(village.id, 3, '二组', '111402');
  const one1 = await grid(one.id, 4, '第1网格', '11140101');
  const one2 = await grid(one.id, 4, '第2网格', '11140102');
  const two1 = await grid(two.id, 4, '第1网格', '11140201');
  const stone = await grid(town.id, 2, '石桥村', '1115');
  for (const headName of ['张一', '李二', '王三']) await app.call('households/create', { gridId: one2.id, headName });
  const person = (name: string, gender: '男' | '女', n: number) =>
    app.call('workers/create', {
      name,
      gender,
      idNumber: makeId(`1968-0${n}-1${n}`, n, gender),
      phone: `1390000000${n}`,
    });
  const wang = await person('王建国', '男', 1);
  const li = await person('李秀英', '女', 2);
  const zhao = await person('赵德胜', '男', 3);
  await app.call('assignments/create', { workerId: wang.id, gridId: one1.id, title: '村民代表' });
  await app.call('assignments/create', {
    workerId: li.id,
    gridId: one2.id,
    title: '村民代表',
    startDate: '2021-03-01',
  });
  const liDetail = await app.call('workers/get', { id: li.id });
  await app.call('assignments/end', { id: liDetail.assignments[0]!.id, endDate: '2026-10-31' });
  await app.call('assignments/create', { workerId: zhao.id, gridId: one.id, role: '网格长', title: '村民小组组长' });
  await app.call('assignments/create', { workerId: zhao.id, gridId: stone.id, title: '村党组织书记' });
  return { town, village, one, two, one1, one2, two1, stone };
}

async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

function values(ws: ExcelJS.Worksheet, from: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = from; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1));
  return out;
}

describe('vacancy list and 通讯录', () => {
  it('exports the vacancy list: grids named from the village down, households, who held it last', async () => {
    const { village } = await seedVillage();
    const out = path.join(dir, '待配备.xlsx');
    const saved = await app.call('export/vacancies', { gridId: village.id, level: 4, out });
    expect(saved).toEqual({ file: out, rows: 2 });
    const ws = await readSheet(out);
    expect(ws.name).toBe('待配备网格');
    expect(ws.getCell('A1').value).toBe('田家河村待配备网格（暂无现任网格员）');
    expect(values(ws, 3)).toEqual([
      ['序号', '网格编码', '网格', '级别', '住户数', '上任网格员', '上任离任日期'],
      [1, '11140102', '田家河村 / 一组 / 第2网格', '四级', 3, '李秀英', '2026-10-31'],
      [2, '11140201', '田家河村 / 二组 / 第1网格', '四级', 0, '', ''],
    ]);
    expect(ws.getCell('B4').numFmt).toBe('@');
    // Every level, the whole database: 二组 has no 网格长 either, the township no secretary.
    await app.call('export/vacancies', { gridId: null, level: null, out });
    const all = values(await readSheet(out), 4).map((r) => r[2]);
    expect(all).toEqual([
      '温水镇',
      '田家河村',
      '田家河村 / 一组 / 第2网格',
      '田家河村 / 二组',
      '田家河村 / 二组 / 第1网格',
    ]);
  });

  it("exports a village's 通讯录: each current worker once, phone in full, grids named, no ID numbers", async () => {
    const { village } = await seedVillage();
    const out = path.join(dir, '通讯录.xlsx');
    const saved = await app.call('export/contacts', { gridId: village.id, out });
    expect(saved).toEqual({ file: out, rows: 2 });
    const ws = await readSheet(out);
    expect(ws.getCell('A1').value).toBe('田家河村网格员通讯录');
    expect(values(ws, 3)).toEqual([
      ['序号', '姓名', '联系电话', '担任职务', '所任网格', '网格编码'],
      [1, '赵德胜', '13900000003', '村民小组组长', '田家河村 / 一组（网格长）', '111401'],
      [2, '王建国', '13900000001', '村民代表', '田家河村 / 一组 / 第1网格', '11140101'],
    ]);
    expect(ws.getCell('C4').numFmt).toBe('@');
    // Nothing in the workbook looks like an ID number.
    const text = values(ws, 1).flat().join(' ');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('saves both where the clerk chose, through the dispatcher’s file rules', async () => {
    const { village } = await seedVillage();
    app.ctx.paths = dialogPaths();
    const out = path.join(dir, '通讯录.xlsx');
    const refused = await dispatch(app.ctx, 'export/contacts', { gridId: village.id, out });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(fs.existsSync(out)).toBe(false);
  });
});
