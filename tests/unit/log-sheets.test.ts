/**
 * Blank monthly log sheets (print/logSheets) read back from the PDF: title with the month, the
 * grid's code and label, the worker, the households one per row in the bulk grid's order, and
 * phones masked as everything printed.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';
import { readPdf, type PdfPage } from '../helpers/pdf';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎';

/** 田家河村 › 一组: 第2网格 (code …02) with 5 households and 第1网格 (…01) with 25 (王建国 its worker). */
async function seed() {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '田家河村',
    code: '1114',
    kind: '村',
  });
  const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '111401' });
  // Created second-first so that code order, not creation order, is what the sheets follow.
  const second = await app.call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11140102' });
  const first = await app.call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11140101' });
  const heads: { name: string; grid: number; phone: string; door: string }[] = [];
  for (let i = 0; i < 30; i++) {
    const h = {
      name: `${NAMES[i]}${'大小'[i % 2]}明`,
      grid: i < 5 ? second.id : first.id,
      phone: `1391234${String(i).padStart(4, '0')}`,
      door: `${i + 1}`,
    };
    heads.push(h);
    await app.call('households/create', {
      gridId: h.grid,
      headName: h.name,
      phone: h.phone,
      doorNumber: h.door,
      address: '',
    });
  }
  const wang = await app.call('workers/create', {
    name: '王建国',
    gender: '男',
    idNumber: makeId('1968-05-05', 7, '男'),
    phone: '13812345678',
  });
  await app.call('assignments/create', { workerId: wang.id, gridId: first.id, title: '' });
  const idle = await app.call('workers/create', {
    name: '李闲',
    gender: '男',
    idNumber: makeId('1970-05-05', 9, '男'),
    phone: '13812345679',
  });
  return { village, first, second, heads, wang, idle };
}

const text = (pages: PdfPage[]) => pages.map((p) => p.items.map((i) => i.str).join('|'));

/** The head-of-household names as they come down the pages, top to bottom. */
function namesInOrder(pages: PdfPage[], names: string[]): string[] {
  const found: string[] = [];
  for (const p of pages) {
    const items = p.items.filter((i) => names.includes(i.str)).sort((a, b) => b.y - a.y);
    found.push(...items.map((i) => i.str));
  }
  return found;
}

describe('blank monthly log sheets', () => {
  it("prints a worker's 走访登记表: month, grid code and label, worker, households in order, phones masked", async () => {
    const { wang, heads } = await seed();
    const out = path.join(app.dir, '走访登记表.pdf');
    const r = await app.call('print/logSheets', { kind: 'visits', month: '2026-03', workerId: wang.id, out });
    expect(r).toMatchObject({ file: out, sheets: 1, households: 25 });
    const pages = await readPdf(out);
    expect(r.pages).toBe(pages.length);
    expect(pages.length).toBe(2);
    // Landscape A4.
    expect(Math.round(pages[0]!.width)).toBe(842);
    const all = text(pages).join('\n');
    expect(all).toContain('2026年3月 走访登记表');
    expect(all).toContain('网格：田家河村 / 一组 / 第1网格（编码 11140101）');
    expect(all).toContain('网格员：王建国');
    expect(all).toContain('发现问题（类别及件数）');
    const mine = heads.filter((h) => h.door !== '' && heads.indexOf(h) >= 5);
    expect(
      namesInOrder(
        pages,
        mine.map((h) => h.name),
      ),
    ).toEqual(mine.map((h) => h.name));
    for (const h of mine) {
      expect(all).toContain(`${h.phone.slice(0, 3)}****${h.phone.slice(7)}`);
      expect(all).not.toContain(h.phone);
    }
    // Not someone else's households.
    expect(all).not.toContain(heads[0]!.name);
    // Both pages carry the header.
    for (const p of text(pages)) expect(p).toContain('网格员：王建国');
  });

  it('prints a village as one sheet per household grid in code order, each with its worker or 待配备', async () => {
    const { village, heads } = await seed();
    const out = path.join(app.dir, '服务登记表.pdf');
    const r = await app.call('print/logSheets', { kind: 'services', month: '2026-11', gridId: village.id, out });
    expect(r).toMatchObject({ sheets: 2, households: 30 });
    const pages = await readPdf(out);
    const pageTexts = text(pages);
    expect(pageTexts[0]).toContain('2026年11月 服务登记表');
    expect(pageTexts[0]).toContain('田家河村 / 一组 / 第1网格（编码 11140101）');
    expect(pageTexts[0]).toContain('网格员：王建国');
    const last = pageTexts[pageTexts.length - 1]!;
    expect(last).toContain('第2网格（编码 11140102）');
    expect(last).toContain('网格员：待配备');
    const expected = [...heads.slice(5), ...heads.slice(0, 5)].map((h) => h.name);
    expect(namesInOrder(pages, expected)).toEqual(expected);
  });

  it('refuses a worker without a grid and a malformed month, naming them, and writes nothing', async () => {
    const { idle, village } = await seed();
    const out = path.join(app.dir, 'x.pdf');
    const r = await dispatch(app.ctx, 'print/logSheets', { kind: 'visits', month: '2026-03', workerId: idle.id, out });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('网格员“李闲”目前没有负责的网格');
    const bad = await dispatch(app.ctx, 'print/logSheets', {
      kind: 'visits',
      month: '2026-13',
      gridId: village.id,
      out,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('月份格式应为 2026-03');
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  });
});
