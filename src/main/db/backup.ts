/**
 * Backups and restore. Every file is read and written through SQLite (the online backup API),
 * so a source whose newest pages still sit in its -wal is copied whole; every file appears
 * under its final name only once complete (written beside it, then renamed), so a crash
 * leaves either the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, DatabaseSummary } from '../../shared/settings';
import { AppError } from '../errors';
import { createPrivateFile, ensurePrivateDir, makePrivate, syncDir } from '../paths';
import { openDatabase, openRaw, type DbHandle, type OpenOptions } from './connection';
import { summarize, UnfitDatabase, verifyDatabase } from './verify';

/** Automatic and on-demand backups kept; older ones are removed. */
export const BACKUPS_KEPT = 14;

const NAME = /^griddesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([a-z-]+))?\.sqlite$/;
/** A file being written: `<target>.partial-<pid>` (and SQLite's journal beside it). */
const PARTIAL = /\.partial-(\d+)(-journal|-wal|-shm)?$/;
/** A restore's staging copy beside the database: `<db>.restore-<pid>-<n>.tmp`. */
const STAGING = /\.restore-(\d+)-\d+\.tmp(-journal|-wal|-shm)?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function parseName(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!);
}

function infoFor(file: string, at: Date): BackupInfo {
  return { name: path.basename(file), path: file, createdAt: at.toISOString(), size: fs.statSync(file).size };
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const at = parseName(name);
    if (at) out.push(infoFor(path.join(dir, name), at));
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

const STALE_AFTER_MS = 60 * 60 * 1000;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what an interrupted backup or restore left in `dir` (files of processes no longer
 * running): they hold personal data and are never whole. Returns the names removed.
 */
export function removeLeftovers(dir: string, only?: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = PARTIAL.exec(name) ?? STAGING.exec(name);
    if (!m || (only && !only(name))) continue;
    const file = path.join(dir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    // An hour untouched is stale even if its pid has since been given to another process.
    if (!st || (isRunning(Number(m[1])) && Date.now() - st.mtimeMs < STALE_AFTER_MS)) continue;
    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

function removeWithCompanions(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** Free bytes on the volume holding `dir`, or null where the platform cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function assertSpace(dir: string, needed: number): void {
  const free = freeBytes(dir);
  // Twice the size: the copy, and SQLite's journal while it is written.
  if (free !== null && free < needed * 2 + 16 * 1024 * 1024) {
    throw new AppError(
      'CONFLICT',
      `磁盘空间不足：${dir} 所在磁盘只剩 ${formatMb(free)}，需要约 ${formatMb(needed * 2)}。请清理磁盘后再试，未做任何修改。`,
    );
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Writes a consistent snapshot of an open database to `target` via `<target>.partial-<pid>`,
 * as one self-contained file (rollback journal mode, so it needs no -wal beside it), 0600.
 */
async function snapshotTo(sqlite: BetterSqlite3.Database, target: string): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  removeWithCompanions(partial);
  createPrivateFile(partial);
  try {
    await sqlite.backup(partial);
    const copy = openRaw(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    makePrivate(partial);
    fs.renameSync(partial, target);
    syncDir(path.dirname(target));
  } catch (e) {
    removeWithCompanions(partial);
    throw e;
  }
}

function dbSize(handle: DbHandle): number {
  const { n } = handle.sqlite
    .prepare('select page_count * page_size n from pragma_page_count, pragma_page_size')
    .get() as {
    n: number;
  };
  return n;
}

/** Writes a consistent copy of the live database into the backup folder. */
export async function backupNow(handle: DbHandle, dir: string, now = new Date(), label?: string): Promise<BackupInfo> {
  ensurePrivateDir(dir);
  removeLeftovers(dir);
  assertSpace(dir, dbSize(handle));
  let at = now;
  const nameAt = (d: Date) => `griddesk-${stamp(d)}${label ? `-${label}` : ''}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, nameAt(at))); i++) at = new Date(now.getTime() + i * 1000);
  const target = path.join(dir, nameAt(at));
  await snapshotTo(handle.sqlite, target);
  return infoFor(target, parseName(path.basename(target)) ?? now);
}

/** Writes a consistent copy of the live database to a file the clerk named (CLI --out, save dialog). */
export async function backupTo(handle: DbHandle, file: string, now = new Date()): Promise<BackupInfo> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('NOT_FOUND', `保存备份的文件夹不存在：${dir}`);
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new AppError(
      'VALIDATION',
      `这是一个文件夹，请指定备份文件名（如 ${path.join(target, '网格工作台备份.sqlite')}）`,
    );
  }
  if (sameFile(target, handle.path)) {
    throw new AppError('VALIDATION', `不能把备份写到正在使用的数据库文件上：${target}`);
  }
  const base = path.basename(target);
  removeLeftovers(dir, (name) => name.startsWith(`${base}.partial-`));
  assertSpace(dir, dbSize(handle));
  await snapshotTo(handle.sqlite, target);
  return infoFor(target, now);
}

function sameFile(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/** Removes all but the newest `keep` backups. */
export function pruneBackups(dir: string, keep = BACKUPS_KEPT): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dir).slice(keep)) {
    fs.rmSync(path.join(dir, b.name), { force: true });
    removed.push(b.name);
  }
  return removed;
}

/** At start-up: one backup a day (the first start of the day writes it), keeping the last 14. */
export async function dailyBackup(handle: DbHandle, dir: string, now = new Date()): Promise<BackupInfo | null> {
  const today = stamp(now).slice(0, 8);
  const hasToday = listBackups(dir).some((b) => b.name.startsWith(`griddesk-${today}-`));
  const made = hasToday ? null : await backupNow(handle, dir, now);
  pruneBackups(dir);
  return made;
}

// ---------------------------------------------------------------------------------------------
// Restore

let stagingCount = 0;

/**
 * A fresh staging path beside the database: on the same volume, so the final rename is atomic.
 * Staging files a killed restore left for this database are removed first.
 */
function stagingPath(dbPath: string): string {
  const base = `${path.basename(dbPath)}.restore-`;
  removeLeftovers(path.dirname(dbPath), (name) => name.startsWith(base));
  return `${dbPath}.restore-${process.pid}-${++stagingCount}.tmp`;
}

function sourceProblem(source: string): string | null {
  if (!fs.existsSync(source)) return `找不到备份文件：${source}`;
  const st = fs.statSync(source);
  if (st.isDirectory()) return `这是一个文件夹，不是备份文件：${source}`;
  if (!st.isFile()) return `这不是普通文件，不能作为备份：${source}`;
  if (st.size === 0) return `文件是空的，不是网格工作台的数据库：${source}`;
  return null;
}

/**
 * Copies `source` through SQLite into `staging` (its -wal included) and checks the copy. The
 * source is opened read-only and never changed (SQLite may add its -shm index beside it).
 */
async function stageAndVerify(source: string, staging: string): Promise<DatabaseSummary> {
  const problem = sourceProblem(source);
  if (problem) throw new AppError('NOT_FOUND', `${problem}。未做任何恢复。`);
  assertSpace(path.dirname(staging), fs.statSync(source).size);
  let src: BetterSqlite3.Database | undefined;
  try {
    src = openRaw(source, { readonly: true, fileMustExist: true });
    src.prepare('select count(*) from sqlite_master').get();
    await snapshotTo(src, staging);
  } catch (e) {
    throw refusal(source, e);
  } finally {
    src?.close();
  }
  // Writable on purpose (it is our own staging copy): on a read-only connection SQLite's
  // integrity_check skips CHECK constraints, so a grid at level 9 would pass.
  const copy = openRaw(staging, { fileMustExist: true });
  try {
    return await verifyDatabase(copy);
  } catch (e) {
    throw refusal(source, e);
  } finally {
    copy.close();
  }
}

function refusal(source: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof UnfitDatabase) {
    return new AppError(e.kind === 'newer' ? 'DB_NEWER' : 'DB_INVALID', `${e.message}，未做任何恢复：${source}`);
  }
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError(
      'DB_INVALID',
      `文件不是有效的数据库备份（已损坏、加密或是其他类型的文件），未做任何恢复：${source}`,
    );
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new AppError('DB_INVALID', `无法读取备份文件（${detail}），未做任何恢复：${source}`);
}

/** Checks a backup and summarises what restoring it would install, changing nothing. */
export async function inspectBackup(source: string, dbPath: string): Promise<DatabaseSummary> {
  assertNotLive(source, dbPath);
  const staging = stagingPath(dbPath);
  try {
    return await stageAndVerify(path.resolve(source), staging);
  } finally {
    removeWithCompanions(staging);
  }
}

function assertNotLive(source: string, dbPath: string): void {
  if (fs.existsSync(source) && sameFile(source, dbPath)) {
    throw new AppError('VALIDATION', `这就是正在使用的数据库，不能用它恢复自己：${source}`);
  }
}

/**
 * Brings the staged copy up to the current schema and leaves it one self-contained file, so a
 * failing upgrade refuses the restore while the live database is still untouched.
 */
async function upgradeStaged(staging: string, options: OpenOptions): Promise<void> {
  const h = await openDatabase(staging, { ...options, mustExist: true });
  try {
    h.sqlite.pragma('journal_mode = DELETE');
  } finally {
    await h.close();
  }
  if (fs.existsSync(`${staging}-wal`)) throw new Error('staged copy still has a -wal');
}

/** Lets the live database's -wal into the main file; refuses while another program holds it. */
function settleLive(current: DbHandle): void {
  const [r] = current.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (r && r.busy !== 0) {
    throw new AppError(
      'CONFLICT',
      `数据库正被另一个程序使用（可能是另一个网格工作台窗口或命令行），请关闭后再恢复。未做任何修改：${current.path}`,
    );
  }
}

export interface RestoreOutcome {
  handle: DbHandle;
  safetyBackup: BackupInfo;
  installed: DatabaseSummary;
}

/**
 * Replaces the live database with `source`: copies it through SQLite beside the database,
 * verifies and upgrades the copy, keeps a safety backup of the current data, then swaps the
 * copy in with one rename and reopens. Until the rename the live file is untouched; if the
 * reopen fails, the safety backup is put back.
 */
export async function restoreDatabase(
  current: DbHandle,
  source: string,
  backupDir: string,
  options: OpenOptions = {},
): Promise<RestoreOutcome> {
  assertNotLive(source, current.path);
  const dbPath = current.path;
  const staging = stagingPath(dbPath);
  try {
    await stageAndVerify(path.resolve(source), staging);
    await upgradeStaged(staging, options);
    settleLive(current);
    const safetyBackup = await backupNow(current, backupDir, new Date(), 'before-restore');
    await current.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    fs.renameSync(staging, dbPath);
    syncDir(path.dirname(dbPath));
    const handle = await reopenOrPutBack(dbPath, safetyBackup, options);
    return { handle, safetyBackup, installed: summarize(handle.sqlite) };
  } finally {
    removeWithCompanions(staging);
  }
}

async function reopenOrPutBack(dbPath: string, safety: BackupInfo, options: OpenOptions): Promise<DbHandle> {
  try {
    return await openDatabase(dbPath, { ...options, mustExist: true });
  } catch (e) {
    const back = stagingPath(dbPath);
    fs.copyFileSync(safety.path, back);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    fs.renameSync(back, dbPath);
    throw e;
  }
}

/**
 * Installs a backup in place of a database that cannot be opened (the start-up check found it
 * damaged). The damaged file is kept beside the database as `<db>.damaged-<time>` for IT to
 * examine; returns its path.
 */
export async function replaceDamaged(dbPath: string, source: string, options: OpenOptions = {}): Promise<string> {
  const staging = stagingPath(dbPath);
  try {
    await stageAndVerify(path.resolve(source), staging);
    await upgradeStaged(staging, options);
    const kept = `${dbPath}.damaged-${stamp(new Date())}`;
    if (fs.existsSync(dbPath)) fs.renameSync(dbPath, kept);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, kept + suffix);
    }
    fs.renameSync(staging, dbPath);
    syncDir(path.dirname(dbPath));
    return kept;
  } finally {
    removeWithCompanions(staging);
  }
}
