/**
 * reports/figures and the 报送报表 workbook against a small township built through the services:
 * each village's row equals `records stats --grid <village>`, the 合计 row equals `records stats`
 * for the township, and every sheet's figures (read back from the xlsx) are recounted here with
 * plain loops over what the test inserted and plain SQL over the roster and incentives.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFigures, VillageFigures } from '../../src/shared/reports';
import type { SchemeDefinition } from '../../src/shared/evaluations';
import { openTestApp, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

const FROM = '2026-07-01';
const TO = '2026-09-30';

let app: TestApp;
let t: Awaited<ReturnType<typeof township>>;

/** What the test inserted, per record kind: grid, date and the counted quantities. */
interface Rec {
  kind: 'disputes' | 'reports' | 'publicity' | 'services' | 'visits' | 'trainings';
  grid: number;
  date: string;
  status?: string;
  important?: boolean;
  households?: number;
  attended?: number;
}
const recs: Rec[] = [];

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
  const villageOf = new Map<number, number | null>([
    [town.id, null],
    [a.id, a.id],
    [a1.id, a.id],
    [g1.id, a.id],
    [g2.id, a.id],
    [b.id, b.id],
    [b1.id, b.id],
    [g3.id, b.id],
  ]);
  return { town, a, a1, g1, g2, b, b1, g3, villageOf };
}

async function roster() {
  const worker = (name: string, birth: string, seq: number, political: string, education: string, tags: string[]) =>
    app.call('workers/create', {
      name,
      gender: '男',
      idNumber: makeId(birth, seq, '男'),
      phone: '13912345678',
      politicalStatus: political,
      education,
      tags,
    });
  // Ages on TO: 35 (≤35), 50 (36–50), 51 (>50), 36 (36–50), 30 (≤35).
  const ma = await worker('马建国', '1990-10-01', 11, '中共党员', '高中', ['老党员']);
  const niu = await worker('牛志强', '1976-09-30', 13, '群众', '初中', []);
  const wu = await worker('吴海涛', '1975-05-01', 15, '中共预备党员', '本科', ['新乡贤', '老党员']);
  const zhou = await worker('周长青', '1990-09-30', 17, '群众', '', []);
  const zheng = await worker('郑永福', '1996-01-01', 19, '共青团员', '大专', ['致富能手']);
  const assign = (workerId: number, gridId: number, role?: '网格长') =>
    app.call('assignments/create', { workerId, gridId, startDate: '2025-01-01', ...(role ? { role } : {}) });
  await assign(ma.id, t.g1.id);
  await assign(niu.id, t.g2.id);
  await assign(wu.id, t.a1.id, '网格长');
  await assign(zhou.id, t.g3.id);
  await assign(zheng.id, t.b1.id, '网格长');
  // 马建国 also holds a grid of the other village: counted once in each.
  await app.call('assignments/create', { workerId: ma.id, gridId: t.g3.id, startDate: '2025-06-01', role: '网格长' });
  for (let i = 0; i < 15; i++) {
    await app.call('households/create', { gridId: t.g1.id, headName: `户主${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰'[i]}` });
  }
  await app.call('households/create', { gridId: t.g2.id, headName: '王大山' });
  await app.call('households/create', { gridId: t.g3.id, headName: '李小河' });
  return { ma, niu, wu, zhou, zheng };
}

async function add(r: Rec, fields: Record<string, unknown>): Promise<void> {
  await app.call('records/create', { kind: r.kind, fields: { gridId: r.grid, ...fields } } as never);
  recs.push(r);
}

async function records(w: Awaited<ReturnType<typeof roster>>) {
  const dispute = (grid: number, found: string, status: string, settle: string | null = null) =>
    add(
      { kind: 'disputes', grid, date: found, status },
      {
        foundDate: found,
        category: '邻里',
        parties: `当事人${grid}-${found}`,
        status,
        ...(settle ? { settleDate: settle, settledLevel: '户级网格' } : {}),
      },
    );
  await dispute(t.g1.id, '2026-07-05', '调解成功', '2026-07-10');
  await dispute(t.g1.id, '2026-08-01', '调解不成', '2026-08-05');
  await dispute(t.g2.id, '2026-08-10', '排查中');
  await dispute(t.g3.id, '2026-09-01', '调解成功', '2026-09-03');
  await dispute(t.g3.id, '2026-09-30', '移交处理', '2026-09-30');
  await dispute(t.g1.id, '2026-06-30', '调解成功', '2026-06-30'); // before the period
  const report = (grid: number, date: string, important: boolean) =>
    add({ kind: 'reports', grid, date, important }, { date, type: '消防', summary: `隐患${date}`, important });
  await report(t.g1.id, '2026-07-02', true);
  await report(t.g3.id, '2026-08-08', false);
  await report(t.g2.id, '2026-10-01', true); // after
  await add(
    { kind: 'publicity', grid: t.g1.id, date: '2026-07-03', households: 30 },
    {
      date: '2026-07-03',
      topic: '防汛',
      form: '入户',
      households: 30,
    },
  );
  await add(
    { kind: 'publicity', grid: t.b.id, date: '2026-09-12', households: 45 },
    {
      date: '2026-09-12',
      topic: '医保',
      form: '集中',
      households: 45,
    },
  );
  await add(
    { kind: 'services', grid: t.g2.id, date: '2026-07-04' },
    {
      workerId: w.niu.id,
      date: '2026-07-04',
      kind: '代办',
      content: '代办医保',
    },
  );
  await add(
    { kind: 'visits', grid: t.g3.id, date: '2026-07-06', households: 12 },
    {
      workerId: w.zhou.id,
      date: '2026-07-06',
      households: 12,
    },
  );
  await add(
    { kind: 'trainings', grid: t.town.id, date: '2026-07-07', attended: 20 },
    {
      date: '2026-07-07',
      content: '全镇网格员培训',
      attended: 20,
    },
  );
  await add(
    { kind: 'trainings', grid: t.a.id, date: '2026-08-15', attended: 5 },
    {
      date: '2026-08-15',
      kind: '例会',
      content: '村例会',
      attended: 5,
    },
  );
  await app.call('records/create', {
    kind: 'wechatGroups',
    fields: { gridId: t.g1.id, name: '许坪一网格群', owner: '马建国' },
  } as never);
  await app.call('records/create', {
    kind: 'wechatGroups',
    fields: { gridId: t.g3.id, name: '田家河一网格群', owner: '周长青' },
  } as never);
}

const HAND: SchemeDefinition = {
  criteria: [{ key: 'all', name: '综合评价', fullX10: 1000, weight: 100, metric: null, target: null }],
  bonus: [],
  deductions: [],
  grades: [
    { grade: '优秀', minX10: 950 },
    { grade: '合格', minX10: 800 },
    { grade: '基本合格', minX10: 700 },
    { grade: '不合格', minX10: 0 },
  ],
  levels: [3, 4],
  minMonths: 0,
  combine: [],
};

async function incentives(w: Awaited<ReturnType<typeof roster>>) {
  const scheme = await app.call('evaluations/schemes/create', {
    name: '季度考核',
    period: 'quarter',
    definition: HAND,
  });
  const sheet = await app.call('evaluations/sheets/create', {
    schemeId: scheme.id,
    villageId: t.a.id,
    date: '2026-08-01',
  });
  const low = sheet.lines.find((l) => l.workerId === w.niu.id)!;
  await app.call('evaluations/scores/set', {
    sheetId: sheet.id,
    lineId: low.id,
    itemKey: 'all',
    scoreX10: 750,
    reason: '按实绩',
  });
  await app.call('evaluations/sheets/approve', { id: sheet.id, approvedBy: '张书记' });
  const step = (stage: string, date: string) => ({ stage, date, decision: '通过' as const, decidedBy: '镇党委' });
  const award = await app.call('recommendations/create', {
    workerId: w.ma.id,
    pipeline: 'award',
    year: 2026,
    first: step('提名', '2026-03-01'),
  });
  await app.call('recommendations/addStep', {
    id: award.id,
    ...step('授予', '2026-04-01'),
    honour: { awardLevel: '镇级' },
  });
  await app.call('recommendations/create', {
    workerId: w.zhou.id,
    pipeline: 'party',
    year: 2026,
    first: step('入党积极分子', '2026-05-01'),
  });
  await app.call('recommendations/create', {
    workerId: w.zheng.id,
    pipeline: 'party',
    year: 2025,
    first: step('入党积极分子', '2025-05-01'),
  });
  const batch = await app.call('subsidies/batches/create', { from: FROM, to: TO, title: '2026年第三季度' });
  // An adjustment in 分 that is not whole 元: the workbook must keep the 角 and 分.
  const first = (await app.call('subsidies/batches/get', { id: batch.id })).lines[0]!;
  await app.call('subsidies/lines/adjust', { lineId: first.id!, adjustFen: 1_234, reason: '补发' });
  await app.call('subsidies/batches/approve', { id: batch.id, approvedBy: '王镇长' });
}

beforeAll(async () => {
  app = await openTestApp();
  t = await township();
  const w = await roster();
  await records(w);
  await incentives(w);
});
afterAll(() => app.close());

/** The record figures of a row, recounted from what was inserted. */
function recount(village: number | null | 'all'): Partial<VillageFigures> {
  const mine = recs.filter(
    (r) => r.date >= FROM && r.date <= TO && (village === 'all' || t.villageOf.get(r.grid) === village),
  );
  const of = (k: Rec['kind']) => mine.filter((r) => r.kind === k);
  const sum = (list: Rec[], f: (r: Rec) => number) => list.reduce((s, r) => s + f(r), 0);
  const disputes = of('disputes');
  return {
    disputesFound: disputes.length,
    disputesHandled: disputes.filter((d) => ['调解成功', '调解不成', '移交处理'].includes(d.status!)).length,
    disputesSuccess: disputes.filter((d) => d.status === '调解成功').length,
    reports: of('reports').length,
    importantReports: of('reports').filter((r) => r.important).length,
    publicityItems: of('publicity').length,
    publicityHouseholds: sum(of('publicity'), (r) => r.households!),
    services: of('services').length,
    visits: of('visits').length,
    visitHouseholds: sum(of('visits'), (r) => r.households!),
    trainings: of('trainings').length,
    trainingAttendance: sum(of('trainings'), (r) => r.attended!),
  };
}

const figures = (gridId: number | null = null) => app.call('reports/figures', { from: FROM, to: TO, gridId });
const stats = (gridId: number | null = null) => app.call('records/stats', { from: FROM, to: TO, gridId });

function fromStats(s: Awaited<ReturnType<typeof stats>>): Partial<VillageFigures> {
  return {
    disputesFound: s.disputes.found,
    disputesHandled: s.disputes.handled,
    disputesSuccess: s.disputes.success,
    reports: s.reports.total,
    importantReports: s.reports.important,
    publicityItems: s.publicity.items,
    publicityHouseholds: s.publicity.households,
    services: s.services,
    visits: s.visits.logs,
    visitHouseholds: s.visits.households,
    trainings: s.trainings.sessions,
    trainingAttendance: s.trainings.attendance,
  };
}

function pick(f: VillageFigures, like: Partial<VillageFigures>): Partial<VillageFigures> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, f[k as keyof VillageFigures]]));
}

describe('report figures', () => {
  it('one row per village plus the township’s own row (its training); rows agree with records stats and a recount', async () => {
    const f = await figures();
    expect(f.rows.map((r) => r.name)).toEqual(['许坪村', '田家河村', '温水镇本级']);
    for (const [row, village] of [
      [f.rows[0]!, t.a.id],
      [f.rows[1]!, t.b.id],
    ] as const) {
      const expected = recount(village);
      expect(pick(row, expected), row.name).toEqual(expected);
      expect(pick(row, expected), row.name).toEqual(fromStats(await stats(village)));
    }
    const own = recount(null);
    expect(own.trainings).toBe(1);
    expect(pick(f.rows[2]!, own)).toEqual(own);
    const all = recount('all');
    expect(pick(f.total, all)).toEqual(all);
    expect(pick(f.total, all)).toEqual(fromStats(await stats()));
    expect(pick((await figures(t.town.id)).total, all)).toEqual(fromStats(await stats(t.town.id)));
  });

  it('a village or a group gives that village’s row only, counting its subtree', async () => {
    const v = await figures(t.b.id);
    expect(v.rows.map((r) => r.name)).toEqual(['田家河村']);
    expect(pick(v.total, recount(t.b.id))).toEqual(fromStats(await stats(t.b.id)));
    const g = await figures(t.b1.id);
    expect(g.rows.map((r) => r.name)).toEqual(['田家河村']);
    // The village's own publicity is outside the group.
    expect(g.total.publicityItems).toBe(0);
    expect(pick(g.total, recount(t.b.id))).toEqual(fromStats(await stats(t.b1.id)));
    expect(g.total.householdGrids).toBe(1);
  });

  it('below a village, incentives are those of the workers holding a grid there now', async () => {
    const village = (await figures(t.a.id)).total;
    expect(village.grades).toEqual({ 优秀: 2, 合格: 0, 基本合格: 1, 不合格: 0 });
    expect([village.recommendations, village.awards]).toEqual([1, 1]);
    // 第2网格 is 牛志强's: his 基本合格 only, not 马建国's award.
    const grid = (await figures(t.g2.id)).total;
    expect(grid.grades).toEqual({ 优秀: 0, 合格: 0, 基本合格: 1, 不合格: 0 });
    expect([grid.recommendations, grid.awards, grid.workers]).toEqual([0, 0, 1]);
  });

  it('roster, grids, incentives and subsidies by village agree with plain SQL', async () => {
    const f = await figures();
    const expected = await expectedRoster();
    for (const row of f.rows.slice(0, 2))
      expect(pick(row, expected.get(row.villageId!)!), row.name).toEqual(expected.get(row.villageId!));
    const a = f.rows[0]!;
    expect(a.workers).toBe(3);
    expect(f.rows[1]!.workers).toBe(3);
    expect(a.ageBands).toEqual({ '≤35岁': 1, '36–50岁': 1, '>50岁': 1 });
    expect(a.education).toEqual({ 初中及以下: 1, '高中/中专': 1, 大专: 0, 本科及以上: 1, 未填: 0 });
    expect(a.tags).toEqual({ 老党员: 2, 新乡贤: 1 });
    expect(a.grades).toEqual({ 优秀: 2, 合格: 0, 基本合格: 1, 不合格: 0 });
    expect(a.recommendations).toBe(1);
    expect(a.awards).toBe(1);
    expect(f.rows[1]!.recommendations).toBe(1);
    const fen = await expectedSubsidies();
    for (const row of f.rows) expect(row.subsidyTotal, row.name).toBe(fen.get(row.villageId) ?? 0);
    expect(f.total.subsidyTotal).toBe([...fen.values()].reduce((s, n) => s + n, 0));
    expect(f.total.subsidyTotal).toBeGreaterThan(0);
  });
});

/** The state-now figures per village, by plain SQL and loops. */
async function expectedRoster(): Promise<Map<number, Partial<VillageFigures>>> {
  const db = app.ctx.handle.sqlite;
  const out = new Map<number, Partial<VillageFigures>>();
  for (const v of [t.a.id, t.b.id]) {
    const grids = [...t.villageOf].filter(([, vv]) => vv === v).map(([g]) => g);
    const inV = `(${grids.join(',')})`;
    const n = (q: string) => (db.prepare(q).get() as { n: number }).n;
    const level = (l: number) => n(`select count(*) n from grids where level = ${l} and id in ${inV}`);
    const perGrid = db
      .prepare(
        `select g.id, (select count(*) from households h where h.grid_id = g.id) n from grids g where level = 4 and id in ${inV}`,
      )
      .all() as { n: number }[];
    const holders = (extra: string) =>
      n(
        `select count(distinct a.worker_id) n from assignments a join grids g on g.id = a.grid_id where a.end_date is null and a.grid_id in ${inV} ${extra}`,
      );
    out.set(v, {
      groups: level(3),
      householdGrids: level(4),
      households: n(`select count(*) n from households where grid_id in ${inV}`),
      gridsOutsideRule: perGrid.filter((g) => g.n < 15 || g.n > 20).length,
      workers: holders(''),
      workersLevel3: holders('and g.level = 3'),
      workersLevel4: holders('and g.level = 4'),
      partyMembers: n(
        `select count(*) n from workers where political_status in ('中共党员','中共预备党员') and id in (select worker_id from assignments where end_date is null and grid_id in ${inV})`,
      ),
      wechatGroups: n(`select count(*) n from wechat_groups where grid_id in ${inV}`),
    });
  }
  return out;
}

async function expectedSubsidies(): Promise<Map<number | null, number>> {
  const lines = app.ctx.handle.sqlite
    .prepare(
      `select l.village_id v, l.computed_fen c, l.adjust_fen a, b.status s, b.period_end e from payout_lines l join payout_batches b on b.id = l.batch_id`,
    )
    .all() as { v: number | null; c: number; a: number; s: string; e: string }[];
  const out = new Map<number | null, number>();
  for (const l of lines) {
    if (!['已审定', '已发放'].includes(l.s) || l.e < FROM || l.e > TO) continue;
    out.set(l.v, (out.get(l.v) ?? 0) + l.c + l.a);
  }
  return out;
}

/** Each sheet as { row name → { column header → value } }, read back from the file. */
async function readBook(
  file: string,
): Promise<{ names: string[]; sheets: Map<string, Map<string, Record<string, unknown>>> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, Map<string, Record<string, unknown>>>();
  for (const ws of wb.worksheets) {
    const headers: string[] = [];
    ws.getRow(5).eachCell({ includeEmpty: true }, (c, col) => (headers[col] = String(c.value ?? '')));
    const rows = new Map<string, Record<string, unknown>>();
    for (let r = 6; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const rec: Record<string, unknown> = {};
      for (let c = 2; c < headers.length; c++) rec[headers[c]!] = row.getCell(c).value;
      rows.set(String(row.getCell(1).value), rec);
    }
    sheets.set(ws.name, rows);
  }
  return { names: wb.worksheets.map((w) => w.name), sheets };
}

describe('报送报表', () => {
  let f: ReportFigures;
  let book: Awaited<ReturnType<typeof readBook>>;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    f = await figures();
    const out = path.join(app.dir, '报送报表.xlsx');
    const saved = await app.call('reports/workbook', { from: FROM, to: TO, gridId: null, out });
    expect(saved).toEqual({ file: out, rows: 3 });
    book = await readBook(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    ws = wb.getWorksheet('工作开展')!;
  });

  it('has the six sheets in order, the government layout and a 合计 row on each', () => {
    expect(book.names).toEqual(['网格划分统计', '网格员队伍', '工作开展', '培训', '激励表彰', '补贴发放']);
    expect(String(ws.getCell('A1').value)).toBe('温水镇2026年第三季度网格化服务管理工作报表（工作开展）');
    expect(String(ws.getCell('A2').value)).toContain('填报单位（盖章）：温水镇');
    expect(ws.getRow(2).values.toString()).toContain('填报日期：');
    expect(ws.getCell('D4').value).toBe('信息报告');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 5 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '4:5' });
    for (const [name, rows] of book.sheets)
      expect([...rows.keys()], name).toEqual(['许坪村', '田家河村', '温水镇本级', '合计']);
  });

  it('every sheet’s 合计 and village rows equal the database, the recount and records stats', async () => {
    const s = book.sheets;
    const total = fromStats(await stats());
    const work = s.get('工作开展')!;
    for (const [name, village] of [
      ['许坪村', t.a.id],
      ['田家河村', t.b.id],
      ['合计', 'all'],
    ] as const) {
      const e = name === '合计' ? total : fromStats(await stats(village as number));
      expect(recount(village), name).toEqual(e);
      const w = work.get(name)!;
      expect([w['宣传条数'], w['覆盖户数'], w['报告数'], w['其中重要']], name).toEqual([
        e.publicityItems,
        e.publicityHouseholds,
        e.reports,
        e.importantReports,
      ]);
      expect([w['排查数'], w['调处数'], w['成功数'], w['便民服务'], w['走访次数'], w['走访户数']], name).toEqual([
        e.disputesFound,
        e.disputesHandled,
        e.disputesSuccess,
        e.services,
        e.visits,
        e.visitHouseholds,
      ]);
      expect(w['调处率'], name).toBeCloseTo(e.disputesHandled! / e.disputesFound!, 3);
      expect(w['成功率'], name).toBeCloseTo(e.disputesSuccess! / e.disputesHandled!, 3);
      const tr = s.get('培训')!.get(name)!;
      expect([tr['培训场次'], tr['参训人次']], name).toEqual([e.trainings, e.trainingAttendance]);
    }
    expect(work.get('合计')!['调处率']).toBeCloseTo(4 / 5, 3);
    const roster = await expectedRoster();
    const sum = (k: keyof VillageFigures) => [...roster.values()].reduce((a, r) => a + (r[k] as number), 0);
    const grids = s.get('网格划分统计')!.get('合计')!;
    expect([
      grids['村民小组数'],
      grids['户级网格数'],
      grids['户数'],
      grids['不在15–20户的网格数'],
      grids['微信群数'],
    ]).toEqual([sum('groups'), sum('householdGrids'), sum('households'), sum('gridsOutsideRule'), sum('wechatGroups')]);
    const team = s.get('网格员队伍')!.get('合计')!;
    expect([team['合计'], team['网格长（三级）'], team['网格员（四级）'], team['党员']]).toEqual([
      sum('workers'),
      sum('workersLevel3'),
      sum('workersLevel4'),
      sum('partyMembers'),
    ]);
    // 许坪村 35, 50, 51; 田家河村 36, 30 and 马建国 (35) again.
    expect([team['≤35岁'], team['36–50岁'], team['>50岁']]).toEqual([3, 2, 1]);
    const grades = app.ctx.handle.sqlite
      .prepare(
        `select l.grade g from eval_lines l join eval_sheets s on s.id = l.sheet_id where s.status = '已审定' and s.period_end between ? and ? and l.excluded is null`,
      )
      .all(FROM, TO) as { g: string }[];
    const prize = s.get('激励表彰')!.get('合计')!;
    for (const g of ['优秀', '合格', '基本合格', '不合格'])
      expect(prize[g], g).toBe(grades.filter((x) => x.g === g).length);
    expect([prize['推荐人次'], prize['表彰人次']]).toEqual([2, 1]);
    const fen = await expectedSubsidies();
    const money = s.get('补贴发放')!;
    expect(money.get('合计')!['合计']).toBe([...fen.values()].reduce((a, n) => a + n, 0) / 100);
    expect(money.get('许坪村')!['合计']).toBe((fen.get(t.a.id) ?? 0) / 100);
    expect(f.total.subsidyTotal).toBe([...fen.values()].reduce((a, n) => a + n, 0));
  });
});
