/**
 * 月末批量录入 at 1366×768 (issue 10, R5): a village's month of visits typed by keyboard only —
 * prefilled rows, typing, Tab, Enter, type-ahead for grid and worker, Ctrl+D copy-down — saved
 * in one call and counted; a bad cell shows its error on the cell and nothing is saved.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeId } from '../helpers/people';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const nav = () => ctx.page.getByRole('navigation', { name: '主导航' });
const bulkGrid = () => ctx.page.getByRole('grid', { name: /批量录入表/ });

/** 温水镇 / 许坪村 / 一组 / 第1、第2网格, each with its worker. */
async function township() {
  const call = ctx.e2e.app.call.bind(ctx.e2e.app);
  const town = await call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await call('grids/create', { parentId: town.id, level: 2, name: '许坪村', code: '1101', kind: '村' });
  const group = await call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '110101' });
  const first = await call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11010101' });
  const second = await call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11010102' });
  const hire = async (name: string, seq: number, gridId: number) => {
    const w = await call('workers/create', {
      name,
      gender: '女',
      idNumber: makeId(`1980-04-0${seq}`, seq, '女'),
      phone: `1380000000${seq}`,
    });
    await call('assignments/create', { workerId: w.id, gridId, startDate: '2025-01-01' });
    return w;
  };
  return { village, first, second, li: await hire('李秀兰', 1, first.id), shou: await hire('李守田', 2, second.id) };
}

/** The column's position among the grid's headers (aria-colindex is 1-based). */
async function colIndex(name: string): Promise<number> {
  const headers = await bulkGrid().getByRole('columnheader').allInnerTexts();
  const i = headers.findIndex((h) => h.trim() === name);
  if (i < 0) throw new Error(`no column ${name}: ${headers.join(',')}`);
  return i + 1;
}

async function cell(row: number, column: string) {
  return bulkGrid().locator(
    `[role=row][aria-rowindex="${row + 1}"] [role=gridcell][aria-colindex="${await colIndex(column)}"]`,
  );
}

/** The error a cell shows (its title and data-error), or null. */
async function errorOf(row: number, column: string): Promise<string | null> {
  return (await cell(row, column)).evaluate(
    (el) => el.querySelector('[data-error]')?.getAttribute('data-error') ?? null,
  );
}

async function openBulk(kind: string) {
  await nav().getByText('工作记录', { exact: true }).click();
  await ctx.page.getByRole('radiogroup', { name: '记录类别' }).getByText(kind, { exact: true }).click();
  await ctx.page.getByRole('button', { name: '月末批量录入' }).click();
  await bulkGrid().waitFor();
}

/** Types into the active cell and leaves it with `key`. */
async function type(text: string, key = 'Tab') {
  // Chinese comes through the IME, not as key presses: F2 opens the cell first, as in Excel.
  if (/^[^ -~]/.test(text)) await ctx.page.keyboard.press('F2');
  await ctx.page.keyboard.type(text);
  await ctx.page.keyboard.press(key);
}

/** Closes the 已保存 notifications, so they cover nothing in the next screenshot. */
async function closeNotifications() {
  for (const close of await ctx.page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await ctx.page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
}

async function fitsWidth() {
  const { scroll, client } = await ctx.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('month-end bulk entry', () => {
  it("enters a village's month of visits by keyboard, saves them in one call and sees them counted", async () => {
    const { page, e2e } = ctx;
    const { first, second, li, shou } = await township();
    await e2e.reload();
    // The statistics on screen before: no visits this year.
    await nav().getByText('工作记录', { exact: true }).click();
    await page.getByRole('tab', { name: '统计' }).click();
    const visitLogs = page.getByTestId('stat-visits-logs');
    await expect.poll(() => visitLogs.innerText(), { interval: 100 }).toBe('0');
    await page.getByRole('tab', { name: '工作记录' }).click();
    await openBulk('走访');

    await page.getByRole('textbox', { name: '默认日期' }).fill('2026-03-31');
    await page.getByRole('button', { name: '按网格预填' }).click();
    // One row per household grid of the village, in code order, with its worker and the date.
    await expect.poll(async () => (await cell(1, '网格')).innerText(), { interval: 100 }).toBe(first.label);
    expect(await (await cell(2, '网格')).innerText()).toBe(second.label);
    expect(await (await cell(1, '网格员')).innerText()).toBe('李秀兰');
    expect(await (await cell(2, '走访日期')).innerText()).toBe('2026-03-31');

    // Row 1: 走访户数, then the problem counts, Tab by Tab; Enter takes the next row down.
    await (await cell(1, '走访户数')).click();
    await type('12');
    await type('2');
    await type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await type('1', 'Enter');
    // Enter moved down to row 2's 当场解决; back to its 走访户数 and copy row 1's down.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+d');
    expect(await (await cell(2, '走访户数')).innerText()).toBe('12');

    // Row 3 typed from scratch: the grid and the worker by type-ahead (part of a name).
    await page.getByRole('button', { name: '加 10 行' }).click();
    await (await cell(3, '网格')).click();
    await type('2网格');
    await type('2026.3.15');
    await type('李守田');
    await type('7', 'Enter');

    const save = page.getByRole('button', { name: /^保存 \d+ 条$/ });
    await expect.poll(() => save.innerText(), { interval: 100 }).toBe('保存 3 条');
    expect(await (await cell(3, '网格')).innerText()).toBe('2网格');
    for (let row = 1; row <= 3; row++) expect(await errorOf(row, '网格')).toBeNull();
    expect(await errorOf(3, '网格员')).toBeNull();
    await fitsWidth();
    await e2e.screenshot('records-bulk-visits');
    await save.click();
    await bulkGrid().waitFor({ state: 'detached' });

    // Counted independently from the table.
    const visits = e2e.app.ctx.handle.sqlite
      .prepare('select grid_id, worker_id, visit_date as date, households from visits order by id')
      .all() as { grid_id: number; worker_id: number; date: string; households: number }[];
    expect(visits).toEqual([
      { grid_id: first.id, worker_id: li.id, date: '2026-03-31', households: 12 },
      { grid_id: second.id, worker_id: shou.id, date: '2026-03-31', households: 12 },
      { grid_id: second.id, worker_id: shou.id, date: '2026-03-15', households: 7 },
    ]);
    const listed = await e2e.app.call('records/list', { kind: 'visits', from: '2026-03-01', to: '2026-03-31' });
    expect(listed.total).toBe(3);
    const stats = await e2e.app.call('records/stats', { from: '2026-03-01', to: '2026-03-31' });
    expect(stats.visits).toEqual({ logs: 3, households: 31 });
    // And the statistics page shows the change.
    await page.getByRole('tab', { name: '统计' }).click();
    await expect.poll(() => visitLogs.innerText(), { interval: 100 }).toBe('3');
    expect(await page.getByTestId('stat-visits-households').innerText()).toBe('31');
    await e2e.screenshot('records-bulk-stats-after');
  });

  it('shows a bad cell on its cell and saves nothing', async () => {
    const { page, e2e } = ctx;
    await township();
    await e2e.reload();
    await openBulk('矛盾纠纷');
    await (await cell(1, '网格')).click();
    await type('1网格');
    await type('2026-03-05');
    await type('张三与李四');
    await type('邻居纠纷');
    await page.getByRole('button', { name: '保存 1 条' }).click();
    await expect.poll(() => errorOf(1, '纠纷类别'), { interval: 100 }).toContain('纠纷类别应为');
    expect(await errorOf(1, '网格')).toBeNull();
    expect(await errorOf(1, '当事人')).toBeNull();
    const alert = page.getByTestId('bulk-errors');
    await expect.poll(() => alert.innerText(), { interval: 100 }).toContain('第 1 行 纠纷类别：纠纷类别应为');
    expect(await alert.innerText()).toContain('1 行有错误');
    expect(await page.locator('.mantine-Notification-root').count()).toBe(0);
    await fitsWidth();
    await e2e.screenshot('records-bulk-error');
    const n = e2e.app.ctx.handle.sqlite.prepare('select count(*) as n from disputes').get() as { n: number };
    expect(n.n).toBe(0);
    // Corrected in place, the row saves.
    await (await cell(1, '纠纷类别')).click();
    await type('邻里');
    await page.getByRole('button', { name: '保存 1 条' }).click();
    await bulkGrid().waitFor({ state: 'detached' });
    const saved = e2e.app.ctx.handle.sqlite.prepare('select category, parties from disputes').all();
    expect(saved).toEqual([{ category: '邻里', parties: '张三与李四' }]);
  });

  it("registers a household grid's WeChat group on its page and lists the village's grids without one", async () => {
    const { page, e2e } = ctx;
    const { village, first, second } = await township();
    await e2e.reload();
    const open = async (code: string, name: string) => {
      await nav().getByText('网格管理', { exact: true }).click();
      await page.getByLabel('搜索网格').fill(code);
      await page.locator(`[role="treeitem"][data-code="${code}"]`).click();
      await page.getByTestId('grid-detail').getByRole('heading', { name, exact: true }).waitFor();
    };
    await open(first.code, first.name);
    const panel = page.getByTestId('wechat-group');
    await panel.getByRole('textbox', { name: '群名称' }).fill('许坪村一组第1网格群');
    await panel.getByRole('textbox', { name: '群主' }).fill('李秀兰');
    await panel.getByRole('textbox', { name: '群成员数' }).fill('46');
    await panel.getByRole('textbox', { name: '覆盖户数' }).fill('17');
    await panel.getByRole('button', { name: '登记微信群' }).click();
    await panel.getByRole('button', { name: '保存修改' }).waitFor();
    const groups = e2e.app.ctx.handle.sqlite
      .prepare('select grid_id, name, owner, members, households from wechat_groups')
      .all();
    expect(groups).toEqual([
      { grid_id: first.id, name: '许坪村一组第1网格群', owner: '李秀兰', members: 46, households: 17 },
    ]);
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('records-bulk-wechat-group');

    await open(village.code, village.name);
    const without = page.getByTestId('grids-without-group');
    await expect.poll(() => without.innerText(), { interval: 100 }).toContain('（1 个）');
    expect(await without.innerText()).toContain(second.label);
    expect(await without.innerText()).not.toContain(first.label);
    await e2e.screenshot('records-bulk-grids-without-group');
  });

  it('pastes rows copied from Excel from the active cell on and saves them', async () => {
    const { page, e2e } = ctx;
    const { first, second } = await township();
    await e2e.reload();
    await openBulk('矛盾纠纷');
    await (await cell(9, '网格')).click();
    // What Excel puts on the clipboard: cells between tabs, rows on lines, a final newline.
    const excel =
      '1网格\t2026/3/2\t赵甲与钱乙\t邻里\r\n2网格\t2026年3月9日\t孙丙与周丁\t合同\r\n2网格\t2026-03-20\t吴戊与郑己\t其他\r\n';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, excel);
    await expect.poll(async () => (await cell(11, '当事人')).innerText(), { interval: 100 }).toBe('吴戊与郑己');
    expect(await (await cell(9, '网格')).innerText()).toBe('1网格');
    expect(await (await cell(8, '网格')).innerText()).toBe('');
    await page.getByRole('button', { name: '保存 3 条' }).click();
    await bulkGrid().waitFor({ state: 'detached' });
    const saved = e2e.app.ctx.handle.sqlite
      .prepare('select grid_id, found_date, parties, category, status from disputes order by id')
      .all();
    expect(saved).toEqual([
      { grid_id: first.id, found_date: '2026-03-02', parties: '赵甲与钱乙', category: '邻里', status: '排查中' },
      { grid_id: second.id, found_date: '2026-03-09', parties: '孙丙与周丁', category: '合同', status: '排查中' },
      { grid_id: second.id, found_date: '2026-03-20', parties: '吴戊与郑己', category: '其他', status: '排查中' },
    ]);
  });
});
