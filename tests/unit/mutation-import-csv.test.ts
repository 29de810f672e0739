/**
 * The CSV reader, as the importer's reader thread calls it: the encodings villages' files come
 * in (UTF-8 with or without BOM, GBK from Excel on Chinese Windows, Excel's "Unicode text" in
 * UTF-16), commas or tabs, quoted cells, blank lines, and the messages for a broken file.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/errors';
import { READ_LIMITS, type ReadLimits } from '../../src/main/import/limits';
import { readFileEvents } from '../../src/main/import/reader';
import type { ReadEvent } from '../../src/main/import/row-sink';
import type { SourceRow } from '../../src/main/import/source';
import { tempDir } from '../helpers/context';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Read {
  sheets: string[];
  rows: SourceRow[];
  events: ReadEvent[];
}

async function readBytes(bytes: Buffer | string, name = '住户.csv', limits: ReadLimits = READ_LIMITS): Promise<Read> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const out: Read = { sheets: [], rows: [], events: [] };
  for await (const e of readFileEvents(file, limits)) {
    out.events.push(e);
    if (e.type === 'sheet') out.sheets.push(e.name);
    if (e.type === 'rows') out.rows.push(...e.rows);
  }
  return out;
}

async function refusal(bytes: string, limits: ReadLimits = READ_LIMITS): Promise<AppError> {
  try {
    await readBytes(bytes, '住户.csv', limits);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('the file was read');
}

const cells = (r: Read) => r.rows.map((row) => row.cells);
const LINES = ['户主姓名,联系电话,家庭住址', '王强,13912345678,许坪村一组3号', '李芳,,许坪村二组5号'];
const EXPECTED = [
  ['户主姓名', '联系电话', '家庭住址'],
  ['王强', '13912345678', '许坪村一组3号'],
  ['李芳', null, '许坪村二组5号'],
];

describe('encodings', () => {
  it('UTF-8 with a BOM: the BOM is not part of the first header', async () => {
    const r = await readBytes(`\ufeff${LINES.join('\r\n')}\r\n`);
    expect(r.sheets).toEqual(['住户']);
    expect(cells(r)).toEqual(EXPECTED);
  });

  it('UTF-8 without a BOM, a Chinese character split across the chunks the file streams in', async () => {
    // The file streams in 64 KB chunks: 6,553 ASCII lines of 10 bytes and 5 more bytes put 王's
    // three bytes on both sides of the first boundary.
    const ascii = 'abcdefg,1\n'.repeat(6553) + 'abcde';
    expect(Buffer.byteLength(ascii)).toBe(64 * 1024 - 1);
    const r = await readBytes(`${ascii}王强,许坪村一组\n李芳,二组\n`);
    expect(r.rows).toHaveLength(6555);
    expect(r.rows[6553]).toEqual({ rowNumber: 6554, cells: ['abcde王强', '许坪村一组'] });
    expect(r.rows[6554]).toEqual({ rowNumber: 6555, cells: ['李芳', '二组'] });
  });

  it('GBK, as Excel saves a CSV on Chinese Windows', async () => {
    expect(cells(await readBytes(iconv.encode(LINES.join('\r\n'), 'gbk')))).toEqual(EXPECTED);
  });

  it('GBK whose only non-ASCII bytes come after the first 4 KB', async () => {
    const ascii = Array.from({ length: 300 }, (_, i) => `name${i},1390000${String(i).padStart(4, '0')}`);
    const r = await readBytes(iconv.encode([...ascii, '王强,13912345678'].join('\r\n'), 'gbk'));
    expect(r.rows.at(-1)!.cells).toEqual(['王强', '13912345678']);
  });

  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(LINES.join('\r\n'), 'utf16le')])],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(LINES.join('\r\n'), 'utf16be')])],
  ])('%s', async (_name, bytes) => {
    expect(cells(await readBytes(bytes))).toEqual(EXPECTED);
  });

  it.each([
    ['UTF-16LE', 'utf16le'],
    ['UTF-16BE', 'utf16be'],
  ])('%s without a BOM, recognised by the zero bytes beside ASCII', async (_name, encoding) => {
    const lines = ['name,phone,no', 'Wang Qiang,13912345678,3', '王强,13912345678,4'];
    const r = await readBytes(iconv.encode(lines.join('\r\n'), encoding));
    expect(cells(r)).toEqual([
      ['name', 'phone', 'no'],
      ['Wang Qiang', '13912345678', '3'],
      ['王强', '13912345678', '4'],
    ]);
  });
});

describe('separators, quotes and blank lines', () => {
  it('tabs when the first line has more tabs than commas (Excel’s “Unicode text”)', async () => {
    const r = await readBytes('户主姓名\t家庭住址\t备注\n王强\t许坪村,一组\t\n');
    expect(cells(r)).toEqual([
      ['户主姓名', '家庭住址', '备注'],
      ['王强', '许坪村,一组'],
    ]);
  });

  it('commas when the first line has as many commas as tabs', async () => {
    const r = await readBytes('户主\t姓名,住址\n王\t强,许坪村\n');
    expect(cells(r)).toEqual([
      ['户主\t姓名', '住址'],
      ['王\t强', '许坪村'],
    ]);
  });

  it('only the first line decides, even when later lines have tabs', async () => {
    const r = await readBytes('户主姓名,家庭住址\r\n王强\t一,许坪村\t二\t三\r\n');
    expect(cells(r)[1]).toEqual(['王强\t一', '许坪村\t二\t三']);
  });

  it('quoted cells keep their commas, line breaks and doubled quotes; a stray quote is kept as typed', async () => {
    const r = await readBytes('姓名,住址,备注\r\n王强,"许坪村,一组","他说""搬走了""\r\n次年回来"\r\n李"芳,二组,\r\n');
    expect(cells(r)).toEqual([
      ['姓名', '住址', '备注'],
      ['王强', '许坪村,一组', '他说"搬走了"\r\n次年回来'],
      ['李"芳', '二组'],
    ]);
  });

  it('blank lines are dropped but rows keep their line numbers, as the clerk sees them in Excel', async () => {
    const r = await readBytes('姓名,住址\r\n\r\n,,\r\n王强,许坪村\r\n,一组\r\n');
    expect(r.rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '住址'] },
      { rowNumber: 4, cells: ['王强', '许坪村'] },
      { rowNumber: 5, cells: [null, '一组'] },
    ]);
  });

  it('rows arrive in batches of 2,000, each followed by how far the file has been read', async () => {
    const lines = Array.from({ length: 4500 }, (_, i) => `王强${i},许坪村`);
    const file = Buffer.from(lines.join('\n'));
    const r = await readBytes(file);
    expect(r.events[0]).toEqual({ type: 'sheet', name: '住户' });
    const batches = r.events.filter((e) => e.type === 'rows').map((e) => e.rows.length);
    expect(batches).toEqual([2000, 2000, 500]);
    const progress = r.events.filter((e) => e.type === 'progress');
    expect(progress).toHaveLength(3);
    for (const p of progress) expect(p.total).toBe(file.length);
    const done = progress.map((p) => p.done);
    expect(done[0]).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ type: 'progress', done: file.length, total: file.length });
    expect(r.events.findIndex((e) => e.type === 'progress')).toBe(r.events.findIndex((e) => e.type === 'rows') + 1);
  });
});

describe('a broken file', () => {
  it('an unclosed quote swallowing the rest is refused, naming the file, the line and the limit', async () => {
    const limits = { ...READ_LIMITS, tokenBytes: 1000 };
    const e = await refusal(`姓名,住址\r\n王强,"许坪村${',x'.repeat(1000)}\r\n`, limits);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(
      /^住户\.csv：CSV 文件第 \d+ 行附近有一段内容超过 1,000 个字而没有分隔（可能是引号没有配对），超过了单元格内容的上限。$/,
    );
  });

  it('a cell beyond the column limit is refused by the rows it streams into', async () => {
    const limits = { ...READ_LIMITS, columns: 3 };
    const e = await refusal('姓名,住址,电话\r\n王强,许坪村,139,多余\r\n', limits);
    expect(e.message).toContain('第 2 行的 D 列有内容，超过了列数上限（3 列');
  });
});
