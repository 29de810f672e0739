import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayChinese, todayIso } from '../../src/shared/dates';
import { gridByCode, gridPath, gridPaths, subtreeIdList, subtreeOf } from '../../src/main/services/grids/queries';
import { holdersOn } from '../../src/main/services/workers/queries';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp(tempDir());
});
afterEach(async () => {
  await app.close();
});

/** 温水镇 › 田家河村 › 十四组 › 十四组第1网格, plus a second village beside it. */
async function tree() {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const v = await app.call('grids/create', { parentId: town.id, level: 2, name: '田家河村', code: '1114', kind: '村' });
  const g = await app.call('grids/create', { parentId: v.id, level: 3, name: '十四组', code: '111401' });
  const h = await app.call('grids/create', { parentId: g.id, level: 4, name: '十四组第1网格', code: '11140101' });
  const other = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '许坪村',
    code: '1101',
    kind: '村',
  });
  return { town, v, g, h, other };
}

describe('grid query helpers', () => {
  it('a subtree is the grid and every descendant, nothing beside it', async () => {
    const t = await tree();
    const db = app.ctx.handle.db;
    expect((await subtreeIdList(db, t.v.id)).sort()).toEqual([t.v.id, t.g.id, t.h.id].sort());
    expect((await subtreeIdList(db, t.town.id)).length).toBe(5);
    expect(await subtreeIdList(db, t.h.id)).toEqual([t.h.id]);
    // Composes as a subquery.
    const names = await db.selectFrom('grids').select('name').where('id', 'in', subtreeOf(db, t.g.id)).execute();
    expect(names.map((r) => r.name).sort()).toEqual(['十四组', '十四组第1网格']);
  });

  it("a grid's path runs from its township down to itself", async () => {
    const t = await tree();
    const db = app.ctx.handle.db;
    const p = await gridPath(db, t.g.id);
    expect(p.text).toBe('温水镇 / 田家河村 / 十四组');
    expect(p.names).toEqual(['温水镇', '田家河村', '十四组', '']);
    expect(p.ancestors.map((a) => a.code)).toEqual(['11', '1114', '111401']);
    const all = await gridPaths(db, subtreeOf(db, t.town.id));
    expect(all.get(t.h.id)!.text).toBe('温水镇 / 田家河村 / 十四组 / 十四组第1网格');
    expect(all.get(t.other.id)!.names).toEqual(['温水镇', '许坪村', '', '']);
    await expect(gridPath(db, 9999)).rejects.toThrow('找不到');
    expect((await gridByCode(db, '111401')).id).toBe(t.g.id);
    await expect(gridByCode(db, '999')).rejects.toThrow('找不到编码为 999 的网格');
  });
});

describe('the assignment current on a date', () => {
  it('A held the grid until 2026-02-28 and B from 2026-03-01: A on 02-28, B on 03-01, none before A', async () => {
    const t = await tree();
    const person = (name: string, seq: number) =>
      app.call('workers/create', {
        name,
        gender: '男',
        idNumber: makeId('1970-01-01', seq, '男'),
        phone: '13900000000',
      });
    const a = await person('甲', 1);
    const b = await person('乙', 2);
    await app.call('assignments/create', { workerId: a.id, gridId: t.h.id, role: '网格员', startDate: '2025-01-01' });
    // B takes over on 03-01: A's assignment ends that day, so A's last day is 02-28.
    await app.call('assignments/create', {
      workerId: b.id,
      gridId: t.h.id,
      role: '网格员',
      startDate: '2026-03-01',
      replace: { holderId: a.id, holderAfter: '待安排' },
    });
    const db = app.ctx.handle.db;
    const holder = async (date: string | null) =>
      (await holdersOn(db, date).select('w.name').where('a.grid_id', '=', t.h.id).execute()).map((r) => r.name);
    expect(await holder('2026-02-28')).toEqual(['甲']);
    expect(await holder('2026-03-01')).toEqual(['乙']);
    expect(await holder('2025-01-01')).toEqual(['甲']);
    expect(await holder('2024-12-31')).toEqual([]);
    // Without a date: current, as before (not ended).
    expect(await holder(null)).toEqual(['乙']);
  });
});

describe("the clerks' today", () => {
  it('is the date in Beijing, not UTC nor the machine zone', () => {
    const late = new Date('2026-11-27T23:30:00Z'); // 07:30 on the 28th in Beijing
    expect(todayIso(late)).toBe('2026-11-28');
    expect(todayChinese(late)).toBe('2026年11月28日');
    expect(todayIso(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(todayChinese(new Date('2026-01-04T16:00:00Z'))).toBe('2026年1月5日');
  });
});
