import type { ApiEvents } from '../../shared/api';
import { openDatabase, type DbHandle, type OpenOptions } from '../db/connection';
import { restoreDatabase } from '../db/backup';

/** What a handler may use. The Electron shell, the CLI and the tests each build one. */
export interface AppContext {
  /** The open database. Replaced when a backup is restored, so read it at call time. */
  handle: DbHandle;
  backupDir: string;
  /** resources/ (fonts…): beside the app when packaged, the repository's in development. */
  resourcesDir: string;
  version: string;
  /** Options used to (re)open the database (e.g. the Electron build of better-sqlite3). */
  openOptions: OpenOptions;
  /** Pushes an event to the renderer (no-op outside the app). */
  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void;
  /** Asks the clerk for a file to open; null when cancelled. Electron shows its dialog. */
  pickFile(options: { title: string; extensions: string[]; filterName: string }): Promise<string | null>;
  /** Asks where to save a file; null when cancelled. */
  saveFile(options: {
    title: string;
    defaultName: string;
    extensions: string[];
    filterName: string;
  }): Promise<string | null>;
  /** Opens a saved file with the system's program (Excel/WPS, a PDF viewer). */
  openPath(file: string): Promise<void>;
}

/**
 * Restores `source` into the context's database. If anything fails after the live database
 * was closed, it is reopened so the app keeps working on the data it had.
 */
export async function restoreInto(ctx: AppContext, source: string): Promise<{ safetyBackup: string }> {
  const dbPath = ctx.handle.path;
  try {
    const { handle, safetyBackup } = await restoreDatabase(ctx.handle, source, ctx.backupDir, ctx.openOptions);
    ctx.handle = handle;
    return { safetyBackup };
  } catch (e) {
    if (!ctx.handle.sqlite.open) ctx.handle = await openDatabase(dbPath, ctx.openOptions);
    throw e;
  }
}
