/** What every printed sheet needs from the database: grids' current workers and the settings. */
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import type { Person, PrintSettings } from '../../pdf/views';
import { gridById, type GridInfo } from '../grids/queries';
import { getSettings } from '../settings/settings';
import { holdersOn } from '../workers/queries';

/** Current workers per grid, 网格长 first; with their photos only when asked (signboards). */
export async function currentHolders(db: DbOrTrx, gridIds: number[], withPhotos: boolean) {
  const out = new Map<number, Person[]>();
  for (let i = 0; i < gridIds.length; i += 500) {
    const base = holdersOn(db)
      .select(['a.grid_id', 'a.role', 'a.title', 'w.name', 'w.phone'])
      .where('a.grid_id', 'in', gridIds.slice(i, i + 500))
      .orderBy('a.role', 'desc')
      .orderBy('a.id');
    const rows = withPhotos
      ? await base.select('w.photo').execute()
      : (await base.execute()).map((r) => ({ ...r, photo: null }));
    for (const r of rows) {
      const p: Person = {
        name: r.name,
        phone: r.phone,
        role: r.role,
        title: r.title,
        photo: r.photo ? Buffer.from(r.photo) : null,
      };
      const list = out.get(r.grid_id);
      if (list) list.push(p);
      else out.set(r.grid_id, [p]);
    }
  }
  return out;
}

/** The grid's main worker: its 网格长 for a villager group, else its first 网格员. */
export function mainWorker(holders: Map<number, Person[]>, gridId: number): Person | null {
  const list = holders.get(gridId) ?? [];
  return list.find((p) => p.role === '网格长') ?? list[0] ?? null;
}

export async function printSettings(db: DbOrTrx): Promise<PrintSettings> {
  const s = await getSettings(db);
  return { unitName: s.unitName, supervisionPhone: s.supervisionPhone, centerPhone: s.centerPhone };
}

/** The grid a print starts from. */
export async function printRoot(db: DbOrTrx, gridId: number): Promise<GridInfo> {
  const root = await gridById(db, gridId);
  if (!root) throw new AppError('NOT_FOUND', '找不到所选网格。');
  return root;
}
