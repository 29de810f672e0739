/**
 * A clerk imports a messy roster at 1366×768: a legacy .xls first, then a village's roster with
 * an unrecognised column, a mapping mistake, an ID Excel stored as a number, a bad check
 * character and a grid whose holder the roster replaces. Every step is screenshotted.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/main/import/run';
import type { TestApp } from '../helpers/context';
import { useE2E } from './harness';
import { makeId } from '../helpers/people';
import { writeWorkbook } from '../helpers/xlsx';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const place = ['温水镇', '许坪村', '一组'];

/** The 许坪村 roster as it came: its 王五's ID typed into a date-formatted cell, stored as a number. */
async function messyRoster(file: string) {
  const rows = await writeWorkbook(file, [
    {
      name: '许坪村网格员',
      preamble: [['温水镇许坪村网格员花名册'], ['填报单位：许坪村委会']],
      header: ['序号', '镇', '村', '组', '级别', '网格编码', '姓名', '身份证号码', '本人手机', '政治面貌', '人员类别'],
      rows: [
        [
          1,
          '温水镇',
          '许坪村',
          '',
          '二级',
          '1101',
          '秦娟云',
          makeId('1981-05-22', 71, '男'),
          '17260904934',
          '中共党员',
          '',
        ],
        [2, ...place, '三级', '110101', '丁安忠', makeId('1967-09-12', 3, '男'), '13816531676', '群众', '老党员'],
        [3, ...place, '四级', '11010101', '王　强', makeId('1992-07-09', 72, '男'), '19499547576', '群众', '致富能手'],
        [4, ...place, '四级', '11010102', '段红民', '610327196404259190', '18230855409', '中共党员', ''],
        [5, ...place, '四级', '11010103', '王五', '', '13700000005', '群众', ''],
      ],
      footer: [['合计', null, null, null, null, null, '5人'], ['制表人：张三　　审核人：李四']],
      textColumns: [7],
    },
    {
      name: '住户',
      header: ['镇', '村', '组', '网格编码', '户主姓名', '家庭住址', '家庭人口', '户类别'],
      rows: [
        [...place, '11010101', '李秀英', '许坪村一组1号', 3, '低保户'],
        [...place, '11010101', '张国富', '许坪村一组2号', 5, ''],
      ],
    },
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const wangWu = wb.getWorksheet('许坪村网格员')!.getRow(rows['许坪村网格员']![4]!).getCell(8);
  wangWu.value = 610327198001011000;
  wangWu.numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(file);
  return rows['许坪村网格员']!;
}

/** 周海燕 serves 11010101 before the roster arrives; the roster gives that grid to 王强. */
async function seedHolder(app: TestApp) {
  const file = path.join(app.dir, '上月.xlsx');
  await writeWorkbook(file, [
    {
      name: '网格员',
      header: ['镇', '村', '组', '级别', '网格编码', '姓名', '身份证号', '联系电话'],
      rows: [[...place, '四级', '11010101', '周海燕', makeId('1975-03-03', 21, '女'), '13912340001']],
      textColumns: [6],
    },
  ]);
  // Straight into the database: the page may read only files the clerk picked.
  expect((await runImport(app.ctx.handle.db, file)).committed).toBe(true);
}

async function pick(page: Page, file: string) {
  ctx.e2e.app.ctx.pickFile = () => Promise.resolve(file);
  const button = page.getByRole('button', { name: /选择文件|换一个文件/ });
  await button.click();
}

/** Nothing on the page is wider than the window. */
async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** Closes the notifications, so a screenshot shows the page under them. */
async function dismissNotifications(page: Page) {
  await page.evaluate(() =>
    document.querySelectorAll<HTMLButtonElement>('.mantine-Notification-closeButton').forEach((b) => b.click()),
  );
  await expect.poll(() => page.locator('.mantine-Notification-root').count()).toBe(0);
}

async function chooseColumn(page: Page, sheet: string, field: string, option: string) {
  await page.getByTestId(`sheet-${sheet}`).getByRole('combobox', { name: field, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('importing a messy roster, as a clerk does', () => {
  it('reads the file, corrects the mapping, confirms with counts, and keeps the rows it skipped', async () => {
    const { page, e2e } = ctx;
    await page.setViewportSize({ width: 1366, height: 768 });
    await seedHolder(e2e.app);
    await page.getByText('导入花名册', { exact: true }).first().click();

    // 1. A legacy .xls: its message, and nothing that looks like a result.
    const xls = path.join(e2e.app.dir, '旧表.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]));
    await pick(page, xls);
    await page
      .getByTestId('import-file-error')
      .getByText(/97-2003.*另存为/)
      .waitFor();
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    expect(await page.getByRole('button', { name: /导出错误清单/ }).count()).toBe(0);
    expect(await page.getByText('行号').count()).toBe(0);
    await e2e.screenshot('import-01-unreadable-xls');

    // 2. The roster: 本人手机 not recognised; every error names its row's person.
    const file = path.join(e2e.app.dir, '许坪村花名册.xlsx');
    const rows = await messyRoster(file);
    await pick(page, file);
    const workersSheet = page.getByTestId('sheet-许坪村网格员');
    await workersSheet.getByText('表头在第 3 行，5 条记录，跳过合计、签字等 2 行').waitFor();
    await page.getByTestId('import-file-error').waitFor({ state: 'detached' });
    const errors = page.getByTestId('import-errors');
    await errors.locator('tr', { hasText: '秦娟云' }).getByText('联系电话不能为空').waitFor();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('import-error-card').scrollIntoViewIfNeeded();
    await e2e.screenshot('import-02-mapping-and-errors');

    // 3. 联系电话 pointed at the ID column by mistake: named, and the commit refused.
    await chooseColumn(page, '许坪村网格员', '联系电话', 'H 列：身份证号码');
    const conflict = 'H 列“身份证号码”同时对应了“身份证号”和“联系电话”：一列只能对应一个字段，请改正后再导入。';
    await workersSheet.getByTestId('mapping-conflict').getByText(conflict).waitFor();
    await workersSheet.getByText('表头在第 3 行。列对应改正后才会读取这张表的记录。').waitFor();
    await errors.getByText(/H 列“身份证号码”同时对应了“身份证号”和“联系电话”/).waitFor();
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await e2e.screenshot('import-03-one-column-two-fields');

    // 4. Corrected: the real problems remain, each with the person, none saying NaN.
    await chooseColumn(page, '许坪村网格员', '联系电话', 'I 列：本人手机');
    await workersSheet.getByTestId('mapping-conflict').waitFor({ state: 'detached' });
    await page.getByText('发现 2 处错误').waitFor();
    const duan = errors.locator('tr', { hasText: '段红民' });
    await duan.getByText('身份证号校验位不正确，请核对是否有错字').waitFor();
    await duan.getByRole('cell', { name: String(rows[3]), exact: true }).waitFor();
    const wangWu = errors.locator('tr', { hasText: '王五' });
    await wangWu.getByText(/身份证号被 Excel 存成了数字（这一格是数字 6\.10327E\+17）/).waitFor();
    expect(await errors.textContent()).not.toMatch(/NaN|undefined|\[object|Infinity/);
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('import-error-card').scrollIntoViewIfNeeded();
    await e2e.screenshot('import-04-errors-with-names');

    // 5. The commit asks first, with counts, skipped rows and the holder replaced; cancel writes nothing.
    const before = await e2e.app.call('stats/get', {});
    await page.getByLabel('只导入无误的行（有错误的行跳过）').check();
    await page.getByRole('button', { name: '确认导入' }).click();
    const modal = page.getByRole('dialog', { name: /确认导入/ });
    const counts = modal.getByTestId('confirm-counts');
    await counts.waitFor();
    const body = counts.locator('tbody tr');
    expect(await body.allTextContents()).toEqual(['网格00—', '网格员302 行', '任职31—', '住户200 行']);
    await modal
      .getByTestId('confirm-skipped')
      .getByText(/网格员花名册 2 行/)
      .waitFor();
    await modal
      .getByTestId('confirm-replaced')
      .getByText('许坪村 / 一组 / 一组第1网格（网格员）：周海燕 → 王强')
      .waitFor();
    await e2e.screenshot('import-05-confirm');
    await modal.getByRole('button', { name: '取消' }).click();
    await modal.waitFor({ state: 'detached' });
    expect(await e2e.app.call('stats/get', {})).toEqual(before);

    // 6. Confirmed: done, and the rows not imported are still listed, and can be sent back.
    await page.getByRole('button', { name: '确认导入' }).click();
    await modal.getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('import-done').waitFor();
    expect(await e2e.app.call('stats/get', {})).toMatchObject({ workers: 4, households: 2 });
    const notImported = page.getByTestId('import-not-imported');
    await notImported.getByText('以下 2 行有错误，没有导入').waitFor();
    await notImported
      .locator('tr', { hasText: '段红民' })
      .getByText(/校验位不正确/)
      .waitFor();
    await notImported
      .locator('tr', { hasText: '王五' })
      .getByText(/存成了数字/)
      .waitFor();
    await expectNoHorizontalOverflow(page);
    await e2e.screenshot('import-06-done-rows-not-imported');
    const out = path.join(e2e.app.dir, '未导入的行.xlsx');
    e2e.app.ctx.saveFile = () => Promise.resolve(out);
    await notImported.getByRole('button', { name: '导出未导入的行（发回村里修改）' }).click();
    await page.getByText(/已保存未导入的行（标出 2 行）/).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('许坪村网格员')!;
    expect(String(ws.getRow(rows[3]!).getCell(12).value)).toContain('校验位');
    expect(String(ws.getRow(rows[4]!).getCell(12).value)).toContain('存成了数字');
    expect(ws.getRow(rows[2]!).getCell(12).value).toBeNull();

    // The lists show what was imported.
    await page.getByTestId('import-done').getByRole('button', { name: '查看网格员' }).click();
    await page.getByRole('cell', { name: '王强', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: '段红民' }).count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await dismissNotifications(page);
    await e2e.screenshot('import-08-workers-list');
    await page.getByText('住户', { exact: true }).first().click();
    await page.getByRole('cell', { name: '李秀英', exact: true }).waitFor();

    // The same file again: the corrected mapping is remembered and nothing would change.
    await page.getByText('导入花名册', { exact: true }).first().click();
    await pick(page, file);
    await page.getByTestId('sheet-许坪村网格员').getByText('已沿用上次的列对应').waitFor();
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.locator('tbody tr').nth(0).textContent()).toBe('新增0000');
  });

  it('lists the first 500 errors and says how many more the exported list holds', async () => {
    const { page, e2e } = ctx;
    await page.setViewportSize({ width: 1366, height: 768 });
    const file = path.join(e2e.app.dir, '住户.csv');
    const lines = ['镇,村,组,网格编码,户主姓名,家庭人口'];
    for (let i = 1; i <= 620; i++) lines.push(`温水镇,许坪村,一组,11010101,王强,${i % 2 ? 'abc' : 0}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByText('导入花名册', { exact: true }).first().click();
    await pick(page, file);
    await page.getByText('发现 620 处错误').waitFor();
    await page.getByTestId('import-errors-more').getByText('只列出前 500 条，另有 120 条，请导出查看。').waitFor();
    expect(await page.getByTestId('import-errors').locator('tbody tr').count()).toBe(500);
    await page.getByTestId('import-errors-more').scrollIntoViewIfNeeded();
    await expectNoHorizontalOverflow(page);
    await e2e.screenshot('import-07-errors-capped');
  });
});
