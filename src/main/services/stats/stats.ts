import type { Stats } from '../../../shared/settings';
import type { DbOrTrx } from '../../db/schema';

export async function getStats(db: DbOrTrx): Promise<Stats> {
  const rows = await db
    .selectFrom('grids')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('level')
    .execute();
  const byLevel = new Map(rows.map((r) => [Number(r.level), Number(r.n)]));
  return {
    grids: {
      level1: byLevel.get(1) ?? 0,
      level2: byLevel.get(2) ?? 0,
      level3: byLevel.get(3) ?? 0,
      level4: byLevel.get(4) ?? 0,
    },
    households: Number(
      (
        await db
          .selectFrom('households')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    workers: Number(
      (
        await db
          .selectFrom('workers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}
