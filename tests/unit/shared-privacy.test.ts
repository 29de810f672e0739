/**
 * maskPersonal: what a log line, an error message or a 操作日志 summary shows of a person. An ID
 * number keeps its region (first six) and last four, a mobile its first three and last four;
 * landlines, grid codes, counts and other runs of digits stay as written, because a clerk needs
 * them to find the row.
 */
import { describe, expect, it } from 'vitest';
import { maskPersonal } from '../../src/shared/privacy';
import { makeId } from '../helpers/people';

const ID = makeId('1990-01-01', 84, '男'); // 610327199001018xxx
const MASKED_ID = `${ID.slice(0, 6)}********${ID.slice(-4)}`;

describe('ID numbers in text', () => {
  it('an 18-digit ID keeps its first six and last four, wherever it stands in the text', () => {
    expect(maskPersonal(ID)).toBe(MASKED_ID);
    expect(maskPersonal(`身份证号${ID}，户主`)).toBe(`身份证号${MASKED_ID}，户主`);
    expect(maskPersonal(`${ID} 重复`)).toBe(`${MASKED_ID} 重复`);
    expect(maskPersonal(`重复的身份证号：${ID}`)).toBe(`重复的身份证号：${MASKED_ID}`);
  });

  it('an ID ending in X (either case) is masked the same way', () => {
    expect(maskPersonal('户主 61032719900101123X 已存在')).toBe('户主 610327********123X 已存在');
    expect(maskPersonal('户主 61032719900101123x 已存在')).toBe('户主 610327********123x 已存在');
  });

  it('an old 15-digit ID keeps its first six and last four too', () => {
    expect(maskPersonal('旧证 610327900101123 未换')).toBe('旧证 610327*****1123 未换');
    expect(maskPersonal('610327900101123')).toBe('610327*****1123');
  });

  it('two IDs in one line are both masked', () => {
    const other = makeId('1985-06-30', 12, '女');
    expect(maskPersonal(`${ID}与${other}重复`)).toBe(
      `${MASKED_ID}与${other.slice(0, 6)}********${other.slice(-4)}重复`,
    );
  });

  it('a longer run of digits (a bank card) is not an ID and stays as written', () => {
    expect(maskPersonal('卡号 6217001234567890123 已登记')).toBe('卡号 6217001234567890123 已登记');
    expect(maskPersonal('卡号 6217001234567890 已登记')).toBe('卡号 6217001234567890 已登记');
    expect(maskPersonal('9610327199001011234')).toBe('9610327199001011234');
  });
});

describe('mobiles in text', () => {
  it('a mobile keeps its first three and last four, wherever it stands in the text', () => {
    expect(maskPersonal('13912345678')).toBe('139****5678');
    expect(maskPersonal('电话13912345678，请核对')).toBe('电话139****5678，请核对');
    expect(maskPersonal('联系电话：18700001111')).toBe('联系电话：187****1111');
    expect(maskPersonal('15512345678 已停机')).toBe('155****5678 已停机');
  });

  it('eleven digits that are not a mobile (12…, 10…) stay as written', () => {
    expect(maskPersonal('编号 12345678901')).toBe('编号 12345678901');
    expect(maskPersonal('编号 10912345678')).toBe('编号 10912345678');
  });

  it('a run of twelve digits starting like a mobile is not a mobile', () => {
    expect(maskPersonal('流水号 139123456789')).toBe('流水号 139123456789');
    expect(maskPersonal('流水号 913912345678')).toBe('流水号 913912345678');
  });
});

describe('what is not personal stays as written', () => {
  it('landlines, grid codes, counts and dates', () => {
    const text = '大坪村 第3组 网格编码 11010101，共 12 户 45 人，电话 0913-1234567，029-88886666，2026-11-27';
    expect(maskPersonal(text)).toBe(text);
    expect(maskPersonal('第12组')).toBe('第12组');
    expect(maskPersonal('座机 09131234567')).toBe('座机 09131234567');
  });

  it('text without digits is returned unchanged', () => {
    expect(maskPersonal('王强，许坪村一组')).toBe('王强，许坪村一组');
    expect(maskPersonal('')).toBe('');
  });
});
