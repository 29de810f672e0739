/**
 * The 推优 pipelines: a recommendation moves stage by stage through dated steps. A step goes to
 * the next stage after 通过, repeats the stage after 暂缓; 未通过 ends the pipeline and 通过 at the
 * last stage completes it. One open pipeline per worker and kind (and one award per year).
 */
import type { HandlerArgs } from '../../../shared/api';
import { todayIso } from '../../../shared/dates';
import {
  PIPELINE_LABELS,
  PIPELINE_STAGES,
  type Pipeline,
  type RecStatus,
  type RecommendationView,
  type StepInput,
  type StepView,
} from '../../../shared/recommendations';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx } from '../../db/schema';
import { AppError, fieldError } from '../../errors';
import { getRecommendation, nextStage } from './views';

type Honour = Partial<HandlerArgs<'recommendations/update'>['honour']>;

function now(): string {
  return new Date().toISOString();
}

/** Refuses a step that does not follow the last one, naming the stages involved. */
export function checkStep(
  pipeline: Pipeline,
  status: string,
  last: StepView | null,
  step: StepInput,
  today = todayIso(),
): void {
  const label = PIPELINE_LABELS[pipeline];
  const stages = PIPELINE_STAGES[pipeline];
  if (!stages.includes(step.stage)) {
    throw fieldError('stage', `“${label}”没有“${step.stage}”这一环节（环节依次为：${stages.join(' → ')}）`);
  }
  if (status !== '进行中') {
    throw fieldError(
      'stage',
      `这条“${label}”已${status === '已完成' ? '完成' : '终止（未通过）'}，不能再登记“${step.stage}”环节`,
    );
  }
  const expected = nextStage(pipeline, status, last)!;
  if (step.stage !== expected) {
    const why = !last
      ? `应从第一个环节“${expected}”开始`
      : last.decision === '暂缓'
        ? `“${last.stage}”环节暂缓，下一步应仍为“${expected}”`
        : `“${last.stage}”之后应为“${expected}”`;
    throw fieldError('stage', `不能登记“${step.stage}”环节：${why}`);
  }
  if (step.date > today) throw fieldError('date', `“${step.stage}”环节的日期 ${step.date} 晚于今天（${today}）`);
  if (last && step.date < last.date) {
    throw fieldError('date', `“${step.stage}”环节的日期 ${step.date} 早于上一环节“${last.stage}”的日期 ${last.date}`);
  }
}

/** The stage reached and the status after a step. */
function after(pipeline: Pipeline, step: StepInput): { stage: string; status: RecStatus } {
  const stages = PIPELINE_STAGES[pipeline];
  if (step.decision === '未通过') return { stage: step.stage, status: '未通过' };
  if (step.decision === '通过' && step.stage === stages.at(-1)) return { stage: step.stage, status: '已完成' };
  return { stage: step.stage, status: '进行中' };
}

/** The honour fields as stored: one "which" column holds an award's level or a deputy's seat. */
function honourColumns(pipeline: Pipeline, h: Honour) {
  const cols: { award_level?: string | null; award_issuer?: string | null; certificate_no?: string | null } = {};
  if (pipeline === 'award' && h.awardLevel !== undefined) cols.award_level = h.awardLevel;
  if (pipeline === 'deputy' && h.deputyKind !== undefined) cols.award_level = h.deputyKind;
  if (pipeline === 'award' && h.awardIssuer !== undefined) cols.award_issuer = h.awardIssuer;
  if (pipeline === 'award' && h.certificateNo !== undefined) cols.certificate_no = h.certificateNo;
  return cols;
}

/** 授予 with 通过 names the award's level: a certificate without one cannot be printed or listed. */
function checkAward(pipeline: Pipeline, step: StepInput, level: string | null | undefined): void {
  if (pipeline === 'award' && step.stage === '授予' && step.decision === '通过' && !level) {
    throw fieldError('awardLevel', '“授予”环节通过时请填写荣誉级别（镇级、县级、市级或省级）');
  }
}

async function insertStep(db: DbOrTrx, recommendationId: number, step: StepInput): Promise<void> {
  await db
    .insertInto('recommendation_steps')
    .values({
      recommendation_id: recommendationId,
      stage: step.stage,
      step_date: step.date,
      decision: step.decision,
      decided_by: step.decidedBy,
      notes: step.notes,
    })
    .execute();
}

async function assertNoOpen(db: DbOrTrx, workerId: number, name: string, pipeline: Pipeline, year: number) {
  const label = PIPELINE_LABELS[pipeline];
  const open = await db
    .selectFrom('recommendations')
    .select(['year', 'stage'])
    .where('worker_id', '=', workerId)
    .where('pipeline', '=', pipeline)
    .where('status', '=', '进行中')
    .executeTakeFirst();
  if (open) {
    throw new AppError(
      'CONFLICT',
      `${name}已有进行中的“${label}”（${open.year}年度，当前环节“${open.stage}”），请在原记录上登记下一环节`,
    );
  }
  if (pipeline !== 'award') return;
  const same = await db
    .selectFrom('recommendations')
    .select(['stage', 'status'])
    .where('worker_id', '=', workerId)
    .where('pipeline', '=', 'award')
    .where('year', '=', year)
    .executeTakeFirst();
  if (same) throw new AppError('CONFLICT', `${name}已有${year}年度的优秀网格员记录（“${same.stage}”，${same.status}）`);
}

export async function createRecommendation(
  db: DbOrTrx,
  input: HandlerArgs<'recommendations/create'>,
  today = todayIso(),
): Promise<RecommendationView> {
  return inTransaction(db, async (trx) => {
    const worker = await trx.selectFrom('workers').select('name').where('id', '=', input.workerId).executeTakeFirst();
    if (!worker) throw fieldError('workerId', '所选网格员不存在，可能已被删除');
    await assertNoOpen(trx, input.workerId, worker.name, input.pipeline, input.year);
    checkStep(input.pipeline, '进行中', null, input.first, today);
    checkAward(input.pipeline, input.first, input.honour.awardLevel);
    const state = after(input.pipeline, input.first);
    const ts = now();
    const { id } = await trx
      .insertInto('recommendations')
      .values({
        worker_id: input.workerId,
        pipeline: input.pipeline,
        year: input.year,
        stage: state.stage,
        status: state.status,
        notes: input.notes,
        ...honourColumns(input.pipeline, input.honour),
        created_at: ts,
        updated_at: ts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertStep(trx, id, input.first);
    return getRecommendation(trx, id);
  });
}

export async function addStep(
  db: DbOrTrx,
  input: HandlerArgs<'recommendations/addStep'>,
  today = todayIso(),
): Promise<RecommendationView> {
  return inTransaction(db, async (trx) => {
    const rec = await getRecommendation(trx, input.id);
    checkStep(rec.pipeline, rec.status, rec.stepList.at(-1) ?? null, input, today);
    checkAward(rec.pipeline, input, input.honour.awardLevel ?? rec.awardLevel);
    await insertStep(trx, rec.id, input);
    await trx
      .updateTable('recommendations')
      .set({ ...after(rec.pipeline, input), ...honourColumns(rec.pipeline, input.honour), updated_at: now() })
      .where('id', '=', rec.id)
      .execute();
    return getRecommendation(trx, rec.id);
  });
}

/** Takes back the last step; the stage and status go back to what the step before left. */
export async function removeLastStep(db: DbOrTrx, id: number): Promise<RecommendationView> {
  return inTransaction(db, async (trx) => {
    const rec = await getRecommendation(trx, id);
    const last = rec.stepList.at(-1);
    if (!last || rec.stepList.length === 1) {
      throw new AppError('VALIDATION', '这是第一个环节，不能撤回；如登记有误，请删除整条推优记录');
    }
    await trx.deleteFrom('recommendation_steps').where('id', '=', last.id).execute();
    const previous = rec.stepList.at(-2)!;
    await trx
      .updateTable('recommendations')
      .set({ ...after(rec.pipeline, previous), updated_at: now() })
      .where('id', '=', id)
      .execute();
    return getRecommendation(trx, id);
  });
}

export async function updateRecommendation(
  db: DbOrTrx,
  input: HandlerArgs<'recommendations/update'>,
): Promise<RecommendationView> {
  return inTransaction(db, async (trx) => {
    const rec = await getRecommendation(trx, input.id);
    if (rec.pipeline === 'award' && rec.status === '已完成' && !input.honour.awardLevel) {
      throw fieldError('awardLevel', '已授予的优秀网格员须有荣誉级别');
    }
    await trx
      .updateTable('recommendations')
      .set({
        deeds: input.deeds,
        village_opinion: input.villageOpinion,
        township_opinion: input.townshipOpinion,
        notes: input.notes,
        ...honourColumns(rec.pipeline, input.honour),
        updated_at: now(),
      })
      .where('id', '=', input.id)
      .execute();
    return getRecommendation(trx, input.id);
  });
}

/** Deletes a recommendation with its steps (the page names them before asking). */
export async function deleteRecommendation(db: DbOrTrx, id: number): Promise<{ deleted: number; steps: number }> {
  return inTransaction(db, async (trx) => {
    const rec = await getRecommendation(trx, id);
    await trx.deleteFrom('recommendation_steps').where('recommendation_id', '=', id).execute();
    await trx.deleteFrom('recommendations').where('id', '=', id).execute();
    return { deleted: 1, steps: rec.stepList.length };
  });
}
