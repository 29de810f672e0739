/**
 * A year of plausible records for a demo township (1 January of this year up to today): what a
 * township's clerks would have typed in by now. Rows are typed as each kind's validated fields and
 * written through `newRecordRow`, like the app's own writers; the tests run every one through its
 * kind's schema (parsing here would double the demo's time).
 */
import { todayIso } from '../../../shared/dates';
import {
  DEFAULT_PUBLICITY_TOPICS,
  type DisputeFields,
  type RecordFields,
  type RecordKind,
} from '../../../shared/records';
import { BATCH, insertBatched } from '../../db/bulk';
import type { DbOrTrx } from '../../db/schema';
import { subtreeIdList } from '../grids/queries';
import { newRecordRow, KIND_TABLES } from '../records/rows';
import { DISPUTE_TEXT, REPORT_TEXT, SERVICE_TEXT, TRAINING_TOPICS } from './record-texts';

type Rand = () => number;

interface Grid {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
}

/** The township as the generator sees it: its grids, who serves where, whose households are where. */
interface Township {
  grids: Grid[];
  byId: Map<number, Grid>;
  /** Current assignments by grid: worker ids and names. */
  workers: Map<number, { id: number; name: string }[]>;
  households: Map<number, { id: number; name: string }[]>;
}

async function loadTownship(db: DbOrTrx, townshipId: number): Promise<Township> {
  const ids = await subtreeIdList(db, townshipId);
  const grids = (
    await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name']).where('id', 'in', ids).execute()
  ).map((g) => ({ id: g.id, parentId: g.parent_id, level: g.level, name: g.name }));
  const workers = new Map<number, { id: number; name: string }[]>();
  for (const a of await db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .select(['a.grid_id', 'w.id', 'w.name'])
    .where('a.grid_id', 'in', ids)
    .where('a.end_date', 'is', null)
    .orderBy('a.id')
    .execute()) {
    push(workers, a.grid_id, { id: a.id, name: a.name });
  }
  const households = new Map<number, { id: number; name: string }[]>();
  for (const h of await db
    .selectFrom('households')
    .select(['id', 'grid_id', 'head_name'])
    .where('grid_id', 'in', ids)
    .orderBy('id')
    .execute()) {
    push(households, h.grid_id, { id: h.id, name: h.head_name });
  }
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), workers, households };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Dates of this year up to today, as day offsets from 1 January. */
class Calendar {
  readonly year: number;
  readonly days: number;
  private readonly start: number;

  constructor(readonly today: string) {
    this.year = Number(today.slice(0, 4));
    this.start = Date.UTC(this.year, 0, 1);
    this.days = Math.round((Date.parse(`${today}T00:00:00Z`) - this.start) / 86_400_000) + 1;
  }

  /** The date `offset` days after 1 January, never after today. */
  date(offset: number): string {
    const d = Math.max(0, Math.min(offset, this.days - 1));
    return new Date(this.start + d * 86_400_000).toISOString().slice(0, 10);
  }

  /** The date `offset` days after 1 January, after today if need be (a deadline). */
  free(offset: number): string {
    return new Date(this.start + offset * 86_400_000).toISOString().slice(0, 10);
  }

  offsetOf(date: string): number {
    return Math.round((Date.parse(`${date}T00:00:00Z`) - this.start) / 86_400_000);
  }

  /** Months begun so far (1-based), with the offset of their first day. */
  months(): { month: number; first: number }[] {
    const last = Number(this.today.slice(5, 7));
    return Array.from({ length: last }, (_, i) => ({ month: i + 1, first: this.offsetOf(this.monthStart(i + 1)) }));
  }

  monthStart(month: number): string {
    return `${this.year}-${String(month).padStart(2, '0')}-01`;
  }
}

function pickOf<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A weighted choice: [value, weight] pairs. */
function weighted<T>(rand: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return table[table.length - 1]![0];
}

const between = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** What the generator made, kind by kind, before it is written. */
interface Made {
  disputes: DisputeFields[];
  reports: RecordFields<'reports'>[];
  publicity: RecordFields<'publicity'>[];
  services: RecordFields<'services'>[];
  visits: RecordFields<'visits'>[];
  trainings: RecordFields<'trainings'>[];
  wechatGroups: RecordFields<'wechatGroups'>[];
}

const CATEGORY_MIX = [
  ['邻里', 25],
  ['婚姻家庭', 18],
  ['房屋宅基地', 14],
  ['山林土地', 10],
  ['损害赔偿', 6],
  ['合同', 5],
  ['生产经营', 4],
  ['拖欠农民工工资', 4],
  ['劳动争议', 3],
  ['道路交通事故', 3],
  ['环境污染', 2],
  ['征地拆迁', 2],
  ['医疗', 1],
  ['物业', 1],
  ['消费', 1],
  ['其他', 1],
] as const;

/** 小事不出网格、大事不出村: most successes are settled in the grid or the village. */
const LEVEL_MIX = [
  ['户级网格', 55],
  ['村民小组', 20],
  ['村', 18],
  ['镇', 7],
] as const;

function villageOf(t: Township, g: Grid): Grid {
  let cur = g;
  while (cur.level > 2 && cur.parentId !== null) cur = t.byId.get(cur.parentId)!;
  return cur;
}

function dispute(rand: Rand, t: Township, cal: Calendar, g: Grid, forceOverdue: boolean): DisputeFields {
  const category = weighted(rand, CATEGORY_MIX);
  const hh = t.households.get(g.id) ?? [];
  const a = hh.length ? pickOf(rand, hh).name : '村民甲';
  const b = hh.length > 1 ? pickOf(rand, hh).name : '村民乙';
  const found = forceOverdue ? cal.date(cal.days - between(rand, 45, 90)) : cal.date(Math.floor(rand() * cal.days));
  const f0 = cal.offsetOf(found);
  const worker = t.workers.get(g.id)?.[0] ?? null;
  const base = {
    gridId: g.id,
    workerId: worker?.id ?? null,
    foundDate: found,
    place: `${villageOf(t, g).name}${g.name.replace(/第\d+网格$/, '')}`,
    category,
    scale: weighted(rand, [
      ['一般', 90],
      ['较大', 9],
      ['重大', 1],
    ] as const),
    parties: a === b ? `${a}与邻居` : `${a}与${b}`,
    people: between(rand, 2, 6),
    summary: DISPUTE_TEXT[category] ?? '双方因琐事发生争执',
    difficulty: weighted(rand, [
      ['简单', 60],
      ['一般', 35],
      ['重大', 5],
    ] as const),
    // 化解时限: a month from the day it was found.
    deadline: cal.free(f0 + 30),
    notes: '',
    steps: [],
  };
  const settleAt = f0 + between(rand, 1, 20);
  if (forceOverdue || settleAt >= cal.days || rand() < 0.02) {
    return { ...base, status: rand() < 0.3 ? '排查中' : '调处中', settledLevel: null, settleDate: null };
  }
  const outcome = weighted(rand, [
    ['调解成功', 92],
    ['调解不成', 4],
    ['移交处理', 4],
  ] as const);
  const settledLevel =
    outcome === '调解成功'
      ? weighted(rand, LEVEL_MIX)
      : outcome === '移交处理'
        ? '移交'
        : pickOf(rand, ['村', '镇'] as const);
  return { ...base, status: outcome, settledLevel, settleDate: cal.date(settleAt) };
}

function makeDisputes(rand: Rand, t: Township, cal: Calendar, hhGrids: Grid[]): DisputeFields[] {
  // About one a year per three household grids; a few cases left open past their deadline.
  const out: DisputeFields[] = [];
  const count = Math.max(1, Math.round((hhGrids.length / 3) * Math.min(1, cal.days / 365)));
  const overdue = Math.min(3, Math.floor(count / 20));
  for (let i = 0; i < count; i++) out.push(dispute(rand, t, cal, pickOf(rand, hhGrids), i < overdue && cal.days > 100));
  return out;
}

function makeReports(rand: Rand, t: Township, cal: Calendar, hhGrids: Grid[]): RecordFields<'reports'>[] {
  const out: RecordFields<'reports'>[] = [];
  const count = Math.round(hhGrids.length * 0.5 * Math.min(1, cal.days / 365)) + 1;
  for (let i = 0; i < count; i++) {
    const g = pickOf(rand, hhGrids);
    const type = weighted(rand, [
      ['安全隐患', 30],
      ['消防', 15],
      ['防汛', 15],
      ['治安', 15],
      ['涉稳信息', 10],
      ['其他', 15],
    ] as const);
    const important = rand() < 0.12;
    out.push({
      gridId: g.id,
      workerId: t.workers.get(g.id)?.[0]?.id ?? null,
      date: cal.date(Math.floor(rand() * cal.days)),
      time: `${String(between(rand, 7, 19)).padStart(2, '0')}:${String(between(rand, 0, 59)).padStart(2, '0')}`,
      type,
      summary: pickOf(rand, REPORT_TEXT[type]!),
      handling: important ? '已现场处置并报镇综治中心' : '已现场处置',
      reportedTo: important ? '镇综治中心' : '村委会',
      result: rand() < 0.9 ? '已办结' : '处理中',
      important,
    });
  }
  return out;
}

function makePublicity(rand: Rand, t: Township, cal: Calendar, villages: Grid[]): RecordFields<'publicity'>[] {
  const out: RecordFields<'publicity'>[] = [];
  for (const v of villages) {
    for (const m of cal.months()) {
      for (let k = between(rand, 1, 3); k > 0; k--) {
        const households = between(rand, 30, 220);
        out.push({
          gridId: v.id,
          date: cal.date(m.first + between(rand, 0, 27)),
          topic: pickOf(rand, DEFAULT_PUBLICITY_TOPICS),
          form: weighted(rand, [
            ['入户', 50],
            ['集中', 25],
            ['微信群', 25],
          ] as const),
          households,
          people: Math.round(households * (2 + rand())),
          materials: rand() < 0.7 ? households : 0,
          datePrecision: 'day',
          notes: '',
        });
      }
    }
  }
  return out;
}

function makeServices(rand: Rand, t: Township, cal: Calendar, hhGrids: Grid[]): RecordFields<'services'>[] {
  const out: RecordFields<'services'>[] = [];
  for (const g of hhGrids) {
    const worker = t.workers.get(g.id)?.[0];
    const hh = t.households.get(g.id) ?? [];
    const count = Math.round(between(rand, 0, 4) * Math.min(1, cal.days / 365));
    for (let i = 0; i < count && hh.length > 0; i++) {
      const kind = weighted(rand, [
        ['代办', 50],
        ['帮扶', 25],
        ['照料', 15],
        ['其他', 10],
      ] as const);
      out.push({
        gridId: g.id,
        workerId: worker?.id ?? null,
        householdId: pickOf(rand, hh).id,
        date: cal.date(Math.floor(rand() * cal.days)),
        kind,
        content: pickOf(rand, SERVICE_TEXT[kind]!),
        result: '已办结',
      });
    }
  }
  return out;
}

/** One log a month per household-grid worker, dated near the month's end (never after today). */
function makeVisits(rand: Rand, t: Township, cal: Calendar, hhGrids: Grid[]): RecordFields<'visits'>[] {
  const out: RecordFields<'visits'>[] = [];
  for (const g of hhGrids) {
    const worker = t.workers.get(g.id)?.[0];
    const hh = t.households.get(g.id)?.length ?? 0;
    if (!worker) continue;
    for (const m of cal.months()) {
      const at = m.first + between(rand, 24, 27);
      if (at >= cal.days) continue;
      const safety = rand() < 0.3 ? between(rand, 1, 2) : 0;
      const needs = rand() < 0.4 ? between(rand, 1, 3) : 0;
      const problems = safety + needs;
      const solved = Math.floor(problems * rand());
      out.push({
        gridId: g.id,
        workerId: worker.id,
        date: cal.date(at),
        households: Math.max(1, Math.round(hh * (0.6 + 0.4 * rand()))),
        problemTypes: { ...(safety ? { 安全隐患: safety } : {}), ...(needs ? { 民生诉求: needs } : {}) },
        solved,
        reported: problems - solved,
        notes: '',
      });
    }
  }
  return out;
}

function workersUnder(t: Township, root: Grid, levels: number[]): number[] {
  const ids = new Set<number>();
  const walk = (g: Grid) => {
    if (levels.includes(g.level)) for (const w of t.workers.get(g.id) ?? []) ids.add(w.id);
  };
  for (const g of t.grids) {
    let cur: Grid | undefined = g;
    while (cur && cur.id !== root.id) cur = cur.parentId === null ? undefined : t.byId.get(cur.parentId);
    if (cur) walk(g);
  }
  return [...ids];
}

/** The township trains levels 1–3 (a monthly 例会, a quarterly 培训); each village its levels 3–4. */
function makeTrainings(rand: Rand, t: Township, cal: Calendar, township: Grid, villages: Grid[]) {
  const out: RecordFields<'trainings'>[] = [];
  const session = (organiser: Grid, roster: number[], date: string, kind: '培训' | '例会', audience: string) => {
    // Most of the roster ticked present; a few away.
    const attendees = roster.filter(() => rand() < 0.9);
    out.push({
      gridId: organiser.id,
      date,
      kind,
      audience,
      place: organiser.level === 1 ? `${organiser.name}政府会议室` : `${organiser.name}村委会会议室`,
      content: kind === '例会' ? '网格工作月度例会：通报上月情况，部署本月工作' : pickOf(rand, TRAINING_TOPICS),
      trainer: kind === '例会' ? '' : organiser.level === 1 ? '镇综治中心' : '村党组织书记',
      expected: roster.length,
      attendees: attendees.length > 0 ? attendees : roster.slice(0, 1),
      attended: 0,
    });
  };
  const leaders = workersUnder(t, township, [1, 2, 3]);
  for (const m of cal.months()) {
    if (m.first + 4 < cal.days) session(township, leaders, cal.date(m.first + 4), '例会', '村（社区）书记、网格长');
    if (m.month % 3 === 1 && m.first + 14 < cal.days)
      session(township, leaders, cal.date(m.first + 14), '培训', '村（社区）书记、网格长');
  }
  for (const v of villages) {
    const roster = workersUnder(t, v, [3, 4]);
    if (roster.length === 0) continue;
    for (let k = between(rand, 2, 4); k > 0; k--) {
      session(v, roster, cal.date(Math.floor(rand() * cal.days)), '培训', '网格长、网格员');
    }
  }
  return out;
}

/** A group for most household grids; a few still without one (the page lists them). */
function makeGroups(rand: Rand, t: Township, hhGrids: Grid[]): RecordFields<'wechatGroups'>[] {
  const out: RecordFields<'wechatGroups'>[] = [];
  for (const g of hhGrids) {
    if (rand() < 0.08) continue;
    const hh = t.households.get(g.id)?.length ?? 0;
    const covered = Math.round(hh * (0.8 + 0.2 * rand()));
    out.push({
      gridId: g.id,
      name: `${villageOf(t, g).name}${g.name}群`,
      owner: t.workers.get(g.id)?.[0]?.name ?? '',
      members: Math.round(covered * (1.8 + rand())),
      households: covered,
      notes: '',
    });
  }
  return out;
}

function makeAll(rand: Rand, t: Township, cal: Calendar, townshipId: number): Made {
  const hhGrids = t.grids.filter((g) => g.level === 4);
  const villages = t.grids.filter((g) => g.level === 2);
  return {
    disputes: makeDisputes(rand, t, cal, hhGrids),
    reports: makeReports(rand, t, cal, hhGrids),
    publicity: makePublicity(rand, t, cal, villages),
    services: makeServices(rand, t, cal, hhGrids),
    visits: makeVisits(rand, t, cal, hhGrids),
    trainings: makeTrainings(rand, t, cal, t.byId.get(townshipId)!, villages),
    wechatGroups: makeGroups(rand, t, hhGrids),
  };
}

async function insertWithIds(db: DbOrTrx, table: 'disputes' | 'trainings', rows: Record<string, unknown>[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const r = await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .returning('id')
      .execute();
    ids.push(...r.map((x) => x.id).sort((a, b) => a - b));
  }
  return ids;
}

async function write(db: DbOrTrx, made: Made, ts: string): Promise<number> {
  const rows = <K extends RecordKind>(kind: K, list: RecordFields<K>[]) => list.map((f) => newRecordRow(kind, f, ts));
  const disputeIds = await insertWithIds(db, 'disputes', rows('disputes', made.disputes));
  // Settled cases carry their handling: the worker's mediation on the settle date.
  const steps = made.disputes.flatMap((d, i) =>
    d.settleDate
      ? [
          {
            dispute_id: disputeIds[i]!,
            step_date: d.settleDate,
            handler: d.settledLevel === '户级网格' ? '网格员' : '调解委员会',
            action: '组织双方协商调解',
          },
        ]
      : [],
  );
  await insertBatched(db, 'dispute_steps', steps);
  const trainingIds = await insertWithIds(db, 'trainings', rows('trainings', made.trainings));
  await insertBatched(
    db,
    'training_attendees',
    made.trainings.flatMap((tr, i) => tr.attendees.map((w) => ({ training_id: trainingIds[i]!, worker_id: w }))),
  );
  for (const kind of ['reports', 'publicity', 'services', 'visits', 'wechatGroups'] as const) {
    await insertBatched(db, KIND_TABLES[kind].table as never, rows(kind, made[kind] as never) as never);
  }
  return Object.values(made).reduce((a, l) => a + l.length, 0);
}

/** Adds this year's records (up to `today`) to a demo township; returns how many. */
export async function addDemoRecords(
  db: DbOrTrx,
  townshipId: number,
  rand: Rand,
  ts: string,
  today = todayIso(),
): Promise<number> {
  const t = await loadTownship(db, townshipId);
  return write(db, makeAll(rand, t, new Calendar(today), townshipId), ts);
}
