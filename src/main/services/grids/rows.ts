/**
 * Grid rows written in bulk, by the roster import and the demo: the rules (codes, names, which
 * grid a row belongs to) are theirs; how a grid row looks and is written is the grid service's.
 */
import type { GridLevel } from '../../../shared/grids';
import { insertReturningIds } from '../../db/bulk';
import type { DbOrTrx, NewGridRow } from '../../db/schema';

export interface NewGrid {
  parentId: number | null;
  level: GridLevel;
  name: string;
  code: string;
  /** '村' or '社区' for level 2; null otherwise. */
  kind: string | null;
  divisionCode: string | null;
}

/** A grid as the import matches rows against it. */
export interface GridOutline {
  id: number;
  parentId: number | null;
  level: GridLevel;
  name: string;
  code: string;
}

export function newGridRow(g: NewGrid, ts: string): NewGridRow {
  return {
    parent_id: g.parentId,
    level: g.level,
    name: g.name,
    code: g.code,
    kind: g.kind,
    division_code: g.divisionCode,
    created_at: ts,
    updated_at: ts,
  };
}

export async function insertGrid(db: DbOrTrx, g: NewGrid, ts: string): Promise<number> {
  const { id } = await db.insertInto('grids').values(newGridRow(g, ts)).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Inserts sibling grids at once; their ids come back in the same order. */
export async function insertGrids(db: DbOrTrx, grids: NewGrid[], ts: string): Promise<number[]> {
  return insertReturningIds(
    db,
    'grids',
    grids.map((g) => newGridRow(g, ts)),
  );
}

export async function renameGrid(db: DbOrTrx, id: number, name: string, ts: string): Promise<void> {
  await db.updateTable('grids').set({ name, updated_at: ts }).where('id', '=', id).execute();
}

/** Every grid's place in the tree (no counts): what an import resolves its rows' grids against. */
export async function gridOutlines(db: DbOrTrx): Promise<GridOutline[]> {
  const rows = await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name', 'code']).execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level as GridLevel,
    name: r.name,
    code: r.code,
  }));
}
