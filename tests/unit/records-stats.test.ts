/**
 * records/stats against a plain recount: fixtures inserted through newRecordRow, every figure
 * recomputed with loops over the fixture arrays (never the service's SQL), for the county, a
 * village's subtree, a household grid and period edges; then the demo township's year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_STATUSES,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  SETTLED_LEVELS,
  type RecordFields,
  type RecordKind,
  type RecordStats,
} from '../../src/shared/records';
import { createDemo } from '../../src/main/services/demo/demo';
import { KIND_TABLES, newRecordRow } from '../../src/main/services/records/rows';
import { recordStats } from '../../src/main/services/records/stats';
import { seededRandom } from '../../src/main/services/demo/names';
import { openTestApp, type TestApp } from '../helpers/context';

const TODAY = '2026-07-15';
const TS = '2026-07-15T08:00:00.000Z';

interface Grid {
  id: number;
  parent_id: number | null;
  level: number;
  code: string;
}

/** Every record of every kind, as inserted (or read back). */
type Fixtures = { [K in Exclude<RecordKind, 'wechatGroups'>]: RecordFields<K>[] } & {
  wechatGroups: RecordFields<'wechatGroups'>[];
};

function subtree(grids: Grid[], rootId: number | null): Set<number> {
  if (rootId === null) return new Set(grids.map((g) => g.id));
  const out = new Set([rootId]);
  // Parents come before children in id order here, but loop until nothing is added to not rely on it.
  for (let added = true; added;) {
    added = false;
    for (const g of grids) {
      if (g.parent_id !== null && out.has(g.parent_id) && !out.has(g.id)) {
        out.add(g.id);
        added = true;
      }
    }
  }
  return out;
}

/** The figures, by hand. */
function recount(
  f: Fixtures,
  grids: Grid[],
  q: { from: string | null; to: string | null; gridId: number | null },
  today: string,
): RecordStats {
  const inGrid = subtree(grids, q.gridId);
  const inPeriod = (d: string) => (q.from === null || d >= q.from) && (q.to === null || d <= q.to);
  const byCategory: Record<string, number> = {};
  for (const c of DISPUTE_CATEGORIES) byCategory[c] = 0;
  const bySettledLevel = { 户级网格: 0, 村民小组: 0, 村: 0, 镇: 0, 移交: 0 };
  let found = 0;
  let inProgress = 0;
  let handled = 0;
  let success = 0;
  let overdue = 0;
  let withinGrid = 0;
  let withinVillage = 0;
  for (const d of f.disputes) {
    if (!inGrid.has(d.gridId) || !inPeriod(d.foundDate)) continue;
    found++;
    byCategory[d.category] = (byCategory[d.category] ?? 0) + 1;
    const open = d.status === '排查中' || d.status === '调处中';
    if (!open && d.settledLevel) bySettledLevel[d.settledLevel]++;
    if (open) inProgress++;
    else handled++;
    if (open && d.deadline !== null && d.deadline < today) overdue++;
    if (d.status === '调解成功') {
      success++;
      if (d.settledLevel === '户级网格') withinGrid++;
      if (d.settledLevel === '户级网格' || d.settledLevel === '村民小组' || d.settledLevel === '村') withinVillage++;
    }
  }
  const sum = <T>(list: T[], pick: (x: T) => number) => {
    let n = 0;
    for (const x of list) n += pick(x);
    return n;
  };
  const keep = <T extends { gridId: number; date: string }>(list: T[]) =>
    list.filter((x) => inGrid.has(x.gridId) && inPeriod(x.date));
  const reports = keep(f.reports);
  const publicity = keep(f.publicity);
  const visits = keep(f.visits);
  const trainings = keep(f.trainings);
  const groups = f.wechatGroups.filter((w) => inGrid.has(w.gridId));
  const withGroup = new Set(f.wechatGroups.map((w) => w.gridId));
  let gridsWithout = 0;
  for (const g of grids) if (g.level === 4 && inGrid.has(g.id) && !withGroup.has(g.id)) gridsWithout++;
  return {
    from: q.from,
    to: q.to,
    grid: q.gridId === null ? null : grids.find((g) => g.id === q.gridId)!.code,
    disputes: {
      found,
      inProgress,
      handled,
      success,
      handledRate: found === 0 ? null : Math.round((1000 * handled) / found),
      successRate: handled === 0 ? null : Math.round((1000 * success) / handled),
      overdue,
      byCategory,
      bySettledLevel,
      withinGrid,
      withinVillage,
    },
    reports: { total: reports.length, important: reports.filter((r) => r.important).length },
    publicity: {
      items: publicity.length,
      households: sum(publicity, (p) => p.households),
      people: sum(publicity, (p) => p.people),
    },
    services: keep(f.services).length,
    visits: { logs: visits.length, households: sum(visits, (v) => v.households) },
    trainings: {
      sessions: trainings.length,
      attendance: sum(trainings, (t) => (t.attendees.length > 0 ? t.attendees.length : t.attended)),
    },
    wechat: { groups: groups.length, gridsWithout },
  };
}

const DATES = ['2025-12-31', '2026-01-01', '2026-03-15', '2026-06-30', '2026-07-01', '2026-07-14', '2026-12-31'];

/** A mix that reaches every branch: every category, status and level; edges of the period; grids inside and outside. */
function makeFixtures(grids: Grid[], workerIds: number[]): Fixtures {
  const rand = seededRandom(77);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const all = grids.filter((g) => g.level >= 2);
  const f: Fixtures = {
    disputes: [],
    reports: [],
    publicity: [],
    services: [],
    visits: [],
    trainings: [],
    wechatGroups: [],
  };
  for (let i = 0; i < 400; i++) {
    const status = DISPUTE_STATUSES[i % DISPUTE_STATUSES.length]!;
    const open = status === '排查中' || status === '调处中';
    const foundDate = pick(DATES);
    // An open case may carry a level already typed in: it must not count until the case is closed.
    const settledLevel = open ? pick([null, '村']) : status === '移交处理' ? '移交' : pick(SETTLED_LEVELS);
    // Deadlines around today: before, on (not overdue), after, or none.
    const deadline = pick([null, '2026-07-14', TODAY, '2026-07-16']);
    f.disputes.push({
      ...RECORD_SCHEMAS.disputes.parse({
        gridId: pick(all).id,
        foundDate,
        category: DISPUTE_CATEGORIES[i % 13]!,
        parties: `甲${i}与乙`,
        status,
        settledLevel,
        settleDate: open ? null : '2026-12-31',
        deadline: deadline !== null && deadline < foundDate ? null : deadline,
      }),
    });
  }
  for (let i = 0; i < 150; i++) {
    const gridId = pick(all).id;
    const date = pick(DATES);
    const workerId = pick(workerIds);
    f.reports.push(
      RECORD_SCHEMAS.reports.parse({ gridId, date, type: '消防', summary: `隐患${i}`, important: rand() < 0.3 }),
    );
    f.publicity.push(
      RECORD_SCHEMAS.publicity.parse({
        gridId,
        date,
        topic: '防火',
        form: '入户',
        households: Math.floor(rand() * 90),
        people: Math.floor(rand() * 300),
      }),
    );
    f.services.push(RECORD_SCHEMAS.services.parse({ gridId, date, workerId, kind: '代办', content: `代办${i}` }));
    f.visits.push(RECORD_SCHEMAS.visits.parse({ gridId, date, workerId, households: Math.floor(rand() * 30) }));
  }
  for (let i = 0; i < 40; i++) {
    // Half ticked from the roster, half with the ledger's number only.
    const attendees = i % 2 === 0 ? workerIds.filter(() => rand() < 0.5).slice(0, 20) : [];
    f.trainings.push(
      RECORD_SCHEMAS.trainings.parse({
        gridId: pick(grids.filter((g) => g.level <= 2)).id,
        date: pick(DATES),
        content: `培训${i}`,
        attendees,
        attended: attendees.length > 0 ? 0 : Math.floor(rand() * 40),
      }),
    );
  }
  for (const g of grids) {
    if (g.level >= 3 && rand() < 0.6)
      f.wechatGroups.push(RECORD_SCHEMAS.wechatGroups.parse({ gridId: g.id, name: `群${g.code}` }));
  }
  return f;
}

async function insertFixtures(app: TestApp, f: Fixtures): Promise<void> {
  const db = app.ctx.handle.db;
  for (const kind of RECORD_KINDS) {
    for (const fields of f[kind] as RecordFields<typeof kind>[]) {
      const row = newRecordRow(kind, fields, TS);
      const { id } = (await db
        .insertInto(KIND_TABLES[kind].table as never)
        .values(row as never)
        .returning('id' as never)
        .executeTakeFirstOrThrow()) as { id: number };
      if (kind === 'trainings') {
        for (const w of (fields as RecordFields<'trainings'>).attendees) {
          await db.insertInto('training_attendees').values({ training_id: id, worker_id: w }).execute();
        }
      }
    }
  }
}

const gridsOf = (app: TestApp) =>
  app.ctx.handle.db.selectFrom('grids').select(['id', 'parent_id', 'level', 'code']).orderBy('id').execute();

describe('records/stats on fixtures', () => {
  let app: TestApp;
  let grids: Grid[];
  let f: Fixtures;

  beforeAll(async () => {
    app = await openTestApp();
    await createDemo(app.ctx.handle.db, { townships: 2, records: false, seed: 5 });
    grids = await gridsOf(app);
    const workerIds = (await app.ctx.handle.db.selectFrom('workers').select('id').execute()).map((w) => w.id);
    f = makeFixtures(grids, workerIds);
    await insertFixtures(app, f);
  }, 60_000);
  afterAll(() => app.close());

  const village = () => grids.find((g) => g.level === 2)!;
  const scopes = () => {
    const v = village();
    const group = grids.find((g) => g.level === 3 && g.parent_id === v.id)!;
    const hh = grids.find((g) => g.level === 4 && g.parent_id === group.id)!;
    const township = grids.find((g) => g.level === 1)!;
    return [null, township.id, v.id, group.id, hh.id];
  };
  const periods: [string | null, string | null][] = [
    [null, null],
    ['2026-01-01', '2026-12-31'],
    ['2026-01-01', '2026-06-30'],
    ['2026-07-01', '2026-07-01'],
    ['2026-06-30', '2026-07-01'],
    ['2025-01-01', '2025-12-31'],
    ['2027-01-01', '2027-12-31'],
  ];

  it('every figure equals the recount, for each period and each subtree', async () => {
    for (const gridId of scopes()) {
      for (const [from, to] of periods) {
        const q = { from, to, gridId };
        const got = await recordStats(app.ctx.handle.db, q, TODAY);
        expect(got, JSON.stringify(q)).toEqual(recount(f, grids, q, TODAY));
      }
    }
  });

  it('the fixtures reach what the figures distinguish', async () => {
    const s = await recordStats(app.ctx.handle.db, { from: null, to: null, gridId: null }, TODAY);
    const d = s.disputes;
    expect(d.found).toBe(400);
    expect(d.inProgress).toBeGreaterThan(0);
    expect(d.overdue).toBeGreaterThan(0);
    expect(d.overdue).toBeLessThan(d.inProgress);
    expect(d.success).toBeGreaterThan(d.withinGrid);
    expect(d.withinVillage).toBeGreaterThan(d.withinGrid);
    for (const l of SETTLED_LEVELS) expect(d.bySettledLevel[l]).toBeGreaterThan(0);
    // Categories never used are listed with 0, all in the list's order.
    expect(Object.keys(d.byCategory)).toEqual([...DISPUTE_CATEGORIES]);
    expect(d.byCategory['其他']).toBe(0);
    expect(s.trainings.attendance).toBeGreaterThan(s.trainings.sessions);
    expect(s.wechat.groups).toBeGreaterThan(0);
    expect(s.wechat.gridsWithout).toBeGreaterThan(0);
    // A village's subtree is a part of the county, and the edges of a period count on both sides.
    const v = await recordStats(app.ctx.handle.db, { from: null, to: null, gridId: village().id }, TODAY);
    expect(v.disputes.found).toBeGreaterThan(0);
    expect(v.disputes.found).toBeLessThan(d.found);
    const edge = await recordStats(app.ctx.handle.db, { from: '2026-07-01', to: '2026-07-01', gridId: null }, TODAY);
    expect(edge.disputes.found).toBe(f.disputes.filter((x) => x.foundDate === '2026-07-01').length);
    expect(edge.disputes.found).toBeGreaterThan(0);
  });

  it('an empty period has no rates (not 0 %), and WeChat groups do not depend on the period', async () => {
    const s = await recordStats(app.ctx.handle.db, { from: '2030-01-01', to: '2030-12-31', gridId: null }, TODAY);
    expect(s.disputes.found).toBe(0);
    expect(s.disputes.handledRate).toBeNull();
    expect(s.disputes.successRate).toBeNull();
    const all = await recordStats(app.ctx.handle.db, { from: null, to: null, gridId: null }, TODAY);
    expect(s.wechat).toEqual(all.wechat);
    expect(all.disputes.handledRate).toBe(Math.round((1000 * all.disputes.handled) / all.disputes.found));
  });

  it('through the dispatcher: the grid is named by its code; bad dates and unknown grids are refused in Chinese', async () => {
    const v = village();
    const s = await app.call('records/stats', { from: '2026-01-01', to: '2026-12-31', gridId: v.id });
    expect(s.grid).toBe(v.code);
    const err = async (input: { from?: string; to?: string; gridId?: number }) => {
      const { dispatch } = await import('../../src/main/ipc/dispatch');
      const r = await dispatch(app.ctx, 'records/stats', input);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await err({ from: '2026-02-30', to: '2026-12-31' })).toBe('起始日期“2026-02-30”不是有效日期');
    expect(await err({ from: '2026-01-01', to: '2026-13-01' })).toBe('截止日期“2026-13-01”不是有效日期');
    expect(await err({ from: '2026-12-01', to: '2026-01-01' })).toBe(
      '起始日期（2026-12-01）不能晚于截止日期（2026-01-01）',
    );
    expect(await err({ gridId: 999_999 })).toContain('找不到网格');
  });
});

/** Every row of every kind read back through fromRow, with trainings' ticked attendees. */
async function readBack(app: TestApp): Promise<Fixtures> {
  const db = app.ctx.handle.db;
  const out = {} as Record<RecordKind, unknown[]>;
  for (const kind of RECORD_KINDS) {
    const t = KIND_TABLES[kind];
    const rows = await db
      .selectFrom(t.table as never)
      .selectAll()
      .orderBy('id' as never)
      .execute();
    out[kind] = rows.map((r) => ({ ...t.fromRow(r as Record<string, unknown>), _id: (r as { id: number }).id }));
  }
  const ticks = await db.selectFrom('training_attendees').selectAll().execute();
  for (const tr of out.trainings as (RecordFields<'trainings'> & { _id: number })[]) {
    tr.attendees = ticks.filter((a) => a.training_id === tr._id).map((a) => a.worker_id);
  }
  return out as unknown as Fixtures;
}

describe('the demo township’s year of records', () => {
  let app: TestApp;
  let grids: Grid[];
  let f: Fixtures;
  const today = '2026-11-27';

  beforeAll(async () => {
    app = await openTestApp();
    await createDemo(app.ctx.handle.db, { townships: 1, today });
    grids = await gridsOf(app);
    f = await readBack(app);
  }, 60_000);
  afterAll(() => app.close());

  it('every demo record passes its kind’s schema and lies between 1 January and today', () => {
    for (const kind of RECORD_KINDS) {
      expect(f[kind].length, kind).toBeGreaterThan(0);
      for (const r of f[kind] as Record<string, unknown>[]) {
        const { _id, ...fields } = r;
        const parsed = RECORD_SCHEMAS[kind].safeParse(fields);
        expect(parsed.error?.issues, `${kind} ${String(_id)}`).toBeUndefined();
        const date = (r.foundDate ?? r.date) as string | undefined;
        if (date !== undefined) {
          expect(date >= '2026-01-01' && date <= today, `${kind} ${date}`).toBe(true);
        }
      }
    }
  });

  it('is plausible: a dispute per ~3 household grids, mostly settled in the village, a few open and overdue; most grids have a group', () => {
    const hh = grids.filter((g) => g.level === 4).length;
    const s = recount(f, grids, { from: null, to: null, gridId: null }, today);
    expect(s.disputes.found).toBeGreaterThan(hh / 4);
    expect(s.disputes.found).toBeLessThan(hh / 2);
    expect(s.disputes.withinVillage / s.disputes.success).toBeGreaterThan(0.8);
    expect(s.disputes.inProgress).toBeGreaterThan(0);
    expect(s.disputes.overdue).toBeGreaterThan(0);
    expect(s.disputes.overdue).toBeLessThanOrEqual(8);
    expect(s.reports.important).toBeGreaterThan(0);
    expect(s.wechat.gridsWithout).toBeGreaterThan(0);
    expect(s.wechat.gridsWithout).toBeLessThan(hh / 5);
    // One visit log a month per household-grid worker.
    const perGrid = new Map<number, number>();
    for (const v of f.visits) perGrid.set(v.gridId, (perGrid.get(v.gridId) ?? 0) + 1);
    expect(Math.max(...perGrid.values())).toBe(11);
    // Township trainings are for levels 1–3, ticked from the roster.
    expect(f.trainings.every((t) => t.attendees.length > 0)).toBe(true);
  });

  it('its statistics equal the recount, for the township, each village and this year to date', async () => {
    const ids = [null, ...grids.filter((g) => g.level <= 2).map((g) => g.id)];
    for (const gridId of ids) {
      for (const [from, to] of [
        [null, null],
        ['2026-01-01', today],
        ['2026-03-01', '2026-03-31'],
      ] as const) {
        const q = { from, to, gridId };
        expect(await recordStats(app.ctx.handle.db, q, today), JSON.stringify(q)).toEqual(recount(f, grids, q, today));
      }
    }
  });

  it('is deterministic: the same seed and day make the same records', async () => {
    const other = await openTestApp();
    try {
      await createDemo(other.ctx.handle.db, { townships: 1, today });
      const strip = (x: Fixtures) => JSON.stringify(x, (k, v: unknown) => (k === '_id' ? undefined : v));
      expect(strip(await readBack(other))).toBe(strip(f));
    } finally {
      await other.close();
    }
  }, 60_000);
});
