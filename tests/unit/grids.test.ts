import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';
import { WORKER_ROSTER_HEADER } from '../helpers/roster';
import { writeWorkbook } from '../helpers/xlsx';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function seed() {
  const town = await app.call('grids/create', {
    parentId: null,
    level: 1,
    name: '温水镇',
    code: '11',
    divisionCode: '612345101000',
  });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '田家河村',
    code: '1114',
    kind: '村',
  });
  const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '十四组', code: '111401' });
  const hh1 = await app.call('grids/create', { parentId: group.id, level: 4, name: '十四组第1网格', code: '11140101' });
  const hh2 = await app.call('grids/create', { parentId: group.id, level: 4, name: '十四组第2网格', code: '11140102' });
  return { town, village, group, hh1, hh2 };
}

async function gridCount(): Promise<number> {
  return (await app.call('grids/tree', {})).length;
}

describe('grid tree', () => {
  it('builds the four levels with per-node counts, in code order', async () => {
    const { town, village, group } = await seed();
    const tree = await app.call('grids/tree', {});
    expect(tree.map((g) => g.code)).toEqual(['11', '1114', '111401', '11140101', '11140102']);
    const byId = new Map(tree.map((g) => [g.id, g]));
    expect(byId.get(town.id)!.descendants).toEqual([0, 1, 1, 2]);
    expect(byId.get(village.id)!.childCount).toBe(1);
    expect(byId.get(group.id)!.descendants).toEqual([0, 0, 0, 2]);
    expect(byId.get(town.id)!.divisionCode).toBe('612345101000');
    expect(byId.get(village.id)!.kind).toBe('村');
  });

  it('suggests the next free code under a parent and for a new township', async () => {
    const { town, village, group } = await seed();
    expect((await app.call('grids/suggestCode', { parentId: group.id })).code).toBe('11140103');
    expect((await app.call('grids/suggestCode', { parentId: village.id })).code).toBe('111402');
    expect((await app.call('grids/suggestCode', { parentId: town.id })).code).toBe('1115');
    expect((await app.call('grids/suggestCode', { parentId: null })).code).toBe('12');
  });

  it('refuses a duplicate code with a message at the code field, and changes nothing', async () => {
    const { town } = await seed();
    const before = await gridCount();
    const r = await dispatch(app.ctx, 'grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1114',
      kind: '村',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.fields?.code).toContain('已被“田家河村”');
    expect(await gridCount()).toBe(before);
  });

  it('enforces the code scheme and the parent level on clerk-entered codes', async () => {
    const { town, village } = await seed();
    const wrongPrefix = await dispatch(app.ctx, 'grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '2201',
      kind: '村',
    });
    expect(!wrongPrefix.ok && wrongPrefix.error.fields?.code).toContain('应以上级编码 11 开头');
    const wrongLength = await dispatch(app.ctx, 'grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '11015',
      kind: '村',
    });
    expect(!wrongLength.ok && wrongLength.error.fields?.code).toContain('应为 4 位');
    const wrongParent = await dispatch(app.ctx, 'grids/create', {
      parentId: village.id,
      level: 4,
      name: '错层',
      code: '111402',
    });
    expect(!wrongParent.ok && wrongParent.error.fields?.parentId).toContain('上级应为三级网格');
    const noKind = await dispatch(app.ctx, 'grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1115',
    });
    expect(!noKind.ok && noKind.error.fields?.kind).toContain('村');
    const letters = await dispatch(app.ctx, 'grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '11a5',
      kind: '村',
    });
    expect(!letters.ok && letters.error.fields?.code).toBe('网格编码只能由数字组成');
  });

  it('renames without touching codes, and re-codes a subtree when a code changes', async () => {
    const { village, group, hh1 } = await seed();
    const renamed = await app.call('grids/update', { id: village.id, name: '田家河社区', code: '1114', kind: '社区' });
    expect(renamed.name).toBe('田家河社区');
    expect(renamed.kind).toBe('社区');
    const recoded = await app.call('grids/update', { id: village.id, name: '田家河社区', code: '1120', kind: '社区' });
    expect(recoded.code).toBe('1120');
    expect((await app.call('grids/get', { id: group.id })).code).toBe('112001');
    expect((await app.call('grids/get', { id: hh1.id })).code).toBe('11200101');
  });

  it('refuses a re-code whose descendants would collide, atomically', async () => {
    const { town, group } = await seed();
    const other = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1115',
      kind: '村',
    });
    const g2 = await app.call('grids/create', { parentId: other.id, level: 3, name: '一组', code: '111501' });
    // Re-coding 十四组 to 111502 is fine; giving 田家河村 the code 1115 is not (used).
    const r = await dispatch(app.ctx, 'grids/update', { id: group.id, name: '十四组', code: '111501' });
    expect(r.ok).toBe(false);
    expect((await app.call('grids/get', { id: group.id })).code).toBe('111401');
    expect((await app.call('grids/get', { id: g2.id })).code).toBe('111501');
  });

  it('moves a subtree under a new parent and its codes follow; keepCodes keeps them', async () => {
    const { town, group, hh1, hh2 } = await seed();
    const stone = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1115',
      kind: '村',
    });
    const moved = await app.call('grids/move', { id: group.id, parentId: stone.id });
    expect(moved.parentId).toBe(stone.id);
    expect(moved.code).toBe('111501');
    expect((await app.call('grids/get', { id: hh1.id })).code).toBe('11150101');
    expect((await app.call('grids/get', { id: hh2.id })).code).toBe('11150102');
    const tree = await app.call('grids/tree', {});
    expect(tree.find((g) => g.id === stone.id)!.descendants).toEqual([0, 0, 1, 2]);

    const back = await app.call('grids/move', {
      id: group.id,
      parentId: (await seedVillage(town.id)).id,
      keepCodes: true,
    });
    expect(back.code).toBe('111501');
  });

  async function seedVillage(townId: number) {
    return app.call('grids/create', { parentId: townId, level: 2, name: '红岩村', code: '1116', kind: '村' });
  }

  it('refuses a move to a parent of the wrong level and moving a township', async () => {
    const { town, village, group } = await seed();
    const wrong = await dispatch(app.ctx, 'grids/move', { id: group.id, parentId: town.id });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.fields?.parentId).toContain('只能移到二级网格之下');
    const township = await dispatch(app.ctx, 'grids/move', { id: town.id, parentId: village.id });
    expect(!township.ok && township.error.message).toContain('不能移动');
  });

  it('refuses to delete a grid with children unless the cascade is confirmed', async () => {
    const { village, hh2 } = await seed();
    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.descendants).toEqual([0, 0, 1, 2]);
    expect(preview.total).toBe(4);
    expect(preview).toMatchObject({ cascade: [], blockers: [], detached: [] });
    const refused = await dispatch(app.ctx, 'grids/delete', { id: village.id });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('HAS_CHILDREN');
    expect(!refused.ok && refused.error.message).toContain('1 个三级网格、2 个四级网格');
    expect(await gridCount()).toBe(5);

    expect(await app.call('grids/delete', { id: hh2.id })).toEqual({ deleted: 1 });
    expect(await app.call('grids/delete', { id: village.id, cascade: true })).toEqual({ deleted: 3 });
    expect((await app.call('grids/tree', {})).map((g) => g.name)).toEqual(['温水镇']);
  });

  it('keeps several townships in one database, codes unique across them', async () => {
    await seed();
    const second = await app.call('grids/create', { parentId: null, level: 1, name: '八渡镇', code: '12' });
    const v = await app.call('grids/create', {
      parentId: second.id,
      level: 2,
      name: '田家河村',
      code: '1201',
      kind: '村',
    });
    expect(v.code).toBe('1201');
    const stats = await app.call('stats/get', {});
    expect(stats.grids).toEqual({ level1: 2, level2: 2, level3: 1, level4: 2 });
  });

  it('follows a configured code scheme (CJ/T 349 style prefix and 3-3-2-2 digits)', async () => {
    const settings = await app.call('settings/get', {});
    await app.call('settings/update', { ...settings, codeScheme: { prefix: '100000612345', digits: [3, 3, 2, 2] } });
    expect((await app.call('grids/suggestCode', { parentId: null })).code).toBe('100000612345001');
    const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '100000612345001' });
    expect((await app.call('grids/suggestCode', { parentId: town.id })).code).toBe('100000612345001001');
    const bad = await dispatch(app.ctx, 'grids/create', { parentId: null, level: 1, name: '乙镇', code: '02' });
    expect(!bad.ok && bad.error.fields?.code).toContain('100000612345');
  });
});

describe('sibling grids never share a name', () => {
  it('refuses creating a second 十四组 under one village, naming the village and the code', async () => {
    const { village, town } = await seed();
    const before = await gridCount();
    const r = await dispatch(app.ctx, 'grids/create', {
      parentId: village.id,
      level: 3,
      name: '十四组',
      code: '111402',
    });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(!r.ok && r.error.fields?.name).toBe(
      '“田家河村”下已有名为“十四组”的网格，同一上级下的网格不能重名（已有的编码 111401），请换一个名称',
    );
    expect(await gridCount()).toBe(before);
    // The same name under another village, and a second township of another name, are fine.
    const other = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1115',
      kind: '村',
    });
    await app.call('grids/create', { parentId: other.id, level: 3, name: '十四组', code: '111501' });
    const twin = await dispatch(app.ctx, 'grids/create', { parentId: null, level: 1, name: '温水镇', code: '12' });
    expect(!twin.ok && twin.error.fields?.name).toContain('已有名为“温水镇”的一级网格（镇）');
  });

  it('refuses renaming a grid to its sibling’s name; keeping its own name is fine', async () => {
    const { group, hh1, hh2 } = await seed();
    const r = await dispatch(app.ctx, 'grids/update', { id: hh2.id, name: '十四组第1网格', code: hh2.code });
    expect(!r.ok && r.error.fields?.name).toContain('“十四组”下已有名为“十四组第1网格”的网格');
    expect((await app.call('grids/get', { id: hh2.id })).name).toBe('十四组第2网格');
    // Saving a grid unchanged (or changing only its code) is not a clash with itself.
    await app.call('grids/update', { id: hh1.id, name: '十四组第1网格', code: '11140109' });
    expect((await app.call('grids/get', { id: group.id })).name).toBe('十四组');
  });

  it('refuses moving a grid under a parent that already has one of its name, and changes nothing', async () => {
    const { town, group, hh1 } = await seed();
    const stone = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '石桥村',
      code: '1115',
      kind: '村',
    });
    await app.call('grids/create', { parentId: stone.id, level: 3, name: '十四组', code: '111501' });
    const r = await dispatch(app.ctx, 'grids/move', { id: group.id, parentId: stone.id });
    expect(!r.ok && r.error.fields?.parentId).toBe(
      '“石桥村”下已有名为“十四组”的网格，同一上级下的网格不能重名（已有的编码 111501）。请先把其中一个改名，再移动',
    );
    expect((await app.call('grids/get', { id: group.id })).code).toBe('111401');
    expect((await app.call('grids/get', { id: hh1.id })).code).toBe('11140101');
  });

  it('the roster import refuses the rows that would rename or create a same-named sibling', async () => {
    const { village } = await seed();
    await app.call('grids/create', { parentId: village.id, level: 3, name: '十五组', code: '111402' });
    const file = path.join(app.dir, 'roster.xlsx');
    await writeWorkbook(file, [
      {
        name: '田家河村',
        header: WORKER_ROSTER_HEADER,
        rows: [
          // 111402 is 十五组: calling it 十四组 would give the village two 十四组.
          [
            1,
            '温水镇',
            '田家河村',
            '十四组',
            '三级',
            '111402',
            '王建国',
            '男',
            makeId('1970-01-01', 1, '男'),
            '13900000001',
            '群众',
            '',
            '村民小组组长',
            '',
            '',
          ],
          // 1114010001 is new; the name made up from it would be 十四组第1网格, which 11140101 has.
          [
            2,
            '温水镇',
            '田家河村',
            '十四组',
            '四级',
            '1114010001',
            '李秀英',
            '女',
            makeId('1971-02-02', 2, '女'),
            '13900000002',
            '群众',
            '',
            '村民代表',
            '',
            '',
          ],
        ],
        textColumns: [5, 8, 9],
      },
    ]);
    const r = await app.call('import/analyze', { file });
    const messages = r.errors.map((e) => `${e.row}:${e.message}`);
    expect(messages).toContainEqual(
      expect.stringContaining('2:“田家河村”下已有名为“十四组”的网格，同一上级下的网格不能重名'),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('3:“十四组”下已有名为“十四组第1网格”的网格，同一上级下的网格不能重名'),
    );
    const names = (await app.call('grids/tree', {})).filter((g) => g.parentId === village.id).map((g) => g.name);
    expect(names.sort()).toEqual(['十五组', '十四组']);
  });
});
