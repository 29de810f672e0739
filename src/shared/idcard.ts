/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character (0-9 or X).
 * Birth date is digits 7–14; the 17th digit is odd for men, even for women.
 */
import { todayIso } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export interface IdInfo {
  birthDate: string; // YYYY-MM-DD
  gender: '男' | '女';
}

/** The oldest age an ID number's birth date may give: older is a typing error. */
export const MAX_AGE = 120;

/**
 * Why an (already normalised) ID number is invalid, or null when it is valid. `today`
 * (2026-11-27) bounds the birth date: not after it, not more than 120 years before it.
 */
export function idProblem(id: string, today = todayIso()): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) {
    if (/^\d{15}$/.test(id)) return '这是 15 位旧身份证号，请填写 18 位身份证号';
    return `身份证号应为 18 位（17 位数字加 1 位数字或 X），现为“${maskId(id)}”（${id.length} 位）`;
  }
  const birthProblem = birthDateProblem(id.slice(6, 14), today);
  if (birthProblem) return birthProblem;
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对是否有错字';
  return null;
}

/**
 * The birth date (YYYYMMDD) must exist and be plausible. Messages give the year only: the full
 * date is the part of an ID number that masking hides.
 */
function birthDateProblem(digits: string, today: string): string | null {
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return '身份证号中的出生日期不存在';
  }
  const birth = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  if (birth > today) return `身份证号中的出生日期晚于今天（${y} 年），请核对`;
  if (y < 1900) return `身份证号中的出生日期早于 1900 年（${y} 年），请核对`;
  const oldest = `${Number(today.slice(0, 4)) - MAX_AGE}${today.slice(4)}`;
  if (birth < oldest) return `身份证号中的出生日期表明已超过 ${MAX_AGE} 岁（${y} 年），请核对`;
  return null;
}

export function idInfo(id: string): IdInfo {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? '男' : '女',
  };
}

/** 610121********123X: region and the last four, as printed or posted. */
export function maskId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
