import { sql, type RawBuilder } from 'kysely';
import type { DeleteEffect } from '../../shared/deletion';
import { AppError } from '../errors';
import type { DbOrTrx } from './schema';
import { tableLabel, tableOrder } from './schema/labels';
import { inTransaction } from './transaction';

/**
 * What refers to what, read from SQLite's own foreign keys, so that a new table referring to
 * grids (or households, workers…) is seen by every deletion without anyone remembering it.
 * Rows are tracked by rowid: every GridDesk table is a rowid table.
 */

/** ON DELETE as the schema declares it. */
export type OnDelete = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

/**
 * What deleting a referenced row does to the rows referring to it in the app: they go with
 * it, they stay with the link cleared, or they must be kept and stop the deletion.
 */
export type Effect = 'cascade' | 'detach' | 'keep';

export interface Reference {
  /** The referring table and its foreign-key columns. */
  table: string;
  columns: string[];
  /** The referenced table and columns. */
  parent: string;
  parentColumns: string[];
  onDelete: OnDelete;
  effect: Effect;
}

/** Rowids per table, in the order the tables were found. */
export type RowSets = Map<string, Set<number>>;

export interface DeletionPlan {
  table: string;
  roots: number[];
  /** Every row that goes, the roots included. */
  rows: RowSets;
  /** Rows outside the plan that refer to a row in it and must be kept: they stop the deletion. */
  blockers: RowSets;
  /** Rows outside the plan that stay, their reference cleared by SQLite. */
  detached: RowSets;
  references: Reference[];
}

export interface DeletionSummary {
  /** Rows the deletion takes along besides the roots, except parts of rows such as tags. */
  cascade: DeleteEffect[];
  /** Rows that must be kept: while any exist, the deletion is refused. */
  blockers: DeleteEffect[];
  detached: DeleteEffect[];
}

const CHUNK = 500;
/** Far deeper than grid levels plus everything hanging off them; beyond it the data loops. */
const MAX_DEPTH = 64;

interface ForeignKeyRow {
  child: string;
  id: number;
  parent: string;
  from: string;
  to: string | null;
  on_delete: string;
}

/** Every foreign key in the database, with the app's effect of deleting a referenced row. */
export async function readReferences(db: DbOrTrx): Promise<Reference[]> {
  const { rows } = await sql<ForeignKeyRow>`
    select m.name as child, f.id, f."table" as parent, f."from", f."to", f.on_delete
    from sqlite_master m join pragma_foreign_key_list(m.name) f
    where m.type = 'table'
    order by m.name, f.id, f.seq`.execute(db);
  const tables = await tableNames(db);
  const byKey = new Map<string, Reference>();
  for (const r of rows) {
    const key = `${r.child}\u0000${r.id}`;
    let ref = byKey.get(key);
    if (!ref) {
      // The schema names the parent as its DDL spelled it; SQLite matches names case-insensitively.
      const parent = tables.find((t) => t.toLowerCase() === r.parent.toLowerCase()) ?? r.parent;
      const onDelete = r.on_delete.toUpperCase() as OnDelete;
      ref = {
        table: r.child,
        columns: [],
        parent,
        parentColumns: [],
        onDelete,
        effect: effectOf(r.child, parent, onDelete),
      };
      byKey.set(key, ref);
    }
    ref.columns.push(r.from);
    if (r.to !== null) ref.parentColumns.push(r.to);
  }
  const refs = [...byKey.values()];
  for (const ref of refs) {
    // A foreign key naming no parent columns refers to the parent's primary key.
    if (ref.parentColumns.length === 0) ref.parentColumns = await primaryKey(db, ref.parent);
  }
  return refs;
}

/** The references to `table`: who would be touched by deleting its rows. */
export async function referencesTo(db: DbOrTrx, table: string): Promise<Reference[]> {
  return (await readReferences(db)).filter((r) => r.parent === table);
}

function effectOf(child: string, parent: string, onDelete: OnDelete): Effect {
  const entry = tableLabel(child);
  if (onDelete === 'CASCADE' || entry.partOf) return 'cascade';
  if (onDelete === 'SET NULL' || onDelete === 'SET DEFAULT') return 'detach';
  return entry.deletedWith?.includes(parent) ? 'cascade' : 'keep';
}

async function tableNames(db: DbOrTrx): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.map((r) => r.name);
}

async function primaryKey(db: DbOrTrx, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
  return rows.length > 0 ? rows.map((r) => r.name) : ['rowid'];
}

function columnList(columns: string[]): RawBuilder<unknown> {
  return sql.join(columns.map((c) => sql.id(c)));
}

/** Rowids of the rows of `ref.table` that refer to the given rows of `ref.parent`. */
async function referringRows(db: DbOrTrx, ref: Reference, parentRowids: number[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < parentRowids.length; i += CHUNK) {
    const chunk = parentRowids.slice(i, i + CHUNK);
    const { rows } = await sql<{ id: number }>`
      select rowid as id from ${sql.id(ref.table)}
      where (${columnList(ref.columns)}) in (
        select ${columnList(ref.parentColumns)} from ${sql.id(ref.parent)} where rowid in (${sql.join(chunk)}))`.execute(
      db,
    );
    for (const r of rows) out.push(r.id);
  }
  return out;
}

function addAll(sets: RowSets, table: string, ids: Iterable<number>): Set<number> {
  let set = sets.get(table);
  if (!set) sets.set(table, (set = new Set()));
  for (const id of ids) set.add(id);
  return set;
}

function outside(sets: RowSets, plan: RowSets): RowSets {
  const out: RowSets = new Map();
  for (const [table, ids] of sets) {
    const kept = [...ids].filter((id) => !plan.get(table)?.has(id));
    if (kept.length > 0) out.set(table, new Set(kept));
  }
  return out;
}

/**
 * Everything deleting `rowids` of `table` would touch, following cascades (the schema's and
 * the registry's) to the end: the rows that go, the rows that stop it, the rows left unlinked.
 * Reads only.
 */
export async function planDeletion(db: DbOrTrx, table: string, rowids: number[]): Promise<DeletionPlan> {
  const references = await readReferences(db);
  const rows: RowSets = new Map([[table, new Set(rowids)]]);
  const blockers: RowSets = new Map();
  const detached: RowSets = new Map();
  let frontier = new Map([[table, rowids]]);
  while (frontier.size > 0) {
    const next = new Map<string, number[]>();
    for (const [parent, ids] of frontier) {
      for (const ref of references.filter((r) => r.parent === parent)) {
        const hits = await referringRows(db, ref, ids);
        if (ref.effect !== 'cascade') {
          addAll(ref.effect === 'keep' ? blockers : detached, ref.table, hits);
          continue;
        }
        const seen = addAll(rows, ref.table, []);
        const fresh = hits.filter((id) => !seen.has(id));
        for (const id of fresh) seen.add(id);
        if (fresh.length > 0) next.set(ref.table, [...(next.get(ref.table) ?? []), ...fresh]);
      }
    }
    frontier = next;
  }
  return {
    table,
    roots: rowids,
    rows,
    blockers: outside(blockers, rows),
    detached: outside(detached, rows),
    references,
  };
}

/** Labels and counts for each table, in registry order. */
export function effects(sets: RowSets, skip: (table: string) => boolean = () => false): DeleteEffect[] {
  return [...sets]
    .filter(([table, ids]) => ids.size > 0 && !skip(table))
    .sort(([a], [b]) => tableOrder(a, b))
    .map(([table, ids]) => {
      const { label, unit } = tableLabel(table);
      return { table, count: ids.size, text: `${ids.size} ${unit}${label}` };
    });
}

export function summarize(plan: DeletionPlan): DeletionSummary {
  const taken: RowSets = new Map();
  for (const [table, ids] of plan.rows) {
    if (tableLabel(table).partOf) continue;
    const roots = table === plan.table ? new Set(plan.roots) : new Set<number>();
    taken.set(table, new Set([...ids].filter((id) => !roots.has(id))));
  }
  return { cascade: effects(taken), blockers: effects(plan.blockers), detached: effects(plan.detached) };
}

/** "58 户住户、4 条网格员任职记录" */
export function describeEffects(list: DeleteEffect[]): string {
  return list.map((e) => e.text).join('、');
}

/**
 * The order to delete a plan's rows in: each row after every planned row referring to it, so
 * RESTRICT references (checked at once, never deferred) see their referrers already gone.
 * Depth is the longest chain of references from a root; deepest goes first.
 */
async function deletionOrder(db: DbOrTrx, plan: DeletionPlan): Promise<{ table: string; ids: number[] }[]> {
  const depth = new Map<string, Map<number, number>>();
  let wave = new Map([[plan.table, plan.roots]]);
  for (let k = 0; wave.size > 0; k++) {
    if (k > MAX_DEPTH) throw new AppError('INTERNAL', '数据中存在循环引用，无法确定删除顺序。');
    const next: RowSets = new Map();
    for (const [parent, ids] of wave) {
      const depths = depth.get(parent) ?? new Map<number, number>();
      depth.set(parent, depths);
      for (const id of ids) depths.set(id, k);
      for (const ref of plan.references) {
        const planned = plan.rows.get(ref.table);
        if (ref.parent !== parent || ref.effect === 'detach' || !planned) continue;
        addAll(
          next,
          ref.table,
          (await referringRows(db, ref, ids)).filter((id) => planned.has(id)),
        );
      }
    }
    wave = new Map([...next].filter(([, ids]) => ids.size > 0).map(([t, ids]) => [t, [...ids]]));
  }
  const steps = new Map<string, { table: string; depth: number; ids: number[] }>();
  for (const [table, depths] of depth) {
    for (const [id, d] of depths) {
      const key = `${d}\u0000${table}`;
      const step = steps.get(key) ?? { table, depth: d, ids: [] };
      step.ids.push(id);
      steps.set(key, step);
    }
  }
  return [...steps.values()].sort((a, b) => b.depth - a.depth);
}

/**
 * Deletes every row of the plan, in one transaction. Refused (nothing changed) while rows
 * that must be kept refer to it; callers check first to word the refusal for their domain.
 */
export async function executeDeletion(db: DbOrTrx, plan: DeletionPlan): Promise<void> {
  const blockers = effects(plan.blockers);
  if (blockers.length > 0) {
    throw new AppError('CONFLICT', `还有 ${describeEffects(blockers)}关联到要删除的数据，这些记录必须保留，不能删除。`);
  }
  await inTransaction(db, async (trx) => {
    for (const step of await deletionOrder(trx, plan)) {
      for (let i = 0; i < step.ids.length; i += CHUNK) {
        const chunk = step.ids.slice(i, i + CHUNK);
        await sql`delete from ${sql.id(step.table)} where rowid in (${sql.join(chunk)})`.execute(trx);
      }
    }
  });
}
