import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { createMigrator, openDatabase, openRaw, appliedMigrations, type DbHandle } from '../../src/main/db/connection';
import { migrationNames, latestMigration, migrations } from '../../src/main/db/migrations';
import { AppError } from '../../src/main/errors';
import { defaultDataDir } from '../../src/main/paths';
import { buildFixture, tableContents } from '../fixtures/schema/build';
import { tempDir } from '../helpers/context';

const open: DbHandle[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) if (h.sqlite.open) await h.close();
});

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}`);
}

describe('database', () => {
  it('creates a new file with WAL, foreign keys and every migration', async () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const h = await openDatabase(file);
    open.push(h);
    expect(fs.existsSync(file)).toBe(true);
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(appliedMigrations(h.sqlite)).toEqual(migrationNames);
    const tables = h.sqlite.prepare("select name from sqlite_master where type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['grids', 'settings']));
  });

  it('enforces the level check and unique codes at the schema level', async () => {
    const h = await openDatabase(path.join(tempDir(), 'c.sqlite'));
    open.push(h);
    const ins = h.sqlite.prepare(
      "insert into grids (parent_id, level, name, code, created_at, updated_at) values (?, ?, ?, ?, 'x', 'x')",
    );
    ins.run(null, 1, '甲镇', '01');
    expect(() => ins.run(null, 5, '乙', '02')).toThrow(/CHECK/);
    expect(() => ins.run(null, 1, '丙镇', '01')).toThrow(/UNIQUE/);
    expect(() => ins.run(999, 2, '丁村', '0101')).toThrow(/FOREIGN KEY/);
  });

  it.each(migrationNames.map((name, i) => [name, i] as const))(
    'upgrades a database left at %s and keeps its data',
    async (name) => {
      const file = path.join(tempDir(), 'old.sqlite');
      const old = await openDatabase(file, { migrate: false });
      const r = await createMigrator(old.db).migrateTo(name);
      expect(r.error).toBeUndefined();
      old.sqlite
        .prepare(
          "insert into grids (parent_id, level, name, code, created_at, updated_at) values (null, 1, '旧镇', '09', 'x', 'x')",
        )
        .run();
      await old.close();

      const h = await openDatabase(file);
      open.push(h);
      expect(appliedMigrations(h.sqlite)).toEqual(migrationNames);
      const row = h.sqlite.prepare("select name from grids where code = '09'").get() as { name: string };
      expect(row.name).toBe('旧镇');
    },
  );

  it('closing folds the -wal back into the file, also for an up-to-date database Kysely never used', async () => {
    const file = path.join(tempDir(), 'reopened.sqlite');
    await (await openDatabase(file)).close();
    const h = await openDatabase(file);
    h.sqlite.prepare("insert into settings (key, value) values ('unitName', '\"甲\"')").run();
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    await h.close();
    expect(h.sqlite.open).toBe(false);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const h = await openDatabase(file);
    h.sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', 'x')").run();
    await h.close();
    const before = sha(file);
    const err = await expectAppError(openDatabase(file), 'DB_NEWER');
    expect(err.message).toContain('更新版本');
    expect(err.message).toContain(latestMigration);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database, without changing it', async () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, '这不是数据库，只是一段文字。'.repeat(100));
    const before = sha(file);
    const err = await expectAppError(openDatabase(file), 'DB_INVALID');
    expect(err.message).toContain('不是有效的网格工作台数据库');
    expect(sha(file)).toBe(before);
  });

  it('refuses a missing file when it must exist, without creating it', async () => {
    const file = path.join(tempDir(), 'missing.sqlite');
    const err = await expectAppError(openDatabase(file, { mustExist: true }), 'DB_INVALID');
    expect(err.message).toContain('找不到数据库文件');
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses another program's SQLite file, even one made with Kysely, as not GridDesk's, without changing it", async () => {
    const dir = tempDir();
    const kyselyApp = path.join(dir, 'other-app.sqlite');
    const other = new BetterSqlite3(kyselyApp);
    other.exec(`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);
      insert into kysely_migration values ('2024_01_01_create_users', '2024-01-01');
      create table users (id integer primary key, name text)`);
    other.close();
    const plain = path.join(dir, 'plain.sqlite');
    const p = new BetterSqlite3(plain);
    p.exec('create table notes (id integer primary key, body text)');
    p.close();
    for (const file of [kyselyApp, plain]) {
      const before = sha(file);
      const err = await expectAppError(openDatabase(file), 'DB_INVALID');
      expect(err.message).toContain('不是网格工作台的数据库');
      expect(err.message).not.toContain('更新版本');
      expect(sha(file)).toBe(before);
    }
  });

  it('runs pending migrations in one transaction: one that fails halfway leaves the database as it was', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    await buildFixture(file, '0002_rosters');
    const snapshot = () => {
      const sqlite = openRaw(file, { readonly: true });
      try {
        const schema = sqlite.prepare('select type, name, sql from sqlite_master order by name').all();
        return { schema, rows: tableContents(sqlite), applied: appliedMigrations(sqlite) };
      } finally {
        sqlite.close();
      }
    };
    const before = snapshot();
    const broken = {
      ...migrations,
      // Sorts after the released ones: 0003 and 0004 run first, then this one fails midway.
      '9000_fails_halfway': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await db.schema.alterTable('households').addColumn('extra', 'text').execute();
          throw new Error('磁盘出错（测试）');
        },
      },
    };
    const err = await expectAppError(openDatabase(file, { migrations: broken }), 'INTERNAL');
    expect(err.message).toContain('9000_fails_halfway');
    expect(err.message).toContain('未做任何修改');
    expect(snapshot()).toEqual(before);
    expect(before.applied).toEqual(migrationNames.slice(0, 2));
    // The released migrations alone then bring it up to date.
    const h = await openDatabase(file);
    open.push(h);
    expect(appliedMigrations(h.sqlite)).toEqual(migrationNames);
  });

  it.skipIf(process.platform === 'win32')(
    'creates the database, its -wal and -shm readable by the user only, and tightens an old 0644 file',
    async () => {
      const dir = tempDir();
      const file = path.join(dir, 'private.sqlite');
      const h = await openDatabase(file);
      open.push(h);
      h.sqlite.prepare("insert into settings (key, value) values ('unitName', '\"x\"')").run();
      const mode = (f: string) => fs.statSync(f).mode & 0o777;
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      await h.close();

      const old = path.join(dir, 'old.sqlite');
      const o = new BetterSqlite3(old);
      o.close();
      fs.chmodSync(old, 0o644);
      const h2 = await openDatabase(old);
      open.push(h2);
      expect(mode(old)).toBe(0o600);
    },
  );

  it.runIf(process.platform === 'linux')('treats an empty or relative XDG_CONFIG_HOME as unset', () => {
    const saved = process.env.XDG_CONFIG_HOME;
    try {
      for (const value of ['', '  ', 'relative/dir']) {
        process.env.XDG_CONFIG_HOME = value;
        expect(path.isAbsolute(defaultDataDir())).toBe(true);
        expect(defaultDataDir()).not.toContain('relative');
      }
      process.env.XDG_CONFIG_HOME = '/srv/cfg';
      expect(defaultDataDir()).toBe(path.join('/srv/cfg', 'GridDesk'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });
});
