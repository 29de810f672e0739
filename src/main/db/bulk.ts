import type { Insertable } from 'kysely';
import type { Database, DbOrTrx } from './schema';

/** Rows per INSERT statement: well under SQLite's limit on bound parameters. */
export const BATCH = 400;

const yieldToEventLoop = () => new Promise((r) => setImmediate(r));

/** Inserts rows in batches (yielding between them, so the app stays responsive). */
export async function insertBatched<T extends keyof Database>(
  db: DbOrTrx,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
    await yieldToEventLoop();
  }
}

/**
 * Inserts rows in batches and returns their new ids in the rows' order: ids are assigned in
 * insertion order, so sorting each batch's returned ids lines them up with its rows.
 */
export async function insertReturningIds<T extends 'grids' | 'workers' | 'households'>(
  db: DbOrTrx,
  table: T,
  rows: Insertable<Database[T]>[],
  onBatch?: (inserted: number) => Promise<void> | void,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const returned = (await db
      .insertInto(table)
      .values(batch as never)
      .returning('id' as never)
      .execute()) as unknown as { id: number }[];
    ids.push(...returned.map((r) => r.id).sort((a, b) => a - b));
    await onBatch?.(batch.length);
    await yieldToEventLoop();
  }
  return ids;
}
