/**
 * Which worker a record counts for (evaluations and subsidies both rely on it): the worker it
 * names, else who held its grid on the date asked about — 网格员 before 网格长 — else nobody.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RecordKind } from '../../src/shared/records';
import { workerFor } from '../../src/main/services/records/attribution';
import { KIND_TABLES } from '../../src/main/services/records/rows';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function setup() {
  const grid = (parentId: number | null, level: number, name: string, code: string) =>
    app.call('grids/create', { parentId, level, name, code, ...(level === 2 ? { kind: '村' as const } : {}) });
  const town = await grid(null, 1, '温水镇', '11');
  const village = await grid(town.id, 2, '田家河村', '1114');
  const group = await grid(village.id, 3, '十四组', '111401');
  const g1 = await grid(group.id, 4, '第1网格', '11140101');
  const g2 = await grid(group.id, 4, '第2网格', '11140102');
  const worker = (name: string, seq: number) =>
    app.call('workers/create', { name, gender: '男', idNumber: makeId('1970-03-01', seq, '男'), phone: '13912345678' });
  const before = await worker('郭书科', 11);
  const after = await worker('李民宝', 13);
  const named = await worker('王二', 15);
  const leader = await worker('赵组长', 17);
  await app.call('assignments/create', { workerId: before.id, gridId: g1.id, startDate: '2026-01-01' });
  await app.call('assignments/create', {
    workerId: after.id,
    gridId: g1.id,
    startDate: '2026-03-01',
    replace: { holderId: before.id, holderAfter: '待安排' },
  });
  await app.call('assignments/create', {
    workerId: leader.id,
    gridId: group.id,
    role: '网格长',
    startDate: '2026-01-01',
  });
  return { village, group, g1, g2, before, after, named, leader };
}

/** The worker each row of `kind` counts for, by id, judged on `column`. */
async function attributed(kind: RecordKind, column?: string): Promise<Map<number, number | null>> {
  const rows = await app.ctx.handle.db
    .selectFrom(`${KIND_TABLES[kind].table} as r` as 'disputes as r')
    .select((eb) => [eb.ref('r.id').as('id'), sql<number | null>`${workerFor(kind, column)}`.as('worker')])
    .execute();
  return new Map(rows.map((r) => [r.id, r.worker]));
}

const dispute = (gridId: number, workerId: number | null, foundDate: string, settleDate: string | null) => ({
  kind: 'disputes' as const,
  fields: {
    gridId,
    workerId,
    foundDate,
    category: '邻里' as const,
    parties: '张三、李四',
    ...(settleDate ? { status: '调解成功' as const, settleDate, settledLevel: '户级网格' as const } : {}),
  },
});

describe('workerFor', () => {
  it('pays the worker a record names, else whoever held its grid on the date asked about', async () => {
    const t = await setup();
    const create = (d: ReturnType<typeof dispute>) => app.call('records/create', d as never);
    const heldBefore = await create(dispute(t.g1.id, null, '2026-02-01', '2026-02-10'));
    const settledAfterHandover = await create(dispute(t.g1.id, null, '2026-02-20', '2026-03-05'));
    const namesWorker = await create(dispute(t.g1.id, t.named.id, '2026-02-01', '2026-03-05'));
    const nobodyHeld = await create(dispute(t.g2.id, null, '2026-02-01', null));
    const groupGrid = await create(dispute(t.group.id, null, '2026-02-01', null));

    const bySettle = await attributed('disputes', 'settle_date');
    expect(bySettle.get(heldBefore.id)).toBe(t.before.id);
    // Found while the first worker held the grid, settled after the handover: the settler is paid.
    expect(bySettle.get(settledAfterHandover.id)).toBe(t.after.id);
    expect(bySettle.get(namesWorker.id)).toBe(t.named.id);

    const byFound = await attributed('disputes');
    expect(byFound.get(settledAfterHandover.id)).toBe(t.before.id);
    expect(byFound.get(nobodyHeld.id)).toBeNull();
    // A group-level grid has only its 网格长.
    expect(byFound.get(groupGrid.id)).toBe(t.leader.id);
  });

  it('credits publicity, which names nobody, to the grid holder of its date', async () => {
    const t = await setup();
    const p = await app.call('records/create', {
      kind: 'publicity',
      fields: { gridId: t.g1.id, date: '2026-03-10', topic: '防范电信诈骗', form: '入户' },
    } as never);
    expect((await attributed('publicity')).get(p.id)).toBe(t.after.id);
  });
});
