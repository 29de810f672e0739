/**
 * kill -9 during an import by the built CLI, at points spread over the whole run (reading the
 * file, planning, writing): afterwards the database passes SQLite's integrity check and holds
 * exactly the data from before or exactly the data from after — never part of a file.
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

const root = path.resolve(import.meta.dirname, '../..');
// Its own build: cli.test.ts rebuilds out/cli/ while this file may be running.
const outdir = path.join(root, 'out', `cli-import-kill-${process.pid}`);
const ROWS = 40_000;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国军明伟强平刚秀英芳丽娟敏静霞兰琴玉珍';

let cli: string;
let dir: string;
let before: string;
let csv: string;
let beforePrint: string;
let afterPrint: string;
let fullRunMs: number;

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
}

/** What an import changes, without ids or timestamps (they differ from run to run). */
function fingerprint(file: string): string {
  const sqlite = new BetterSqlite3(file);
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const hash = crypto.createHash('sha256');
    const rows = (q: string) => hash.update(JSON.stringify(sqlite.prepare(q).all()));
    rows('select grid_id, head_name, address, members from households order by grid_id, head_name, address');
    rows('select count(*) n from household_tags');
    rows('select code, name, level from grids order by code');
    rows('select handler, summary from audit_log order by id');
    return hash.digest('hex');
  } finally {
    sqlite.close();
  }
}

function copyOfBefore(): string {
  const d = fs.mkdtempSync(path.join(dir, 'run-'));
  const db = path.join(d, 'griddesk.sqlite');
  fs.copyFileSync(before, db);
  return db;
}

beforeAll(async () => {
  cli = await (buildCli as (outdir: string) => Promise<string>)(outdir);
  dir = tempDir('griddesk-import-kill-');
  before = path.join(dir, 'before.sqlite');
  expect(run(['demo', '--db', before]).status).toBe(0);
  const lines = ['网格编码,户主姓名,家庭住址,家庭人口'];
  for (let i = 0; i < ROWS; i++) {
    const name = SURNAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 20]! + GIVEN[Math.floor(i / 400) % 20]!;
    lines.push(`01010101,${name},南门社区一组${i + 1}号,${(i % 6) + 1}`);
  }
  csv = path.join(dir, '住户.csv');
  fs.writeFileSync(csv, `\ufeff${lines.join('\r\n')}`);
  beforePrint = fingerprint(before);
  const after = copyOfBefore();
  const start = Date.now();
  const r = run(['import', csv, '--db', after, '--json']);
  fullRunMs = Date.now() - start;
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, committed: true, created: { households: ROWS } });
  afterPrint = fingerprint(after);
  expect(afterPrint).not.toBe(beforePrint);
}, 180_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the import and kills it after `ms`; resolves with whether it was killed before it ended. */
function importKilledAfter(db: string, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'import', csv, '--db', db, '--json'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

describe('kill -9 during an import', () => {
  it('leaves the database exactly as before or exactly as after, at every point of the run', async () => {
    const outcomes: string[] = [];
    let killed = 0;
    for (const share of [0.15, 0.35, 0.55, 0.7, 0.85, 0.95]) {
      const db = copyOfBefore();
      if (await importKilledAfter(db, Math.round(fullRunMs * share))) killed += 1;
      const print = fingerprint(db);
      expect([beforePrint, afterPrint], `killed at ${share} of the run`).toContain(print);
      outcomes.push(print === beforePrint ? 'before' : 'after');
      // The next start finds a database it can open and use.
      const stats = run(['stats', '--db', db, '--json']);
      expect(stats.status).toBe(0);
    }
    // The kills landed while the import was running, not after it.
    expect(killed).toBeGreaterThanOrEqual(4);
    expect(outcomes).toContain('before');
  }, 240_000);
});
