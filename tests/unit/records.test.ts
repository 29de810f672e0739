import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/shared/dates';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_STATUSES,
  OPEN_DISPUTE_STATUSES,
  RECORD_KINDS,
  RECORD_LABELS,
  RECORD_SCHEMAS,
  REPORT_TYPES,
  type RecordInput,
  type RecordKind,
  type RecordListInput,
  type RecordView,
} from '../../src/shared/records';
import { dispatch } from '../../src/main/ipc/dispatch';
import path from 'node:path';
import { buildFixture } from '../fixtures/schema/build';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

type Tree = Awaited<ReturnType<typeof tree>>;

/** A township, two villages each with a group and two household grids, two workers, households. */
async function tree() {
  const grid = (parentId: number | null, level: number, name: string, code: string) =>
    app.call('grids/create', { parentId, level, name, code, ...(level === 2 ? { kind: '村' as const } : {}) });
  const town = await grid(null, 1, '温水镇', '11');
  const tian = await grid(town.id, 2, '田家河村', '1114');
  const tianGroup = await grid(tian.id, 3, '十四组', '111401');
  const tian1 = await grid(tianGroup.id, 4, '第1网格', '11140101');
  const tian2 = await grid(tianGroup.id, 4, '第2网格', '11140102');
  const da = await grid(town.id, 2, '大坪村', '1115');
  const daGroup = await grid(da.id, 3, '一组', '111501');
  const da1 = await grid(daGroup.id, 4, '第1网格', '11150101');
  const worker = (name: string, seq: number) =>
    app.call('workers/create', { name, gender: '男', idNumber: makeId('1970-03-01', seq, '男'), phone: '13912345678' });
  const guo = await worker('郭书科', 11);
  const li = await worker('李民宝', 13);
  const household = (gridId: number, headName: string) => app.call('households/create', { gridId, headName });
  const zhang = await household(tian1.id, '张大山');
  const wang = await household(da1.id, '王小河');
  return { town, tian, tianGroup, tian1, tian2, da, daGroup, da1, guo, li, zhang, wang };
}

/** One valid record of each kind, and a change to it. */
function samples(t: Tree): { [K in RecordKind]: [RecordInput<K>, RecordInput<K>] } {
  return {
    disputes: [
      {
        gridId: t.tian1.id,
        workerId: t.guo.id,
        foundDate: '2026-03-05',
        place: '十四组张家院坝',
        category: '邻里',
        parties: '张大山、李四',
        summary: '宅旁排水沟堵塞引发争执',
        deadline: '2026-03-20',
        steps: [{ date: '2026-03-06', handler: '郭书科', action: '上门了解情况' }],
      },
      {
        gridId: t.tian1.id,
        workerId: t.guo.id,
        foundDate: '2026-03-05',
        place: '十四组张家院坝',
        category: '邻里',
        parties: '张大山、李四',
        summary: '宅旁排水沟堵塞引发争执',
        status: '调解成功',
        settledLevel: '户级网格',
        settleDate: '2026-03-10',
        difficulty: '简单',
        steps: [
          { date: '2026-03-06', handler: '郭书科', action: '上门了解情况' },
          { date: '2026-03-10', handler: '郭书科', action: '双方签订调解协议' },
        ],
      },
    ],
    reports: [
      {
        gridId: t.tian2.id,
        workerId: t.li.id,
        date: '2026-04-02',
        time: '14:30',
        type: '消防',
        summary: '柴堆靠近电线',
      },
      {
        gridId: t.tian2.id,
        workerId: t.li.id,
        date: '2026-04-02',
        time: '14:30',
        type: '消防',
        summary: '柴堆靠近电线',
        handling: '已督促搬离',
        important: true,
      },
    ],
    publicity: [
      {
        gridId: t.tian.id,
        date: '2026-03-01',
        datePrecision: 'month',
        topic: '防范网络诈骗',
        form: '集中',
        people: 45,
      },
      {
        gridId: t.tian.id,
        date: '2026-03-01',
        datePrecision: 'month',
        topic: '防范网络诈骗',
        form: '集中',
        people: 52,
        households: 30,
      },
    ],
    services: [
      {
        gridId: t.tian1.id,
        workerId: t.guo.id,
        householdId: t.zhang.id,
        date: '2026-05-11',
        kind: '代办',
        content: '代办医保缴费',
      },
      {
        gridId: t.tian1.id,
        workerId: t.guo.id,
        householdId: t.zhang.id,
        date: '2026-05-11',
        kind: '代办',
        content: '代办医保缴费',
        result: '已办结',
      },
    ],
    visits: [
      {
        gridId: t.da1.id,
        workerId: t.li.id,
        date: '2026-06-01',
        households: 12,
        problemTypes: { 安全隐患: 2 },
        solved: 1,
      },
      {
        gridId: t.da1.id,
        workerId: t.li.id,
        date: '2026-06-01',
        households: 14,
        problemTypes: { 安全隐患: 2, 民生诉求: 1 },
        solved: 1,
        reported: 2,
      },
    ],
    trainings: [
      { gridId: t.town.id, date: '2026-02-20', content: '网格员业务培训', expected: 3, attendees: [t.guo.id, t.li.id] },
      { gridId: t.town.id, date: '2026-02-20', content: '网格员业务培训', expected: 3, attendees: [t.li.id] },
    ],
    wechatGroups: [
      { gridId: t.tian1.id, name: '田家河十四组第1网格群', owner: '郭书科', members: 80, households: 40 },
      { gridId: t.tian1.id, name: '田家河十四组第1网格群', owner: '郭书科', members: 86, households: 42 },
    ],
  };
}

/** The fields as stored: as the schema reads them, a training's attendance following its list. */
function stored(kind: RecordKind, input: unknown) {
  const fields = RECORD_SCHEMAS[kind].parse(input) as Record<string, unknown>;
  const attendees = fields.attendees as number[] | undefined;
  return attendees?.length ? { ...fields, attended: attendees.length } : fields;
}

/** A view's fields, whatever its kind. */
const any = (v: RecordView) => v.fields as Record<string, unknown>;

async function lastAudit() {
  const log = await app.call('audit/list', { pageSize: 1 });
  return log.rows[0]!;
}

describe('records: one of each kind', () => {
  it.each(RECORD_KINDS)(
    '%s: create, get, update and delete round-trip, each logged naming the record',
    async (kind) => {
      const t = await tree();
      const [first, changed] = samples(t)[kind] as [RecordInput<RecordKind>, RecordInput<RecordKind>];
      const created = await app.call('records/create', { kind, fields: first } as never);
      expect(created.fields).toEqual(stored(kind, first));
      expect(await app.call('records/get', { kind, id: created.id })).toEqual(created);
      expect(created.gridCode).not.toBe('');
      expect(created.summary).not.toBe('');
      const entry = await lastAudit();
      expect(entry.entity).toBe(RECORD_LABELS[kind]);
      expect(entry.summary).toContain(created.gridLabel);
      expect(entry.summary).toContain(created.date);

      const updated = await app.call('records/update', { kind, id: created.id, fields: changed } as never);
      expect(updated.fields).toEqual(stored(kind, changed));
      expect(await app.call('records/get', { kind, id: created.id })).toEqual(updated);
      expect((await lastAudit()).summary).not.toContain('无变化');

      expect(await app.call('records/delete', { kind, id: created.id })).toEqual({ deleted: 1 });
      const gone = await dispatch(app.ctx, 'records/get', { kind, id: created.id });
      expect(!gone.ok && gone.error.message).toContain(`找不到编号为 ${created.id} 的${RECORD_LABELS[kind]}`);
      expect((await lastAudit()).action).toBe('删除记录');
    },
  );

  it('names the grid from the village down, the worker and the household; dates and lines', async () => {
    const t = await tree();
    const s = samples(t);
    const d = await app.call('records/create', { kind: 'disputes', fields: s.disputes[0] });
    expect(d.gridLabel).toBe('田家河村 / 十四组 / 第1网格');
    expect(d.workerName).toBe('郭书科');
    expect(d.date).toBe('2026-03-05');
    expect(d.status).toBe('排查中');
    // Open and past its 2026-03-20 deadline.
    expect(d.overdue).toBe(todayIso() > '2026-03-20');
    expect(any(d).steps).toHaveLength(1);
    const sv = await app.call('records/create', { kind: 'services', fields: s.services[0] });
    expect(sv.householdName).toBe('张大山');
    expect(sv.summary).toContain('代办');
    const tr = await app.call('records/create', { kind: 'trainings', fields: s.trainings[0] });
    expect(tr.gridLabel).toBe('温水镇');
    // Ticked from the roster: attendance is the list.
    expect(any(tr).attended).toBe(2);
    const ledger = await app.call('records/create', {
      kind: 'trainings',
      fields: { gridId: t.tian.id, date: '2026-02-21', content: '村例会', attended: 7 },
    });
    expect(any(ledger).attended).toBe(7);
    expect(any(ledger).attendees).toEqual([]);
    const steps = app.ctx.handle.sqlite.prepare('select count(*) as n from dispute_steps').get() as { n: number };
    expect(steps.n).toBe(1);
  });
});

describe('records: refusals', () => {
  async function refused(kind: RecordKind, fields: unknown, id?: number) {
    const r = await dispatch(app.ctx, id ? 'records/update' : 'records/create', {
      kind,
      fields,
      ...(id ? { id } : {}),
    });
    if (r.ok) throw new Error('expected a refusal');
    return r.error;
  }

  it('refuses unknown grids, workers and households, a household outside the grid, a group organising a training', async () => {
    const t = await tree();
    const s = samples(t);
    const noGrid = await refused('reports', { ...s.reports[0], gridId: 9999 });
    expect(noGrid.fields?.gridId).toContain('网格（编号 9999）不存在');
    const noWorker = await refused('disputes', { ...s.disputes[0], workerId: 9999 });
    expect(noWorker.fields?.workerId).toContain('网格员（编号 9999）不存在');
    const noHousehold = await refused('services', { ...s.services[0], householdId: 9999 });
    expect(noHousehold.fields?.householdId).toContain('住户（编号 9999）不存在');
    // 王小河 lives in 大坪村: not in 田家河村's grid.
    const elsewhere = await refused('services', { ...s.services[0], householdId: t.wang.id });
    expect(elsewhere.fields?.householdId).toBe(
      '户主“王小河”的住户不在网格“田家河村 / 十四组 / 第1网格”内，请选择该网格的住户',
    );
    // A village's subtree holds its households.
    const village = await app.call('records/create', {
      kind: 'services',
      fields: { ...s.services[0], gridId: t.tian.id },
    });
    expect(village.householdName).toBe('张大山');
    const group = await refused('trainings', { ...s.trainings[0], gridId: t.tianGroup.id });
    expect(group.fields?.gridId).toContain('组织单位应为镇（一级网格）或村（二级网格），“田家河村 / 十四组”是3级网格');
    const absent = await refused('trainings', { ...s.trainings[0], attendees: [t.guo.id, 9999] });
    expect(absent.fields?.attendees).toContain('1 名网格员不存在');
    const count = app.ctx.handle.sqlite.prepare('select count(*) as n from services').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('keeps one WeChat group per grid, naming the first', async () => {
    const t = await tree();
    const s = samples(t);
    const first = await app.call('records/create', { kind: 'wechatGroups', fields: s.wechatGroups[0] });
    const second = await refused('wechatGroups', { ...s.wechatGroups[0], name: '另一个群' });
    expect(second.code).toBe('CONFLICT');
    expect(second.fields?.gridId).toBe(
      '网格“田家河村 / 十四组 / 第1网格”已有微信群“田家河十四组第1网格群”，每个网格只登记一个群，请修改原有的群',
    );
    // Its own update is not a second group.
    await app.call('records/update', { kind: 'wechatGroups', id: first.id, fields: s.wechatGroups[1] });
    const other = await app.call('records/create', {
      kind: 'wechatGroups',
      fields: { ...s.wechatGroups[0], gridId: t.tian2.id },
    });
    const moved = await refused('wechatGroups', { ...s.wechatGroups[0], gridId: t.tian1.id }, other.id);
    expect(moved.fields?.gridId).toContain('已有微信群');
  });

  it("dates a WeChat group by its last change on the clerks' (Beijing) calendar", async () => {
    const t = await tree();
    const g = await app.call('records/create', { kind: 'wechatGroups', fields: samples(t).wechatGroups[0] });
    // 01:30 on 1 April in Beijing is still 31 March in UTC.
    app.ctx.handle.sqlite.prepare("update wechat_groups set updated_at = '2026-03-31T17:30:00.000Z'").run();
    expect((await app.call('records/get', { kind: 'wechatGroups', id: g.id })).date).toBe('2026-04-01');
    const april = await app.call('records/list', { kind: 'wechatGroups', from: '2026-04-01', to: '2026-04-01' });
    expect(april.total).toBe(1);
    const march = await app.call('records/list', { kind: 'wechatGroups', to: '2026-03-31' });
    expect(march.total).toBe(0);
  });

  it('refuses a filter the kind does not have', async () => {
    const r = await dispatch(app.ctx, 'records/list', { kind: 'reports', status: ['排查中'] });
    expect(!r.ok && r.error.message).toBe('信息报告没有办理状态，不能按办理状态筛选。');
    const w = await dispatch(app.ctx, 'records/list', { kind: 'publicity', workerId: 1 });
    expect(!w.ok && w.error.message).toContain('政策宣传没有网格员');
  });
});

// ——— Lists against plain loops ———

interface Fixture {
  id: number;
  kind: RecordKind;
  gridId: number;
  workerId: number | null;
  date: string;
  status: string | null;
  category: string | null;
  deadline: string | null;
  important: boolean;
  type: string;
  text: string;
}

/** Deterministic pseudo-random numbers: the same fixtures every run. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    // The high bits: an LCG's low bits cycle with short periods.
    return Math.floor(s / 65536) % n;
  };
}

async function fill(t: Tree): Promise<Fixture[]> {
  const r = rng(7);
  const grids = [t.tian1, t.tian2, t.da1, t.tianGroup, t.da];
  const workers = [t.guo.id, t.li.id, null];
  const out: Fixture[] = [];
  for (let i = 0; i < 70; i++) {
    const gridId = grids[r(grids.length)]!.id;
    const workerId = workers[r(3)]!;
    const date = `2026-${String(1 + r(12)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`;
    const status = DISPUTE_STATUSES[r(5)]!;
    const open = (OPEN_DISPUTE_STATUSES as readonly string[]).includes(status);
    const category = DISPUTE_CATEGORIES[r(4)]!;
    const deadline = r(2) ? `2026-${String(1 + r(12)).padStart(2, '0')}-28` : null;
    const parties = `当事人${i}${r(3) === 0 ? '宅基地' : ''}`;
    const fields = {
      gridId,
      workerId,
      foundDate: date,
      category,
      parties,
      status,
      settledLevel: status === '调解成功' ? '村' : null,
      settleDate: open ? null : date,
      deadline: deadline && deadline >= date ? deadline : null,
    } as const;
    const v = await app.call('records/create', { kind: 'disputes', fields });
    out.push({ ...base(v), category, status, deadline: fields.deadline, text: parties });
  }
  for (let i = 0; i < 40; i++) {
    const type = REPORT_TYPES[r(3)]!;
    const summary = `${r(4) === 0 ? '山体滑坡' : '一般情况'}${i}`;
    const fields = {
      gridId: grids[r(grids.length)]!.id,
      workerId: workers[r(3)]!,
      date: `2026-${String(1 + r(12)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`,
      type,
      summary,
      important: r(3) === 0,
    };
    const v = await app.call('records/create', { kind: 'reports', fields });
    out.push({ ...base(v), important: fields.important, type, text: summary });
  }
  return out;
}

function base(v: RecordView): Fixture {
  const f = v.fields as { gridId: number; workerId?: number | null };
  return {
    id: v.id,
    kind: v.kind,
    gridId: f.gridId,
    workerId: f.workerId ?? null,
    date: v.date,
    status: null,
    category: null,
    deadline: null,
    important: false,
    type: '',
    text: '',
  };
}

/** The expected ids: a plain loop over the fixtures, newest first then by id. */
function expected(all: Fixture[], subtrees: Map<number, number[]>, q: RecordListInput): number[] {
  const today = todayIso();
  return all
    .filter((f) => f.kind === q.kind)
    .filter((f) => !q.from || f.date >= q.from)
    .filter((f) => !q.to || f.date <= q.to)
    .filter((f) => !q.gridId || subtrees.get(q.gridId)!.includes(f.gridId))
    .filter((f) => !q.workerId || f.workerId === q.workerId)
    .filter((f) => !q.status?.length || q.status.includes(f.status as never))
    .filter((f) => !q.category || f.category === q.category)
    .filter(
      (f) => !q.overdue || (['排查中', '调处中'].includes(f.status!) && f.deadline !== null && f.deadline < today),
    )
    .filter((f) => !q.important || f.important)
    .filter((f) => !q.type || f.type === q.type)
    .filter((f) => !q.text || f.text.includes(q.text))
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
    .map((f) => f.id);
}

describe('records/list and records/timeline', () => {
  it('filters by period, subtree, worker, status, category, overdue, importance, type and text, paged', async () => {
    const t = await tree();
    const all = await fill(t);
    const subtrees = new Map([
      [t.tian.id, [t.tian.id, t.tianGroup.id, t.tian1.id, t.tian2.id]],
      [t.tianGroup.id, [t.tianGroup.id, t.tian1.id, t.tian2.id]],
      [t.da1.id, [t.da1.id]],
    ]);
    const queries: RecordListInput[] = [
      { kind: 'disputes' },
      { kind: 'disputes', from: '2026-03-01', to: '2026-06-30' },
      { kind: 'disputes', gridId: t.tian.id },
      { kind: 'disputes', gridId: t.tianGroup.id, from: '2026-05-01' },
      { kind: 'disputes', gridId: t.da1.id },
      { kind: 'disputes', workerId: t.guo.id },
      { kind: 'disputes', status: ['排查中', '调处中'] },
      { kind: 'disputes', status: ['调解成功'], gridId: t.tian.id },
      { kind: 'disputes', category: '邻里' },
      { kind: 'disputes', overdue: true },
      { kind: 'disputes', overdue: true, gridId: t.tian.id },
      { kind: 'disputes', text: '宅基地' },
      { kind: 'reports' },
      { kind: 'reports', important: true },
      { kind: 'reports', type: '消防', to: '2026-08-31' },
      { kind: 'reports', text: '山体', workerId: t.li.id },
    ];
    for (const q of queries) {
      const want = expected(all, subtrees, q);
      const got = await app.call('records/list', { ...q, limit: 500 });
      expect(
        got.rows.map((r) => r.id),
        JSON.stringify(q),
      ).toEqual(want);
      expect(got.total).toBe(want.length);
    }
    // Every filter above narrowed something, so none of them is a no-op.
    expect(expected(all, subtrees, { kind: 'disputes', overdue: true }).length).toBeGreaterThan(0);
    const page = await app.call('records/list', { kind: 'disputes', offset: 20, limit: 10 });
    expect(page.rows.map((r) => r.id)).toEqual(expected(all, subtrees, { kind: 'disputes' }).slice(20, 30));
    expect(page.total).toBe(70);
  });

  it('reads LIKE wildcards in the text filter literally', async () => {
    const t = await tree();
    await app.call('records/create', {
      kind: 'reports',
      fields: { gridId: t.tian1.id, date: '2026-01-02', type: '其他', summary: '完成率100%' },
    });
    await app.call('records/create', {
      kind: 'reports',
      fields: { gridId: t.tian1.id, date: '2026-01-03', type: '其他', summary: '完成率1000' },
    });
    const r = await app.call('records/list', { kind: 'reports', text: '100%' });
    expect(r.rows.map((v) => any(v).summary)).toEqual(['完成率100%']);
  });

  it('gives a grid subtree and a worker every kind of record, newest first', async () => {
    const t = await tree();
    const s = samples(t);
    for (const kind of RECORD_KINDS) await app.call('records/create', { kind, fields: s[kind][0] } as never);
    await app.call('records/create', {
      kind: 'reports',
      fields: { gridId: t.da1.id, workerId: t.guo.id, date: '2026-09-09', type: '其他', summary: '大坪村的报告' },
    });
    // A training 郭书科 did not attend is not his.
    await app.call('records/create', {
      kind: 'trainings',
      fields: { ...s.trainings[0], date: '2026-02-21', attendees: [t.li.id] },
    });
    const tian = await app.call('records/timeline', { gridId: t.tian.id });
    // 田家河村's own: dispute, report, publicity, service, WeChat group (the training is the township's, the visit 大坪村's).
    expect(tian.map((v) => v.kind).sort()).toEqual(['disputes', 'publicity', 'reports', 'services', 'wechatGroups']);
    const dates = tian.map((v) => v.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const guo = await app.call('records/timeline', { workerId: t.guo.id });
    expect(guo.map((v) => `${v.kind} ${v.date}`)).toEqual([
      'reports 2026-09-09',
      'services 2026-05-11',
      'disputes 2026-03-05',
      'trainings 2026-02-20',
    ]);
    const both = await app.call('records/timeline', { workerId: t.guo.id, gridId: t.tian.id, from: '2026-03-01' });
    expect(both.map((v) => v.kind)).toEqual(['services', 'disputes']);
    const attended = await app.call('records/list', { kind: 'trainings', workerId: t.li.id });
    expect(attended.rows.map((v) => v.date)).toEqual(['2026-02-21', '2026-02-20']);
    const limited = await app.call('records/timeline', { gridId: t.town.id, limit: 2 });
    // A WeChat group counts by its last change (today): the newest.
    expect(limited.map((v) => v.kind)).toEqual(['wechatGroups', 'reports']);
  });
});

describe('records/bulkCreate', () => {
  it('refuses the whole batch listing every row error, and saves a clean batch in one go', async () => {
    const t = await tree();
    const good = { gridId: t.tian1.id, workerId: t.guo.id, date: '2026-05-02', households: 3 };
    const rows = [
      good,
      { ...good, date: '2026-13-01' },
      good,
      { ...good, workerId: 9999, households: -1 },
      { ...good, gridId: 8888 },
    ];
    const r = await dispatch(app.ctx, 'records/bulkCreate', { kind: 'visits', rows });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.details?.rowErrors).toEqual([
      { row: 2, field: 'date', message: '走访日期不是有效日期' },
      { row: 4, field: 'households', message: '走访户数不能为负数' },
      { row: 5, field: 'gridId', message: '所选网格（编号 8888）不存在，可能已被删除' },
    ]);
    expect(r.error.message).toBe(
      '5 条走访均未保存：3 行有错误。第 2 行 走访日期：走访日期不是有效日期；第 4 行 走访户数：走访户数不能为负数；' +
        '第 5 行 网格：所选网格（编号 8888）不存在，可能已被删除。请改正后重新保存。',
    );
    const count = () => (app.ctx.handle.sqlite.prepare('select count(*) as n from visits').get() as { n: number }).n;
    expect(count()).toBe(0);
    // A row whose fields are right but whose worker is gone is a row error too.
    const ref = await dispatch(app.ctx, 'records/bulkCreate', {
      kind: 'visits',
      rows: [good, { ...good, workerId: 9999 }],
    });
    expect(!ref.ok && ref.error.details?.rowErrors).toEqual([
      { row: 2, field: 'workerId', message: '所选网格员（编号 9999）不存在，可能已被删除' },
    ]);
    expect(count()).toBe(0);

    const ok = await app.call('records/bulkCreate', {
      kind: 'visits',
      rows: [good, { ...good, date: '2026-05-03' }, good],
    });
    expect(ok.created).toBe(3);
    expect(ok.ids).toHaveLength(3);
    expect(count()).toBe(3);
    const entry = await lastAudit();
    expect(entry.summary).toBe('批量录入 3 条走访，2026-05-02～2026-05-03，田家河村 / 十四组 / 第1网格');
    expect(entry.counts).toEqual({ 走访: 3 });
  });

  it('lists more errors than the message shows, and two groups for one grid in a batch', async () => {
    const t = await tree();
    const rows = Array.from({ length: 8 }, () => ({ gridId: t.tian1.id, name: '' }));
    const r = await dispatch(app.ctx, 'records/bulkCreate', { kind: 'wechatGroups', rows });
    expect(!r.ok && r.error.details?.rowErrors).toHaveLength(8);
    expect(!r.ok && r.error.message).toContain('；等共 8 处错误');
    const dup = await dispatch(app.ctx, 'records/bulkCreate', {
      kind: 'wechatGroups',
      rows: [
        { gridId: t.tian1.id, name: '一群' },
        { gridId: t.tian1.id, name: '二群' },
      ],
    });
    expect(!dup.ok && dup.error.details?.rowErrors).toEqual([
      { row: 2, field: 'gridId', message: '与第 1 行是同一网格，每个网格只登记一个微信群' },
    ]);
  });
});

describe('deleting what records refer to', () => {
  it('refuses to delete a grid, worker or household that has records, naming them', async () => {
    const t = await tree();
    const s = samples(t);
    await app.call('records/create', { kind: 'services', fields: s.services[0] });
    await app.call('records/create', { kind: 'disputes', fields: s.disputes[0] });
    await app.call('records/create', { kind: 'trainings', fields: { ...s.trainings[0], attendees: [t.li.id] } });
    const grid = await dispatch(app.ctx, 'grids/delete', { id: t.tian1.id, cascade: true });
    expect(!grid.ok && grid.error.message).toContain('矛盾纠纷记录');
    expect(!grid.ok && grid.error.message).toContain('便民服务记录');
    const worker = await dispatch(app.ctx, 'workers/delete', { id: t.guo.id, confirm: true });
    expect(!worker.ok && worker.error.message).toContain('矛盾纠纷记录');
    const attendee = await dispatch(app.ctx, 'workers/delete', { id: t.li.id, confirm: true });
    expect(!attendee.ok && attendee.error.message).toContain('培训签到');
    const household = await dispatch(app.ctx, 'households/delete', { id: t.zhang.id });
    expect(!household.ok && household.error.message).toContain('1 条便民服务记录');
    // Nothing was deleted.
    expect((await app.call('grids/get', { id: t.tian1.id })).id).toBe(t.tian1.id);
    expect((await app.call('households/get', { id: t.zhang.id })).headName).toBe('张大山');
  });
});

describe('records written by the 0005 schema', () => {
  it('reads every kind of a database at 0005, upgraded, as its views', async () => {
    await app.close();
    const dir = tempDir();
    await buildFixture(path.join(dir, 'griddesk.sqlite'), '0005_records');
    app = await openTestApp(dir);
    const one = async (kind: RecordKind) => {
      const list = await app.call('records/list', { kind });
      expect(list.total, kind).toBe(1);
      return list.rows[0]!;
    };
    const d = await one('disputes');
    expect(d.gridLabel).toBe('许坪村 / 许坪村一组 / 一组第1网格');
    expect(d.workerName).toBe('王德明');
    expect(any(d).steps).toEqual([{ date: '2025-03-06', handler: '网格员', action: '上门调解' }]);
    expect(d.overdue).toBe(false);
    expect(any(await one('reports')).important).toBe(true);
    expect((await one('services')).householdName).toBe('张国富');
    expect(any(await one('visits')).problemTypes).toEqual({ 安全隐患: 2 });
    expect(any(await one('publicity')).datePrecision).toBe('month');
    const training = await one('trainings');
    expect(training.gridLabel).toBe('温水镇');
    expect(any(training).attendees).toEqual([1]);
    expect((await one('wechatGroups')).summary).toBe('一组第1网格群（52 人，覆盖 18 户）');
    const timeline = await app.call('records/timeline', { workerId: 1 });
    expect(timeline.map((v) => v.kind)).toEqual(['visits', 'services', 'reports', 'trainings', 'disputes']);
  });
});
