/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character (0-9 or X).
 * Birth date is digits 7–14; the 17th digit is odd for men, even for women.
 */

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

/** Why an (already normalised) ID number is invalid, or null when it is valid. */
export function idProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) {
    if (/^\d{15}$/.test(id)) return '这是 15 位旧身份证号，请填写 18 位身份证号';
    return `身份证号应为 18 位（17 位数字加 1 位数字或 X），现为“${maskId(id)}”（${id.length} 位）`;
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return '身份证号中的出生日期不存在';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对是否有错字';
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
