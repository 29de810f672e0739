import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'GridDesk';
export const DB_FILE = 'griddesk.sqlite';
export const BACKUP_DIR = 'backups';

/**
 * The folder Electron uses as userData for this app, computed without Electron so the CLI
 * finds the same database: %APPDATA%\GridDesk, ~/Library/Application Support/GridDesk, or
 * $XDG_CONFIG_HOME/GridDesk (~/.config/GridDesk).
 */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** Backups live beside the database, in backups/. */
export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), BACKUP_DIR);
}
