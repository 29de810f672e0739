import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import { makeId } from '../helpers/people';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

async function cellsOf(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.getWorksheet('操作日志')!.eachRow((row) => {
    const values: string[] = [];
    row.eachCell((c) => values.push(String(c.value ?? '')));
    rows.push(values);
  });
  return rows;
}

describe('the 操作日志, as a clerk checks who changed what', () => {
  it('lists a worker created in the UI, filters the log, and exports the filtered log to Excel', async () => {
    const { page, e2e } = ctx;
    // Before the clerk signs in settings, changes are recorded as 未署名.
    await e2e.app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    await page.getByText('系统设置', { exact: true }).click();
    await page.getByLabel('操作员姓名').fill('王丽');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(async () => (await e2e.app.call('settings/get', {})).clerkName).toBe('王丽');

    const id = makeId('1968-05-12', 11, '男');
    await page.getByText('网格员', { exact: true }).first().click();
    await page.getByRole('button', { name: '新增网格员' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill('郭书科');
    await drawer.getByLabel('身份证号').fill(id);
    await drawer.getByLabel('联系电话').fill('13912345678');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('worker-detail').getByRole('heading', { name: '郭书科' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByText('操作日志', { exact: true }).first().click();
    const table = page.getByTestId('audit-table');
    await page.getByText('第 1–3 条，共 3 条').waitFor();
    const created = table.locator('tbody tr', { hasText: '新增网格员' });
    await created.getByText(/郭书科/).waitFor();
    await created.getByRole('cell', { name: '王丽', exact: true }).waitFor();
    await table.locator('tbody tr', { hasText: '新增网格' }).first().waitFor();
    await e2e.screenshot('21-audit-log');

    // By who: the grid was created before the clerk signed.
    await page.getByLabel('操作员').fill('未署名');
    await page.getByText('第 1–1 条，共 1 条').waitFor();
    await table.getByRole('cell', { name: '新增网格', exact: true }).waitFor();
    await page.getByLabel('操作员').fill('');
    await page.getByText('第 1–3 条，共 3 条').waitFor();

    // By date: nothing was changed before 2000.
    await page.getByLabel('截止日期').fill('2000-01-01');
    await page.getByText('没有符合条件的操作记录').waitFor();
    await page.getByLabel('截止日期').fill('');
    await page.getByText('第 1–3 条，共 3 条').waitFor();

    // By text, then by action.
    await page.getByLabel('搜索操作日志').fill('郭书科');
    await page.getByText('第 1–1 条，共 1 条').waitFor();
    await page.getByLabel('搜索操作日志').fill('');
    await page.getByText('第 1–3 条，共 3 条').waitFor();
    await page.getByRole('combobox', { name: '操作', exact: true }).fill('新增网格员');
    await page.getByRole('option', { name: '新增网格员', exact: true }).click();
    await page.getByText('第 1–1 条，共 1 条').waitFor();
    await table.getByRole('cell', { name: '新增网格员', exact: true }).waitFor();

    // The export holds what the filter shows, and the file is offered to open.
    const out = path.join(e2e.app.dir, '操作日志.xlsx');
    e2e.app.ctx.saveFile = () => Promise.resolve(out);
    const opened: string[] = [];
    e2e.app.ctx.openPath = (file) => {
      opened.push(file);
      return Promise.resolve();
    };
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const saved = page.getByTestId('saved-notification').filter({ hasText: out });
    await saved.getByText('已导出 1 条操作记录').waitFor();
    expect(fs.existsSync(out)).toBe(true);
    const rows = await cellsOf(out);
    const entries = rows.filter((r) => r.includes('王丽') || r.includes('未署名'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toContain('新增网格员');
    expect(entries[0]!.join(' ')).toContain('郭书科');
    expect(rows.flat().join(' ')).not.toContain(id);
    await saved.getByRole('button', { name: '打开' }).click();
    await expect.poll(() => opened).toEqual([out]);
  });
});
