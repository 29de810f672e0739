/**
 * Reusable predicates over the seven record tables (Kysely's "reusable helpers" recipe), written
 * once for lists, timelines and whoever else narrows records: a period on the kind's own date
 * column, a grid subtree, a worker, open and overdue disputes. The tables differ in their columns,
 * so the helpers name columns with `sql.ref` and take any record table's query.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { OPEN_DISPUTE_STATUSES, type RecordKind } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { subtreeOf } from '../grids/queries';
import { KIND_TABLES } from './rows';

/** The alias every record query gives its table. */
export const R = 'r';

const col = (name: string) => sql.ref(`${R}.${name}`);

/** The kind's own date (a dispute's found date…) within from–to, both inclusive and optional. */
export function inPeriod(kind: RecordKind, from: string | null, to: string | null): RawBuilder<SqlBool> {
  // WeChat groups count by their last change, a UTC instant: the clerks' (Beijing) day of it.
  const date =
    kind === 'wechatGroups' ? sql`date(${col('updated_at')}, '+8 hours')` : col(KIND_TABLES[kind].dateColumn);
  const parts: RawBuilder<SqlBool>[] = [];
  if (from !== null) parts.push(sql<SqlBool>`${date} >= ${from}`);
  if (to !== null) parts.push(sql<SqlBool>`${date} <= ${to}`);
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The record's grid is this grid or below it. */
export function inSubtree(db: DbOrTrx, gridId: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`${col('grid_id')} in (${subtreeOf(db, gridId)})`;
}

/** The record's grid is one of these (a subtree resolved once for several queries). */
export function inGrids(ids: readonly number[]): RawBuilder<SqlBool> {
  return ids.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${col('grid_id')} in (${sql.join(ids)})`;
}

/** Kinds whose rows name the worker who did them. */
export const WORKER_KINDS: readonly RecordKind[] = ['disputes', 'reports', 'services', 'visits'];

/**
 * The worker's records: the ones they did, and for trainings the sessions they attended. Publicity
 * and WeChat groups name no worker: none of theirs match.
 */
export function byWorker(kind: RecordKind, workerId: number): RawBuilder<SqlBool> {
  if (WORKER_KINDS.includes(kind)) return sql<SqlBool>`${col('worker_id')} = ${workerId}`;
  if (kind === 'trainings') {
    return sql<SqlBool>`exists (select 1 from training_attendees ta where ta.training_id = ${col('id')} and ta.worker_id = ${workerId})`;
  }
  return sql<SqlBool>`1 = 0`;
}

const OPEN = sql.join(OPEN_DISPUTE_STATUSES.map((s) => sql.lit(s)));

/** A dispute still 排查中 or 调处中. */
export function openDispute(): RawBuilder<SqlBool> {
  return sql<SqlBool>`${col('status')} in (${OPEN})`;
}

/** An open dispute whose deadline (化解时限) passed before `today`. */
export function overdueDispute(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${openDispute()} and ${col('deadline')} is not null and ${col('deadline')} < ${today})`;
}

/** The columns a kind's text search looks in. */
export const TEXT_COLUMNS: Record<RecordKind, readonly string[]> = {
  disputes: ['parties', 'place', 'summary', 'notes'],
  reports: ['summary', 'handling', 'reported_to', 'result'],
  publicity: ['topic', 'notes'],
  services: ['content', 'result'],
  visits: ['notes'],
  trainings: ['content', 'audience', 'place', 'trainer'],
  wechatGroups: ['name', 'owner', 'notes'],
};

/** Any of the kind's text columns contains `text` (LIKE wildcards typed by the clerk are literal). */
export function containsText(kind: RecordKind, text: string): RawBuilder<SqlBool> {
  const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const ors = TEXT_COLUMNS[kind].map((c) => sql<SqlBool>`${col(c)} like ${like} escape '\\'`);
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/** The column a kind's `type` filter compares with; publicity matches its topic or its form. */
export const TYPE_COLUMNS: Partial<Record<RecordKind, readonly string[]>> = {
  reports: ['type'],
  services: ['kind'],
  publicity: ['topic', 'form'],
  trainings: ['kind'],
};

export function ofType(kind: RecordKind, type: string): RawBuilder<SqlBool> {
  const ors = (TYPE_COLUMNS[kind] ?? []).map((c) => sql<SqlBool>`${col(c)} = ${type}`);
  return ors.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/** All the conditions, joined with and (true when there are none). */
export function allOf(conditions: Expression<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}
