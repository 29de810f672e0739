/**
 * Deleting a worker. Their assignments (current and past) are their history: the schema keeps
 * them (RESTRICT) so no stray delete loses them, and a deletion takes them only after the
 * preview named them and the clerk confirmed. Any other record referring to the worker, or to
 * one of their assignments, must be kept and stops the deletion (db/references.ts finds them).
 */
import type { WorkerDeletePreview } from '../../../shared/people';
import { AppError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import {
  describeEffects,
  effects,
  executeDeletion,
  planDeletion,
  type DeletionPlan,
  type RowSets,
} from '../../db/references';
import { tableLabel } from '../../db/schema/labels';
import type { DbOrTrx } from '../../db/schema';
import { findWorker, heldAs, otherCurrent } from './views';

function merge(...sets: RowSets[]): RowSets {
  const out: RowSets = new Map();
  for (const s of sets) {
    for (const [table, ids] of s) out.set(table, new Set([...(out.get(table) ?? []), ...ids]));
  }
  return out;
}

function without(sets: RowSets, drop: (table: string) => boolean): RowSets {
  return new Map([...sets].filter(([table]) => !drop(table)));
}

interface WorkerDeletion {
  preview: WorkerDeletePreview;
  /** The worker's assignments, planned on their own: they go first. */
  history: DeletionPlan | null;
}

async function planWorkerDeletion(db: DbOrTrx, id: number): Promise<WorkerDeletion> {
  const worker = await findWorker(db, id);
  const assignmentIds = (await db.selectFrom('assignments').select('id').where('worker_id', '=', id).execute()).map(
    (r) => r.id,
  );
  // assignments.id is INTEGER PRIMARY KEY, workers.id too: the rowids the plans work with.
  const history = assignmentIds.length > 0 ? await planDeletion(db, 'assignments', assignmentIds) : null;
  const own = await planDeletion(db, 'workers', [id]);
  const taken = merge(
    history?.rows ?? new Map(),
    without(own.rows, (t) => t === 'workers'),
  );
  const preview: WorkerDeletePreview = {
    worker: { id: worker.id, name: worker.name },
    current: (await otherCurrent(db, id, null)).map(heldAs),
    photo: worker.photo !== null,
    cascade: effects(taken, (t) => tableLabel(t).partOf === true),
    // The worker's own assignments refer to them too: they are taken above, not kept.
    blockers: effects(
      merge(
        history?.blockers ?? new Map(),
        without(own.blockers, (t) => t === 'assignments'),
      ),
    ),
    detached: effects(merge(history?.detached ?? new Map(), own.detached)),
  };
  return { preview, history };
}

export async function workerDeletePreview(db: DbOrTrx, id: number): Promise<WorkerDeletePreview> {
  return (await planWorkerDeletion(db, id)).preview;
}

/** 1 条网格员任职记录、照片: what goes with the worker, or '' for nothing. */
export function describeTaken(p: WorkerDeletePreview): string {
  return [describeEffects(p.cascade), p.photo ? '照片' : ''].filter(Boolean).join('、');
}

/**
 * Deletes a worker with their history and photo, in one transaction. Refused while records
 * that must be kept refer to them; refused while anything would go with them unless the clerk
 * confirmed (the preview names it all, and the grids that fall vacant).
 */
export async function deleteWorker(
  db: DbOrTrx,
  input: { id: number; confirm: boolean },
): Promise<{ deleted: number; preview: WorkerDeletePreview }> {
  return inTransaction(db, async (trx) => {
    const { preview, history } = await planWorkerDeletion(trx, input.id);
    const name = preview.worker.name;
    if (preview.blockers.length > 0) {
      throw new AppError(
        'CONFLICT',
        `“${name}”不能删除：还有 ${describeEffects(preview.blockers)}关联到该网格员，这些记录必须保留。`,
      );
    }
    const taken = describeTaken(preview);
    if (taken && !input.confirm) {
      const vacant = preview.current.length > 0 ? `，并空出 ${preview.current.join('、')}` : '';
      throw new AppError('CONFLICT', `删除“${name}”将一并删除 ${taken}${vacant}。请确认后再删除。`);
    }
    if (history) await executeDeletion(trx, history);
    // Planned again: the assignments that referred to the worker are gone now.
    await executeDeletion(trx, await planDeletion(trx, 'workers', [input.id]));
    return { deleted: 1, preview };
  });
}
