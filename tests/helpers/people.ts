import { idCheckChar } from '../../src/shared/idcard';

/** A valid 18-digit ID number for a birth date, a sequence number and a gender. */
export function makeId(birth: string, seq: number, gender: '男' | '女', region = '610327'): string {
  const base17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(2, '0')}${gender === '男' ? 1 : 2}`;
  return base17 + idCheckChar(base17);
}

/** A real 1×1 PNG. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
