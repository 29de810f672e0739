/**
 * A clerk imports a village's ledgers (矛盾纠纷 and 便民服务 sheets under a title and a 填报单位
 * line) through the import page at 1366×768: the preview counts per kind, a row that names an
 * unknown worker, the confirmation, then the cumulative ledger again (one case settled since).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPUTE_HEADER, disputeRow, ledgerSheet, seedTownship, writeLedger } from '../helpers/ledger';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

async function pick(page: Page, file: string) {
  ctx.e2e.app.ctx.pickFile = () => Promise.resolve(file);
  await page.getByRole('button', { name: /选择文件|换一个文件/ }).click();
}

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** The preview's row (新增, 更新 or 不变) as the table shows it. */
async function summaryRow(page: Page, label: string): Promise<string[]> {
  const row = page.getByTestId('import-summary').locator('tr', { has: page.locator('th', { hasText: label }) });
  return row.locator('td').allInnerTexts();
}

const disputes = (settled: boolean) =>
  ledgerSheet('矛盾纠纷', '许坪村矛盾纠纷排查调处台账', DISPUTE_HEADER, [
    disputeRow(1, '11010101', '2026-03-05', '李秀英、张建国', '邻里', '调处中', null, null, '王强'),
    settled
      ? disputeRow(
          2,
          '11010102',
          '2026年4月1日',
          '白某某',
          '婚姻家庭',
          '调解成功',
          '户级网格',
          '2026-11-03',
          '白涛琴',
          '入户调解',
        )
      : disputeRow(2, '11010102', '2026年4月1日', '白某某', '婚姻家庭', '调处中', null, null, '白涛琴'),
  ]);

const services = ledgerSheet(
  '便民服务',
  '便民服务台账',
  ['序号', '网格编码', '服务日期', '服务类别', '服务内容', '服务对象', '服务人'],
  [
    [1, '11010101', '2026-03-07', '代办', '代办医保缴费', '李秀英', '王强'],
    [2, '11010102', '2026-03-08', '帮扶', '送米面油', '张建国', '刘备'],
  ],
);

describe('importing a village ledger, as a clerk does', () => {
  it('previews counts per kind, names the unknown worker, commits, and re-imports the cumulative ledger', async () => {
    const { page, e2e } = ctx;
    await page.setViewportSize({ width: 1366, height: 768 });
    await seedTownship(e2e.app.ctx.handle.db, e2e.app.dir);
    const march = path.join(e2e.app.dir, '许坪村台账3月.xlsx');
    await writeLedger(march, [disputes(false), services]);
    await page.getByText('导入花名册', { exact: true }).first().click();
    await pick(page, march);

    await page.getByTestId('sheet-矛盾纠纷').getByText('矛盾纠纷台账').waitFor();
    await page.getByTestId('sheet-便民服务').getByText('便民服务台账').waitFor();
    const headers = await page.getByTestId('import-summary').locator('thead th').allInnerTexts();
    expect(headers.slice(1)).toEqual(['网格', '网格员', '任职', '住户', '矛盾纠纷', '便民服务']);
    expect(await summaryRow(page, '新增')).toEqual(['0', '0', '0', '0', '2', '1']);
    const errors = page.getByTestId('import-errors');
    await errors.getByText('没有名为“刘备”的网格员').waitFor();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('import-summary').scrollIntoViewIfNeeded();
    await e2e.screenshot('import-ledger-01-preview');

    await page.getByText('只导入无误的行').click();
    await page.getByRole('button', { name: '确认导入' }).click();
    const modal = page.getByRole('dialog', { name: /确认导入/ });
    const counts = await modal.getByTestId('confirm-counts').locator('tbody tr').allInnerTexts();
    expect(counts.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '网格 0 0 —',
      '网格员 0 0 0 行',
      '任职 0 0 —',
      '住户 0 0 0 行',
      '矛盾纠纷 2 0 0 行',
      '便民服务 1 0 1 行',
    ]);
    await e2e.screenshot('import-ledger-02-confirm');
    await modal.getByRole('button', { name: '确认导入' }).click();
    await page
      .getByTestId('import-done')
      .getByText(/矛盾纠纷 2，便民服务 1/)
      .waitFor();
    await expectNoHorizontalOverflow(page);
    await e2e.screenshot('import-ledger-03-done');

    // November: the same ledger, one case settled since.
    const november = path.join(e2e.app.dir, '许坪村台账1-11月.xlsx');
    await writeLedger(november, [disputes(true)]);
    await pick(page, november);
    await page.getByTestId('sheet-矛盾纠纷').waitFor();
    await expect.poll(() => summaryRow(page, '更新')).toEqual(['0', '0', '0', '0', '1']);
    expect(await summaryRow(page, '不变')).toEqual(['0', '0', '0', '0', '1']);
    expect(await summaryRow(page, '新增')).toEqual(['0', '0', '0', '0', '0']);
    await page.getByTestId('import-summary').scrollIntoViewIfNeeded();
    await e2e.screenshot('import-ledger-04-cumulative');
    const db = e2e.app.ctx.handle.db;
    expect((await db.selectFrom('disputes').select('status').orderBy('id').execute()).map((d) => d.status)).toEqual([
      '调处中',
      '调处中',
    ]);
  });
});
