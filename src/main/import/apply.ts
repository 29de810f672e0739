/** Writes a plan: the grids it creates or renames, then each kind's part, in registry order. */
import type { DbOrTrx } from '../db/schema';
import { insertGrid, renameGrid } from '../services/grids/rows';
import type { ApplyContext } from './kinds/types';
import type { Plan } from './plan';
import type { Progress } from './source';

const tick = () => new Promise((r) => setImmediate(r));

/** Creates the planned grids (parents first); returns how a planned grid id maps to the real one. */
async function writeGrids(db: DbOrTrx, plan: Plan, ts: string): Promise<(id: number) => number> {
  const real = new Map<number, number>();
  const gridId = (id: number) => (id > 0 ? id : real.get(id)!);
  for (const g of plan.newGrids) {
    const parentId = g.parentId === null ? null : gridId(g.parentId);
    const id = await insertGrid(
      db,
      { parentId, level: g.level, name: g.name, code: g.code, kind: g.kind, divisionCode: null },
      ts,
    );
    real.set(g.id, id);
  }
  for (const g of plan.renamedGrids) await renameGrid(db, g.id, g.name, ts);
  return gridId;
}

/** Writes a plan. Call inside a transaction. */
export async function applyPlan(db: DbOrTrx, plan: Plan, onProgress?: Progress): Promise<void> {
  const ts = new Date().toISOString();
  const total = plan.newGrids.length + plan.parts.reduce((n, p) => n + p.changes.size, 0);
  let done = 0;
  const step = async (n: number) => {
    done += n;
    onProgress?.(done, total);
    await tick();
  };
  const gridId = await writeGrids(db, plan, ts);
  await step(plan.newGrids.length);
  const ctx: ApplyContext = { ts, gridId, step };
  for (const { kind, changes } of plan.parts) await kind.apply(db, changes, ctx);
}
