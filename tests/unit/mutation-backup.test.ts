/**
 * What a clerk expects of backups and restore, pinned where the mutation run found nothing
 * guarding it (README, "Mutation testing"): a backup's name tells its time and the list sorts by
 * it; a nearly full disk refuses a backup or restore before writing anything, saying how much
 * space is left; leftovers of a killed backup or restore are removed, never anyone else's files;
 * a damaged database is replaced by a good backup and kept beside it, -wal and all.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupNow,
  backupTo,
  dailyBackup,
  freeBytes,
  inspectBackup,
  listBackups,
  pruneBackups,
  removeLeftovers,
  replaceDamaged,
  restoreDatabase,
} from '../../src/main/db/backup';
import { openDatabase, type OpenOptions } from '../../src/main/db/connection';
import { migrations } from '../../src/main/db/migrations';
import { AppError } from '../../src/main/errors';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

const MB = 1024 * 1024;
/** Above Linux's largest pid_max (2^22): no process has it. */
const DEAD = 2 ** 22 + 12345;

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
  await township(app.ctx.handle.sqlite, '温水镇', '11');
});
afterEach(async () => {
  await app.close();
});

function township(sqlite: BetterSqlite3.Database, name: string, code: string): void {
  sqlite
    .prepare(
      "insert into grids (parent_id, level, name, code, created_at, updated_at) values (null, 1, ?, ?, 'x', 'x')",
    )
    .run(name, code);
}

function gridNames(file: string): string[] {
  const s = new BetterSqlite3(file, { readonly: true });
  try {
    return (s.prepare('select name from grids order by id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    s.close();
  }
}

/** The AppError a call fails with (a plain Error would be a bug: the clerk would see 程序内部错误). */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => new Error('accepted'),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw e;
  return e;
}

/** A closed GridDesk database elsewhere holding the townships named. */
async function otherDatabase(...names: string[]): Promise<string> {
  const o = await openTestApp(tempDir());
  names.forEach((n, i) => township(o.ctx.handle.sqlite, n, `2${i}`));
  await o.close();
  return o.dbPath;
}

const listed = (dir: string) => listBackups(dir).map((b) => b.name);

describe('backup names tell their time', () => {
  it('names a backup by its local time, two digits a field, and lists it with that time and its size', async () => {
    const dir = app.ctx.backupDir;
    const at = new Date(2026, 0, 2, 3, 4, 5);
    const made = await backupNow(app.ctx.handle, dir, at);
    expect(made.name).toBe('griddesk-20260102-030405.sqlite');
    expect(made.path).toBe(path.join(dir, made.name));
    expect(made.createdAt).toBe(at.toISOString());
    expect(made.size).toBe(fs.statSync(made.path).size);
    expect(listBackups(dir)).toEqual([made]);
  });

  it('gives a second backup in the same second the next free second, and a labelled one its label', async () => {
    const dir = app.ctx.backupDir;
    const at = new Date(2026, 10, 30, 23, 59, 58);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await backupNow(app.ctx.handle, dir, at));
    const safety = await backupNow(app.ctx.handle, dir, at, 'before-restore');
    expect(made.map((b) => b.name)).toEqual([
      'griddesk-20261130-235958.sqlite',
      'griddesk-20261130-235959.sqlite',
      // Across midnight into the next month.
      'griddesk-20261201-000000.sqlite',
    ]);
    expect(made.map((b) => b.createdAt)).toEqual([0, 1, 2].map((s) => new Date(at.getTime() + s * 1000).toISOString()));
    expect(safety.name).toBe('griddesk-20261130-235958-before-restore.sqlite');
    expect(safety.createdAt).toBe(at.toISOString());
  });

  it('lists backups newest first by the time in their names, across days, months and years', () => {
    const dir = tempDir();
    const names = [
      'griddesk-20260110-080000.sqlite',
      'griddesk-20251231-235959.sqlite',
      'griddesk-20260109-230000-before-restore.sqlite',
      'griddesk-20260101-000000.sqlite',
      'griddesk-20260109-225959.sqlite',
      'griddesk-20261001-000000.sqlite',
      'griddesk-20260201-120000.sqlite',
    ];
    for (const n of names) fs.writeFileSync(path.join(dir, n), n);
    expect(listed(dir)).toEqual([
      'griddesk-20261001-000000.sqlite',
      'griddesk-20260201-120000.sqlite',
      'griddesk-20260110-080000.sqlite',
      'griddesk-20260109-230000-before-restore.sqlite',
      'griddesk-20260109-225959.sqlite',
      'griddesk-20260101-000000.sqlite',
      'griddesk-20251231-235959.sqlite',
    ]);
    const safety = listBackups(dir).find((b) => b.name.includes('before-restore'))!;
    expect(safety.createdAt).toBe(new Date(2026, 0, 9, 23, 0, 0).toISOString());
    expect(safety.size).toBe(safety.name.length);
  });

  it('lists only files named as GridDesk names its backups', () => {
    const dir = tempDir();
    const backup = 'griddesk-20260101-090000.sqlite';
    const others = [
      '说明.txt',
      'old-griddesk-20260101-090000.sqlite',
      `${backup}.partial-${DEAD}`,
      `${backup}-journal`,
      `${backup}.damaged-20260101-100000`,
      'griddesk-2026011-090000.sqlite',
      'griddesk-20260101-09000.sqlite',
      'griddesk-202601010-090000.sqlite',
      'griddesk-20260101090000.sqlite',
      'griddesk-20260101-090000.sqlite3',
      'griddesk-20260101-090000xsqlite',
      'griddesk-20260101-090000-.sqlite',
      'griddesk-20260101-090000-前.sqlite',
      'griddesk-2026O101-090000.sqlite',
    ];
    for (const n of [backup, ...others]) fs.writeFileSync(path.join(dir, n), '');
    expect(listed(dir)).toEqual([backup]);
    expect(listBackups(path.join(dir, 'missing'))).toEqual([]);
  });

  it('prunes the oldest backups only, leaving everything else in the folder', async () => {
    const dir = app.ctx.backupDir;
    for (let d = 1; d <= 4; d++) await backupNow(app.ctx.handle, dir, new Date(2026, 2, d, 8, 0, 0));
    fs.writeFileSync(path.join(dir, '说明.txt'), '');
    expect(pruneBackups(dir, 2)).toEqual(['griddesk-20260302-080000.sqlite', 'griddesk-20260301-080000.sqlite']);
    expect(fs.readdirSync(dir).sort()).toEqual([
      'griddesk-20260303-080000.sqlite',
      'griddesk-20260304-080000.sqlite',
      '说明.txt',
    ]);
  });

  it("counts any backup of today, even a restore's safety copy, as today's daily backup", async () => {
    const dir = app.ctx.backupDir;
    await backupNow(app.ctx.handle, dir, new Date(2026, 4, 5, 7, 0, 0), 'before-restore');
    expect(await dailyBackup(app.ctx.handle, dir, new Date(2026, 4, 5, 9, 0, 0))).toBeNull();
    const next = await dailyBackup(app.ctx.handle, dir, new Date(2026, 4, 6, 0, 0, 1));
    expect(next?.name).toBe('griddesk-20260506-000001.sqlite');
  });
});

describe('leftovers of killed backups and restores', () => {
  it('removes the files of processes no longer running, and only those', () => {
    const dir = tempDir();
    const leftovers = [
      `griddesk-20260101-090000.sqlite.partial-${DEAD}`,
      `griddesk-20260101-090000.sqlite.partial-${DEAD}-journal`,
      `griddesk-20260101-090000.sqlite.partial-${DEAD}-wal`,
      `griddesk-20260101-090000.sqlite.partial-${DEAD}-shm`,
      `griddesk.sqlite.restore-${DEAD}-1.tmp`,
      `griddesk.sqlite.restore-${DEAD}-12.tmp-journal`,
      `griddesk.sqlite.restore-${DEAD}-3.tmp-wal`,
      `griddesk.sqlite.restore-${DEAD}-3.tmp-shm`,
    ];
    // Other programs' files, and names only resembling ours.
    const kept = [
      '网格员名册.xlsx',
      `下载.zip.part`,
      `griddesk.sqlite.partial-x${DEAD}`,
      `griddesk.sqlite.partial-${DEAD}.bak`,
      `griddesk.sqlite.partial-${DEAD}-journal.txt`,
      `griddesk.sqlite.partial-`,
      `griddesk.sqlite.partial${DEAD}`,
      `griddesk.sqlite.restore-${DEAD}.tmp`,
      `griddesk.sqlite.restore-${DEAD}-1.tmp.bak`,
      `griddesk.sqlite.restore-${DEAD}-1.tmpx`,
      `griddesk.sqlite.restore-${DEAD}-.tmp`,
      `griddesk.sqlite.restore--1.tmp`,
      `griddesk.sqlite.restore-x-1.tmp`,
      `griddesk.sqlite.restore-${DEAD}-1xtmp`,
    ];
    for (const n of [...leftovers, ...kept]) fs.writeFileSync(path.join(dir, n), '身份证号 610327********8400');
    expect(removeLeftovers(dir).sort()).toEqual([...leftovers].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([...kept].sort());
  });

  it("keeps a running process's file while it is fresh, and removes it once an hour untouched", () => {
    const dir = tempDir();
    const file = (n: string) => path.join(dir, `griddesk.sqlite.restore-${process.pid}-${n}.tmp`);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60 * 1000);
    for (const [n, age] of [
      ['1', 0],
      ['2', 50],
      ['3', 62],
      ['4', 24 * 60],
    ] as const) {
      fs.writeFileSync(file(n), '');
      fs.utimesSync(file(n), minutesAgo(age), minutesAgo(age));
    }
    expect(removeLeftovers(dir).sort()).toEqual([path.basename(file('3')), path.basename(file('4'))]);
    expect(fs.existsSync(file('1')) && fs.existsSync(file('2'))).toBe(true);
  });

  it('finds nothing to remove where the folder is missing or is a file, and survives a dangling link', () => {
    const dir = tempDir();
    expect(removeLeftovers(path.join(dir, 'missing'))).toEqual([]);
    const file = path.join(dir, `griddesk.sqlite.partial-${DEAD}`);
    fs.writeFileSync(file, '');
    expect(removeLeftovers(file)).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    fs.rmSync(file);
    // A link whose target is gone, as when the running restore removes its file between our
    // listing the folder and looking at the file.
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, `griddesk.sqlite.restore-${process.pid}-1.tmp`));
    expect(() => removeLeftovers(dir)).not.toThrow();
  });

  it("a backup to a named file removes that file's own leftovers only, never the clerk's other files", async () => {
    const dir = tempDir();
    const target = path.join(dir, '温水镇备份.sqlite');
    const mine = [`温水镇备份.sqlite.partial-${DEAD}`, `温水镇备份.sqlite.partial-${DEAD}-journal`];
    const theirs = [
      `报表.xlsx.partial-${DEAD}`,
      `温水镇备份.sqlite.restore-${DEAD}-1.tmp`,
      `旧备份.sqlite.partial-${DEAD}`,
    ];
    for (const n of [...mine, ...theirs]) fs.writeFileSync(path.join(dir, n), 'x');
    const at = new Date(2026, 5, 1, 10, 0, 0);
    const made = await backupTo(app.ctx.handle, target, at);
    expect(made).toEqual({
      name: '温水镇备份.sqlite',
      path: target,
      createdAt: at.toISOString(),
      size: fs.statSync(target).size,
    });
    expect(gridNames(target)).toEqual(['温水镇']);
    expect(fs.readdirSync(dir).sort()).toEqual(['温水镇备份.sqlite', ...theirs].sort());
  });

  it('restoring removes staging copies a killed restore left for this database, not those of another', async () => {
    const source = await otherDatabase('龙泉镇');
    const ours = `griddesk.sqlite.restore-${DEAD}-1.tmp`;
    const another = `archive.sqlite.restore-${DEAD}-1.tmp`;
    for (const n of [ours, another]) fs.writeFileSync(path.join(app.dir, n), 'x');
    await inspectBackup(source, app.dbPath);
    expect(fs.existsSync(path.join(app.dir, ours))).toBe(false);
    expect(fs.existsSync(path.join(app.dir, another))).toBe(true);
    expect(fs.readdirSync(app.dir).filter((n) => n.startsWith('griddesk.sqlite.restore-'))).toEqual([]);
  });
});

describe('a nearly full disk', () => {
  /** Free bytes as `df` reports them to the user (reserved blocks excluded). */
  function dfAvail(dir: string): number {
    const out = execFileSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' });
    return Number(out.trim().split('\n').at(-1));
  }

  it('reports the free space the user may use, and nothing for a folder that does not exist', () => {
    const dir = tempDir();
    expect(Math.abs(freeBytes(dir)! - dfAvail(dir))).toBeLessThan(64 * MB);
    expect(freeBytes(path.join(dir, 'missing'))).toBeNull();
  });

  /**
   * Sizes `file` (sparse: no disk used) to half the free space, whole megabytes: a copy and its
   * journal would need all of it, and the margin kept on top (16 MB) decides. Returns the size.
   */
  function halfTheFreeSpace(file: string): number {
    const size = Math.round(freeBytes(path.dirname(file))! / 2 / MB) * MB;
    fs.truncateSync(file, size);
    return size;
  }

  function expectSpaceRefusal(e: AppError, dir: string, size: number): void {
    expect(e.code).toBe('CONFLICT');
    const m =
      /^磁盘空间不足：(.+) 所在磁盘只剩 (\d+\.\d) MB，需要约 (\d+\.\d) MB。请清理磁盘后再试，未做任何修改。$/.exec(
        e.message,
      );
    expect(m, e.message).not.toBeNull();
    expect(m![1]).toBe(dir);
    expect(Math.abs(Number(m![2]) * MB - dfAvail(dir))).toBeLessThan(64 * MB);
    expect(m![3]).toBe(`${(2 * size) / MB}.0`);
  }

  it('refuses to restore a backup the disk has no room to copy, before copying anything', async () => {
    const source = path.join(tempDir(), 'huge.sqlite');
    fs.writeFileSync(source, '');
    const size = halfTheFreeSpace(source);
    const e = await refusal(restoreDatabase(app.ctx.handle, source, app.ctx.backupDir));
    expectSpaceRefusal(e, app.dir, size);
    expect(fs.readdirSync(app.dir).sort()).toEqual(['griddesk.sqlite', 'griddesk.sqlite-shm', 'griddesk.sqlite-wal']);
    expect(gridNames(app.dbPath)).toEqual(['温水镇']);
    fs.rmSync(source);
  });

  /** Grows the live database's file (sparse) and its page count to half the free space. */
  async function hugeDatabase(): Promise<{ handle: Awaited<ReturnType<typeof openDatabase>>; size: number }> {
    await app.close();
    const size = halfTheFreeSpace(app.dbPath);
    const fd = fs.openSync(app.dbPath, 'r+');
    const pages = Buffer.alloc(4);
    pages.writeUInt32BE(size / 4096);
    // The page count in the header (offset 28), so SQLite reads the file as that many pages.
    fs.writeSync(fd, pages, 0, 4, 28);
    fs.closeSync(fd);
    const handle = await openDatabase(app.dbPath);
    app.ctx.handle = handle;
    expect(handle.sqlite.pragma('page_count', { simple: true })).toBe(size / 4096);
    return { handle, size };
  }

  it('refuses a backup larger than the disk can take, writing nothing', async () => {
    const { handle, size } = await hugeDatabase();
    try {
      const dir = app.ctx.backupDir;
      expectSpaceRefusal(await refusal(backupNow(handle, dir)), dir, size);
      expect(fs.readdirSync(dir)).toEqual([]);
      const out = path.join(tempDir(), '拷到U盘.sqlite');
      expectSpaceRefusal(await refusal(backupTo(handle, out)), path.dirname(out), size);
      expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    } finally {
      await handle.close();
      fs.rmSync(app.dbPath);
    }
  });
});

describe('a backup to a file the clerk names', () => {
  it('refuses a folder that does not exist, or is a file, naming it and writing nothing', async () => {
    const dir = tempDir();
    const missing = path.join(dir, '不存在', '备份.sqlite');
    let e = await refusal(backupTo(app.ctx.handle, missing));
    expect([e.code, e.message]).toEqual(['NOT_FOUND', `保存备份的文件夹不存在：${path.dirname(missing)}`]);
    fs.writeFileSync(path.join(dir, '文件'), 'x');
    const underFile = path.join(dir, '文件', '备份.sqlite');
    e = await refusal(backupTo(app.ctx.handle, underFile));
    expect([e.code, e.message]).toEqual(['NOT_FOUND', `保存备份的文件夹不存在：${path.dirname(underFile)}`]);
    expect(fs.readdirSync(dir)).toEqual(['文件']);
  });

  it('refuses a folder as the file, suggesting a file name inside it', async () => {
    const dir = tempDir();
    const e = await refusal(backupTo(app.ctx.handle, dir));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(`这是一个文件夹，请指定备份文件名（如 ${path.join(dir, '网格工作台备份.sqlite')}）`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses the database in use, also when reached through a link', async () => {
    const link = path.join(tempDir(), '快捷方式.sqlite');
    fs.symlinkSync(app.dbPath, link);
    for (const target of [app.dbPath, link]) {
      const e = await refusal(backupTo(app.ctx.handle, target));
      expect([e.code, e.message]).toEqual(['VALIDATION', `不能把备份写到正在使用的数据库文件上：${target}`]);
    }
    expect(gridNames(app.dbPath)).toEqual(['温水镇']);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('replaces an older backup at the same path whole', async () => {
    const target = path.join(tempDir(), '备份.sqlite');
    await backupTo(app.ctx.handle, target);
    township(app.ctx.handle.sqlite, '八渡镇', '12');
    await backupTo(app.ctx.handle, target);
    expect(gridNames(target)).toEqual(['温水镇', '八渡镇']);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['备份.sqlite']);
  });
});

describe('what restore refuses to read', () => {
  it('refuses a device or other non-regular file, naming it', async () => {
    const e = await refusal(inspectBackup('/dev/null', app.dbPath));
    expect([e.code, e.message]).toEqual(['NOT_FOUND', '这不是普通文件，不能作为备份：/dev/null。未做任何恢复。']);
  });

  it('refuses a database file whose first page is damaged as not a valid backup', async () => {
    const file = await otherDatabase('龙泉镇');
    const fd = fs.openSync(file, 'r+');
    // Past the 100-byte header: the page holding the list of tables.
    fs.writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    fs.closeSync(fd);
    const e = await refusal(inspectBackup(file, app.dbPath));
    expect([e.code, e.message]).toEqual([
      'DB_INVALID',
      `文件不是有效的数据库备份（已损坏、加密或是其他类型的文件），未做任何恢复：${file}`,
    ]);
  });

  it('says it cannot read a backup another program holds locked, with the reason, changing nothing', async () => {
    const file = await otherDatabase('龙泉镇');
    const writer = new BetterSqlite3(file);
    writer.pragma('journal_mode = DELETE');
    writer.exec('begin exclusive');
    try {
      const e = await refusal(restoreDatabase(app.ctx.handle, file, app.ctx.backupDir));
      expect([e.code, e.message]).toEqual([
        'DB_INVALID',
        `无法读取备份文件（database is locked），未做任何恢复：${file}`,
      ]);
    } finally {
      writer.exec('rollback');
      writer.close();
    }
    expect(gridNames(app.dbPath)).toEqual(['温水镇']);
    expect(listBackups(app.ctx.backupDir)).toEqual([]);
  });

  it('names the backup at the end of a refusal from the schema check', async () => {
    const file = await otherDatabase('龙泉镇');
    const raw = new BetterSqlite3(file);
    raw.exec('drop table households');
    raw.close();
    const e = await refusal(inspectBackup(file, app.dbPath));
    expect(e.code).toBe('DB_INVALID');
    expect(e.message).toContain('缺少数据表 households');
    expect(e.message.endsWith(`，未做任何恢复：${file}`)).toBe(true);
  });
});

describe('restoring over the database in use', () => {
  it("keeps the data it replaces as a 'before-restore' backup, and leaves one self-contained file", async () => {
    const source = await otherDatabase('龙泉镇', '石桥镇');
    const r = await restoreDatabase(app.ctx.handle, source, app.ctx.backupDir);
    app.ctx.handle = r.handle;
    expect(r.safetyBackup.name).toMatch(/^griddesk-\d{8}-\d{6}-before-restore\.sqlite$/);
    expect(gridNames(r.safetyBackup.path)).toEqual(['温水镇']);
    expect(r.installed.counts.grids).toBe(2);
    expect(gridNames(app.dbPath)).toEqual(['龙泉镇', '石桥镇']);
    expect(fs.readdirSync(app.dir).filter((n) => n.includes('.restore-'))).toEqual([]);
  });

  it('puts the data back when the restored database cannot be opened', async () => {
    const source = await otherDatabase('龙泉镇');
    const failing = {
      ...migrations,
      '9000_fails': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('half').addColumn('id', 'integer').execute();
          throw new Error('第二次打开失败（测试）');
        },
      },
    };
    let opened = 0;
    // The staged copy upgrades cleanly; opening it in place fails (as a disk error would).
    const options: OpenOptions = {
      get migrations() {
        return ++opened === 1 ? migrations : failing;
      },
    };
    const e: unknown = await restoreDatabase(app.ctx.handle, source, app.ctx.backupDir, options).catch(
      (x: unknown) => x,
    );
    expect(String(e)).toContain('第二次打开失败（测试）');
    expect(opened).toBe(2);
    expect(gridNames(app.dbPath)).toEqual(['温水镇']);
    expect(fs.readdirSync(app.dir).filter((n) => n.includes('.restore-'))).toEqual([]);
    expect(listBackups(app.ctx.backupDir)).toHaveLength(1);
    app.ctx.handle = await openDatabase(app.dbPath);
  });
});

describe('replacing a damaged database', () => {
  /** The database in use, closed and broken mid-file, its -wal still holding pages of its own. */
  async function damagedWithWal(): Promise<{ db: string; bytes: Record<string, Buffer> }> {
    const db = app.dbPath;
    const sqlite = app.ctx.handle.sqlite;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('wal_autocheckpoint = 0');
    township(sqlite, '坏镇甲', '12');
    township(sqlite, '坏镇乙', '13');
    const wal = fs.readFileSync(`${db}-wal`);
    const shm = fs.readFileSync(`${db}-shm`);
    expect(wal.length).toBeGreaterThan(4096);
    await app.close();
    // As a crash would leave them: the -wal and -shm not yet folded into the file.
    fs.writeFileSync(`${db}-wal`, wal);
    fs.writeFileSync(`${db}-shm`, shm);
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(2048, 0x5a), 0, 2048, 4096);
    fs.closeSync(fd);
    const bytes = Object.fromEntries(['', '-wal', '-shm'].map((s) => [s, fs.readFileSync(db + s)]));
    return { db, bytes };
  }

  it('installs the backup and keeps the damaged file with its -wal and -shm beside it, untouched', async () => {
    const good = await otherDatabase('龙泉镇');
    const { db, bytes } = await damagedWithWal();
    const before = Date.now();
    const kept = await replaceDamaged(db, good);
    const m = /^griddesk\.sqlite\.damaged-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(path.basename(kept));
    expect(m, kept).not.toBeNull();
    const [, y, mo, d, h, mi, s] = m!.map(Number);
    const at = new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime();
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(path.dirname(kept)).toBe(app.dir);
    for (const suffix of ['', '-wal', '-shm']) expect(fs.readFileSync(kept + suffix).equals(bytes[suffix]!)).toBe(true);
    // The damaged file's -wal must not replay into the backup now in its place.
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    const installed = await openDatabase(db);
    expect(installed.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await installed.close();
    expect(gridNames(db)).toEqual(['龙泉镇']);
    expect(fs.readdirSync(app.dir).filter((n) => n.includes('.restore-'))).toEqual([]);
  });

  it('leaves the damaged database as it is when the backup is not good either', async () => {
    const bad = path.join(tempDir(), 'bad.sqlite');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    const { db, bytes } = await damagedWithWal();
    const e = await refusal(replaceDamaged(db, bad));
    expect(e.message).toContain('未做任何恢复');
    for (const suffix of ['', '-wal', '-shm']) expect(fs.readFileSync(db + suffix).equals(bytes[suffix]!)).toBe(true);
    expect(fs.readdirSync(app.dir).sort()).toEqual(['griddesk.sqlite', 'griddesk.sqlite-shm', 'griddesk.sqlite-wal']);
  });
});
