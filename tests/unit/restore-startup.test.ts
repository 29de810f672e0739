/**
 * The start-up check the Electron shell runs before opening the database: quick_check, free
 * space, a writable backup folder, leftovers of killed backups and restores, permissions; a
 * damaged database is offered the newest backup that passes the full check.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupNow } from '../../src/main/db/backup';
import { openDatabase } from '../../src/main/db/connection';
import { checkAtStart, resolveStartup, startupDialog, type StartupDialog } from '../../src/main/startup';
import { openTestApp, tempDir } from '../helpers/context';

/** A data folder with a database of one township and its backups folder. */
async function dataFolder(): Promise<{ dir: string; db: string; backups: string }> {
  const app = await openTestApp();
  await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '01' });
  await app.close();
  return { dir: app.dir, db: app.dbPath, backups: path.join(app.dir, 'backups') };
}

async function backupWith(db: string, backups: string, townships: string[], at: Date): Promise<string> {
  const h = await openDatabase(db);
  for (const [i, name] of townships.entries()) {
    h.sqlite
      .prepare(
        "insert into grids (parent_id, level, name, code, created_at, updated_at) values (null, 1, ?, ?, 'x', 'x')",
      )
      .run(name, `9${at.getDate()}${i}`);
  }
  const made = await backupNow(h, backups, at);
  await h.close();
  return made.path;
}

/** Overwrites the middle of the file with garbage, as a failing disk would. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0x5a), 0, Math.floor(size / 2), 4096);
  fs.closeSync(fd);
}

const names = (db: string) => {
  const s = new BetterSqlite3(db, { readonly: true });
  try {
    return (s.prepare('select name from grids order by id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    s.close();
  }
};

describe('start-up check', () => {
  it('passes a sound database, and reports a new one as new', async () => {
    const { db, backups } = await dataFolder();
    const ok = await checkAtStart(db, backups, { minFreeBytes: 0 });
    expect(ok).toMatchObject({ database: 'ok', problem: null, goodBackup: null, warnings: [] });
    expect(ok.freeBytes).toBeGreaterThan(0);
    expect(startupDialog(ok)).toBeNull();
    const fresh = path.join(tempDir(), 'GridDesk', 'griddesk.sqlite');
    expect((await checkAtStart(fresh, path.join(path.dirname(fresh), 'backups'), { minFreeBytes: 0 })).database).toBe(
      'new',
    );
  });

  it('warns when the disk is nearly full or the backup folder cannot be written', async () => {
    const { db, backups } = await dataFolder();
    fs.writeFileSync(backups, 'a file where the backup folder should be');
    const r = await checkAtStart(db, backups, { minFreeBytes: Number.MAX_SAFE_INTEGER });
    expect(r.database).toBe('ok');
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/磁盘空间不足：.* 只剩 \d+ MB/);
    expect(r.warnings[1]).toContain(`备份文件夹无法写入：${backups}`);
    const d = startupDialog(r)!;
    expect(d).toMatchObject({ type: 'warning', buttons: ['知道了'], restoreButton: -1 });
    expect(await resolveStartup(r, () => Promise.resolve(0))).toBe('continue');
  });

  it('offers the newest backup that passes the full check for a damaged database, and installs it when asked', async () => {
    const { db, backups } = await dataFolder();
    const good = await backupWith(db, backups, ['龙泉镇'], new Date(2026, 0, 1, 9, 0, 0));
    const newer = await backupWith(db, backups, ['石桥镇'], new Date(2026, 0, 2, 9, 0, 0));
    damage(newer);
    damage(db);

    const r = await checkAtStart(db, backups, { minFreeBytes: 0 });
    expect(r.database).toBe('damaged');
    expect(r.problem).toMatch(/损坏/);
    expect(r.goodBackup?.path).toBe(good);
    const d = startupDialog(r)!;
    expect(d.type).toBe('error');
    expect(d.detail).toContain(good);
    expect(d.buttons[d.restoreButton]).toBe('用该备份恢复');

    // Quitting leaves the damaged file as it is.
    const bytes = fs.readFileSync(db);
    expect(await resolveStartup(r, () => Promise.resolve(1))).toBe('quit');
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);

    const asked: StartupDialog[] = [];
    const answer = await resolveStartup(r, (shown) => {
      asked.push(shown);
      return Promise.resolve(shown.restoreButton >= 0 ? shown.restoreButton : 0);
    });
    expect(answer).toBe('continue');
    expect(names(db)).toEqual(['温水镇', '龙泉镇']);
    const kept = fs.readdirSync(path.dirname(db)).filter((f) => /^griddesk\.sqlite\.damaged-\d{8}-\d{6}$/.test(f));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(db), kept[0]!)).equals(bytes)).toBe(true);
    expect(asked[1]!.detail).toContain(kept[0]);
    expect((await checkAtStart(db, backups, { minFreeBytes: 0 })).database).toBe('ok');
  });

  it('with no good backup, says so and only offers to quit', async () => {
    const { db, backups } = await dataFolder();
    damage(db);
    const r = await checkAtStart(db, backups, { minFreeBytes: 0 });
    expect(r).toMatchObject({ database: 'damaged', goodBackup: null });
    const d = startupDialog(r)!;
    expect(d.buttons).toEqual(['退出']);
    expect(d.detail).toContain('没有可用的完好备份');
    expect(await resolveStartup(r, () => Promise.resolve(0))).toBe('quit');
  });

  it("removes what killed backups and restores left, keeping a running process's files", async () => {
    const { dir, db, backups } = await dataFolder();
    fs.mkdirSync(backups, { recursive: true });
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const leftovers = [
      path.join(dir, `griddesk.sqlite.restore-${dead}-1.tmp`),
      path.join(dir, `griddesk.sqlite.restore-${dead}-2.tmp-journal`),
      path.join(backups, `griddesk-20260101-090000-before-restore.sqlite.partial-${dead}`),
    ];
    const running = path.join(dir, `griddesk.sqlite.restore-${process.pid}-1.tmp`);
    for (const f of [...leftovers, running]) fs.writeFileSync(f, '身份证号 610327********8400');
    const r = await checkAtStart(db, backups, { minFreeBytes: 0 });
    expect(r.removed.sort()).toEqual(leftovers.map((f) => path.basename(f)).sort());
    for (const f of leftovers) expect(fs.existsSync(f)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'makes the data folder and backups 0700, the database and backups 0600',
    async () => {
      const { dir, db, backups } = await dataFolder();
      const made = await backupWith(db, backups, [], new Date(2026, 0, 1));
      for (const f of [db, made]) fs.chmodSync(f, 0o644);
      for (const d of [dir, backups]) fs.chmodSync(d, 0o755);
      await checkAtStart(db, backups, { minFreeBytes: 0 });
      const mode = (f: string) => fs.statSync(f).mode & 0o777;
      expect([mode(dir), mode(backups), mode(db), mode(made)]).toEqual([0o700, 0o700, 0o600, 0o600]);
    },
  );
});
