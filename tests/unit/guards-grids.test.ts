/**
 * Guards for deleting grids: the confirmation a clerk reads must count everything that goes,
 * down to the households of the lowest grids (issue 8, "Tests that catch what they guard").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';

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
