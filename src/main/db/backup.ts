import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../shared/settings';
import { AppError } from '../errors';
import { appliedMigrations, assertNotNewer, openDatabase, type DbHandle, type OpenOptions } from './connection';

/** Automatic and on-demand backups kept; older ones are removed. */
export const BACKUPS_KEPT = 14;

const NAME = /^griddesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([a-z-]+))?\.sqlite$/;

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

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const at = parseName(name);
    if (!at) continue;
    out.push({ name, createdAt: at.toISOString(), size: fs.statSync(path.join(dir, name)).size });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Writes a consistent copy of the live database with SQLite's online backup. */
export async function backupNow(handle: DbHandle, dir: string, now = new Date(), label?: string): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  let name = `griddesk-${stamp(now)}${label ? `-${label}` : ''}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) {
    name = `griddesk-${stamp(new Date(now.getTime() + i * 1000))}${label ? `-${label}` : ''}.sqlite`;
  }
  const target = path.join(dir, name);
  await handle.sqlite.backup(target);
  return { name, createdAt: (parseName(name) ?? now).toISOString(), size: fs.statSync(target).size };
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

/**
 * Checks that a file is a sound GridDesk database this version can open, without changing it.
 * Throws a clerk-readable AppError otherwise.
 */
export function verifyDatabaseFile(file: string): void {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `找不到备份文件：${file}`);
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = sqlite.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('DB_INVALID', `备份文件已损坏（完整性检查：${String(check)}），未做任何恢复：${file}`);
    }
    if (appliedMigrations(sqlite).length === 0) {
      throw new AppError('DB_INVALID', `文件不是网格工作台的数据库或备份，未做任何恢复：${file}`);
    }
    assertNotNewer(sqlite, file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DB_INVALID', `文件不是有效的数据库备份，未做任何恢复：${file}`);
  } finally {
    sqlite?.close();
  }
}

/**
 * Replaces the live database with `source`: verifies it first, keeps a safety backup of the
 * current data, swaps the file in atomically and reopens (bringing an older backup's schema up
 * to date). If the reopen fails, the previous database is put back. Returns the new handle.
 */
export async function restoreDatabase(
  current: DbHandle,
  source: string,
  backupDir: string,
  options: OpenOptions = {},
): Promise<{ handle: DbHandle; safetyBackup: string }> {
  verifyDatabaseFile(source);
  const safety = await backupNow(current, backupDir, new Date(), 'before-restore');
  const dbPath = current.path;
  await current.close();
  const staging = `${dbPath}.restoring`;
  fs.copyFileSync(source, staging);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  fs.renameSync(staging, dbPath);
  try {
    const handle = await openDatabase(dbPath, { ...options, mustExist: true });
    return { handle, safetyBackup: safety.name };
  } catch (e) {
    fs.copyFileSync(path.join(backupDir, safety.name), dbPath);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    throw e;
  }
}
