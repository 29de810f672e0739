/**
 * The grid pages and the vacancy list as a clerk meets them in the demo township (issue 9,
 * items 1, 5, 8 and 11): a village's deletion names what it takes before anything goes; a
 * household grid lists and prints its households; names open what they name; a vacancy is
 * filled from its row; the vacancy list and a village's 通讯录 are exported.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskId } from '../../src/shared/idcard';
import { readPdf } from '../helpers/pdf';
import { makeId } from '../helpers/people';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const nav = () => ctx.page.getByRole('navigation', { name: '主导航' });
const item = (code: string) => ctx.page.locator(`[role="treeitem"][data-code="${code}"]`);
const dialog = () => ctx.page.getByRole('dialog');

function count(sql: string, ...params: number[]): number {
  return (ctx.e2e.app.ctx.handle.sqlite.prepare(sql).get(...params) as { n: number }).n;
}

const SUBTREE = `with recursive s(id) as (select ? union all select g.id from grids g join s on g.parent_id = s.id)`;

async function loadDemo() {
  // Without records: deleting a village with records is refused outright (they keep their grids).
  await ctx.e2e.app.call('demo/create', { records: false });
  await ctx.e2e.reload();
  return ctx.e2e.app.call('grids/tree', {});
}

/** Selects a grid in the tree through the search box, and waits for its page. */
async function openGrid(code: string, name: string) {
  await nav().getByText('网格管理', { exact: true }).click();
  await ctx.page.getByLabel('搜索网格').fill(code);
  await item(code).click();
  await ctx.page.getByTestId('grid-detail').getByRole('heading', { name, exact: true }).waitFor();
}

/** Closes the 已保存 notifications, so they cover nothing in the next screenshot. */
async function closeNotifications() {
  for (const close of await ctx.page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await ctx.page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
}

/** A drawer or modal has finished sliding in: it stands still, inside the window. */
async function standsStill(testId: string) {
  let last = '';
  await expect
    .poll(
      async () => {
        const box = await ctx.page.getByTestId(testId).boundingBox();
        const now = JSON.stringify(box);
        const still = box !== null && now === last && box.x + box.width <= 1366;
        last = now;
        return still;
      },
      { interval: 150 },
    )
    .toBe(true);
}

/** Nothing on the page is wider than the office PC's 1366 px. */
async function fitsWidth() {
  const { scroll, client } = await ctx.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

async function readRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1));
  return out;
}

async function saveTo(name: string): Promise<string> {
  const out = path.join(ctx.e2e.app.dir, name);
  ctx.e2e.app.ctx.saveFile = () => Promise.resolve(out);
  return out;
}

describe('grid pages', () => {
  it('deleting a demo village names its households and the workers it leaves without a grid; cancel keeps all', async () => {
    const tree = await loadDemo();
    const village = tree.find((g) => g.level === 2 && g.descendants[3] > 0)!;
    const households = count(`${SUBTREE} select count(*) as n from households where grid_id in s`, village.id);
    const assignments = count(`${SUBTREE} select count(*) as n from assignments where grid_id in s`, village.id);
    const workers = count(
      `${SUBTREE} select count(distinct worker_id) as n from assignments where grid_id in s`,
      village.id,
    );
    const secretary = (await ctx.e2e.app.call('grids/assignments', { id: village.id }))[0]!.workerName;
    const totals = () => ({
      grids: count('select count(*) as n from grids'),
      households: count('select count(*) as n from households'),
      assignments: count('select count(*) as n from assignments'),
    });
    const before = totals();

    await openGrid(village.code, village.name);
    await ctx.page.getByRole('button', { name: '删除', exact: true }).click();
    const modal = ctx.page.getByTestId('delete-grid');
    await modal.getByTestId('delete-households').getByText(`${households} 户住户`).waitFor();
    const history = modal.getByTestId('delete-assignments');
    await history.getByText(`${assignments} 条网格员任职记录`, { exact: false }).waitFor();
    expect(await history.textContent()).toContain(secretary);
    expect(await history.textContent()).toContain(`（${workers} 名）网格员在这些网格的任职历史`);
    await modal
      .getByTestId('delete-left-without')
      .getByText(/删除后他们都将没有任何网格（待安排）/)
      .waitFor();
    await modal.getByTestId('delete-keep-hint').getByText('住户页面调整住户网格').waitFor();
    expect(await modal.getByRole('button', { name: '删除', exact: true }).isDisabled()).toBe(true);
    await standsStill('delete-grid');
    await fitsWidth();
    await ctx.e2e.screenshot('grid-pages-01-delete-village');

    // Cancel: nothing changed.
    await modal.getByRole('button', { name: '取消' }).click();
    await modal.waitFor({ state: 'detached' });
    expect(totals()).toEqual(before);

    // Confirmed: exactly what was named goes.
    await ctx.page.getByRole('button', { name: '删除', exact: true }).click();
    await modal.getByLabel(/我已确认连同以上 \d+ 个下级网格及所列数据一并删除/).check();
    await modal.getByRole('button', { name: '删除', exact: true }).click();
    await item(village.code).waitFor({ state: 'detached' });
    expect(totals()).toEqual({
      grids: before.grids - 1 - village.descendants.reduce((a, b) => a + b, 0),
      households: before.households - households,
      assignments: before.assignments - assignments,
    });
  });

  it('a household grid lists its households with phones and prints them; worker names open the worker', async () => {
    const tree = await loadDemo();
    const grid = tree.find((g) => g.level === 4 && g.households >= 15 && g.workers.length > 0)!;
    const listed = (await ctx.e2e.app.call('households/list', { gridId: grid.id, limit: 500 })).rows;
    const withPhone = listed.find((h) => h.phone !== '' && h.idNumber !== '')!;
    await openGrid(grid.code, grid.name);

    const table = ctx.page.getByTestId('grid-households-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(grid.households);
    const row = table.locator('tbody tr', { hasText: withPhone.headName }).first();
    await row.getByText(withPhone.phone).waitFor();
    await ctx.page.getByTestId('grid-households').getByText(`住户（${grid.households} 户）`).waitFor();
    await fitsWidth();
    // The table fits its panel: no column is cut off at the right.
    const panel = (await ctx.page.getByTestId('grid-households').boundingBox())!;
    const last = (await table.locator('thead th').last().boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(panel.x + panel.width);
    await ctx.e2e.screenshot('grid-pages-02-household-grid');

    const out = await saveTo('住户名单.pdf');
    await ctx.page.getByRole('button', { name: '打印住户名单' }).click();
    await ctx.page.getByTestId('saved-notification').getByText(`已生成 ${grid.households} 户的住户名单`).waitFor();
    const text = (await readPdf(out)).flatMap((p) => p.items.map((i) => i.str)).join('|');
    expect(text).toContain(`${grid.label} 住户名单`);
    expect(text).toContain(withPhone.phone);
    expect(text).toContain(maskId(withPhone.idNumber));
    expect(text).not.toContain(withPhone.idNumber);

    // The worker's name opens the worker, over the grid page.
    const worker = grid.workers[0]!;
    await ctx.page.getByTestId('grid-workers').getByRole('button', { name: worker, exact: true }).click();
    await ctx.page.getByTestId('worker-detail').getByRole('heading', { name: worker }).waitFor();
    await closeNotifications();
    await standsStill('worker-detail');
    await ctx.e2e.screenshot('grid-pages-03-worker-from-grid');
    await ctx.page.keyboard.press('Escape');
    await ctx.page.getByTestId('worker-detail').waitFor({ state: 'detached' });
    await ctx.page.getByTestId('grid-detail').getByRole('heading', { name: grid.name, exact: true }).waitFor();
  });

  it('a vacancy names its grid by path and its last holder, is filled from its row, and the lists export', async () => {
    const tree = await loadDemo();
    const { app } = ctx.e2e;
    // A household grid whose worker serves only it: ending that leaves it 待配备.
    let grid = tree.find((g) => g.level === 4 && g.workers.length === 1)!;
    let held = null;
    for (const g of tree.filter((t) => t.level === 4 && t.workers.length === 1)) {
      const [a] = (await app.call('grids/assignments', { id: g.id })).filter((x) => x.endDate === null);
      const w = await app.call('workers/get', { id: a!.workerId });
      if (w.assignments.filter((x) => x.endDate === null).length === 1) {
        grid = g;
        held = a!;
        break;
      }
    }
    await app.call('assignments/end', { id: held!.id, endDate: '2026-10-31' });
    await app.call('workers/create', {
      name: '任新民',
      gender: '男',
      idNumber: makeId('1975-06-06', 5, '男'),
      phone: '13700001111',
    });
    await ctx.e2e.reload();

    await nav().getByText('网格员', { exact: true }).click();
    await ctx.page.getByRole('tab', { name: '空缺网格' }).click();
    const table = ctx.page.getByTestId('vacancy-table');
    const row = table.locator('tbody tr', { hasText: grid.code });
    await row.getByText(grid.label, { exact: true }).waitFor();
    await row.getByText('（至 2026-10-31）').waitFor();
    await fitsWidth();
    await ctx.e2e.screenshot('grid-pages-04-vacancies');

    // The last holder's name opens them.
    await row.getByRole('button', { name: held!.workerName }).click();
    await ctx.page.getByTestId('worker-detail').getByRole('heading', { name: held!.workerName }).waitFor();
    await ctx.page.keyboard.press('Escape');
    await ctx.page.getByTestId('worker-detail').waitFor({ state: 'detached' });

    // Export what the panel shows.
    const vacancies = (await app.call('grids/vacancies', { gridId: null, level: 4 })).length;
    const listOut = await saveTo('待配备网格.xlsx');
    await ctx.page.getByRole('button', { name: '导出空缺名单' }).click();
    await ctx.page.getByTestId('saved-notification').getByText(`已导出 ${vacancies} 个待配备网格`).waitFor();
    const listRows = await readRows(listOut);
    expect(listRows).toHaveLength(3 + vacancies);
    expect(listRows.find((r) => r[1] === grid.code)?.slice(2)).toEqual([
      grid.label,
      '四级',
      grid.households,
      held!.workerName,
      '2026-10-31',
    ]);

    // 任命网格员 from the row: pick the person, confirm in the assignment modal with the grid filled in.
    await closeNotifications();
    await row.getByRole('button', { name: '任命网格员' }).click();
    await dialog().getByText(`为“${grid.label}”任命网格员`).waitFor();
    await dialog().getByLabel('网格员').fill('任新民');
    await ctx.page.getByRole('option', { name: /任新民（13700001111）/ }).click();
    await ctx.e2e.screenshot('grid-pages-05-appoint-pick');
    await dialog().getByRole('button', { name: '下一步' }).click();
    await dialog().getByText('为“任新民”新增任职').waitFor();
    // The grid comes filled in from the vacancy.
    const values = () =>
      dialog()
        .locator('input')
        .evaluateAll((inputs) => inputs.map((el) => (el as HTMLInputElement).value));
    await expect.poll(values).toContain(`${grid.label}（${grid.code}）`);
    await ctx.e2e.screenshot('grid-pages-06-appoint-confirm');
    await dialog().getByRole('button', { name: '确认任职' }).click();
    await row.waitFor({ state: 'detached' });
    const now = (await app.call('grids/assignments', { id: grid.id })).filter((a) => a.endDate === null);
    expect(now.map((a) => [a.workerName, a.role])).toEqual([['任新民', '网格员']]);

    // The village's 通讯录, from its grid page: 任新民 is in it with the phone in full.
    const village = tree.find((g) => g.level === 2 && grid.label.startsWith(`${g.name} / `))!;
    await openGrid(village.code, village.name);
    const contactsOut = await saveTo('通讯录.xlsx');
    await ctx.page.getByRole('button', { name: '导出通讯录' }).click();
    await ctx.page
      .getByTestId('saved-notification')
      .getByText(/已导出 \d+ 名网格员的通讯录/)
      .waitFor();
    const contacts = await readRows(contactsOut);
    expect(contacts[0]![0]).toBe(`${village.name}网格员通讯录`);
    expect(contacts.find((r) => r[1] === '任新民')?.slice(2, 5)).toEqual(['13700001111', '', grid.label]);
  });
});
