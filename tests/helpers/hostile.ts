/**
 * Builds hostile files for the import to refuse: zip bombs (honest, lying, by ratio), a value
 * in column XFD, hundreds of thousands of sparse rows, truncated, encrypted, renamed, DTD
 * entity expansion, a huge cell, too many sheets or parts — each a real file on disk, written
 * byte by byte here (a small zip writer) so nothing depends on a library's leniency.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeWorkbook } from './xlsx';

// ---- zip

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipItem {
  name: string;
  data: Buffer | string;
  /** Stored as is instead of deflated. */
  store?: boolean;
  /** The uncompressed size the directory claims (a lie, for bombs). */
  declaredSize?: number;
  /** Sets the "encrypted" flag (the data stays readable: the reader must refuse on the flag). */
  encrypted?: boolean;
  /** Already deflated data (for bombs built without inflating them here). */
  deflated?: Buffer;
}

/** A zip file of the items, in order (local headers, then the central directory). */
export function zipBuffer(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const raw = typeof item.data === 'string' ? Buffer.from(item.data, 'utf8') : item.data;
    const method = item.store ? 0 : 8;
    const body = item.deflated ?? (item.store ? raw : zlib.deflateRawSync(raw));
    const name = Buffer.from(item.name, 'utf8');
    const size = item.declaredSize ?? raw.length;
    const crc = item.deflated ? 0 : crc32(raw);
    const flags = 0x800 | (item.encrypted ? 1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

// ---- xlsx

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type XCell = string | number | null;

/** One <row>: strings inline, numbers as numbers; `start` is the first column's index. */
export function rowXml(r: number, cells: XCell[], start = 0): string {
  const parts = cells.map((v, i) => {
    const ref = `${letters(start + i)}${r}`;
    if (v === null) return '';
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  });
  return `<row r="${r}">${parts.join('')}</row>`;
}

export function letters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function sheetXml(rows: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
}

export interface XSheet {
  name: string;
  xml: string | Buffer;
  /** Overrides for the sheet part's zip entry (a lying size, pre-deflated data…). */
  entry?: Partial<ZipItem>;
}

/** The parts of a minimal workbook; shared strings (when given) come after the sheets, as some writers put them. */
export function xlsxItems(sheets: XSheet[], sharedStrings?: string): ZipItem[] {
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings !== undefined)
    rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const items: ZipItem[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets
        .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
  ];
  sheets.forEach((s, i) => items.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml, ...s.entry }));
  if (sharedStrings !== undefined) items.push({ name: 'xl/sharedStrings.xml', data: sharedStrings });
  return items;
}

export function writeXlsx(file: string, sheets: XSheet[], sharedStrings?: string): string {
  fs.writeFileSync(file, zipBuffer(xlsxItems(sheets, sharedStrings)));
  return file;
}

/** A households roster header and a few good rows (no ID numbers), as cells. */
export const HOUSEHOLD_HEADER: XCell[] = ['镇', '村', '组', '网格编码', '户主姓名', '联系电话', '家庭住址', '家庭人口'];
export function householdRow(n: number): XCell[] {
  // Names have no digits: the number written in Chinese numerals keeps each one distinct.
  const name = `${'王李张刘陈杨赵黄周吴'[n % 10]}${[...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')}`;
  return ['温水镇', '许坪村', '一组', '11010101', name, null, `许坪村一组${n}号`, 1 + (n % 6)];
}

/** A real households roster sheet of `rows` rows, as XML. */
export function householdSheet(rows: number): string {
  const out = [rowXml(1, HOUSEHOLD_HEADER)];
  for (let i = 1; i <= rows; i++) out.push(rowXml(i + 1, householdRow(i)));
  return sheetXml(out.join(''));
}

// ---- the corpus

export interface HostileCase {
  name: string;
  /** The path the import is given. */
  file: string;
  /** What the refusal must say. */
  message: RegExp;
}

/** Deflated bytes of `prefix` then `fill` repeated to `size` bytes (compresses about 1000:1). */
function deflatedRepeat(size: number, fill: string, prefix = ''): Buffer {
  const start = Buffer.from(prefix);
  return zlib.deflateRawSync(Buffer.concat([start, Buffer.alloc(size - start.length, fill)]), { level: 9 });
}

/** Builds every hostile file in `dir`; each case says what its refusal must name. */
export async function buildCorpus(dir: string): Promise<HostileCase[]> {
  const at = (name: string) => path.join(dir, name);
  const cases: HostileCase[] = [];
  const add = (name: string, file: string, message: RegExp) => cases.push({ name, file, message });

  // Zip bombs: a sheet that claims 2 GB; one that claims 1 MB but inflates to 64 MB; one of
  // 100 MB (honestly declared, under the part limit) that compresses 1000:1.
  const header = rowXml(1, HOUSEHOLD_HEADER);
  const bombBody = deflatedRepeat(64 * 1024 * 1024, ' ');
  add(
    'zip bomb (declared 2 GB)',
    writeXlsx(at('bomb-declared.xlsx'), [
      { name: '住户', xml: '', entry: { deflated: bombBody, declaredSize: 2 * 1024 * 1024 * 1024 - 1 } },
    ]),
    /解压后有 2 GB，超过了单个部件的上限（1 GB）/,
  );
  add(
    'zip bomb (lying about its size)',
    writeXlsx(at('bomb-lying.xlsx'), [
      {
        name: '住户',
        xml: '',
        entry: {
          deflated: deflatedRepeat(64 * 1024 * 1024, '<row/>', `<worksheet xmlns="${NS}"><sheetData>`),
          declaredSize: 1024 * 1024,
        },
      },
    ]),
    /解压后的大小与记录不符/,
  );
  add(
    'zip bomb (compression ratio)',
    writeXlsx(at('bomb-ratio.xlsx'), [
      {
        name: '住户',
        xml: '',
        entry: { deflated: deflatedRepeat(100 * 1024 * 1024, ' '), declaredSize: 100 * 1024 * 1024 },
      },
    ]),
    /压缩比为 \d+ 倍，超过了上限（100 倍）/,
  );

  // A value in column XFD on each of 20,000 rows; 200,000 rows of it.
  const xfd = (n: number) => {
    const rows = [header];
    for (let r = 2; r <= n + 1; r++)
      rows.push(`<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    return sheetXml(rows.join(''));
  };
  add(
    'a value in column XFD on 20,000 rows',
    writeXlsx(at('xfd.xlsx'), [{ name: '住户', xml: xfd(20_000) }]),
    /第 2 行的 XFD 列有内容，超过了列数上限（256 列/,
  );
  add(
    '200,000 sparse rows with a value in XFD',
    writeXlsx(at('xfd-200k.xlsx'), [{ name: '住户', xml: xfd(200_000) }]),
    /XFD 列有内容/,
  );
  // 200,000 rows of formatted empty cells in XFD: nothing to read, no roster.
  const empty = [];
  for (let r = 1; r <= 200_000; r++) empty.push(`<row r="${r}"><c r="XFD${r}" s="1"/></row>`);
  add(
    '200,000 rows of empty cells in XFD',
    writeXlsx(at('sparse-empty.xlsx'), [{ name: 'Sheet1', xml: sheetXml(empty.join('')) }]),
    /没有找到花名册/,
  );

  // Truncated: a real workbook cut in half.
  const whole = at('whole.xlsx');
  await writeWorkbook(whole, [
    { name: '住户', header: HOUSEHOLD_HEADER.map(String), rows: [householdRow(1), householdRow(2)] },
  ]);
  const bytes = fs.readFileSync(whole);
  fs.writeFileSync(at('truncated.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  fs.rmSync(whole);
  add('truncated xlsx', at('truncated.xlsx'), /文件已损坏或不完整/);

  // Encrypted: Excel wraps a password-protected workbook in an OLE compound file.
  const cfb = (stream: string) =>
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1000),
      Buffer.from(stream, 'utf16le'),
      Buffer.alloc(3000),
    ]);
  fs.writeFileSync(at('encrypted.xlsx'), cfb('EncryptedPackage'));
  add('encrypted xlsx (OLE wrapper)', at('encrypted.xlsx'), /已加密/);
  writeXlsx(at('encrypted-entry.xlsx'), [{ name: '住户', xml: householdSheet(2), entry: { encrypted: true } }]);
  add('zip entry with the encryption flag', at('encrypted-entry.xlsx'), /已加密/);
  fs.writeFileSync(at('old-as-new.xlsx'), cfb('Workbook'));
  add('.xls renamed .xlsx', at('old-as-new.xlsx'), /97-2003/);
  fs.writeFileSync(
    at('report.xlsx'),
    zipBuffer([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]),
  );
  add('.docx renamed .xlsx', at('report.xlsx'), /Word 文档/);

  fs.writeFileSync(at('empty.xlsx'), '');
  add('empty file', at('empty.xlsx'), /空的/);
  fs.mkdirSync(at('folder.xlsx'));
  add('a folder as the path', at('folder.xlsx'), /文件夹/);

  // Entity expansion ("billion laughs") in the shared strings and in a sheet.
  const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
  writeXlsx(
    at('entities.xlsx'),
    [{ name: '住户', xml: sheetXml(header + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>') }],
    `<?xml version="1.0"?>${lol}<sst xmlns="${NS}"><si><t>&lol3;</t></si></sst>`,
  );
  add('entity expansion in shared strings', at('entities.xlsx'), /DTD 声明/);
  writeXlsx(at('entities-sheet.xlsx'), [
    {
      name: '住户',
      xml: sheetXml(`${header}<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row>`, lol),
    },
  ]);
  add('entity expansion in a sheet', at('entities-sheet.xlsx'), /DTD 声明/);

  // A cell of 40,000 characters (Excel's own limit is 32,767).
  writeXlsx(at('huge-cell.xlsx'), [
    { name: '住户', xml: sheetXml(header + rowXml(2, ['温水镇', '许坪村', '一组', '11010101', '王'.repeat(40_000)])) },
  ]);
  add(
    'a cell of 40,000 characters',
    at('huge-cell.xlsx'),
    /第 2 行 E 列的内容有 40,000 个字，超过了单元格的上限（32,767 个字/,
  );
  // A text node of 2 MB without a tag: refused as it streams, before it is held whole.
  writeXlsx(at('huge-token.xlsx'), [
    {
      name: '住户',
      xml: sheetXml(
        `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(2 * 1024 * 1024)}</t></is></c></row>`,
      ),
    },
  ]);
  add('a text node of 2 MB', at('huge-token.xlsx'), /超过 256 KB 而没有分隔/);

  const many = Array.from({ length: 300 }, (_, i) => ({ name: `村${i + 1}`, xml: householdSheet(1) }));
  add('300 sheets', writeXlsx(at('sheets.xlsx'), many), /工作表超过了上限（255 个）/);
  const parts = Array.from({ length: 12_000 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: '', store: true }));
  fs.writeFileSync(at('parts.xlsx'), zipBuffer([...xlsxItems([{ name: '住户', xml: householdSheet(1) }]), ...parts]));
  add('12,000 parts in the package', at('parts.xlsx'), /12,005 个部件，超过了上限（10,000 个）/);
  return cases;
}
