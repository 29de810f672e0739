/**
 * Two imports at once, as two real processes (the built CLI) on one database: every write
 * transaction takes the write lock as it begins, so the plan of the second is made after the
 * first has committed — no household is written twice — and a database kept busy longer than
 * busy_timeout gets a Chinese message (exit 2, one JSON object), never "database is locked".
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, tempDir } from '../helpers/context';
import { HOUSEHOLD_HEADER, householdRow } from '../helpers/hostile';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const root = path.resolve(__dirname, '../..');
// Its own build: other test files rebuild out/cli/ while this one runs.
const outdir = path.join(root, 'out', `cli-import-test-${process.pid}`);
let cli: string;
let dir: string;

beforeAll(async () => {
  cli = await (buildCli as (outdir: string) => Promise<string>)(outdir);
  dir = tempDir('griddesk-concurrency-');
}, 120_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function oneObject(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

/** A village's households roster without ID numbers: what the household is, is its grid, head and address. */
function householdsCsv(file: string, rows: number): string {
  const lines = [HOUSEHOLD_HEADER, ...Array.from({ length: rows }, (_, i) => householdRow(i + 1))];
  fs.writeFileSync(file, `\ufeff${lines.map((r) => r.map((c) => c ?? '').join(',')).join('\r\n')}`);
  return file;
}

async function newDatabase(name: string): Promise<string> {
  const db = path.join(dir, name);
  await (await openDatabase(db)).close();
  return db;
}

function households(db: string): { total: number; twice: number } {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    const total = (sqlite.prepare('select count(*) n from households').get() as { n: number }).n;
    const twice = (
      sqlite
        .prepare(
          `select count(*) n from (select 1 from households
             group by grid_id, head_name, coalesce(door_number, ''), coalesce(address, '') having count(*) > 1)`,
        )
        .get() as { n: number }
    ).n;
    return { total, twice };
  } finally {
    sqlite.close();
  }
}

describe('two imports at once', () => {
  it('a write transaction holds the write lock from its start, before it reads anything', async () => {
    const db = await newDatabase('lock.sqlite');
    const h = await openDatabase(db);
    const other = new BetterSqlite3(db, { timeout: 0 });
    try {
      await h.db.transaction().execute(async (trx) => {
        // A plain `begin` would leave the lock free until the first write: the other could plan too.
        expect(() => other.exec('begin immediate')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
        await trx.selectFrom('grids').selectAll().execute();
      });
      other.exec('begin immediate');
      other.exec('rollback');
    } finally {
      other.close();
      await h.close();
    }
  });

  it('two processes importing the same file: each household once; the second plans after the first commits', async () => {
    const db = await newDatabase('race.sqlite');
    const file = householdsCsv(path.join(dir, 'race.csv'), 400);
    const [a, b] = await Promise.all([
      runCli(['import', file, '--db', db, '--json']),
      runCli(['import', file, '--db', db, '--json']),
    ]);
    const outcomes = [a, b].map((r) => ({ code: r.code, json: oneObject(r.stdout) }));
    for (const { code, json } of outcomes) {
      // 0: imported (or found everything already there); 2: waited too long, told so. Never 70.
      expect([0, 2]).toContain(code);
      if (code === 2) {
        expect(json.error).toEqual({
          code: 'CONFLICT',
          message: expect.stringContaining('另一个导入正在进行，请稍后再试'),
        });
      }
    }
    type Imported = { created: { households: number }; unchanged: { households: number } };
    const done = outcomes.filter((o) => o.code === 0).map((o) => o.json as Imported);
    expect(done.length).toBeGreaterThan(0);
    // The second to get the lock (within busy_timeout) found every household already there.
    expect(done.map((o) => o.created.households).sort()).toEqual(done.length === 2 ? [0, 400] : [400]);
    if (done.length === 2) expect(done.map((o) => o.unchanged.households).sort()).toEqual([0, 400]);
    expect(households(db)).toEqual({ total: 400, twice: 0 });
  });

  it('an import kept waiting past busy_timeout says another import is running, and writes nothing', async () => {
    const db = await newDatabase('busy.sqlite');
    const file = householdsCsv(path.join(dir, 'busy.csv'), 20);
    // Another process in the middle of its write transaction.
    const holder = new BetterSqlite3(db);
    holder.exec('begin immediate');
    const started = Date.now();
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli(['import', file, '--db', db, '--json']);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(r.code).toBe(2);
    expect(oneObject(r.stdout)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^另一个导入正在进行，请稍后再试。.*没有导入任何数据/),
      },
    });
    expect(r.stdout).not.toMatch(/locked|程序内部错误|UNIQUE/);
    // It waited for the lock (busy_timeout) before giving up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    expect(households(db)).toEqual({ total: 0, twice: 0 });
  });

  it('any other write kept waiting says the database is in use', async () => {
    const app = await openTestApp();
    const holder = new BetterSqlite3(app.dbPath);
    holder.exec('begin immediate');
    try {
      const r = await dispatch(app.ctx, 'grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
      expect(r).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('数据库正被另一个程序使用') },
      });
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(await app.call('grids/tree', {})).toEqual([]);
    await app.close();
  });
});
