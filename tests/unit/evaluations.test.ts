/**
 * 考核 recomputed by hand: the test keeps what it inserted (who held which grid when, every record)
 * in plain arrays, counts each worker's records with plain loops and works the points out with
 * plain integer arithmetic, never the service's SQL; then compares line by line.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput, HandlerName } from '../../src/shared/api';
import type { EvalCounts, SchemeDefinition, SheetView } from '../../src/shared/evaluations';
import { dispatch } from '../../src/main/ipc/dispatch';
import { approvedLines } from '../../src/main/services/evaluations/queries';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

/** The Chinese message a refused call gives (and that it was refused). */
async function refusal<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<string> {
  const r = await dispatch(app.ctx, name, input);
  if (r.ok) throw new Error(`${name} should have been refused`);
  return r.error.message;
}

interface Held {
  worker: number;
  grid: number;
  role: '网格员' | '网格长';
  start: string;
  end: string | null;
}

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
  const worker = (name: string, seq: number) =>
    app.call('workers/create', { name, gender: '男', idNumber: makeId('1975-05-01', seq, '男'), phone: '13912345678' });
  const w = {
    ma: await worker('马建国', 11),
    niu: await worker('牛志强', 13),
    yang: await worker('杨光明', 15),
    wu: await worker('吴海涛', 19),
    zhou: await worker('周长青', 17),
  };
  const held: Held[] = [];
  const assign = async (worker: number, gridId: number, start: string, role: '网格员' | '网格长' = '网格员') => {
    await app.call('assignments/create', { workerId: worker, gridId, startDate: start, role });
    held.push({ worker, grid: gridId, role, start, end: null });
  };
  await assign(w.ma.id, g1.id, '2025-01-01');
  await assign(w.niu.id, g2.id, '2025-01-01');
  await assign(w.wu.id, a1.id, '2025-06-01', '网格长');
  await assign(w.zhou.id, g3.id, '2025-01-01');
  // 杨光明 takes 第2网格 over on 16 March: 牛志强 held it in March too, and both are listed.
  await app.call('assignments/create', {
    workerId: w.yang.id,
    gridId: g2.id,
    startDate: '2026-03-16',
    replace: { holderId: w.niu.id, holderAfter: '待安排' },
  });
  held.find((h) => h.worker === w.niu.id)!.end = '2026-03-16';
  held.push({ worker: w.yang.id, grid: g2.id, role: '网格员', start: '2026-03-16', end: null });
  return { a, a1, b, g1, g2, g3, w, held };
}
type Town = Awaited<ReturnType<typeof township>>;

/** Who the test expects a record to count for: the named worker, else the grid's 网格员 that day, else its 网格长. */
function creditedTo(t: Town, grid: number, named: number | null, date: string): number | null {
  if (named !== null) return named;
  const on = t.held.filter((h) => h.grid === grid && h.start <= date && (h.end === null || h.end > date));
  return (on.find((h) => h.role === '网格员') ?? on[0])?.worker ?? null;
}

type Kind = 'report' | 'important' | 'found' | 'settled' | 'service' | 'publicity' | 'visit' | 'training';
interface Rec {
  kind: Kind;
  grid: number;
  worker: number | null;
  date: string;
  households?: number;
  /** trainings: who attended. */
  attendees?: number[];
}

let seq = 0;
async function insert(r: Rec): Promise<void> {
  const db = app.ctx.handle.db;
  const stamp = { match_key: `k${++seq}`, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
  const base = { grid_id: r.grid, ...stamp };
  if (r.kind === 'report' || r.kind === 'important') {
    await db
      .insertInto('info_reports')
      .values({
        ...base,
        worker_id: r.worker,
        report_date: r.date,
        report_time: '',
        type: '消防',
        summary: `隐患${seq}`,
        handling: '',
        reported_to: '',
        result: '',
        important: r.kind === 'important' ? 1 : 0,
      })
      .execute();
  } else if (r.kind === 'found' || r.kind === 'settled') {
    const settled = r.kind === 'settled';
    await db
      .insertInto('disputes')
      .values({
        ...base,
        worker_id: r.worker,
        // A settled case was found earlier (in February): only its settle date puts it in March.
        found_date: settled ? '2026-02-10' : r.date,
        place: '',
        category: '邻里',
        scale: '一般',
        parties: `当事人${seq}`,
        people: null,
        summary: '',
        status: settled ? '调解成功' : '调处中',
        settled_level: settled ? '户级网格' : null,
        settle_date: settled ? r.date : null,
        difficulty: null,
        deadline: null,
        notes: '',
      })
      .execute();
  } else if (r.kind === 'service') {
    await db
      .insertInto('services')
      .values({
        ...base,
        worker_id: r.worker,
        household_id: null,
        service_date: r.date,
        kind: '代办',
        content: '代办',
        result: '',
      })
      .execute();
  } else if (r.kind === 'publicity') {
    await db
      .insertInto('publicity')
      .values({ ...base, event_date: r.date, topic: '防诈', form: '入户', notes: '' })
      .execute();
  } else if (r.kind === 'visit') {
    await db
      .insertInto('visits')
      .values({ ...base, worker_id: r.worker, visit_date: r.date, households: r.households ?? 0, notes: '' })
      .execute();
  } else {
    const { id } = await db
      .insertInto('trainings')
      .values({
        ...base,
        training_date: r.date,
        kind: '例会',
        audience: '',
        place: '',
        content: '例会',
        trainer: '',
        expected: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const worker of r.attendees ?? [])
      await db.insertInto('training_attendees').values({ training_id: id, worker_id: worker }).execute();
  }
}

const FROM = '2026-03-01';
const TO = '2026-03-31';

function seedRecords(t: Town): Rec[] {
  const { g1, g2, g3, a1 } = t;
  const { ma, niu, yang, wu, zhou } = t.w;
  return [
    // 马建国: reports named and by his grid, one in February (not counted), one important.
    { kind: 'report', grid: g1.id, worker: null, date: '2026-03-01' },
    { kind: 'report', grid: g1.id, worker: ma.id, date: '2026-03-31' },
    { kind: 'important', grid: g1.id, worker: null, date: '2026-03-10' },
    { kind: 'report', grid: g1.id, worker: null, date: '2026-02-28' },
    { kind: 'report', grid: g1.id, worker: null, date: '2026-04-01' },
    { kind: 'important', grid: g1.id, worker: null, date: '2026-03-11' },
    // 第2网格: before 16 March 牛志强's, from then 杨光明's.
    { kind: 'report', grid: g2.id, worker: null, date: '2026-03-15' },
    // Two reports of a target of 3: 66.7 points, rounded to the nearest tenth.
    { kind: 'report', grid: g2.id, worker: null, date: '2026-03-02' },
    { kind: 'report', grid: g2.id, worker: null, date: '2026-03-16' },
    { kind: 'settled', grid: g2.id, worker: null, date: '2026-03-15' },
    { kind: 'settled', grid: g2.id, worker: null, date: '2026-03-20' },
    { kind: 'settled', grid: g1.id, worker: null, date: '2026-03-05' },
    { kind: 'settled', grid: g1.id, worker: null, date: '2026-03-06' },
    { kind: 'settled', grid: g1.id, worker: null, date: '2026-03-07' },
    { kind: 'settled', grid: g1.id, worker: null, date: '2026-04-07' },
    { kind: 'found', grid: g1.id, worker: null, date: '2026-03-08' },
    { kind: 'found', grid: g2.id, worker: niu.id, date: '2026-03-25' },
    { kind: 'service', grid: g1.id, worker: null, date: '2026-03-09' },
    { kind: 'service', grid: g2.id, worker: null, date: '2026-03-17' },
    { kind: 'publicity', grid: g1.id, worker: null, date: '2026-03-12' },
    { kind: 'publicity', grid: a1.id, worker: null, date: '2026-03-12' },
    { kind: 'visit', grid: g1.id, worker: null, date: '2026-03-02', households: 12 },
    { kind: 'visit', grid: g1.id, worker: ma.id, date: '2026-03-03', households: 11 },
    { kind: 'visit', grid: g2.id, worker: null, date: '2026-03-04', households: 7 },
    { kind: 'visit', grid: g2.id, worker: null, date: '2026-03-18', households: 9 },
    { kind: 'visit', grid: a1.id, worker: wu.id, date: '2026-03-19', households: 5 },
    // The 网格长's group grid, held by no 网格员: his.
    { kind: 'report', grid: a1.id, worker: null, date: '2026-03-20' },
    // Another village: counts on its own sheet, never on 许坪村's, even for a worker listed here.
    { kind: 'report', grid: g3.id, worker: null, date: '2026-03-20' },
    { kind: 'report', grid: g3.id, worker: ma.id, date: '2026-03-21' },
    { kind: 'visit', grid: g3.id, worker: zhou.id, date: '2026-03-21', households: 30 },
    { kind: 'training', grid: t.a.id, worker: null, date: '2026-03-22', attendees: [ma.id, yang.id, wu.id] },
    { kind: 'training', grid: t.a.id, worker: null, date: '2026-03-29', attendees: [ma.id] },
    { kind: 'training', grid: t.a.id, worker: null, date: '2026-02-22', attendees: [ma.id, niu.id] },
  ];
}

const METRIC_OF: Record<Exclude<Kind, 'training'>, (keyof EvalCounts)[]> = {
  report: ['reports'],
  important: ['reports', 'importantReports'],
  found: ['disputesFound'],
  settled: ['disputesSettled'],
  service: ['services'],
  publicity: ['publicity'],
  visit: ['visits'],
};

/** Each listed worker's counts in March from the village's records, by plain loops. */
function expectedCounts(t: Town, recs: Rec[], workers: number[], village: Set<number>): Map<number, EvalCounts> {
  const zero = (): EvalCounts => ({
    reports: 0,
    importantReports: 0,
    disputesFound: 0,
    disputesSettled: 0,
    services: 0,
    publicity: 0,
    visits: 0,
    visitHouseholds: 0,
    trainings: 0,
  });
  const out = new Map(workers.map((w) => [w, zero()]));
  for (const r of recs) {
    if (r.date < FROM || r.date > TO) continue;
    if (r.kind === 'training') {
      for (const a of r.attendees ?? []) if (out.has(a)) out.get(a)!.trainings += 1;
      continue;
    }
    if (!village.has(r.grid)) continue;
    const who = creditedTo(t, r.grid, r.worker, r.date);
    const c = who === null ? undefined : out.get(who);
    if (!c) continue;
    for (const m of METRIC_OF[r.kind]) c[m] += 1;
    // A found dispute's found date in March also counts it as found; settled ones were found in February.
    if (r.kind === 'visit') c.visitHouseholds += r.households ?? 0;
  }
  return out;
}

const SCHEME: SchemeDefinition = {
  criteria: [
    { key: 'rep', name: '信息上报', fullX10: 1000, weight: 40, metric: 'reports', target: 3 },
    { key: 'vis', name: '走访', fullX10: 500, weight: 30, metric: 'visitHouseholds', target: 20 },
    { key: 'dis', name: '纠纷化解', fullX10: 200, weight: 20, metric: 'disputesSettled', target: 2 },
    { key: 'self', name: '工作纪律', fullX10: 100, weight: 10, metric: null, target: null },
  ],
  bonus: [
    { key: 'imp', name: '重要信息', metric: 'importantReports', perUnitX10: 30, capX10: 50 },
    { key: 'trn', name: '参加例会', metric: 'trainings', perUnitX10: 10, capX10: 20 },
  ],
  deductions: [{ key: 'late', name: '迟报', metric: null, perUnitX10: 0, capX10: 50 }],
  grades: [
    { grade: '优秀', minX10: 950 },
    { grade: '合格', minX10: 800 },
    { grade: '基本合格', minX10: 700 },
    { grade: '不合格', minX10: 0 },
  ],
  levels: [3, 4],
  minMonths: 3,
  combine: [],
};

/** full × min(count, target) / target, rounded half up to a tenth. */
const suggest = (fullX10: number, count: number, target: number) => {
  const m = Math.min(count, target);
  return Math.floor((2 * fullX10 * m + target) / (2 * target));
};

/** Σ score × weight / full over the denominator 1000 (every full divides it), + bonus − deductions, within [0, 100]. */
function expectedTotal(scores: Record<string, number>): number {
  let num = 0;
  for (const c of SCHEME.criteria) num += scores[c.key]! * c.weight * 10 * (1000 / c.fullX10);
  const criteria = Math.floor((2 * num + 1000) / 2000);
  return Math.min(1000, Math.max(0, criteria + scores.imp! + scores.trn! - scores.late!));
}

const gradeFor = (x10: number) => (x10 >= 950 ? '优秀' : x10 >= 800 ? '合格' : x10 >= 700 ? '基本合格' : '不合格');

async function marchSheet() {
  const t = await township();
  const recs = seedRecords(t);
  for (const r of recs) await insert(r);
  const scheme = await app.call('evaluations/schemes/create', {
    name: '月度考核',
    period: 'month',
    definition: SCHEME,
  });
  const sheet = await app.call('evaluations/sheets/create', {
    schemeId: scheme.id,
    villageId: t.a.id,
    date: '2026-03-18',
  });
  return { t, recs, scheme, sheet };
}

const line = (s: SheetView, workerId: number) => s.lines.find((l) => l.workerId === workerId)!;
const item = (s: SheetView, workerId: number, key: string) => line(s, workerId).items.find((i) => i.key === key)!;

describe('evaluation sheets from the records', () => {
  it('lists everyone who held a level-3/4 grid of the village in the month, with counts and points recomputed by hand', async () => {
    const { t, recs, sheet } = await marchSheet();
    const { ma, niu, yang, wu } = t.w;
    expect(sheet.periodLabel).toBe('2026年3月');
    expect([sheet.periodStart, sheet.periodEnd]).toEqual([FROM, TO]);
    expect(sheet.status).toBe('草稿');
    // By grid code: the group's 网格长 first, then 第1网格, then 第2网格's two holders by name.
    expect(sheet.lines.map((l) => l.workerName)).toEqual(['吴海涛', '马建国', '牛志强', '杨光明']);
    expect(line(sheet, wu.id).grids).toBe('一组');
    expect(line(sheet, ma.id).grids).toBe('一组 / 第1网格');
    const village = new Set([t.a.id, t.a1.id, t.g1.id, t.g2.id]);
    const counts = expectedCounts(t, recs, [ma.id, niu.id, yang.id, wu.id], village);
    for (const [worker, c] of counts) expect(line(sheet, worker).counts, `counts of ${worker}`).toEqual(c);
    for (const [worker, c] of counts) {
      const want: Record<string, number> = {
        rep: suggest(1000, c.reports, 3),
        vis: suggest(500, c.visitHouseholds, 20),
        dis: suggest(200, c.disputesSettled, 2),
        self: 100,
        imp: Math.min(50, 30 * c.importantReports),
        trn: Math.min(20, 10 * c.trainings),
        late: 0,
      };
      const l = line(sheet, worker);
      expect(Object.fromEntries(l.items.map((i) => [i.key, i.suggestedX10]))).toEqual(want);
      expect(Object.fromEntries(l.items.map((i) => [i.key, i.scoreX10]))).toEqual(want);
      expect(l.totalX10).toBe(expectedTotal(want));
      // 杨光明 took the grid on 16 March: under 3 months in post, listed but not graded.
      expect(l.grade).toBe(worker === yang.id ? '不评定' : gradeFor(l.totalX10));
      expect(l.excluded !== null).toBe(worker === yang.id);
    }
    expect(line(sheet, yang.id).excluded).toContain('任职不满 3 个月');
    // A second sheet for the same village and month is refused, and named.
    const again = await refusal('evaluations/sheets/create', {
      schemeId: sheet.schemeId,
      villageId: t.a.id,
      date: '2026-03-01',
    });
    expect(again).toContain('许坪村 2026年3月“月度考核”的评分表已经有了（草稿）');
  });

  it('a score differing from the suggestion needs a reason; totals and grades follow; out-of-range scores are refused', async () => {
    const { t, sheet } = await marchSheet();
    const ma = t.w.ma.id;
    const l = line(sheet, ma);
    const noReason = await refusal('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: l.id,
      itemKey: 'self',
      scoreX10: 0,
      reason: '',
    });
    expect(noReason).toContain('马建国：“工作纪律”得分 0 与建议分 10 不同，请填写调整理由');
    const tooHigh = await refusal('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: l.id,
      itemKey: 'late',
      scoreX10: 55,
      reason: '迟报',
    });
    expect(tooHigh).toContain('“迟报”得分应在 0 至 5 分之间');
    const after = await app.call('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: l.id,
      itemKey: 'self',
      scoreX10: 0,
      reason: '例会缺席一次',
    });
    const scores = Object.fromEntries(after.items.map((i) => [i.key, i.scoreX10]));
    expect(scores.self).toBe(0);
    expect(after.items.find((i) => i.key === 'self')!.reason).toBe('例会缺席一次');
    expect(after.totalX10).toBe(expectedTotal(scores));
    // 马建国's bonus takes him past 100 with full marks: the total is held at 100, so only a larger cut shows.
    expect(l.totalX10).toBe(1000);
    expect(after.totalX10).toBeLessThan(1000);
    const deducted = await app.call('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: l.id,
      itemKey: 'late',
      scoreX10: 35,
      reason: '迟报三次',
    });
    expect(deducted.totalX10).toBe(after.totalX10 - 35);
    expect(deducted.totalX10).toBe(expectedTotal({ ...scores, late: 35 }));
    expect(deducted.grade).toBe(gradeFor(deducted.totalX10));
    // Back to the suggestion: no reason needed.
    const back = await app.call('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: l.id,
      itemKey: 'self',
      scoreX10: 100,
    });
    expect(back.totalX10).toBe(expectedTotal({ ...scores, self: 100, late: 35 }));
    expect(back.items.find((i) => i.key === 'self')!.reason).toBe('');
    const log = await app.ctx.handle.db
      .selectFrom('audit_log')
      .select('summary')
      .where('handler', '=', 'evaluations/scores/set')
      .execute();
    expect(log[0]!.summary).toContain('许坪村 2026年3月“月度考核”：马建国“工作纪律”10 → 0，理由：例会缺席一次');
  });

  it('refresh recounts a draft, keeps adjusted scores and says which lines changed', async () => {
    const { t, sheet } = await marchSheet();
    const { ma, niu } = t.w;
    await app.call('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId: line(sheet, ma.id).id,
      itemKey: 'rep',
      scoreX10: 500,
      reason: '信息质量差',
    });
    await insert({ kind: 'report', grid: t.g1.id, worker: null, date: '2026-03-30' });
    await insert({ kind: 'visit', grid: t.g2.id, worker: niu.id, date: '2026-03-05', households: 4 });
    const fresh = await app.call('evaluations/sheets/refresh', { id: sheet.id });
    expect(fresh.changedLineIds.sort()).toEqual([line(sheet, ma.id).id, line(sheet, niu.id).id].sort());
    expect(line(fresh, ma.id).counts.reports).toBe(line(sheet, ma.id).counts.reports + 1);
    expect(item(fresh, ma.id, 'rep').scoreX10).toBe(500);
    expect(item(fresh, niu.id, 'vis').scoreX10).toBe(item(fresh, niu.id, 'vis').suggestedX10);
    expect(item(fresh, niu.id, 'vis').suggestedX10).toBe(
      suggest(500, line(sheet, niu.id).counts.visitHouseholds + 4, 20),
    );
  });

  it('approval locks the sheet; a correction is a new version that replaces it only when approved', async () => {
    const { t, sheet } = await marchSheet();
    const ma = t.w.ma.id;
    const lineId = line(sheet, ma).id;
    await app.call('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId,
      itemKey: 'self',
      scoreX10: 50,
      reason: '请假',
    });
    const approved = await app.call('evaluations/sheets/approve', { id: sheet.id, approvedBy: '张书记' });
    expect(approved.status).toBe('已审定');
    expect(approved.approvedBy).toBe('张书记');
    const locked = await refusal('evaluations/scores/set', {
      sheetId: sheet.id,
      lineId,
      itemKey: 'self',
      scoreX10: 60,
      reason: 'x',
    });
    expect(locked).toContain('已审定的评分表不能修改，请先“更正”');
    expect(await refusal('evaluations/sheets/delete', { id: sheet.id })).toContain('只能删除草稿');
    expect(await refusal('evaluations/sheets/refresh', { id: sheet.id })).toContain('请先“更正”');

    const v2 = await app.call('evaluations/sheets/correct', { id: sheet.id, reason: '工作纪律分录错' });
    expect([v2.version, v2.status, v2.previousId, v2.correctionReason]).toEqual([
      2,
      '草稿',
      sheet.id,
      '工作纪律分录错',
    ]);
    expect(item(v2, ma, 'self')).toMatchObject({ scoreX10: 50, reason: '请假' });
    expect(await refusal('evaluations/sheets/correct', { id: sheet.id, reason: '再改' })).toContain(
      '已有一份更正中的草稿（第 2 版）',
    );
    // Until v2 is approved, v1 is the one in force.
    expect((await app.call('evaluations/sheets/get', { id: sheet.id })).status).toBe('已审定');
    let lines = await approvedLines(app.ctx.handle.db, { from: FROM, to: TO });
    expect(new Set(lines.map((l) => l.sheetId))).toEqual(new Set([sheet.id]));
    await app.call('evaluations/scores/set', {
      sheetId: v2.id,
      lineId: line(v2, ma).id,
      itemKey: 'self',
      scoreX10: 90,
      reason: '核实后',
    });
    await app.call('evaluations/sheets/approve', { id: v2.id, approvedBy: '张书记' });
    expect((await app.call('evaluations/sheets/get', { id: sheet.id })).status).toBe('已更正');
    lines = await approvedLines(app.ctx.handle.db, { from: FROM, to: TO });
    expect(new Set(lines.map((l) => l.sheetId))).toEqual(new Set([v2.id]));
    const v2scores = Object.fromEntries(line(approved, ma).items.map((i) => [i.key, i.scoreX10]));
    expect(lines.find((l) => l.workerId === ma)!.totalX10).toBe(expectedTotal({ ...v2scores, self: 90 }));
    // A draft correction can be deleted; the approved version stays.
    const v3 = await app.call('evaluations/sheets/correct', { id: v2.id, reason: '再核' });
    await app.call('evaluations/sheets/delete', { id: v3.id });
    expect((await app.call('evaluations/sheets/get', { id: v2.id })).status).toBe('已审定');
    const log = await app.ctx.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('handler', 'like', 'evaluations/%')
      .orderBy('id')
      .execute();
    const said = log.map((l) => `${l.action}｜${l.summary}`);
    expect(said).toContain(
      '审定考核评分表｜审定许坪村 2026年3月“月度考核”（第 2 版）：4 人（优秀 1 人、不合格 2 人、不评定 1 人），审定人 张书记；第 1 版改为已更正',
    );
    expect(said).toContain(
      '更正考核评分表｜更正许坪村 2026年3月“月度考核”：新建第 2 版草稿，理由：工作纪律分录错；原版本在新版审定前仍然有效',
    );
  });
});

/** One criterion given by hand, full 100, weight 100: a worker's total is the score given. */
const HAND: SchemeDefinition = {
  ...SCHEME,
  criteria: [{ key: 'all', name: '综合评价', fullX10: 1000, weight: 100, metric: null, target: null }],
  bonus: [],
  deductions: [],
  minMonths: 0,
};

/** Creates the sheet, gives the listed scores (others keep full marks) and approves it. */
async function scored(schemeId: number, villageId: number, date: string, scores: Map<number, number>) {
  const s = await app.call('evaluations/sheets/create', { schemeId, villageId, date });
  for (const [worker, x10] of scores) {
    const l = s.lines.find((x) => x.workerId === worker);
    if (!l) continue;
    await app.call('evaluations/scores/set', {
      sheetId: s.id,
      lineId: l.id,
      itemKey: 'all',
      scoreX10: x10,
      reason: '按实绩',
    });
  }
  return app.call('evaluations/sheets/approve', { id: s.id, approvedBy: '张书记' });
}

describe('grades over time', () => {
  it('flags a worker 不合格 in two consecutive approved periods of one scheme, not with a good month between', async () => {
    const t = await township();
    const { ma, niu, wu } = t.w;
    const hand = await app.call('evaluations/schemes/create', { name: '月度评议', period: 'month', definition: HAND });
    await scored(
      hand.id,
      t.a.id,
      '2026-01-10',
      new Map([
        [ma.id, 500],
        [niu.id, 500],
      ]),
    );
    await scored(
      hand.id,
      t.a.id,
      '2026-02-10',
      new Map([
        [ma.id, 695],
        [niu.id, 850],
      ]),
    );
    const march = await app.call('evaluations/sheets/create', {
      schemeId: hand.id,
      villageId: t.a.id,
      date: '2026-03-10',
    });
    // A draft's 不合格 is not a result yet.
    await app.call('evaluations/scores/set', {
      sheetId: march.id,
      lineId: line(march, wu.id).id,
      itemKey: 'all',
      scoreX10: 100,
      reason: '缺勤',
    });
    await app.call('evaluations/scores/set', {
      sheetId: march.id,
      lineId: line(march, niu.id).id,
      itemKey: 'all',
      scoreX10: 600,
      reason: '缺勤',
    });
    let flagged = await app.call('evaluations/flags', {});
    expect(flagged).toEqual([
      {
        workerId: ma.id,
        workerName: '马建国',
        villageName: '许坪村',
        periods: ['月度评议 2026年1月', '月度评议 2026年2月'],
      },
    ]);
    await app.call('evaluations/sheets/approve', { id: march.id, approvedBy: '张书记' });
    // 田家河村 was not evaluated in February: 周长青's January and March are not consecutive periods.
    await scored(hand.id, t.b.id, '2026-01-10', new Map([[t.w.zhou.id, 400]]));
    await scored(hand.id, t.b.id, '2026-03-10', new Map([[t.w.zhou.id, 400]]));
    flagged = await app.call('evaluations/flags', {});
    // 牛志强: 不合格 in January and March with 合格 in February; 吴海涛: once. None of them is flagged.
    expect(flagged.map((f) => f.workerName)).toEqual(['马建国']);
    const history = await app.call('evaluations/history', { workerId: niu.id });
    expect(history.map((h) => [h.periodLabel, h.totalX10, h.grade])).toEqual([
      ['2026年1月', 500, '不合格'],
      ['2026年2月', 850, '合格'],
      ['2026年3月', 600, '不合格'],
    ]);
  });

  it('a combined year: the mean of the half-year results × 40 % + the year × 60 %, rounded half up, computed by hand', async () => {
    const t = await township();
    const { ma, niu, yang, wu, zhou } = t.w;
    const half = await app.call('evaluations/schemes/create', { name: '半年考核', period: 'half', definition: HAND });
    const year = await app.call('evaluations/schemes/create', { name: '年终考核', period: 'year', definition: HAND });
    const combinedScheme = await app.call('evaluations/schemes/create', {
      name: '年度综合',
      period: 'year',
      definition: {
        ...HAND,
        criteria: [],
        combine: [
          { schemeId: half.id, weight: 40 },
          { schemeId: year.id, weight: 60 },
        ],
      },
    });
    const h1 = await scored(
      half.id,
      t.a.id,
      '2026-03-01',
      new Map([
        [ma.id, 805],
        [niu.id, 700],
      ]),
    );
    const h2 = await scored(half.id, t.a.id, '2026-09-01', new Map([[ma.id, 900]]));
    const y = await scored(
      year.id,
      t.a.id,
      '2026-06-01',
      new Map([
        [ma.id, 950],
        [niu.id, 775],
      ]),
    );
    expect([h1.periodLabel, h2.periodLabel, y.periodLabel]).toEqual(['2026年上半年', '2026年下半年', '2026年度']);
    // 牛志强 left on 16 March: on the first half and the year, not the second half.
    expect(h2.lines.map((l) => l.workerId)).not.toContain(niu.id);
    const r = await app.call('evaluations/combined', { schemeId: combinedScheme.id, villageId: t.a.id, year: 2026 });
    const byHand = (halves: number[], yearX10: number) => {
      const sum = halves.reduce((a, b) => a + b, 0);
      const mean = Math.floor((2 * sum + halves.length) / (2 * halves.length));
      return { mean, total: Math.floor((2 * (mean * 40 + yearX10 * 60) + 100) / 200) };
    };
    const got = new Map(r.lines.map((l) => [l.workerId, l]));
    const maWant = byHand([805, 900], 950);
    expect(maWant).toEqual({ mean: 853, total: 911 });
    expect(got.get(ma.id)).toMatchObject({ partsX10: [853, 950], totalX10: 911, grade: '合格', missing: null });
    const niuWant = byHand([700], 775);
    expect(got.get(niu.id)).toMatchObject({ partsX10: [700, 775], totalX10: niuWant.total, grade: '基本合格' });
    expect(got.get(yang.id)).toMatchObject({ totalX10: 1000, grade: '优秀' });
    expect(got.get(wu.id)).toMatchObject({ totalX10: 1000 });
    // 田家河村 has only its year sheet: listed, not graded, the missing part named.
    await scored(year.id, t.b.id, '2026-06-01', new Map([[zhou.id, 900]]));
    const b = await app.call('evaluations/combined', { schemeId: combinedScheme.id, villageId: t.b.id, year: 2026 });
    expect(b.lines).toEqual([
      {
        workerId: zhou.id,
        workerName: '周长青',
        partsX10: [null, 900],
        totalX10: null,
        grade: '不评定',
        missing: '缺少“半年考核”的已审定评分',
      },
    ]);
    expect(
      await refusal('evaluations/sheets/create', {
        schemeId: combinedScheme.id,
        villageId: t.a.id,
        date: '2026-01-01',
      }),
    ).toContain('是综合方案');
  });
});

describe('schemes', () => {
  it('refuses weights not adding to 100, repeated keys, bands out of order and combinations of missing schemes', async () => {
    const bad = (definition: Partial<SchemeDefinition>) =>
      refusal('evaluations/schemes/create', {
        name: '坏方案',
        period: 'month',
        definition: { ...SCHEME, ...definition },
      });
    expect(await bad({ criteria: SCHEME.criteria.slice(0, 3) })).toContain('考核项目的权重合计应为 100，现为 90');
    expect(await bad({ bonus: [{ ...SCHEME.bonus[0]!, key: 'rep' }] })).toContain('项目代码“rep”重复');
    expect(
      await bad({ grades: [SCHEME.grades[0]!, { grade: '合格', minX10: 960 }, SCHEME.grades[2]!, SCHEME.grades[3]!] }),
    ).toContain('“合格”的分数线应低于“优秀”');
    expect(await bad({ grades: [...SCHEME.grades.slice(0, 3), { grade: '不合格', minX10: 100 }] })).toContain(
      '“不合格”的分数线应为 0',
    );
    expect(await bad({ criteria: [], combine: [{ schemeId: 999, weight: 100 }] })).toContain('不存在');
    expect(await bad({ criteria: [], combine: [{ schemeId: 999, weight: 90 }] })).toContain(
      '综合方案的权重合计应为 100',
    );
    const { EVAL_SCHEME_TEMPLATE } = await import('../../src/shared/evaluations');
    const ok = await app.call('evaluations/schemes/create', structuredClone(EVAL_SCHEME_TEMPLATE));
    expect(ok.definition.criteria.map((c) => c.weight)).toEqual([50, 30, 20]);
  });
});

/** The exported workbook's sheet, with a column found by its header text. */
async function openExport(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('考核评分表')!;
  const headers = (ws.getRow(3).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
  const col = (h: string) => {
    const i = headers.indexOf(h);
    if (i < 1) throw new Error(`no column ${h}`);
    return i;
  };
  return { wb, ws, headers, col };
}

describe('the sheet in Excel', () => {
  it('exports for signatures and reads the paper scores back; bad cells are named by sheet, row and column and change nothing', async () => {
    const { t, sheet } = await marchSheet();
    const { ma, niu, yang } = t.w;
    const out = path.join(app.dir, '评分表.xlsx');
    const saved = await app.call('evaluations/sheets/export', { id: sheet.id, out });
    expect(saved.rows).toBe(4);
    const { wb, ws, headers, col } = await openExport(out);
    expect(ws.getCell('A1').value).toBe('许坪村2026年3月考核评分表');
    expect(headers.slice(1, 4)).toEqual(['序号', '姓名', '网格']);
    expect(headers).toContain('走访（户次）');
    expect(headers.slice(-4)).toEqual(['合计', '等次', '调整理由', '签字']);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    // One row per worker in the sheet's order, the points as on screen.
    sheet.lines.forEach((l, i) => {
      const row = ws.getRow(4 + i);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe(l.workerName);
      expect(row.getCell(col('走访（户次）')).value).toBe(l.counts.visitHouseholds);
      expect(row.getCell(col('信息上报建议分')).value).toBe(l.items[0]!.suggestedX10 / 10);
      expect(row.getCell(col('合计')).value).toBe(l.totalX10 / 10);
      expect(row.getCell(col('等次')).value).toBe(l.grade);
    });
    const footer = ws.lastRow!.getCell(1).value;
    expect(ws.lastRow!.number).toBeGreaterThan(3 + sheet.lines.length);
    expect(String(footer)).toContain('评分人');

    // The clerk's paper scores: 马建国 工作纪律 8 (no reason given), 牛志强 走访 20.5 with a reason.
    const rowOf = (workerId: number) => 4 + sheet.lines.findIndex((l) => l.workerId === workerId);
    ws.getRow(rowOf(ma.id)).getCell(col('工作纪律得分')).value = 8;
    ws.getRow(rowOf(niu.id)).getCell(col('走访得分')).value = 20.5;
    ws.getRow(rowOf(niu.id)).getCell(col('调整理由')).value = '走访记录不全';
    const good = path.join(app.dir, '已评分.xlsx');
    await wb.xlsx.writeFile(good);
    const preview = await app.call('evaluations/sheets/importPreview', { id: sheet.id, file: good });
    expect(preview.errors).toEqual([]);
    expect(preview.changes).toEqual([
      {
        lineId: line(sheet, ma.id).id,
        workerName: '马建国',
        item: '工作纪律',
        fromX10: 100,
        toX10: 80,
        reason: '纸质评分导入',
      },
      {
        lineId: line(sheet, niu.id).id,
        workerName: '牛志强',
        item: '走访',
        fromX10: item(sheet, niu.id, 'vis').scoreX10,
        toX10: 205,
        reason: '走访记录不全',
      },
    ]);

    // Bad cells: two decimals, text, a name not matching its 序号. Nothing is imported.
    ws.getRow(rowOf(yang.id)).getCell(col('走访得分')).value = 92.55;
    ws.getRow(rowOf(yang.id)).getCell(col('信息上报得分')).value = '优';
    ws.getRow(rowOf(ma.id)).getCell(2).value = '马建军';
    const bad = path.join(app.dir, '有错.xlsx');
    await wb.xlsx.writeFile(bad);
    const refused = await app.call('evaluations/sheets/importPreview', { id: sheet.id, file: bad });
    expect(refused.errors).toEqual([
      { sheet: '考核评分表', row: rowOf(ma.id), column: '姓名', message: '序号 2 是“马建国”，不是“马建军”' },
      { sheet: '考核评分表', row: rowOf(yang.id), column: '信息上报得分', message: '“优”不是分数' },
      { sheet: '考核评分表', row: rowOf(yang.id), column: '走访得分', message: '92.55 最多一位小数' },
    ]);
    const message = await refusal('evaluations/sheets/import', { id: sheet.id, file: bad });
    expect(message).toContain(`考核评分表 第 ${rowOf(yang.id)} 行“走访得分”列：92.55 最多一位小数`);
    expect(message).toContain('没有导入任何数据');
    expect(await app.call('evaluations/sheets/get', { id: sheet.id })).toEqual({ ...sheet, changedLineIds: [] });

    // The good file imports; totals follow.
    expect(await app.call('evaluations/sheets/import', { id: sheet.id, file: good })).toEqual({ changed: 2 });
    const after = await app.call('evaluations/sheets/get', { id: sheet.id });
    expect(item(after, ma.id, 'self')).toMatchObject({ scoreX10: 80, reason: '纸质评分导入' });
    expect(item(after, niu.id, 'vis')).toMatchObject({ scoreX10: 205, reason: '走访记录不全' });
    const scores = Object.fromEntries(line(after, niu.id).items.map((i) => [i.key, i.scoreX10]));
    expect(line(after, niu.id).totalX10).toBe(expectedTotal(scores));
    // Re-exported, the reasons are on the sheet; read back unchanged, nothing changes.
    const again = path.join(app.dir, '再导出.xlsx');
    await app.call('evaluations/sheets/export', { id: sheet.id, out: again });
    expect((await app.call('evaluations/sheets/importPreview', { id: sheet.id, file: again })).changes).toEqual([]);
    const re = await openExport(again);
    expect(re.ws.getRow(rowOf(niu.id)).getCell(re.col('调整理由')).value).toBe('走访：走访记录不全');
  });
});

describe('the demo', () => {
  it('offers the template scheme once, and a demo village’s sheet is pre-filled from its records', async () => {
    const { township } = await app.call('demo/create', { townships: 1 });
    await app.call('demo/create', { townships: 1 });
    const schemes = await app.call('evaluations/schemes/list', {});
    expect(schemes.map((s) => s.name)).toEqual(['网格员月度考核']);
    const village = await app.ctx.handle.db
      .selectFrom('grids')
      .select('id')
      .where('parent_id', '=', township.id)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const last = await app.ctx.handle.db
      .selectFrom('visits')
      .select((eb) => eb.fn.max('visit_date').as('d'))
      .executeTakeFirstOrThrow();
    const sheet = await app.call('evaluations/sheets/create', {
      schemeId: schemes[0]!.id,
      villageId: village.id,
      date: String(last.d),
    });
    expect(sheet.lines.length).toBeGreaterThan(0);
    expect(sheet.lines.some((l) => l.counts.visits > 0)).toBe(true);
  });
});

describe('importing what is not the sheet', () => {
  it('a workbook without the sheet’s header, and a sheet already approved, are refused by name', async () => {
    const { sheet } = await marchSheet();
    const other = path.join(app.dir, '花名册.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('花名册').addRow(['姓名', '身份证号']);
    await wb.xlsx.writeFile(other);
    const preview = await app.call('evaluations/sheets/importPreview', { id: sheet.id, file: other });
    expect(preview.errors).toEqual([
      { sheet: '花名册', row: 1, column: '', message: '没有找到“序号”“姓名”表头，这不是导出的考核评分表' },
    ]);
    const out = path.join(app.dir, '评分表.xlsx');
    await app.call('evaluations/sheets/export', { id: sheet.id, out });
    await app.call('evaluations/sheets/approve', { id: sheet.id, approvedBy: '张书记' });
    expect(await refusal('evaluations/sheets/import', { id: sheet.id, file: out })).toContain(
      '已审定的评分表不能修改，请先“更正”',
    );
  });
});
