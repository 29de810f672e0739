/** What printed material shows, gathered from the database: grids, current workers, households. */
import type { DbOrTrx } from '../db/schema';
import { AppError } from '../errors';
import { getSettings } from '../services/settings/settings';

export interface Person {
  name: string;
  phone: string;
  role: string;
  title: string;
  photo: Buffer | null;
}

export interface GridInfo {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
  code: string;
  kind: string | null;
}

export interface PrintContext {
  grids: Map<number, GridInfo>;
  children: Map<number, GridInfo[]>;
  /** Current workers per grid, 网格长 first. */
  workers: Map<number, Person[]>;
  unitName: string;
  supervisionPhone: string;
  centerPhone: string;
}

export async function loadPrintContext(db: DbOrTrx, withPhotos: boolean): Promise<PrintContext> {
  const rows = await db
    .selectFrom('grids')
    .select(['id', 'parent_id', 'level', 'name', 'code', 'kind'])
    .orderBy('code')
    .execute();
  const grids = new Map<number, GridInfo>();
  const children = new Map<number, GridInfo[]>();
  for (const r of rows) {
    const g = { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, code: r.code, kind: r.kind };
    grids.set(g.id, g);
    if (g.parentId !== null) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  }
  const assignments = await db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .select(['a.grid_id', 'a.role', 'a.title', 'w.name', 'w.phone', 'g.level'])
    .where('a.end_date', 'is', null)
    .orderBy('a.role', 'desc')
    .orderBy('a.id')
    .execute();
  const photos = new Map<string, Buffer>();
  if (withPhotos) {
    for (const r of await db
      .selectFrom('assignments as a')
      .innerJoin('workers as w', 'w.id', 'a.worker_id')
      .select(['a.grid_id', 'w.name', 'w.photo'])
      .where('a.end_date', 'is', null)
      .where('w.photo', 'is not', null)
      .execute()) {
      if (r.photo) photos.set(`${r.grid_id}|${r.name}`, Buffer.from(r.photo));
    }
  }
  const workers = new Map<number, Person[]>();
  for (const a of assignments) {
    const p: Person = {
      name: a.name,
      phone: a.phone,
      role: a.role,
      title: a.title,
      photo: photos.get(`${a.grid_id}|${a.name}`) ?? null,
    };
    workers.set(a.grid_id, [...(workers.get(a.grid_id) ?? []), p]);
  }
  const s = await getSettings(db);
  return {
    grids,
    children,
    workers,
    unitName: s.unitName,
    supervisionPhone: s.supervisionPhone,
    centerPhone: s.centerPhone,
  };
}

export async function gridByCode(db: DbOrTrx, code: string): Promise<GridInfo> {
  const r = await db
    .selectFrom('grids')
    .select(['id', 'parent_id', 'level', 'name', 'code', 'kind'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编码为 ${code} 的网格。`);
  return { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, code: r.code, kind: r.kind };
}

export function ancestorAt(ctx: PrintContext, grid: GridInfo, level: number): GridInfo | null {
  let g: GridInfo | undefined = grid;
  while (g && g.level > level) g = g.parentId === null ? undefined : ctx.grids.get(g.parentId);
  return g && g.level === level ? g : null;
}

export function descendantsAt(ctx: PrintContext, grid: GridInfo, level: number): GridInfo[] {
  if (grid.level === level) return [grid];
  if (grid.level > level) return [];
  return (ctx.children.get(grid.id) ?? []).flatMap((c) => descendantsAt(ctx, c, level));
}

/** The grid's main worker: its 网格长 for a villager group, else its first 网格员. */
export function mainWorker(ctx: PrintContext, gridId: number): Person | null {
  const list = ctx.workers.get(gridId) ?? [];
  return list.find((p) => p.role === '网格长') ?? list[0] ?? null;
}
