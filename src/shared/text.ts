/** Text normalisation shared by forms and the importer. */

/** Full-width ASCII (Ａ１２，３) to half-width, and the ideographic space to a normal space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A person's name: no spaces of any kind inside (王 强 or 王, U+3000, 强 → 王强), middle dots unified. */
export function normalizeName(s: string): string {
  return s.replace(/[\s\u3000\u00A0]+/g, '').replace(/[•･·]/g, '·');
}

/** Collapses runs of white space and trims (addresses, titles, notes). */
export function normalizeText(s: string): string {
  return toHalfWidthDigits(s)
    .replace(/[\s\u3000\u00A0]+/g, ' ')
    .trim();
}

/** Only full-width digits become ASCII (Chinese punctuation in addresses stays as written). */
export function toHalfWidthDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** ID numbers: half-width, no spaces, upper-case X. */
export function normalizeIdNumber(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').toUpperCase();
}

/** Phone numbers: half-width digits; hyphens kept for landlines (029-88886666). */
export function normalizePhone(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s()（）]+/g, (m) => (m.trim() === '' ? '' : '-'))
    .replace(/^\+?86-?/, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Why a phone number is invalid, or null: an 11-digit mobile or a landline with area code. */
export function phoneProblem(p: string): string | null {
  if (/^1[3-9]\d{9}$/.test(p)) return null;
  if (/^0\d{2,3}-?\d{7,8}$/.test(p)) return null;
  if (/^1\d*$/.test(p)) {
    // Eleven digits already: the length is right, the second digit is not.
    if (p.length === 11) return `手机号应以 13～19 开头，现以 ${p.slice(0, 2)} 开头`;
    return `手机号应为 11 位，现为 ${p.length} 位`;
  }
  return '联系电话应为 11 位手机号，或带区号的固定电话（如 0913-1234567）';
}
