/**
 * 补贴: the four mechanisms of the county report, computed from the records with the rules in
 * force, in integer 分. Every amount carries its evidence (the cases, reports, months or share
 * behind it), so any yuan on the 补贴发放表 can be traced back to the work done.
 */
import { z } from 'zod';
import { none, pathSchema, read, write } from './contract';
import { GRADES } from './evaluations';
import type { SavedFile } from './imports';
import { fenSchema, isoDateSchema } from './money';
import { DIFFICULTIES } from './records';

/** ************5678: a bank account as lists, logs and the masked 补贴发放表 show it. */
export function maskAccount(account: string): string {
  const a = account.replace(/\s/g, '');
  return a.length <= 4 ? a : `${'*'.repeat(a.length - 4)}${a.slice(-4)}`;
}

export const MECHANISMS = ['case', 'info', 'collective', 'welfare'] as const;
export type Mechanism = (typeof MECHANISMS)[number];
export const MECHANISM_LABELS: Record<Mechanism, string> = {
  case: '以案定补',
  info: '信息奖励',
  collective: '集体收入切块',
  welfare: '公益岗位',
};

/** Rules are set per mechanism (the collective share is an amount per village and period instead). */
export const RULE_KINDS = ['case', 'info', 'welfare', 'coefficient'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_LABELS: Record<RuleKind, string> = {
  case: '以案定补',
  info: '信息奖励',
  welfare: '公益岗位',
  coefficient: '考核系数',
};

const rate = (label: string) => fenSchema(label).refine((v) => v >= 0, { error: `${label}不能为负` });

/** 以案定补: per 调解成功 case by tier (a case with no tier counts as 简单). */
export const caseRuleSchema = z.object({
  rates: z.object(
    Object.fromEntries(DIFFICULTIES.map((d) => [d, rate(`${d}案件单价`)])) as Record<
      (typeof DIFFICULTIES)[number],
      ReturnType<typeof rate>
    >,
  ),
});
/** 信息奖励: per report marked 重要信息, to its reporter. */
export const infoRuleSchema = z.object({ rateFen: rate('重要信息奖励单价') });
/** 公益岗位: per month in post (a month counts when the post is held on at least 15 of its days). */
export const welfareRuleSchema = z.object({ monthlyFen: rate('公益岗位月补贴') });
/** 考核系数: percent paid by evaluation grade, applied to every mechanism of the worker; off by default. */
export const coefficientRuleSchema = z.object({
  enabled: z.boolean(),
  percent: z.object(
    Object.fromEntries(GRADES.map((g) => [g, z.number().int().min(0).max(200)])) as Record<
      (typeof GRADES)[number],
      z.ZodNumber
    >,
  ),
});

export const RULE_SCHEMAS = {
  case: caseRuleSchema,
  info: infoRuleSchema,
  welfare: welfareRuleSchema,
  coefficient: coefficientRuleSchema,
} as const;
export type RuleConfig<K extends RuleKind> = z.infer<(typeof RULE_SCHEMAS)[K]>;

/** In force until the clerk sets a rule (from a date). */
export const DEFAULT_RULES: { [K in RuleKind]: RuleConfig<K> } = {
  case: { rates: { 简单: 10_000, 一般: 20_000, 重大: 30_000 } },
  info: { rateFen: 5_000 },
  welfare: { monthlyFen: 0 },
  coefficient: { enabled: false, percent: { 优秀: 100, 合格: 100, 基本合格: 100, 不合格: 0 } },
};

type RuleSave<K extends RuleKind> = z.ZodObject<{
  mechanism: z.ZodLiteral<K>;
  validFrom: z.ZodString;
  config: (typeof RULE_SCHEMAS)[K];
  notes: z.ZodDefault<z.ZodString>;
}>;

export const ruleSaveSchema = z.discriminatedUnion('mechanism', [
  ...RULE_KINDS.map((k) =>
    z.object({
      mechanism: z.literal(k),
      validFrom: isoDateSchema('执行日期'),
      config: RULE_SCHEMAS[k],
      notes: z.string().trim().max(200).default(''),
    }),
  ),
] as unknown as [RuleSave<'case'>, RuleSave<'info'>, RuleSave<'welfare'>, RuleSave<'coefficient'>]);

export interface RuleView {
  /** null for a default (never set by the clerk). */
  id: number | null;
  mechanism: RuleKind;
  validFrom: string | null;
  config: unknown;
  notes: string;
}

export const SPLITS = ['equal', 'score', 'manual'] as const;
export const SPLIT_LABELS: Record<(typeof SPLITS)[number], string> = {
  equal: '平均分配',
  score: '按考核得分',
  manual: '手工分配',
};

export const shareSaveSchema = z.object({
  id: z.number().int().positive().nullable().default(null),
  villageId: z.number({ error: '请选择村（社区）' }).int().positive(),
  periodStart: isoDateSchema('起始日期'),
  periodEnd: isoDateSchema('截止日期'),
  amountFen: rate('切块金额'),
  split: z.enum(SPLITS),
  /** workerId → 分, when split by hand: must add up to the amount. */
  manual: z.record(z.string().regex(/^\d+$/), rate('分配金额')).default({}),
  notes: z.string().trim().max(200).default(''),
});

export interface ShareView {
  id: number;
  villageId: number;
  villageName: string;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  split: (typeof SPLITS)[number];
  manual: Record<string, number>;
  notes: string;
}

export const postSaveSchema = z.object({
  id: z.number().int().positive().nullable().default(null),
  workerId: z.number({ error: '请选择网格员' }).int().positive(),
  post: z.string().trim().min(1, { error: '请填写岗位名称' }).max(30, { error: '岗位名称不能超过 30 个字' }),
  startDate: isoDateSchema('上岗日期'),
  endDate: isoDateSchema('离岗日期').nullable().default(null),
  notes: z.string().trim().max(200).default(''),
});

export interface PostView {
  id: number;
  workerId: number;
  workerName: string;
  post: string;
  startDate: string;
  endDate: string | null;
  notes: string;
}

/** One fact behind an amount: a case, a report, a month in post, a share, the coefficient applied. */
export interface Evidence {
  kind: 'dispute' | 'report' | 'month' | 'share' | 'coefficient';
  /** The record's id (dispute, report), the share's or the sheet's; null for a month. */
  id: number | null;
  /** The case's settle date, the report's date, the month (2026-03). */
  date: string;
  /** 宅基地边界争执（简单，调解成功）/ 护林员 2026-03 / 许坪村 2026 上半年 6,000.00 元 ÷ 5 人. */
  label: string;
  fen: number;
}

export interface PayoutLine {
  /** null in a computation not stored as a batch. */
  id: number | null;
  workerId: number;
  worker: string;
  villageId: number | null;
  village: string;
  /** Codes of the grids the worker answered for in the period: household grids, and a 网格长's group. */
  grids: string[];
  mechanism: Mechanism;
  count: number;
  computedFen: number;
  adjustFen: number;
  adjustReason: string;
  /** computedFen + adjustFen. */
  amountFen: number;
  evidence: Evidence[];
}

export interface Computation {
  from: string;
  to: string;
  gridId: number | null;
  lines: PayoutLine[];
  byMechanism: Record<Mechanism, number>;
  totalFen: number;
  /** Records that pay no one (no worker named and nobody held the grid that day): to be fixed. */
  unattributed: { kind: 'dispute' | 'report'; id: number; date: string; label: string }[];
}

export const periodSchema = z
  .object({
    from: isoDateSchema('起始日期'),
    to: isoDateSchema('截止日期'),
    gridId: z.number().int().positive().nullable().default(null),
  })
  .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] });

export const BATCH_STATUSES = ['草稿', '已审定', '已发放'] as const;

export interface BatchSummary {
  id: number;
  title: string;
  from: string;
  to: string;
  gridId: number | null;
  gridName: string | null;
  status: (typeof BATCH_STATUSES)[number];
  workers: number;
  totalFen: number;
  computedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  paidAt: string | null;
}

export interface BatchView extends BatchSummary {
  lines: PayoutLine[];
  byMechanism: Record<Mechanism, number>;
  byVillage: { villageId: number | null; village: string; totalFen: number }[];
  byWorker: { workerId: number; worker: string; village: string; totalFen: number }[];
}

const id = z.number().int().positive();
const reason = z.string().trim().min(1, { error: '请填写调整理由' }).max(200, { error: '调整理由不能超过 200 个字' });

export const batchCreateSchema = z
  .object({
    from: isoDateSchema('起始日期'),
    to: isoDateSchema('截止日期'),
    gridId: id.nullable().default(null),
    title: z.string().trim().min(1, { error: '请填写批次名称' }).max(50, { error: '批次名称不能超过 50 个字' }),
  })
  .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] });
export const lineAdjustSchema = z.object({ lineId: id, adjustFen: fenSchema('调整金额'), reason });
export const batchApproveSchema = z.object({
  id,
  approvedBy: z.string().trim().min(1, { error: '请填写审核人' }).max(20),
});
export const batchPaidSchema = z.object({ id, paidAt: isoDateSchema('发放日期') });
export const payoutExportSchema = z.object({
  id,
  out: pathSchema,
  /** Full ID numbers for the bank, by the clerk's explicit choice; masked otherwise. */
  fullIdNumbers: z.boolean().default(false),
});
export const periodExportSchema = z
  .object({
    from: isoDateSchema('起始日期'),
    to: isoDateSchema('截止日期'),
    gridId: id.nullable().default(null),
    out: pathSchema,
    fullIdNumbers: z.boolean().default(false),
  })
  .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] });

export interface YearTotals {
  year: number;
  byMechanism: Record<Mechanism, number>;
  byVillage: { villageId: number | null; village: string; totalFen: number }[];
  byWorker: { workerId: number; worker: string; village: string; totalFen: number }[];
  totalFen: number;
}

export const subsidiesApi = {
  /** Every rule set, oldest first per mechanism, and the defaults where none is. */
  'subsidies/rules/list': read(none).returns<RuleView[]>(),
  'subsidies/rules/save': write(ruleSaveSchema, '设置补贴标准').returns<RuleView>(),
  'subsidies/rules/delete': write(z.object({ id }), '删除补贴标准').returns<{ deleted: number }>(),
  'subsidies/shares/list': read(z.object({ year: z.number().int().nullable().default(null) })).returns<ShareView[]>(),
  'subsidies/shares/save': write(shareSaveSchema, '设置集体收入切块').returns<ShareView>(),
  'subsidies/shares/delete': write(z.object({ id }), '删除集体收入切块').returns<{ deleted: number }>(),
  'subsidies/posts/list': read(z.object({ workerId: id.nullable().default(null) })).returns<PostView[]>(),
  'subsidies/posts/save': write(postSaveSchema, '设置公益岗位').returns<PostView>(),
  'subsidies/posts/delete': write(z.object({ id }), '删除公益岗位').returns<{ deleted: number }>(),
  /** A period's payouts computed now, stored nowhere (the CLI's `subsidies compute`). */
  'subsidies/compute': read(periodSchema).returns<Computation>(),
  'subsidies/batches/list': read(none).returns<BatchSummary[]>(),
  'subsidies/batches/get': read(z.object({ id })).returns<BatchView>(),
  'subsidies/batches/create': write(batchCreateSchema, '生成补贴发放批次').returns<BatchView>(),
  /** A draft computed again from the records; adjustments are kept on their worker and mechanism. */
  'subsidies/batches/recompute': write(z.object({ id }), '重新计算补贴').returns<BatchView>(),
  'subsidies/batches/delete': write(z.object({ id }), '删除补贴发放批次').returns<{ deleted: number }>(),
  'subsidies/lines/adjust': write(lineAdjustSchema, '调整补贴金额').returns<PayoutLine>(),
  'subsidies/batches/approve': write(batchApproveSchema, '审定补贴发放批次').returns<BatchView>(),
  'subsidies/batches/paid': write(batchPaidSchema, '标记补贴已发放').returns<BatchView>(),
  'subsidies/batches/export': read(payoutExportSchema, { files: { out: 'write' } }).returns<SavedFile>(),
  /** The 补贴发放表 of a period computed now (the CLI's `export payout`). */
  'subsidies/exportPeriod': read(periodExportSchema, { files: { out: 'write' } }).returns<SavedFile>(),
  'subsidies/totals': read(z.object({ year: z.number().int().min(2000).max(2100) })).returns<YearTotals>(),
};
