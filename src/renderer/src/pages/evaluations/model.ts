import { formatPoints } from '@shared/money';
import {
  DEFAULT_GRADE_BANDS,
  EVAL_SCHEME_TEMPLATE,
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

/** What a new scheme starts from: the contract's template (the county's monthly form), editable. */
export function templateScheme(): SchemeDraft {
  return structuredClone(EVAL_SCHEME_TEMPLATE) as unknown as SchemeDraft;
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
