/** WeChat groups per grid: which household grids still have none (the statistics count the same set). */
import type { DbOrTrx } from '../../db/schema';
import { gridPaths, subtreeOf } from '../grids/queries';

export async function gridsWithoutGroup(db: DbOrTrx, gridId: number) {
  const rows = await db
    .selectFrom('grids as g')
    .select(['g.id', 'g.code'])
    .where('g.id', 'in', subtreeOf(db, gridId))
    .where('g.level', '=', 4)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('wechat_groups as w').select('w.id').whereRef('w.grid_id', '=', 'g.id'))),
    )
    .orderBy('g.code')
    .execute();
  if (rows.length === 0) return [];
  const paths = await gridPaths(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, code: r.code, label: paths.get(r.id)?.label ?? r.code }));
}
