import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const item = (code: string) => ctx.page.locator(`[role="treeitem"][data-code="${code}"]`);

/** The error Mantine shows under an input (its wrapper's `<id>-error`), '' when there is none. */
async function errorUnder(label: string): Promise<string> {
  const id = await ctx.page.getByLabel(label, { exact: true }).getAttribute('id');
  const error = ctx.page.locator(`[id="${id}-error"]`);
  return (await error.count()) ? ((await error.textContent()) ?? '') : '';
}

const PHONE_RULE = '应为带区号的固定电话（如 0913-1234567）或 11 位手机号';

describe('settings page', () => {
  it('saves the unit name and code scheme, with field-level errors', async () => {
    await ctx.page.getByText('系统设置', { exact: true }).click();
    await ctx.page.getByRole('heading', { name: '系统设置' }).waitFor();

    await ctx.page.getByLabel('一级编码前缀').fill('ab');
    await ctx.page.getByRole('button', { name: '保存设置' }).click();
    await ctx.page.getByText('编码前缀只能是 0–14 位数字').waitFor();
    expect((await ctx.e2e.app.call('settings/get', {})).codeScheme.prefix).toBe('');

    await ctx.page.getByLabel('一级编码前缀').fill('');
    await ctx.page.getByLabel('使用单位').fill('温水镇综治中心');
    await ctx.page.getByLabel('一级网格称谓').fill('街道');
    await ctx.page.getByLabel('二级位数').fill('3');
    await ctx.page
      .getByTestId('code-example')
      .getByText('示例：镇 01，村 01001，组 0100101，户级网格 010010101')
      .waitFor();
    await ctx.page.getByRole('button', { name: '保存设置' }).click();
    await ctx.page.getByTestId('unit-name').getByText('温水镇综治中心').waitFor();
    const saved = await ctx.e2e.app.call('settings/get', {});
    expect(saved.unitName).toBe('温水镇综治中心');
    expect(saved.levelNames[0]).toBe('街道');
    expect(saved.codeScheme.digits).toEqual([2, 3, 2, 2]);

    // The new scheme and level name reach the grid ctx.page.
    await ctx.page.getByText('网格管理', { exact: true }).click();
    await ctx.page.getByRole('button', { name: '新增街道（一级网格）' }).click();
    await ctx.page.getByRole('dialog').getByLabel('名称').fill('东城街道');
    await expect.poll(() => ctx.page.getByRole('dialog').getByLabel('网格编码').inputValue()).toBe('01');
    await ctx.page.getByRole('dialog').getByRole('button', { name: '新增街道', exact: true }).click();
    await item('01').click();
    await ctx.page.getByRole('button', { name: '新增村（社区）' }).click();
    await expect.poll(() => ctx.page.getByRole('dialog').getByLabel('网格编码').inputValue()).toBe('01001');
  });

  it('refuses a phone nobody could dial and a level of 0 digits under their fields, saving nothing', async () => {
    const { page, e2e } = ctx;
    await page.setViewportSize({ width: 1366, height: 768 });
    const before = await e2e.app.call('settings/get', {});
    await page.getByText('系统设置', { exact: true }).click();
    await page.getByRole('heading', { name: '系统设置' }).waitFor();

    await page.getByLabel('监督电话', { exact: true }).fill('0913-abc');
    await page.getByLabel('镇综治中心电话', { exact: true }).fill('12345');
    await page.getByLabel('二级位数').fill('0');
    // Leaving the field must not quietly turn the 0 into a 1.
    await page.getByLabel('使用单位').fill('温水镇综治中心');
    expect(await page.getByLabel('二级位数').inputValue()).toBe('0');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => errorUnder('监督电话')).toBe(`监督电话${PHONE_RULE}`);
    expect(await errorUnder('镇综治中心电话')).toBe(`镇综治中心电话${PHONE_RULE}`);
    expect(await errorUnder('二级位数')).toBe('每级位数应为 1 到 6，不能为 0');
    expect(await page.getByLabel('二级位数').inputValue()).toBe('0');
    await e2e.screenshot('09b-settings-phone-errors');
    expect(await e2e.app.call('settings/get', {})).toEqual(before);

    // Full-width digits as an input method types them are kept as ordinary digits.
    await page.getByLabel('监督电话', { exact: true }).fill('０９１３－１２３４５６７');
    await page.getByLabel('镇综治中心电话', { exact: true }).fill('');
    await page.getByLabel('二级位数').fill('3');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('unit-name').getByText('温水镇综治中心').waitFor();
    const saved = await e2e.app.call('settings/get', {});
    expect([saved.supervisionPhone, saved.centerPhone, saved.codeScheme.digits]).toEqual([
      '0913-1234567',
      '',
      [2, 3, 2, 2],
    ]);
    await expect.poll(() => page.getByLabel('监督电话', { exact: true }).inputValue()).toBe('0913-1234567');
  });

  it('backs up on demand and restores a backup, replacing the data', async () => {
    await ctx.e2e.app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '01' });
    await ctx.page.getByText('系统设置', { exact: true }).click();
    await ctx.page.getByRole('button', { name: '立即备份' }).click();
    const rows = ctx.page.getByTestId('backup-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toMatch(/griddesk-\d{8}-\d{6}\.sqlite/);

    // Change the data after the backup…
    await ctx.e2e.app.call('grids/create', { parentId: null, level: 1, name: '八渡镇', code: '02' });
    // …then restore it from the list.
    await rows.first().getByRole('button', { name: '恢复' }).click();
    await ctx.e2e.screenshot('10-restore-confirm');
    await ctx.page.getByRole('button', { name: '确认恢复' }).click();
    await ctx.page.getByText('恢复完成').waitFor();
    expect((await ctx.e2e.app.call('grids/tree', {})).map((g) => g.name)).toEqual(['温水镇']);
    // A safety copy of the replaced data is listed too.
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => ctx.page.getByTestId('backup-table').textContent()).toContain('before-restore');
    await ctx.page.getByRole('dialog').waitFor({ state: 'detached' });
    await ctx.e2e.screenshot('09-settings');

    await ctx.page.getByText('网格管理', { exact: true }).click();
    await item('01').waitFor();
    expect(await item('02').count()).toBe(0);
  });

  it('shows a damaged backup as an error and keeps the data', async () => {
    await ctx.e2e.app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '01' });
    const fs = await import('node:fs');
    const path = await import('node:path');
    const junk = path.join(ctx.e2e.app.dir, 'broken.sqlite');
    fs.writeFileSync(junk, 'garbage'.repeat(1000));
    ctx.e2e.app.ctx.pickFile = () => Promise.resolve(junk);
    await ctx.page.getByText('系统设置', { exact: true }).click();
    await ctx.page.getByRole('button', { name: '从文件恢复…' }).click();
    await ctx.page.getByText('恢复失败，当前数据未改变').waitFor();
    await ctx.page.getByText(/文件不是有效的数据库备份|不是网格工作台的数据库/).waitFor();
    expect((await ctx.e2e.app.call('grids/tree', {})).map((g) => g.name)).toEqual(['温水镇']);
  });
});
