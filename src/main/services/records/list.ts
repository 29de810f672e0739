/**
 * Lists of one kind with the list's filters, a page at a time, and the timeline of every kind for
 * a grid subtree or a worker. Both order by the record's own date, newest first, then id.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { HandlerArgs } from '../../../shared/api';
import { todayIso } from '../../../shared/dates';
import { RECORD_KINDS, RECORD_LABELS, type RecordKind, type RecordView } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { subtreeIdList } from '../grids/queries';
import {
  allOf,
  byWorker,
  containsText,
  inGrids,
  inPeriod,
  inSubtree,
  ofType,
  overdueDispute,
  TYPE_COLUMNS,
  WORKER_KINDS,
} from './queries';
import { fromKind, kindTable, toViews, type RecordRow } from './views';

type ListInput = HandlerArgs<'records/list'>;

function refuse(kind: RecordKind, what: string): never {
  throw new AppError('VALIDATION', `${RECORD_LABELS[kind]}没有${what}，不能按${what}筛选。`);
}

/** The filters that apply only to some kinds are refused on the others, not silently ignored. */
function kindOnlyConditions(kind: RecordKind, input: ListInput, today: string): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
  const dispute = kind === 'disputes';
  if (input.status.length > 0) {
    if (!dispute) refuse(kind, '办理状态');
    c.push(sql<SqlBool>`r.status in (${sql.join(input.status)})`);
  }
  if (input.category) {
    if (!dispute) refuse(kind, '纠纷类别');
    c.push(sql<SqlBool>`r.category = ${input.category}`);
  }
  if (input.settledLevel !== null) {
    if (!dispute) refuse(kind, '化解层级');
    c.push(sql<SqlBool>`r.settled_level = ${input.settledLevel}`);
  }
  if (input.overdue) {
    if (!dispute) refuse(kind, '超期状态');
    c.push(overdueDispute(today));
  }
  if (input.important) {
    if (kind !== 'reports') refuse(kind, '重要信息标记');
    c.push(sql<SqlBool>`r.important = 1`);
  }
  if (input.type) {
    if (!TYPE_COLUMNS[kind]) refuse(kind, '类别');
    c.push(ofType(kind, input.type));
  }
  return c;
}

/** Every condition of a list input, as the reusable predicates of queries.ts. */
export function listConditions(db: DbOrTrx, input: ListInput, today = todayIso()): RawBuilder<SqlBool> {
  const kind = input.kind;
  const c: RawBuilder<SqlBool>[] = [];
  if (input.from !== null || input.to !== null) c.push(inPeriod(kind, input.from, input.to));
  if (input.gridId !== null) c.push(inSubtree(db, input.gridId));
  if (input.workerId !== null) {
    if (!WORKER_KINDS.includes(kind) && kind !== 'trainings') refuse(kind, '网格员');
    c.push(byWorker(kind, input.workerId));
  }
  c.push(...kindOnlyConditions(kind, input, today));
  if (input.text) c.push(containsText(kind, input.text));
  return allOf(c);
}

/** Newest first by the kind's own date, then by id. */
function dateOrder(kind: RecordKind) {
  return kind === 'wechatGroups' ? sql.ref('r.updated_at') : sql.ref(`r.${kindTable(kind).dateColumn}`);
}

export async function listRecords(db: DbOrTrx, input: ListInput): Promise<{ total: number; rows: RecordView[] }> {
  const where = listConditions(db, input);
  const { total } = (await fromKind(db, input.kind)
    .select(sql<number>`count(*)`.as('total'))
    .where(where)
    .executeTakeFirstOrThrow()) as { total: number };
  const rows = (await fromKind(db, input.kind)
    .selectAll('r')
    .where(where)
    .orderBy(dateOrder(input.kind), 'desc')
    .orderBy('r.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute()) as RecordRow[];
  return { total: Number(total), rows: await toViews(db, input.kind, rows) };
}

type TimelineInput = HandlerArgs<'records/timeline'>;

interface Stub {
  kind: RecordKind;
  id: number;
  date: string;
  createdAt: string;
}

/** A kind's newest `limit` records for the timeline: only what ordering needs. */
async function timelineStubs(
  db: DbOrTrx,
  kind: RecordKind,
  input: TimelineInput,
  grids: RawBuilder<SqlBool> | null,
): Promise<Stub[]> {
  if (input.workerId !== null && !WORKER_KINDS.includes(kind) && kind !== 'trainings') return [];
  const c: RawBuilder<SqlBool>[] = [];
  if (input.from !== null || input.to !== null) c.push(inPeriod(kind, input.from, input.to));
  if (grids) c.push(grids);
  if (input.workerId !== null) c.push(byWorker(kind, input.workerId));
  const rows = (await fromKind(db, kind)
    .select(['r.id', dateOrder(kind).as('date'), 'r.created_at'])
    .where(allOf(c))
    .orderBy(dateOrder(kind), 'desc')
    .orderBy('r.id', 'desc')
    .limit(input.limit)
    .execute()) as { id: number; date: string; created_at: string }[];
  const day = (d: string) => (kind === 'wechatGroups' ? todayIso(new Date(d)) : d);
  return rows.map((r) => ({ kind, id: r.id, date: day(r.date), createdAt: r.created_at }));
}

/**
 * Every kind's records for a grid subtree and/or a worker, newest first, at most `limit`: each
 * kind's newest are merged first, and only the records that make the cut become views.
 */
export async function timeline(db: DbOrTrx, input: TimelineInput): Promise<RecordView[]> {
  // The subtree once for the seven tables; a township's thousands of grids stay a subquery.
  let grids: RawBuilder<SqlBool> | null = null;
  if (input.gridId !== null) {
    const ids = await subtreeIdList(db, input.gridId);
    grids = ids.length <= 500 ? inGrids(ids) : inSubtree(db, input.gridId);
  }
  const stubs: Stub[] = [];
  for (const kind of RECORD_KINDS) stubs.push(...(await timelineStubs(db, kind, input, grids)));
  const order = (a: Stub, b: Stub) =>
    b.date.localeCompare(a.date) ||
    b.createdAt.localeCompare(a.createdAt) ||
    RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind) ||
    b.id - a.id;
  const chosen = stubs.sort(order).slice(0, input.limit);
  const views = new Map<string, RecordView>();
  for (const kind of RECORD_KINDS) {
    const ids = chosen.filter((s) => s.kind === kind).map((s) => s.id);
    if (ids.length === 0) continue;
    const rows = (await fromKind(db, kind).selectAll('r').where('r.id', 'in', ids).execute()) as RecordRow[];
    for (const v of await toViews(db, kind, rows)) views.set(`${kind}:${v.id}`, v);
  }
  return chosen.map((s) => views.get(`${s.kind}:${s.id}`)!);
}
