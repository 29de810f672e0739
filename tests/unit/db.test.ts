import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMigrator, openDatabase, appliedMigrations, type DbHandle } from '../../src/main/db/connection';
import { migrationNames, latestMigration } from '../../src/main/db/migrations';
import { AppError } from '../../src/main/errors';
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
});
