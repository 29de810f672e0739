import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerInput, HandlerName, HandlerOutput } from '../../src/shared/api';
import { openDatabase } from '../../src/main/db/connection';
import { createAppContext, type AppContext } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';

/** A fresh folder under the OS temp dir, removed by `cleanup`. */
export function tempDir(prefix = 'griddesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  dir: string;
  dbPath: string;
  ctx: AppContext;
  /** Calls a handler through the real dispatcher; throws on an error result. */
  call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<HandlerOutput<K>>;
  close(): Promise<void>;
}

/** A real GridDesk database in a temporary folder, with the same context the app builds. */
export async function openTestApp(dir = tempDir()): Promise<TestApp> {
  const dbPath = path.join(dir, 'griddesk.sqlite');
  const handle = await openDatabase(dbPath);
  // Like the CLI, tests pass paths directly; the app's dialog-only rule is tested on its own.
  const ctx: AppContext = createAppContext({
    handle,
    backupDir: path.join(dir, 'backups'),
    resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
    version: 'test',
  });
  return {
    dir,
    dbPath,
    ctx,
    async call(name, input) {
      const r = await dispatch(ctx, name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async close() {
      if (ctx.handle.sqlite.open) await ctx.handle.close();
    },
  };
}

export function setPickedFile(app: TestApp, file: string | null): void {
  app.ctx.pickFile = () => Promise.resolve(file);
}

export function setSavePath(app: TestApp, file: string | null): void {
  app.ctx.saveFile = () => Promise.resolve(file);
}
