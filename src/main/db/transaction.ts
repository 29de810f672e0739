import type { Db, DbOrTrx } from './schema';
import type { Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `fn` in one transaction: all of its writes land, or none do. Inside an open
 * transaction it simply joins it (SQLite has no nested transactions).
 */
export async function inTransaction<T>(db: DbOrTrx, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Db).transaction().execute(fn);
}
