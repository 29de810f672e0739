import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context';

const root = path.resolve(__dirname, '../..');

function cli(args: string[], viaNpm = false) {
  const r = viaNpm
    ? spawnSync('npm', ['run', 'cli', '--', ...args], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI', () => {
  it('demo creates the database; stats --json prints exactly one JSON object matching it', () => {
    const db = path.join(tempDir(), 'sub', 'a.sqlite');
    const demo = cli(['demo', '--db', db]);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('已创建演示数据');

    const stats = cli(['stats', '--db', db, '--json'], true);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as {
      grids: { level1: number; level2: number; level3: number; level4: number };
      households: number;
      workers: number;
    };
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const count = (level: number) =>
      (sqlite.prepare('select count(*) n from grids where level = ?').get(level) as { n: number }).n;
    const rows = (table: string) => (sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    expect(parsed).toEqual({
      grids: { level1: count(1), level2: count(2), level3: count(3), level4: count(4) },
      households: rows('households'),
      workers: rows('workers'),
    });
    expect(parsed.households).toBeGreaterThan(parsed.grids.level4 * 14);
    expect(parsed.workers).toBeGreaterThan(parsed.grids.level3);
    expect(parsed.grids.level1).toBe(1);
    expect(parsed.grids.level2).toBeGreaterThanOrEqual(10);
    sqlite.close();
  });

  it('grids list prints the tree, indented by level', () => {
    const db = path.join(tempDir(), 'b.sqlite');
    expect(cli(['demo', '--db', db]).code).toBe(0);
    const list = cli(['grids', 'list', '--db', db]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^01 {2}\S+镇（一级网格）/);
    expect(lines.some((l) => /^ {6}\d{8} {2}.+（四级网格）$/.test(l))).toBe(true);
    const json = JSON.parse(cli(['grids', 'list', '--db', db, '--json']).stdout) as unknown[];
    expect(json.length).toBe(lines.length);
  });

  it('read-only commands refuse a missing or unreadable file cleanly, without creating it', () => {
    const dir = tempDir();
    const missing = path.join(dir, 'missing.sqlite');
    for (const args of [
      ['stats', '--db', missing, '--json'],
      ['grids', 'list', '--db', missing],
    ]) {
      const r = cli(args);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('找不到数据库文件');
      expect(r.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    }
    expect(fs.existsSync(missing)).toBe(false);

    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    const r = cli(['stats', '--db', junk]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('不是有效的网格工作台数据库');
    expect(fs.readFileSync(junk, 'utf8')).toBe('not a database at all');
  });

  it('prints signboards and cards by grid code, and refuses an unknown code or an empty selection', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.sqlite');
    expect(cli(['demo', '--db', db]).code).toBe(0);
    const board = cli(['print', 'signboard', '--grid', '01', '--out', path.join(dir, 'b.pdf'), '--db', db]);
    expect(board.code).toBe(0);
    expect(board.stdout).toMatch(/已生成 .*b\.pdf（\d+ 页）/);
    expect(fs.readFileSync(path.join(dir, 'b.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const cards = cli(['print', 'cards', '--grid', '0101', '--out', path.join(dir, 'c.pdf'), '--db', db, '--json']);
    expect(cards.code).toBe(0);
    expect(JSON.parse(cards.stdout)).toMatchObject({ ok: true, file: path.join(dir, 'c.pdf') });
    const unknown = cli(['print', 'cards', '--grid', '9999', '--out', path.join(dir, 'x.pdf'), '--db', db]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('找不到编码为 9999 的网格');
    const sqlite = new BetterSqlite3(db);
    sqlite
      .prepare(
        "insert into grids (parent_id, level, name, code, created_at, updated_at) values ((select id from grids where code = '0101'), 3, '空组', '010199', 'x', 'x')",
      )
      .run();
    sqlite.close();
    const empty = cli(['print', 'cards', '--grid', '010199', '--out', path.join(dir, 'e.pdf'), '--db', db]);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('没有住户');
    expect(fs.existsSync(path.join(dir, 'e.pdf'))).toBe(false);
  });

  it('rejects unknown commands and options with usage help', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('未知的命令：frobnicate');
    expect(cli(['stats', '--bogus']).code).toBe(64);
  });
});
