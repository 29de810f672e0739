/**
 * Record rows become RecordViews a page at a time: one gridPaths call for the page's grids, one
 * query each for its workers, households, dispute steps and training attendees (never one per row).
 */
import type { Kysely } from 'kysely';
import { todayIso } from '../../../shared/dates';
import { OPEN_DISPUTE_STATUSES, type RecordFields, type RecordKind, type RecordView } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { gridPaths } from '../grids/queries';
import { KIND_TABLES, type KindTable } from './rows';

export type AnyFields = RecordFields<RecordKind>;
export type RecordRow = Record<string, unknown> & {
  id: number;
  grid_id: number;
  created_at: string;
  updated_at: string;
};

/** The kind's table mapping, typed for code that handles every kind alike. */
export function kindTable(kind: RecordKind): KindTable<RecordKind> {
  return KIND_TABLES[kind] as unknown as KindTable<RecordKind>;
}

/** Any record table, aliased `r`: the seven tables differ in columns, so queries over them are untyped. */
export function fromKind(db: DbOrTrx, kind: RecordKind) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table is chosen at run time
  return (db as unknown as Kysely<any>).selectFrom(`${kindTable(kind).table} as r`);
}

function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const unique = (values: unknown[]): number[] =>
  [...new Set(values.filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);

async function namesOf(db: DbOrTrx, table: 'workers' | 'households', ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const c of chunks(ids)) {
    const rows =
      table === 'workers'
        ? await db.selectFrom('workers').select(['id', 'name']).where('id', 'in', c).execute()
        : await db.selectFrom('households').select(['id', 'head_name as name']).where('id', 'in', c).execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

type Step = RecordFields<'disputes'>['steps'][number];

async function stepsOf(db: DbOrTrx, ids: number[]): Promise<Map<number, Step[]>> {
  const out = new Map<number, Step[]>();
  for (const c of chunks(ids)) {
    const rows = await db
      .selectFrom('dispute_steps')
      .select(['dispute_id', 'step_date', 'handler', 'action'])
      .where('dispute_id', 'in', c)
      .orderBy('step_date')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const step = { date: r.step_date, handler: r.handler, action: r.action };
      out.set(r.dispute_id, [...(out.get(r.dispute_id) ?? []), step]);
    }
  }
  return out;
}

async function attendeesOf(db: DbOrTrx, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const c of chunks(ids)) {
    const rows = await db
      .selectFrom('training_attendees')
      .select(['training_id', 'worker_id'])
      .where('training_id', 'in', c)
      .orderBy('worker_id')
      .execute();
    for (const r of rows) out.set(r.training_id, [...(out.get(r.training_id) ?? []), r.worker_id]);
  }
  return out;
}

const cut = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** One line for lists and timelines. */
export function summaryOf(kind: RecordKind, f: AnyFields, householdName: string | null): string {
  const v = f as Record<string, unknown> & AnyFields;
  switch (kind) {
    case 'disputes':
      return cut(`${String(v.category)}纠纷：${String(v.parties)}`);
    case 'reports':
      return cut(`${v.important ? '【重要】' : ''}${String(v.type)}：${String(v.summary)}`);
    case 'publicity':
      return cut(`${String(v.topic)}（${String(v.form)}，${Number(v.households)} 户 ${Number(v.people)} 人）`);
    case 'services':
      return cut(`${String(v.kind)}：${householdName ? `${householdName}户，` : ''}${String(v.content)}`);
    case 'visits': {
      const problems = Object.values(v.problemTypes as Record<string, number>).reduce((a, b) => a + b, 0);
      return `走访 ${Number(v.households)} 户，发现问题 ${problems} 个`;
    }
    case 'trainings':
      return cut(`${String(v.kind)}：${String(v.content)}（实到 ${Number(v.attended)} 人）`);
    case 'wechatGroups':
      return cut(`${String(v.name)}（${Number(v.members)} 人，覆盖 ${Number(v.households)} 户）`);
  }
}

/** The record's own date: what periods count it by. */
export function dateOf(kind: RecordKind, row: RecordRow): string {
  // A WeChat group's date is its last change, on the clerks' calendar.
  if (kind === 'wechatGroups') return todayIso(new Date(row.updated_at));
  return String(row[kindTable(kind).dateColumn]);
}

function isOverdue(kind: RecordKind, f: AnyFields, today: string): boolean {
  if (kind !== 'disputes') return false;
  const d = f as RecordFields<'disputes'>;
  return (OPEN_DISPUTE_STATUSES as readonly string[]).includes(d.status) && d.deadline !== null && d.deadline < today;
}

/** The views of rows of one kind, in the rows' order. */
export async function toViews(db: DbOrTrx, kind: RecordKind, rows: RecordRow[]): Promise<RecordView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One after another: a transaction's queries share one connection.
  const paths = await gridPaths(db, unique(rows.map((r) => r.grid_id)));
  const workers = await namesOf(db, 'workers', unique(rows.map((r) => r.worker_id)));
  const households = await namesOf(db, 'households', unique(rows.map((r) => r.household_id)));
  const steps = kind === 'disputes' ? await stepsOf(db, ids) : new Map<number, Step[]>();
  const attendees = kind === 'trainings' ? await attendeesOf(db, ids) : new Map<number, number[]>();
  const today = todayIso();
  return rows.map((row) => {
    let fields = kindTable(kind).fromRow(row);
    if (kind === 'disputes') fields = { ...fields, steps: steps.get(row.id) ?? [] } as AnyFields;
    if (kind === 'trainings') fields = { ...fields, attendees: attendees.get(row.id) ?? [] } as AnyFields;
    const path = paths.get(row.grid_id);
    const householdName = typeof row.household_id === 'number' ? (households.get(row.household_id) ?? null) : null;
    return {
      kind,
      id: row.id,
      fields,
      gridLabel: path?.label ?? '',
      gridCode: path?.grid.code ?? '',
      workerName: typeof row.worker_id === 'number' ? (workers.get(row.worker_id) ?? null) : null,
      householdName,
      date: dateOf(kind, row),
      summary: summaryOf(kind, fields, householdName),
      status: kind === 'disputes' ? String(row.status) : null,
      overdue: isOverdue(kind, fields, today),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}
