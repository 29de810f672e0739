/**
 * Where a worker serves and since when, for lists, hints and the 推荐表: their current grids
 * (or, once they left, the last ones they held), the village of those grids and the date of
 * their first assignment (任职年限).
 */
import type { DbOrTrx } from '../../db/schema';
import { gridPaths, pathAt } from '../grids/queries';

export interface WorkerPlace {
  villageId: number | null;
  village: string;
  /** 田家河村 / 十四组；田家河村 / 十五组 */
  grids: string;
  /** The first assignment's start: 任职年限 counts from it. */
  since: string | null;
}

interface AssignmentRow {
  worker_id: number;
  grid_id: number;
  role: string;
  start_date: string | null;
  end_date: string | null;
}

/** The assignments that place the worker: the current ones, else those that ended last. */
function placing(rows: AssignmentRow[]): AssignmentRow[] {
  const current = rows.filter((r) => r.end_date === null);
  if (current.length > 0) return current;
  const last = rows.reduce((m, r) => (r.end_date! > m ? r.end_date! : m), '');
  return rows.filter((r) => r.end_date === last);
}

export async function workerPlaces(db: DbOrTrx, workerIds: number[]): Promise<Map<number, WorkerPlace>> {
  const rows: AssignmentRow[] = [];
  const ids = [...new Set(workerIds)];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('assignments')
        .select(['worker_id', 'grid_id', 'role', 'start_date', 'end_date'])
        .where('worker_id', 'in', ids.slice(i, i + 500))
        .orderBy('id')
        .execute()),
    );
  }
  const paths = await gridPaths(db, [...new Set(rows.map((r) => r.grid_id))]);
  const byWorker = new Map<number, AssignmentRow[]>();
  for (const r of rows) byWorker.set(r.worker_id, [...(byWorker.get(r.worker_id) ?? []), r]);
  const out = new Map<number, WorkerPlace>();
  for (const [workerId, list] of byWorker) {
    const shown = placing(list);
    const village = shown.map((r) => paths.get(r.grid_id)).map((p) => (p ? pathAt(p, 2) : null))[0] ?? null;
    const starts = list.map((r) => r.start_date).filter((d): d is string => d !== null);
    out.set(workerId, {
      villageId: village?.id ?? null,
      village: village?.name ?? '',
      grids: shown
        .map((r) => `${paths.get(r.grid_id)?.label ?? ''}${r.role === '网格长' ? '（网格长）' : ''}`)
        .join('；'),
      since: starts.length > 0 ? starts.reduce((a, b) => (a < b ? a : b)) : null,
    });
  }
  return out;
}

/** Whole years from `from` to `on` (birthdays, anniversaries of taking up the post). */
export function yearsBetween(from: string | null, on: string): number | null {
  if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from)) return null;
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return on.slice(5) < from.slice(5) ? years - 1 : years;
}
