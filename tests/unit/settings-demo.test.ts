import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/shared/settings';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createDemo } from '../../src/main/services/demo/demo';
import { chineseNumber } from '../../src/main/services/demo/names';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('settings', () => {
  it('starts from defaults and saves what the clerk changes', async () => {
    expect(await app.call('settings/get', {})).toEqual(DEFAULT_SETTINGS);
    const next = { ...DEFAULT_SETTINGS, unitName: '温水镇综治中心', levelNames: ['街道', '社区', '小区', '楼栋网格'] };
    expect(await app.call('settings/update', next)).toEqual(next);
    expect(await app.call('settings/get', {})).toEqual(next);
  });

  it('rejects invalid settings at the field', async () => {
    const r = await dispatch(app.ctx, 'settings/update', {
      ...DEFAULT_SETTINGS,
      codeScheme: { prefix: 'ab', digits: [2, 0, 2, 2] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields?.['codeScheme.prefix']).toContain('数字');
    expect(r.error.fields?.['codeScheme.digits.1']).toBe('每级位数应为 1 到 6，不能为 0');
  });
});

/** The field errors the shared schema gives for these settings (what the form shows). */
function fieldErrors(change: Partial<Settings>): Record<string, string> {
  const r = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...change });
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

const PHONE_RULE = '应为带区号的固定电话（如 0913-1234567）或 11 位手机号';

describe('the phones printed on every board and card', () => {
  it.each([
    '0913-abc',
    '12345',
    '1391234567',
    '139123456789',
    '23912345678',
    '0913-123',
    '0913-0234567',
    '(0913)',
    '电话',
  ])('refuses %s under the field that holds it, naming the field', (bad) => {
    expect(fieldErrors({ supervisionPhone: bad })).toEqual({ supervisionPhone: `监督电话${PHONE_RULE}` });
    expect(fieldErrors({ centerPhone: bad })).toEqual({ centerPhone: `镇综治中心电话${PHONE_RULE}` });
  });

  it.each([
    ['0913-1234567', '0913-1234567'],
    ['09131234567', '09131234567'],
    ['(0913)1234567', '0913-1234567'],
    ['（0913）1234567', '0913-1234567'],
    ['010-12345678', '010-12345678'],
    ['0913-1234567-801', '0913-1234567-801'],
    ['0913-1234567转801', '0913-1234567转801'],
    ['０９１３－１２３４５６７', '0913-1234567'],
    ['13912345678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'],
    [' 139 1234 5678 ', '13912345678'],
    ['', ''],
  ])('keeps %s as %s', (typed, kept) => {
    const r = settingsSchema.parse({ ...DEFAULT_SETTINGS, supervisionPhone: typed, centerPhone: typed });
    expect([r.supervisionPhone, r.centerPhone]).toEqual([kept, kept]);
  });

  it('refuses a bad phone through the handler and saves nothing', async () => {
    const before = await app.call('settings/update', { ...DEFAULT_SETTINGS, supervisionPhone: '0913-7654321' });
    const r = await dispatch(app.ctx, 'settings/update', {
      ...DEFAULT_SETTINGS,
      unitName: '温水镇综治中心',
      supervisionPhone: '0913-abc',
    });
    expect(!r.ok && r.error.fields).toEqual({ supervisionPhone: `监督电话${PHONE_RULE}` });
    expect(await app.call('settings/get', {})).toEqual(before);
  });

  it('reads back, as written, a phone saved before phones were checked', async () => {
    app.ctx.handle.sqlite.prepare("insert into settings (key, value) values ('centerPhone', ?)").run('"12345"');
    expect((await app.call('settings/get', {})).centerPhone).toBe('12345');
  });
});

describe('the digits of each level of the code scheme', () => {
  it.each([
    [0, '每级位数应为 1 到 6，不能为 0'],
    [7, '每级位数应为 1 到 6'],
    [1.5, '位数应为 1 到 6 的整数'],
  ])('refuses %s with the range allowed, never changing it', (digits, message) => {
    expect(fieldErrors({ codeScheme: { prefix: '', digits: [2, digits, 2, 2] } })).toEqual({
      'codeScheme.digits.1': message,
    });
  });
});

describe('demo township', () => {
  it('creates a realistic township with unique, well-formed codes', async () => {
    const r = await app.call('demo/create', {});
    const tree = await app.call('grids/tree', {});
    expect(r.grids).toBe(tree.length);
    const villages = tree.filter((g) => g.level === 2);
    expect(villages.length).toBeGreaterThanOrEqual(10);
    expect(villages.length).toBeLessThanOrEqual(20);
    expect(villages.some((v) => v.kind === '社区')).toBe(true);
    expect(villages.every((v) => /^\d{12}$/.test(v.divisionCode ?? ''))).toBe(true);
    expect(new Set(tree.map((g) => g.code)).size).toBe(tree.length);
    const byId = new Map(tree.map((g) => [g.id, g]));
    for (const g of tree) {
      if (g.parentId === null) continue;
      const parent = byId.get(g.parentId)!;
      expect(g.level).toBe(parent.level + 1);
      expect(g.code.startsWith(parent.code)).toBe(true);
      expect(g.code.length).toBe(parent.code.length + 2);
    }
    const stats = await app.call('stats/get', {});
    expect(stats.grids.level1).toBe(1);
    expect(stats.grids.level2).toBe(villages.length);
    expect(stats.grids.level4).toBe(r.township.descendants[3]);
    expect(stats.grids.level4).toBeGreaterThan(100);
  });

  it('staffs the demo township: workers with tags, some serving two grids, 15–20 households a grid mostly', async () => {
    await app.call('demo/create', {});
    const tree = await app.call('grids/tree', {});
    const level4 = tree.filter((g) => g.level === 4);
    const sizes = level4.map((g) => g.households);
    const inRange = sizes.filter((n) => n >= 15 && n <= 20).length;
    expect(inRange / sizes.length).toBeGreaterThan(0.85);
    expect(sizes.some((n) => n < 15 || n > 20)).toBe(true);
    expect(tree.filter((g) => g.level === 2).every((g) => g.workers.length === 1)).toBe(true);
    expect(tree.find((g) => g.level === 1)!.workers).toHaveLength(2);
    const list = await app.call('workers/list', { limit: 500 });
    expect(list.rows.some((w) => w.grids.length === 2 && w.grids.some((g) => g.role === '网格长'))).toBe(true);
    expect(list.rows.some((w) => w.tags.length > 0)).toBe(true);
    const vacancies = await app.call('grids/vacancies', { level: 4 });
    expect(vacancies.length).toBeLessThan(level4.length * 0.1);
  });

  it('adds a different township on each run and stops when the names run out', async () => {
    const a = await app.call('demo/create', {});
    const b = await app.call('demo/create', {});
    expect(a.township.name).not.toBe(b.township.name);
    expect(b.township.code).toBe('02');
    await createDemo(app.ctx.handle.db, { townships: 14 });
    const r = await dispatch(app.ctx, 'demo/create', {});
    expect(!r.ok && r.error.message).toContain('演示乡镇已全部创建');
  });

  it('writes group numbers the way villages say them', () => {
    expect([1, 9, 10, 14, 20, 21].map(chineseNumber)).toEqual(['一', '九', '十', '十四', '二十', '二十一']);
  });
});
