/**
 * Ledger cells as villages fill them: counts written 12 or 12人, dates in every form (a month
 * alone only where the ledger may give one), 是/否 marks. Problems go to the row's reader.
 */
import { toHalfWidth } from '../../../shared/text';
import { describeCell, parseDate } from '../cells';
import type { RowReader } from '../row-reader';

/** 2026-03, 2026.3, 2026/03, 2026年3月, 202603: a month without its day. */
const MONTH_ONLY = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/;

export interface LedgerDate {
  date: string;
  precision: 'day' | 'month';
}

/**
 * A date cell: a real date, a Chinese-formatted one (the reader gives those as dates), text
 * (2026-03-05, 2026/3/5, 2026年3月5日) or an Excel serial number. A month alone is a date of
 * month precision where `month` allows it, else a problem: the ledger should give the day.
 */
export function ledgerDate(r: RowReader, field: string, month = false): LedgerDate | null {
  const raw = r.raw(field);
  if (raw === null || raw === '') return null;
  const label = r.label(field);
  if (typeof raw === 'string') {
    const m = MONTH_ONLY.exec(toHalfWidth(raw).replace(/\s+/g, ''));
    if (m) {
      const mo = Number(m[2] ?? m[3]);
      if (mo < 1 || mo > 12) {
        r.fail(field, `${label}“${raw.trim()}”不是有效日期`);
        return null;
      }
      if (!month) {
        r.fail(field, `${label}只写到了月份（“${raw.trim()}”），请写到日，如 2026-03-05`);
        return null;
      }
      return { date: `${m[1]}-${String(mo).padStart(2, '0')}-01`, precision: 'month' };
    }
  }
  const parsed = parseDate(raw);
  if (parsed.problem || !parsed.date) {
    r.fail(field, `${label}无法识别（这一格是${describeCell(raw)}），请写成 2026-03-05 或 2026年3月5日`);
    return null;
  }
  return { date: parsed.date, precision: 'day' };
}

/** A whole number written as a number or as text with its unit (12人, 30户, 200份); undefined when blank. */
export function ledgerCount(r: RowReader, field: string): number | undefined {
  const raw = r.raw(field);
  if (raw === null || raw === '') return undefined;
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string'
        ? Number(
            toHalfWidth(raw)
              .trim()
              .replace(/\s*(人次|人|户|份|个|次|名|件|起)$/, ''),
          )
        : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 100_000) return n;
  r.fail(field, `${r.label(field)}应为 0–100000 的整数，这一格是${describeCell(raw)}`);
  return undefined;
}

const YES = new Set(['是', '√', '✓', '✔', '重要', 'y', 'yes', '1', 'true']);
const NO = new Set(['', '否', '×', '不是', '一般', 'n', 'no', '0', 'false']);

/** 是/√/重要 or 否/blank. */
export function ledgerYes(r: RowReader, field: string): boolean {
  const t = toHalfWidth(r.text(field)).toLowerCase();
  if (YES.has(t)) return true;
  if (!NO.has(t)) r.fail(field, `${r.label(field)}应填“是”或“否”，这一格是“${r.text(field)}”`);
  return false;
}

/** Text, or undefined when blank so the schema's default applies. */
export function ledgerText(r: RowReader, field: string): string | undefined {
  const t = r.text(field);
  return t === '' ? undefined : t;
}

/** 14:30, 14：30, 14点30分, or a time Excel stores as a day fraction; '' when blank. */
export function ledgerTime(r: RowReader, field: string): string {
  const raw = r.raw(field);
  if (raw === null || raw === '') return '';
  if (typeof raw === 'number' && raw >= 0 && raw < 1) {
    const minutes = Math.round(raw * 24 * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  if (raw instanceof Date) {
    return `${String(raw.getUTCHours()).padStart(2, '0')}:${String(raw.getUTCMinutes()).padStart(2, '0')}`;
  }
  const m = /^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$/.exec(toHalfWidth(String(raw)).trim());
  if (m) return `${m[1]!.padStart(2, '0')}:${(m[2] ?? '0').padStart(2, '0')}`;
  r.fail(field, `${r.label(field)}无法识别（这一格是${describeCell(raw)}），请写成 14:30`);
  return '';
}
