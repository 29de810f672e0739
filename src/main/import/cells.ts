/** Cell values as rosters hold them: text, dates in every form villages write, grid levels, tags. */
import type { GridLevel } from '../../shared/grids';
import { normalizeText, toHalfWidth } from '../../shared/text';
import type { CellValue } from './source';

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : formatDate(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  // As Excel shows a logical value.
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).trim();
}

/**
 * What a cell holds, for a message that quotes it: 数字 6.10327E+17, 日期 2021-03-01, 逻辑值 TRUE,
 * or the text in quotes. Never NaN, undefined or [object Object]: a clerk cannot act on those.
 */
export function describeCell(v: CellValue): string {
  if (v === null || v === undefined || v === '') return '空白';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '一个无法识别的日期' : `日期 ${formatDate(v)}`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '一个无法识别的数字';
    // As Excel shows a long number in a General cell: 15 significant digits at most.
    return `数字 ${
      Math.abs(v) >= 1e11
        ? v
            .toExponential(5)
            .replace('e+', 'E+')
            .replace(/\.?0+E/, 'E')
        : String(v)
    }`;
  }
  if (typeof v === 'boolean') return `逻辑值 ${v ? 'TRUE' : 'FALSE'}`;
  return `“${String(v).trim()}”`;
}

function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Excel serial day numbers (1900 date system) to dates. */
function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  return formatDate(new Date(ms));
}

/** 2021-03-01, 2021/3/1, 2021.03, 2021年3月, 2021年3月1日, 20210301, Excel serial numbers, real dates. */
export function parseDate(v: CellValue): { date: string | null; problem?: string } {
  if (v === null || v === '') return { date: null };
  const unknown = {
    date: null,
    problem: `无法识别的日期（这一格是${describeCell(v)}），请写成 2021-03-01 或 2021年3月`,
  };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? unknown : { date: formatDate(v) };
  if (typeof v === 'number') {
    const d = excelSerialToDate(v);
    if (d && v > 366) return { date: d };
    if (v >= 19000101 && v <= 21001231) return parseDate(String(v));
    return unknown;
  }
  if (typeof v === 'boolean') return unknown;
  const s = toHalfWidth(String(v)).trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = m[3] ? Number(m[3]) : 1;
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y >= 1900 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return { date: formatDate(date) };
    }
  }
  m = /^\d+(\.\d+)?$/.exec(s);
  if (m) return parseDate(Number(s));
  return { date: null, problem: `无法识别的日期“${String(v)}”，请写成 2021-03-01 或 2021年3月` };
}

export function splitTags(s: string): string[] {
  return [
    ...new Set(
      normalizeText(s)
        .split(/[、,，;；/|\s]+/)
        .filter(Boolean),
    ),
  ];
}

/** How rosters name grid levels. */
export const LEVELS: Readonly<Record<string, GridLevel>> = {
  '1': 1,
  一: 1,
  一级: 1,
  一级网格: 1,
  镇: 1,
  镇级: 1,
  乡镇级: 1,
  镇级网格: 1,
  '2': 2,
  二: 2,
  二级: 2,
  二级网格: 2,
  村: 2,
  村级: 2,
  社区: 2,
  村级网格: 2,
  '3': 3,
  三: 3,
  三级: 3,
  三级网格: 3,
  组: 3,
  组级: 3,
  组级网格: 3,
  村民小组: 3,
  '4': 4,
  四: 4,
  四级: 4,
  四级网格: 4,
  户: 4,
  户级: 4,
  户级网格: 4,
};
