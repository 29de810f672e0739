/**
 * Workers and households as a clerk meets them at 1366×768: replacing a grid's holder names
 * them first, 待安排 instead of a quiet 在岗, deletes that name what they take, drawers that ask
 * before losing changes, grids named from their village down, batch 离任 and contact cards.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import { makeId, PNG_1PX } from '../helpers/people';
import { readPdf } from '../helpers/pdf';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

/** 温水镇 › 田家河村 and 许坪村, each with 一组 › 第1网格: names that repeat in every village. */
async function seed() {
  const { app } = ctx.e2e;
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const grids = [];
  for (const [name, code] of [
    ['田家河村', '1114'],
    ['许坪村', '1101'],
  ] as const) {
    const village = await app.call('grids/create', { parentId: town.id, level: 2, name, code, kind: '村' });
    const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: `${code}01` });
    const hh = await app.call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: `${code}0101` });
    grids.push({ village, group, hh });
  }
  const person = (name: string, seq: number) =>
    app.call('workers/create', {
      name,
      gender: '男',
      idNumber: makeId('1970-01-01', seq, '男'),
      phone: `1390000000${seq}`,
    });
  const guo = await person('郭书科', 1);
  const li = await person('李民宝', 2);
  const [tian, xu] = grids as [(typeof grids)[0], (typeof grids)[0]];
  await app.call('assignments/create', { workerId: guo.id, gridId: tian.hh.id, startDate: '2021-03-01' });
  const zhang = await app.call('households/create', {
    gridId: tian.hh.id,
    headName: '张国富',
    address: '田家河村一组2号',
    members: 5,
  });
  await app.call('households/create', { gridId: xu.hh.id, headName: '李秀英', address: '许坪村一组1号' });
  return { tian, xu, guo, li, zhang };
}

async function openWorkers() {
  const { page, e2e } = ctx;
  await e2e.reload();
  await page.getByText('网格员', { exact: true }).first().click();
  await page.getByRole('tab', { name: '网格员名单' }).waitFor();
}

function row(name: string): Locator {
  return ctx.page.locator('tbody tr', { hasText: name });
}

async function openWorker(name: string): Promise<Locator> {
  await row(name).getByRole('cell', { name, exact: true }).click();
  const detail = ctx.page.getByTestId('worker-detail');
  await detail.getByRole('heading', { name }).waitFor();
  return detail;
}

/** Closes the notifications shown so far, so that a screenshot shows what they would cover. */
async function dismissNotifications() {
  const shown = ctx.page.locator('.mantine-Notification-root');
  // They may still be sliding in: a forced click closes them all the same.
  for (const close of await shown.locator('.mantine-Notification-closeButton').all())
    await close.click({ force: true });
  await expect.poll(() => shown.count()).toBe(0);
}

const stateOf = async (id: number) => (await ctx.e2e.app.call('workers/get', { id })).state;

describe('workers: who holds a grid, and what becomes of the one replaced', () => {
  it('names the holder before replacing them and asks whether they stay 待安排 or leave', async () => {
    const { page, e2e } = ctx;
    const { tian, guo, li } = await seed();
    await openWorkers();
    // Grids are named from the village down; a worker without a grid is 待安排, not 在岗.
    await row('郭书科').getByText('田家河村 / 一组 / 第1网格（网格员）').waitFor();
    await row('李民宝').getByTestId('worker-state').getByText('待安排').waitFor();
    await e2e.screenshot('people-00-worker-list');
    const states = page.getByTestId('state-filter');
    await states.locator('label', { hasText: /^待安排$/ }).click();
    await page.getByText('第 1–1 条，共 1 人').waitFor();
    await row('李民宝').waitFor();
    expect(await row('郭书科').count()).toBe(0);
    await states.locator('label', { hasText: /^全部$/ }).click();
    await row('郭书科').waitFor();

    const detail = await openWorker('李民宝');
    await detail.getByRole('button', { name: '新增任职' }).click();
    const modal = page.getByRole('dialog', { name: /新增任职/ });
    await modal.getByRole('combobox', { name: '网格', exact: true }).fill('田家河村 / 一组 / 第1');
    await page.getByRole('option', { name: '田家河村 / 一组 / 第1网格（11140101）' }).click();
    const holder = modal.getByTestId('current-holder');
    await holder.getByText('“田家河村 / 一组 / 第1网格”现由').waitFor();
    expect(await holder.innerText()).toContain('郭书科 担任网格员（自 2021-03-01 起）');
    await e2e.screenshot('people-01-replace-holder');
    // Nothing happens until the clerk confirms and says what becomes of 郭书科.
    await modal.getByRole('button', { name: '确认替换并任职' }).click();
    await modal.getByText('请确认由新任网格员接替“郭书科”').waitFor();
    await modal.getByText('请选择之后待安排还是离任').waitFor();
    expect(await stateOf(guo.id)).toBe('在岗');
    await modal.getByLabel('确认由“李民宝”接替“郭书科”').check();
    await modal.getByRole('radio', { name: '离任' }).check();
    await modal.getByRole('button', { name: '确认替换并任职' }).click();
    await modal.waitFor({ state: 'detached' });
    expect(await stateOf(guo.id)).toBe('离任');
    expect(await stateOf(li.id)).toBe('在岗');
    expect((await e2e.app.call('grids/assignments', { id: tian.hh.id })).map((a) => a.workerName)).toEqual([
      '李民宝',
      '郭书科',
    ]);

    // Ending 李民宝's only grid asks again; 待安排 keeps him in post without a grid.
    const assignment = page.getByTestId('assignment-table').locator('tbody tr', { hasText: '第1网格' });
    await assignment.getByText('现任').waitFor();
    await assignment.getByRole('button', { name: '结束任职' }).click();
    const end = page.getByRole('dialog', { name: /结束任职/ });
    await end.getByRole('button', { name: '确认结束任职' }).click();
    await end.getByText('请选择结束后待安排还是离任').waitFor();
    await end.getByRole('radio', { name: /^待安排/ }).check();
    await end.getByRole('button', { name: '确认结束任职' }).click();
    await end.waitFor({ state: 'detached' });
    await detail.getByTestId('worker-state').getByText('待安排').waitFor();
    await assignment.getByText('已结束').waitFor();
    expect(await assignment.getByRole('button', { name: '结束任职' }).count()).toBe(0);
    await dismissNotifications();
    await e2e.screenshot('people-02-worker-detail');
  });

  it('shows the worker of a deleted village as 待安排, not 在岗', async () => {
    const { page, e2e } = ctx;
    const { tian } = await seed();
    await e2e.app.call('grids/delete', { id: tian.village.id, cascade: true });
    await openWorkers();
    await row('郭书科').getByText('未任职').waitFor();
    expect(await row('郭书科').getByTestId('worker-state').innerText()).toBe('待安排');
    const detail = await openWorker('郭书科');
    await detail.getByText('该网格员在岗，但目前没有现任网格').waitFor();
    expect(await detail.getByTestId('worker-state').innerText()).toBe('待安排');
    await page.keyboard.press('Escape');
    await page
      .getByTestId('state-filter')
      .locator('label', { hasText: /^在岗$/ })
      .click();
    await page.getByText('没有符合条件的网格员').waitFor();
  });

  it('puts the ticked workers out of post in one confirmed write, and prints their grids’ cards', async () => {
    const { page, e2e } = ctx;
    const { xu, guo, li } = await seed();
    await e2e.app.call('assignments/create', { workerId: li.id, gridId: xu.hh.id, startDate: '2022-01-01' });
    await openWorkers();
    await row('郭书科').waitFor();

    // Cards for the households of 郭书科's grid only (张国富, not 许坪村's 李秀英).
    await row('郭书科').getByRole('checkbox').check();
    await page.getByRole('button', { name: /批量操作（已选 1 人）/ }).click();
    await page.getByRole('menuitem', { name: '打印其网格的联系卡…' }).click();
    const cards = page.getByTestId('card-scope');
    await cards.getByText('为以下网格的 1 户住户打印联系卡：').waitFor();
    await cards.getByText('田家河村 / 一组 / 第1网格').waitFor();
    const pdf = path.join(e2e.app.dir, '联系卡.pdf');
    e2e.app.ctx.saveFile = () => Promise.resolve(pdf);
    await page.getByRole('button', { name: '选择保存位置并打印' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const text = (await readPdf(pdf)).flatMap((p) => p.items.map((i) => i.str)).join('');
    expect(text).toContain('张国富');
    expect(text).not.toContain('李秀英');

    await row('李民宝').getByRole('checkbox').check();
    await page.getByRole('button', { name: /批量操作（已选 2 人）/ }).click();
    await page.getByRole('menuitem', { name: '办理离任…' }).click();
    const leave = page.getByRole('dialog', { name: '办理离任（2 人）' });
    await leave.getByText('郭书科：结束 田家河村 / 一组 / 第1网格（网格员）').waitFor();
    await leave.getByText('李民宝：结束 许坪村 / 一组 / 第1网格（网格员）').waitFor();
    await dismissNotifications();
    await e2e.screenshot('people-03-batch-leave');
    await leave.getByLabel('离任日期').fill('2021-12-31');
    await leave.getByRole('button', { name: '确认离任' }).click();
    await leave
      .getByText(/离任日期不能早于任职日期：李民宝 在 许坪村 \/ 一组 \/ 第1网格 自 2022-01-01 起任职/)
      .waitFor();
    expect(await stateOf(guo.id)).toBe('在岗');
    await leave.getByLabel('离任日期').fill('2025-06-30');
    await leave.getByRole('button', { name: '确认离任' }).click();
    await leave.waitFor({ state: 'detached' });
    await expect.poll(() => row('李民宝').getByTestId('worker-state').innerText()).toBe('离任');
    expect(await stateOf(guo.id)).toBe('离任');
    const log = (await e2e.app.call('audit/list', {})).rows.filter((r) => r.action === '网格员离任');
    expect(log.map((r) => r.counts)).toEqual([{ 网格员: 2, 任职: 2 }]);
  });
});

describe('deleting workers and households names what goes', () => {
  it('deletes a worker after naming their history, photo and the grid left vacant', async () => {
    const { page, e2e } = ctx;
    const { guo } = await seed();
    const png = path.join(e2e.app.dir, 'p.png');
    fs.writeFileSync(png, PNG_1PX);
    e2e.app.ctx.pickFile = () => Promise.resolve(png);
    await openWorkers();
    const detail = await openWorker('郭书科');
    await detail.getByRole('button', { name: '上传照片' }).click();
    await detail.getByRole('button', { name: '更换照片' }).waitFor();
    expect((await e2e.app.call('workers/photo', { id: guo.id })).photo).not.toBeNull();
    await detail.getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '删除网格员…' }).click();
    const modal = page.getByRole('dialog', { name: '删除网格员“郭书科”' });
    const cascade = modal.getByTestId('delete-cascade');
    await cascade.getByText('1 条网格员任职记录（现任和历史）').waitFor();
    await cascade.getByText('照片').waitFor();
    await cascade.getByText('以下网格将空缺（待配备）：田家河村 / 一组 / 第1网格（网格员）').waitFor();
    await dismissNotifications();
    await e2e.screenshot('people-04-delete-worker');
    expect(await modal.getByRole('button', { name: '删除' }).isDisabled()).toBe(true);
    await modal.getByLabel('我已确认连同以上数据一并删除').check();
    await modal.getByRole('button', { name: '删除' }).click();
    await page.getByTestId('worker-detail').waitFor({ state: 'detached' });
    await expect.poll(() => row('郭书科').count()).toBe(0);
    expect((await e2e.app.call('stats/get', {})).workers).toBe(1);
  });

  it('deletes a household after naming it', async () => {
    const { page, e2e } = ctx;
    await seed();
    await e2e.reload();
    await page.getByText('住户', { exact: true }).first().click();
    await row('张国富').getByText('田家河村 / 一组 / 第1网格').waitFor();
    await row('李秀英').getByText('许坪村 / 一组 / 第1网格').waitFor();
    await e2e.screenshot('people-07-household-list');
    await row('张国富').getByRole('cell', { name: '张国富' }).click();
    await page.getByRole('button', { name: '删除住户…' }).click();
    const modal = page.getByRole('dialog', { name: '删除户主“张国富”的住户？' });
    const facts = modal.getByTestId('delete-household');
    await facts.getByText('田家河村 / 一组 / 第1网格（11140101）').waitFor();
    await facts.getByText('田家河村一组2号').waitFor();
    await e2e.screenshot('people-08-delete-household');
    await modal.getByRole('button', { name: '删除住户' }).click();
    await expect.poll(() => row('张国富').count()).toBe(0);
    await row('李秀英').waitFor();
    expect((await e2e.app.call('stats/get', {})).households).toBe(1);
  });
});

describe('edit drawers', () => {
  it('ask before losing changes on Esc or a click outside (worker and household forms)', async () => {
    const { page, e2e } = ctx;
    const { guo } = await seed();
    await openWorkers();
    const detail = await openWorker('郭书科');
    await detail.getByRole('button', { name: '编辑' }).click();
    const form = page.getByRole('dialog', { name: '编辑：郭书科' });
    await form.getByLabel('联系电话').fill('13911112222');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: '放弃未保存的修改？' });
    await ask.waitFor();
    await e2e.screenshot('people-05-discard-question');
    await ask.getByRole('button', { name: '继续编辑' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await form.getByLabel('联系电话').inputValue()).toBe('13911112222');
    // A click on the dimmed page beside the drawer asks the same.
    await page.mouse.click(20, 400);
    await ask.waitFor();
    await ask.getByRole('button', { name: '放弃修改' }).click();
    await form.waitFor({ state: 'detached' });
    // The worker's details stay open behind; nothing was saved.
    await detail.getByRole('heading', { name: '郭书科' }).waitFor();
    expect((await e2e.app.call('workers/get', { id: guo.id })).phone).toBe('13900000001');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    await page.getByText('住户', { exact: true }).first().click();
    await row('张国富').getByRole('cell', { name: '张国富' }).click();
    const household = page.getByRole('dialog', { name: '编辑住户：张国富' });
    await household.getByLabel('住址').fill('田家河村一组3号');
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: '继续编辑' }).click();
    await household.getByRole('button', { name: '保存' }).click();
    await household.waitFor({ state: 'detached' });
    await row('张国富').getByText('田家河村一组3号').waitFor();
  });

  it('keeps 保存 clear of the 人员类别 list, and refuses an ID dated in the future', async () => {
    const { page, e2e } = ctx;
    await seed();
    await openWorkers();
    await page.getByRole('button', { name: '新增网格员' }).click();
    const form = page.getByRole('dialog', { name: '新增网格员' });
    await form.getByLabel('人员类别').click();
    await page.getByRole('option', { name: '新乡贤' }).waitFor();
    await e2e.screenshot('people-06-tags-open');
    const save = form.getByRole('button', { name: '保存' });
    const box = (await save.boundingBox())!;
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.textContent ?? null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(onTop).toBe('保存');
    await page.keyboard.press('Escape');

    await form.getByLabel('姓名').fill('丁安忠');
    await form.getByLabel('身份证号').fill(makeId('2030-05-12', 3, '男'));
    await form.getByLabel('联系电话').fill('13816531676');
    await save.click();
    await form.getByText('身份证号中的出生日期晚于今天（2030 年），请核对').waitFor();
    expect((await e2e.app.call('stats/get', {})).workers).toBe(2);
  });
});
