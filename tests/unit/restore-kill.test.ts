/**
 * The built CLI's backup and restore: what they print and refuse, and kill -9 at many points of
 * each. Afterwards the database passes SQLite's integrity check and holds exactly the data from
 * before or exactly the data from after; a backup file is absent (or the old one) or whole.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const root = path.resolve(__dirname, '../..');
// Its own build: cli.test.ts rebuilds out/cli/ while this file may be running.
const outdir = path.join(root, 'out', `cli-restore-test-${process.pid}`);
let cli: string;
let dir: string;
/** The data a restore replaces (2 townships) and the backup it installs (1 township). */
let before: string;
let source: string;
let beforePrint: string;
let sourcePrint: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The data that matters, as one hash: grids, households and workers, every column. */
function fingerprint(file: string): string {
  const sqlite = new BetterSqlite3(file);
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const hash = crypto.createHash('sha256');
    for (const t of ['grids', 'households', 'workers']) {
      hash.update(JSON.stringify(sqlite.prepare(`select * from ${t} order by id`).all()));
    }
    return hash.digest('hex');
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  cli = await (buildCli as (outdir: string) => Promise<string>)(outdir);
  dir = tempDir('griddesk-restore-kill-');
  before = path.join(dir, 'before.sqlite');
  source = path.join(dir, 'source.sqlite');
  expect(run(['demo', '--townships', '2', '--db', before]).code).toBe(0);
  expect(run(['demo', '--townships', '1', '--db', source]).code).toBe(0);
  beforePrint = fingerprint(before);
  sourcePrint = fingerprint(source);
  expect(beforePrint).not.toBe(sourcePrint);
}, 120_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the 2-township database, alone in its own folder. */
function freshDatabase(): string {
  const d = fs.mkdtempSync(path.join(dir, 'run-'));
  const db = path.join(d, 'griddesk.sqlite');
  fs.copyFileSync(before, db);
  return db;
}

const working = (folder: string) =>
  fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /\.(restore-|partial-)/.test(f)) : [];

type Trigger = (names: string[]) => boolean;

/** The CLI is writing: a staging or partial file is there. */
const writing: Trigger = (names) => names.some((n) => /\.(restore-|partial-)/.test(n));

/**
 * Runs the CLI and, once `trigger` holds for the files in `folders` (polled every millisecond),
 * kills it with SIGKILL `offset` ms later if it is still running (never, when offset is
 * Infinity). Timing from what the process does rather than from its start keeps the kills where
 * they are meant to land on a slow or busy machine. Returns whether the trigger fired, whether it
 * was killed, and how long it ran after the trigger.
 */
function killWhen(
  args: string[],
  folders: string[],
  trigger: Trigger,
  offset: number,
): Promise<{ fired: boolean; killed: boolean; ran: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'ignore' });
    let timer: NodeJS.Timeout | undefined;
    let fired = 0;
    const poll = setInterval(() => {
      if (fired || !trigger(folders.flatMap((f) => (fs.existsSync(f) ? fs.readdirSync(f) : [])))) return;
      clearInterval(poll);
      fired = performance.now();
      if (Number.isFinite(offset)) timer = setTimeout(() => child.kill('SIGKILL'), offset);
    }, 1);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ fired: fired > 0, killed: signal === 'SIGKILL', ran: fired ? performance.now() - fired : 0 });
    });
  });
}

describe('CLI backup and restore', () => {
  it('backup --out writes a whole copy; restore shows what it would install and needs --yes', () => {
    const db = freshDatabase();
    const out = path.join(path.dirname(db), '备份.sqlite');
    const b = run(['backup', '--out', out, '--db', db, '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ ok: true, file: out });
    expect(fingerprint(out)).toBe(beforePrint);

    const asked = run(['restore', source, '--db', db]);
    expect(asked.code).toBe(2);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toMatch(/将恢复：网格 \d+ 个，网格员 \d+ 名，住户 \d+ 户，工作记录 0 条，最新修改于 /);
    expect(asked.stderr).toContain('--yes');
    const json = run(['restore', source, '--db', db, '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    const refused = JSON.parse(json.stdout) as { ok: boolean; error: { code: string }; preview: { backup: unknown } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
    expect(refused.preview.backup).toMatchObject({ counts: { grids: expect.any(Number) } });
    expect(fingerprint(db)).toBe(beforePrint);

    const done = run(['restore', source, '--db', db, '--yes', '--json']);
    expect(done.code).toBe(0);
    const restored = JSON.parse(done.stdout) as { safetyBackup: string };
    expect(fingerprint(db)).toBe(sourcePrint);
    expect(path.dirname(restored.safetyBackup)).toBe(path.join(path.dirname(db), 'backups'));
    expect(fingerprint(restored.safetyBackup)).toBe(beforePrint);
  }, 60_000);

  it('refuses a file that is not a GridDesk backup with one JSON object, exit 2', () => {
    const db = freshDatabase();
    const junk = path.join(path.dirname(db), 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database'.repeat(500));
    const r = run(['restore', junk, '--db', db, '--yes', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'DB_INVALID' } });
    const plain = run(['restore', junk, '--db', db]);
    expect(plain.stderr).toContain('未做任何恢复');
    expect(fingerprint(db)).toBe(beforePrint);
  }, 30_000);
});

describe('kill -9', () => {
  it('during backup --out: the database is untouched, the backup absent, the old one or whole', async () => {
    const db = freshDatabase();
    const folder = path.dirname(db);
    const out = path.join(folder, 'nightly.sqlite');
    fs.copyFileSync(source, out);
    let killed = 0;
    const args = ['backup', '--out', out, '--db', db];
    const old = () => fs.statSync(out);
    let was = old();
    // Writing has begun: a partial file is there, or the target itself changed.
    const begun: Trigger = (names) => {
      const now = fs.statSync(out, { throwIfNoEntry: false });
      return writing(names) || !now || now.size !== was.size || now.mtimeMs !== was.mtimeMs;
    };
    // Kill points spread over the whole write, as long as it takes on this machine, and a little past it.
    const { ran } = await killWhen(args, [folder], begun, Infinity);
    fs.copyFileSync(source, out);
    for (let i = 0; i < 6; i++) {
      was = old();
      const r = await killWhen(args, [folder], begun, Math.round((ran * 1.1 * i) / 5));
      if (r.killed) killed++;
      expect(fingerprint(db)).toBe(beforePrint);
      expect([sourcePrint, beforePrint]).toContain(fingerprint(out));
      if (!r.killed) fs.copyFileSync(source, out);
    }
    expect(killed).toBeGreaterThan(0);
    // The next backup removes what the killed ones left and writes a whole file.
    expect(run(['backup', '--out', out, '--db', db]).code).toBe(0);
    expect(fingerprint(out)).toBe(beforePrint);
    expect(working(folder)).toEqual([]);
  }, 60_000);

  it('during restore --yes: the database is exactly as before or exactly the backup', async () => {
    // Each point is a step of the restore, seen from the files it leaves; some a little later.
    const staging = (n: number) => (names: string[]) =>
      names.some((f) => f.includes(`.restore-`) && f.includes(`-${n}.tmp`));
    const safety = (partial: boolean) => (names: string[]) =>
      names.some((f) => (partial ? /before-restore\.sqlite\.partial/ : /before-restore\.sqlite$/).test(f));
    const swapped: Trigger = (names) => safety(false)(names) && !names.some((f) => f.includes('.restore-'));
    const points: [string, Trigger, number][] = [
      ['checking the backup', staging(1), 0],
      ['checking the backup, later', staging(1), 30],
      ['copying it beside the database', staging(2), 0],
      ['upgrading the copy', (n) => n.some((f) => /\.restore-\d+-2\.tmp$/.test(f)), 0],
      ['writing the safety backup', safety(true), 0],
      ['safety backup written', safety(false), 0],
      ['safety backup written, later', safety(false), 3],
      ['swapped in', swapped, 0],
    ];
    const outcomes = new Map<string, string>();
    for (const [step, trigger, offset] of points) {
      const db = freshDatabase();
      const folders = [path.dirname(db), path.join(path.dirname(db), 'backups')];
      const r = await killWhen(['restore', source, '--yes', '--db', db], folders, trigger, offset);
      expect(r.fired, step).toBe(true);
      const print = fingerprint(db);
      expect([beforePrint, sourcePrint], step).toContain(print);
      outcomes.set(step, `${r.killed ? 'killed' : 'finished'}, ${print === beforePrint ? 'before' : 'after'}`);
      // A safety backup, if one was written, is whole.
      for (const f of (fs.existsSync(folders[1]!) ? fs.readdirSync(folders[1]!) : []).filter((f) =>
        f.endsWith('.sqlite'),
      )) {
        expect(fingerprint(path.join(folders[1]!, f))).toBe(beforePrint);
      }
      // The next restore clears what the killed one left and succeeds.
      expect(run(['restore', source, '--yes', '--db', db]).code).toBe(0);
      expect(fingerprint(db)).toBe(sourcePrint);
      expect(folders.flatMap(working)).toEqual([]);
    }
    expect(outcomes.get('checking the backup')).toBe('killed, before');
    expect(outcomes.get('copying it beside the database')).toBe('killed, before');
    expect([...outcomes.values()].filter((o) => o.startsWith('killed')).length).toBeGreaterThan(4);
    expect([...outcomes.values()].some((o) => o.endsWith('after'))).toBe(true);
  }, 60_000);
});
