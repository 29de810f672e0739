/**
 * Grid codes under a code scheme: what a new code must look like, which code is suggested next,
 * and how descendants' codes follow when an ancestor is recoded. A village (level 1) code is the
 * scheme's prefix plus its digits; each lower level extends its parent's code.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/errors';
import { assertCodeShape, codeShape, nextFreeCode, recode } from '../../src/main/services/grids/codes';

const PLAIN = { prefix: '', digits: [2, 2, 2, 2] };
/** CJ/T 349-2010 style: a 12-digit county prefix, then 3-3-2-2. */
const CJT = { prefix: '610327000000', digits: [3, 3, 2, 2] };

function refusal(code: string, shape: ReturnType<typeof codeShape>): AppError {
  try {
    assertCodeShape(code, shape);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`${code} was accepted`);
}

describe('the shape of a new code', () => {
  it('a village code is the prefix plus the first level digits', () => {
    expect(codeShape(1, null, PLAIN)).toEqual({ prefix: '', digits: 2, length: 2 });
    expect(codeShape(1, null, CJT)).toEqual({ prefix: '610327000000', digits: 3, length: 15 });
  });

  it("a lower level extends its parent's code by that level's digits", () => {
    expect(codeShape(2, '11', PLAIN)).toEqual({ prefix: '11', digits: 2, length: 4 });
    expect(codeShape(2, '610327000000001', CJT)).toEqual({ prefix: '610327000000001', digits: 3, length: 18 });
    expect(codeShape(4, '610327000000001002', CJT)).toEqual({ prefix: '610327000000001002', digits: 2, length: 20 });
  });

  it('a scheme missing a level falls back to two digits', () => {
    expect(codeShape(3, '1101', { prefix: '', digits: [3] })).toEqual({ prefix: '1101', digits: 2, length: 6 });
  });
});

describe('a code a clerk typed', () => {
  it('is accepted when it has the parent code and the right number of digits', () => {
    expect(() => assertCodeShape('1101', codeShape(2, '11', PLAIN))).not.toThrow();
    expect(() => assertCodeShape('07', codeShape(1, null, PLAIN))).not.toThrow();
  });

  it('not starting with the parent code is refused on the code field, naming the parent code', () => {
    const e = refusal('1201', codeShape(2, '11', PLAIN));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('网格编码应以上级编码 11 开头，再加 2 位数字');
    expect(e.fields).toEqual({ code: e.message });
  });

  it('of the wrong length is refused, naming the expected length and the length typed', () => {
    const under = refusal('11011', codeShape(2, '11', PLAIN));
    expect(under.message).toBe('网格编码应为 4 位（上级编码 11 后加 2 位数字），现为 5 位');
    expect(under.fields).toEqual({ code: under.message });
    expect(refusal('110', codeShape(2, '11', PLAIN)).message).toBe(
      '网格编码应为 4 位（上级编码 11 后加 2 位数字），现为 3 位',
    );
    expect(refusal('123', codeShape(1, null, PLAIN)).message).toBe('网格编码应为 2 位（2 位数字），现为 3 位');
  });
});

describe('the next free code', () => {
  const shape = codeShape(2, '11', PLAIN);

  it('the first child gets 01', () => {
    expect(nextFreeCode(shape, [])).toBe('1101');
    expect(nextFreeCode(codeShape(1, null, CJT), [])).toBe('610327000000001');
  });

  it('one past the highest used suffix, not the first gap', () => {
    expect(nextFreeCode(shape, ['1101', '1105', '1102'])).toBe('1106');
    expect(nextFreeCode(shape, ['1100'])).toBe('1101');
  });

  it('codes of other parents, other levels or with letters do not count', () => {
    expect(nextFreeCode(shape, ['1103', '1299', '110199', '119', '11a9', '119a'])).toBe('1104');
  });

  it('after the highest possible suffix, the lowest gap', () => {
    expect(nextFreeCode(shape, ['1101', '1102', '1199'])).toBe('1103');
    expect(nextFreeCode(codeShape(1, null, { prefix: '', digits: [1, 2, 2, 2] }), ['9', '1'])).toBe('2');
  });

  it('none when every suffix is taken', () => {
    const all = Array.from({ length: 99 }, (_, i) => `11${String(i + 1).padStart(2, '0')}`);
    expect(nextFreeCode(shape, all)).toBeNull();
    expect(nextFreeCode(shape, all.slice(1))).toBe('1101');
  });
});

describe('recoding a subtree', () => {
  it("a descendant's code keeps its own digits after the new ancestor code", () => {
    expect(recode('110102', '1101', '1120')).toBe('112002');
    expect(recode('1101', '1101', '1120')).toBe('1120');
  });

  it('a code outside the subtree stays', () => {
    expect(recode('120102', '1101', '1120')).toBe('120102');
  });
});
