/**
 * Masks personal data in free text (log lines, error messages, summaries): ID numbers keep their
 * region and last four (610121********123X), mobiles their first three and last four
 * (138****5678). Digits runs of other lengths (codes, counts) are left alone.
 */
import { maskId } from './idcard';

const ID_NUMBER = /(?<![0-9])(\d{17}[\dXx]|\d{15})(?![0-9Xx])/g;
const MOBILE = /(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])/g;

export function maskPersonal(text: string): string {
  return text.replace(ID_NUMBER, (id) => maskId(id)).replace(MOBILE, (_m, a: string, _b, c: string) => `${a}****${c}`);
}
