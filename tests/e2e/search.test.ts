import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

describe('one search box in the header, from any page', () => {
  it('finds a worker, a household and a same-named grid, each named with its village, and opens it', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', { townships: 1 });
    const worker = (await e2e.app.call('workers/list', { level: 4, limit: 1 })).rows[0]!;
    const household = (await e2e.app.call('households/list', { limit: 1 })).rows[0]!;
    await e2e.reload();

    // From the settings page: the box is in the header.
    await page.getByText('系统设置', { exact: true }).click();
    const box = page.getByLabel('查找网格员、住户、网格');
    await box.fill(worker.name);
    const results = page.getByTestId('global-search-results');
    const workerHit = results.getByRole('option').filter({ hasText: worker.name }).filter({ hasText: '网格员' });
    await expect.poll(() => workerHit.first().textContent()).toMatch(/村 \/ |社区 \/ /);
    await e2e.screenshot('30-search-worker');
    await workerHit.first().click();
    await page.getByTestId('worker-detail').getByRole('heading', { name: worker.name }).waitFor();
    await page.keyboard.press('Escape');

    // Ctrl+K from anywhere; a household opens its form.
    await page.keyboard.press('Control+K');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(household.headName);
    await results
      .getByRole('option')
      .filter({ hasText: `${household.headName}（户主）` })
      .first()
      .click();
    await expect.poll(() => page.getByRole('dialog').getByLabel('户主姓名').inputValue()).toBe(household.headName);
    await page.keyboard.press('Escape');

    // 一组 exists in every village: each hit says which village, and opening one selects it in the tree.
    await box.fill('一组');
    const groups = results.getByRole('option').filter({ hasText: ' / 一组' });
    await expect.poll(() => groups.count()).toBeGreaterThan(1);
    const titles = await groups.allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    await e2e.screenshot('31-search-grids');
    const first = (await groups.first().locator('p').first().textContent())!;
    await groups.first().click();
    const village = first.split(' / ')[0]!;
    await page.getByRole('treeitem', { selected: true }).getByText('一组', { exact: true }).waitFor();
    await page.getByText(village).first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
  });

  it('says when nothing matches', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', { townships: 1 });
    await e2e.reload();
    await page.getByLabel('查找网格员、住户、网格').fill('查无此人');
    await page.getByTestId('global-search-results').getByText('没有找到“查无此人”').waitFor();
  });
});
