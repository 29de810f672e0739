/**
 * 报表: the figures a township sends up (per village, for a period and a subtree), the county
 * submission workbook built from them, the submission package (报送包) and the county's merge of
 * packages. One computation of the figures feeds the dashboard, the workbook and the package, so
 * every copy of a figure agrees with the others and with `records stats`.
 */
import { z } from 'zod';
import { pathSchema, read } from './contract';
import { EVAL_PERIODS } from './evaluations';
import type { SavedFile } from './imports';
import { isoDateSchema } from './money';
import type { Mechanism } from './subsidies';

export const AGE_BANDS = ['≤35岁', '36–50岁', '>50岁'] as const;
/** Education grouped as county summaries count it. */
export const EDUCATION_GROUPS = ['初中及以下', '高中/中专', '大专', '本科及以上', '未填'] as const;
export const GRADE_KEYS = ['优秀', '合格', '基本合格', '不合格'] as const;

/** One row of every sheet: a village (or the township's own level, for records kept on it). */
export interface VillageFigures {
  /** null for the township's own row (镇本级: trainings it organised, records on its grid). */
  villageId: number | null;
  code: string;
  name: string;
  // 网格划分统计
  groups: number;
  householdGrids: number;
  households: number;
  /** Household grids with fewer than 15 or more than 20 households. */
  gridsOutsideRule: number;
  // 网格员队伍 (the roster as it is now: whoever holds a grid of the village)
  workers: number;
  workersLevel3: number;
  workersLevel4: number;
  partyMembers: number;
  ageBands: Record<(typeof AGE_BANDS)[number], number>;
  education: Record<(typeof EDUCATION_GROUPS)[number], number>;
  tags: Record<string, number>;
  wechatGroups: number;
  // 工作开展 (records dated in the period)
  publicityItems: number;
  publicityHouseholds: number;
  reports: number;
  importantReports: number;
  disputesFound: number;
  /** 调解成功 + 调解不成 + 移交处理 */
  disputesHandled: number;
  disputesSuccess: number;
  services: number;
  visits: number;
  visitHouseholds: number;
  // 培训
  trainings: number;
  trainingAttendance: number;
  // 激励表彰 (approved sheets ending in the period; recommendations of the period's years)
  grades: Record<(typeof GRADE_KEYS)[number], number>;
  recommendations: number;
  awards: number;
  // 补贴发放 (approved or paid batches whose period ends in the period), in 分
  subsidies: Record<Mechanism, number>;
  subsidyTotal: number;
}

export interface ReportFigures {
  /** `divisionCode`: the township's 区划代码 (identifies it in a submission package; grid codes repeat across townships). */
  township: { name: string; code: string; divisionCode?: string | null };
  /** 填报单位 for titles: the settings' unit name, else the township's name. */
  unitName?: string;
  /** What a row is: a village (a township's report) or a township (the county's merge). Default village. */
  rowKind?: 'village' | 'township';
  from: string;
  to: string;
  /** The subtree asked for; null for the whole township. */
  grid: { id: number; code: string; name: string } | null;
  rows: VillageFigures[];
  /** The 合计 row: each field the sum of the rows (rates are computed from the sums). */
  total: VillageFigures;
}

/** 调处率 = handled ÷ found; 成功率 as both counties write it. Per mille, null when nothing to divide. */
export function rates(f: Pick<VillageFigures, 'disputesFound' | 'disputesHandled' | 'disputesSuccess'>): {
  handledRate: number | null;
  successOfFound: number | null;
  successOfHandled: number | null;
} {
  const permille = (a: number, b: number) => (b === 0 ? null : Math.round((a * 1000) / b));
  return {
    handledRate: permille(f.disputesHandled, f.disputesFound),
    successOfFound: permille(f.disputesSuccess, f.disputesFound),
    successOfHandled: permille(f.disputesSuccess, f.disputesHandled),
  };
}

export const reportPeriodSchema = z
  .object({
    from: isoDateSchema('起始日期'),
    to: isoDateSchema('截止日期'),
    gridId: z.number().int().positive().nullable().default(null),
  })
  .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] });

/** The dashboard's period picker: a month, quarter, half-year or year containing `date`, or custom. */
export const PERIOD_KINDS = [...EVAL_PERIODS, 'custom'] as const;

export interface HealthItem {
  /** vacancies / gridsOutsideRule / workersWithoutPhone / workersWithoutPhoto / gridsWithoutWechat / overdueDisputes / codeGaps */
  key: string;
  label: string;
  count: number;
  /** Up to 20 examples: what to open to fix it. */
  examples: { label: string; target: { kind: 'grid' | 'worker' | 'record'; id: number; recordKind?: string } }[];
}

export interface Dashboard {
  figures: ReportFigures;
  /** Records by kind per month of the period (trend). */
  byMonth: { month: string; reports: number; disputes: number; services: number; visits: number; publicity: number }[];
  /** Dispute categories in the period. */
  categories: { category: string; count: number }[];
  health: HealthItem[];
}

/** What a submission package says about itself, checked before merging. */
export interface PackageInfo {
  file: string;
  township: string;
  code: string;
  from: string;
  to: string;
  version: string;
  exportedAt: string;
  /** A refusal naming the file (edited, damaged, newer GridDesk, other period, duplicate); null when fine. */
  problem: string | null;
}

export interface MergeResult extends SavedFile {
  townships: string[];
  /** Townships of the county without a package for the period (by code, when the packages say). */
  missing: string[];
}

const out = { out: pathSchema };

export const reportsApi = {
  'reports/figures': read(reportPeriodSchema).returns<ReportFigures>(),
  'reports/dashboard': read(reportPeriodSchema).returns<Dashboard>(),
  'reports/workbook': read(reportPeriodSchema.and(z.object(out)), { files: { out: 'write' } }).returns<SavedFile>(),
  'reports/package': read(reportPeriodSchema.and(z.object(out)), { files: { out: 'write' } }).returns<SavedFile>(),
  'reports/inspectPackages': read(z.object({ files: z.array(pathSchema).min(1).max(100) }), {
    files: { files: 'read' },
  }).returns<PackageInfo[]>(),
  'reports/merge': read(
    z.object({
      files: z.array(pathSchema).min(1).max(100),
      perVillage: z.boolean().default(false),
      /** Division codes of the townships expected for the period; those without a package are `missing`. */
      expected: z.array(z.string().trim().min(1)).max(200).optional(),
      ...out,
    }),
    { files: { files: 'read', out: 'write' } },
  ).returns<MergeResult>(),
};
