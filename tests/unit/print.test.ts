import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fontFile } from '../../src/main/pdf/fonts';
import { mm } from '../../src/main/pdf/layout';
import { printBoards, printCards } from '../../src/main/services/print/print';
import { AppError } from '../../src/main/errors';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId, PNG_1PX } from '../helpers/people';
import { embeddedFonts, readPdf, type PdfPage } from '../helpers/pdf';

const FONT = fontFile(path.resolve(__dirname, '../../resources'));

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

let seq = 0;
async function worker(name: string, gridId: number, role: '网格员' | '网格长' = '网格员', title = '村民代表') {
  seq += 1;
  const w = await app.call('workers/create', {
    name,
    gender: '男',
    idNumber: makeId('1970-01-01', seq, '男'),
    phone: `139${String(10000000 + seq).slice(0, 8)}`,
  });
  await app.call('assignments/create', { workerId: w.id, gridId, role, title });
  return { ...w, phone: `139${String(10000000 + seq).slice(0, 8)}` };
}

/** 温水镇 › 许坪村 › 一组 › 2 household grids with workers, 12 households. */
async function village(householdNames?: string[]) {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const v = await app.call('grids/create', { parentId: town.id, level: 2, name: '许坪村', code: '1101', kind: '村' });
  const g = await app.call('grids/create', { parentId: v.id, level: 3, name: '一组', code: '110101' });
  const hh1 = await app.call('grids/create', { parentId: g.id, level: 4, name: '一组第1网格', code: '11010101' });
  const hh2 = await app.call('grids/create', { parentId: g.id, level: 4, name: '一组第2网格', code: '11010102' });
  const secretary = await worker('秦娟云', v.id, '网格员', '村党组织书记');
  const leader = await worker('丁安忠', g.id, '网格长', '村民小组组长');
  const w1 = await worker('王强', hh1.id);
  const w2 = await worker('段红民', hh2.id);
  const names = householdNames ?? [
    '张一',
    '李二',
    '王堃',
    '赵四',
    '钱五',
    '孙六',
    '周七',
    '吴八',
    '郑九',
    '冯十',
    '陈十一',
    '褚十二',
  ];
  const households: { name: string; grid: string; worker: string }[] = [];
  for (const [i, name] of names.entries()) {
    const grid = i < 7 ? hh1 : hh2;
    await app.call('households/create', {
      gridId: grid.id,
      headName: name,
      doorNumber: String(i + 1),
      address: `许坪村一组${i + 1}号`,
    });
    households.push({ name, grid: grid.code, worker: i < 7 ? w1.name : w2.name });
  }
  return { town, v, g, hh1, hh2, secretary, leader, w1, w2, households };
}

/** Card cells on an A4 sheet: 2 columns × 5 rows of 90 × 54 mm, centred. */
function cells(page: PdfPage) {
  const w = mm(90);
  const h = mm(54);
  const left = (page.width - 2 * w) / 2;
  const top = (page.height - 5 * h) / 2;
  return Array.from({ length: 10 }, (_, k) => {
    const x = left + (k % 2) * w;
    const yTop = top + Math.floor(k / 2) * h;
    return { x0: x, x1: x + w, y0: page.height - yTop - h, y1: page.height - yTop };
  });
}

function textIn(page: PdfPage, c: { x0: number; x1: number; y0: number; y1: number }): string {
  return page.items
    .filter((i) => i.x >= c.x0 && i.x < c.x1 && i.y >= c.y0 && i.y < c.y1)
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((i) => i.str)
    .join('');
}

describe('contact cards', () => {
  it("prints each household's card with its own workers and phones, 10 to a sheet, every text inside its card", async () => {
    const d = await village();
    const out = path.join(dir, 'cards.pdf');
    const r = await printCards(app.ctx.handle.db, d.v.id, out, FONT);
    expect(r).toMatchObject({ cards: 12, sheets: 2, pages: 2 });
    const pages = await readPdf(out);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.width).toBeCloseTo(595.28, 1);
    const cardTexts = pages.flatMap((p, pi) =>
      cells(p)
        .slice(0, pi === 0 ? 10 : 2)
        .map((c) => textIn(p, c)),
    );
    d.households.forEach((h, k) => {
      const t = cardTexts[k]!;
      expect(t).toContain(`户主：${h.name}`);
      expect(t).toContain(`网格编码：${h.grid}`);
      expect(t).toContain(`户级网格员：${h.worker}`);
      const phone = h.worker === d.w1.name ? d.w1.phone : d.w2.phone;
      expect(t).toContain(phone);
      expect(t).toContain(`网格长（一组）：丁安忠${d.leader.phone}`.replace(/(丁安忠)/, '$1'));
      expect(t).toContain(`村（社区）党组织书记：秦娟云`);
    });
    // No text outside a card: every item lies within one of the cells.
    for (const p of pages) {
      const cs = cells(p);
      for (const item of p.items) {
        const inside = cs.some(
          (c) =>
            item.x >= c.x0 - 0.5 &&
            item.x + item.width <= c.x1 + 0.5 &&
            item.y >= c.y0 - 0.5 &&
            item.y + item.height <= c.y1 + 0.5,
        );
        expect(inside, `“${item.str}” at ${item.x.toFixed(1)},${item.y.toFixed(1)}`).toBe(true);
      }
    }
    // The CJK font is embedded as a subset; a rare but covered name (王堃) is printed.
    expect(embeddedFonts(out).some((f) => /^[A-Z]{6}\+WenQuanYiMicroHei/.test(f))).toBe(true);
    expect(cardTexts.join('')).toContain('王堃');
  });

  it('adds back pages mirrored for long-edge duplex, and shrinks long names to stay on the card', async () => {
    const long = '阿卜杜热合曼·买买提依明·艾尼瓦尔江';
    await village(['张一', '李二', long]);
    const out = path.join(dir, 'duplex.pdf');
    const v = (await app.call('grids/tree', {})).find((g) => g.code === '1101')!;
    const r = await printCards(app.ctx.handle.db, v.id, out, FONT, { back: true });
    expect(r).toMatchObject({ sheets: 1, pages: 2 });
    const [front, back] = await readPdf(out);
    const fc = cells(front!);
    const bc = cells(back!);
    // Card 1 sits in the left column on the front, so its back is in the right column.
    expect(textIn(front!, fc[0]!)).toContain('户主：张一');
    expect(textIn(back!, bc[1]!)).toContain('小事不出网格，大事不出村');
    expect(textIn(back!, bc[0]!)).toContain('小事不出网格');
    expect(textIn(back!, bc[5]!)).toBe('');
    const longCard = textIn(front!, fc[2]!);
    expect(longCard.replace(/\s/g, '')).toContain('阿卜杜热合曼');
    for (const item of front!.items) {
      expect(fc.some((c) => item.x >= c.x0 - 0.5 && item.x + item.width <= c.x1 + 0.5)).toBe(true);
    }
  });

  it('refuses before printing when a name has a character the font lacks, and writes nothing', async () => {
    const d = await village(['张一', '王䶮']);
    const out = path.join(dir, 'missing.pdf');
    const err = await printCards(app.ctx.handle.db, d.v.id, out, FONT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('“䶮”（户主“王䶮”（网格 11010101））');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('prints a long address inside the card, and a cancelled batch leaves no file', async () => {
    const d = await village(['张一']);
    const hh = (await app.call('households/list', {})).rows[0]!;
    const address = '温水镇许坪村一组老街东段四十八号附二号院内第三排左手边第二间（原供销社宿舍）';
    await app.call('households/update', { ...hh, address });
    const out = path.join(dir, 'address.pdf');
    await printCards(app.ctx.handle.db, d.v.id, out, FONT);
    const [p] = await readPdf(out);
    const c = cells(p!)[0]!;
    expect(textIn(p!, c).replace(/\s/g, '')).toContain('住址：温水镇许坪村一组老街东段');
    for (const item of p!.items) expect(item.x + item.width).toBeLessThanOrEqual(c.x1 + 0.5);

    const cancelled = path.join(dir, 'cancelled.pdf');
    const err = await printCards(app.ctx.handle.db, d.v.id, cancelled, FONT, { isCancelled: () => true }).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe('CANCELLED');
    expect(fs.existsSync(cancelled)).toBe(false);
  });

  it('prints only the selected households, wherever they are', async () => {
    const d = await village();
    const rows = (await app.call('households/list', {})).rows;
    const picked = [rows[1]!, rows[8]!];
    const out = path.join(dir, 'picked.pdf');
    const r = await printCards(app.ctx.handle.db, d.hh1.id, out, FONT, { householdIds: picked.map((h) => h.id) });
    expect(r.cards).toBe(2);
    const [p] = await readPdf(out);
    const t = cells(p!).map((c) => textIn(p!, c));
    expect(t[0]).toContain(`户主：${picked[0]!.headName}`);
    expect(t[1]).toContain(`户主：${picked[1]!.headName}`);
    expect(t[2]).toBe('');
  });

  it("prints the grid's WeChat QR code on its cards, embedded once, with the text beside it", async () => {
    const d = await village();
    const png = path.join(dir, 'qr.png');
    fs.writeFileSync(png, PNG_1PX);
    const saved = await app.call('grids/setQr', { id: d.hh1.id, file: png });
    expect(saved.image).toMatch(/^data:image\/png;base64,/);
    const out = path.join(dir, 'qr.pdf');
    await printCards(app.ctx.handle.db, d.v.id, out, FONT);
    const raw = fs.readFileSync(out).toString('latin1');
    // Seven cards show it; the file holds it once (the image and its alpha mask).
    expect(raw.match(/\/Subtype\s*\/Image/g)).toHaveLength(2);
    expect(raw).toContain('/SMask');
    const [p] = await readPdf(out);
    const cs = cells(p!);
    expect(textIn(p!, cs[0]!)).toContain('扫码进群');
    expect(textIn(p!, cs[7]!)).not.toContain('扫码进群'); // the second grid has no QR code
    for (const item of p!.items) {
      expect(cs.some((c) => item.x >= c.x0 - 0.5 && item.x + item.width <= c.x1 + 0.5)).toBe(true);
    }
    // Deleting the grid removes its QR code with it.
    await app.call('grids/delete', { id: d.hh1.id, cascade: true });
    const left = app.ctx.handle.sqlite.prepare('select count(*) n from grid_qr').get() as { n: number };
    expect(left.n).toBe(0);
  });

  it('refuses an empty selection', async () => {
    const d = await village([]);
    const err = await printCards(app.ctx.handle.db, d.v.id, path.join(dir, 'none.pdf'), FONT).catch((e: unknown) => e);
    expect((err as AppError).message).toContain('没有住户');
  });
});

describe('the phones from Settings in the print check', () => {
  it('names each empty phone the print will show, for boards and for cards, and stops once they are filled', async () => {
    const d = await village();
    const board = await app.call('print/check', { kind: 'signboard', gridId: d.v.id });
    expect(board.settingsWarnings).toEqual(['监督电话未填写，公示牌将印“—”']);
    const cards = await app.call('print/check', { kind: 'cards', gridId: d.v.id });
    expect(cards.settingsWarnings).toEqual(['镇综治中心电话未填写，联系卡将印“—”', '监督电话未填写，联系卡将印“—”']);
    // Printing goes ahead, and says so too (the CLI shows these first).
    const r = await printBoards(app.ctx.handle.db, d.v.id, path.join(dir, 'b.pdf'), FONT);
    expect(r.warnings[0]).toBe('监督电话未填写，公示牌将印“—”');

    const settings = await app.call('settings/get', {});
    await app.call('settings/update', { ...settings, supervisionPhone: '0913-1234567', centerPhone: '13912345678' });
    expect((await app.call('print/check', { kind: 'cards', gridId: d.v.id })).settingsWarnings).toEqual([]);
  });

  it('names a phone saved before phones were checked, printed as written', async () => {
    const d = await village();
    app.ctx.handle.sqlite.prepare("insert into settings (key, value) values ('supervisionPhone', ?)").run('"12345"');
    const board = await app.call('print/check', { kind: 'signboard', gridId: d.v.id });
    expect(board.settingsWarnings).toEqual(['监督电话“12345”不是有效的电话号码，将照原样印在公示牌上']);
  });
});

describe('signboards', () => {
  it("prints a village's board: secretary, group leaders, every household grid, 待配备 for a vacancy, no ID numbers", async () => {
    const d = await village();
    const vacant = await app.call('grids/create', {
      parentId: d.g.id,
      level: 4,
      name: '一组第3网格',
      code: '11010103',
    });
    const out = path.join(dir, 'board.pdf');
    const r = await printBoards(app.ctx.handle.db, d.v.id, out, FONT, { date: '2026-11-27' });
    expect(r.pages).toBe(1);
    expect(r.warnings.join('\n')).toContain('11010103：网格员待配备');
    const [page] = await readPdf(out);
    expect(page!.width).toBeCloseTo(mm(420), 0);
    expect(page!.height).toBeCloseTo(mm(297), 0);
    const text = page!.items.map((i) => i.str).join('');
    expect(text).toContain('许坪村网格员公示牌');
    expect(text).toContain('秦娟云');
    expect(text).toContain('网格长 丁安忠');
    expect(text).toContain('11010101');
    expect(text).toContain('7户');
    expect(text).toContain('待配备');
    expect(text).toContain('政策宣传员');
    expect(text).toContain('公示日期：2026-11-27');
    const workers = (await app.call('workers/list', { limit: 100 })).rows;
    for (const w of workers) {
      const full = (await app.call('workers/get', { id: w.id })).idNumber;
      expect(text).not.toContain(full);
      expect(text).not.toContain(full.slice(6, 14));
    }
    for (const item of page!.items) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width).toBeLessThanOrEqual(page!.width);
      expect(item.y).toBeGreaterThanOrEqual(0);
    }
    void vacant;
  });

  it('dates the board in Beijing time: printed at 07:30 on the 28th (23:30 UTC on the 27th) it shows the 28th', async () => {
    const d = await village();
    const out = path.join(dir, 'dated.pdf');
    await printBoards(app.ctx.handle.db, d.v.id, out, FONT, { now: new Date('2026-11-27T23:30:00Z') });
    const [page] = await readPdf(out);
    const text = page!.items.map((i) => i.str).join('');
    expect(text).toContain('公示日期：2026-11-28');
  });

  it("prints the secretary's photo, and continues a very large village on further sheets with the header repeated", async () => {
    const d = await village();
    const png = path.join(dir, 'photo.png');
    fs.writeFileSync(png, PNG_1PX);
    await app.call('workers/setPhoto', { id: d.secretary.id, file: png });
    for (let gi = 2; gi <= 16; gi++) {
      const g = await app.call('grids/create', {
        parentId: d.v.id,
        level: 3,
        name: `${gi}组`,
        code: `1101${String(gi).padStart(2, '0')}`,
      });
      for (let h = 1; h <= 20; h++) {
        await app.call('grids/create', {
          parentId: g.id,
          level: 4,
          name: `${gi}组第${h}网格`,
          code: `${g.code}${String(h).padStart(2, '0')}`,
        });
      }
    }
    const out = path.join(dir, 'big.pdf');
    const r = await printBoards(app.ctx.handle.db, d.v.id, out, FONT);
    expect(r.pages).toBeGreaterThan(1);
    expect(fs.readFileSync(out).toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const pages = await readPdf(out);
    expect(pages[1]!.items.map((i) => i.str).join('')).toContain('许坪村网格员公示牌（续）');
    // Every household grid appears exactly once across the sheets.
    const codes = pages.flatMap((p) => p.items.filter((i) => /^\d{8}$/.test(i.str)).map((i) => i.str));
    expect(codes).toHaveLength(302);
    expect(new Set(codes).size).toBe(302);
    for (const p of pages) for (const i of p.items) expect(i.y).toBeGreaterThanOrEqual(0);
  });

  it('fits a village of 45 household grids legibly, and a township prints a board per village', async () => {
    const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    for (const [vi, vname] of ['许坪村', '陈沟村'].entries()) {
      const v = await app.call('grids/create', {
        parentId: town.id,
        level: 2,
        name: vname,
        code: `11${vi + 1}`.padEnd(4, '0').slice(0, 2) + String(vi + 1).padStart(2, '0'),
        kind: '村',
      });
      for (let gi = 1; gi <= (vi === 0 ? 9 : 2); gi++) {
        const g = await app.call('grids/create', {
          parentId: v.id,
          level: 3,
          name: `${gi}组`,
          code: `${v.code}${String(gi).padStart(2, '0')}`,
        });
        for (let h = 1; h <= 5; h++) {
          await app.call('grids/create', {
            parentId: g.id,
            level: 4,
            name: `${gi}组第${h}网格`,
            code: `${g.code}${String(h).padStart(2, '0')}`,
          });
        }
      }
    }
    const out = path.join(dir, 'township.pdf');
    const r = await printBoards(app.ctx.handle.db, town.id, out, FONT);
    expect(r.boards).toBe(2);
    const pages = await readPdf(out);
    expect(pages).toHaveLength(2);
    const first = pages[0]!;
    const codes = first.items.filter((i) => /^\d{8}$/.test(i.str));
    expect(codes).toHaveLength(45);
    // Legible: at least 7 pt, and inside the sheet.
    expect(Math.min(...codes.map((i) => i.height))).toBeGreaterThanOrEqual(7);
    for (const i of first.items) expect(i.x + i.width).toBeLessThanOrEqual(first.width + 0.5);
    expect(pages[1]!.items.map((i) => i.str).join('')).toContain('陈沟村网格员公示牌');
  });
});
