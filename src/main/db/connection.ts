import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { AppError } from '../errors';
import { latestMigration, migrationNames, migrations } from './migrations';
import type { Database } from './schema';

export interface OpenOptions {
  /** Refuse to create the file when it does not exist (read-only CLI commands). */
  mustExist?: boolean;
  /** Path to a better_sqlite3.node built for this runtime (Electron in development). */
  nativeBinding?: string;
  /** Run migrations after opening (default true). */
  migrate?: boolean;
}

/** An open database: the raw connection (pragmas, backup) and the Kysely handle services use. */
export interface DbHandle {
  path: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
}

const MIGRATION_TABLE = 'kysely_migration';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider });
}

/** Opens (creating when allowed) a GridDesk database file and brings its schema up to date. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<DbHandle> {
  if (options.mustExist && !fs.existsSync(path)) {
    throw new AppError('DB_INVALID', `找不到数据库文件：${path}`);
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, {
      fileMustExist: options.mustExist ?? false,
      nativeBinding: options.nativeBinding,
    });
  } catch (e) {
    throw new AppError('DB_INVALID', `无法打开数据库文件：${path}（${describe(e)}）`);
  }
  try {
    // Reading the schema fails fast for a file that is not a SQLite database.
    sqlite.prepare('select count(*) from sqlite_master').get();
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    assertNotNewer(sqlite, path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    sqlite.close();
    if (e instanceof AppError) throw e;
    throw new AppError('DB_INVALID', `文件不是有效的网格工作台数据库：${path}（${describe(e)}）`);
  }

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const handle: DbHandle = { path, sqlite, db, close: () => db.destroy() };
  if (options.migrate !== false) {
    try {
      await migrateToLatest(db);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }
  return handle;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new AppError('INTERNAL', `数据库升级失败（步骤 ${failed}）：${describe(error)}`);
  }
}

/** Migration names recorded in a database file ([] for a new or empty file). */
export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = ?").get(MIGRATION_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Refuses a database that a newer GridDesk wrote, before anything touches it. */
export function assertNotNewer(sqlite: BetterSqlite3.Database, path: string): void {
  const unknown = appliedMigrations(sqlite).filter((n) => !migrationNames.includes(n));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_NEWER',
      `数据库 ${path} 由更新版本的网格工作台写入（数据版本 ${unknown[unknown.length - 1]}，本软件支持到 ${latestMigration}）。` +
        '为保护数据，本软件不会打开或修改它。请升级网格工作台后再打开。',
    );
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
