import {
  LEVEL_ORDINALS,
  type GridLevel,
  type GridNode,
  type GridTreeRows,
  type VillageKind,
} from '../../../shared/grids';
import type { HandlerArgs } from '../../../shared/api';
import { AppError, fieldError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx, GridRow } from '../../db/schema';
import { getSettings } from '../settings/settings';
import { currentOn } from '../workers/queries';
import { assertCodeShape, codeShape, nextFreeCode, recode } from './codes';
import { assertNameFree } from './names';
import { gridPath, subtreeOf } from './queries';

type Counts = [number, number, number, number];

function now(): string {
  return new Date().toISOString();
}

export function levelOf(n: number): GridLevel {
  if (n === 1 || n === 2 || n === 3 || n === 4) return n;
  throw new AppError('INTERNAL', `网格层级数据异常：${n}`);
}

function toNode(
  row: GridRow,
  label: string,
  childCount: number,
  descendants: Counts,
  households: number,
  workers: string[],
): GridNode {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: levelOf(row.level),
    name: row.name,
    label,
    code: row.code,
    kind: (row.kind as VillageKind | null) ?? null,
    divisionCode: row.division_code,
    childCount,
    descendants,
    households,
    workers,
  };
}

/** Household counts per grid (direct) and current workers' names per grid. */
async function rosterFacts(db: DbOrTrx, gridIds?: number[]) {
  let hq = db
    .selectFrom('households')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('grid_id');
  let wq = db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .select(['a.grid_id', 'w.name'])
    .where(currentOn())
    .orderBy('a.role', 'desc')
    .orderBy('a.id');
  if (gridIds) {
    hq = hq.where('grid_id', 'in', gridIds);
    wq = wq.where('a.grid_id', 'in', gridIds);
  }
  const households = new Map((await hq.execute()).map((r) => [r.grid_id, Number(r.n)]));
  const workers = new Map<number, string[]>();
  for (const r of await wq.execute()) {
    const list = workers.get(r.grid_id);
    if (list) {
      if (!list.includes(r.name)) list.push(r.name);
    } else workers.set(r.grid_id, [r.name]);
  }
  return { households, workers };
}

/**
 * Every grid, ordered by code, each with its direct-child count and descendants per level.
 * One query and one pass: fine for a county's 7,500 grids. With `maxLevel`, only the grids down
 * to that level (their counts still cover everything below them).
 */
export async function listTree(db: DbOrTrx, options: { maxLevel?: GridLevel } = {}): Promise<GridNode[]> {
  const rows = await db.selectFrom('grids').selectAll().orderBy('code').execute();
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id);
    if (list) list.push(r.id);
    else children.set(r.parent_id, [r.id]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const facts = await rosterFacts(db);
  const households = new Map<number, number>();
  const counts = new Map<number, Counts>();
  // Deepest level first, so every child's counts are known before its parent's.
  const byLevelDesc = [...rows].sort((a, b) => b.level - a.level);
  for (const r of byLevelDesc) {
    const c: Counts = [0, 0, 0, 0];
    let h = facts.households.get(r.id) ?? 0;
    for (const childId of children.get(r.id) ?? []) {
      const child = byId.get(childId)!;
      c[child.level - 1]! += 1;
      const cc = counts.get(childId)!;
      for (let i = 0; i < 4; i++) c[i]! += cc[i]!;
      h += households.get(childId)!;
    }
    counts.set(r.id, c);
    households.set(r.id, h);
  }
  const maxLevel = options.maxLevel ?? 4;
  const label = labeller(byId);
  return rows
    .filter((r) => r.level <= maxLevel)
    .map((r) =>
      toNode(
        r,
        label(r),
        children.get(r.id)?.length ?? 0,
        counts.get(r.id)!,
        households.get(r.id)!,
        facts.workers.get(r.id) ?? [],
      ),
    );
}

/** Labels (village down, see GridPath.label) from rows already in memory, each parent's once. */
function labeller(byId: Map<number, GridRow>): (row: GridRow) => string {
  const memo = new Map<number, string>();
  const label = (row: GridRow): string => {
    let text = memo.get(row.id);
    if (text !== undefined) return text;
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    text = row.level > 2 && parent && parent.level >= 2 ? `${label(parent)} / ${row.name}` : row.name;
    memo.set(row.id, text);
    return text;
  };
  return label;
}

/**
 * What the grid tree panel draws (see GridTreeRows): no worker names, no division codes, and
 * no totals — the panel sums those from the direct household counts in one pass.
 */
export async function listTreeRows(db: DbOrTrx): Promise<GridTreeRows> {
  const grids = await db
    .selectFrom('grids')
    .select(['id', 'parent_id', 'level', 'name', 'code'])
    .orderBy('code')
    .execute();
  const counts = await db
    .selectFrom('households')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('grid_id')
    .execute();
  const direct = new Map(counts.map((r) => [r.grid_id, Number(r.n)]));
  const out: GridTreeRows = { id: [], parentId: [], level: [], name: [], code: [], households: [] };
  for (const g of grids) {
    out.id.push(g.id);
    out.parentId.push(g.parent_id);
    out.level.push(levelOf(g.level));
    out.name.push(g.name);
    out.code.push(g.code);
    out.households.push(direct.get(g.id) ?? 0);
  }
  return out;
}

export async function findRow(db: DbOrTrx, id: number): Promise<GridRow> {
  const row = await db.selectFrom('grids').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的网格，它可能已被删除。`);
  return row;
}

/** A grid's descendants (not the grid itself), parents before children. */
export async function descendantRows(db: DbOrTrx, id: number): Promise<GridRow[]> {
  return db
    .selectFrom('grids')
    .selectAll()
    .where('id', 'in', subtreeOf(db, id))
    .where('id', '!=', id)
    .orderBy('level')
    .orderBy('code')
    .execute();
}

export function countByLevel(rows: GridRow[]): Counts {
  const c: Counts = [0, 0, 0, 0];
  for (const r of rows) c[r.level - 1]! += 1;
  return c;
}

/** A grid's id and all its descendants' ids. */
export async function subtreeIds(db: DbOrTrx, id: number): Promise<number[]> {
  const desc = await descendantRows(db, id);
  return [id, ...desc.map((r) => r.id)];
}

export async function getGrid(db: DbOrTrx, id: number): Promise<GridNode> {
  const row = await findRow(db, id);
  const desc = await descendantRows(db, id);
  const childCount = desc.filter((r) => r.parent_id === id).length;
  const facts = await rosterFacts(db, [id, ...desc.map((r) => r.id)]);
  let households = 0;
  for (const n of facts.households.values()) households += n;
  const { label } = await gridPath(db, id);
  return toNode(row, label, childCount, countByLevel(desc), households, facts.workers.get(id) ?? []);
}

async function assertCodeFree(db: DbOrTrx, code: string, exceptIds: number[] = []): Promise<void> {
  let q = db.selectFrom('grids').select(['id', 'name', 'level']).where('code', '=', code);
  if (exceptIds.length) q = q.where('id', 'not in', exceptIds);
  const other = await q.executeTakeFirst();
  if (other) {
    throw fieldError(
      'code',
      `网格编码 ${code} 已被“${other.name}”（${LEVEL_ORDINALS[levelOf(other.level)]}）使用，编码不能重复`,
      'CONFLICT',
    );
  }
}

function divisionCodeFor(level: GridLevel, divisionCode: string): string | null {
  return level <= 2 && divisionCode !== '' ? divisionCode : null;
}

export async function suggestCode(db: DbOrTrx, parentId: number | null): Promise<string | null> {
  const scheme = (await getSettings(db)).codeScheme;
  let shape;
  if (parentId === null) {
    shape = codeShape(1, null, scheme);
  } else {
    const parent = await findRow(db, parentId);
    if (parent.level >= 4) return null;
    shape = codeShape(levelOf(parent.level + 1), parent.code, scheme);
  }
  const used = await db.selectFrom('grids').select('code').where('code', 'like', `${shape.prefix}%`).execute();
  return nextFreeCode(
    shape,
    used.map((r) => r.code),
  );
}

export async function createGrid(db: DbOrTrx, input: HandlerArgs<'grids/create'>): Promise<GridNode> {
  return inTransaction(db, async (trx) => {
    const scheme = (await getSettings(trx)).codeScheme;
    const parent = input.parentId === null ? null : await findRow(trx, input.parentId);
    if (parent && parent.level !== input.level - 1) {
      throw fieldError(
        'parentId',
        `${LEVEL_ORDINALS[input.level]}的上级应为${LEVEL_ORDINALS[levelOf(input.level - 1)]}，所选“${parent.name}”是${LEVEL_ORDINALS[levelOf(parent.level)]}`,
      );
    }
    await assertNameFree(trx, parent, input.name);
    assertCodeShape(input.code, codeShape(input.level, parent?.code ?? null, scheme));
    await assertCodeFree(trx, input.code);
    const ts = now();
    const { id } = await trx
      .insertInto('grids')
      .values({
        parent_id: input.parentId,
        level: input.level,
        name: input.name,
        code: input.code,
        kind: input.level === 2 ? input.kind : null,
        division_code: divisionCodeFor(input.level, input.divisionCode),
        created_at: ts,
        updated_at: ts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getGrid(trx, id);
  });
}

/**
 * Gives `rows` new codes. Two passes (a temporary code first), so codes swapping within the
 * subtree never trip the unique index midway.
 */
async function writeCodes(db: DbOrTrx, changes: { id: number; code: string }[]): Promise<void> {
  const ts = now();
  for (const c of changes) {
    await db
      .updateTable('grids')
      .set({ code: `~${c.id}` })
      .where('id', '=', c.id)
      .execute();
  }
  for (const c of changes) {
    await db.updateTable('grids').set({ code: c.code, updated_at: ts }).where('id', '=', c.id).execute();
  }
}

/**
 * Re-codes a grid and its descendants: the grid gets `newCode`; every descendant whose code
 * starts with the grid's old code has that prefix replaced (imported codes that never followed
 * the scheme stay as they are). Refused when any new code is already used outside the subtree.
 */
async function recodeSubtree(db: DbOrTrx, grid: GridRow, newCode: string): Promise<void> {
  if (newCode === grid.code) return;
  const desc = await descendantRows(db, grid.id);
  const subtreeIds = [grid.id, ...desc.map((r) => r.id)];
  const changes = [{ id: grid.id, code: newCode }];
  for (const r of desc) {
    const code = recode(r.code, grid.code, newCode);
    if (code !== r.code) changes.push({ id: r.id, code });
  }
  const clash = await db
    .selectFrom('grids')
    .select(['code', 'name'])
    .where(
      'code',
      'in',
      changes.map((c) => c.code),
    )
    .where('id', 'not in', subtreeIds)
    .executeTakeFirst();
  if (clash) {
    throw fieldError(
      'code',
      `改编码后，下级网格将使用编码 ${clash.code}，但它已被“${clash.name}”使用。请先调整该网格的编码。`,
      'CONFLICT',
    );
  }
  await writeCodes(db, changes);
}

export async function updateGrid(db: DbOrTrx, input: HandlerArgs<'grids/update'>): Promise<GridNode> {
  return inTransaction(db, async (trx) => {
    const grid = await findRow(trx, input.id);
    const level = levelOf(grid.level);
    if (level === 2 && !input.kind) throw fieldError('kind', '请选择“村”或“社区”');
    if (level > 2 && input.divisionCode !== '') {
      throw fieldError('divisionCode', '只有镇和村（社区）才有统计用区划代码');
    }
    const parent = grid.parent_id === null ? null : await findRow(trx, grid.parent_id);
    if (input.name !== grid.name) await assertNameFree(trx, parent, input.name, { exceptId: grid.id });
    if (input.code !== grid.code) {
      const scheme = (await getSettings(trx)).codeScheme;
      assertCodeShape(input.code, codeShape(level, parent?.code ?? null, scheme));
      await assertCodeFree(trx, input.code, [grid.id]);
      await recodeSubtree(trx, grid, input.code);
    }
    await trx
      .updateTable('grids')
      .set({
        name: input.name,
        kind: level === 2 ? input.kind : null,
        division_code: divisionCodeFor(level, input.divisionCode),
        updated_at: now(),
      })
      .where('id', '=', grid.id)
      .execute();
    return getGrid(trx, grid.id);
  });
}

/**
 * Moves a grid (with its subtree) under another parent of the level above. Unless the clerk
 * keeps the codes, the grid takes the next free code under its new parent and its descendants'
 * codes follow, so a code keeps telling where a grid sits.
 */
export async function moveGrid(db: DbOrTrx, input: HandlerArgs<'grids/move'>): Promise<GridNode> {
  return inTransaction(db, async (trx) => {
    const grid = await findRow(trx, input.id);
    if (grid.level === 1) {
      throw new AppError('VALIDATION', `“${grid.name}”是一级网格（镇），没有上级，不能移动。`);
    }
    const parent = await findRow(trx, input.parentId);
    if (parent.level !== grid.level - 1) {
      throw fieldError(
        'parentId',
        `“${grid.name}”是${LEVEL_ORDINALS[levelOf(grid.level)]}，只能移到${LEVEL_ORDINALS[levelOf(grid.level - 1)]}之下；“${parent.name}”是${LEVEL_ORDINALS[levelOf(parent.level)]}`,
      );
    }
    if (parent.id === grid.parent_id) {
      throw fieldError('parentId', `“${grid.name}”已经在“${parent.name}”之下`);
    }
    await assertNameFree(trx, parent, grid.name, { exceptId: grid.id, moving: true });
    if (!input.keepCodes) {
      const code = await suggestCode(trx, parent.id);
      if (code === null) {
        throw fieldError('parentId', `“${parent.name}”之下的编码已用完，无法再放入网格`, 'CONFLICT');
      }
      await recodeSubtree(trx, grid, code);
    }
    await trx.updateTable('grids').set({ parent_id: parent.id, updated_at: now() }).where('id', '=', grid.id).execute();
    return getGrid(trx, grid.id);
  });
}
