import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import { makeId, PNG_1PX } from '../helpers/people';
import { writeWorkbook } from '../helpers/xlsx';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

async function roster(file: string) {
  return writeWorkbook(file, [
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
        [
          2,
          '温水镇',
          '许坪村',
          '一组',
          '三级',
          '110101',
          '丁安忠',
          makeId('1967-09-12', 3, '男'),
          '13816531676',
          '群众',
          '老党员',
        ],
        [
          3,
          '温水镇',
          '许坪村',
          '一组',
          '四级',
          '11010101',
          '王　强',
          makeId('1992-07-09', 72, '男'),
          '19499547576',
          '群众',
          '致富能手',
        ],
        [
          4,
          '温水镇',
          '许坪村',
          '一组',
          '四级',
          '11010102',
          '段红民',
          '610327196404259190',
          '18230855409',
          '中共党员',
          '',
        ],
      ],
      footer: [['合计', null, null, null, null, null, '4人'], ['制表人：张三　　审核人：李四']],
      textColumns: [7],
    },
    {
      name: '住户',
      header: ['镇', '村', '组', '网格编码', '户主姓名', '家庭住址', '家庭人口', '户类别'],
      rows: [
        ['温水镇', '许坪村', '一组', '11010101', '李秀英', '许坪村一组1号', 3, '低保户'],
        ['温水镇', '许坪村', '一组', '11010101', '张国富', '许坪村一组2号', 5, ''],
      ],
    },
  ]);
}

describe('rosters, as a clerk imports and browses them', () => {
  it('imports through the UI: mapping shown and corrected, errors listed and exported, valid rows committed, lists updated', async () => {
    const { page, e2e } = ctx;
    const file = path.join(e2e.app.dir, '许坪村花名册.xlsx');
    const rows = await roster(file);
    e2e.app.ctx.pickFile = () => Promise.resolve(file);

    await page.getByText('导入花名册', { exact: true }).first().click();
    await page.getByRole('button', { name: '选择文件' }).click();
    const workersSheet = page.getByTestId('sheet-许坪村网格员');
    await workersSheet.getByText('网格员花名册').waitFor();
    await workersSheet.getByText('表头在第 3 行，4 条记录，跳过合计、签字等 2 行').waitFor();
    await page.getByTestId('sheet-住户').getByText('住户花名册').waitFor();
    // The mapping is shown: 身份证号码 was recognised, 本人手机 was not.
    expect(await workersSheet.getByRole('combobox', { name: '身份证号', exact: true }).inputValue()).toBe(
      'H 列：身份证号码',
    );
    expect(await workersSheet.getByRole('combobox', { name: '联系电话', exact: true }).inputValue()).toBe(
      '（没有这一列）',
    );
    const errors = page.getByTestId('import-errors');
    await errors.getByText('联系电话不能为空').first().waitFor();
    await ctx.e2e.screenshot('11-import-mapping');

    // The clerk points 联系电话 at the right column; only the real problem remains.
    await workersSheet.getByRole('combobox', { name: '联系电话', exact: true }).click();
    await page.getByRole('option', { name: 'I 列：本人手机' }).click();
    await page.getByText('发现 1 处错误').waitFor();
    const badRow = rows['许坪村网格员']![3]!;
    await errors.getByText('身份证号校验位不正确，请核对是否有错字').waitFor();
    await errors.getByRole('cell', { name: String(badRow), exact: true }).waitFor();
    await ctx.e2e.screenshot('12-import-errors');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

    // The error list goes back to the village.
    const errorsOut = path.join(e2e.app.dir, '错误清单.xlsx');
    e2e.app.ctx.saveFile = () => Promise.resolve(errorsOut);
    await page.getByRole('button', { name: '导出错误清单（发回村里修改）' }).click();
    await expect.poll(() => fs.existsSync(errorsOut)).toBe(true);
    await page.getByText(/已保存错误清单/).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(errorsOut);
    expect(String(wb.getWorksheet('许坪村网格员')!.getRow(badRow).getCell(12).value)).toContain('校验位');

    await page.getByLabel('只导入无误的行（有错误的行跳过）').check();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('import-done').waitFor();
    expect(await e2e.app.call('stats/get', {})).toMatchObject({ workers: 3, households: 2 });

    // Lists are updated.
    await page.getByTestId('import-done').getByRole('button', { name: '查看网格员' }).click();
    await page.getByRole('cell', { name: '王强', exact: true }).waitFor();
    await page.getByRole('cell', { name: '丁安忠', exact: true }).waitFor();
    await page.getByText('第 1–3 条，共 3 人').waitFor();
    expect(await page.getByRole('cell', { name: '段红民' }).count()).toBe(0);
    await ctx.e2e.screenshot('13-workers-list');

    await page.getByText('住户', { exact: true }).first().click();
    await page.getByRole('cell', { name: '李秀英', exact: true }).waitFor();
    await page.getByText('第 1–2 户，共 2 户').waitFor();

    // Importing the same file again changes nothing.
    await page.getByText('导入花名册', { exact: true }).first().click();
    await page.getByRole('button', { name: '选择文件' }).click();
    await page.getByTestId('sheet-许坪村网格员').getByText('已沿用上次的列对应').waitFor();
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.locator('tbody tr').nth(0).textContent()).toBe('新增0000');
  });

  it('adds a worker, assigns two grids, ends one, and finds a vacancy', async () => {
    const { page, e2e } = ctx;
    const town = await e2e.app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    const v = await e2e.app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '田家河村',
      code: '1114',
      kind: '村',
    });
    const g = await e2e.app.call('grids/create', { parentId: v.id, level: 3, name: '十四组', code: '111401' });
    await e2e.app.call('grids/create', { parentId: g.id, level: 4, name: '十四组第1网格', code: '11140101' });
    await e2e.reload();

    await page.getByText('网格员', { exact: true }).first().click();
    await page.getByRole('button', { name: '新增网格员' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill('郭书科');
    await drawer.getByLabel('身份证号').fill('610327196805121111');
    await drawer.getByLabel('联系电话').fill('1391234567');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('身份证号校验位不正确，请核对是否有错字').waitFor();
    await drawer.getByText('手机号应为 11 位，现为 10 位').waitFor();
    await drawer.getByLabel('身份证号').fill(makeId('1968-05-12', 11, '男'));
    await drawer.getByLabel('联系电话').fill('13912345678');
    await drawer.getByRole('button', { name: '保存' }).click();

    const detail = page.getByTestId('worker-detail');
    await detail.getByRole('heading', { name: '郭书科' }).waitFor();
    for (const [grid, role] of [
      ['十四组', '网格长'],
      ['十四组第1网格', '网格员'],
    ] as const) {
      await detail.getByRole('button', { name: '新增任职' }).click();
      const modal = page.getByRole('dialog', { name: /新增任职/ });
      await modal.getByRole('combobox', { name: '网格', exact: true }).fill(grid);
      await page.getByRole('option', { name: new RegExp(`${grid}（`) }).click();
      if (role === '网格长') await modal.getByText('网格长', { exact: true }).click();
      await modal.getByRole('button', { name: '确认任职' }).click();
      await modal.waitFor({ state: 'detached' });
    }
    await expect.poll(() => page.getByTestId('assignment-table').locator('tbody tr').count()).toBe(2);
    const photo = path.join(e2e.app.dir, 'guo.png');
    fs.writeFileSync(photo, PNG_1PX);
    e2e.app.ctx.pickFile = () => Promise.resolve(photo);
    await detail.getByRole('button', { name: '上传照片' }).click();
    await expect
      .poll(() => detail.getByRole('img', { name: '郭书科的照片' }).getAttribute('src'))
      .toMatch(/^data:image\/png;base64,/);
    await ctx.e2e.screenshot('14-worker-detail');
    await page
      .getByTestId('assignment-table')
      .locator('tbody tr', { hasText: '十四组第1网格' })
      .getByRole('button', { name: '结束任职' })
      .click();
    // 十四组 stays his: not his last grid, so nothing is asked about 待安排 or 离任.
    await page.getByRole('button', { name: '确认结束任职' }).click();
    await page
      .getByTestId('assignment-table')
      .locator('tbody tr', { hasText: '十四组第1网格' })
      .getByText('现任')
      .waitFor({ state: 'detached' });

    const w = (await e2e.app.call('workers/list', {})).rows[0]!;
    expect(w.grids.map((x) => [x.gridCode, x.role])).toEqual([['111401', '网格长']]);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '空缺网格' }).click();
    await page.getByRole('cell', { name: '11140101' }).waitFor();
  });
});
