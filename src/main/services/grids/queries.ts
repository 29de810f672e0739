/**
 * Kysely helpers over the grid tree, written once for every service: a grid's subtree and a
 * grid's path (its ancestors). Both walk `parent_id` with a recursive CTE, never grid codes:
 * imported codes need not extend their parent's.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';

/** The ids of a grid and all its descendants, as a subquery: `.where('h.grid_id', 'in', subtreeOf(db, id))`. */
export function subtreeOf(db: DbOrTrx, rootId: number) {
  return db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('grids')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((q) => q.selectFrom('grids as c').innerJoin('subtree as s', 's.id', 'c.parent_id').select('c.id')),
    )
    .selectFrom('subtree')
    .select('subtree.id');
}

/** Grid ids as a list or as a subquery selecting `id` (e.g. `subtreeOf`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query whose rows are { id }
export type GridIds = number[] | SelectQueryBuilder<any, any, { id: number }>;

/** A grid's id and all its descendants' ids. */
export async function subtreeIdList(db: DbOrTrx, rootId: number): Promise<number[]> {
  return (await subtreeOf(db, rootId).execute()).map((r) => r.id);
}

/** One grid as printed material and exports see it. */
export interface GridInfo {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
  code: string;
  kind: string | null;
}

/**
 * Every ancestor (the grid itself included) of the grids `seed` selects, one row per
 * (grid, ancestor): `grid_id` is the grid asked about. `seed` is a list of ids or an id subquery.
 */
export function lineageOf(db: DbOrTrx, seed: GridIds) {
  return db
    .withRecursive('lineage(grid_id, id, parent_id, level, name, code, kind)', (qb) =>
      qb
        .selectFrom('grids')
        .select(['id as grid_id', 'id', 'parent_id', 'level', 'name', 'code', 'kind'])
        .where('id', 'in', seed)
        .unionAll((q) =>
          q
            .selectFrom('grids as p')
            .innerJoin('lineage as l', 'l.parent_id', 'p.id')
            .select(['l.grid_id', 'p.id', 'p.parent_id', 'p.level', 'p.name', 'p.code', 'p.kind']),
        ),
    )
    .selectFrom('lineage')
    .select([
      'lineage.grid_id',
      'lineage.id',
      'lineage.parent_id',
      'lineage.level',
      'lineage.name',
      'lineage.code',
      'lineage.kind',
    ]);
}

/** A grid's place in the tree: its ancestors from the township down, itself last. */
export interface GridPath {
  grid: GridInfo;
  /** Township first, the grid itself last. */
  ancestors: GridInfo[];
  /** Names by level (镇, 村, 组, 户级网格); '' where the path has no grid of that level. */
  names: [string, string, string, string];
  /** 温水镇 / 田家河村 / 十四组 */
  text: string;
  /**
   * How screens name a grid: from the village down (田家河村 / 十四组 / 第1网格), because 一组 and
   * 第1网格 exist in every village. The township itself keeps its own name.
   */
  label: string;
}

export function pathAt(path: GridPath, level: number): GridInfo | null {
  return path.ancestors.find((g) => g.level === level) ?? null;
}

function toPath(rows: GridInfo[], gridId: number): GridPath {
  const ancestors = [...rows].sort((a, b) => a.level - b.level);
  const names: GridPath['names'] = ['', '', '', ''];
  for (const g of ancestors) if (g.level >= 1 && g.level <= 4) names[g.level - 1] = g.name;
  return {
    grid: ancestors.find((g) => g.id === gridId)!,
    ancestors,
    names,
    text: ancestors.map((g) => g.name).join(' / '),
    label: gridLabel(ancestors),
  };
}

/** Names from the village (level 2) down; a township is named by itself. */
export function gridLabel(ancestors: readonly { level: number; name: string }[]): string {
  const below = ancestors.filter((g) => g.level >= 2);
  return (below.length > 0 ? below : ancestors).map((g) => g.name).join(' / ');
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The paths of many grids (ids or an id subquery) in one query, by grid id. */
export async function gridPaths(db: DbOrTrx, seed: GridIds): Promise<Map<number, GridPath>> {
  if (Array.isArray(seed) && seed.length === 0) return new Map();
  const byGrid = new Map<number, GridInfo[]>();
  const chunks = Array.isArray(seed) ? chunk(seed, 500) : [seed];
  const rows = [];
  for (const c of chunks) rows.push(...(await lineageOf(db, c).execute()));
  for (const r of rows) {
    const g = toInfo(r);
    const list = byGrid.get(r.grid_id);
    if (list) list.push(g);
    else byGrid.set(r.grid_id, [g]);
  }
  return new Map([...byGrid].map(([id, rows]) => [id, toPath(rows, id)]));
}

/** One grid's path; NOT_FOUND when the grid does not exist. */
export async function gridPath(db: DbOrTrx, gridId: number): Promise<GridPath> {
  const path = (await gridPaths(db, [gridId])).get(gridId);
  if (!path) throw new AppError('NOT_FOUND', `找不到编号为 ${gridId} 的网格，它可能已被删除。`);
  return path;
}

function gridInfos(db: DbOrTrx) {
  return db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name', 'code', 'kind']);
}

function toInfo(r: {
  id: number;
  parent_id: number | null;
  level: number;
  name: string;
  code: string;
  kind: string | null;
}): GridInfo {
  return { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, code: r.code, kind: r.kind };
}

/** The grid with this id, or null. */
export async function gridById(db: DbOrTrx, id: number): Promise<GridInfo | null> {
  const r = await gridInfos(db).where('id', '=', id).executeTakeFirst();
  return r ? toInfo(r) : null;
}

/** The grid with this code; NOT_FOUND (with the code) when none has it. */
export async function gridByCode(db: DbOrTrx, code: string): Promise<GridInfo> {
  const r = await gridInfos(db).where('code', '=', code).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编码为 ${code} 的网格。`);
  return toInfo(r);
}

/** The grids `ids` selects, in code order. */
export async function gridsIn(db: DbOrTrx, ids: GridIds): Promise<GridInfo[]> {
  return (await gridInfos(db).where('id', 'in', ids).orderBy('code').execute()).map(toInfo);
}
