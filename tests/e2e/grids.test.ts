import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const item = (code: string) => ctx.page.locator(`[role="treeitem"][data-code="${code}"]`);
const drawer = () => ctx.page.getByRole('dialog');

async function submitDrawer(buttonName: string) {
  await drawer().getByRole('button', { name: buttonName, exact: true }).click();
}

async function waitForCode(expected: string) {
  const input = drawer().getByLabel('网格编码');
  await expect.poll(() => input.inputValue()).toBe(expected);
}

async function addChild(parentCode: string, buttonName: string, name: string, expectedCode: string) {
  await item(parentCode).click();
  await ctx.page.getByRole('button', { name: buttonName }).click();
  await drawer().getByLabel('名称').fill(name);
  await waitForCode(expectedCode);
  await submitDrawer(buttonName);
  await item(expectedCode).waitFor();
  await drawer().waitFor({ state: 'detached' });
}

describe('grid page, as a clerk uses it', () => {
  it('builds a township tree, refuses a duplicate code, renames, moves and deletes', async () => {
    await ctx.page.getByRole('heading', { name: '还没有网格' }).waitFor();
    await ctx.e2e.screenshot('01-empty-state');

    // Township
    await ctx.page.getByRole('button', { name: '新增镇（一级网格）' }).click();
    await drawer().getByLabel('名称').fill('温水镇');
    await waitForCode('01');
    await drawer().getByLabel('统计用区划代码').fill('612345101000');
    await ctx.e2e.screenshot('02-create-drawer');
    await submitDrawer('新增镇');
    await item('01').waitFor();

    // Village, group, household grid — codes suggested under each parent.
    await addChild('01', '新增村（社区）', '田家河村', '0101');
    await addChild('0101', '新增村民小组', '十四组', '010101');
    // A second 十四组 in the same village is refused at its name, and nothing is added.
    await item('0101').click();
    await ctx.page.getByRole('button', { name: '新增村民小组' }).click();
    await drawer().getByLabel('名称').fill('十四组');
    await waitForCode('010102');
    await submitDrawer('新增村民小组');
    await drawer()
      .getByText('“田家河村”下已有名为“十四组”的网格，同一上级下的网格不能重名（已有的编码 010101），请换一个名称')
      .waitFor();
    await drawer().getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });
    expect((await ctx.e2e.app.call('grids/tree', {})).length).toBe(3);
    await addChild('010101', '新增户级网格', '十四组第1网格', '01010101');

    // Field validation in the form, then a duplicate code refused by the service.
    await item('01').click();
    await ctx.page.getByRole('button', { name: '新增村（社区）' }).click();
    await waitForCode('0102');
    await drawer().getByLabel('网格编码').fill('0101');
    await submitDrawer('新增村（社区）');
    await drawer().getByText('请填写名称').waitFor();
    await drawer().getByLabel('名称').fill('石桥村');
    await submitDrawer('新增村（社区）');
    await drawer().getByText('网格编码 0101 已被“田家河村”（二级网格）使用，编码不能重复').waitFor();
    await ctx.e2e.screenshot('03-duplicate-code');
    expect((await ctx.e2e.app.call('grids/tree', {})).length).toBe(4);
    await drawer().getByLabel('网格编码').fill('0102');
    await submitDrawer('新增村（社区）');
    await item('0102').waitFor();

    // Rename
    await item('0101').click();
    await ctx.page.getByRole('button', { name: '编辑' }).click();
    await drawer().getByLabel('名称').fill('田家河村（试点）');
    await submitDrawer('保存');
    await item('0101').getByText('田家河村（试点）').waitFor();
    const renamed = (await ctx.e2e.app.call('grids/tree', {})).find((g) => g.code === '0101');
    expect(renamed?.name).toBe('田家河村（试点）');

    // Move 十四组 under 石桥村: it and its household grid are re-coded.
    await item('010101').click();
    await ctx.page.getByRole('button', { name: '移动' }).click();
    const dialog = ctx.page.getByRole('dialog');
    await dialog.getByLabel('新的上级（二级网格）').fill('石桥');
    await ctx.page.getByRole('option', { name: /石桥村/ }).click();
    await dialog.getByText('移动后编码将由 010101 改为 010201，其下 1 个网格的编码随之改变。').waitFor();
    await ctx.e2e.screenshot('04-move-modal');
    await dialog.getByRole('button', { name: '确认移动' }).click();
    await item('010201').waitFor();
    await expect.poll(() => ctx.page.getByTestId('detail-code').textContent()).toBe('010201');
    const afterMove = await ctx.e2e.app.call('grids/tree', {});
    expect(afterMove.find((g) => g.name === '十四组第1网格')?.code).toBe('01020101');
    expect(afterMove.find((g) => g.code === '010201')?.parentId).toBe(afterMove.find((g) => g.code === '0102')?.id);

    // Delete 石桥村: the cascade is listed and must be confirmed.
    await item('0102').click();
    await ctx.page.getByRole('button', { name: '删除' }).click();
    await dialog.getByText('1 个三级网格').waitFor();
    await dialog.getByText('1 个四级网格').waitFor();
    const del = dialog.getByRole('button', { name: '删除', exact: true });
    expect(await del.isDisabled()).toBe(true);
    await ctx.e2e.screenshot('05-delete-cascade');
    await dialog.getByLabel(/我已确认连同以上 2 个下级网格一并删除/).check();
    await del.click();
    await item('0102').waitFor({ state: 'detached' });
    expect((await ctx.e2e.app.call('grids/tree', {})).map((g) => g.code)).toEqual(['01', '0101']);
    await ctx.e2e.screenshot('06-after-delete');
  });

  it('navigates the tree with the keyboard and filters it by search', async () => {
    const town = await ctx.e2e.app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '01' });
    const v1 = await ctx.e2e.app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '田家河村',
      code: '0101',
      kind: '村',
    });
    await ctx.e2e.app.call('grids/create', { parentId: town.id, level: 2, name: '石桥村', code: '0102', kind: '村' });
    await ctx.e2e.app.call('grids/create', { parentId: v1.id, level: 3, name: '十四组', code: '010101' });
    await ctx.e2e.reload();

    await item('01').click();
    const selected = () => ctx.page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('data-code');
    await ctx.page.keyboard.press('ArrowDown');
    await expect.poll(selected).toBe('0101');
    await ctx.page.keyboard.press('ArrowRight'); // opens 田家河村
    await item('010101').waitFor();
    await ctx.page.keyboard.press('ArrowRight'); // to its first child
    await expect.poll(selected).toBe('010101');
    await ctx.page.keyboard.press('ArrowLeft'); // back to the parent
    await expect.poll(selected).toBe('0101');
    await ctx.page.keyboard.press('ArrowLeft'); // closes it
    await item('010101').waitFor({ state: 'detached' });
    await ctx.page.keyboard.press('End');
    await expect.poll(selected).toBe('0102');
    await ctx.page.keyboard.press('Home');
    await expect.poll(selected).toBe('01');

    await ctx.page.getByLabel('搜索网格').fill('十四');
    await item('010101').waitFor();
    await expect.poll(() => ctx.page.locator('[role="treeitem"]').count()).toBe(3);
    await item('0102').waitFor({ state: 'detached' });
    await ctx.page.getByLabel('搜索网格').fill('0102');
    await item('0102').waitFor();
    await expect.poll(() => ctx.page.locator('[role="treeitem"]').count()).toBe(2);
  });

  it('loads the demo township and stays usable with a county of 7,500 grids', async () => {
    await ctx.page.getByRole('button', { name: '载入演示数据' }).click();
    await item('01').waitFor();
    const demo = await ctx.e2e.app.call('grids/tree', {});
    const firstVillage = demo.find((g) => g.level === 2)!;
    await item(firstVillage.code).click();
    await ctx.page.getByTestId('grid-detail').getByRole('heading', { name: firstVillage.name }).waitFor();
    await ctx.e2e.screenshot('07-demo-township');

    // Grow to county scale through the same service, then reload the ctx.page.
    const { createDemo } = await import('../../src/main/services/demo/demo');
    await createDemo(ctx.e2e.app.ctx.handle.db, { townships: 14, seed: 7 });
    const all = await ctx.e2e.app.call('grids/tree', {});
    expect(all.length).toBeGreaterThan(5000);
    await ctx.e2e.reload();
    await ctx.page.getByText(`共 ${all.length} 个网格`).waitFor();
    // Virtualised: only the rows in view are in the DOM.
    expect(await ctx.page.locator('[role="treeitem"]').count()).toBeLessThan(120);
    // Keyboard to the far end of the tree: the last township's last village comes into view.
    const towns = all.filter((g) => g.level === 1);
    const lastTown = towns.at(-1)!;
    await item(towns[0]!.code).click();
    await ctx.page.keyboard.press('End');
    const lastVillage = all.filter((g) => g.parentId === lastTown.id).at(-1)!;
    await item(lastVillage.code).waitFor();
    expect(await ctx.page.locator('[role="treeitem"]').count()).toBeLessThan(120);
    const target = all.filter((g) => g.level === 4).at(-1)!;
    await ctx.page.getByLabel('搜索网格').fill(target.code);
    await item(target.code).click();
    await ctx.page.getByTestId('grid-detail').getByRole('heading', { name: target.name }).waitFor();
    expect(await ctx.page.locator('[role="treeitem"]').count()).toBe(4);
    await ctx.e2e.screenshot('08-county-search');
  });
});
