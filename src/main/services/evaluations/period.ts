/** A scheme's period containing a date: its first and last day and the label printed on the sheet. */
import type { EvalPeriod } from '../../../shared/evaluations';

export interface EvalPeriodSpan {
  start: string;
  end: string;
  /** 2026年3月 / 2026年第一季度 / 2026年上半年 / 2026年度 */
  label: string;
}

const QUARTERS = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function periodOf(period: EvalPeriod, date: string): EvalPeriodSpan {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const span = (first: number, last: number, label: string): EvalPeriodSpan => ({
    start: `${y}-${pad(first)}-01`,
    end: `${y}-${pad(last)}-${pad(lastDay(y, last))}`,
    label,
  });
  if (period === 'month') return span(m, m, `${y}年${m}月`);
  if (period === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    return span(q * 3 + 1, q * 3 + 3, `${y}年第${QUARTERS[q]}季度`);
  }
  if (period === 'half') return m <= 6 ? span(1, 6, `${y}年上半年`) : span(7, 12, `${y}年下半年`);
  return span(1, 12, `${y}年度`);
}

/** Whole months from `start` to `end` (2026-01-15 → 2026-07-14 is 5; → 2026-07-15 is 6). */
export function monthsBetween(start: string, end: string): number {
  const months =
    (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7));
  return end.slice(8) >= start.slice(8) ? months : months - 1;
}
