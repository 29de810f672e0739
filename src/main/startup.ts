/**
 * Checks before the app opens its database: the file is sound (PRAGMA quick_check), the disk has
 * room, the backup folder takes files, nothing an interrupted backup or restore left lies about.
 * Returns a report the shell shows in dialogs; a damaged database comes with the newest backup
 * that passes the full check, to install in its place. No Electron here: the tests call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../shared/settings';
import { formatDateTime } from '../shared/dates';
import { freeBytes, listBackups, removeLeftovers, replaceDamaged } from './db/backup';
import { openRaw, useNativeBinding } from './db/connection';
import { verifyDatabase } from './db/verify';
import { ensurePrivateDir, makePrivate } from './paths';

/** Below this much free space (or three times the database) imports and backups may fail. */
export const MIN_FREE_BYTES = 200 * 1024 * 1024;

export interface StartupReport {
  dbPath: string;
  backupDir: string;
  /** new: no file yet; ok: quick_check passed; damaged: SQLite cannot read it whole. */
  database: 'new' | 'ok' | 'damaged';
  /** What is wrong with a damaged database, in Chinese. */
  problem: string | null;
  /** For a damaged database: the newest backup that passes the integrity and schema checks. */
  goodBackup: BackupInfo | null;
  freeBytes: number | null;
  /** Low disk space, a backup folder that cannot be written. */
  warnings: string[];
  /** Temp files of interrupted backups or restores, removed. */
  removed: string[];
}

export interface StartupOptions {
  nativeBinding?: string;
  minFreeBytes?: number;
}

export async function checkAtStart(
  dbPath: string,
  backupDir: string,
  options: StartupOptions = {},
): Promise<StartupReport> {
  useNativeBinding(options.nativeBinding);
  const dataDir = path.dirname(dbPath);
  ensurePrivateDir(dataDir);
  const removed = [...removeLeftovers(dataDir), ...removeLeftovers(backupDir)];
  secureExisting(dbPath, backupDir);
  const problem = fs.existsSync(dbPath) ? damage(dbPath) : null;
  const database = !fs.existsSync(dbPath) ? 'new' : problem ? 'damaged' : 'ok';
  const warnings = [...spaceWarnings(dbPath, options.minFreeBytes ?? MIN_FREE_BYTES)];
  const backupProblem = backupFolderProblem(backupDir);
  if (backupProblem) warnings.push(backupProblem);
  const goodBackup = problem ? await newestGoodBackup(backupDir) : null;
  return { dbPath, backupDir, database, problem, goodBackup, freeBytes: freeBytes(dataDir), warnings, removed };
}

/** Files made before permissions were tightened (0644) become 0600; backups/ becomes 0700. */
function secureExisting(dbPath: string, backupDir: string): void {
  for (const suffix of ['', '-wal', '-shm']) makePrivate(dbPath + suffix);
  // A file where the folder should be is reported by backupFolderProblem.
  if (!fs.statSync(backupDir, { throwIfNoEntry: false })?.isDirectory()) return;
  ensurePrivateDir(backupDir);
  for (const b of listBackups(backupDir)) makePrivate(b.path);
}

/** Why SQLite cannot read the database whole, or null when quick_check passes. */
export function damage(dbPath: string): string | null {
  let sqlite;
  try {
    // Read-only: a damaged file must not be touched before the clerk decides.
    sqlite = openRaw(dbPath, { readonly: true, fileMustExist: true });
    const result = sqlite.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : `SQLite 检查发现数据库已损坏（${String(result)}）`;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      return `数据库文件已损坏，无法读取（${e instanceof Error ? e.message : String(e)}）`;
    }
    // Locked, unreadable for permissions…: not damage; opening it reports the cause.
    return null;
  } finally {
    sqlite?.close();
  }
}

async function newestGoodBackup(backupDir: string): Promise<BackupInfo | null> {
  for (const b of listBackups(backupDir)) {
    let sqlite;
    try {
      sqlite = openRaw(b.path, { readonly: true, fileMustExist: true });
      await verifyDatabase(sqlite);
      return b;
    } catch {
      // Damaged, foreign or from a newer version: try the next older one.
    } finally {
      sqlite?.close();
    }
  }
  return null;
}

function spaceWarnings(dbPath: string, minFree: number): string[] {
  const dir = path.dirname(dbPath);
  const free = freeBytes(dir);
  if (free === null) return [];
  const size = fs.existsSync(dbPath) ? fs.statSync(dbPath).size : 0;
  const needed = Math.max(minFree, size * 3);
  if (free >= needed) return [];
  return [
    `数据所在磁盘空间不足：${dir} 只剩 ${mb(free)}（建议至少 ${mb(needed)}）。导入、备份和恢复可能失败，请清理磁盘。`,
  ];
}

function mb(bytes: number): string {
  return `${Math.floor(bytes / 1024 / 1024)} MB`;
}

/** Null when a file can be written in the backup folder (and removed again). */
function backupFolderProblem(backupDir: string): string | null {
  const probe = path.join(backupDir, `.write-test-${process.pid}`);
  try {
    ensurePrivateDir(backupDir);
    fs.writeFileSync(probe, 'ok', { mode: 0o600 });
    fs.rmSync(probe, { force: true });
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return `备份文件夹无法写入：${backupDir}（${code || String(e)}）。每日自动备份和恢复前的安全备份将无法进行，请检查该文件夹的权限或磁盘。`;
  }
}

/** What the shell shows for a report: null when there is nothing to say. */
export interface StartupDialog {
  type: 'error' | 'warning';
  title: string;
  message: string;
  detail: string;
  /** For a damaged database with a good backup: [restore, quit]; otherwise [OK] or [quit]. */
  buttons: string[];
  /** The answer (button index) that installs `report.goodBackup`, or -1. */
  restoreButton: number;
}

export function startupDialog(report: StartupReport): StartupDialog | null {
  if (report.database === 'damaged') {
    const b = report.goodBackup;
    return {
      type: 'error',
      title: '数据库已损坏',
      message: `网格工作台的数据库已损坏：${report.dbPath}`,
      detail: b
        ? `${report.problem ?? ''}\n\n最新的完好备份是 ${formatDateTime(b.createdAt)} 的 ${b.path}（已通过完整性检查）。` +
          `用它恢复后，此后的修改需要重新录入；损坏的文件会保留在原文件夹中，供技术人员检查。`
        : `${report.problem ?? ''}\n\n备份文件夹 ${report.backupDir} 中没有可用的完好备份。请联系技术支持，不要删除数据库文件。`,
      buttons: b ? ['用该备份恢复', '退出'] : ['退出'],
      restoreButton: b ? 0 : -1,
    };
  }
  if (report.warnings.length === 0) return null;
  return {
    type: 'warning',
    title: '启动检查',
    message: '网格工作台发现以下问题：',
    detail: report.warnings.join('\n\n'),
    buttons: ['知道了'],
    restoreButton: -1,
  };
}

/**
 * Acts on a report: shows its dialog through `ask` (which returns the button chosen) and, for a
 * damaged database whose clerk chose the good backup, installs it (the damaged file is kept
 * beside it). 'quit' when the app must not open the database.
 */
export async function resolveStartup(
  report: StartupReport,
  ask: (dialog: StartupDialog) => Promise<number>,
  options: StartupOptions = {},
): Promise<'continue' | 'quit'> {
  const shown = startupDialog(report);
  if (!shown) return 'continue';
  const answer = await ask(shown);
  if (report.database !== 'damaged') return 'continue';
  if (answer !== shown.restoreButton || !report.goodBackup) return 'quit';
  const kept = await replaceDamaged(report.dbPath, report.goodBackup.path, { nativeBinding: options.nativeBinding });
  await ask({
    type: 'warning',
    title: '已恢复',
    message: `已用 ${formatDateTime(report.goodBackup.createdAt)} 的备份恢复数据。`,
    detail: `损坏的数据库已保留为 ${kept}，供技术人员检查；确认无用后可以删除。`,
    buttons: ['确定'],
    restoreButton: -1,
  });
  return 'continue';
}
