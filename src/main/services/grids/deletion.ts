/**
 * Deleting a grid and everything below it. What goes is read from the schema's foreign keys
 * (db/references.ts), so a later table referring to grids is counted without anyone listing
 * it; what the clerk must hear about on top of the counts — whose history goes and who is left
 * without a grid — is read here. Nothing is deleted that the preview did not name.
 */
import { LEVEL_ORDINALS, type DeletePreview, type DeleteWorkers, type WorkerRef } from '../../../shared/grids';
import type { HandlerArgs } from '../../../shared/api';
import { AppError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { describeEffects, executeDeletion, planDeletion, summarize, type DeletionPlan } from '../../db/references';
import type { DbOrTrx } from '../../db/schema';
import { currentOn } from '../workers/queries';
import { countByLevel, descendantRows, findRow, levelOf } from './grids';
import { gridPath, subtreeOf } from './queries';

/** Workers who served a grid of the subtree, and who holds one now and nothing outside it. */
async function workersOf(db: DbOrTrx, rootId: number): Promise<DeleteWorkers> {
  const affected: WorkerRef[] = await db
    .selectFrom('workers as w')
    .select(['w.id', 'w.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as a')
          .select('a.id')
          .whereRef('a.worker_id', '=', 'w.id')
          .where('a.grid_id', 'in', subtreeOf(db, rootId)),
      ),
    )
    .orderBy('w.name')
    .orderBy('w.id')
    .execute();
  const leftWithoutGrid: WorkerRef[] = await db
    .selectFrom('workers as w')
    .select(['w.id', 'w.name'])
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('assignments as a')
            .select('a.id')
            .whereRef('a.worker_id', '=', 'w.id')
            .where(currentOn())
            .where('a.grid_id', 'in', subtreeOf(db, rootId)),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('assignments as a')
              .select('a.id')
              .whereRef('a.worker_id', '=', 'w.id')
              .where(currentOn())
              .where('a.grid_id', 'not in', subtreeOf(db, rootId)),
          ),
        ),
      ]),
    )
    .orderBy('w.name')
    .orderBy('w.id')
    .execute();
  return { affected, leftWithoutGrid };
}

/**
 * What deleting a grid touches: its subtree, and every row of every table that refers to one
 * of those grids, found from the schema's foreign keys (db/references.ts).
 */
async function planGridDeletion(db: DbOrTrx, id: number): Promise<{ preview: DeletePreview; plan: DeletionPlan }> {
  const grid = await findRow(db, id);
  const desc = await descendantRows(db, id);
  // grids.id is INTEGER PRIMARY KEY: it is the rowid the plan works with.
  const plan = await planDeletion(db, 'grids', [grid.id]);
  const { cascade, blockers, detached } = summarize(plan);
  // The grids themselves are counted per level in `descendants`.
  const others = cascade.filter((e) => e.table !== 'grids');
  const count = (table: string) => others.find((e) => e.table === table)?.count ?? 0;
  const preview: DeletePreview = {
    grid: {
      id: grid.id,
      name: grid.name,
      label: (await gridPath(db, grid.id)).label,
      code: grid.code,
      level: levelOf(grid.level),
    },
    descendants: countByLevel(desc),
    total: desc.length + 1,
    households: count('households'),
    assignments: count('assignments'),
    workers: await workersOf(db, grid.id),
    // QR codes are part of their grid's row (no line of their own in `cascade`), yet uploaded by the clerk.
    qrCodes: plan.rows.get('grid_qr')?.size ?? 0,
    cascade: others,
    blockers,
    detached,
  };
  return { preview, plan };
}

export async function deletePreview(db: DbOrTrx, id: number): Promise<DeletePreview> {
  return (await planGridDeletion(db, id)).preview;
}

/** 张三、李四、王五等 11 名 */
export function nameWorkers(list: WorkerRef[], shown = 5): string {
  const names = list.slice(0, shown).map((w) => w.name);
  return list.length > shown ? `${names.join('、')}等 ${list.length} 名` : `${names.join('、')} ${list.length} 名`;
}

/**
 * "3 个三级网格、12 个四级网格、240 户住户、15 条网格员任职记录（张三、李四等 11 名网格员，
 * 其中 9 名删除后将无网格（待安排））、2 张网格微信群二维码"
 */
export function describePreview(p: DeletePreview): string {
  const parts = [describeCounts(p.descendants)];
  for (const e of p.cascade) {
    if (e.table !== 'assignments' || p.workers.affected.length === 0) {
      parts.push(e.text);
      continue;
    }
    const left = p.workers.leftWithoutGrid.length;
    const leftText = left > 0 ? `，其中 ${nameWorkers(p.workers.leftWithoutGrid)}删除后将无网格（待安排）` : '';
    parts.push(`${e.text}（${nameWorkers(p.workers.affected)}网格员的任职历史${leftText}）`);
  }
  if (p.qrCodes > 0) parts.push(`${p.qrCodes} 张网格微信群二维码`);
  return parts.filter(Boolean).join('、');
}

/** Describes what a cascade would delete, e.g. "3 个三级网格、12 个四级网格". */
export function describeCounts(c: DeletePreview['descendants']): string {
  return c
    .map((n, i) => (n > 0 ? `${n} 个${LEVEL_ORDINALS[levelOf(i + 1)]}` : ''))
    .filter(Boolean)
    .join('、');
}

/**
 * Deletes a grid. Refused while records that must be kept refer to it or to a grid below it.
 * Refused while anything would go with it (descendants, households, assignments, a QR code…)
 * unless the clerk confirmed the cascade (the confirmation lists them, see deletePreview); then
 * all of it goes, in one transaction.
 */
export async function deleteGrid(db: DbOrTrx, input: HandlerArgs<'grids/delete'>): Promise<{ deleted: number }> {
  return inTransaction(db, async (trx) => {
    const { preview, plan } = await planGridDeletion(trx, input.id);
    const name = preview.grid.label;
    if (preview.blockers.length > 0) {
      throw new AppError(
        'CONFLICT',
        `“${name}”不能删除：还有 ${describeEffects(preview.blockers)}关联到${preview.total > 1 ? '该网格或其下级网格' : '该网格'}，这些记录必须保留。`,
      );
    }
    const takesMore = preview.total > 1 || preview.cascade.length > 0 || preview.qrCodes > 0;
    if (takesMore && !input.cascade) {
      throw new AppError(
        'HAS_CHILDREN',
        `“${name}”下还有 ${describePreview(preview)}，不能直接删除。确认连同这些一并删除后才能删除。`,
      );
    }
    await executeDeletion(trx, plan);
    return { deleted: preview.total };
  });
}
