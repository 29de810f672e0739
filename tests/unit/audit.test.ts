import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { handlers, type HandlerTable } from '../../src/main/ipc/handlers';
import { maskPersonal } from '../../src/shared/privacy';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const ID = makeId('1962-04-02', 85, '男');
const PHONE = '13991234567';

async function grids() {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '许坪村',
    code: '1101',
    kind: '村',
  });
  const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '110101' });
  const hh = await app.call('grids/create', { parentId: group.id, level: 4, name: '一组第1网格', code: '11010101' });
  return { town, village, group, hh };
}

const log = async () => (await app.call('audit/list', { page: 1, pageSize: 500 })).rows;

/** Every text column of every audit row: no ID number or mobile may stand there in clear. */
function rawLogText(): string {
  const rows = app.ctx.handle.sqlite.prepare('select * from audit_log').all() as Record<string, unknown>[];
  return rows.map((r) => Object.values(r).join('|')).join('\n');
}

describe('操作日志', () => {
  it('records a create, an update, a delete and an import with counts, by the clerk, never an ID in clear', async () => {
    await app.call('settings/update', { ...DEFAULT_SETTINGS, clerkName: '李文书' });
    const { hh } = await grids();
    const w = await app.call('workers/create', {
      name: '郭书明',
      gender: '男',
      idNumber: ID,
      phone: PHONE,
      politicalStatus: '中共党员',
    });
    await app.call('workers/update', { ...w, phone: '13800001111' });
    const h = await app.call('households/create', {
      gridId: hh.id,
      headName: '王强',
      idNumber: makeId('1950-02-03', 5, '男'),
    });
    await app.call('households/delete', { id: h.id });

    const csv = path.join(app.dir, '住户.csv');
    const lines = [
      '镇,村,组,网格编码,户主姓名,身份证号,家庭人口',
      '温水镇,许坪村,一组,11010101,李秀英,,2',
      '温水镇,许坪村,一组,11010101,张兰,,3',
    ];
    fs.writeFileSync(csv, `\ufeff${lines.join('\r\n')}`);
    const imported = await app.call('import/commit', { file: csv });
    expect(imported.created.households).toBe(2);

    const entries = await log();
    expect(entries.map((e) => e.handler)).toEqual([
      'import/commit',
      'households/delete',
      'households/create',
      'workers/update',
      'workers/create',
      'grids/create',
      'grids/create',
      'grids/create',
      'grids/create',
      'settings/update',
    ]);
    const [imp, del, , upd, create] = entries;
    expect(create).toMatchObject({ actor: '李文书', action: '新增网格员', entity: '网格员', entityId: w.id });
    expect(create!.summary).toContain('郭书明');
    expect(create!.summary).toContain('610327********');
    expect(upd!.summary).toBe('郭书明：联系电话：139****4567 → 138****1111');
    expect(del).toMatchObject({ action: '删除住户', entity: '住户', entityId: h.id });
    expect(del!.summary).toContain('王强');
    expect(imp).toMatchObject({ action: '导入花名册', entity: '花名册' });
    expect(imp!.counts).toMatchObject({ 新增住户: 2, 新增网格: 0 });
    expect(imp!.summary).toContain('住户.csv');

    const raw = rawLogText();
    expect(raw).not.toContain(ID);
    expect(raw).not.toContain(ID.slice(6, 14)); // not even the birth date part
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toMatch(/\d{15,}/);
  });

  it('writes nothing for reads, for refused writes, or for an import refused for its errors', async () => {
    await grids();
    const before = (await log()).length;
    await app.call('grids/tree', {});
    await app.call('workers/list', {});
    const dup = await dispatch(app.ctx, 'grids/create', { parentId: null, level: 1, name: '重复镇', code: '11' });
    expect(dup.ok).toBe(false);
    const csv = path.join(app.dir, 'bad.csv');
    fs.writeFileSync(
      csv,
      `\ufeff镇,村,组,网格编码,户主姓名,身份证号\r\n温水镇,许坪村,一组,11010101,李秀英,610327196204028531`,
    );
    const refused = await app.call('import/commit', { file: csv });
    expect(refused.committed).toBe(false);
    expect((await log()).length).toBe(before);
  });

  it('keeps a change and its log entry together: a handler that fails after writing leaves neither', async () => {
    const { village } = await grids();
    const before = (await log()).length;
    const table: HandlerTable = {
      ...handlers,
      'grids/update': async (ctx, input) => {
        const run = handlers['grids/update'] as (c: typeof ctx, i: typeof input) => Promise<unknown>;
        await run(ctx, input);
        throw new Error('disk full');
      },
    };
    const r = await dispatch(
      app.ctx,
      'grids/update',
      { id: village.id, name: '新名字村', code: '1101', kind: '村' },
      table,
    );
    expect(!r.ok && r.error.code).toBe('INTERNAL');
    expect((await app.call('grids/get', { id: village.id })).name).toBe('许坪村');
    expect((await log()).length).toBe(before);
  });

  it('filters by date, action and text, and exports what it shows to Excel', async () => {
    await app.call('settings/update', { ...DEFAULT_SETTINGS, clerkName: '李文书' });
    await grids();
    const all = await app.call('audit/list', { page: 1, pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.rows).toHaveLength(2);
    const created = await app.call('audit/list', { handler: 'grids/create', text: '许坪', page: 1, pageSize: 50 });
    // Grids are named from their village down, so the village's name finds its groups and grids too.
    expect(created.rows.map((e) => e.summary)).toEqual([
      '许坪村 / 一组 / 一组第1网格（四级网格，编码 11010101）',
      '许坪村 / 一组（三级网格，编码 110101）',
      '许坪村（二级网格，编码 1101）',
    ]);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await app.call('audit/list', { from: today, to: today, page: 1, pageSize: 50 })).total).toBe(5);
    expect((await app.call('audit/list', { to: '2020-01-01', page: 1, pageSize: 50 })).total).toBe(0);
    expect((await app.call('audit/list', { actor: '别人', page: 1, pageSize: 50 })).total).toBe(0);

    const out = path.join(app.dir, '操作日志.xlsx');
    expect(await app.call('audit/export', { handler: 'grids/create', out })).toEqual({ file: out, rows: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('操作日志')!;
    expect(ws.getRow(3).values).toContain('操作员');
    expect(ws.getRow(4).getCell(3).value).toBe('李文书');
    expect(ws.getRow(4).getCell(4).value).toBe('新增网格');
    expect(String(ws.getRow(7).getCell(6).value)).toContain('温水镇');
    expect(ws.getRow(8).getCell(1).value).toBeNull();
  });
});

describe('masking personal data in text', () => {
  it('masks 18- and 15-digit ID numbers and mobiles, and leaves codes and counts alone', () => {
    expect(maskPersonal(`身份证号 ${ID}，电话 ${PHONE}`)).toBe(
      `身份证号 610327********${ID.slice(-4)}，电话 139****4567`,
    );
    expect(maskPersonal('610327620402853')).toBe('610327*****2853');
    expect(maskPersonal('网格 11010101，20 户，编码 110114010203')).toBe('网格 11010101，20 户，编码 110114010203');
  });
});
