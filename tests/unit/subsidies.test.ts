/**
 * 补贴 recomputed by hand: the test keeps what it inserted (grids, who held them when, cases,
 * reports, posts, shares) in plain arrays and works out every payout with plain loops, never the
 * service's SQL; then compares line by line, with the evidence behind each amount.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Computation, Mechanism } from '../../src/shared/subsidies';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';
import { maskId } from '../../src/shared/idcard';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const FROM = '2026-01-01';
const TO = '2026-06-30';

interface Held {
  worker: number;
  grid: number;
  start: string;
  /** Exclusive: the successor's first day. */
  end: string | null;
}

/** A township with two villages; who held which grid when, as the test knows it. */
async function township() {
  const grid = (parentId: number | null, level: number, name: string, code: string) =>
    app.call('grids/create', { parentId, level, name, code, ...(level === 2 ? { kind: '村' as const } : {}) });
  const town = await grid(null, 1, '温水镇', '11');
  const a = await grid(town.id, 2, '许坪村', '1101');
  const a1 = await grid(a.id, 3, '一组', '110101');
  const g1 = await grid(a1.id, 4, '第1网格', '11010101');
  const g2 = await grid(a1.id, 4, '第2网格', '11010102');
  const b = await grid(town.id, 2, '田家河村', '1102');
  const b1 = await grid(b.id, 3, '一组', '110201');
  const g3 = await grid(b1.id, 4, '第1网格', '11020101');
  const g4 = await grid(b1.id, 4, '第2网格', '11020102');
  const empty = await grid(b1.id, 4, '第3网格', '11020103');
  const worker = (name: string, seq: number) =>
    app.call('workers/create', { name, gender: '男', idNumber: makeId('1970-03-01', seq, '男'), phone: '13912345678' });
  const w = {
    ma: await worker('马建国', 11),
    niu: await worker('牛志强', 13),
    yang: await worker('杨光明', 15),
    zhou: await worker('周长青', 17),
    wu: await worker('吴海涛', 19),
    zheng: await worker('郑永福', 21),
  };
  const held: Held[] = [];
  const assign = async (worker: number, gridId: number, start: string, role?: '网格长') => {
    await app.call('assignments/create', { workerId: worker, gridId, startDate: start, ...(role ? { role } : {}) });
    held.push({ worker, grid: gridId, start, end: null });
  };
  await assign(w.ma.id, g1.id, '2025-01-01');
  await assign(w.niu.id, g2.id, '2025-01-01');
  // 杨光明 takes 第2网格 over on 1 April: cases settled from then on are his.
  await app.call('assignments/create', {
    workerId: w.yang.id,
    gridId: g2.id,
    startDate: '2026-04-01',
    replace: { holderId: w.niu.id, holderAfter: '待安排' },
  });
  held.find((h) => h.worker === w.niu.id)!.end = '2026-04-01';
  held.push({ worker: w.yang.id, grid: g2.id, start: '2026-04-01', end: null });
  await assign(w.wu.id, a1.id, '2025-01-01', '网格长');
  await assign(w.zhou.id, g3.id, '2025-01-01');
  await assign(w.zheng.id, g4.id, '2025-01-01');
  const villageOf = new Map([
    [a1.id, a.id],
    [g1.id, a.id],
    [g2.id, a.id],
    [b1.id, b.id],
    [g3.id, b.id],
    [g4.id, b.id],
    [empty.id, b.id],
  ]);
  return { a, a1, b, b1, g1, g2, g3, g4, empty, w, held, villageOf };
}
type Town = Awaited<ReturnType<typeof township>>;

/** Who the test expects a record to pay: the worker it names, else the 网格员 holding its grid that day. */
function payee(t: Town, gridId: number, named: number | null, date: string): number | null {
  if (named !== null) return named;
  let found: number | null = null;
  for (const h of t.held)
    if (h.grid === gridId && h.start <= date && (h.end === null || h.end > date)) found = h.worker;
  return found;
}

interface Case {
  id: number;
  grid: number;
  worker: number | null;
  settle: string | null;
  status: '调解成功' | '调解不成' | '调处中';
  difficulty: '简单' | '一般' | '重大' | null;
}

async function addCase(c: Omit<Case, 'id'>): Promise<Case> {
  const fields = {
    gridId: c.grid,
    workerId: c.worker,
    // Found before the settle date (and before 杨光明's handover): the settle date decides who is paid.
    foundDate: c.settle === null || c.settle > '2026-01-15' ? '2026-01-15' : c.settle,
    category: '邻里' as const,
    parties: `当事人${c.grid}-${c.settle}`,
    status: c.status,
    difficulty: c.difficulty,
    ...(c.status === '调处中' ? {} : { settleDate: c.settle, settledLevel: '户级网格' as const }),
  };
  const r = await app.call('records/create', { kind: 'disputes', fields } as never);
  return { ...c, id: r.id };
}

interface Report {
  id: number;
  grid: number;
  worker: number | null;
  date: string;
  important: boolean;
}

async function addReport(r: Omit<Report, 'id'>): Promise<Report> {
  const fields = {
    gridId: r.grid,
    workerId: r.worker,
    date: r.date,
    type: '消防',
    summary: `隐患${r.date}`,
    important: r.important,
  };
  const out = await app.call('records/create', { kind: 'reports', fields } as never);
  return { ...r, id: out.id };
}

type Expected = Map<string, { count: number; fen: number; evidence: (number | string | null)[] }>;
const key = (worker: number, m: Mechanism) => `${worker}|${m}`;
function expect1(e: Expected, worker: number, m: Mechanism, fen: number, evidence: number | string | null): void {
  const v = e.get(key(worker, m)) ?? { count: 0, fen: 0, evidence: [] };
  v.count += 1;
  v.fen += fen;
  v.evidence.push(evidence);
  e.set(key(worker, m), v);
}

function actual(c: Computation): Expected {
  return new Map(
    c.lines.map((l) => [
      key(l.workerId, l.mechanism),
      {
        count: l.count,
        fen: l.computedFen,
        evidence: l.evidence.filter((e) => e.kind !== 'coefficient').map((e) => (e.kind === 'month' ? e.date : e.id)),
      },
    ]),
  );
}

const compute = (gridId: number | null = null) => app.call('subsidies/compute', { from: FROM, to: TO, gridId });

describe('subsidies computed from the records', () => {
  it('以案定补 and 信息奖励: a rule change mid-period, the handover, the tiers and the unattributed, recomputed by hand', async () => {
    const t = await township();
    const { w } = t;
    await app.call('subsidies/rules/save', {
      mechanism: 'case',
      validFrom: '2026-04-01',
      config: { rates: { 简单: 15_000, 一般: 25_000, 重大: 40_000 } },
    });
    await app.call('subsidies/rules/save', { mechanism: 'info', validFrom: '2026-05-01', config: { rateFen: 8_000 } });
    const cases: Case[] = [];
    const add = async (c: Omit<Case, 'id'>) => cases.push(await addCase(c));
    await add({ grid: t.g1.id, worker: null, settle: '2026-03-31', status: '调解成功', difficulty: null });
    await add({ grid: t.g1.id, worker: null, settle: '2026-04-01', status: '调解成功', difficulty: '一般' });
    await add({ grid: t.g1.id, worker: null, settle: '2026-06-30', status: '调解成功', difficulty: '重大' });
    await add({ grid: t.g2.id, worker: null, settle: '2026-03-20', status: '调解成功', difficulty: '简单' });
    await add({ grid: t.g2.id, worker: null, settle: '2026-04-02', status: '调解成功', difficulty: '简单' });
    await add({ grid: t.g2.id, worker: w.zhou.id, settle: '2026-02-02', status: '调解成功', difficulty: '重大' });
    await add({ grid: t.g3.id, worker: null, settle: '2026-05-05', status: '调解不成', difficulty: '一般' });
    await add({ grid: t.g3.id, worker: null, settle: null, status: '调处中', difficulty: '一般' });
    await add({ grid: t.g3.id, worker: null, settle: '2025-12-31', status: '调解成功', difficulty: '一般' });
    await add({ grid: t.g3.id, worker: null, settle: '2026-07-01', status: '调解成功', difficulty: '一般' });
    await add({ grid: t.empty.id, worker: null, settle: '2026-03-03', status: '调解成功', difficulty: '一般' });
    const reports: Report[] = [];
    const rep = async (r: Omit<Report, 'id'>) => reports.push(await addReport(r));
    await rep({ grid: t.g1.id, worker: null, date: '2026-04-30', important: true });
    await rep({ grid: t.g1.id, worker: null, date: '2026-05-01', important: true });
    await rep({ grid: t.g1.id, worker: null, date: '2026-05-02', important: false });
    await rep({ grid: t.g4.id, worker: w.zheng.id, date: '2026-01-01', important: true });
    await rep({ grid: t.g2.id, worker: null, date: '2026-03-31', important: true });
    await rep({ grid: t.g2.id, worker: null, date: '2026-04-01', important: true });
    await rep({ grid: t.empty.id, worker: null, date: '2026-02-01', important: true });
    await rep({ grid: t.g3.id, worker: null, date: '2026-07-01', important: true });

    // By hand: the rates in force on each date, the tiers, who held the grid on the settle date.
    const caseRate = (date: string, tier: string) => {
      const before = { 简单: 10_000, 一般: 20_000, 重大: 30_000 } as Record<string, number>;
      const after = { 简单: 15_000, 一般: 25_000, 重大: 40_000 } as Record<string, number>;
      return (date >= '2026-04-01' ? after : before)[tier]!;
    };
    const expected: Expected = new Map();
    const unattributed: number[] = [];
    for (const c of cases) {
      if (c.status !== '调解成功' || c.settle === null || c.settle < FROM || c.settle > TO) continue;
      const who = payee(t, c.grid, c.worker, c.settle);
      if (who === null) unattributed.push(c.id);
      else expect1(expected, who, 'case', caseRate(c.settle, c.difficulty ?? '简单'), c.id);
    }
    for (const r of reports) {
      if (!r.important || r.date < FROM || r.date > TO) continue;
      const who = payee(t, r.grid, r.worker, r.date);
      if (who === null) unattributed.push(r.id);
      else expect1(expected, who, 'info', r.date >= '2026-05-01' ? 8_000 : 5_000, r.id);
    }

    const c = await compute();
    expect(actual(c)).toEqual(expected);
    expect(c.unattributed.map((u) => u.id).sort()).toEqual(unattributed.sort());
    expect(c.unattributed.map((u) => u.kind).sort()).toEqual(['dispute', 'report']);
    // The handover: 牛志强 is paid the March case at the old rate, 杨光明 the April one at the new.
    expect(c.lines.find((l) => l.workerId === w.niu.id && l.mechanism === 'case')?.computedFen).toBe(10_000);
    expect(c.lines.find((l) => l.workerId === w.yang.id && l.mechanism === 'case')?.computedFen).toBe(15_000);
    // Totals are the sum of the lines, per mechanism and overall.
    let total = 0;
    for (const v of expected.values()) total += v.fen;
    expect(c.totalFen).toBe(total);
    expect(c.byMechanism.case + c.byMechanism.info).toBe(total);
    // Grids: the level-3/4 grids the worker held in the period.
    expect(c.lines.find((l) => l.workerId === w.ma.id)?.grids).toEqual(['11010101']);
    expect(c.lines.find((l) => l.workerId === w.ma.id)?.village).toBe('许坪村');

    // --grid: only the records of that grid and below.
    const onlyB = await compute(t.b.id);
    expect(onlyB.lines.every((l) => l.workerId === w.zheng.id)).toBe(true);
    expect(onlyB.lines.map((l) => l.mechanism)).toEqual(['info']);
  });

  it('公益岗位: a month counts when the post is held on at least 15 of its days, at the rate on its first day', async () => {
    const t = await township();
    const { w } = t;
    await app.call('subsidies/rules/save', {
      mechanism: 'welfare',
      validFrom: '2026-01-01',
      config: { monthlyFen: 30_000 },
    });
    await app.call('subsidies/rules/save', {
      mechanism: 'welfare',
      validFrom: '2026-03-02',
      config: { monthlyFen: 45_000 },
    });
    await app.call('subsidies/rules/save', {
      mechanism: 'welfare',
      validFrom: '2026-04-01',
      config: { monthlyFen: 50_000 },
    });
    const posts = [
      // Jan 17–31 is 15 days (counts); Mar 1–15 is 15 days (counts).
      { workerId: w.ma.id, post: '护林员', startDate: '2026-01-17', endDate: '2026-03-15' },
      // Jan 18–31 is 14 days (not); Apr 1–14 is 14 days (not).
      { workerId: w.zhou.id, post: '保洁员', startDate: '2026-01-18', endDate: '2026-04-14' },
      // Still held: every month from June (June 16–30 = 15 days).
      { workerId: w.zheng.id, post: '护路员', startDate: '2026-06-16', endDate: null },
      { workerId: w.niu.id, post: '护林员', startDate: '2025-03-01', endDate: '2025-12-31' },
    ];
    for (const p of posts) await app.call('subsidies/posts/save', p);

    const expected: Expected = new Map();
    const months = ['01', '02', '03', '04', '05', '06'];
    for (const p of posts) {
      for (const m of months) {
        const first = `2026-${m}-01`;
        const days = new Date(Date.UTC(2026, Number(m), 0)).getUTCDate();
        let held = 0;
        for (let d = 1; d <= days; d++) {
          const date = `2026-${m}-${String(d).padStart(2, '0')}`;
          if (date >= p.startDate && (p.endDate === null || date <= p.endDate)) held += 1;
        }
        if (held < 15) continue;
        // The rate set on 2 March does not apply to March: the month's first day decides.
        const rate = first >= '2026-04-01' ? 50_000 : first >= '2026-03-02' ? 45_000 : 30_000;
        expect1(expected, p.workerId, 'welfare', rate, `2026-${m}`);
      }
    }
    const c = await compute();
    expect(actual(c)).toEqual(expected);
    expect(c.lines.find((l) => l.workerId === w.ma.id)?.count).toBe(3);
    expect(c.lines.find((l) => l.workerId === w.zhou.id)?.evidence.map((e) => e.date)).toEqual(['2026-02', '2026-03']);
    // A period from mid-January: January belongs to the period holding its first day, not this one.
    const fromMid = await app.call('subsidies/compute', { from: '2026-01-15', to: '2026-03-31', gridId: null });
    expect(fromMid.lines.find((l) => l.workerId === w.ma.id)?.evidence.map((e) => e.date)).toEqual([
      '2026-02',
      '2026-03',
    ]);
  });

  it('集体收入切块: equal with the 分 remainder, by evaluation score, by hand; a share counts in the period of its end date', async () => {
    const t = await township();
    const { w } = t;
    const share = (
      villageId: number,
      amountFen: number,
      split: 'equal' | 'score' | 'manual',
      start: string,
      end: string,
      manual = {},
    ) => app.call('subsidies/shares/save', { villageId, periodStart: start, periodEnd: end, amountFen, split, manual });
    const equal = await share(t.a.id, 100_001, 'equal', '2026-01-01', '2026-06-30');
    const byScore = await share(t.b.id, 100_000, 'score', '2026-01-01', '2026-06-30');
    const manual = await share(t.a.id, 30_000, 'manual', '2025-07-01', '2026-03-31', {
      [w.ma.id]: 20_000,
      [w.wu.id]: 10_000,
    });
    // Ends after the period: next period's.
    await share(t.a.id, 50_000, 'equal', '2026-06-01', '2026-07-31');
    await approvedSheet(t.b.id, '2026-01-01', '2026-06-30', [
      { worker: w.zhou.id, x10: 900, grade: '合格' },
      { worker: w.zheng.id, x10: 850, grade: '合格' },
    ]);

    // By hand. Village A during the half-year: 马建国, 牛志强 (to 31 March), 杨光明 (from 1 April),
    // 吴海涛 (网格长 of 一组): 100,001 分 ÷ 4 = 25,000 r 1 — the one 分 to the lowest id.
    const aWorkers = [w.ma.id, w.niu.id, w.yang.id, w.wu.id].sort((x, y) => x - y);
    const expected: Expected = new Map();
    // Shares in the order of their end dates: the manual one (31 March) first.
    expect1(expected, w.ma.id, 'collective', 20_000, manual.id);
    expect1(expected, w.wu.id, 'collective', 10_000, manual.id);
    aWorkers.forEach((id, i) => expect1(expected, id, 'collective', 25_000 + (i === 0 ? 1 : 0), equal.id));
    // 100,000 × 900/1750 = 51,428.57 and × 850/1750 = 48,571.43: the left-over 分 to the larger remainder.
    expect1(expected, w.zhou.id, 'collective', 51_429, byScore.id);
    expect1(expected, w.zheng.id, 'collective', 48_571, byScore.id);

    const c = await compute();
    expect(actual(c)).toEqual(expected);
    expect(c.byMechanism.collective).toBe(100_001 + 100_000 + 30_000);
    // Grids are the level-3/4 grids held: the 网格长 of 一组 answers for 一组.
    expect(c.lines.find((l) => l.workerId === w.wu.id)?.grids).toEqual(['110101']);
    expect(c.lines.find((l) => l.workerId === w.ma.id)?.grids).toEqual(['11010101']);
  });

  it('集体收入切块 refuses what it cannot split: no approved score, a manual split not adding up', async () => {
    const t = await township();
    await app.call('subsidies/shares/save', {
      villageId: t.b.id,
      periodStart: FROM,
      periodEnd: TO,
      amountFen: 100_000,
      split: 'score',
    });
    const r = await app.ctx.handle.db.selectFrom('collective_shares').select('id').executeTakeFirstOrThrow();
    const refused = await dispatchError('subsidies/compute', { from: FROM, to: TO });
    expect(refused).toContain('田家河村');
    expect(refused).toContain('考核得分');
    await app.ctx.handle.db.deleteFrom('collective_shares').where('id', '=', r.id).execute();

    const bad = await dispatchError('subsidies/shares/save', {
      villageId: t.a.id,
      periodStart: FROM,
      periodEnd: TO,
      amountFen: 30_000,
      split: 'manual',
      manual: { [t.w.ma.id]: 20_000 },
    });
    expect(bad).toContain('手工分配合计 200.00 元，与切块金额 300.00 元不符');
    expect(await app.ctx.handle.db.selectFrom('collective_shares').select('id').execute()).toEqual([]);
  });

  it("考核系数: each worker's latest approved grade scales every amount, rounded half up; no grade pays 100 %", async () => {
    const t = await township();
    const { w } = t;
    await app.call('subsidies/rules/save', { mechanism: 'info', validFrom: '2026-01-01', config: { rateFen: 1_001 } });
    await app.call('subsidies/rules/save', {
      mechanism: 'coefficient',
      validFrom: '2026-01-01',
      config: { enabled: true, percent: { 优秀: 120, 合格: 80, 基本合格: 50, 不合格: 0 } },
    });
    for (const worker of [w.ma.id, w.niu.id, w.zhou.id, w.zheng.id]) {
      await addReport({ grid: t.g1.id, worker, date: '2026-02-01', important: true });
    }
    await addReport({ grid: t.g1.id, worker: w.ma.id, date: '2026-02-02', important: true });
    // An earlier sheet says 不合格 for 马建国; the latest (second quarter) says 合格.
    await approvedSheet(t.a.id, '2026-01-01', '2026-03-31', [{ worker: w.ma.id, x10: 600, grade: '不合格' }]);
    const q2 = await approvedSheet(t.a.id, '2026-04-01', '2026-06-30', [
      { worker: w.ma.id, x10: 850, grade: '合格' },
      { worker: w.niu.id, x10: 650, grade: '不合格' },
    ]);
    await approvedSheet(t.b.id, '2026-01-01', '2026-06-30', [{ worker: w.zhou.id, x10: 960, grade: '优秀' }]);

    const c = await compute();
    const fen = (id: number) => c.lines.find((l) => l.workerId === id)!.computedFen;
    // 2 × 10.01 元 = 2,002 分 × 80 % = 1,601.6 → 1,602 (half up).
    expect(fen(w.ma.id)).toBe(Math.floor((2_002 * 80 + 50) / 100));
    expect(fen(w.ma.id)).toBe(1_602);
    expect(fen(w.niu.id)).toBe(0);
    // 1,001 × 120 % = 1,201.2 → 1,201.
    expect(fen(w.zhou.id)).toBe(1_201);
    // No grade: 100 %, and no coefficient evidence.
    expect(fen(w.zheng.id)).toBe(1_001);
    expect(c.lines.find((l) => l.workerId === w.zheng.id)!.evidence.some((e) => e.kind === 'coefficient')).toBe(false);
    const coef = c.lines.find((l) => l.workerId === w.ma.id)!.evidence.find((e) => e.kind === 'coefficient')!;
    expect(coef).toMatchObject({ id: q2, fen: 1_602 - 2_002 });
    expect(coef.label).toContain('合格 80%');
    // The evidence adds up to the amount.
    for (const l of c.lines) expect(l.evidence.reduce((a, e) => a + e.fen, 0)).toBe(l.computedFen);
  });
});

/** The 操作日志 summaries written by a handler, oldest first. */
async function auditOf(handler: string): Promise<string[]> {
  const rows = await app.ctx.handle.db
    .selectFrom('audit_log')
    .select('summary')
    .where('handler', '=', handler)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.summary);
}

describe('rules, shares and posts', () => {
  it('lists the defaults until a rule is set; a rule of the same date replaces it; deleting brings the default back', async () => {
    const defaults = await app.call('subsidies/rules/list', {});
    expect(defaults.map((r) => [r.id, r.mechanism, r.validFrom])).toEqual([
      [null, 'case', null],
      [null, 'info', null],
      [null, 'welfare', null],
      [null, 'coefficient', null],
    ]);
    expect(defaults[0]!.config).toEqual({ rates: { 简单: 10_000, 一般: 20_000, 重大: 30_000 } });
    const first = await app.call('subsidies/rules/save', {
      mechanism: 'info',
      validFrom: '2026-03-01',
      config: { rateFen: 6_000 },
    });
    const again = await app.call('subsidies/rules/save', {
      mechanism: 'info',
      validFrom: '2026-03-01',
      config: { rateFen: 7_000 },
    });
    expect(again.id).toBe(first.id);
    expect((await auditOf('subsidies/rules/save')).at(-1)).toBe('信息奖励自 2026-03-01 起：60.00 元/条 → 70.00 元/条');
    const info = (await app.call('subsidies/rules/list', {})).filter((r) => r.mechanism === 'info');
    expect(info.map((r) => [r.validFrom, r.config])).toEqual([['2026-03-01', { rateFen: 7_000 }]]);
    expect(
      await dispatchError('subsidies/rules/save', {
        mechanism: 'info',
        validFrom: '2026-03-01',
        config: { rateFen: -1 },
      }),
    ).toContain('重要信息奖励单价不能为负');
    await app.call('subsidies/rules/delete', { id: first.id! });
    expect((await app.call('subsidies/rules/list', {})).find((r) => r.mechanism === 'info')?.id).toBeNull();
  });

  it('refuses a share of something that is not a village and a post that ends before it starts, changing nothing', async () => {
    const t = await township();
    expect(
      await dispatchError('subsidies/shares/save', {
        villageId: t.a1.id,
        periodStart: FROM,
        periodEnd: TO,
        amountFen: 1,
        split: 'equal',
      }),
    ).toContain('请选择一个村（社区）');
    expect(
      await dispatchError('subsidies/shares/save', {
        villageId: t.a.id,
        periodStart: TO,
        periodEnd: FROM,
        amountFen: 1,
        split: 'equal',
      }),
    ).toContain('截止日期不能早于起始日期');
    expect(
      await dispatchError('subsidies/posts/save', {
        workerId: t.w.ma.id,
        post: '护林员',
        startDate: TO,
        endDate: FROM,
      }),
    ).toContain('离岗日期不能早于上岗日期');
    expect(await app.call('subsidies/shares/list', { year: null })).toEqual([]);
    expect(await app.call('subsidies/posts/list', { workerId: null })).toEqual([]);
    const share = await app.call('subsidies/shares/save', {
      villageId: t.a.id,
      periodStart: FROM,
      periodEnd: TO,
      amountFen: 600_000,
      split: 'equal',
    });
    expect((await app.call('subsidies/shares/list', { year: 2026 })).map((x) => [x.villageName, x.amountFen])).toEqual([
      ['许坪村', 600_000],
    ]);
    expect(await app.call('subsidies/shares/list', { year: 2025 })).toEqual([]);
    expect((await auditOf('subsidies/shares/save')).at(-1)).toBe(
      '许坪村 2026-01-01 至 2026-06-30：6,000.00 元，平均分配',
    );
    await app.call('subsidies/shares/delete', { id: share.id });
    expect(await app.call('subsidies/shares/list', { year: null })).toEqual([]);
  });
});

describe('payout batches', () => {
  it('create, adjust with a reason, recompute keeping the adjustment, approve (locked), paid, totals', async () => {
    const t = await township();
    const { w } = t;
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-02-01', status: '调解成功', difficulty: '一般' });
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-03-01', status: '调解成功', difficulty: null });
    await addCase({ grid: t.g2.id, worker: null, settle: '2026-03-01', status: '调解成功', difficulty: '重大' });
    await addReport({ grid: t.g3.id, worker: null, date: '2026-05-01', important: true });

    const b = await app.call('subsidies/batches/create', { from: FROM, to: TO, title: '2026年上半年' });
    const now = await compute();
    expect(b.status).toBe('草稿');
    expect(b.lines.map((l) => [l.workerId, l.mechanism, l.count, l.computedFen])).toEqual(
      now.lines.map((l) => [l.workerId, l.mechanism, l.count, l.computedFen]),
    );
    // 马建国: 200 + 100 元; 牛志强: 300 元; 周长青: 50 元.
    expect(b.totalFen).toBe(30_000 + 30_000 + 5_000);
    expect(b.workers).toBe(3);

    const ma = b.lines.find((l) => l.workerId === w.ma.id)!;
    const adjusted = await app.call('subsidies/lines/adjust', {
      lineId: ma.id!,
      adjustFen: -5_000,
      reason: '一件重复登记',
    });
    expect(adjusted.amountFen).toBe(25_000);
    expect((await auditOf('subsidies/lines/adjust')).at(-1)).toBe(
      '“2026年上半年”（2026-01-01 至 2026-06-30）马建国 以案定补：300.00 → 250.00 元，理由：一件重复登记',
    );
    // Never below zero: refused, nothing changed.
    const negative = await dispatchError('subsidies/lines/adjust', {
      lineId: ma.id!,
      adjustFen: -30_001,
      reason: '扣减',
    });
    expect(negative).toContain('不能小于 0');
    expect(await dispatchError('subsidies/lines/adjust', { lineId: ma.id!, adjustFen: 100, reason: ' ' })).toContain(
      '请填写调整理由',
    );
    expect((await app.call('subsidies/batches/get', { id: b.id })).totalFen).toBe(60_000);

    // A case settled late: recompute pays it and keeps 马建国's adjustment.
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-06-01', status: '调解成功', difficulty: '重大' });
    const again = await app.call('subsidies/batches/recompute', { id: b.id });
    const ma2 = again.lines.find((l) => l.workerId === w.ma.id)!;
    expect([ma2.count, ma2.computedFen, ma2.adjustFen, ma2.adjustReason, ma2.amountFen]).toEqual([
      3,
      60_000,
      -5_000,
      '一件重复登记',
      55_000,
    ]);
    expect((await auditOf('subsidies/batches/recompute')).at(-1)).toBe(
      '“2026年上半年”（2026-01-01 至 2026-06-30）重新计算：合计 600.00 → 900.00 元；马建国 以案定补 250.00 → 550.00 元',
    );

    expect(await dispatchError('subsidies/batches/paid', { id: b.id, paidAt: '2026-07-10' })).toContain('尚未审定');
    const approved = await app.call('subsidies/batches/approve', { id: b.id, approvedBy: '王镇长' });
    expect([approved.status, approved.approvedBy]).toEqual(['已审定', '王镇长']);
    expect(approved.approvedAt).not.toBeNull();
    // Locked: no adjustment, recompute or deletion.
    expect(await dispatchError('subsidies/lines/adjust', { lineId: ma2.id!, adjustFen: 0, reason: '改' })).toContain(
      '已审定',
    );
    expect(await dispatchError('subsidies/batches/recompute', { id: b.id })).toContain('不能重新计算');
    expect(await dispatchError('subsidies/batches/delete', { id: b.id })).toContain('不能删除');
    const paid = await app.call('subsidies/batches/paid', { id: b.id, paidAt: '2026-07-10' });
    expect([paid.status, paid.paidAt]).toEqual(['已发放', '2026-07-10']);
    expect(paid.byVillage.map((v) => [v.village, v.totalFen])).toEqual([
      ['许坪村', 85_000],
      ['田家河村', 5_000],
    ]);
    expect(paid.byMechanism).toEqual({ case: 85_000, info: 5_000, collective: 0, welfare: 0 });

    // A draft of the same period does not count in the year's totals; the paid batch does.
    const draft = await app.call('subsidies/batches/create', { from: FROM, to: TO, title: '草稿' });
    const totals = await app.call('subsidies/totals', { year: 2026 });
    expect(totals.totalFen).toBe(90_000);
    const byWorker = new Map<number, number>();
    for (const l of paid.lines) byWorker.set(l.workerId, (byWorker.get(l.workerId) ?? 0) + l.amountFen);
    expect(new Map(totals.byWorker.map((x) => [x.workerId, x.totalFen]))).toEqual(byWorker);
    expect(totals.byVillage).toEqual([
      { villageId: t.a.id, village: '许坪村', totalFen: 85_000 },
      { villageId: t.b.id, village: '田家河村', totalFen: 5_000 },
    ]);
    expect(totals.byMechanism).toEqual({ case: 85_000, info: 5_000, collective: 0, welfare: 0 });
    await app.call('subsidies/batches/delete', { id: draft.id });
    expect((await app.call('subsidies/batches/list', {})).map((x) => x.id)).toEqual([b.id]);
  });
});

async function readSheet(file: string) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
  return { ws, rows };
}

describe('补贴发放表', () => {
  it('one row per worker, masked ID and account, a column per mechanism, a 合计 row equal to the sum in 分', async () => {
    const t = await township();
    const { w } = t;
    const settings = await app.call('settings/get', {});
    await app.call('settings/update', { ...settings, unitName: '温水镇', clerkName: '李文书' });
    await app.ctx.handle.db
      .updateTable('workers')
      .set({ bank_account: '6228480012345678' })
      .where('id', '=', w.ma.id)
      .execute();
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-02-01', status: '调解成功', difficulty: '一般' });
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-02-02', status: '调解成功', difficulty: '简单' });
    await addReport({ grid: t.g1.id, worker: null, date: '2026-02-03', important: true });
    await addReport({ grid: t.g3.id, worker: null, date: '2026-02-03', important: true });
    await app.call('subsidies/shares/save', {
      villageId: t.b.id,
      periodStart: FROM,
      periodEnd: TO,
      amountFen: 100_001,
      split: 'equal',
    });
    const c = await compute();

    const out = `${app.dir}/补贴发放表.xlsx`;
    const r = await app.call('subsidies/exportPeriod', { from: FROM, to: TO, out });
    const { ws, rows } = await readSheet(out);
    expect(rows[0]![0]).toBe('温水镇2026年上半年网格员补贴发放表');
    expect(String(rows[1]![0])).toBe('填报单位（盖章）：温水镇');
    expect(rows[2]).toEqual([
      '序号',
      '村（社区）',
      '姓名',
      '身份证号',
      '银行账号',
      '以案定补（件）',
      '以案定补（元）',
      '信息奖励（元）',
      '集体收入切块（元）',
      '公益岗位（元）',
      '合计（元）',
      '签字',
    ]);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');

    // By hand, per worker, from the computation's lines.
    const people = new Map<string, { fen: number[]; cases: number }>();
    for (const l of c.lines) {
      const p = people.get(l.worker) ?? { fen: [0, 0, 0, 0], cases: 0 };
      p.fen[['case', 'info', 'collective', 'welfare'].indexOf(l.mechanism)]! += l.amountFen;
      if (l.mechanism === 'case') p.cases += l.count;
      people.set(l.worker, p);
    }
    const body = rows.slice(3, 3 + r.rows);
    expect(r.rows).toBe(people.size);
    const fen = (v: unknown) => Math.round(Number(v) * 100);
    for (const row of body) {
      const p = people.get(String(row[2]))!;
      expect([row[5], ...row.slice(6, 10).map(fen)]).toEqual([p.cases, ...p.fen]);
      expect(fen(row[10])).toBe(p.fen.reduce((a, b) => a + b, 0));
    }
    const maRow = body.find((row) => row[2] === '马建国')!;
    expect(maRow[3]).toBe(maskId(makeId('1970-03-01', 11, '男')));
    expect(maRow[3]).not.toContain('19700301');
    expect(maRow[4]).toBe('************5678');
    const total = rows[3 + r.rows]!;
    expect(total[0]).toBe('合计');
    for (let i = 0; i < 4; i++) {
      let sum = 0;
      for (const row of body) sum += fen(row[6 + i]);
      expect(fen(total[6 + i])).toBe(sum);
    }
    expect(fen(total[10])).toBe(c.totalFen);
    expect(c.totalFen).toBe(20_000 + 10_000 + 5_000 + 5_000 + 100_001);
    expect(String(rows[3 + r.rows + 2]![0])).toBe('制表人：李文书');

    // For the bank, by explicit choice: the full numbers.
    await app.call('subsidies/exportPeriod', { from: FROM, to: TO, out, fullIdNumbers: true });
    const full = (await readSheet(out)).rows.slice(3).find((row) => row[2] === '马建国')!;
    expect([full[3], full[4]]).toEqual([makeId('1970-03-01', 11, '男'), '6228480012345678']);

    // A batch: the same rows, its reviewer in the footer.
    const b = await app.call('subsidies/batches/create', { from: FROM, to: TO, title: '上半年' });
    await app.call('subsidies/batches/approve', { id: b.id, approvedBy: '王镇长' });
    await app.call('subsidies/batches/export', { id: b.id, out });
    const batchRows = (await readSheet(out)).rows;
    expect(batchRows.slice(3, 3 + r.rows)).toEqual(body);
    expect(batchRows[3 + r.rows + 2]).toContain('审核人：王镇长');
  });
});

describe('worker bank account', () => {
  it('is saved as digits, shown in full only on the worker, masked in the list and the 操作日志', async () => {
    const id = makeId('1980-05-05', 31, '女');
    const w = await app.call('workers/create', { name: '刘会计', gender: '女', idNumber: id, phone: '13912345678' });
    expect(w.bankAccount).toBe('');
    const updated = await app.call('workers/update', {
      id: w.id,
      name: '刘会计',
      gender: '女',
      idNumber: id,
      phone: '13912345678',
      bankAccount: '6228 4800-1234 5678',
    });
    expect(updated.bankAccount).toBe('6228480012345678');
    const list = await app.call('workers/list', {});
    expect(list.rows.find((r) => r.id === w.id)?.bankMasked).toBe('************5678');
    const logged = (await auditOf('workers/update')).at(-1)!;
    expect(logged).toContain('银行账号：（空） → ************5678');
    expect(logged).not.toContain('62284800');
    // An edit that leaves the account out keeps it.
    await app.call('workers/update', { id: w.id, name: '刘会计', gender: '女', idNumber: id, phone: '13912345679' });
    expect((await app.call('workers/get', { id: w.id })).bankAccount).toBe('6228480012345678');
    expect(
      await dispatchError('workers/update', {
        id: w.id,
        name: '刘会计',
        gender: '女',
        idNumber: id,
        phone: '13912345678',
        bankAccount: '12 34',
      }),
    ).toContain('银行账号应为 12 到 30 位数字');
  });
});

describe('补贴发放表 title', () => {
  it('names the year, half, quarter or month, else the dates', async () => {
    const { periodTitle } = await import('../../src/main/services/subsidies/export');
    expect(periodTitle('2026-01-01', '2026-12-31')).toBe('2026年');
    expect(periodTitle('2026-07-01', '2026-12-31')).toBe('2026年下半年');
    expect(periodTitle('2026-04-01', '2026-06-30')).toBe('2026年第二季度');
    expect(periodTitle('2026-02-01', '2026-02-28')).toBe('2026年2月');
    expect(periodTitle('2026-02-01', '2026-02-27')).toBe('2026年2月1日至2026年2月27日');
    expect(periodTitle('2025-12-01', '2026-01-31')).toBe('2025年12月1日至2026年1月31日');
  });
});

describe('CLI subsidies compute / export payout', () => {
  async function cli(argv: string[]) {
    const { runCli } = await import('../../src/main/cli/run');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--db', app.dbPath], {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      resourcesDir: `${import.meta.dirname}/../../resources`,
      version: 'test',
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('prints exactly one object with the issue keys, Chinese mechanism labels and the totals; bad dates are one JSON error', async () => {
    const t = await township();
    await addCase({ grid: t.g1.id, worker: null, settle: '2026-02-01', status: '调解成功', difficulty: '重大' });
    await addReport({ grid: t.g1.id, worker: null, date: '2026-02-03', important: true });
    await addReport({ grid: t.g3.id, worker: null, date: '2026-02-03', important: true });
    const r = await cli(['subsidies', 'compute', '--from', FROM, '--to', TO, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(
      Object.keys(json)
        .filter((k) => k !== 'ok')
        .sort(),
    ).toEqual(['byMechanism', 'from', 'lines', 'to', 'totalFen']);
    expect(json).toMatchObject({
      from: FROM,
      to: TO,
      lines: [
        { worker: '马建国', grids: ['11010101'], mechanism: '以案定补', count: 1, amountFen: 30_000 },
        { worker: '马建国', grids: ['11010101'], mechanism: '信息奖励', count: 1, amountFen: 5_000 },
        { worker: '周长青', grids: ['11020101'], mechanism: '信息奖励', count: 1, amountFen: 5_000 },
      ],
      byMechanism: { 以案定补: 30_000, 信息奖励: 10_000, 集体收入切块: 0, 公益岗位: 0 },
      totalFen: 40_000,
    });
    expect(Object.keys((json.lines as object[])[0]!).sort()).toEqual([
      'amountFen',
      'count',
      'grids',
      'mechanism',
      'worker',
    ]);

    const village = await cli(['subsidies', 'compute', '--from', FROM, '--to', TO, '--grid', '1102', '--json']);
    expect((JSON.parse(village.stdout) as { totalFen: number }).totalFen).toBe(5_000);

    const bad = await cli(['subsidies', 'compute', '--from', '2026-02-30', '--to', TO, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.parse(bad.stdout).error.message).toContain('起始日期');

    const file = `${app.dir}/发放表.xlsx`;
    const exported = await cli(['export', 'payout', '--from', FROM, '--to', TO, '--out', file, '--json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ file, rows: 2 });
    const { rows } = await readSheet(file);
    expect(Math.round(Number(rows[5]![10]) * 100)).toBe(40_000);
  });
});

/** An approved evaluation sheet, inserted as the evaluations service stores one. */
async function approvedSheet(
  villageId: number,
  start: string,
  end: string,
  lines: { worker: number; x10: number; grade: string }[],
): Promise<number> {
  const db = app.ctx.handle.db;
  const now = new Date().toISOString();
  const scheme =
    (await db.selectFrom('eval_schemes').select('id').executeTakeFirst()) ??
    (await db
      .insertInto('eval_schemes')
      .values({ name: '季度考核', period: 'quarter', definition: '{}', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow());
  const sheet = await db
    .insertInto('eval_sheets')
    .values({
      scheme_id: scheme.id,
      village_id: villageId,
      period_start: start,
      period_end: end,
      period_label: `${start}至${end}`,
      status: '已审定',
      scheme_snapshot: '{}',
      approved_at: now,
      approved_by: '王镇长',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let position = 0;
  for (const l of lines) {
    await db
      .insertInto('eval_lines')
      .values({
        sheet_id: sheet.id,
        worker_id: l.worker,
        position: ++position,
        grids: '[]',
        counts: '{}',
        total_x10: l.x10,
        grade: l.grade,
        excluded: null,
      })
      .execute();
  }
  return sheet.id;
}

async function dispatchError(name: string, input: unknown): Promise<string> {
  const { dispatch } = await import('../../src/main/ipc/dispatch');
  const r = await dispatch(app.ctx, name, input);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}
