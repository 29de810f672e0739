import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'GridDesk';
export const DB_FILE = 'griddesk.sqlite';
export const BACKUP_DIR = 'backups';

/** Rosters hold ID numbers and phones: only the clerk's own account may read them. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** An environment variable, with empty treated as unset (an empty XDG_CONFIG_HOME is not "here"). */
function env(name: string): string | undefined {
  const value = process.env[name];
  return value && value.trim() !== '' ? value : undefined;
}

/**
 * The folder Electron uses as userData for this app, computed without Electron so the CLI
 * finds the same database: %APPDATA%\GridDesk, ~/Library/Application Support/GridDesk, or
 * $XDG_CONFIG_HOME/GridDesk (~/.config/GridDesk).
 */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(env('APPDATA') ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  // The XDG spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env('XDG_CONFIG_HOME');
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), APP_NAME);
}

/** Backups live beside the database, in backups/. */
export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), BACKUP_DIR);
}

/*
 * Permissions. On POSIX (Linux: UOS, Kylin; macOS) files are created 0600 and GridDesk's own
 * folders 0700. On Windows chmod only toggles the read-only flag and Node cannot set ACLs;
 * GridDesk does not change them. The data folder is under %APPDATA% in the user's profile,
 * whose default ACL grants only the user, SYSTEM and Administrators — private as long as
 * nobody has loosened the profile's permissions. A --db path elsewhere keeps that folder's ACL.
 */

/** Tightens a file's mode to 0600 when it exists and is ours; best effort (not on Windows). */
export function makePrivate(file: string): void {
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(file);
    if (st.isFile() && (st.mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // Missing, or owned by someone else: nothing we may change.
  }
}

/**
 * Creates GridDesk's own folder (the data folder, backups/) as 0700, or tightens it when it
 * exists. Only for folders GridDesk owns: never for the folder of a --db path the user named.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(dir);
    if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Owned by someone else: leave it.
  }
}

/** Creates an empty file readable only by the user, failing if it already exists. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/** Makes a rename in `dir` durable (POSIX); Windows has no directory handles to flush. */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
