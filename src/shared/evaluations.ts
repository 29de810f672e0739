/**
 * 考核: evaluation schemes the township defines, and scoring sheets per village and period whose
 * rows are pre-filled from the records. Scores are integers in tenths of a point (`…X10`): 92.5
 * points is 925. An approved sheet is locked; a correction is a new version of it.
 */
import { z } from 'zod';
import { none, pathSchema, read, write } from './contract';
import type { SavedFile } from './imports';
import { isoDateSchema, pointsSchema } from './money';

export const EVAL_PERIODS = ['month', 'quarter', 'half', 'year'] as const;
export type EvalPeriod = (typeof EVAL_PERIODS)[number];
export const EVAL_PERIOD_LABELS: Record<EvalPeriod, string> = {
  month: '月度',
  quarter: '季度',
  half: '半年',
  year: '年度',
};

/** What the records can count for a worker in a period: pre-fills a criterion's suggested points. */
export const EVAL_METRICS = [
  'reports',
  'importantReports',
  'disputesFound',
  'disputesSettled',
  'services',
  'publicity',
  'visits',
  'visitHouseholds',
  'trainings',
] as const;
export type EvalMetric = (typeof EVAL_METRICS)[number];
export const EVAL_METRIC_LABELS: Record<EvalMetric, string> = {
  reports: '上报信息（条）',
  importantReports: '重要信息（条）',
  disputesFound: '排查纠纷（起）',
  disputesSettled: '调解成功（起）',
  services: '便民服务（次）',
  publicity: '政策宣传（次）',
  visits: '走访（次）',
  visitHouseholds: '走访（户次）',
  trainings: '参加培训例会（次）',
};
export type EvalCounts = Record<EvalMetric, number>;

export const GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;
export type Grade = (typeof GRADES)[number];

const name = (label: string, max = 30) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const key = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, { error: '项目代码应为小写字母开头的字母数字' });

/**
 * A scored criterion. With a metric, the suggested points are full marks × min(count, target) /
 * target (rounded to a tenth); without one, the scorer gives them (suggested: full marks).
 */
export const criterionSchema = z.object({
  key,
  name: name('考核项目名称'),
  fullX10: pointsSchema('满分').refine((v) => v > 0, { error: '满分应大于 0' }),
  /** Weight in the total, percent; the criteria's weights add up to 100. */
  weight: z.number().int().min(0).max(100),
  metric: z.enum(EVAL_METRICS).nullable().default(null),
  /** The count that earns full marks. */
  target: z.number().int().positive().nullable().default(null),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** A bonus (加分) or deduction (扣分) item: points per counted unit or given by hand, capped. */
export const adjustmentItemSchema = z.object({
  key,
  name: name('加减分项目名称'),
  metric: z.enum(EVAL_METRICS).nullable().default(null),
  perUnitX10: pointsSchema('每项分值').default(0),
  capX10: pointsSchema('上限').refine((v) => v >= 0, { error: '上限不能为负' }),
});

export const gradeBandSchema = z.object({ grade: z.enum(GRADES), minX10: pointsSchema('分数线') });

type DefinitionDraft = {
  criteria: z.infer<typeof criterionSchema>[];
  bonus: z.infer<typeof adjustmentItemSchema>[];
  deductions: z.infer<typeof adjustmentItemSchema>[];
  grades: z.infer<typeof gradeBandSchema>[];
  combine: { schemeId: number; weight: number }[];
};

/**
 * The rules a definition keeps beyond each field's own: weights add up to 100, item keys are
 * unique, bands run 优秀 → 不合格 with strictly falling lines and 不合格 at 0, a combination's
 * weights add up to 100 over distinct schemes (that they exist is the service's to check).
 */
function checkDefinition(d: DefinitionDraft, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const combined = d.combine.length > 0;
  if (!combined && d.criteria.length === 0) issue(['criteria'], '请至少设置一个考核项目');
  const weights = d.criteria.reduce((a, c) => a + c.weight, 0);
  if (d.criteria.length > 0 && weights !== 100) issue(['criteria'], `考核项目的权重合计应为 100，现为 ${weights}`);
  for (const c of d.criteria)
    if (c.metric !== null && c.target === null) issue(['criteria'], `“${c.name}”按记录计分，请填写满分所需数量`);
  const seen = new Set<string>();
  for (const item of [...d.criteria, ...d.bonus, ...d.deductions]) {
    if (seen.has(item.key)) issue(['criteria'], `项目代码“${item.key}”重复（“${item.name}”）`);
    seen.add(item.key);
  }
  d.grades.forEach((b, i) => {
    if (b.grade !== GRADES[i]) issue(['grades', i], `等次应依次为${GRADES.join('、')}`);
    if (i > 0 && b.minX10 >= d.grades[i - 1]!.minX10)
      issue(['grades', i], `“${b.grade}”的分数线应低于“${d.grades[i - 1]!.grade}”`);
  });
  if (d.grades.length > 0 && d.grades[d.grades.length - 1]!.minX10 !== 0) issue(['grades'], '“不合格”的分数线应为 0');
  if (combined) {
    const total = d.combine.reduce((a, c) => a + c.weight, 0);
    if (total !== 100) issue(['combine'], `综合方案的权重合计应为 100，现为 ${total}`);
    if (new Set(d.combine.map((c) => c.schemeId)).size !== d.combine.length)
      issue(['combine'], '综合方案中同一方案只能出现一次');
  }
}

export const DEFAULT_GRADE_BANDS = [
  { grade: '优秀', minX10: 950 },
  { grade: '合格', minX10: 800 },
  { grade: '基本合格', minX10: 700 },
  { grade: '不合格', minX10: 0 },
] as const satisfies readonly z.infer<typeof gradeBandSchema>[];

export const schemeDefinitionSchema = z
  .object({
    /** May be empty only for a combined scheme (combine), which is computed, never scored. */
    criteria: z.array(criterionSchema).max(30),
    bonus: z.array(adjustmentItemSchema).max(20).default([]),
    deductions: z.array(adjustmentItemSchema).max(20).default([]),
    grades: z
      .array(gradeBandSchema)
      .length(4)
      .default([...DEFAULT_GRADE_BANDS]),
    /** Grid levels evaluated: 3 (村民小组 网格长) and/or 4 (户级网格员). */
    levels: z
      .array(z.union([z.literal(3), z.literal(4)]))
      .min(1)
      .default([3, 4]),
    /** Workers in post fewer months than this by the period's end are listed, not graded. */
    minMonths: z.number().int().min(0).max(36).default(0),
    /** A year result weighing approved results of other schemes: 半年 40 % + 年终 60 %. */
    combine: z
      .array(z.object({ schemeId: z.number().int().positive(), weight: z.number().int().min(1).max(100) }))
      .max(4)
      .default([]),
  })
  .superRefine(checkDefinition);
export type SchemeDefinition = z.infer<typeof schemeDefinitionSchema>;

export const schemeInputSchema = z.object({
  name: name('方案名称'),
  period: z.enum(EVAL_PERIODS, { error: '考核周期应为月度、季度、半年或年度' }),
  definition: schemeDefinitionSchema,
});
export const schemeUpdateSchema = schemeInputSchema.extend({ id: z.number().int().positive() });

export interface SchemeView {
  id: number;
  name: string;
  period: EvalPeriod;
  definition: SchemeDefinition;
  archived: boolean;
  /** Sheets scored with it (an edit never changes them: each sheet keeps the scheme as scored). */
  sheets: number;
}

export const SHEET_STATUSES = ['草稿', '已审定', '已更正'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export interface ScoreItemView {
  key: string;
  name: string;
  kind: 'criterion' | 'bonus' | 'deduction';
  fullX10: number | null;
  /** The highest score allowed: full marks for a criterion, the cap for a bonus or deduction. */
  maxX10: number;
  suggestedX10: number;
  scoreX10: number;
  reason: string;
}

export interface SheetLineView {
  id: number;
  workerId: number;
  workerName: string;
  grids: string;
  counts: EvalCounts;
  items: ScoreItemView[];
  totalX10: number;
  grade: Grade | '不评定';
  excluded: string | null;
}

export interface SheetSummary {
  id: number;
  schemeId: number;
  schemeName: string;
  villageId: number;
  villageName: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  version: number;
  status: SheetStatus;
  workers: number;
  /** Workers per grade. */
  grades: Record<string, number>;
  approvedAt: string | null;
  approvedBy: string | null;
}

export interface SheetView extends SheetSummary {
  scheme: SchemeDefinition;
  scorer: string;
  correctionReason: string;
  previousId: number | null;
  lines: SheetLineView[];
  /** After a refresh: the lines whose counts, suggestions or scores changed (else empty). */
  changedLineIds: number[];
}

const id = z.number().int().positive();

export const sheetCreateSchema = z.object({
  schemeId: id,
  villageId: z.number({ error: '请选择村（社区）' }).int().positive(),
  /** Any day in the period; the scheme's period gives its start and end. */
  date: isoDateSchema('考核期间'),
});
export const sheetListSchema = z.object({
  villageId: id.nullable().default(null),
  schemeId: id.nullable().default(null),
  year: z.number().int().min(2000).max(2100).nullable().default(null),
});
export const scoreSetSchema = z.object({
  sheetId: id,
  lineId: id,
  itemKey: key,
  scoreX10: pointsSchema('得分'),
  /** Required when the score differs from the suggestion. */
  reason: z.string().trim().max(200, { error: '调整理由不能超过 200 个字' }).default(''),
});
export const sheetApproveSchema = z.object({ id, approvedBy: name('审定人', 20) });
export const sheetCorrectSchema = z.object({ id, reason: name('更正理由', 200) });
export const sheetFileSchema = z.object({ id, file: pathSchema });
export const sheetExportSchema = z.object({ id, out: pathSchema });

/** What importing a paper-scored sheet would change, shown before anything is written. */
export interface SheetImportPreview {
  changes: { lineId: number; workerName: string; item: string; fromX10: number; toX10: number; reason: string }[];
  /** Sheet, row and column of each problem; any problem and nothing is imported. */
  errors: { sheet: string; row: number; column: string; message: string }[];
}

export interface GradeHistoryEntry {
  sheetId: number;
  periodLabel: string;
  periodEnd: string;
  schemeName: string;
  villageName: string;
  totalX10: number;
  grade: Grade | '不评定';
}

export interface FlaggedWorker {
  workerId: number;
  workerName: string;
  villageName: string;
  /** The two consecutive 不合格 periods. */
  periods: string[];
}

/** A combined scheme's year result per worker: each part's approved total, weighted. */
export interface CombinedResult {
  schemeId: number;
  schemeName: string;
  villageId: number;
  villageName: string;
  year: number;
  parts: { schemeId: number; schemeName: string; weight: number }[];
  lines: {
    workerId: number;
    workerName: string;
    /** Per part, in `parts` order: the approved total in the year (mean of its periods), or null. */
    partsX10: (number | null)[];
    totalX10: number | null;
    grade: Grade | '不评定';
    /** Why not graded: a part missing or 不评定. */
    missing: string | null;
  }[];
}

export const combinedSchema = z.object({
  schemeId: id,
  villageId: z.number({ error: '请选择村（社区）' }).int().positive(),
  year: z.number().int().min(2000).max(2100),
});

/**
 * A ready scheme the page can offer: the county's monthly /100 (运作成效 50 + 履职绩效 30 +
 * 网格员绩效 20, 加分 ≤ 10), pre-filled from the records; the township edits it before saving
 * (copy it first: structuredClone).
 */
export const EVAL_SCHEME_TEMPLATE: Readonly<{ name: string; period: EvalPeriod; definition: SchemeDefinition }> = {
  name: '网格员月度考核',
  period: 'month',
  definition: {
    criteria: [
      { key: 'operation', name: '运作成效（信息上报）', fullX10: 500, weight: 50, metric: 'reports', target: 4 },
      { key: 'duty', name: '履职绩效（入户走访）', fullX10: 300, weight: 30, metric: 'visits', target: 8 },
      { key: 'worker', name: '网格员绩效（纠纷化解）', fullX10: 200, weight: 20, metric: 'disputesSettled', target: 1 },
    ],
    bonus: [{ key: 'important', name: '重要信息加分', metric: 'importantReports', perUnitX10: 20, capX10: 100 }],
    deductions: [{ key: 'discipline', name: '工作纪律扣分', metric: null, perUnitX10: 0, capX10: 100 }],
    grades: [...DEFAULT_GRADE_BANDS],
    levels: [3, 4],
    minMonths: 0,
    combine: [],
  },
};

export const evaluationsApi = {
  'evaluations/schemes/list': read(none).returns<SchemeView[]>(),
  'evaluations/schemes/create': write(schemeInputSchema, '新增考核方案').returns<SchemeView>(),
  'evaluations/schemes/update': write(schemeUpdateSchema, '修改考核方案').returns<SchemeView>(),
  'evaluations/schemes/archive': write(z.object({ id, archived: z.boolean() }), '停用考核方案').returns<SchemeView>(),
  'evaluations/sheets/list': read(sheetListSchema).returns<SheetSummary[]>(),
  'evaluations/sheets/get': read(z.object({ id })).returns<SheetView>(),
  'evaluations/sheets/create': write(sheetCreateSchema, '新建考核评分表').returns<SheetView>(),
  /** A draft's counts and suggestions again from the records; adjusted scores are kept. */
  'evaluations/sheets/refresh': write(z.object({ id }), '刷新考核评分表').returns<SheetView>(),
  'evaluations/sheets/delete': write(z.object({ id }), '删除考核评分表').returns<{ deleted: number }>(),
  'evaluations/scores/set': write(scoreSetSchema, '调整考核得分').returns<SheetLineView>(),
  'evaluations/sheets/approve': write(sheetApproveSchema, '审定考核评分表').returns<SheetView>(),
  /** A new draft version of an approved sheet; the approved one stays in force until it is approved. */
  'evaluations/sheets/correct': write(sheetCorrectSchema, '更正考核评分表').returns<SheetView>(),
  'evaluations/sheets/export': read(sheetExportSchema, { files: { out: 'write' } }).returns<SavedFile>(),
  'evaluations/sheets/importPreview': read(sheetFileSchema, { files: { file: 'read' } }).returns<SheetImportPreview>(),
  'evaluations/sheets/import': write(sheetFileSchema, '导入考核评分', { files: { file: 'read' } }).returns<{
    changed: number;
  }>(),
  'evaluations/history': read(z.object({ workerId: id })).returns<GradeHistoryEntry[]>(),
  'evaluations/flags': read(none).returns<FlaggedWorker[]>(),
  /** A combined scheme's year result for a village, from the approved sheets of its parts. */
  'evaluations/combined': read(combinedSchema).returns<CombinedResult>(),
};
