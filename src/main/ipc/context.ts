import type { ApiEvents } from '../../shared/api';
import type { PathRole } from '../../shared/contract';
import type { BackupInfo, DatabaseSummary } from '../../shared/settings';
import { openDatabase, type DbHandle, type OpenOptions } from '../db/connection';
import { restoreDatabase } from '../db/backup';
import type { DbOrTrx } from '../db/schema';
import type { AuditRecorder } from '../services/audit/audit';

/** Decides which file paths a caller may hand to handlers (see `shared/files.ts`). */
export interface PathPolicy {
  allows(role: PathRole, file: string): boolean;
  /** A dialog returned this path: the caller may now use it for `role`. */
  grant(role: PathRole, file: string): void;
}

/** The CLI and the tests name paths themselves: any path may be used. */
export function anyPath(): PathPolicy {
  return { allows: () => true, grant: () => undefined };
}

/** The app's pages may only use paths the clerk chose in this session's dialogs. */
export function dialogPaths(): PathPolicy {
  const granted = { read: new Set<string>(), write: new Set<string>() };
  return {
    allows: (role, file) => granted[role].has(file),
    grant: (role, file) => void granted[role].add(file),
  };
}

/** Long-running work a caller may cancel by name (printing). */
export class Tasks {
  private readonly running = new Map<string, AbortController>();
  start(name: string): AbortSignal {
    this.running.get(name)?.abort();
    const controller = new AbortController();
    this.running.set(name, controller);
    return controller.signal;
  }
  cancel(name: string): boolean {
    const controller = this.running.get(name);
    controller?.abort();
    return controller !== undefined;
  }
}

export interface DialogOptions {
  title: string;
  extensions: string[];
  filterName: string;
}

/** What the app needs from whoever runs it. The Electron shell, the CLI and the tests each build one. */
export interface AppContext {
  /** The open database. Replaced when a backup is restored, so read it at call time. */
  handle: DbHandle;
  backupDir: string;
  /** resources/ (fonts…): beside the app when packaged, the repository's in development. */
  resourcesDir: string;
  version: string;
  /** Options used to (re)open the database (e.g. the Electron build of better-sqlite3). */
  openOptions: OpenOptions;
  paths: PathPolicy;
  tasks: Tasks;
  /** Pushes an event to the renderer (no-op outside the app). */
  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void;
  /** The shell's open dialog; null when cancelled (or when there is no window, as in the CLI). */
  pickFile(options: DialogOptions): Promise<string | null>;
  /** The shell's save dialog; null when cancelled. */
  saveFile(options: DialogOptions & { defaultName: string }): Promise<string | null>;
  /** Opens a saved file with the system's program (Excel/WPS, a PDF viewer). */
  openPath(file: string): Promise<void>;
}

export type AppContextOptions = Pick<AppContext, 'handle' | 'backupDir' | 'resourcesDir' | 'version'> &
  Partial<Omit<AppContext, 'handle' | 'backupDir' | 'resourcesDir' | 'version'>>;

/** An app context with no window: no dialogs, no events, any path (the CLI's and the tests'). */
export function createAppContext(options: AppContextOptions): AppContext {
  return {
    openOptions: {},
    paths: anyPath(),
    tasks: new Tasks(),
    emit: () => undefined,
    pickFile: () => Promise.resolve(null),
    saveFile: () => Promise.resolve(null),
    openPath: () => Promise.resolve(),
    ...options,
  };
}

/** What one handler call sees. */
export interface HandlerContext {
  /** The database; for writes, the transaction the dispatcher opened. */
  db: DbOrTrx;
  app: AppContext;
  /** Describes this write for the 操作日志 (reads may ignore it). */
  audit: AuditRecorder;
}

/**
 * Restores `source` into the context's database. If anything fails after the live database
 * was closed, it is reopened so the app keeps working on the data it had.
 */
export async function restoreInto(
  ctx: AppContext,
  source: string,
): Promise<{ safetyBackup: BackupInfo; installed: DatabaseSummary }> {
  const dbPath = ctx.handle.path;
  try {
    const { handle, safetyBackup, installed } = await restoreDatabase(
      ctx.handle,
      source,
      ctx.backupDir,
      ctx.openOptions,
    );
    ctx.handle = handle;
    return { safetyBackup, installed };
  } catch (e) {
    if (!ctx.handle.sqlite.open) ctx.handle = await openDatabase(dbPath, ctx.openOptions);
    throw e;
  }
}
