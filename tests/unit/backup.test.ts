import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupNow, dailyBackup, listBackups } from '../../src/main/db/backup';
import { migrations } from '../../src/main/db/migrations';
import { dialogPaths } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { ApiError } from '../../src/shared/errors';
import { buildFixture, tableContents } from '../fixtures/schema/build';
import { openTestApp, setPickedFile, tempDir, type TestApp } from '../helpers/context';

let app: TestApp;
const others: TestApp[] = [];
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
  for (const o of others.splice(0)) await o.close();
});

async function addTownship(name: string, code: string, on = app) {
  return on.call('grids/create', { parentId: null, level: 1, name, code });
}

async function names(): Promise<string[]> {
  return (await app.call('grids/tree', {})).map((g) => g.name);
}

async function otherApp(): Promise<TestApp> {
  const o = await openTestApp(tempDir());
  others.push(o);
  return o;
}

/** A GridDesk database elsewhere, closed, with one township; `edit` may then spoil it. */
async function otherDatabase(edit?: (sqlite: BetterSqlite3.Database) => void): Promise<string> {
  const o = await otherApp();
  await addTownship('龙泉镇', '21', o);
  await o.close();
  if (edit) {
    const sqlite = new BetterSqlite3(o.dbPath);
    edit(sqlite);
    sqlite.close();
  }
  return o.dbPath;
}

async function refusal(name: 'backup/inspectFile' | 'backup/restoreFromFile', file: string): Promise<ApiError> {
  const r = await dispatch(app.ctx, name, { file });
  if (r.ok) throw new Error(`${name} accepted ${file}`);
  return r.error;
}

/** Nothing changed: the same data, no safety backup, no staging file left beside the database. */
async function expectUnchanged(expected: string[]): Promise<void> {
  expect(await names()).toEqual(expected);
  expect(listBackups(app.ctx.backupDir)).toHaveLength(0);
  expect(fs.readdirSync(app.dir).filter((f) => f.includes('.restore-') || f.includes('.partial-'))).toEqual([]);
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('backups', () => {
  it('writes a consistent, self-contained copy that opens on its own', async () => {
    await addTownship('温水镇', '11');
    const info = await app.call('backup/create', {});
    expect(info.path).toBe(path.join(app.ctx.backupDir, info.name));
    const copy = new BetterSqlite3(info.path, { readonly: true });
    expect((copy.prepare('select name from grids').all() as { name: string }[]).map((r) => r.name)).toEqual(['温水镇']);
    // Rollback-journal mode: the one file is the whole backup, nothing needed beside it.
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(info.size).toBeGreaterThan(0);
    expect((await app.call('backup/list', {})).map((b) => b.name)).toEqual([info.name]);
  });

  it.skipIf(process.platform === 'win32')(
    'keeps backups readable by the user only (files 0600, folder 0700)',
    async () => {
      await addTownship('温水镇', '11');
      const info = await app.call('backup/create', {});
      expect(mode(info.path)).toBe(0o600);
      expect(mode(app.ctx.backupDir)).toBe(0o700);
      const out = await app.call('backup/create', { out: path.join(app.dir, '拷到U盘.sqlite') });
      expect(mode(out.path)).toBe(0o600);
    },
  );

  it('writes a backup to a named file, refusing a folder or the live database itself', async () => {
    await addTownship('温水镇', '11');
    const out = path.join(tempDir(), '温水镇备份.sqlite');
    const made = await app.call('backup/create', { out });
    expect(made.path).toBe(out);
    const copy = new BetterSqlite3(out, { readonly: true });
    expect(copy.prepare('select count(*) n from grids').get()).toEqual({ n: 1 });
    copy.close();
    const folder = await dispatch(app.ctx, 'backup/create', { out: tempDir() });
    expect(!folder.ok && folder.error.message).toContain('文件夹');
    const live = await dispatch(app.ctx, 'backup/create', { out: app.dbPath });
    expect(!live.ok && live.error.message).toContain('正在使用的数据库');
    expect(await names()).toEqual(['温水镇']);
  });

  it('backs up once a day at start-up and keeps the last 14', async () => {
    const dir = app.ctx.backupDir;
    const day = (d: number) => new Date(2026, 10, d, 8, 30, 0);
    for (let d = 1; d <= 20; d++) {
      expect(await dailyBackup(app.ctx.handle, dir, day(d))).not.toBeNull();
      // A second start on the same day makes no second backup.
      expect(await dailyBackup(app.ctx.handle, dir, new Date(2026, 10, d, 17, 0, 0))).toBeNull();
    }
    const kept = listBackups(dir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]!.name).toBe('griddesk-20261120-083000.sqlite');
    expect(kept.at(-1)!.name).toBe('griddesk-20261107-083000.sqlite');
  });
});

describe('restore', () => {
  it('restores a backup, keeping a safety copy of the data it replaces and saying where it is', async () => {
    await addTownship('温水镇', '11');
    const snapshot = await backupNow(app.ctx.handle, app.ctx.backupDir, new Date(2026, 0, 1, 9, 0, 0));
    await addTownship('八渡镇', '12');
    expect(await names()).toEqual(['温水镇', '八渡镇']);

    const r = await app.call('backup/restore', { name: snapshot.name });
    expect(r.restoredFrom).toBe(snapshot.name);
    expect(r.installed.counts.grids).toBe(1);
    expect(await names()).toEqual(['温水镇']);
    // The safety backup holds the data from just before the restore, at the full path given.
    expect(r.safetyBackupPath).toBe(path.join(app.ctx.backupDir, r.safetyBackup));
    const safety = new BetterSqlite3(r.safetyBackupPath, { readonly: true });
    expect((safety.prepare('select count(*) n from grids').get() as { n: number }).n).toBe(2);
    safety.close();
    // The restored database is live and writable, and the 操作日志 names the safety copy.
    await addTownship('石门镇', '13');
    expect(await names()).toEqual(['温水镇', '石门镇']);
    const log = await app.call('audit/list', { page: 1, pageSize: 5 });
    expect(log.rows.some((e) => e.summary.includes(r.safetyBackupPath))).toBe(true);
  });

  it('restores the whole of a backup whose newest pages are still in its -wal', async () => {
    const o = await otherApp();
    // The schema reaches the main file; the townships stay in the -wal, as in a copy of a running app's folder.
    o.ctx.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    o.ctx.handle.sqlite.pragma('wal_autocheckpoint = 0');
    await addTownship('龙泉镇', '21', o);
    await addTownship('石桥镇', '22', o);
    const copyDir = tempDir();
    const copy = path.join(copyDir, 'griddesk.sqlite');
    fs.copyFileSync(o.dbPath, copy);
    fs.copyFileSync(`${o.dbPath}-wal`, `${copy}-wal`);
    await addTownship('温水镇', '11');

    const preview = await app.call('backup/inspectFile', { file: copy });
    expect(preview.backup.counts.grids).toBe(2);
    await app.call('backup/restoreFromFile', { file: copy });
    expect(await names()).toEqual(['龙泉镇', '石桥镇']);
  });

  it('shows what a backup holds before restoring, beside the current data, and changes nothing', async () => {
    await addTownship('温水镇', '11');
    await addTownship('八渡镇', '12');
    await addTownship('石门镇', '13');
    const file = await otherDatabase();
    const before = tableContents(app.ctx.handle.sqlite);
    const p = await app.call('backup/inspectFile', { file });
    expect(p.source).toBe(file);
    expect(p.backup.counts).toEqual({ grids: 1, workers: 0, households: 0, records: 0 });
    expect(p.current.counts.grids).toBe(3);
    expect(p.backup.newestChange).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(p.backup.tables.find((t) => t.table === 'grids')).toMatchObject({ label: '网格', rows: 1 });
    expect(p.warnings).toContain('备份中的网格（1 个）不到当前（3 个）的一半。');
    expect(tableContents(app.ctx.handle.sqlite)).toEqual(before);
    await expectUnchanged(['温水镇', '八渡镇', '石门镇']);
  });

  it('warns before restoring a backup that holds no grids, workers or households', async () => {
    const empty = await otherApp();
    await empty.close();
    const p = await app.call('backup/inspectFile', { file: empty.dbPath });
    expect(p.warnings[0]).toContain('没有任何网格、网格员和住户');
  });

  it('refuses a damaged file, a folder, an empty or missing file, and changes nothing', async () => {
    await addTownship('温水镇', '11');
    const dir = tempDir();
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const cases: [string, RegExp][] = [
      [junk, /不是有效的数据库备份.*未做任何恢复/],
      [empty, /文件是空的.*未做任何恢复/],
      [dir, /是一个文件夹/],
      [path.join(dir, 'missing.sqlite'), /找不到/],
    ];
    for (const [file, message] of cases) {
      for (const name of ['backup/inspectFile', 'backup/restoreFromFile'] as const) {
        const e = await refusal(name, file);
        expect(e.message, `${name} ${file}`).toMatch(message);
        expect(e.message).toContain(file);
        expect(e.code).not.toBe('INTERNAL');
      }
    }
    await expectUnchanged(['温水镇']);
  });

  it('refuses a file whose pages fail the integrity check', async () => {
    const o = await otherApp();
    await o.call('demo/create', { townships: 1 });
    await o.close();
    // The index on household heads now claims to index addresses: only integrity_check reads
    // every index entry against its row, so only it finds the damage.
    const sqlite = new BetterSqlite3(o.dbPath);
    sqlite.unsafeMode(true);
    sqlite.pragma('writable_schema = ON');
    sqlite
      .prepare(
        'update sqlite_master set sql = \'CREATE INDEX "households_head" on "households" ("address")\' where name = \'households_head\'',
      )
      .run();
    sqlite.close();
    await addTownship('温水镇', '11');
    const e = await refusal('backup/restoreFromFile', o.dbPath);
    expect(e.code).toBe('DB_INVALID');
    expect(e.message).toMatch(/已损坏（SQLite 完整性检查：.*households_head/);
    await expectUnchanged(['温水镇']);
  });

  it('refuses a foreign file carrying a migration row named like ours, and keeps working', async () => {
    await addTownship('温水镇', '11');
    const foreign = path.join(tempDir(), 'fake.sqlite');
    const f = new BetterSqlite3(foreign);
    f.exec(`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);
      insert into kysely_migration values ('0001_grids_settings', '2025-01-01');
      create table people (id integer primary key, name text)`);
    f.close();
    const e = await refusal('backup/restoreFromFile', foreign);
    expect(e.message).toContain('不是完整的网格工作台数据库（缺少数据表 grids');
    await expectUnchanged(['温水镇']);
    await addTownship('八渡镇', '12');
  });

  it("refuses another Kysely app's database as not GridDesk's, and a plain SQLite file too", async () => {
    const dir = tempDir();
    const kyselyApp = path.join(dir, 'other-app.sqlite');
    const k = new BetterSqlite3(kyselyApp);
    k.exec(`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);
      insert into kysely_migration values ('2024_01_01_create_users', '2024-01-01');
      create table users (id integer primary key)`);
    k.close();
    const plain = path.join(dir, 'plain.sqlite');
    const p = new BetterSqlite3(plain);
    p.exec('create table t (x)');
    p.close();
    for (const file of [kyselyApp, plain]) {
      const e = await refusal('backup/inspectFile', file);
      expect(e.code).toBe('DB_INVALID');
      expect(e.message).toContain('不是网格工作台的数据库');
      expect(e.message).not.toContain('更新版本');
    }
  });

  it('refuses a GridDesk database missing a column of its version, naming it', async () => {
    const file = await otherDatabase((s) => s.exec('alter table households drop column door_number'));
    const e = await refusal('backup/restoreFromFile', file);
    expect(e.message).toContain('数据表 households 缺少列 door_number');
    await expectUnchanged([]);
  });

  it('refuses a database whose rows point at records that do not exist', async () => {
    const file = await otherDatabase((s) => {
      s.pragma('foreign_keys = OFF');
      s.prepare(
        "insert into households (grid_id, head_name, phone, address, door_number, notes, created_at, updated_at) values (9999, '王强', '', '', '', '', 'x', 'x')",
      ).run();
    });
    const e = await refusal('backup/restoreFromFile', file);
    expect(e.message).toContain('数据前后不一致：住户 1 条指向不存在的记录');
    await expectUnchanged([]);
  });

  it('refuses a backup from a newer version', async () => {
    const file = await otherDatabase((s) =>
      s.prepare("insert into kysely_migration (name, timestamp) values ('9999_future', 'x')").run(),
    );
    const e = await refusal('backup/inspectFile', file);
    expect(e.code).toBe('DB_NEWER');
    expect(e.message).toContain('更新版本');
  });

  it('refuses the live database as its own backup', async () => {
    const e = await refusal('backup/restoreFromFile', app.dbPath);
    expect(e.message).toContain('正在使用的数据库');
  });

  it('leaves the live database untouched when the backup cannot be brought up to date', async () => {
    await addTownship('温水镇', '11');
    const old = path.join(tempDir(), 'old.sqlite');
    await buildFixture(old, '0002_rosters');
    app.ctx.openOptions = {
      migrations: {
        ...migrations,
        '9000_fails': {
          async up(db: Kysely<unknown>) {
            await db.schema.createTable('half').addColumn('id', 'integer').execute();
            throw new Error('升级失败（测试）');
          },
        },
      },
    };
    const e = await refusal('backup/restoreFromFile', old);
    expect(e.message).toContain('数据库升级失败');
    app.ctx.openOptions = {};
    await expectUnchanged(['温水镇']);
  });

  it('refuses while another program reads the database, changing nothing', { timeout: 20_000 }, async () => {
    await addTownship('温水镇', '11');
    const file = await otherDatabase();
    const reader = new BetterSqlite3(app.dbPath, { readonly: true });
    reader.pragma('busy_timeout = 0');
    reader.exec('begin');
    reader.prepare('select count(*) from grids').get();
    await addTownship('八渡镇', '12');
    try {
      const e = await refusal('backup/restoreFromFile', file);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('正被另一个程序使用');
    } finally {
      reader.exec('commit');
      reader.close();
    }
    await expectUnchanged(['温水镇', '八渡镇']);
  });

  it('restores from a file the clerk picks (and only from one the clerk picked)', async () => {
    const file = await otherDatabase();
    app.ctx.paths = dialogPaths();
    setPickedFile(app, null);
    expect(await app.call('files/chooseOpen', { purpose: 'backup' })).toEqual({ file: null });
    for (const name of ['backup/inspectFile', 'backup/restoreFromFile'] as const) {
      const unchosen = await dispatch(app.ctx, name, { file });
      expect(!unchosen.ok && unchosen.error.code).toBe('FORBIDDEN');
    }
    setPickedFile(app, file);
    expect(await app.call('files/chooseOpen', { purpose: 'backup' })).toEqual({ file });
    expect((await app.call('backup/inspectFile', { file })).backup.counts.grids).toBe(1);
    const r = await app.call('backup/restoreFromFile', { file });
    expect(r.restoredFrom).toBe('griddesk.sqlite');
    expect(await names()).toEqual(['龙泉镇']);
  });

  it('only inspects and restores backups listed in the backup folder', async () => {
    for (const name of ['backup/inspect', 'backup/restore'] as const) {
      const r = await dispatch(app.ctx, name, { name: '../griddesk.sqlite' });
      expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    }
  });
});
