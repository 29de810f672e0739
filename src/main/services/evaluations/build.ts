/** A sheet's lines as the records make them now: who is listed, their counts and suggestions. */
import type { EvalCounts, SchemeDefinition } from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { countsFor, listedWorkers, villageGrids } from './counts';
import { monthsBetween } from './period';
import { gradeOf, itemsOf, totalOf } from './score';

export interface BuiltLine {
  workerId: number;
  name: string;
  grids: string;
  counts: EvalCounts;
  suggested: Map<string, number>;
  excluded: string | null;
}

const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export async function buildLines(
  db: DbOrTrx,
  def: SchemeDefinition,
  villageId: number,
  period: { start: string; end: string },
): Promise<BuiltLine[]> {
  const grids = await villageGrids(db, villageId);
  const workers = await listedWorkers(db, grids, def.levels, period);
  const counts = await countsFor(
    db,
    [...grids.keys()],
    workers.map((w) => w.workerId),
    period,
  );
  const items = itemsOf(def);
  return workers.map((w) => {
    const c = counts.get(w.workerId)!;
    // In post since before the records began (no start date) counts as long enough.
    const months = w.since === null ? Infinity : monthsBetween(w.since, dayAfter(period.end));
    const excluded = months < def.minMonths ? `任职不满 ${def.minMonths} 个月（${w.since} 起任职），不评定等次` : null;
    return {
      workerId: w.workerId,
      name: w.name,
      grids: w.grids,
      counts: c,
      suggested: new Map(items.map((it) => [it.key, it.suggest(c)])),
      excluded,
    };
  });
}

/** Total and grade of a line from its scores; a line not graded keeps its total, graded 不评定. */
export function resultOf(def: SchemeDefinition, scores: ReadonlyMap<string, number>, excluded: string | null) {
  const totalX10 = totalOf(def, scores);
  return { totalX10, grade: excluded === null ? gradeOf(def, totalX10) : ('不评定' as const) };
}
