/** The contact cards' view: households under a grid (or picked ones) with the people on their card. */
import type { DbOrTrx } from '../../db/schema';
import type { Card } from '../../pdf/cards';
import type { PrintSettings } from '../../pdf/views';
import { gridPaths, pathAt, subtreeOf } from '../grids/queries';
import { householdsWithGrid } from '../households/households';
import { currentHolders, mainWorker, printRoot, printSettings } from './holders';

type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdsWithGrid>['execute']>>[number];

/** Either the clerk's selected households (wherever they are) or every household below the grid. */
async function householdsFor(db: DbOrTrx, gridId: number, householdIds?: number[]): Promise<HouseholdRow[]> {
  if (!householdIds) return householdsWithGrid(db).where('h.grid_id', 'in', subtreeOf(db, gridId)).execute();
  const out: HouseholdRow[] = [];
  for (let i = 0; i < householdIds.length; i += 500) {
    out.push(
      ...(await householdsWithGrid(db)
        .where('h.id', 'in', householdIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** QR codes by grid id: only those of the grids asked for, each loaded once. */
async function qrCodes(db: DbOrTrx, gridIds: number[]): Promise<Map<number, Buffer>> {
  const qrs = new Map<number, Buffer>();
  for (let i = 0; i < gridIds.length; i += 500) {
    const rows = await db
      .selectFrom('grid_qr')
      .select(['grid_id', 'image'])
      .where('grid_id', 'in', gridIds.slice(i, i + 500))
      .execute();
    for (const r of rows) qrs.set(r.grid_id, Buffer.from(r.image));
  }
  return qrs;
}

/** Households under a grid (any level), in grid-code order, with the people on their card. */
export async function loadCards(
  db: DbOrTrx,
  gridId: number,
  householdIds?: number[],
): Promise<{ cards: Card[]; settings: PrintSettings }> {
  await printRoot(db, gridId);
  const households = await householdsFor(db, gridId, householdIds);
  const paths = await gridPaths(db, [...new Set(households.map((h) => h.grid_id))]);
  const holders = await currentHolders(
    db,
    [...new Set([...paths.values()].flatMap((p) => p.ancestors.map((g) => g.id)))],
    false,
  );
  const keyed = households.map((h) => {
    const path = paths.get(h.grid_id)!;
    const grid = path.grid;
    const group = pathAt(path, 3);
    const village = pathAt(path, 2);
    const card: Card = {
      headName: h.head_name,
      address: h.address || (h.door_number ? `${h.door_number}号` : ''),
      gridCode: grid.code,
      gridName: grid.name,
      township: pathAt(path, 1)?.name ?? '',
      village: village?.name ?? '',
      group: group?.name ?? '',
      worker: (holders.get(grid.id) ?? []).find((p) => p.role === '网格员') ?? mainWorker(holders, grid.id),
      leader: group ? mainWorker(holders, group.id) : null,
      secretary: village ? mainWorker(holders, village.id) : null,
      qr: null,
    };
    return {
      key: `${grid.code}|${String(h.id).padStart(10, '0')}`,
      card,
      qrGrids: group ? [grid.id, group.id] : [grid.id],
    };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const qrs = await qrCodes(db, [...new Set(keyed.flatMap((k) => k.qrGrids))]);
  for (const k of keyed) k.card.qr = k.qrGrids.map((id) => qrs.get(id)).find(Boolean) ?? null;
  return { cards: keyed.map((k) => k.card), settings: await printSettings(db) };
}
