import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import { makeId, PNG_1PX } from '../helpers/people';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

// The roster import through the UI is tests/e2e/import.test.ts.
describe('rosters, as a clerk browses them', () => {
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
