/**
 * Guards for deleting grids: the confirmation a clerk reads must count everything that goes,
 * down to the households of the lowest grids (issue 8, "Tests that catch what they guard").
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';
import { PNG_1PX } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

/** 温水镇 › 许坪村 (2 groups, 3 household grids, 6 households) and 石桥村 (1 household). */
async function seed() {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '许坪村',
    code: '1101',
    kind: '村',
  });
  const one = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '110101' });
  const two = await app.call('grids/create', { parentId: village.id, level: 3, name: '二组', code: '110102' });
  const grids = [
    await app.call('grids/create', { parentId: one.id, level: 4, name: '一组第1网格', code: '11010101' }),
    await app.call('grids/create', { parentId: one.id, level: 4, name: '一组第2网格', code: '11010102' }),
    await app.call('grids/create', { parentId: two.id, level: 4, name: '二组第1网格', code: '11010201' }),
  ];
  const heads = [['张一', '李二', '王三'], ['赵四'], ['钱五', '孙六']];
  for (const [i, names] of heads.entries()) {
    for (const headName of names) await app.call('households/create', { gridId: grids[i]!.id, headName });
  }
  const other = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '石桥村',
    code: '1102',
    kind: '村',
  });
  const otherGroup = await app.call('grids/create', { parentId: other.id, level: 3, name: '一组', code: '110201' });
  const otherGrid = await app.call('grids/create', {
    parentId: otherGroup.id,
    level: 4,
    name: '一组第1网格',
    code: '11020101',
  });
  await app.call('households/create', { gridId: otherGrid.id, headName: '周七' });
  return { town, village, one, two };
}

describe('grid delete preview', () => {
  it("counts a village's households in every grid below it, and only those", async () => {
    const { town, village, one } = await seed();
    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.descendants).toEqual([0, 0, 2, 3]);
    expect(preview.households).toBe(6);
    expect(preview.cascade).toEqual([{ table: 'households', count: 6, text: '6 户住户' }]);

    expect((await app.call('grids/deletePreview', { id: one.id })).households).toBe(4);
    expect((await app.call('grids/deletePreview', { id: town.id })).households).toBe(7);

    // What the clerk is asked to confirm is what goes.
    const refused = await dispatch(app.ctx, 'grids/delete', { id: village.id });
    expect(!refused.ok && refused.error.message).toContain('2 个三级网格、3 个四级网格、6 户住户');
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect((await app.call('households/list', {})).rows.map((h) => h.headName)).toEqual(['周七']);
  });
});

function count(sql: string, ...params: number[]): number {
  return (app.ctx.handle.sqlite.prepare(sql).get(...params) as { n: number }).n;
}

const SUBTREE = `with recursive s(id) as (select ? union all select g.id from grids g join s on g.parent_id = s.id)`;

describe('deleting a demo village names everything it takes', () => {
  it('counts households, assignments, the workers whose history goes and who is left without a grid, QR codes', async () => {
    // Without records: a village with records is refused outright (they keep their grids).
    await app.call('demo/create', { records: false });
    const village = (await app.call('grids/tree', {})).find((g) => g.level === 2 && g.descendants[3] > 0)!;
    const households = count(`${SUBTREE} select count(*) as n from households where grid_id in s`, village.id);
    const assignments = count(`${SUBTREE} select count(*) as n from assignments where grid_id in s`, village.id);
    const workers = count(
      `${SUBTREE} select count(distinct worker_id) as n from assignments where grid_id in s`,
      village.id,
    );
    expect(households).toBeGreaterThan(30);
    expect(workers).toBeGreaterThan(3);
    // One of them also serves a grid elsewhere: they keep a grid; the others are left without.
    const elsewhere = (await app.call('grids/tree', {})).find(
      (g) => g.level === 4 && !g.label.startsWith(village.name),
    )!;
    const kept = (await app.call('grids/assignments', { id: village.id })).find((a) => a.endDate === null)!;
    await app.call('assignments/create', { workerId: kept.workerId, gridId: elsewhere.id, role: '网格长' });
    const group = (await app.call('grids/tree', {})).find((g) => g.parentId === village.id)!;
    await app.call('grids/setQr', { id: group.id, file: await pngFile() });

    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.grid.label).toBe(village.name);
    expect(preview.households).toBe(households);
    expect(preview.assignments).toBe(assignments);
    expect(preview.workers.affected).toHaveLength(workers);
    expect(preview.workers.leftWithoutGrid).toHaveLength(workers - 1);
    expect(preview.workers.leftWithoutGrid.map((w) => w.id)).not.toContain(kept.workerId);
    expect(preview.qrCodes).toBe(1);

    const refused = await dispatch(app.ctx, 'grids/delete', { id: village.id });
    const first = preview.workers.affected[0]!.name;
    expect(!refused.ok && refused.error.message).toContain(`${households} 户住户`);
    expect(!refused.ok && refused.error.message).toContain(`${assignments} 条网格员任职记录（${first}`);
    expect(!refused.ok && refused.error.message).toContain(`等 ${workers} 名网格员的任职历史，其中`);
    expect(!refused.ok && refused.error.message).toContain(`等 ${workers - 1} 名删除后将无网格（待安排）`);
    expect(!refused.ok && refused.error.message).toContain('1 张网格微信群二维码');

    const before = {
      h: count('select count(*) as n from households'),
      a: count('select count(*) as n from assignments'),
    };
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect(count('select count(*) as n from households')).toBe(before.h - households);
    expect(count('select count(*) as n from assignments')).toBe(before.a - assignments);
    expect(count('select count(*) as n from grid_qr')).toBe(0);
    // The workers themselves stay.
    expect(count('select count(*) as n from workers where id = ?', kept.workerId)).toBe(1);
  });

  it('a grid with nothing but its QR code is deleted only once the clerk confirms', async () => {
    const { one } = await seed();
    const lone = await app.call('grids/create', { parentId: one.id, level: 4, name: '一组第3网格', code: '11010103' });
    await app.call('grids/setQr', { id: lone.id, file: await pngFile() });
    const refused = await dispatch(app.ctx, 'grids/delete', { id: lone.id });
    expect(!refused.ok && refused.error.message).toBe(
      '“许坪村 / 一组 / 一组第3网格”下还有 1 张网格微信群二维码，不能直接删除。确认连同这些一并删除后才能删除。',
    );
    expect(await app.call('grids/delete', { id: lone.id, cascade: true })).toEqual({ deleted: 1 });
  });
});

async function pngFile(): Promise<string> {
  const file = path.join(app.dir, 'qr.png');
  fs.writeFileSync(file, PNG_1PX);
  return file;
}
