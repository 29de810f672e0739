/**
 * 推优 through the real dispatcher on a real SQLite file: stage order, one open pipeline,
 * completion, hints from seeded workers and approved evaluations, deeds recounted by hand from
 * the records the test inserts, and the list workbook and 推荐表 PDF read back.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '../../src/shared/api';
import { todayIso } from '../../src/shared/dates';
import { maskId } from '../../src/shared/idcard';
import { openTestApp, type TestApp } from '../helpers/context';
import { readPdf } from '../helpers/pdf';
import { makeId } from '../helpers/people';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const PEOPLE = {
  young: { name: '郭书科', birth: '1990-05-01', education: '大专', political: '群众' },
  old: { name: '李民宝', birth: '1974-03-01', education: '初中', political: '群众' },
  member: { name: '王二', birth: '1985-08-20', education: '高中', political: '中共党员' },
} as const;

async function setup() {
  const grid = (parentId: number | null, level: number, name: string, code: string) =>
    app.call('grids/create', { parentId, level, name, code, ...(level === 2 ? { kind: '村' as const } : {}) });
  const town = await grid(null, 1, '温水镇', '11');
  const village = await grid(town.id, 2, '田家河村', '1114');
  const group = await grid(village.id, 3, '十四组', '111401');
  const cells = [
    await grid(group.id, 4, '第1网格', '11140101'),
    await grid(group.id, 4, '第2网格', '11140102'),
    await grid(group.id, 4, '第3网格', '11140103'),
  ];
  const ids: Record<keyof typeof PEOPLE, { id: number; idNumber: string }> = {} as never;
  let seq = 11;
  for (const [key, p] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
    const idNumber = makeId(p.birth, seq++, '男');
    const w = await app.call('workers/create', {
      name: p.name,
      gender: '男',
      idNumber,
      phone: '13912345678',
      education: p.education,
      politicalStatus: p.political,
    });
    ids[key] = { id: w.id, idNumber };
  }
  const starts = { young: '2023-03-01', old: '2018-01-01', member: '2026-02-01' };
  let i = 0;
  for (const key of Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]) {
    await app.call('assignments/create', { workerId: ids[key].id, gridId: cells[i++]!.id, startDate: starts[key] });
  }
  return { village, cells, ids, starts };
}

type Create = HandlerInput<'recommendations/create'>;
const step = (stage: string, date: string, decision: '通过' | '未通过' | '暂缓' = '通过') => ({
  stage,
  date,
  decision,
  decidedBy: '镇党委',
});

async function refused(name: string, input: unknown): Promise<string> {
  const { dispatch } = await import('../../src/main/ipc/dispatch');
  const r = await dispatch(app.ctx, name as never, input as never);
  if (r.ok) throw new Error(`${name} should have been refused`);
  return r.error.message;
}

async function stepCount(): Promise<number> {
  const r = await app.ctx.handle.db
    .selectFrom('recommendation_steps')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('pipelines', () => {
  it('moves stage by stage and refuses, in Chinese naming the stage, a step out of order', async () => {
    const { ids } = await setup();
    const base: Create = {
      workerId: ids.young.id,
      pipeline: 'party',
      year: 2026,
      first: step('发展对象', '2026-01-10'),
    };
    expect(await refused('recommendations/create', base)).toContain('应从第一个环节“入党积极分子”开始');
    const r = await app.call('recommendations/create', { ...base, first: step('入党积极分子', '2026-01-10') });
    expect(r).toMatchObject({ stage: '入党积极分子', status: '进行中', nextStage: '发展对象' });

    const add = (s: ReturnType<typeof step>) => ({ id: r.id, ...s });
    expect(await refused('recommendations/addStep', add(step('预备党员', '2026-03-01')))).toContain(
      '“入党积极分子”之后应为“发展对象”',
    );
    expect(await refused('recommendations/addStep', add(step('发展对象', '2026-01-05')))).toContain(
      '早于上一环节“入党积极分子”的日期 2026-01-10',
    );
    expect(await refused('recommendations/addStep', add(step('发展对象', '2099-01-05')))).toContain('晚于今天');
    expect(await stepCount()).toBe(1);

    const held = await app.call('recommendations/addStep', add(step('发展对象', '2026-03-01', '暂缓')));
    expect(held).toMatchObject({ stage: '发展对象', status: '进行中', nextStage: '发展对象' });
    expect(await refused('recommendations/addStep', add(step('预备党员', '2026-04-01')))).toContain(
      '“发展对象”环节暂缓，下一步应仍为“发展对象”',
    );
    await app.call('recommendations/addStep', add(step('发展对象', '2026-04-01')));
    const failed = await app.call('recommendations/addStep', add(step('预备党员', '2026-05-01', '未通过')));
    expect(failed).toMatchObject({ stage: '预备党员', status: '未通过', nextStage: null });
    expect(await refused('recommendations/addStep', add(step('预备党员', '2026-06-01')))).toContain(
      '已终止（未通过），不能再登记“预备党员”环节',
    );
    expect(failed.stepList.map((s) => `${s.stage}${s.decision}`)).toEqual([
      '入党积极分子通过',
      '发展对象暂缓',
      '发展对象通过',
      '预备党员未通过',
    ]);

    const back = await app.call('recommendations/removeLastStep', { id: r.id });
    expect(back).toMatchObject({ stage: '发展对象', status: '进行中', nextStage: '预备党员', steps: 3 });
  });

  it('keeps one open pipeline per worker and kind, and completes at the last stage with 通过', async () => {
    const { ids } = await setup();
    const reserve: Create = {
      workerId: ids.young.id,
      pipeline: 'reserve',
      year: 2026,
      first: step('后备人才库', '2026-02-01'),
    };
    const r = await app.call('recommendations/create', reserve);
    expect(await refused('recommendations/create', { ...reserve, year: 2027 })).toContain(
      '郭书科已有进行中的“村“两委”后备人才”（2026年度，当前环节“后备人才库”）',
    );
    // Another kind, or another worker, is free.
    await app.call('recommendations/create', { ...reserve, pipeline: 'deputy', first: step('推荐', '2026-02-01') });
    await app.call('recommendations/create', { ...reserve, workerId: ids.old.id });

    await app.call('recommendations/addStep', { id: r.id, ...step('推荐', '2026-03-01') });
    const done = await app.call('recommendations/addStep', { id: r.id, ...step('当选/任命村干部', '2026-04-01') });
    expect(done).toMatchObject({ status: '已完成', stage: '当选/任命村干部', nextStage: null });
    // Completed: a new reserve pipeline may start.
    await app.call('recommendations/create', { ...reserve, year: 2027 });
  });

  it('awards: 授予 needs the level; the certificate is kept; one award per worker and year', async () => {
    const { ids } = await setup();
    const award: Create = { workerId: ids.young.id, pipeline: 'award', year: 2026, first: step('提名', '2026-10-01') };
    const r = await app.call('recommendations/create', award);
    const grant = { id: r.id, ...step('授予', '2026-11-01') };
    expect(await refused('recommendations/addStep', grant)).toContain('“授予”环节通过时请填写荣誉级别');
    expect(await stepCount()).toBe(1);
    const done = await app.call('recommendations/addStep', {
      ...grant,
      honour: { awardLevel: '县级', awardIssuer: '略阳县委政法委', certificateNo: 'LY-2026-018' },
    });
    expect(done).toMatchObject({ status: '已完成', awardLevel: '县级', certificateNo: 'LY-2026-018', nextStage: null });
    expect(await refused('recommendations/create', award)).toContain('已有2026年度的优秀网格员记录');

    const log = await app.ctx.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity', '=', '推优')
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['新建推优', '登记推优环节']);
    expect(log[1]!.summary).toContain('证书编号 LY-2026-018');

    const deleted = await app.call('recommendations/delete', { id: r.id });
    expect(deleted).toEqual({ deleted: 1, steps: 2 });
    expect(await stepCount()).toBe(0);
  });
});

describe('deputies and villages', () => {
  it('keeps the deputy’s seat, titles the form by it, and filters lists and hints by village', async () => {
    const { ids, village } = await setup();
    const town = (
      await app.ctx.handle.db.selectFrom('grids').select('id').where('level', '=', 1).executeTakeFirstOrThrow()
    ).id;
    const other = await app.call('grids/create', {
      parentId: town,
      level: 2,
      name: '许坪村',
      code: '1115',
      kind: '村',
    });
    const group = await app.call('grids/create', { parentId: other.id, level: 3, name: '一组', code: '111501' });
    await app.call('assignments/create', {
      workerId: ids.old.id,
      gridId: group.id,
      role: '网格长',
      startDate: '2026-03-01',
    });
    const outsider = await app.call('workers/create', {
      name: '赵敏',
      gender: '女',
      idNumber: makeId('1992-02-02', 31, '女'),
      phone: '13712345678',
    });
    await app.call('assignments/create', { workerId: outsider.id, gridId: group.id, startDate: '2026-03-01' });

    const r = await app.call('recommendations/create', {
      workerId: outsider.id,
      pipeline: 'deputy',
      year: 2026,
      first: step('推荐', '2026-04-01'),
      honour: { deputyKind: '人大代表' },
    });
    expect(r).toMatchObject({ deputyKind: '人大代表', awardLevel: null, village: '许坪村' });
    await app.call('recommendations/create', {
      workerId: ids.young.id,
      pipeline: 'deputy',
      year: 2026,
      first: step('推荐', '2026-04-01'),
    });
    const inVillage = await app.call('recommendations/list', { pipeline: 'deputy', year: 2026, villageId: village.id });
    expect(inVillage.map((x) => x.workerName)).toEqual(['郭书科']);
    const inOther = await app.call('recommendations/list', { pipeline: 'deputy', year: 2026, villageId: other.id });
    expect(inOther.map((x) => x.workerName)).toEqual(['赵敏']);
    const hints = await app.call('recommendations/hints', { pipeline: 'deputy', year: 2026, villageId: other.id });
    // 李民宝 holds grids in both villages; 郭书科 and 王二 only in 田家河村.
    expect(hints.map((h) => h.name).sort()).toEqual(['李民宝', '赵敏'].sort());

    const pdf = path.join(app.dir, '代表.pdf');
    await app.call('recommendations/printForm', { id: r.id, out: pdf });
    const text = (await readPdf(pdf))[0]!.items
      .map((i) => i.str)
      .join('')
      .replace(/\s/g, '');
    expect(text).toContain('人大代表推荐表');
    // The worker's village is the recommending unit.
    expect(text).toContain('推荐单位：许坪村');
    expect(text).toContain('历年考核等次暂无');
  });
});

/** Whole years from birth to `on`, counted by hand. */
function age(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

async function approve(villageId: number, label: string, start: string, end: string, grades: [number, string][]) {
  const db = app.ctx.handle.db;
  const ts = new Date().toISOString();
  const scheme =
    (await db.selectFrom('eval_schemes').select('id').executeTakeFirst()) ??
    (await db
      .insertInto('eval_schemes')
      .values({ name: '年度考核', period: 'year', definition: '{}', created_at: ts, updated_at: ts })
      .returning('id')
      .executeTakeFirstOrThrow());
  const sheet = await db
    .insertInto('eval_sheets')
    .values({
      scheme_id: scheme.id,
      village_id: villageId,
      period_start: start,
      period_end: end,
      period_label: label,
      status: '已审定',
      scheme_snapshot: '{}',
      previous_id: null,
      approved_at: ts,
      approved_by: '镇考核组',
      created_at: ts,
      updated_at: ts,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let position = 1;
  for (const [workerId, grade] of grades) {
    await db
      .insertInto('eval_lines')
      .values({
        sheet_id: sheet.id,
        worker_id: workerId,
        position: position++,
        grids: '',
        counts: '{}',
        total_x10: grade === '优秀' ? 960 : 850,
        grade,
        excluded: null,
      })
      .execute();
  }
}

describe('hints', () => {
  const asOf = '2026-06-30';

  it('reserve: age against 45 and education against 高中, from the seeded workers', async () => {
    const { ids, village } = await setup();
    await approve(village.id, '2025年度', '2025-01-01', '2025-12-31', [[ids.young.id, '优秀']]);
    const hints = await app.call('recommendations/hints', { pipeline: 'reserve', year: 2026, asOf });
    const by = new Map(hints.map((h) => [h.name, h]));
    const young = by.get('郭书科')!;
    expect(young.age).toBe(age(PEOPLE.young.birth, asOf));
    expect(young.reasons).toContainEqual({ text: `年龄 ${age(PEOPLE.young.birth, asOf)} 岁`, ok: true });
    expect(young.reasons).toContainEqual({ text: '学历大专', ok: true });
    expect(young.reasons).toContainEqual({ text: '近两年考核优秀', ok: true });
    expect(young.fit).toBe(true);
    const old = by.get('李民宝')!;
    expect(old.reasons).toContainEqual({ text: `年龄 ${age(PEOPLE.old.birth, asOf)} 岁，超过 45 岁`, ok: false });
    expect(old.reasons).toContainEqual({ text: '学历初中，低于高中', ok: false });
    expect(old.fit).toBe(false);
    expect(hints[0]!.name).toBe('郭书科');
  });

  it('party only for non-members; award for an 优秀 grade that year; open pipelines named', async () => {
    const { ids, village } = await setup();
    await approve(village.id, '2026年度', '2026-01-01', '2026-12-31', [
      [ids.young.id, '优秀'],
      [ids.old.id, '合格'],
    ]);
    const party = await app.call('recommendations/hints', { pipeline: 'party', year: 2026, asOf });
    const member = party.find((h) => h.name === '王二')!;
    expect(member.reasons).toContainEqual({ text: '已是中共党员', ok: false });
    expect(member.fit).toBe(false);

    const award = await app.call('recommendations/hints', { pipeline: 'award', year: 2026, asOf });
    const by = new Map(award.map((h) => [h.name, h]));
    expect(by.get('郭书科')!.reasons).toContainEqual({ text: '2026年度考核优秀', ok: true });
    expect(by.get('李民宝')!.reasons).toContainEqual({ text: '2026年考核合格，未获优秀', ok: false });
    expect(by.get('王二')!.reasons).toContainEqual({ text: '2026年暂无审定的考核结果', ok: null });
    // Tenure counted from the first assignment: 王二 started 2026-02-01.
    expect(by.get('王二')!.reasons).toContainEqual({ text: '任职不满 1 年', ok: false });

    await app.call('recommendations/create', {
      workerId: ids.young.id,
      pipeline: 'award',
      year: 2026,
      first: step('提名', '2026-06-01'),
    });
    const again = await app.call('recommendations/hints', { pipeline: 'award', year: 2026, asOf });
    const young = again.find((h) => h.name === '郭书科')!;
    expect(young.existing).toBe('2026年度“提名”（进行中）');
    expect(young.fit).toBe(false);
  });
});

interface Fixture {
  kind: 'reports' | 'disputes' | 'services' | 'visits' | 'trainings';
  worker: number | null;
  grid: number;
  date: string;
  important?: boolean;
  settle?: string;
  attendees?: number[];
}

function recordInput(f: Fixture): HandlerInput<'records/create'> {
  const common = { gridId: f.grid };
  switch (f.kind) {
    case 'reports':
      return {
        kind: 'reports',
        fields: {
          ...common,
          workerId: f.worker,
          date: f.date,
          type: '治安',
          summary: '发现隐患',
          important: !!f.important,
        },
      };
    case 'disputes':
      return {
        kind: 'disputes',
        fields: {
          ...common,
          workerId: f.worker,
          foundDate: f.date,
          category: '邻里',
          parties: `张三、李四${f.date}`,
          ...(f.settle ? { status: '调解成功', settleDate: f.settle, settledLevel: '户级网格' } : {}),
        },
      } as never;
    case 'services':
      return {
        kind: 'services',
        fields: { ...common, workerId: f.worker, date: f.date, kind: '代办', content: '代办医保' },
      };
    case 'visits':
      return { kind: 'visits', fields: { ...common, workerId: f.worker, date: f.date, households: 3 } };
    case 'trainings':
      return {
        kind: 'trainings',
        fields: { ...common, date: f.date, content: '业务培训', attendees: f.attendees ?? [] },
      };
  }
}

describe('deeds, list workbook and 推荐表', () => {
  it('counts the year’s records for the worker and prints them with masked ID and grades', async () => {
    const { ids, village, cells, starts } = await setup();
    const me = ids.young.id;
    const other = ids.old.id;
    const mine = cells[0]!.id;
    const fixtures: Fixture[] = [
      { kind: 'reports', worker: me, grid: mine, date: '2026-02-01' },
      { kind: 'reports', worker: me, grid: mine, date: '2026-03-01', important: true },
      { kind: 'reports', worker: null, grid: mine, date: '2026-04-01' }, // his grid, his report
      { kind: 'reports', worker: me, grid: mine, date: '2025-12-31', important: true }, // last year
      { kind: 'reports', worker: other, grid: cells[1]!.id, date: '2026-02-01' },
      { kind: 'disputes', worker: me, grid: mine, date: '2026-03-05', settle: '2026-03-20' },
      { kind: 'disputes', worker: me, grid: mine, date: '2026-05-05' },
      { kind: 'disputes', worker: me, grid: mine, date: '2025-11-05', settle: '2026-01-10' }, // settled this year
      { kind: 'services', worker: me, grid: mine, date: '2026-06-01' },
      { kind: 'services', worker: other, grid: mine, date: '2026-06-02' },
      { kind: 'visits', worker: null, grid: mine, date: '2026-07-01' },
      { kind: 'trainings', worker: null, grid: village.id, date: '2026-08-01', attendees: [me, other] },
      { kind: 'trainings', worker: null, grid: village.id, date: '2026-09-01', attendees: [other] },
    ];
    for (const f of fixtures) await app.call('records/create', recordInput(f));

    // By hand: the worker named, else the holder of the grid (only `me` holds `mine`).
    const year = (d: string) => d.startsWith('2026');
    const counts = { reports: 0, important: 0, disputes: 0, settled: 0, services: 0, visits: 0, trainings: 0 };
    for (const f of fixtures) {
      const forMe =
        f.kind === 'trainings' ? (f.attendees ?? []).includes(me) : (f.worker ?? (f.grid === mine ? me : null)) === me;
      if (!forMe) continue;
      if (f.kind === 'reports' && year(f.date)) {
        counts.reports++;
        if (f.important) counts.important++;
      }
      if (f.kind === 'disputes' && year(f.date)) counts.disputes++;
      if (f.kind === 'disputes' && f.settle && year(f.settle)) counts.settled++;
      if (f.kind === 'services' && year(f.date)) counts.services++;
      if (f.kind === 'visits' && year(f.date)) counts.visits++;
      if (f.kind === 'trainings' && year(f.date)) counts.trainings++;
    }
    const expected =
      `2026年度，郭书科同志认真履行网格员职责，上报信息 ${counts.reports} 条（其中重要信息 ${counts.important} 条）；` +
      `排查矛盾纠纷 ${counts.disputes} 起，调解成功 ${counts.settled} 起；开展便民服务 ${counts.services} 次；` +
      `入户走访 ${counts.visits} 次；参加培训例会 ${counts.trainings} 次。`;

    const r = await app.call('recommendations/create', {
      workerId: me,
      pipeline: 'award',
      year: 2026,
      first: step('提名', '2026-10-01'),
    });
    const draft = await app.call('recommendations/deedsDraft', { id: r.id });
    expect(draft.text).toBe(expected);

    await approve(village.id, '2025年度', '2025-01-01', '2025-12-31', [[me, '优秀']]);
    await approve(village.id, '2026年上半年', '2026-01-01', '2026-06-30', [[me, '合格']]);
    await app.call('recommendations/update', {
      id: r.id,
      deeds: draft.text,
      villageOpinion: '同意推荐',
      townshipOpinion: '',
      notes: '',
      honour: { awardLevel: '镇级', awardIssuer: '温水镇党委', certificateNo: null, deputyKind: null },
    });

    const pdf = path.join(app.dir, '推荐表.pdf');
    await app.call('recommendations/printForm', { id: r.id, out: pdf });
    const pages = await readPdf(pdf);
    expect(pages).toHaveLength(1);
    expect(Math.round(pages[0]!.width)).toBe(595);
    expect(pages[0]!.height).toBeGreaterThan(pages[0]!.width);
    const text = pages[0]!.items
      .map((i) => i.str)
      .join('')
      .replace(/\s/g, '');
    expect(text).toContain('2026年度优秀网格员推荐表');
    expect(text).toContain(maskId(ids.young.idNumber));
    expect(text).not.toContain(ids.young.idNumber);
    expect(text).toContain('139****5678');
    expect(text).toContain('2025年度优秀；2026年上半年合格');
    expect(text).toContain(expected.replace(/\s/g, ''));
    expect(text).toContain(`${age(starts.young, todayIso())}年（2023年03月起）`);
    expect(text).toContain('田家河村/十四组/第1网格');
    expect(text).toContain('村党组织意见');
    expect(text).toContain('同意推荐');

    const xlsx = path.join(app.dir, '名单.xlsx');
    const out = await app.call('recommendations/export', { pipeline: 'award', year: 2026, out: xlsx });
    expect(out.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toBe('2026年度优秀网格员名单');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toContain('身份证号');
    const row = ws.getRow(4);
    const cell = (h: string) => row.getCell(header.indexOf(h) + 1).text;
    expect(cell('姓名')).toBe('郭书科');
    expect(cell('身份证号')).toBe(maskId(ids.young.idNumber));
    expect(cell('当前环节')).toBe('提名');
    expect(cell('类别/级别')).toBe('镇级');
    expect(cell('村（社区）')).toBe('田家河村');
    const all = ws.getSheetValues().flat().join('|');
    expect(all).not.toContain(ids.young.idNumber);
    const filters = { pipeline: 'award', year: 2026, villageId: village.id } as const;
    expect(await app.call('recommendations/list', filters)).toHaveLength(1);
    expect(await app.call('recommendations/list', { ...filters, status: '已完成' })).toHaveLength(0);
  });
});
