import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

/**
 * Visible elements that stick out past the right edge of the window, unless something between
 * them and the page clips or scrolls them (a wide table inside its own scroll area is fine).
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
      }
      return false;
    };
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`页面宽 ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
      if (getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
      out.push(
        `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)}「${(el.textContent ?? '').slice(0, 20)}」 右边 ${Math.round(r.right)}`,
      );
    }
    return out.slice(0, 10);
  });
}

/** The page has drawn what it loads: its text no longer changes, no loader spins. */
async function settled(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const text = await page.locator('main').innerText();
        const loading = await page.locator('main .mantine-Loader-root:visible').count();
        const same = text !== '' && text === last && loading === 0;
        last = text;
        return same;
      },
      { interval: 300 },
    )
    .toBe(true);
}

async function check(name: string): Promise<void> {
  const { page, e2e } = ctx;
  await settled(page);
  await e2e.screenshot(`page-${name}`);
  expect(await overflowing(page), name).toEqual([]);
}

describe('every page at 1366×768, the office PC', () => {
  it('nothing sticks out to the right on any page, with the demo township loaded', async () => {
    const { page, e2e } = ctx;
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
    await e2e.app.call('demo/create', { townships: 1 });
    await e2e.reload();
    const nav = page.getByRole('navigation', { name: '主导航' });
    // Every page in the navbar: a new page is walked here too, or this fails.
    const labels = (await nav.locator('a, button').allTextContents()).map((t) => t.trim());
    expect(labels.length).toBeGreaterThanOrEqual(7);
    for (const [i, label] of labels.entries()) {
      await nav.getByText(label, { exact: true }).click();
      await check(`${i + 1}-${label}`);
    }
  });

  it('the grid pages of each level, the worker drawer and the vacancy list fit too', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', { townships: 1 });
    await e2e.reload();
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem').first().waitFor();
    // Township, a village, a group, a household grid: the tree opens down to the grid selected.
    const village = tree.getByRole('treeitem', { level: 2 }).first();
    await village.click();
    await check('grid-village');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await check('grid-group');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await check('grid-household');

    await page.getByRole('navigation', { name: '主导航' }).getByText('网格员', { exact: true }).click();
    await page.locator('tbody tr').first().click();
    await page.getByTestId('worker-detail').waitFor();
    await check('worker-drawer');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '空缺网格' }).click();
    await check('vacancies');
  });
});
