import { formatPoints } from '@shared/money';
import {
  DEFAULT_GRADE_BANDS,
  EVAL_METRIC_LABELS,
  type EvalMetric,
  type EvalPeriod,
  type Grade,
  type SchemeDefinition,
  type SheetStatus,
} from '@shared/evaluations';

export const pts = (x10: number) => formatPoints(x10);

export const STATUS_COLORS: Record<SheetStatus, string> = { 草稿: 'gray', 已审定: 'blue', 已更正: 'orange' };
export const GRADE_COLORS: Record<Grade | '不评定', string> = {
  优秀: 'teal',
  合格: 'blue',
  基本合格: 'yellow',
  不合格: 'red',
  不评定: 'gray',
};

/** "上报信息（条）" → "上报信息": the unit is for the editor, the sheet shows the bare count. */
export const metricShort = (m: EvalMetric) => EVAL_METRIC_LABELS[m].replace(/（.*）$/, '');

export interface SchemeDraft {
  name: string;
  period: EvalPeriod;
  definition: SchemeDefinition;
}

/**
 * What a new scheme starts from: the criteria a township usually scores on daily work, each
 * pre-filled from the records, weights adding to 100. The clerk edits or removes any of it.
 */
export function templateScheme(): SchemeDraft {
  const c = (key: string, name: string, weight: number, metric: EvalMetric, target: number) => ({
    key,
    name,
    fullX10: weight * 10,
    weight,
    metric,
    target,
  });
  return {
    name: `${new Date().getFullYear()}年度网格员考核`,
    period: 'year',
    definition: {
      criteria: [
        c('c1', '信息上报', 25, 'reports', 24),
        c('c2', '矛盾纠纷排查调解', 25, 'disputesSettled', 6),
        c('c3', '便民服务', 20, 'services', 24),
        c('c4', '入户走访', 20, 'visits', 48),
        c('c5', '参加培训例会', 10, 'trainings', 4),
      ],
      bonus: [{ key: 'b1', name: '重要信息', metric: 'importantReports', perUnitX10: 10, capX10: 50 }],
      deductions: [],
      grades: DEFAULT_GRADE_BANDS.map((g) => ({ ...g })),
      levels: [3, 4],
      minMonths: 3,
      combine: [],
    },
  };
}

export function blankScheme(): SchemeDraft {
  return {
    name: '',
    period: 'year',
    definition: {
      criteria: [{ key: 'c1', name: '', fullX10: 1000, weight: 100, metric: null, target: null }],
      bonus: [],
      deductions: [],
      grades: DEFAULT_GRADE_BANDS.map((g) => ({ ...g })),
      levels: [3, 4],
      minMonths: 0,
      combine: [],
    },
  };
}

/** A key no other item of the list uses: c1, c2… (the contract wants a lowercase code). */
export function nextKey(prefix: string, keys: readonly string[]): string {
  let n = keys.length + 1;
  while (keys.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
