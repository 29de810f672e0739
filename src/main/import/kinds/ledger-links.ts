/**
 * Who a ledger row names: a worker among the current and past holders of its grid or any grid
 * below it, a household by its head within that subtree. Unknown or shared names are reported,
 * never guessed.
 */
import type { DbOrTrx } from '../../db/schema';
import type { LedgerSpec } from './ledger-specs';
import type { PlanContext } from './types';

/** Reports why a name was not linked. */
type Fail = (message: string) => void;

export interface LedgerLinks {
  /** The worker's id, or undefined (reported) when none or several have the name. */
  worker(gridId: number, name: string, fail: Fail): number | undefined;
  household(gridId: number, headName: string, fail: Fail): number | undefined;
}

/** grid id → name → the ids named so in that grid or below it. */
type Directory = Map<number, Map<string, Set<number>>>;

function directory(ctx: PlanContext, rows: { id: number; gridId: number; name: string }[]): Directory {
  const dir: Directory = new Map();
  for (const row of rows) {
    const name = row.name.replace(/\s/g, '');
    for (const g of ctx.lineage(row.gridId)) {
      let names = dir.get(g);
      if (!names) dir.set(g, (names = new Map()));
      let ids = names.get(name);
      if (!ids) names.set(name, (ids = new Set()));
      ids.add(row.id);
    }
  }
  return dir;
}

function lookup(ctx: PlanContext, dir: Directory, noun: string) {
  return (gridId: number, name: string, fail: Fail): number | undefined => {
    const ids = dir.get(gridId)?.get(name);
    const where = `“${ctx.gridLabel(gridId)}”及其下级网格中`;
    if (!ids) {
      fail(`${where}没有名为“${name}”的${noun}`);
      return undefined;
    }
    if (ids.size > 1) {
      fail(
        `${where}有 ${ids.size} 个名为“${name}”的${noun}，无法确定是哪一个：请把记录填到更下一级的网格（写明网格编码）`,
      );
      return undefined;
    }
    return [...ids][0];
  };
}

async function workerRows(db: DbOrTrx) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .select(['w.id as id', 'a.grid_id as gridId', 'w.name as name'])
    .execute();
}

async function householdRows(db: DbOrTrx) {
  return db.selectFrom('households').select(['id', 'grid_id as gridId', 'head_name as name']).execute();
}

export async function ledgerLinks(ctx: PlanContext, spec: LedgerSpec): Promise<LedgerLinks> {
  const workers = spec.worker ? directory(ctx, await workerRows(ctx.db)) : new Map();
  const households = spec.household ? directory(ctx, await householdRows(ctx.db)) : new Map();
  return {
    worker: lookup(ctx, workers, '网格员（现任或曾任）'),
    household: lookup(ctx, households, '户主'),
  };
}
