import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { ImmediateSqliteDialect } from './dialect';
import { AppError } from '../errors';
import { createPrivateFile, makePrivate } from '../paths';
import { latestMigration, migrationNames, migrations as releasedMigrations } from './migrations';
import type { Database } from './schema';

export interface OpenOptions {
  /** Refuse to create the file when it does not exist (read-only CLI commands). */
  mustExist?: boolean;
  /** Path to a better_sqlite3.node built for this runtime (Electron in development). */
  nativeBinding?: string;
  /** Run migrations after opening (default true). */
  migrate?: boolean;
  /** Tests only: the migrations to run instead of the released ones (e.g. one that fails). */
  migrations?: Record<string, Migration>;
}

/** An open database: the raw connection (pragmas, backup) and the Kysely handle services use. */
export interface DbHandle {
  path: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
}

const MIGRATION_TABLE = 'kysely_migration';

let nativeBindingPath: string | undefined;

/**
 * Names the better-sqlite3 build for this runtime (Electron's, in development) once, for every
 * connection the main process opens: the database, backups, restore's copies, schema checks.
 */
export function useNativeBinding(file: string | undefined): void {
  nativeBindingPath = file;
}

/** A plain SQLite connection (no migrations, no pragmas) with the runtime's native binding. */
export function openRaw(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  return new BetterSqlite3(file, { nativeBinding: nativeBindingPath, ...options });
}

export function createMigrator(db: Kysely<Database>, migrations = releasedMigrations): Migrator {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
  // migrateToLatest wraps the whole run in one transaction of its own.
  return new Migrator({ db, provider, disableTransactions: true });
}

/**
 * Creates the file 0600 before SQLite does (SQLite would make it 0644), so its -wal and -shm,
 * which SQLite creates with the database's own mode, are private too. An existing file and
 * its companions are tightened.
 */
function preparePrivateFile(path: string, mayCreate: boolean): void {
  if (path === ':memory:' || path === '') return;
  if (mayCreate && !fs.existsSync(path)) {
    try {
      createPrivateFile(path);
    } catch {
      // Let SQLite report why the file cannot be created (missing folder, permissions).
    }
  }
  for (const suffix of ['', '-wal', '-shm']) makePrivate(path + suffix);
}

/** Opens (creating when allowed) a GridDesk database file and brings its schema up to date. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<DbHandle> {
  if (options.mustExist && !fs.existsSync(path)) {
    throw new AppError('DB_INVALID', `找不到数据库文件：${path}`);
  }
  preparePrivateFile(path, !options.mustExist);
  let sqlite: BetterSqlite3.Database;
  try {
    if (options.nativeBinding) nativeBindingPath ??= options.nativeBinding;
    sqlite = openRaw(path, {
      fileMustExist: options.mustExist ?? false,
      nativeBinding: options.nativeBinding ?? nativeBindingPath,
    });
  } catch (e) {
    throw new AppError('DB_INVALID', `无法打开数据库文件：${path}（${describe(e)}）`);
  }
  const names = Object.keys(options.migrations ?? releasedMigrations).sort();
  try {
    // Reading the schema fails fast for a file that is not a SQLite database.
    sqlite.prepare('select count(*) from sqlite_master').get();
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    assertGridDeskVersion(sqlite, path, names);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    sqlite.close();
    if (e instanceof AppError) throw e;
    throw new AppError('DB_INVALID', `文件不是有效的网格工作台数据库：${path}（${describe(e)}）`);
  }

  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  const close = async () => {
    await db.destroy();
    // Kysely closes the connection only if it ever used it (an up-to-date file opened and
    // closed again never does): SQLite must close it to fold the -wal back into the file.
    if (sqlite.open) sqlite.close();
  };
  const handle: DbHandle = { path, sqlite, db, close };
  if (options.migrate !== false) {
    try {
      await migrateToLatest(handle, options.migrations);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }
  return handle;
}

/**
 * Runs the pending migrations in one transaction: a migration that fails halfway leaves the
 * database exactly as it was (tables, rows and migration records). SQLite's DDL is
 * transactional; Kysely only assumes it is not. (A future migration that must switch foreign
 * keys off cannot do so inside a transaction: it would rebuild its table with them on.)
 */
export async function migrateToLatest(
  handle: Pick<DbHandle, 'sqlite' | 'db'>,
  migrations = releasedMigrations,
): Promise<void> {
  const names = Object.keys(migrations).sort();
  const applied = appliedMigrations(handle.sqlite);
  if (names.every((n) => applied.includes(n))) return;
  handle.sqlite.exec('begin immediate');
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await createMigrator(handle.db, migrations).migrateToLatest();
  } catch (e) {
    outcome = { error: e };
  }
  if (!outcome.error) {
    handle.sqlite.exec('commit');
    return;
  }
  if (handle.sqlite.inTransaction) handle.sqlite.exec('rollback');
  const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
  throw new AppError(
    'INTERNAL',
    `数据库升级失败（步骤 ${failed}）：${describe(outcome.error)}。数据库保持升级前的样子，未做任何修改。`,
  );
}

/** Migration names recorded in a database file ([] for a new or empty file). */
export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = ?").get(MIGRATION_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Whose a database file is, read from its migration records and tables. */
export type DatabaseVersion =
  | { kind: 'empty' }
  /** A GridDesk database at `version` (the last of its migrations, all of ours in order). */
  | { kind: 'griddesk'; version: string; applied: number }
  | { kind: 'newer'; version: string }
  | { kind: 'foreign'; reason: string };

export function databaseVersion(sqlite: BetterSqlite3.Database, names = migrationNames): DatabaseVersion {
  const applied = appliedMigrations(sqlite);
  if (applied.length === 0) {
    const tables = sqlite
      .prepare("select count(*) n from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() as { n: number };
    return tables.n === 0 ? { kind: 'empty' } : { kind: 'foreign', reason: '没有网格工作台的数据版本记录' };
  }
  const ours = applied.filter((n) => names.includes(n));
  // Another program built with Kysely records its own migration names.
  if (ours.length === 0) return { kind: 'foreign', reason: '数据版本记录属于其他程序' };
  const prefix = names.slice(0, ours.length);
  if (ours.some((n, i) => n !== prefix[i])) {
    return { kind: 'foreign', reason: '数据版本记录不完整或顺序不对' };
  }
  const unknown = applied.filter((n) => !names.includes(n));
  if (unknown.length === 0) return { kind: 'griddesk', version: ours[ours.length - 1]!, applied: ours.length };
  // A newer GridDesk ran every migration we know, then later ones.
  if (ours.length === names.length && unknown.every((n) => n > names[names.length - 1]!)) {
    return { kind: 'newer', version: unknown[unknown.length - 1]! };
  }
  return { kind: 'foreign', reason: '数据版本记录含有未知的步骤' };
}

/**
 * Refuses, before anything touches it, a database a newer GridDesk wrote and a SQLite file
 * that is not GridDesk's (another program's tables or migration records).
 */
export function assertGridDeskVersion(sqlite: BetterSqlite3.Database, path: string, names = migrationNames): void {
  const v = databaseVersion(sqlite, names);
  if (v.kind === 'newer') {
    throw new AppError(
      'DB_NEWER',
      `数据库 ${path} 由更新版本的网格工作台写入（数据版本 ${v.version}，本软件支持到 ${names[names.length - 1] ?? latestMigration}）。` +
        '为保护数据，本软件不会打开或修改它。请升级网格工作台后再打开。',
    );
  }
  if (v.kind === 'foreign') {
    throw new AppError(
      'DB_INVALID',
      `文件 ${path} 不是网格工作台的数据库（${v.reason}）。为保护数据，本软件不会打开或修改它。`,
    );
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
