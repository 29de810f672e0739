import type { Kysely, Transaction } from 'kysely';
import type { GridsTable } from './grids';
import type { SettingsTable } from './settings';

export interface Database {
  grids: GridsTable;
  settings: SettingsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export type * from './grids';
export type * from './settings';
