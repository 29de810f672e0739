import fs from 'node:fs';
/**
 * 统计报表 at 1366×768 on the demo township: the year's dashboard, a card checked against a
 * direct count of the database, the card opening exactly the records it counts, the health list
 * opening the screen that fixes an item, and the 报送报表 exported and read back.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const nav = () => ctx.page.getByRole('navigation', { name: '主导航' });
const SHEETS = ['网格划分统计', '网格员队伍', '工作开展', '培训', '激励表彰', '补贴发放'];

async function fitsWidth() {
  const { scroll, client } = await ctx.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Disputes found in the period, township-wide, counted straight from the table. */
function disputesFound(from: string, to: string): number {
  const rows = ctx.e2e.app.ctx.handle.sqlite.prepare('select found_date from disputes').all() as {
    found_date: string;
  }[];
  let n = 0;
  for (const r of rows) if (r.found_date >= from && r.found_date <= to) n++;
  return n;
}

describe('统计报表', () => {
  it('the year’s dashboard agrees with the database, opens the records behind a figure and exports the workbook', async () => {
    const { page, e2e } = ctx;
    const { createDemo } = await import('../../src/main/services/demo/demo');
    await createDemo(e2e.app.ctx.handle.db, { townships: 1, seed: 3, today: '2026-06-20' });
    await e2e.reload();

    await nav().getByText('统计报表', { exact: true }).click();
    await page.locator('.mantine-SegmentedControl-label').getByText('年', { exact: true }).click();
    await page.getByLabel('统计日期').fill('2026-06-20');
    await page.getByTestId('report-period').filter({ hasText: '2026-01-01 至 2026-12-31' }).waitFor();
    const found = disputesFound('2026-01-01', '2026-12-31');
    expect(found).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('card-disputes-found').innerText(), { interval: 100 }).toBe(String(found));
    await page.getByTestId('village-table').waitFor();
    await e2e.screenshot('reports-01-dashboard');
    await fitsWidth();
    await page.getByTestId('health-list').scrollIntoViewIfNeeded();
    await e2e.screenshot('reports-02-health');
    await fitsWidth();

    // The card opens the disputes of the period: that many rows, the period in the filter.
    await page.getByTestId('card-disputes-found').click();
    await page.getByText(`共 ${found} 条`).waitFor();
    expect(await page.getByLabel('起始日期').inputValue()).toBe('2026-01-01');
    expect(await page.getByLabel('截止日期').inputValue()).toBe('2026-12-31');
    await e2e.screenshot('reports-03-records-from-card');

    // A village's count in the table opens that village's records.
    await nav().getByText('统计报表', { exact: true }).click();
    const village = page.getByTestId('village-table').locator('tbody tr').first();
    const cell = village.locator('td').nth(4).getByRole('button');
    const n = await cell.innerText();
    const name = await village.locator('td').first().innerText();
    await cell.click();
    await page.getByText(`共 ${n} 条`).waitFor();
    expect(await page.getByPlaceholder('全部网格').inputValue()).toContain(name);

    // The first village's bar in 各村对比 (disputes found) opens the same records.
    await nav().getByText('统计报表', { exact: true }).click();
    await page.locator('.recharts-bar-rectangle').first().click();
    await page.getByText(`共 ${n} 条`).waitFor();
    expect(await page.getByPlaceholder('全部网格').inputValue()).toContain(name);

    // The health list opens an overdue dispute's own form on 工作记录.
    await nav().getByText('统计报表', { exact: true }).click();
    const health = page.getByTestId('health-list');
    await health.getByText('超期未化解的矛盾纠纷').click();
    const example = health.getByRole('button', { name: /时限 \d{4}-\d{2}-\d{2}/ }).first();
    const parties = (await example.innerText()).split('，')[0]!;
    await example.click();
    await page.getByRole('dialog', { name: new RegExp(parties) }).waitFor();
    await e2e.screenshot('reports-04-overdue-from-health');
    await page.keyboard.press('Escape');

    // Export: the six sheets in the county's order.
    await nav().getByText('统计报表', { exact: true }).click();
    const out = path.join(e2e.app.dir, '报送报表.xlsx');
    e2e.app.ctx.saveFile = () => Promise.resolve(out);
    await page.getByRole('button', { name: '导出报送报表' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(SHEETS);

    // The submission package for the county: the same figures, for the same period.
    const pkg = path.join(e2e.app.dir, '报送包.gdpkg');
    e2e.app.ctx.saveFile = () => Promise.resolve(pkg);
    await page.getByRole('button', { name: '导出报送包' }).click();
    // Its own notification: the one naming the package (the workbook's may still be on screen).
    await page.getByTestId('saved-notification').filter({ hasText: '报送包.gdpkg' }).waitFor();
    const body = JSON.parse(fs.readFileSync(pkg, 'utf8')) as {
      format: string;
      from: string;
      to: string;
      figures: { total: { disputesFound: number } };
    };
    expect(body).toMatchObject({ format: 'griddesk-report-package', from: '2026-01-01', to: '2026-12-31' });
    expect(body.figures.total.disputesFound).toBe(found);
  });
});
