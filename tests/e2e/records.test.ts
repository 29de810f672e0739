/**
 * The records screens at 1366×768 (issue 10, R4): a dispute entered through the form is in the
 * list and on its grid's timeline, the statistics count it and the figure opens the records it
 * counts; an open dispute past its deadline is marked in red wherever it is listed.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { makeId } from '../helpers/people';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const nav = () => ctx.page.getByRole('navigation', { name: '主导航' });
const rows = () => ctx.page.getByTestId('record-table').locator('tbody tr');

function localDay(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Nothing on the page is wider than the office PC's 1366 px. */
async function fitsWidth() {
  const { scroll, client } = await ctx.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Closes the 已保存 notifications, so they cover nothing in the next screenshot. */
async function closeNotifications() {
  for (const close of await ctx.page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await ctx.page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
}

/** A drawer has finished sliding in: it stands still, inside the window. */
async function standsStill(drawer: Locator) {
  let last = '';
  await expect
    .poll(
      async () => {
        const box = await drawer.boundingBox();
        const now = JSON.stringify(box);
        const still = box !== null && now === last && box.x + box.width <= 1366;
        last = now;
        return still;
      },
      { interval: 150 },
    )
    .toBe(true);
}

/** The disputes of a grid's subtree found within a period, counted by a plain walk of the tables. */
function disputesIn(rootId: number, from: string, to: string) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const grids = db.prepare('select id, parent_id from grids').all() as { id: number; parent_id: number | null }[];
  const parent = new Map(grids.map((g) => [g.id, g.parent_id]));
  const inside = (id: number): boolean => {
    for (let g: number | null | undefined = id; g != null; g = parent.get(g)) if (g === rootId) return true;
    return false;
  };
  const all = db.prepare('select grid_id, found_date, status from disputes').all() as {
    grid_id: number;
    found_date: string;
    status: string;
  }[];
  let found = 0;
  let open = 0;
  let success = 0;
  for (const d of all) {
    if (!inside(d.grid_id) || d.found_date < from || d.found_date > to) continue;
    found++;
    if (d.status === '排查中' || d.status === '调处中') open++;
    if (d.status === '调解成功') success++;
  }
  return { found, open, handled: found - open, success };
}

async function pick(scope: Locator, label: string, typed: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).fill(typed);
  await ctx.page.getByRole('option', { name: option, exact: true }).click();
}

/** 温水镇 / 许坪村 / 一组 / 第1、第2网格, a worker in each household grid, and a second village. */
async function township() {
  const call = ctx.e2e.app.call.bind(ctx.e2e.app);
  const town = await call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await call('grids/create', { parentId: town.id, level: 2, name: '许坪村', code: '1101', kind: '村' });
  const group = await call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '110101' });
  const grid = await call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11010101' });
  const next = await call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11010102' });
  const far = await call('grids/create', { parentId: town.id, level: 2, name: '石桥村', code: '1102', kind: '村' });
  const hire = async (name: string, seq: number, gridId: number) => {
    const w = await call('workers/create', {
      name,
      gender: '女',
      idNumber: makeId('1980-04-0' + String(seq), seq, '女'),
      phone: `1380000000${seq}`,
      politicalStatus: '群众',
    });
    await call('assignments/create', { workerId: w.id, gridId, startDate: '2025-01-01' });
    return w;
  };
  const worker = await hire('李秀兰', 1, grid.id);
  await hire('李守田', 2, next.id);
  // Settled in the household grid: 小事不出网格.
  await call('records/create', {
    kind: 'disputes',
    fields: {
      gridId: next.id,
      foundDate: `${localDay().slice(0, 4)}-02-03`,
      category: '婚姻家庭',
      parties: '吴戊与郑己',
      status: '调解成功',
      settledLevel: '户级网格',
      settleDate: `${localDay().slice(0, 4)}-02-10`,
    },
  });
  // A dispute elsewhere, which the village's figures must not count.
  await call('records/create', {
    kind: 'disputes',
    fields: { gridId: far.id, foundDate: localDay(), category: '合同', parties: '孙丙与周丁' },
  });
  return { grid, village, worker };
}

describe('records screens', () => {
  it('a dispute entered through the form is listed, on its grid timeline, counted, and opened from its figure', async () => {
    const { page, e2e } = ctx;
    const { grid, village, worker } = await township();
    const today = localDay();
    const year = today.slice(0, 4);
    // Open and past its deadline: the list must mark it.
    await e2e.app.call('records/create', {
      kind: 'disputes',
      fields: {
        gridId: grid.id,
        foundDate: `${year}-01-05`,
        deadline: `${year}-01-20`,
        category: '房屋宅基地',
        parties: '赵甲与钱乙',
        status: '调处中',
      },
    });
    await e2e.reload();

    await nav().getByText('工作记录', { exact: true }).click();
    await page.getByRole('button', { name: '新增矛盾纠纷' }).click();
    const drawer = page.getByRole('dialog', { name: '新增矛盾纠纷' });
    await pick(drawer, '所属网格', grid.code, `${grid.label}（${grid.code}）`);
    // Only the grid's own workers are offered.
    await drawer.getByRole('combobox', { name: '网格员', exact: true }).fill('李');
    await page.getByRole('option', { name: /^李秀兰/ }).waitFor();
    expect(await page.getByRole('option', { name: /^李守田/ }).count()).toBe(0);
    await drawer.getByRole('combobox', { name: '网格员', exact: true }).fill('秀');
    await page.getByRole('option', { name: /^李秀兰/ }).click();
    await pick(drawer, '纠纷类别', '邻', '邻里');
    await drawer.getByLabel('当事人').fill('王小明与李大山');
    // Saving without a step's handler names the field; adding it saves.
    await drawer.getByRole('button', { name: '添加一次调处' }).click();
    await drawer.getByLabel('调处经过').fill('上门调解，双方同意协商');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('请填写调处人').waitFor();
    await drawer.getByLabel('调处人').fill('张书记');
    await standsStill(drawer);
    await e2e.screenshot('records-01-dispute-form');
    await fitsWidth();
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'detached' });

    const stored = e2e.app.ctx.handle.sqlite
      .prepare("select id, grid_id, worker_id, category, status from disputes where parties = '王小明与李大山'")
      .all() as { id: number; grid_id: number; worker_id: number | null; category: string; status: string }[];
    expect(stored).toEqual([
      { id: stored[0]!.id, grid_id: grid.id, worker_id: worker.id, category: '邻里', status: '排查中' },
    ]);
    const steps = e2e.app.ctx.handle.sqlite
      .prepare('select handler, action from dispute_steps where dispute_id = ?')
      .all(stored[0]!.id);
    expect(steps).toEqual([{ handler: '张书记', action: '上门调解，双方同意协商' }]);

    // The list: the new dispute, and the overdue one in red; only the overdue one when filtered.
    await page.getByRole('combobox', { name: '范围' }).fill(grid.code);
    await page.getByRole('option', { name: `${grid.label}（${grid.code}）` }).click();
    const fresh = rows().filter({ hasText: '邻里纠纷：王小明与李大山' });
    const late = rows().filter({ hasText: '房屋宅基地纠纷：赵甲与钱乙' });
    await fresh.waitFor();
    await late.getByTestId('overdue-badge').waitFor();
    expect(await fresh.getByTestId('overdue-badge').count()).toBe(0);
    await closeNotifications();
    await e2e.screenshot('records-02-dispute-list');
    await fitsWidth();
    await page.getByLabel('只看超期').check();
    await fresh.waitFor({ state: 'detached' });
    await late.waitFor();
    await page.getByLabel('只看超期').uncheck();

    // Row click opens the record's form, filled.
    await fresh.click();
    const edit = page.getByRole('dialog', { name: /邻里纠纷：王小明与李大山/ });
    expect(await edit.getByLabel('当事人').inputValue()).toBe('王小明与李大山');
    expect(await edit.getByLabel('调处人').inputValue()).toBe('张书记');
    await standsStill(edit);
    await e2e.screenshot('records-03-dispute-edit');
    await edit.getByRole('button', { name: '取消' }).click();
    await edit.waitFor({ state: 'detached' });

    // The grid page's timeline, newest first; a line opens the record.
    await nav().getByText('网格管理', { exact: true }).click();
    await page.getByLabel('搜索网格').fill(grid.code);
    await page.locator(`[role="treeitem"][data-code="${grid.code}"]`).click();
    const timeline = page.getByTestId('grid-detail').getByTestId('record-timeline');
    const lines = timeline.getByTestId('timeline-line');
    await lines.filter({ hasText: '王小明与李大山' }).waitFor();
    const dates = await lines.evaluateAll((els) => els.map((e) => e.querySelector('p')?.textContent ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    await lines.filter({ hasText: '赵甲与钱乙' }).getByTestId('overdue-badge').waitFor();
    await lines.filter({ hasText: '王小明与李大山' }).scrollIntoViewIfNeeded();
    await e2e.screenshot('records-04-grid-timeline');
    await fitsWidth();
    await lines.filter({ hasText: '王小明与李大山' }).click();
    const fromTimeline = page.getByRole('dialog', { name: /邻里纠纷：王小明与李大山/ });
    await fromTimeline.getByRole('button', { name: '取消' }).click();
    await fromTimeline.waitFor({ state: 'detached' });

    // The worker's drawer lists the worker's records only.
    await page.getByTestId('grid-detail').getByTestId('worker-link').filter({ hasText: '李秀兰' }).click();
    const own = page.getByTestId('worker-detail').getByTestId('record-timeline');
    await own.getByTestId('timeline-line').filter({ hasText: '王小明与李大山' }).waitFor();
    expect(await own.getByTestId('timeline-line').count()).toBe(1);
    await e2e.screenshot('records-05-worker-timeline');
    await fitsWidth();
    await page.keyboard.press('Escape');
    await page.getByTestId('worker-detail').waitFor({ state: 'detached' });

    // The statistics of the village this year count it; the figure opens the records it counts.
    await nav().getByText('工作记录', { exact: true }).click();
    await page.getByRole('tab', { name: '统计' }).click();
    const stats = page.getByTestId('record-stats');
    await pick(stats, '范围', village.code, `${village.label}（${village.code}）`);
    const expected = disputesIn(village.id, `${year}-01-01`, today);
    expect(expected.found).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => stats.getByTestId('stat-disputes-found').innerText(), { interval: 100 })
      .toBe(String(expected.found));
    const rate = (part: number, whole: number) => `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%`;
    expect(expected).toMatchObject({ handled: 1, success: 1 });
    await stats.getByText('已办结 ÷ 排查发现').waitFor();
    await stats.getByText('调解成功 ÷ 已办结').waitFor();
    expect(await stats.getByTestId('stat-handled-rate').innerText()).toBe(rate(expected.handled, expected.found));
    expect(await stats.getByTestId('stat-success-rate').innerText()).toBe(rate(expected.success, expected.handled));
    await e2e.screenshot('records-06-stats');
    await fitsWidth();
    await stats.getByTestId('stat-disputes-found').click();
    await page.getByText(`共 ${expected.found} 条`).waitFor();
    expect(await page.getByLabel('起始日期').inputValue()).toBe(`${year}-01-01`);
    await fresh.waitFor();
    await rows().filter({ hasText: '孙丙与周丁' }).waitFor({ state: 'detached' });
    await e2e.screenshot('records-07-list-from-stats');
    await fitsWidth();

    // 小事不出网格 opens the successes settled in the household grid.
    await page.getByRole('tab', { name: '统计' }).click();
    await stats.getByTestId('stat-within-grid').click();
    await page.getByText('共 1 条').waitFor();
    await rows().filter({ hasText: '吴戊与郑己' }).waitFor();
  });

  it('every kind has its form, fitting the drawer; a training ticks its attendees, a visit counts its problems', async () => {
    const { page, e2e } = ctx;
    const { village, grid } = await township();
    const settings = await e2e.app.call('settings/get', {});
    await e2e.app.call('settings/update', { ...settings, publicityTopics: ['电信诈骗专题', '防火'] });
    await e2e.reload();
    await nav().getByText('工作记录', { exact: true }).click();
    const kinds = ['信息报告', '政策宣传', '便民服务', '走访', '培训例会', '微信群'];
    for (const [i, label] of kinds.entries()) {
      await page.locator('label', { hasText: new RegExp(`^${label}$`) }).click();
      await page.getByRole('heading', { name: label, exact: true }).waitFor();
      await page.getByRole('button', { name: `新增${label}` }).click();
      const drawer = page.getByRole('dialog', { name: `新增${label}` });
      await drawer.getByRole('button', { name: '保存' }).waitFor();
      await standsStill(drawer);
      if (await page.locator('.mantine-Notification-root').count()) await closeNotifications();
      const body = await drawer.locator('.mantine-Drawer-body').evaluate((e) => [e.scrollWidth, e.clientWidth]);
      expect(body[0]).toBeLessThanOrEqual(body[1]!);
      await e2e.screenshot(`records-1${i}-form-${label}`);
      await fitsWidth();
      if (label === '培训例会') {
        // Saving with nothing filled names the missing fields, and saves nothing.
        await drawer.getByRole('button', { name: '保存' }).click();
        await drawer.getByText('请选择网格').waitFor();
        await drawer.getByText('请填写培训内容').waitFor();
        await pick(drawer, '组织网格', village.code, `${village.label}（${village.code}）`);
        await drawer.getByLabel('李秀兰').check();
        await drawer.getByLabel('李守田').check();
        await drawer.getByText('签到人员（已勾选 2 人）').waitFor();
        await drawer.getByLabel('培训内容').fill('网格员业务培训：矛盾纠纷排查');
        await drawer.getByRole('button', { name: '保存' }).click();
        await drawer.waitFor({ state: 'detached' });
        continue;
      }
      if (label === '政策宣传') {
        // The topics are the clerk's list from Settings.
        await drawer.getByRole('combobox', { name: '宣传主题' }).click();
        await page.getByRole('option', { name: '电信诈骗专题' }).waitFor();
        expect(await page.getByRole('option', { name: '乡村振兴' }).count()).toBe(0);
        await page.keyboard.press('Escape');
      }
      if (label === '走访') {
        await pick(drawer, '所属网格', grid.code, `${grid.label}（${grid.code}）`);
        await drawer.getByLabel('走访户数').fill('6');
        await drawer.getByLabel('安全隐患').fill('2');
        await drawer.getByLabel('民生诉求').fill('1');
        await drawer.getByLabel('当场解决数').fill('2');
        await drawer.getByLabel('上报数').fill('2');
        await drawer.getByRole('button', { name: '保存' }).click();
        await drawer.getByText('当场解决数与上报数之和（4）不能多于发现问题数（3）').waitFor();
        await drawer.getByLabel('上报数').fill('1');
        await drawer.getByRole('button', { name: '保存' }).click();
        await drawer.waitFor({ state: 'detached' });
        continue;
      }
      await drawer.getByRole('button', { name: '取消' }).click();
      await drawer.waitFor({ state: 'detached' });
    }
    const db = e2e.app.ctx.handle.sqlite;
    const training = db.prepare('select id, grid_id, attended from trainings').all() as {
      id: number;
      grid_id: number;
      attended: number;
    }[];
    expect(training).toEqual([{ id: training[0]!.id, grid_id: village.id, attended: 2 }]);
    const ticked = db
      .prepare('select count(*) as n from training_attendees where training_id = ?')
      .get(training[0]!.id);
    expect(ticked).toEqual({ n: 2 });
    expect(db.prepare('select households, problems, solved, reported from visits').all()).toEqual([
      { households: 6, problems: 3, solved: 2, reported: 1 },
    ]);
    // The training is listed with its attendance.
    await page.locator('label', { hasText: /^培训例会$/ }).click();
    await rows().filter({ hasText: '网格员业务培训' }).waitFor();
    await closeNotifications();
    await e2e.screenshot('records-17-trainings-list');
    await fitsWidth();

    // Deleting asks first, naming the record; then it is gone with its sign-in list.
    await rows().filter({ hasText: '网格员业务培训' }).click();
    const edit = page.getByRole('dialog', { name: /网格员业务培训/ });
    expect(await edit.getByText('签到人员（已勾选 2 人）').count()).toBe(1);
    await edit.getByRole('button', { name: '删除记录…' }).click();
    const ask = page.getByRole('dialog', { name: '删除这条记录？' });
    await ask.getByText(/将删除培训例会“培训：网格员业务培训：矛盾纠纷排查（实到 2 人）”（.+，许坪村）/).waitFor();
    await e2e.screenshot('records-18-delete-asks');
    await ask.getByRole('button', { name: '删除', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await rows().filter({ hasText: '网格员业务培训' }).waitFor({ state: 'detached' });
    expect(db.prepare('select count(*) as n from trainings').get()).toEqual({ n: 0 });
    expect(db.prepare('select count(*) as n from training_attendees').get()).toEqual({ n: 0 });
  });

  it('the demo township: this year statistics at 1366x768, 超期未办结 opens exactly the overdue disputes, each marked', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    await e2e.reload();
    const today = localDay();
    const year = today.slice(0, 4);
    const all = e2e.app.ctx.handle.sqlite.prepare('select found_date, status, deadline from disputes').all() as {
      found_date: string;
      status: string;
      deadline: string | null;
    }[];
    let found = 0;
    let overdue = 0;
    for (const d of all) {
      if (d.found_date < `${year}-01-01` || d.found_date > today) continue;
      found++;
      const open = d.status === '排查中' || d.status === '调处中';
      if (open && d.deadline !== null && d.deadline < today) overdue++;
    }
    expect(overdue).toBeGreaterThan(0);
    await nav().getByText('工作记录', { exact: true }).click();
    await page.getByRole('tab', { name: '统计' }).click();
    const stats = page.getByTestId('record-stats');
    await expect
      .poll(() => stats.getByTestId('stat-disputes-found').innerText(), { interval: 100 })
      .toBe(String(found));
    expect(await stats.getByTestId('stat-overdue').innerText()).toBe(String(overdue));
    await e2e.screenshot('records-20-demo-stats');
    await fitsWidth();
    await stats.getByTestId('stat-overdue').click();
    await page.getByText(`共 ${overdue} 条`).waitFor();
    const shown = await rows().count();
    expect(shown).toBe(Math.min(overdue, 50));
    expect(await rows().getByTestId('overdue-badge').count()).toBe(shown);
    await e2e.screenshot('records-21-demo-overdue');
    await fitsWidth();
  });
});
