/**
 * 住户名单 (print/householdList): a grid's households read back from the PDF — the worker's
 * contact list shows phones, and ID numbers only masked.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskId } from '../../src/shared/idcard';
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

/** 田家河村 › 一组: 第1网格 with 16 households (王建国 its worker), 第2网格 with 30. */
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
  const first = await app.call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11140101' });
  const second = await app.call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11140102' });
  const ids: string[] = [];
  for (let i = 1; i <= 46; i++) {
    const idNumber = makeId(`1960-01-${String(1 + (i % 28)).padStart(2, '0')}`, i, i % 2 ? '男' : '女');
    ids.push(idNumber);
    await app.call('households/create', {
      gridId: i <= 16 ? first.id : second.id,
      headName: headName(i),
      idNumber,
      phone: `139${String(i).padStart(8, '0')}`,
      address: `田家河村一组${i}号`,
      members: 3,
      tags: i === 1 ? ['低保户'] : [],
    });
  }
  const wang = await app.call('workers/create', {
    name: '王建国',
    gender: '男',
    idNumber: makeId('1968-05-05', 7, '男'),
    phone: '13812345678',
  });
  await app.call('assignments/create', { workerId: wang.id, gridId: first.id, title: '村民代表' });
  return { village, group, first, second, ids };
}

/** 46 distinct Chinese names: 王一甲, 李一乙… */
function headName(i: number): string {
  return `${'王李张刘陈杨赵黄周吴'[i % 10]}${'一二三四五'[Math.floor(i / 10)]}${'甲乙丙丁戊己庚辛壬癸'[i % 10]}`;
}

function text(pages: PdfPage[]): string {
  return pages.map((p) => p.items.map((i) => i.str).join('|')).join('\n');
}

describe('住户名单', () => {
  it("prints a household grid's households with phones and masked ID numbers, named by its path", async () => {
    const { first, ids } = await seed();
    const out = path.join(app.dir, '住户名单.pdf');
    const r = await app.call('print/householdList', { gridId: first.id, out });
    expect(r).toEqual({ file: out, pages: 1, households: 16 });
    const pages = await readPdf(out);
    expect(pages).toHaveLength(1);
    expect(Math.round(pages[0]!.width)).toBe(595);
    const all = text(pages);
    expect(all).toContain('田家河村 / 一组 / 第1网格 住户名单');
    expect(all).toContain('网格员：王建国 13812345678');
    expect(all).toContain('共 16 户');
    for (let i = 1; i <= 16; i++) {
      expect(all).toContain(headName(i));
      expect(all).toContain(`139${String(i).padStart(8, '0')}`);
      expect(all).toContain(maskId(ids[i - 1]!));
      expect(all).not.toContain(ids[i - 1]!);
    }
    expect(all).not.toContain(headName(17));
    expect(all).toContain('低保户');
  });

  it('lists a group grid by grid, each under a line naming it and its worker, over numbered pages', async () => {
    const { group, ids } = await seed();
    const out = path.join(app.dir, '一组.pdf');
    const r = await app.call('print/householdList', { gridId: group.id, out });
    expect(r.households).toBe(46);
    const pages = await readPdf(out);
    expect(pages.length).toBe(r.pages);
    expect(pages.length).toBeGreaterThan(1);
    const all = text(pages);
    expect(all).toContain('田家河村 / 一组 住户名单');
    expect(all).toContain('田家河村 / 一组 / 第1网格');
    expect(all).toContain('网格员：王建国 13812345678');
    expect(all).toContain('田家河村 / 一组 / 第2网格');
    expect(all).toContain('网格员：待配备');
    expect(all).toContain(`第 ${pages.length} / ${pages.length} 页`);
    for (const id of ids) expect(all).not.toContain(id);
    // Every page repeats the table's header.
    for (const p of pages) expect(p.items.map((i) => i.str)).toContain('联系电话');
  });

  it('refuses a grid without households, naming it, and writes nothing', async () => {
    const { village } = await seed();
    const empty = await app.call('grids/create', { parentId: village.id, level: 3, name: '二组', code: '111402' });
    const out = path.join(app.dir, '二组.pdf');
    const r = await dispatch(app.ctx, 'print/householdList', { gridId: empty.id, out });
    expect(!r.ok && r.error.message).toBe('“田家河村 / 二组”下还没有住户，没有可打印的住户名单。');
    const fs = await import('node:fs');
    expect(fs.existsSync(out)).toBe(false);
  });
});
