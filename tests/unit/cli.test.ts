import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/main/cli/commands';
import { runCli } from '../../src/main/cli/run';
import { dispatch } from '../../src/main/ipc/dispatch';
import { tempDir } from '../helpers/context';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const root = path.resolve(__dirname, '../..');

beforeAll(async () => {
  // The CLI county IT runs is the built JavaScript, not the TypeScript sources.
  await (buildCli as () => Promise<string>)();
}, 60_000);

type Via = 'node' | 'npx' | 'npm';

/** Runs the built CLI as county IT would: `griddesk` via npx, `npm run -s cli --`, or node directly. */
function cli(args: string[], via: Via = 'node') {
  const [cmd, pre] =
    via === 'npx'
      ? ['npx', ['griddesk']]
      : via === 'npm'
        ? ['npm', ['run', '-s', 'cli', '--']]
        : [process.execPath, ['scripts/griddesk.mjs']];
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exactly one JSON object on stdout, nothing else. */
function oneObject(stdout: string): Record<string, unknown> {
  const text = stdout.trim();
  expect(text.split('\n')).toHaveLength(1);
  const value = JSON.parse(text) as unknown;
  expect(value).toBeTypeOf('object');
  expect(Array.isArray(value)).toBe(false);
  return value as Record<string, unknown>;
}

const ID = '11010119800101001X';
function csvWithOneBadRow(file: string): void {
  const lines = [
    '镇,村,组,网格编码,户主姓名,身份证号,联系电话,家庭住址,家庭人口',
    '温水镇,许坪村,一组,11010101,王强,,13900001111,许坪村一组3号,4',
    `温水镇,许坪村,一组,11010101,李秀英,${ID.slice(0, 17)}9,,许坪村一组5号,2`,
  ];
  fs.writeFileSync(file, `\ufeff${lines.join('\r\n')}`);
}

describe('CLI', () => {
  it('demo creates the database; stats --json prints exactly one JSON object matching it', () => {
    const db = path.join(tempDir(), 'sub', 'a.sqlite');
    const demo = cli(['demo', '--db', db]);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('已创建演示数据');

    const stats = cli(['stats', '--db', db, '--json'], 'npx');
    expect(stats.code).toBe(0);
    const parsed = oneObject(stats.stdout) as {
      grids: { level1: number; level2: number; level3: number; level4: number };
      households: number;
      workers: number;
    };
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const count = (level: number) =>
      (sqlite.prepare('select count(*) n from grids where level = ?').get(level) as { n: number }).n;
    const rows = (table: string) => (sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    expect(parsed).toEqual({
      ok: true,
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
    const json = oneObject(cli(['grids', 'list', '--db', db, '--json']).stdout) as { ok: boolean; grids: unknown[] };
    expect(json.ok).toBe(true);
    expect(json.grids.length).toBe(lines.length);
  });

  it('read-only commands refuse a missing or unreadable file cleanly, without creating it', () => {
    const dir = tempDir();
    const missing = path.join(dir, 'missing.sqlite');
    const r = cli(['grids', 'list', '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('找不到数据库文件');
    expect(r.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    expect(fs.existsSync(missing)).toBe(false);

    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    const j = cli(['stats', '--db', junk]);
    expect(j.code).toBe(2);
    expect(j.stderr).toContain('不是有效的网格工作台数据库');
    expect(fs.readFileSync(junk, 'utf8')).toBe('not a database at all');
  });

  it('with --json prints one JSON object on stdout for every exit code, through npx and npm too', () => {
    const dir = tempDir();
    const db = path.join(dir, 'j.sqlite');
    const csv = path.join(dir, '住户.csv');
    csvWithOneBadRow(csv);
    expect(cli(['demo', '--db', db]).code).toBe(0);

    for (const via of ['node', 'npx', 'npm'] as const) {
      const ok = cli(['stats', '--db', db, '--json'], via);
      expect(ok.code).toBe(0);
      expect(oneObject(ok.stdout).ok).toBe(true);

      const dataErrors = cli(['import', csv, '--db', db, '--json'], via);
      expect(dataErrors.code).toBe(1);
      const imported = oneObject(dataErrors.stdout) as { ok: boolean; committed: boolean; errors: { row: number }[] };
      expect(imported).toMatchObject({ ok: false, committed: false });
      expect(imported.errors[0]).toMatchObject({ row: 3, column: '身份证号' });

      const refused = cli(['stats', '--db', path.join(dir, 'none.sqlite'), '--json'], via);
      expect(refused.code).toBe(2);
      expect(oneObject(refused.stdout)).toEqual({
        ok: false,
        error: { code: 'DB_INVALID', message: expect.stringContaining('找不到数据库文件') },
      });

      const usage = cli(['frobnicate', '--json'], via);
      expect(usage.code).toBe(64);
      expect(oneObject(usage.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });

      const unknownGrid = cli([
        'print',
        'cards',
        '--grid',
        '9999',
        '--out',
        path.join(dir, 'x.pdf'),
        '--db',
        db,
        '--json',
      ]);
      expect(unknownGrid.code).toBe(2);
      expect(oneObject(unknownGrid.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // The failed import changed nothing.
    const sqlite = new BetterSqlite3(db, { readonly: true });
    expect(sqlite.prepare("select count(*) n from households where head_name = '王强'").get()).toEqual({ n: 0 });
    sqlite.close();
  }, 180_000);

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
    expect(oneObject(cards.stdout)).toMatchObject({ ok: true, file: path.join(dir, 'c.pdf') });
    const unknown = cli(['print', 'cards', '--grid', '9999', '--out', path.join(dir, 'x.pdf'), '--db', db]);
    expect(unknown.code).toBe(2);
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

  it('records stats --json prints one object with the issue keys, counted over the records; errors exit 2 or 64', () => {
    const dir = tempDir();
    const db = path.join(dir, 'r.sqlite');
    expect(cli(['demo', '--db', db]).code).toBe(0);
    const year = new Date().getFullYear();
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    // Recounted from the rows, for the village with the most disputes: its subtree, by each record's own date.
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const grids = sqlite.prepare('select id, parent_id, level, code from grids').all() as {
      id: number;
      parent_id: number | null;
      level: number;
      code: string;
    }[];
    const subtree = (rootId: number) => {
      const inside = new Set([rootId]);
      for (let grew = true; grew;) {
        grew = false;
        for (const g of grids) {
          if (g.parent_id !== null && inside.has(g.parent_id) && !inside.has(g.id)) grew = inside.add(g.id).size > 0;
        }
      }
      return inside;
    };
    const rows = (sql: string) => sqlite.prepare(sql).all() as { grid_id: number; d: string }[];
    const count = (list: { grid_id: number; d: string }[], inside: Set<number>) => {
      let n = 0;
      for (const x of list) if (inside.has(x.grid_id) && x.d >= from && x.d <= to) n++;
      return n;
    };
    const disputes = rows('select grid_id, found_date d from disputes');
    const village = grids
      .filter((g) => g.level === 2)
      .map((g) => ({ code: g.code, inside: subtree(g.id) }))
      .map((v) => ({ ...v, found: count(disputes, v.inside) }))
      .sort((a, b) => b.found - a.found)[0]!;
    expect(village.found).toBeGreaterThan(0);

    const r = cli(['records', 'stats', '--from', from, '--to', to, '--grid', village.code, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const got = oneObject(r.stdout) as {
      ok: boolean;
      disputes: { found: number; byCategory: Record<string, number> };
      services: number;
      wechat: { groups: number };
    } & Record<string, unknown>;
    expect(Object.keys(got).sort()).toEqual(
      [
        'ok',
        'from',
        'to',
        'grid',
        'disputes',
        'reports',
        'publicity',
        'services',
        'visits',
        'trainings',
        'wechat',
      ].sort(),
    );
    expect(got).toMatchObject({ ok: true, from, to, grid: village.code });
    for (const k of ['found', 'inProgress', 'handled', 'success', 'byCategory', 'bySettledLevel']) {
      expect(got.disputes).toHaveProperty(k);
    }
    expect(got.disputes.found).toBe(village.found);
    expect(Object.values(got.disputes.byCategory).reduce((a, b) => a + b, 0)).toBe(village.found);
    expect(got.services).toBe(count(rows('select grid_id, service_date d from services'), village.inside));
    const groups = rows("select grid_id, '' d from wechat_groups").filter((w) => village.inside.has(w.grid_id));
    expect(got.wechat.groups).toBe(groups.length);
    sqlite.close();

    const text = cli(['records', 'stats', '--from', from, '--to', to, '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${from} 至 ${to}，全部网格：`);
    expect(text.stdout).toMatch(/矛盾纠纷：排查 \d+ 件/);
    expect(text.stdout).toContain('调处率（办结/排查）');

    const unknown = cli(['records', 'stats', '--from', from, '--to', to, '--grid', '9999', '--db', db, '--json']);
    expect(unknown.code).toBe(2);
    expect(oneObject(unknown.stdout)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '找不到编码为 9999 的网格。' },
    });
    const badDate = cli(['records', 'stats', '--from', `${year}-02-30`, '--to', to, '--db', db]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain(`起始日期“${year}-02-30”不是有效日期`);
    const noPeriod = cli(['records', 'stats', '--db', db, '--json']);
    expect(noPeriod.code).toBe(64);
    expect(oneObject(noPeriod.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  }, 120_000);

  it('rejects unknown commands and options with usage help', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('未知的命令：frobnicate');
    expect(cli(['stats', '--bogus']).code).toBe(64);
  });
});

describe('every CLI command goes through the dispatcher', () => {
  it('each command calls only handlers it declares, through the same dispatcher as the app', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'd.sqlite');
    const csv = path.join(dir, '住户.csv');
    csvWithOneBadRow(csv);
    const argvFor: Record<string, string[][]> = {
      demo: [['demo']],
      grids: [['grids', 'list']],
      stats: [['stats']],
      records: [['records', 'stats', '--from', '2026-01-01', '--to', '2026-12-31', '--grid', '0101']],
      subsidies: [['subsidies', 'compute', '--from', '2026-01-01', '--to', '2026-12-31', '--grid', '0101']],
      import: [
        ['import', csv, '--dry-run', '--errors-out', path.join(dir, 'err.xlsx')],
        ['import', csv],
      ],
      export: [
        ['export', 'roster', '--out', path.join(dir, 'r.xlsx')],
        ['export', 'households', '--out', path.join(dir, 'h.xlsx')],
        [
          'export',
          'payout',
          '--from',
          '2026-01-01',
          '--to',
          '2026-06-30',
          '--grid',
          '0101',
          '--out',
          path.join(dir, 'p.xlsx'),
        ],
      ],
      template: [['template', '--out', path.join(dir, 't.xlsx')]],
      print: [
        ['print', 'signboard', '--grid', '0101', '--paper', 'A4', '--out', path.join(dir, 's.pdf')],
        ['print', 'cards', '--grid', '010101', '--out', path.join(dir, 'c.pdf')],
      ],
      log: [['log'], ['log', '--out', path.join(dir, 'log.xlsx')]],
      backup: [['backup'], ['backup', '--out', path.join(dir, 'b.sqlite')]],
      // After backup (COMMANDS order): restores the file it wrote.
      restore: [['restore', path.join(dir, 'b.sqlite'), '--yes']],
      report: [
        ['report', 'package', '--from', '2026-01-01', '--to', '2026-06-30', '--out', path.join(dir, 'p.gdpkg')],
        ['report', 'merge', path.join(dir, 'p.gdpkg'), '--out', path.join(dir, 'county.xlsx'), '--expect', '01,99'],
        [
          'report',
          'county',
          '--from',
          '2026-07-01',
          '--to',
          '2026-09-30',
          '--grid',
          '0101',
          '--out',
          path.join(dir, 'rc.xlsx'),
        ],
      ],
    };
    // The test lists every command: a new one must be added here, and so proven.
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(Object.keys(argvFor).sort());
    for (const command of COMMANDS) {
      const seen = new Set<string>();
      for (const argv of argvFor[command.name]!) {
        const out: string[] = [];
        const code = await runCli([...argv, '--db', db], {
          stdout: (t) => out.push(t),
          stderr: (t) => out.push(t),
          resourcesDir: path.join(root, 'resources'),
          version: 'test',
          dispatch: (ctx, name, input) => {
            seen.add(name);
            return dispatch(ctx, name, input);
          },
        });
        expect(code, `${argv.join(' ')}: ${out.join('')}`).toBeLessThanOrEqual(1);
      }
      expect(seen.size, command.name).toBeGreaterThan(0);
      for (const name of seen) expect(command.handlers, command.name).toContain(name);
    }
  });

  it('the CLI sources reach data only through the dispatcher', () => {
    const cliDir = path.join(root, 'src/main/cli');
    const files = [path.join(root, 'src/main/cli.ts'), ...fs.readdirSync(cliDir).map((f) => path.join(cliDir, f))];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from '\.\.?\/(\.\.\/)*(services|excel|pdf|import)\//);
    }
  });
});
