/**
 * Every file GridDesk writes for the clerk (PDFs, rosters, the template, error workbooks, the
 * 操作日志) goes through `writeAtomically`: written to a temp file beside the target, flushed to
 * disk, then renamed over it. A crash, a kill or a cancel midway leaves the file that was there
 * untouched; the temp file is removed on failure, and by `cleanStaleTemps` after a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { checkWritable } from './checks';
import { fileError } from './errors';

const MARK = '.griddesk-tmp-';
/** `.花名册.xlsx.griddesk-tmp-<pid>-<n>`: hidden on POSIX, and names the process that writes it. */
const TEMP_NAME = /^\..*\.griddesk-tmp-(\d+)-\d+$/;
/** A temp file untouched this long is stale even if its pid now belongs to another process. */
const STALE_AFTER_MS = 60 * 60 * 1000;
/** Temp files hold ID numbers and phones until renamed: only the user may read them. */
const TEMP_MODE = 0o600;

let sequence = 0;

/** The temp file for `target`, in the same folder (a rename never crosses disks). */
export function tempPathFor(target: string): string {
  // 40 characters keep the name within the 255-byte limit even for a long Chinese name.
  const short = [...path.basename(target)].slice(0, 40).join('');
  sequence += 1;
  return path.join(path.dirname(target), `.${short}${MARK}${process.pid}-${sequence}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(file: string, pid: number, now: number): boolean {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return false;
  }
  if (!st.isFile()) return false;
  if (now - st.mtimeMs > STALE_AFTER_MS) return true;
  // Another GridDesk (the app beside the CLI) may be writing this one right now.
  return pid !== process.pid && !isAlive(pid);
}

/**
 * Removes temp files of ours left in `dirs` by a process that crashed or was killed; returns
 * the files removed. Never throws: a folder that is missing or unreadable is skipped.
 */
export function cleanStaleTemps(dirs: Iterable<string>, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const dir of new Set([...dirs].map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP_NAME.exec(name);
      const file = path.join(dir, name);
      if (!m || !isStale(file, Number(m[1]), now)) continue;
      try {
        fs.rmSync(file, { force: true });
        removed.push(file);
      } catch {
        // Still open elsewhere (Windows) or not ours to remove: try again next start.
      }
    }
  }
  return removed;
}

function flush(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable (POSIX); Windows has no directory handles to flush. */
function flushDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename is atomic all the same.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Still open (Windows): cleanStaleTemps removes it at the next start.
  }
}

/** A file replaced keeps its permissions; a new one stays private to the user. */
function keepMode(target: string, tmp: string): void {
  try {
    fs.chmodSync(tmp, fs.statSync(target).mode & 0o7777);
  } catch {
    // No file at the target yet.
  }
}

/** Created here, exclusively and private: the writer then opens an existing file. */
function createTemp(file: string): string {
  for (;;) {
    const tmp = tempPathFor(file);
    try {
      fs.closeSync(fs.openSync(tmp, 'wx', TEMP_MODE));
      return tmp;
    } catch (e) {
      // Left by an earlier process that had our pid (names within this process are unique).
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw fileError(e, file, 'write') ?? e;
    }
  }
}

/**
 * Runs `write(tmp)`, which must have completely written and closed `tmp` when it resolves, then
 * replaces `target` with it. If `write` throws (a failure, a cancel) the target is untouched.
 * File-system failures become AppErrors naming `target`.
 */
export async function writeAtomically<T>(target: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const file = checkWritable(target);
  cleanStaleTemps([path.dirname(file)]);
  const tmp = createTemp(file);
  try {
    const result = await write(tmp);
    flush(tmp);
    keepMode(file, tmp);
    fs.renameSync(tmp, file);
    flushDir(path.dirname(file));
    return result;
  } catch (e) {
    removeQuietly(tmp);
    if (e instanceof AppError) throw e;
    throw fileError(e, file, 'write') ?? e;
  }
}
