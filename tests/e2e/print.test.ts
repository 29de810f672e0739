import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useE2E } from './harness';
import { readPdf } from '../helpers/pdf';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

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
    await e2e.reload();

    await page.getByText('打印', { exact: true }).first().click();
    await page.getByRole('combobox', { name: '村（社区）或镇' }).fill(village.name);
    await page.getByRole('option', { name: new RegExp(`${village.name}（${village.code}）`) }).click();
    await expect
      .poll(() => page.getByTestId('pdf-preview').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('done');
    await page.getByTestId('print-count').getByText('共 1 个村（社区）').waitFor();
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
    await expect
      .poll(() => page.getByTestId('pdf-preview').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('done');
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
});
