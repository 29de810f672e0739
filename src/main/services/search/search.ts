import { sql } from 'kysely';
import type { SearchHit, SearchResults } from '../../../shared/search';
import type { DbOrTrx } from '../../db/schema';
import { gridPaths } from '../grids/queries';
import { currentOn } from '../workers/queries';

/** LIKE with the clerk's text taken literally (a % or _ typed is not a wildcard). */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function startingWith(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Found {
  hits: SearchHit[];
  gridIds: number[];
  more: boolean;
}

async function findWorkers(
  db: DbOrTrx,
  text: string,
  limit: number,
): Promise<Found & { workerGrid: Map<number, number> }> {
  const rows = await db
    .selectFrom('workers as w')
    .select(['w.id', 'w.name', 'w.phone'])
    .select((eb) =>
      eb
        .selectFrom('assignments as a')
        .select('a.grid_id')
        .whereRef('a.worker_id', '=', 'w.id')
        .where(currentOn())
        .orderBy('a.role')
        .limit(1)
        .as('grid_id'),
    )
    .where((eb) =>
      eb.or([
        sql<boolean>`w.name like ${containing(text)} escape '\\'`,
        sql<boolean>`w.phone like ${startingWith(text)} escape '\\'`,
      ]),
    )
    .orderBy(sql`w.name = ${text}`, 'desc')
    .orderBy('w.name')
    .limit(limit + 1)
    .execute();
  const workerGrid = new Map<number, number>();
  const hits = rows.slice(0, limit).map((r) => {
    if (r.grid_id !== null) workerGrid.set(r.id, r.grid_id);
    return { kind: 'worker' as const, id: r.id, title: r.name, detail: r.phone };
  });
  return { hits, gridIds: [...workerGrid.values()], more: rows.length > limit, workerGrid };
}

async function findHouseholds(db: DbOrTrx, text: string, limit: number) {
  const rows = await db
    .selectFrom('households')
    .select(['id', 'head_name', 'grid_id', 'address'])
    .where((eb) =>
      eb.or([
        sql<boolean>`head_name like ${containing(text)} escape '\\'`,
        sql<boolean>`phone like ${startingWith(text)} escape '\\'`,
        sql<boolean>`door_number like ${startingWith(text)} escape '\\'`,
      ]),
    )
    .orderBy(sql`head_name = ${text}`, 'desc')
    .orderBy('head_name')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

async function findGrids(db: DbOrTrx, text: string, limit: number) {
  const rows = await db
    .selectFrom('grids')
    .select(['id', 'code'])
    .where((eb) =>
      eb.or([
        sql<boolean>`name like ${containing(text)} escape '\\'`,
        sql<boolean>`code like ${startingWith(text)} escape '\\'`,
      ]),
    )
    .orderBy('level')
    .orderBy('code')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * Workers (name, phone), households (head's name, phone, door number) and grids (name, code):
 * each named with its grid's path, because 一组 and 第1网格 exist in every village.
 */
export async function searchAll(db: DbOrTrx, text: string, limit: number): Promise<SearchResults> {
  const workers = await findWorkers(db, text, limit);
  const households = await findHouseholds(db, text, limit);
  const grids = await findGrids(db, text, limit);
  const paths = await gridPaths(db, [
    ...new Set([...workers.gridIds, ...households.rows.map((h) => h.grid_id), ...grids.rows.map((g) => g.id)]),
  ]);
  const label = (gridId: number | undefined) => (gridId === undefined ? '' : (paths.get(gridId)?.label ?? ''));
  const hits: SearchHit[] = [
    ...workers.hits.map((h) => {
      const where = label(workers.workerGrid.get(h.id));
      return { ...h, detail: [where || '待安排', h.detail].filter(Boolean).join('　') };
    }),
    ...households.rows.map((h) => ({
      kind: 'household' as const,
      id: h.id,
      title: `${h.head_name}（户主）`,
      detail: [label(h.grid_id), h.address].filter(Boolean).join('　'),
    })),
    ...grids.rows.map((g) => ({ kind: 'grid' as const, id: g.id, title: label(g.id), detail: `编码 ${g.code}` })),
  ];
  return { hits, more: workers.more || households.more || grids.more };
}
