import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupNow, dailyBackup, listBackups, verifyDatabaseFile } from '../../src/main/db/backup';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, setPickedFile, tempDir, type TestApp } from '../helpers/context';
import { dialogPaths } from '../../src/main/ipc/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function addTownship(name: string, code: string) {
  return app.call('grids/create', { parentId: null, level: 1, name, code });
}

async function names(): Promise<string[]> {
  return (await app.call('grids/tree', {})).map((g) => g.name);
}

describe('backups', () => {
  it('writes a consistent copy that opens on its own', async () => {
    await addTownship('温水镇', '11');
    const info = await app.call('backup/create', {});
    const file = path.join(app.ctx.backupDir, info.name);
    const copy = new BetterSqlite3(file, { readonly: true });
    expect((copy.prepare('select name from grids').all() as { name: string }[]).map((r) => r.name)).toEqual(['温水镇']);
    copy.close();
    expect(info.size).toBeGreaterThan(0);
    expect((await app.call('backup/list', {})).map((b) => b.name)).toEqual([info.name]);
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

  it('restores a backup, keeping a safety copy of the data it replaces', async () => {
    await addTownship('温水镇', '11');
    const snapshot = await backupNow(app.ctx.handle, app.ctx.backupDir, new Date(2026, 0, 1, 9, 0, 0));
    await addTownship('八渡镇', '12');
    expect(await names()).toEqual(['温水镇', '八渡镇']);

    const r = await app.call('backup/restore', { name: snapshot.name });
    expect(r.restoredFrom).toBe(snapshot.name);
    expect(await names()).toEqual(['温水镇']);
    // The safety backup holds the data from just before the restore.
    const safety = new BetterSqlite3(path.join(app.ctx.backupDir, r.safetyBackup), { readonly: true });
    expect((safety.prepare('select count(*) n from grids').get() as { n: number }).n).toBe(2);
    safety.close();
    // The restored database is live and writable.
    await addTownship('石门镇', '13');
    expect(await names()).toEqual(['温水镇', '石门镇']);
  });

  it('refuses a damaged or foreign file and changes nothing', async () => {
    await addTownship('温水镇', '11');
    const dir = tempDir();
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const r = await dispatch(app.ctx, 'backup/restoreFromFile', { file: junk });
    expect(!r.ok && r.error.code).toBe('DB_INVALID');
    expect(!r.ok && r.error.message).toContain('未做任何恢复');

    const foreign = path.join(dir, 'other.sqlite');
    const other = new BetterSqlite3(foreign);
    other.exec('create table t (x)');
    other.close();
    const r2 = await dispatch(app.ctx, 'backup/restoreFromFile', { file: foreign });
    expect(!r2.ok && r2.error.message).toContain('不是网格工作台的数据库');

    expect(await names()).toEqual(['温水镇']);
    expect(listBackups(app.ctx.backupDir)).toHaveLength(0);
  });

  it('refuses a backup from a newer version', async () => {
    const dir = tempDir();
    const other = await openTestApp(dir);
    other.ctx.handle.sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999_future', 'x')").run();
    await other.close();
    expect(() => verifyDatabaseFile(other.dbPath)).toThrow(/更新版本/);
  });

  it('restores from a file the clerk picks (and only from one the clerk picked)', async () => {
    const otherDir = tempDir();
    const other = await openTestApp(otherDir);
    await other.call('grids/create', { parentId: null, level: 1, name: '龙泉镇', code: '21' });
    await other.close();
    app.ctx.paths = dialogPaths();
    setPickedFile(app, null);
    expect(await app.call('files/chooseOpen', { purpose: 'backup' })).toEqual({ file: null });
    const unchosen = await dispatch(app.ctx, 'backup/restoreFromFile', { file: other.dbPath });
    expect(!unchosen.ok && unchosen.error.code).toBe('FORBIDDEN');
    setPickedFile(app, other.dbPath);
    expect(await app.call('files/chooseOpen', { purpose: 'backup' })).toEqual({ file: other.dbPath });
    const r = await app.call('backup/restoreFromFile', { file: other.dbPath });
    expect(r.restoredFrom).toBe('griddesk.sqlite');
    expect(await names()).toEqual(['龙泉镇']);
  });

  it('only restores backups listed in the backup folder', async () => {
    const r = await dispatch(app.ctx, 'backup/restore', { name: '../griddesk.sqlite' });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});
