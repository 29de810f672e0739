import type { PERIOD_KINDS } from '@shared/reports';

export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'half', label: '半年' },
  { value: 'year', label: '年' },
  { value: 'custom', label: '自定义' },
];

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(y: number, m: number): string {
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** The month, quarter, half-year or year containing `date` (yyyy-mm-dd), as from–to. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, date: string): { from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const span = { month: 1, quarter: 3, half: 6, year: 12 }[kind];
  const first = Math.floor((m - 1) / span) * span + 1;
  return { from: `${y}-${pad(first)}-01`, to: lastDay(y, first + span - 1) };
}

/** 2026年第2季度 …: how titles and file names name the period. */
export function periodName(kind: PeriodKind, from: string, to: string): string {
  const y = from.slice(0, 4);
  const m = Number(from.slice(5, 7));
  if (kind === 'month') return `${y}年${m}月`;
  if (kind === 'quarter') return `${y}年第${Math.ceil(m / 3)}季度`;
  if (kind === 'half') return `${y}年${m <= 6 ? '上' : '下'}半年`;
  if (kind === 'year') return `${y}年`;
  return `${from}至${to}`;
}

/** Per mille as a percentage: 87.5%. */
export function percent(perMille: number | null): string {
  return perMille === null ? '—' : `${(perMille / 10).toFixed(1)}%`;
}

export function share(part: number, whole: number): string {
  return whole === 0 ? '—' : percent(Math.round((part * 1000) / whole));
}

/** 分 as 元 with two decimals. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
