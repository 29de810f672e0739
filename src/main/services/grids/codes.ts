import type { CodeScheme } from '../../../shared/settings';
import type { GridLevel } from '../../../shared/grids';
import { fieldError } from '../../errors';

export interface CodeShape {
  prefix: string;
  length: number;
  digits: number;
}

/** What a new code at `level` under `parentCode` must look like under the scheme. */
export function codeShape(level: GridLevel, parentCode: string | null, scheme: CodeScheme): CodeShape {
  const prefix = parentCode ?? scheme.prefix;
  const digits = scheme.digits[level - 1] ?? 2;
  return { prefix, digits, length: prefix.length + digits };
}

/** Throws a field error on `code` when a clerk-entered code does not follow the scheme. */
export function assertCodeShape(code: string, shape: CodeShape): void {
  if (!code.startsWith(shape.prefix)) {
    throw fieldError('code', `网格编码应以上级编码 ${shape.prefix} 开头，再加 ${shape.digits} 位数字`);
  }
  if (code.length !== shape.length) {
    const how = shape.prefix ? `上级编码 ${shape.prefix} 后加 ${shape.digits} 位数字` : `${shape.digits} 位数字`;
    throw fieldError('code', `网格编码应为 ${shape.length} 位（${how}），现为 ${code.length} 位`);
  }
}

/**
 * The next free code of `shape`: one past the highest used suffix, or else the lowest gap;
 * null when every suffix is taken. `used` holds every code in the database that starts with
 * the prefix (codes are unique across all townships).
 */
export function nextFreeCode(shape: CodeShape, used: Iterable<string>): string | null {
  const taken = new Set<number>();
  for (const code of used) {
    if (code.length !== shape.length || !code.startsWith(shape.prefix)) continue;
    const suffix = code.slice(shape.prefix.length);
    if (/^\d+$/.test(suffix)) taken.add(Number(suffix));
  }
  const max = 10 ** shape.digits - 1;
  const highest = taken.size ? Math.max(...taken) : 0;
  let candidate: number | null = highest < max ? highest + 1 : null;
  if (candidate === null) {
    for (let n = 1; n <= max; n++) {
      if (!taken.has(n)) {
        candidate = n;
        break;
      }
    }
  }
  return candidate === null ? null : shape.prefix + String(candidate).padStart(shape.digits, '0');
}

/** The code a descendant gets when its ancestor's code changes from `from` to `to`. */
export function recode(code: string, from: string, to: string): string {
  return code.startsWith(from) ? to + code.slice(from.length) : code;
}
