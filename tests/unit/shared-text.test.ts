/**
 * How names, addresses, ID numbers and phones are cleaned up as villages type them (full-width
 * digits from a Chinese input method, ideographic spaces, +86 prefixes), and which phones a form
 * or an import accepts.
 */
import { describe, expect, it } from 'vitest';
import {
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeText,
  phoneProblem,
  toHalfWidth,
  toHalfWidthDigits,
} from '../../src/shared/text';

describe('full-width to half-width', () => {
  it('full-width letters, digits and punctuation become ASCII; the ideographic space a normal space', () => {
    expect(toHalfWidth('Ａ１２，３')).toBe('A12,3');
    expect(toHalfWidth('王\u3000强')).toBe('王 强');
    expect(toHalfWidth('６１０３２７ｘ')).toBe('610327x');
  });

  it('only digits change in toHalfWidthDigits: Chinese punctuation in addresses stays', () => {
    expect(toHalfWidthDigits('许坪村一组１２号，（东）')).toBe('许坪村一组12号，（东）');
    expect(toHalfWidthDigits('０９')).toBe('09');
    expect(toHalfWidthDigits('Ａ')).toBe('Ａ');
  });
});

describe('names, addresses, ID numbers', () => {
  it('a name loses every kind of space inside and its middle dots become one dot', () => {
    expect(normalizeName(' 王 强 ')).toBe('王强');
    expect(normalizeName('王\u3000\u3000强')).toBe('王强');
    expect(normalizeName('王\u00A0强')).toBe('王强');
    expect(normalizeName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽･买买提')).toBe('阿依古丽·买买提');
  });

  it('an address is trimmed, its runs of spaces become one, its full-width digits ASCII', () => {
    expect(normalizeText('  许坪村  一组\u3000\u3000３号 ')).toBe('许坪村 一组 3号');
    expect(normalizeText('许坪村\n\t一组')).toBe('许坪村 一组');
    expect(normalizeText('许坪村，一组')).toBe('许坪村，一组');
  });

  it('an ID number is half-width, without spaces, with an upper-case X', () => {
    expect(normalizeIdNumber(' 610327 19900101 123x ')).toBe('61032719900101123X');
    expect(normalizeIdNumber('６１０３２７１９９００１０１１２３ｘ')).toBe('61032719900101123X');
    expect(normalizeIdNumber('610327\u300019900101123X')).toBe('61032719900101123X');
  });
});

describe('phone numbers as typed', () => {
  it('a mobile loses spaces and a +86 or 86 prefix', () => {
    expect(normalizePhone('139 1234 5678')).toBe('13912345678');
    expect(normalizePhone('+86 139 1234 5678')).toBe('13912345678');
    expect(normalizePhone('+86-13912345678')).toBe('13912345678');
    expect(normalizePhone('86 13912345678')).toBe('13912345678');
    expect(normalizePhone('8613912345678')).toBe('13912345678');
    expect(normalizePhone('１３９１２３４５６７８')).toBe('13912345678');
  });

  it('86 inside a number is not a country prefix', () => {
    expect(normalizePhone('13886001234')).toBe('13886001234');
    expect(normalizePhone('029-86123456')).toBe('029-86123456');
  });

  it('a landline keeps one hyphen between area code and number, brackets becoming that hyphen', () => {
    expect(normalizePhone('029-88886666')).toBe('029-88886666');
    expect(normalizePhone('（029）88886666')).toBe('029-88886666');
    expect(normalizePhone('(0913) 1234567')).toBe('0913-1234567');
    expect(normalizePhone('029--88886666')).toBe('029-88886666');
    expect(normalizePhone('-029-88886666-')).toBe('029-88886666');
  });
});

describe('which phones are accepted', () => {
  it('an 11-digit mobile (13… to 19…) and a landline with area code, hyphen or not', () => {
    for (const ok of ['13912345678', '19912345678', '029-88886666', '0913-1234567', '09131234567', '02988886666']) {
      expect(phoneProblem(ok), ok).toBeNull();
    }
  });

  it('a number starting with 1 of the wrong length is a mobile with its length named', () => {
    expect(phoneProblem('1391234567')).toBe('手机号应为 11 位，现为 10 位');
    expect(phoneProblem('139123456789')).toBe('手机号应为 11 位，现为 12 位');
    expect(phoneProblem('1')).toBe('手机号应为 11 位，现为 1 位');
  });

  it('eleven digits starting 10…, 11… or 12… are told what is wrong, not that 11 digits should be 11', () => {
    expect(phoneProblem('12912345678')).toBe('手机号应以 13～19 开头，现以 12 开头');
    expect(phoneProblem('10912345678')).toBe('手机号应以 13～19 开头，现以 10 开头');
  });

  it('anything else is refused with the forms both kinds take', () => {
    const general = '联系电话应为 11 位手机号，或带区号的固定电话（如 0913-1234567）';
    for (const bad of [
      '88886666', // no area code
      '213912345678', // a mobile with a digit in front
      '0913-123456789', // landline too long
      '90913-1234567', // landline with a digit in front
      '21391234567',
      '139-1234',
      '0913-123456',
    ]) {
      expect(phoneProblem(bad), bad).toBe(general);
    }
  });
});
