/** The bulk grid's row model: type-ahead resolution, dates as clerks type them, Excel paste, per-cell errors. */
import { describe, expect, it } from 'vitest';
import {
  bulkColumns,
  isBlank,
  normalizeDate,
  parseClipboard,
  resolveGrid,
  validateRow,
  type BulkRow,
  type Lookups,
} from '../../src/renderer/src/pages/records/bulk-model';

const lookups: Lookups = {
  grids: [
    { id: 1, label: '许坪村 / 一组 / 第1网格', code: '11010101' },
    { id: 2, label: '许坪村 / 二组 / 第1网格', code: '11010201' },
    { id: 3, label: '许坪村 / 二组 / 第2网格', code: '11010202' },
  ],
  workers: [
    { id: 10, name: '李秀兰', gridIds: [1] },
    { id: 11, name: '王芳', gridIds: [2] },
    { id: 12, name: '王芳', gridIds: [3] },
  ],
  households: [
    { id: 100, headName: '赵甲', gridId: 3 },
    { id: 101, headName: '赵甲', gridId: 1 },
  ],
  topics: ['防火'],
};

const row = (values: Record<string, string>, prefilled: string[] = []): BulkRow => ({
  key: 1,
  values,
  prefilled,
  errors: {},
});

describe('bulk grid rows', () => {
  it('resolves a grid by its code, its whole label or the one label containing the text, and names ambiguity', () => {
    expect(resolveGrid('11010202', lookups).id).toBe(3);
    expect(resolveGrid('许坪村/二组/第1网格', lookups).id).toBe(2);
    expect(resolveGrid('2网格', lookups).id).toBe(3);
    expect(resolveGrid('第1网格', lookups).error).toBe('有 2 个网格与“第1网格”相符，请输入更完整的名称');
    expect(resolveGrid('三组', lookups).error).toBe('找不到网格“三组”');
  });

  it("converts a service row: a worker of two names picked by the row's grid, the household within the grid", () => {
    const columns = bulkColumns('services', lookups.topics);
    const r = validateRow(
      'services',
      columns,
      row({
        gridId: '2网格',
        date: '2026年3月5日',
        workerId: '王芳',
        householdId: '赵甲',
        kind: '代办',
        content: '代缴医保',
      }),
      lookups,
    );
    expect(r.errors).toEqual({});
    expect(r.fields).toMatchObject({ gridId: 3, date: '2026-03-05', workerId: 12, householdId: 100, kind: '代办' });
  });

  it('keeps every problem on its own cell', () => {
    const columns = bulkColumns('visits', lookups.topics);
    const r = validateRow(
      'visits',
      columns,
      row({
        gridId: '二组/第1网格',
        date: '2026-02-30',
        workerId: '张三',
        households: '十',
        'problem:安全隐患': '1',
        solved: '2',
      }),
      lookups,
    );
    expect(r.errors).toEqual({
      date: '走访日期不是有效日期',
      workerId: '找不到网格员“张三”',
      households: '走访户数应为整数',
      solved: '当场解决数与上报数之和（2）不能多于发现问题数（1）',
    });
  });

  it('reads dates, Excel clipboards and blank prefilled rows as the clerk means them', () => {
    expect(normalizeDate('2026/3/5')).toBe('2026-03-05');
    expect(normalizeDate('2026.03.15')).toBe('2026-03-15');
    expect(normalizeDate('3月5日')).toBe('3月5日');
    expect(parseClipboard('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(isBlank(row({ gridId: '第1网格', date: '2026-03-31' }, ['gridId', 'date']))).toBe(true);
    expect(isBlank(row({ gridId: '第1网格', households: '3' }, ['gridId']))).toBe(false);
  });
});
