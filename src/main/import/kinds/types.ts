/**
 * What a kind of sheet (a roster of workers or households; a ledger of disputes, services…)
 * tells the import pipeline: the columns it has and how villages name them, how to recognise
 * its header, how to read a row, how to plan its records against the database and write them.
 * The pipeline (parse.ts, plan.ts, apply.ts, run.ts) knows kinds only through this interface.
 */
import type { GridLevel } from '../../../shared/grids';
import type { Replacement } from '../../../shared/imports';
import type { DbOrTrx } from '../../db/schema';
import type { Synonyms } from '../fields';
import type { GridRef } from '../grid-index';
import type { GridPath, RecordOrigin, RowReader } from '../row-reader';

export type { RecordOrigin };

export type Change = 'create' | 'update' | 'unchanged';

/** Per count key (workers, assignments…): how many of them. */
export type Tally = Record<string, number>;

/** What a kind's plan would do, as the preview counts it. */
export interface KindChanges {
  created: Tally;
  updated: Tally;
  unchanged: Tally;
  /** Grids its records sit in: existing ones (and their ancestors) count as unchanged grids. */
  gridIds: number[];
  /** Progress steps its apply reports in total. */
  size: number;
  /** Current holders its records would replace, named for the clerk before the commit. */
  replaced?: Replacement[];
}

export interface PlanContext {
  db: DbOrTrx;
  /** The grid a record names, found or planned; problems are reported against its row. */
  gridFor(record: RecordOrigin & GridPath, level: GridLevel | null): GridRef | null;
  /** The existing grid a ledger row names, never created; an unknown or ambiguous one is reported. */
  findGrid(record: RecordOrigin & GridPath): GridRef | null;
  /** A grid and its ancestors' ids, the grid first. */
  lineage(gridId: number): number[];
  /** A grid named from its village down, for messages. */
  gridLabel(gridId: number): string;
  /** Reports a problem with a record against one of its fields' columns. */
  fail(record: RecordOrigin, field: string, message: string): void;
}

export interface ApplyContext {
  /** One timestamp for everything the import writes. */
  ts: string;
  /** The real id of a grid: grids the plan creates have negative ids until written. */
  gridId(planned: number): number;
  /** Reports progress (and lets the event loop breathe). */
  step(n: number): Promise<void>;
}

export interface ImportKind<R extends RecordOrigin = RecordOrigin, P extends KindChanges = KindChanges> {
  /** Stored in layouts and remembered mappings: 'workers'. */
  name: string;
  /** What its rows are, for messages: 网格员. */
  noun: string;
  /** Its fields, in the order the column mapping lists them. */
  fields: readonly string[];
  /** Field → its name in messages and when the sheet lacks the column. */
  labels: Readonly<Record<string, string>>;
  /** Field → the header names villages use for it. */
  synonyms: Synonyms;
  /** The field naming whom a row is about (姓名, 户主姓名): every error on the row names them. */
  person?: string;
  /** A header row is of this kind when it names all of these fields. */
  required: readonly string[];
  /** When one header row fits two kinds equally well, the kind with the higher preference takes it. */
  preference?: number;
  /** The keys it adds to created/updated/unchanged, in order. */
  countKeys: readonly string[];
  /** A record from one data row, or null when the reader collected errors. */
  parseRow(reader: RowReader): R | null;
  /** Matches records against the database; writes nothing. */
  plan(ctx: PlanContext, records: R[]): Promise<P>;
  /** Writes a plan; called inside the import's transaction, after the planned grids exist. */
  apply(db: DbOrTrx, plan: P, ctx: ApplyContext): Promise<void>;
}

/** Counts `items` by their change under `key`. */
export function tallyChanges(changes: KindChanges, key: string, items: readonly { change: Change }[]): void {
  for (const t of [changes.created, changes.updated, changes.unchanged]) t[key] ??= 0;
  for (const item of items) {
    if (item.change === 'create') changes.created[key]! += 1;
    else if (item.change === 'update') changes.updated[key]! += 1;
    else changes.unchanged[key]! += 1;
  }
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
