import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { gridPath } from '../../src/main/services/grids/queries';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp(tempDir());
  await app.call('demo/create', { townships: 1 });
});
afterEach(async () => {
  await app.close();
});

describe('one search box', () => {
  it('finds a worker by name and by phone, named with the village of their grid', async () => {
    const { rows } = await app.call('workers/list', { level: 4, limit: 1 });
    const w = rows[0]!;
    const village = (await gridPath(app.ctx.handle.db, w.grids[0]!.gridId)).names[1];
    const byName = await app.call('search/all', { text: w.name });
    const hit = byName.hits.find((h) => h.kind === 'worker' && h.id === w.id)!;
    expect(hit.title).toBe(w.name);
    expect(village).toBeTruthy();
    expect(hit.detail.startsWith(`${village} / `)).toBe(true);
    const byPhone = await app.call('search/all', { text: w.phone.slice(0, 7) });
    expect(byPhone.hits.some((h) => h.kind === 'worker' && h.id === w.id)).toBe(true);
  });

  it('names same-named grids by their village, so 一组 of two villages can be told apart', async () => {
    const r = await app.call('search/all', { text: '一组', limit: 50 });
    const grids = r.hits.filter((h) => h.kind === 'grid' && h.title.endsWith(' / 一组'));
    expect(grids.length).toBeGreaterThan(1);
    expect(new Set(grids.map((g) => g.title)).size).toBe(grids.length);
  });

  it('finds households by the head of household, with their grid', async () => {
    const { rows } = await app.call('households/list', { limit: 1 });
    const h = rows[0]!;
    const r = await app.call('search/all', { text: h.headName });
    const hit = r.hits.find((x) => x.kind === 'household' && x.id === h.id)!;
    expect(hit.title).toBe(`${h.headName}（户主）`);
    expect(hit.detail).toContain(' / ');
  });

  it('shows a worker with no current grid as 待安排', async () => {
    const w = await app.call('workers/create', {
      name: '测试无网格',
      gender: '男',
      idNumber: makeId('19800101', 17, '男'),
      phone: '13912345678',
    });
    const r = await app.call('search/all', { text: '测试无网格' });
    expect(r.hits.find((h) => h.id === w.id && h.kind === 'worker')?.detail).toContain('待安排');
  });

  it('takes % and _ literally, limits each kind and says when there are more', async () => {
    expect((await app.call('search/all', { text: '%' })).hits).toEqual([]);
    expect((await app.call('search/all', { text: '_' })).hits).toEqual([]);
    const r = await app.call('search/all', { text: '组', limit: 3 });
    expect(r.hits.filter((h) => h.kind === 'grid')).toHaveLength(3);
    expect(r.more).toBe(true);
    const empty = await dispatch(app.ctx, 'search/all', { text: '  ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('请输入要查找的');
  });
});
