/**
 * What a database file holds, checked through SQLite: sound pages, a GridDesk schema complete for
 * its version, consistent references, and a summary a clerk can judge (counts, newest change).
 * Restore and the start-up check rely on it; nothing here writes to the file it reads.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from 'kysely';
import type { DatabaseSummary } from '../../shared/settings';
import { createMigrator, databaseVersion, openDatabase } from './connection';
import { latestMigration, migrationNames, migrations as releasedMigrations } from './migrations';
import { tableLabel, tableOrder } from './schema/labels';

interface ColumnShape {
  type: string;
  notnull: number;
  pk: number;
}
/** Every table (SQLite's own excepted) and its columns. */
export type SchemaShape = Record<string, Record<string, ColumnShape>>;

export function readSchema(sqlite: BetterSqlite3.Database): SchemaShape {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const shape: SchemaShape = {};
  for (const { name } of tables) {
    const cols = sqlite.prepare(`select name, type, "notnull", pk from pragma_table_info(?)`).all(name) as ({
      name: string;
    } & ColumnShape)[];
    shape[name] = Object.fromEntries(
      cols.map((c) => [c.name, { type: c.type.toLowerCase(), notnull: c.notnull, pk: c.pk }]),
    );
  }
  return shape;
}

const expectedCache = new Map<string, Promise<SchemaShape>>();

/**
 * The schema a GridDesk database at `version` has: read from a fresh in-memory database that
 * the migrations built up to exactly that version, so no hand-kept list can drift from them.
 */
export function expectedSchema(version: string, migrations: Record<string, Migration> = releasedMigrations) {
  const key = migrations === releasedMigrations ? version : '';
  const cached = key ? expectedCache.get(key) : undefined;
  if (cached) return cached;
  const built = (async () => {
    const handle = await openDatabase(':memory:', { migrate: false });
    try {
      const { error } = await createMigrator(handle.db, migrations).migrateTo(version);
      if (error) throw error;
      return readSchema(handle.sqlite);
    } finally {
      await handle.close();
    }
  })();
  if (key) expectedCache.set(key, built);
  return built;
}

/** What `actual` lacks of `expected`, in Chinese; [] when every table and column is there. */
export function schemaProblems(actual: SchemaShape, expected: SchemaShape): string[] {
  const problems: string[] = [];
  for (const [table, columns] of Object.entries(expected)) {
    const have = actual[table];
    if (!have) {
      problems.push(`缺少数据表 ${table}`);
      continue;
    }
    for (const [column, shape] of Object.entries(columns)) {
      const got = have[column];
      if (!got) problems.push(`数据表 ${table} 缺少列 ${column}`);
      else if (got.type !== shape.type || got.notnull !== shape.notnull || got.pk !== shape.pk) {
        problems.push(`数据表 ${table} 的列 ${column} 定义不同`);
      }
    }
  }
  return problems;
}

/** A problem that makes a file unfit to install, as a Chinese phrase (no trailing verdict). */
export class UnfitDatabase extends Error {
  constructor(
    readonly kind: 'damaged' | 'foreign' | 'newer' | 'inconsistent',
    message: string,
  ) {
    super(message);
  }
}

const CHANGE_COLUMNS = ['updated_at', 'at', 'created_at'];
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Counts and the newest change, read from whatever tables the file has. */
export function summarize(sqlite: BetterSqlite3.Database): DatabaseSummary {
  const shape = readSchema(sqlite);
  const rows = (table: string) =>
    shape[table] ? (sqlite.prepare(`select count(*) n from ${quote(table)}`).get() as { n: number }).n : 0;
  let newest: string | null = null;
  for (const [table, columns] of Object.entries(shape)) {
    if (table.startsWith('kysely_')) continue;
    const column = CHANGE_COLUMNS.find((c) => columns[c]);
    if (!column) continue;
    const { m } = sqlite.prepare(`select max(${quote(column)}) m from ${quote(table)}`).get() as { m: unknown };
    if (typeof m === 'string' && (newest === null || m > newest)) newest = m;
  }
  const tables = Object.keys(shape)
    .filter((t) => !t.startsWith('kysely_'))
    .sort(tableOrder)
    .map((t) => ({ table: t, ...pick(tableLabel(t)), rows: rows(t) }));
  const v = databaseVersion(sqlite);
  return {
    schemaVersion: v.kind === 'griddesk' ? v.version : '',
    needsUpgrade: v.kind === 'griddesk' && v.version !== latestMigration,
    counts: {
      grids: rows('grids'),
      workers: rows('workers'),
      households: rows('households'),
      // Work records arrive with their own tables; until then there are none to count.
      records: tables.filter((t) => /records$/.test(t.table)).reduce((n, t) => n + t.rows, 0),
    },
    tables,
    newestChange: newest,
  };
}

function pick(l: { label: string; unit: string }) {
  return { label: l.label, unit: l.unit };
}

/**
 * Checks a database through its open connection: integrity, whose it is and which version, the
 * full schema of that version, references that resolve. Throws UnfitDatabase naming the problem.
 */
export async function verifyDatabase(
  sqlite: BetterSqlite3.Database,
  check: 'integrity_check' | 'quick_check' = 'integrity_check',
): Promise<DatabaseSummary> {
  const result = sqlite.pragma(check, { simple: true });
  if (result !== 'ok') throw new UnfitDatabase('damaged', `文件已损坏（SQLite 完整性检查：${String(result)}）`);
  const v = databaseVersion(sqlite, migrationNames);
  if (v.kind === 'empty') throw new UnfitDatabase('foreign', '文件中没有任何数据表，不是网格工作台的数据库');
  if (v.kind === 'foreign') throw new UnfitDatabase('foreign', `不是网格工作台的数据库（${v.reason}）`);
  if (v.kind === 'newer') {
    throw new UnfitDatabase(
      'newer',
      `文件由更新版本的网格工作台写入（数据版本 ${v.version}，本软件支持到 ${latestMigration}），请先升级网格工作台`,
    );
  }
  const problems = schemaProblems(readSchema(sqlite), await expectedSchema(v.version));
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('；') + (problems.length > 3 ? ` 等 ${problems.length} 处` : '');
    throw new UnfitDatabase('foreign', `不是完整的网格工作台数据库（${shown}）`);
  }
  const broken = sqlite.prepare('select "table" t, count(*) n from pragma_foreign_key_check group by 1').all() as {
    t: string;
    n: number;
  }[];
  if (broken.length > 0) {
    const where = broken.map((b) => `${tableLabel(b.t).label} ${b.n} 条`).join('、');
    throw new UnfitDatabase('inconsistent', `文件中的数据前后不一致：${where}指向不存在的记录`);
  }
  return summarize(sqlite);
}
