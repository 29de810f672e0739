/**
 * Guards for contact cards (issue 8, "Tests that catch what they guard"): every text printed on
 * a card is checked against the font, addresses included, and a sheet holds exactly the number
 * of cards asked for. PDFs are written through the dispatcher and read back.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { readPdf } from '../helpers/pdf';

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

// Names no other name contains, so a page's text says which cards it holds.
const HEADS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉亥'.split('').map((c) => `户主${c}`);

/** A household grid with `n` households (its village and group above it); `address` per household. */
async function households(n: number, address = (i: number) => `许坪村一组${i + 1}号`) {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const v = await app.call('grids/create', { parentId: town.id, level: 2, name: '许坪村', code: '1101', kind: '村' });
  const g = await app.call('grids/create', { parentId: v.id, level: 3, name: '一组', code: '110101' });
  const hh = await app.call('grids/create', { parentId: g.id, level: 4, name: '一组第1网格', code: '11010101' });
  for (let i = 0; i < n; i++) {
    await app.call('households/create', {
      gridId: hh.id,
      headName: HEADS[i]!,
      doorNumber: String(i + 1),
      address: address(i),
    });
  }
  return v;
}

/** How many of the households' cards each page of the file shows. */
async function cardsPerPage(file: string, n: number): Promise<number[]> {
  const pages = await readPdf(file);
  return pages.map((p) => {
    const text = p.items.map((i) => i.str).join('');
    return HEADS.slice(0, n).filter((h) => text.includes(h)).length;
  });
}

describe('contact cards: missing glyphs', () => {
  it('checks addresses against the font too, and refuses to print a card that would lose a character', async () => {
    const v = await households(3, (i) => (i === 1 ? '许坪村䶮家湾2号' : `许坪村一组${i + 1}号`));
    const check = await app.call('print/check', { kind: 'cards', gridId: v.id });
    expect(check.missing).toEqual([{ char: '䶮', where: expect.stringContaining(`户主“${HEADS[1]}”的住址`) }]);
    expect(check.preview).toBeNull();

    const out = path.join(dir, 'cards.pdf');
    const refused = await dispatch(app.ctx, 'print/cards', { gridId: v.id, out });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toContain('“䶮”');
    expect(!refused.ok && refused.error.message).toContain('住址');
  });
});

describe('contact cards: cards per sheet', () => {
  const cases: [perSheet: number | undefined, cards: number, expected: number[]][] = [
    [undefined, 21, [10, 10, 1]],
    [10, 10, [10]],
    [4, 9, [4, 4, 1]],
    [3, 7, [3, 3, 1]],
    [1, 2, [1, 1]],
    [6, 12, [6, 6]],
  ];
  it.each(cases)('perSheet %s with %i cards puts %j on the pages', async (perSheet, n, expected) => {
    const v = await households(n);
    const out = path.join(dir, `cards-${perSheet ?? 'default'}.pdf`);
    const r = await app.call('print/cards', { gridId: v.id, out, ...(perSheet ? { perSheet } : {}) });
    expect(r.pages).toBe(expected.length);
    expect(await cardsPerPage(out, n)).toEqual(expected);
  });

  it('fills a short sheet row by row, left to right, centred on the page', async () => {
    const v = await households(6);
    const out = path.join(dir, 'six.pdf');
    await app.call('print/cards', { gridId: v.id, out, perSheet: 6 });
    const [page] = await readPdf(out);
    const mm = (x: number) => (x * 72) / 25.4;
    const [w, h] = [mm(90), mm(54)];
    const left = (page!.width - 2 * w) / 2;
    const top = (page!.height - 3 * h) / 2;
    for (let k = 0; k < 6; k++) {
      const item = page!.items.find((i) => i.str.includes(HEADS[k]!));
      expect(item, HEADS[k]).toBeDefined();
      const [col, row] = [k % 2, Math.floor(k / 2)];
      expect(item!.x).toBeGreaterThanOrEqual(left + col * w);
      expect(item!.x).toBeLessThan(left + (col + 1) * w);
      // PDF y runs upwards from the bottom edge.
      const y = page!.height - item!.y;
      expect(y).toBeGreaterThan(top + row * h);
      expect(y).toBeLessThan(top + (row + 1) * h);
    }
  });

  it('puts the backs on their own pages, one back page per front page', async () => {
    const v = await households(7);
    const out = path.join(dir, 'duplex.pdf');
    const r = await app.call('print/cards', { gridId: v.id, out, perSheet: 4, back: true });
    expect(r.pages).toBe(4);
    expect(await cardsPerPage(out, 7)).toEqual([4, 0, 3, 0]);
  });
});
