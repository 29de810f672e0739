/** The signboards' view: one board per village, its groups and household grids with their workers. */
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import type { Board, BoardRow } from '../../pdf/signboard';
import type { PrintSettings } from '../../pdf/views';
import { gridPaths, gridsIn, subtreeOf, type GridInfo } from '../grids/queries';
import { currentHolders, mainWorker, printRoot, printSettings } from './holders';

/** Households per grid below `rootId`, and the range of their numeric door numbers (3–18号). */
async function householdFacts(db: DbOrTrx, rootId: number) {
  const rows = await db
    .selectFrom('households')
    .select(['grid_id', 'door_number'])
    .where('grid_id', 'in', subtreeOf(db, rootId))
    .execute();
  const counts = new Map<number, number>();
  const nums = new Map<number, number[]>();
  for (const r of rows) {
    counts.set(r.grid_id, (counts.get(r.grid_id) ?? 0) + 1);
    const n = /^\d+$/.test(r.door_number) ? Number(r.door_number) : NaN;
    if (Number.isFinite(n)) nums.set(r.grid_id, [...(nums.get(r.grid_id) ?? []), n]);
  }
  const doors = new Map<number, string>();
  for (const [id, list] of nums) {
    const lo = Math.min(...list);
    const hi = Math.max(...list);
    doors.set(id, lo === hi ? `${lo}号` : `${lo}–${hi}号`);
  }
  return { counts, doors };
}

function refuseRoot(root: GridInfo): void {
  if (root.level > 2)
    throw new AppError(
      'VALIDATION',
      `公示牌按村（社区）打印：请选择村（社区）或镇，“${root.name}”是${root.level === 3 ? '村民小组' : '户级网格'}。`,
    );
}

/** The boards for a village, or for every village of a township. */
export async function loadBoards(db: DbOrTrx, gridId: number): Promise<{ boards: Board[]; settings: PrintSettings }> {
  const root = await printRoot(db, gridId);
  refuseRoot(root);
  const grids = await gridsIn(db, subtreeOf(db, gridId));
  const children = new Map<number, GridInfo[]>();
  for (const g of grids) if (g.parentId !== null) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  const villages = grids.filter((g) => g.level === 2);
  if (villages.length === 0) throw new AppError('VALIDATION', `“${root.name}”下还没有村（社区），没有可打印的公示牌。`);
  const holders = await currentHolders(
    db,
    grids.map((g) => g.id),
    true,
  );
  const facts = await householdFacts(db, gridId);
  const paths = await gridPaths(
    db,
    villages.map((v) => v.id),
  );
  const boards = villages.map((v): Board => {
    const rows: BoardRow[] = [];
    for (const group of children.get(v.id) ?? []) {
      const leader = mainWorker(holders, group.id);
      rows.push({
        kind: 'group',
        cells: [group.name, leader ? `网格长 ${leader.name}` : '网格长 待配备', leader?.phone ?? ''],
      });
      for (const g of children.get(group.id) ?? []) {
        const w = (holders.get(g.id) ?? [])[0] ?? null;
        const n = facts.counts.get(g.id) ?? 0;
        rows.push({
          kind: 'grid',
          cells: [g.code, w ? w.name : '待配备', w?.phone ?? '', `${n}户`, facts.doors.get(g.id) ?? ''],
        });
      }
    }
    const sec = mainWorker(holders, v.id);
    return {
      village: { name: v.name, code: v.code, kind: v.kind },
      township: paths.get(v.id)?.names[0] ?? '',
      secretary: sec
        ? { name: sec.name, phone: sec.phone, title: sec.title || '村（社区）党组织书记', photo: sec.photo }
        : null,
      rows,
    };
  });
  return { boards, settings: await printSettings(db) };
}
