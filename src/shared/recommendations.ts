/**
 * 推优: recommendations and awards per worker — party development, the village-cadre reserve
 * pool, 两代表一委员 and 优秀网格员 — each a pipeline of dated steps with the decision at each.
 * Hints from the records help the clerk pick candidates; they never decide.
 */
import { z } from 'zod';
import { pathSchema, read, write, type Contract } from './contract';
import { isoDateSchema } from './money';

export const PIPELINES = ['party', 'reserve', 'deputy', 'award'] as const;
export type Pipeline = (typeof PIPELINES)[number];
export const PIPELINE_LABELS: Record<Pipeline, string> = {
  party: '发展党员',
  reserve: '村“两委”后备人才',
  deputy: '两代表一委员',
  award: '优秀网格员',
};

/** The stages of each pipeline in order: a step moves to the next one or repeats the current one. */
export const PIPELINE_STAGES: Record<Pipeline, readonly string[]> = {
  party: ['入党积极分子', '发展对象', '预备党员', '正式党员'],
  reserve: ['后备人才库', '推荐', '当选/任命村干部'],
  deputy: ['推荐', '当选'],
  award: ['提名', '授予'],
};

export const DECISIONS = ['通过', '未通过', '暂缓'] as const;
export type Decision = (typeof DECISIONS)[number];
export const REC_STATUSES = ['进行中', '已完成', '未通过'] as const;
export type RecStatus = (typeof REC_STATUSES)[number];

export const AWARD_LEVELS = ['镇级', '县级', '市级', '省级'] as const;
export const DEPUTY_KINDS = ['党代表', '人大代表', '政协委员'] as const;

/** Educations counted as 高中 or more (中专 is its vocational equal). */
export const HIGH_SCHOOL_OR_MORE = ['高中', '中专', '大专', '本科', '研究生'] as const;
/** Reserve cadres are usually at most this old (DOMAIN.md: 40–45). */
export const RESERVE_MAX_AGE = 45;

/** How a form names a pipeline for a year: 2026年度优秀网格员推荐表. */
export function formTitle(pipeline: Pipeline, year: number, deputyKind: string | null = null): string {
  switch (pipeline) {
    case 'award':
      return `${year}年度优秀网格员推荐表`;
    case 'reserve':
      return '村“两委”后备人才推荐表';
    case 'party':
      return '发展党员推荐表';
    case 'deputy':
      return `${deputyKind ?? '两代表一委员'}推荐表`;
  }
}

const id = z.number().int().positive();
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .default('');
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));
const pipelineSchema = z.enum(PIPELINES, { error: '推优类别应为发展党员、后备人才、两代表一委员或优秀网格员' });
const yearSchema = z
  .number({ error: '请填写年度' })
  .int({ error: '年度应为整数' })
  .min(2000, { error: '年度应在 2000 年以后' })
  .max(2100, { error: '年度不能晚于 2100 年' });

/** One dated decision at a stage. */
export const stepInputSchema = z.object({
  stage: z.string({ error: '请选择环节' }).min(1, { error: '请选择环节' }),
  date: isoDateSchema('日期'),
  decision: z.enum(DECISIONS, { error: '结果应为通过、未通过或暂缓' }),
  decidedBy: text('决定单位', 40),
  notes: text('备注', 200),
});
export type StepInput = z.infer<typeof stepInputSchema>;

/** The award's level, issuer and certificate; the deputy's seat. Kept on the recommendation. */
export const honourSchema = z.object({
  awardLevel: z.enum(AWARD_LEVELS, { error: '荣誉级别应为镇级、县级、市级或省级' }).nullable().default(null),
  awardIssuer: optionalText('颁发单位', 40),
  certificateNo: optionalText('证书编号', 40),
  deputyKind: z.enum(DEPUTY_KINDS, { error: '应为党代表、人大代表或政协委员' }).nullable().default(null),
});

export const createSchema = z.object({
  workerId: z.number({ error: '请选择网格员' }).int().positive({ error: '请选择网格员' }),
  pipeline: pipelineSchema,
  year: yearSchema,
  first: stepInputSchema,
  honour: honourSchema.partial().default({}),
  notes: text('备注', 200),
});

export const addStepSchema = stepInputSchema.extend({
  id,
  /** Award fields given with the 授予 step (level, issuer, certificate number). */
  honour: honourSchema.partial().default({}),
});

export const updateSchema = z.object({
  id,
  deeds: text('主要事迹', 2000),
  villageOpinion: text('村党组织意见', 300),
  townshipOpinion: text('镇党委意见', 300),
  notes: text('备注', 200),
  honour: honourSchema,
});

export const listSchema = z.object({
  pipeline: pipelineSchema,
  year: yearSchema,
  villageId: id.nullable().default(null),
  status: z.enum(REC_STATUSES).nullable().default(null),
});
export type ListFilters = z.input<typeof listSchema>;

export const hintsSchema = z.object({
  pipeline: pipelineSchema,
  year: yearSchema,
  villageId: id.nullable().default(null),
  /** Ages and tenure are counted on this date (default: today). */
  asOf: isoDateSchema('计算日期').nullable().default(null),
});

export interface StepView {
  id: number;
  stage: string;
  date: string;
  decision: Decision;
  decidedBy: string;
  notes: string;
}

export interface RecommendationRow {
  id: number;
  workerId: number;
  workerName: string;
  gender: string;
  /** On the last step's date (or today while there is none). */
  age: number | null;
  idMasked: string;
  politicalStatus: string;
  education: string;
  villageId: number | null;
  village: string;
  /** The worker's current grids, named from the village down. */
  grids: string;
  pipeline: Pipeline;
  year: number;
  stage: string;
  status: RecStatus;
  lastDate: string | null;
  lastDecision: Decision | null;
  steps: number;
  awardLevel: string | null;
  awardIssuer: string | null;
  certificateNo: string | null;
  deputyKind: string | null;
  notes: string;
}

export interface RecommendationView extends RecommendationRow {
  stepList: StepView[];
  deeds: string;
  villageOpinion: string;
  townshipOpinion: string;
  /** The stage the next step is expected at (the current one again after 暂缓); null once closed. */
  nextStage: string | null;
}

/** One fact about a candidate: for (true), against (false) or plain information (null); never enforced. */
export interface HintReason {
  text: string;
  ok: boolean | null;
}

export interface Hint {
  workerId: number;
  name: string;
  village: string;
  grids: string;
  age: number | null;
  education: string;
  politicalStatus: string;
  /** Whole years since the first assignment. */
  tenureYears: number | null;
  reasons: HintReason[];
  /** Something speaks for, nothing against: listed first. */
  fit: boolean;
  /** Already in this pipeline (an open one, or this year's): its stage and status. */
  existing: string | null;
}

export interface DeedCounts {
  reports: number;
  importantReports: number;
  disputes: number;
  disputesSettled: number;
  services: number;
  visits: number;
  trainings: number;
}

export const recommendationsApi = {
  'recommendations/list': read(listSchema).returns<RecommendationRow[]>(),
  'recommendations/get': read(z.object({ id })).returns<RecommendationView>(),
  'recommendations/create': write(createSchema, '新建推优').returns<RecommendationView>(),
  'recommendations/addStep': write(addStepSchema, '登记推优环节').returns<RecommendationView>(),
  /** Takes back the last step (a step entered by mistake); the first one goes with the recommendation. */
  'recommendations/removeLastStep': write(z.object({ id }), '撤回推优环节').returns<RecommendationView>(),
  'recommendations/update': write(updateSchema, '修改推优信息').returns<RecommendationView>(),
  'recommendations/delete': write(z.object({ id }), '删除推优').returns<{ deleted: number; steps: number }>(),
  /** 主要事迹 drawn from the worker's records of the year: the clerk edits it, then saves. */
  'recommendations/deedsDraft': read(z.object({ id })).returns<{ text: string; counts: DeedCounts }>(),
  'recommendations/hints': read(hintsSchema).returns<Hint[]>(),
  /** The 推荐表 drawn in memory (base64), for the preview. */
  'recommendations/preview': read(z.object({ id })).returns<{ preview: string; pages: number }>(),
  'recommendations/printForm': read(z.object({ id, out: pathSchema }), { files: { out: 'write' } }).returns<{
    file: string;
    pages: number;
  }>(),
  'recommendations/export': read(listSchema.extend({ out: pathSchema }), { files: { out: 'write' } }).returns<{
    file: string;
    rows: number;
  }>(),
} satisfies Contract;
