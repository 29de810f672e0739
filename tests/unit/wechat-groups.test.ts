/** records/gridsWithoutGroup: a village's household grids that have no WeChat group yet. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

it('lists the household grids of the subtree without a group, in code order, and agrees with the statistics', async () => {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '许坪村',
    code: '1101',
    kind: '村',
  });
  const other = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '石桥村',
    code: '1102',
    kind: '村',
  });
  const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '110101' });
  const g3 = await app.call('grids/create', { parentId: group.id, level: 4, name: '第3网格', code: '11010103' });
  const g1 = await app.call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11010101' });
  const g2 = await app.call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11010102' });
  const otherGroup = await app.call('grids/create', { parentId: other.id, level: 3, name: '一组', code: '110201' });
  await app.call('grids/create', { parentId: otherGroup.id, level: 4, name: '第1网格', code: '11020101' });
  await app.call('records/create', {
    kind: 'wechatGroups',
    fields: { gridId: g2.id, name: '许坪村一组第2网格群', members: 40 },
  });
  // A group's own group does not cover its household grids.
  await app.call('records/create', { kind: 'wechatGroups', fields: { gridId: group.id, name: '许坪村一组群' } });

  const without = await app.call('records/gridsWithoutGroup', { gridId: village.id });
  expect(without).toEqual([
    { id: g1.id, code: '11010101', label: '许坪村 / 一组 / 第1网格' },
    { id: g3.id, code: '11010103', label: '许坪村 / 一组 / 第3网格' },
  ]);
  const stats = await app.call('records/stats', { gridId: village.id });
  expect(stats.wechat.gridsWithout).toBe(without.length);
  expect(await app.call('records/gridsWithoutGroup', { gridId: g2.id })).toEqual([]);
  expect((await app.call('records/gridsWithoutGroup', { gridId: town.id })).map((g) => g.code)).toEqual([
    '11010101',
    '11010103',
    '11020101',
  ]);
});
