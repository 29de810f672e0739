/**
 * Which worker a record counts for, written once for evaluations (考核) and subsidies (补贴):
 * the worker the record names, else whoever held its grid on the given date (网格员 first, else 网格长) (publicity
 * names nobody; a ledger row may leave 网格员 blank). Nobody held the grid that day → null: the
 * record counts for no one, and callers list such records so the clerk can fix them.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { RecordKind } from '../../../shared/records';
import { currentOn } from '../workers/queries';
import { R } from './queries';
import { KIND_TABLES } from './rows';

/** Kinds whose table has a worker_id column. */
const NAMES_WORKER: ReadonlySet<RecordKind> = new Set(['disputes', 'reports', 'services', 'visits']);

/**
 * Who held the record's grid on `date` (an SQL expression over the record alias `r`): its 网格员,
 * else its 网格长 (a group-level grid); the latest to start wins.
 */
export function holderOf(date: Expression<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(select ah.worker_id from assignments ah
    where ah.grid_id = ${sql.ref(`${R}.grid_id`)} and ${currentOn(date, 'ah')}
    order by ah.role = '网格员' desc, ah.start_date desc, ah.id desc limit 1)`;
}

/**
 * The worker a record of `kind` (aliased `r`) counts for, judged on `dateColumn` (default: the
 * kind's own date; subsidies pass 'settle_date' for disputes).
 */
export function workerFor(
  kind: RecordKind,
  dateColumn: string = KIND_TABLES[kind].dateColumn,
): RawBuilder<number | null> {
  const date = sql.ref(`${R}.${dateColumn}`);
  const holder = holderOf(date);
  return NAMES_WORKER.has(kind) ? sql<number | null>`coalesce(${sql.ref(`${R}.worker_id`)}, ${holder})` : holder;
}
