/** Recommendations as lists and drawers show them: with the worker, where they serve, and the steps. */
import { todayIso } from '../../../shared/dates';
import { maskId } from '../../../shared/idcard';
import type { HandlerArgs } from '../../../shared/api';
import {
  PIPELINE_STAGES,
  type Decision,
  type Pipeline,
  type RecStatus,
  type RecommendationRow,
  type RecommendationView,
  type StepView,
} from '../../../shared/recommendations';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { subtreeOf } from '../grids/queries';
import { workerPlaces, yearsBetween } from './places';

export function withWorker(db: DbOrTrx) {
  return db
    .selectFrom('recommendations as r')
    .innerJoin('workers as w', 'w.id', 'r.worker_id')
    .select([
      'r.id',
      'r.worker_id',
      'r.pipeline',
      'r.year',
      'r.stage',
      'r.status',
      'r.deeds',
      'r.village_opinion',
      'r.township_opinion',
      'r.award_level',
      'r.award_issuer',
      'r.certificate_no',
      'r.notes',
      'w.name',
      'w.gender',
      'w.id_number',
      'w.birth_date',
      'w.political_status',
      'w.education',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof withWorker>['execute']>>[number];

export async function stepsOf(db: DbOrTrx, ids: number[]): Promise<Map<number, StepView[]>> {
  const out = new Map<number, StepView[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('recommendation_steps')
      .selectAll()
      .where('recommendation_id', 'in', ids.slice(i, i + 500))
      .orderBy('step_date')
      .orderBy('id')
      .execute();
    for (const s of rows) {
      const step: StepView = {
        id: s.id,
        stage: s.stage,
        date: s.step_date,
        decision: s.decision as Decision,
        decidedBy: s.decided_by,
        notes: s.notes,
      };
      out.set(s.recommendation_id, [...(out.get(s.recommendation_id) ?? []), step]);
    }
  }
  return out;
}

/**
 * The award's level and the deputy's seat share one column: each pipeline has at most one
 * "which" (镇级…省级 for an award, 党代表/人大代表/政协委员 for a deputy).
 */
function honourOf(r: Row) {
  const award = r.pipeline === 'award';
  return {
    awardLevel: award ? r.award_level : null,
    awardIssuer: r.award_issuer,
    certificateNo: r.certificate_no,
    deputyKind: r.pipeline === 'deputy' ? r.award_level : null,
  };
}

async function toRows(db: DbOrTrx, rows: Row[]): Promise<{ row: Row; view: RecommendationRow; steps: StepView[] }[]> {
  const ids = rows.map((r) => r.id);
  const [steps, places] = await Promise.all([
    stepsOf(db, ids),
    workerPlaces(
      db,
      rows.map((r) => r.worker_id),
    ),
  ]);
  const today = todayIso();
  return rows.map((r) => {
    const list = steps.get(r.id) ?? [];
    const last = list.at(-1) ?? null;
    const place = places.get(r.worker_id);
    const view: RecommendationRow = {
      id: r.id,
      workerId: r.worker_id,
      workerName: r.name,
      gender: r.gender,
      age: yearsBetween(r.birth_date, last?.date ?? today),
      idMasked: r.id_number ? maskId(r.id_number) : '',
      politicalStatus: r.political_status,
      education: r.education,
      villageId: place?.villageId ?? null,
      village: place?.village ?? '',
      grids: place?.grids ?? '',
      pipeline: r.pipeline as Pipeline,
      year: r.year,
      stage: r.stage,
      status: r.status as RecStatus,
      lastDate: last?.date ?? null,
      lastDecision: last?.decision ?? null,
      steps: list.length,
      ...honourOf(r),
      notes: r.notes,
    };
    return { row: r, view, steps: list };
  });
}

/** Where the next step goes: the next stage after 通过, the same one after 暂缓; null once closed. */
export function nextStage(pipeline: Pipeline, status: string, last: StepView | null): string | null {
  const stages = PIPELINE_STAGES[pipeline];
  if (status !== '进行中') return null;
  if (!last) return stages[0]!;
  if (last.decision === '暂缓') return last.stage;
  return stages[stages.indexOf(last.stage) + 1] ?? null;
}

export async function getRecommendation(db: DbOrTrx, id: number): Promise<RecommendationView> {
  const row = await withWorker(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的推优记录，可能已被删除。`);
  const [{ view, steps }] = (await toRows(db, [row])) as [Awaited<ReturnType<typeof toRows>>[number]];
  return {
    ...view,
    stepList: steps,
    deeds: row.deeds,
    villageOpinion: row.village_opinion,
    townshipOpinion: row.township_opinion,
    nextStage: nextStage(view.pipeline, view.status, steps.at(-1) ?? null),
  };
}

/** A pipeline's recommendations of a year, by village then name; a village: workers who served in it. */
export async function listRecommendations(
  db: DbOrTrx,
  f: HandlerArgs<'recommendations/list'>,
): Promise<RecommendationRow[]> {
  let q = withWorker(db).where('r.pipeline', '=', f.pipeline).where('r.year', '=', f.year);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.villageId !== null) {
    const villageId = f.villageId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as a')
          .select('a.id')
          .whereRef('a.worker_id', '=', 'r.worker_id')
          .where('a.grid_id', 'in', subtreeOf(db, villageId)),
      ),
    );
  }
  const rows = await q.orderBy('r.id').execute();
  const views = (await toRows(db, rows)).map((r) => r.view);
  return views.sort(
    (a, b) => a.village.localeCompare(b.village, 'zh-CN') || a.workerName.localeCompare(b.workerName, 'zh-CN'),
  );
}
