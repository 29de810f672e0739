import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import type { Page } from 'playwright-core';
import { readPdf } from '../helpers/pdf';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

interface Probe {
  /** print/check calls since the probe was installed. */
  checks: number;
  /** Pages copied onto the preview's canvas on screen. */
  paints: number;
  /** Times the preview's data-state became ready. */
  readies: number;
  /** Animation frames, after the first ready, in which the preview on screen was blank. */
  blankFrames: number;
}

/**
 * Counts React's commits through the hook React DevTools use (production builds call it too): a
 * page that has settled commits nothing until the clerk does something.
 */
function countCommits(): void {
  const w = window as unknown as { __commits: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
  w.__commits = 0;
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    onCommitFiberRoot: () => (w.__commits += 1),
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    checkDCE: () => undefined,
  };
}

const commits = (page: Page) => page.evaluate(() => (window as unknown as { __commits: number }).__commits);

/**
 * Counts, in the page, what the print page does: checks sent, pages painted on the visible
 * canvas, data-state changes to ready, and frames in which the preview was blank. Installed after
 * the last reload (it lives in the page).
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & { __probe: Probe };
    const probe: Probe = { checks: 0, paints: 0, readies: 0, blankFrames: 0 };
    w.__probe = probe;
    const send = w.__griddeskCall as (name: string, input: unknown) => Promise<unknown>;
    w.__griddeskCall = (name: string, input: unknown) => {
      if (name === 'print/check') probe.checks += 1;
      return send(name, input);
    };
    const inPreview = (c: HTMLCanvasElement) => c.isConnected && c.closest('[data-testid="pdf-preview"]') !== null;
    const drawImage = CanvasRenderingContext2D.prototype.drawImage as (...a: unknown[]) => void;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (inPreview(this.canvas)) probe.paints += 1;
      drawImage.apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.drawImage;
    new MutationObserver((records) => {
      for (const r of records) {
        if ((r.target as Element).getAttribute('data-state') === 'ready' && r.oldValue !== 'ready') probe.readies += 1;
      }
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['data-state'],
    });
    const blank = () => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-preview"] canvas');
      if (!c || c.width === 0 || c.height === 0 || getComputedStyle(c).display === 'none') return true;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < px.length; i += 4)
        if (px[i + 3]! > 0 && Math.min(px[i]!, px[i + 1]!, px[i + 2]!) < 200) return false;
      return true;
    };
    const sample = () => {
      if (probe.readies > 0 && blank()) probe.blankFrames += 1;
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);

/** Dark pixels on the preview canvas: a drawn page has thousands, a blank canvas none. */
function darkPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-preview"] canvas')!;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3]! > 0 && Math.min(px[i]!, px[i + 1]!, px[i + 2]!) < 200) n += 1;
    return n;
  });
}

/** The page's and the preview's overflow at the current viewport, in CSS pixels (0 = fits). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const panel = document.querySelector('[data-testid="print-preview-panel"]')!.getBoundingClientRect();
    const preview = document.querySelector('[data-testid="pdf-preview"]')!.getBoundingClientRect();
    return { page: doc.scrollWidth - doc.clientWidth, preview: Math.max(0, preview.right - panel.right) };
  });
}

const previewState = (page: Page) => page.getByTestId('pdf-preview').getAttribute('data-state');

/** Long enough for a debounced check and a preview to have run again, were they going to. */
const settle = (page: Page) => page.waitForTimeout(2000);

async function pickVillage(page: Page, village: { name: string; code: string }) {
  await page.getByRole('combobox', { name: '村（社区）或镇' }).fill(village.name);
  await page.getByRole('option', { name: new RegExp(`${village.name}（${village.code}）`) }).click();
}

describe('printing, as a clerk prints a village', () => {
  it('checks, previews and saves a signboard and the contact cards', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('settings/update', {
      ...(await e2e.app.call('settings/get', {})),
      supervisionPhone: '0913-12345678',
      centerPhone: '0913-87654321',
    });
    await e2e.app.call('demo/create', {});
    const tree = await e2e.app.call('grids/tree', {});
    const village = tree.find((g) => g.level === 2 && g.kind === '村')!;
    await page.setViewportSize({ width: 1366, height: 768 });
    await e2e.reload();

    await page.getByText('打印', { exact: true }).first().click();
    await pickVillage(page, village);
    await expect.poll(() => previewState(page), { timeout: 20_000 }).toBe('ready');
    expect(await darkPixels(page)).toBeGreaterThan(1000);
    await page.getByTestId('print-count').getByText('共 1 个村（社区）').waitFor();
    expect(await page.getByTestId('print-settings-warnings').count()).toBe(0);
    await e2e.screenshot('15-print-signboard-preview');

    const boardOut = path.join(e2e.app.dir, '公示牌.pdf');
    e2e.app.ctx.saveFile = () => Promise.resolve(boardOut);
    await page.getByRole('button', { name: '生成 PDF…' }).click();
    // Saved, and offered to open.
    const boardSaved = page.getByTestId('saved-notification').filter({ hasText: boardOut });
    await boardSaved.getByRole('button', { name: '打开' }).waitFor();
    const board = await readPdf(boardOut);
    expect(board.length).toBeGreaterThanOrEqual(1);
    const boardText = board[0]!.items.map((i) => i.str).join('');
    expect(boardText).toContain(`${village.name}网格员公示牌`);
    expect(boardText).toContain('监督电话：0913-12345678');

    // Contact cards for the same village, with backs.
    await page.getByText('联系卡（每户一张）').click();
    await page.getByRole('combobox', { name: /范围/ }).fill(village.name);
    await page.getByRole('option', { name: new RegExp(`${village.name}（${village.code}）`) }).click();
    await page.getByLabel('印背面（四员职责，双面打印时对齐）').check();
    await page.getByTestId('print-count').getByText(`共 ${village.households} 户`).waitFor();
    await expect.poll(() => previewState(page), { timeout: 20_000 }).toBe('ready');
    expect(await darkPixels(page)).toBeGreaterThan(1000);
    expect(await overflow(page)).toEqual({ page: 0, preview: 0 });
    await e2e.screenshot('16-print-cards-preview');
    const cardsOut = path.join(e2e.app.dir, '联系卡.pdf');
    e2e.app.ctx.saveFile = () => Promise.resolve(cardsOut);
    await page.getByRole('button', { name: '生成 PDF…' }).click();
    await page.getByTestId('saved-notification').getByText(cardsOut).waitFor();
    expect(fs.existsSync(cardsOut)).toBe(true);
    const cards = await readPdf(cardsOut);
    expect(cards).toHaveLength(2 * Math.ceil(village.households / 10));
    const front = cards[0]!.items.map((i) => i.str).join('');
    expect(front).toContain('镇综治中心：0913-87654321');
    expect(cards[1]!.items.map((i) => i.str).join('')).toContain('小事不出网格，大事不出村');
  });

  it('checks and previews once per change, keeps the last page on screen while drawing the next, fits 1366×768', async () => {
    const { page, e2e } = ctx;
    const settings = await e2e.app.call('settings/get', {});
    await e2e.app.call('settings/update', {
      ...settings,
      supervisionPhone: '0913-12345678',
      centerPhone: '0913-87654321',
    });
    await e2e.app.call('demo/create', {});
    const village = (await e2e.app.call('grids/tree', {})).find((g) => g.level === 2 && g.kind === '村')!;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.addInitScript(countCommits);
    await e2e.reload();
    await installProbe(page);

    await page.getByText('打印', { exact: true }).first().click();
    await pickVillage(page, village);
    await expect.poll(async () => (await probe(page)).readies, { timeout: 20_000 }).toBe(1);
    const committed = await commits(page);
    expect(committed).toBeGreaterThan(0);
    await settle(page);
    expect(await probe(page)).toEqual({ checks: 1, paints: 1, readies: 1, blankFrames: 0 });
    // Settled: nothing re-renders until the clerk changes something.
    expect((await commits(page)) - committed).toBe(0);
    expect(await previewState(page)).toBe('ready');
    expect(await darkPixels(page)).toBeGreaterThan(1000);
    // The A3 board is drawn for 720 px; at 1366 wide it shrinks to its panel.
    expect(await overflow(page)).toEqual({ page: 0, preview: 0 });
    await e2e.screenshot('15b-print-signboard-1366');

    // Another paper: one more check and one more page, the previous page on screen meanwhile.
    await page.getByText('A4', { exact: true }).click();
    await expect.poll(async () => (await probe(page)).readies, { timeout: 20_000 }).toBe(2);
    await settle(page);
    expect(await probe(page)).toEqual({ checks: 2, paints: 2, readies: 2, blankFrames: 0 });

    // Changes in quick succession are checked once, for the last of them.
    await page.getByText('A3', { exact: true }).click();
    await page.getByText('A2', { exact: true }).click();
    await expect.poll(async () => (await probe(page)).readies, { timeout: 20_000 }).toBe(3);
    await settle(page);
    expect(await probe(page)).toEqual({ checks: 3, paints: 3, readies: 3, blankFrames: 0 });
    await page.getByTestId('print-count').getByText('共 1 个村（社区）').waitFor();

    // Back to a paper already checked: nothing changed since, so it is shown without a new check.
    await page.getByText('A3', { exact: true }).click();
    await expect.poll(async () => (await probe(page)).readies, { timeout: 20_000 }).toBe(4);
    await settle(page);
    expect(await probe(page)).toEqual({ checks: 3, paints: 4, readies: 4, blankFrames: 0 });
    expect(await page.getByRole('button', { name: '生成 PDF…' }).isEnabled()).toBe(true);
  });

  it('warns in the check when a phone the print shows is empty, with the way to Settings', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    const village = (await e2e.app.call('grids/tree', {})).find((g) => g.level === 2 && g.kind === '村')!;
    await page.setViewportSize({ width: 1366, height: 768 });
    await e2e.reload();

    await page.getByText('打印', { exact: true }).first().click();
    await pickVillage(page, village);
    const warnings = page.getByTestId('print-settings-warnings');
    await warnings.getByText('监督电话未填写，公示牌将印“—”').waitFor();
    await expect.poll(() => previewState(page), { timeout: 20_000 }).toBe('ready');
    await e2e.screenshot('15c-print-phone-warning');

    await page.getByText('联系卡（每户一张）').click();
    await page.getByRole('combobox', { name: /范围/ }).fill(village.name);
    await page.getByRole('option', { name: new RegExp(`${village.name}（${village.code}）`) }).click();
    await warnings.getByText('镇综治中心电话未填写，联系卡将印“—”').waitFor();
    await warnings.getByText('监督电话未填写，联系卡将印“—”').waitFor();

    await warnings.getByRole('button', { name: '去系统设置填写电话' }).click();
    await page.getByRole('heading', { name: '系统设置' }).waitFor();
    await page.getByLabel('监督电话', { exact: true }).waitFor();
  });
});
