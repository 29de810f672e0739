/**
 * Reads an .xlsx workbook's rows as they stream: the workbook and its relationships first,
 * then the shared strings and date styles, then each sheet in the workbook's order. Rows are
 * kept sparse in the XML sense: a formatted empty cell, even in column XFD, costs nothing; a
 * value beyond the column limit is refused where it is.
 */
import path from 'node:path';
import { AppError } from '../errors';
import { columnIndex } from './columns';
import { fmt } from './limits';
import type { ReadEvent, RowSink } from './row-sink';
import type { CellValue } from './source';
import { attr, parseXml, XmlFeeder, type XmlHandlers } from './xml';
import type { ZipArchive, ZipEntry } from './zip';

const EXCEL_MAX_ROW = 1_048_576;
const EXCEL_MAX_COLUMN = 16_384;

interface Relationship {
  type: string;
  target: string;
}

interface SheetRef {
  name: string;
  part: ZipEntry | undefined;
}

interface Book {
  sheets: SheetRef[];
  date1904: boolean;
  shared: ZipEntry | undefined;
  styles: ZipEntry | undefined;
}

/** A relationship target as a part name: relative to the part that names it, or absolute. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
}

function relsOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

async function readRels(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const entry = zip.entry(relsOf(part));
  if (!entry) return rels;
  await parseXml(zip.read(entry, '工作簿的关系表', zip.limits.metaBytes), zip.source('工作簿的关系表'), {
    open(name, a) {
      const id = attr(a, 'Id');
      const target = attr(a, 'Target');
      if (name === 'Relationship' && id && target && attr(a, 'TargetMode') !== 'External') {
        rels.set(id, { type: attr(a, 'Type') ?? '', target: resolvePart(part, target) });
      }
    },
    text() {},
    close() {},
  });
  return rels;
}

/** What a package without a workbook is, in words the clerk knows. */
function notAWorkbook(zip: ZipArchive): AppError {
  const what = zip.has('word/')
    ? '这是 Word 文档，不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。'
    : zip.has('ppt/')
      ? '这是 PowerPoint 演示文稿，不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。'
      : zip.entry('xl/workbook.bin')
        ? '这是 Excel 二进制工作簿（.xlsb），本软件不能直接读取。请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入。'
        : zip.entry('content.xml')
          ? '这是 WPS 或 LibreOffice 的 ODS 表格。请“另存为”Excel 工作簿（*.xlsx）后再导入。'
          : '文件扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的压缩包）。请用 Excel 或 WPS 打开确认后另存，再导入。';
  return new AppError('VALIDATION', `${zip.file}：${what}`);
}

async function readBook(zip: ZipArchive): Promise<Book> {
  const root = await readRels(zip, '');
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = office?.target ?? 'xl/workbook.xml';
  const workbook = zip.entry(workbookPart);
  if (!workbook) throw notAWorkbook(zip);
  const rels = await readRels(zip, workbookPart);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await parseXml(zip.read(workbook, '工作簿目录', zip.limits.metaBytes), zip.source('工作簿目录'), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(a, 'date1904') ?? '');
      if (name !== 'sheet') return;
      if (sheets.length >= zip.limits.sheets) {
        throw new AppError(
          'VALIDATION',
          `${zip.file}：工作簿中的工作表超过了上限（${zip.limits.sheets} 个）。请只保留花名册所在的工作表后再导入。`,
        );
      }
      const rel = rels.get(attr(a, 'id') ?? '');
      // Chart sheets and dialog sheets hold no rows.
      if (rel && !rel.type.endsWith('/worksheet')) return;
      sheets.push({ name: attr(a, 'name') ?? `Sheet${sheets.length + 1}`, part: rel && zip.entry(rel.target) });
    },
    text() {},
    close() {},
  });
  const byType = (suffix: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    return rel && zip.entry(rel.target);
  };
  return { sheets, date1904, shared: byType('/sharedStrings'), styles: byType('/styles') };
}

/** Excel's built-in date and time formats (ids 14–22, the CJK ones 27–36 and 50–58, 45–47). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let id = 50; id <= 58; id++) BUILTIN_DATES.add(id);

/** A custom number format shows a date or time when, outside quotes, brackets and escapes, it has y m d h s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index: does it show numbers as dates? */
async function readDateStyles(zip: ZipArchive, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const custom = new Map<number, boolean>();
  const xfs: boolean[] = [];
  let inCellXfs = false;
  await parseXml(zip.read(entry, '样式表', zip.limits.metaBytes), zip.source('样式表'), {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(attr(a, 'numFmtId')), isDateFormat(attr(a, 'formatCode') ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(a, 'numFmtId') ?? 0);
        xfs.push(custom.get(id) ?? BUILTIN_DATES.has(id));
      }
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs;
}

/** Shared strings, held once in this thread; rich text runs joined, phonetic guides (rPh) left out. */
async function readSharedStrings(zip: ZipArchive, entry: ZipEntry | undefined, sink: RowSink): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  const { limits } = zip;
  let chars = 0;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  const refuse = (what: string) =>
    new AppError('VALIDATION', `${zip.file}：${what}，不是正常的花名册文件。请把花名册拆成几个文件分别导入。`);
  await parseXml(zip.read(entry, '共享字符串表', limits.partBytes), zip.source('共享字符串表'), {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0 && current !== null;
      else if (name === 'rPh') phonetic += 1;
    },
    text(t) {
      if (!inText || current === null) return;
      current += t;
      if (current.length > limits.cellChars) sink.longText(`共享字符串表第 ${strings.length + 1} 条`, current.length);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current !== null) {
        chars += current.length;
        strings.push(current);
        current = null;
        if (strings.length > limits.sharedStrings)
          throw refuse(`共享字符串超过了上限（${fmt(limits.sharedStrings)} 条）`);
        if (chars > limits.sharedChars) throw refuse(`共享字符串的总字数超过了上限（${fmt(limits.sharedChars)} 个字）`);
      }
    },
  });
  return strings;
}

/** Excel serial day numbers to dates, as exceljs did (UTC midnight). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400 * 1000));
}

/** Turns one sheet part's cells into rows, handing each finished row to the sink. */
class SheetRows implements XmlHandlers {
  private rowNumber = 0;
  private cells: CellValue[] = [];
  private inRow = false;
  private column = 0;
  private type = 'n';
  private style = 0;
  private v: string | null = null;
  private inline: string | null = null;
  private buffer: string | null = null;
  private phonetic = 0;

  constructor(
    private readonly sheet: string,
    private readonly shared: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly sink: RowSink,
  ) {}

  private damaged(what: string): never {
    throw new AppError('VALIDATION', `${this.sink.file}：文件已损坏（工作表“${this.sheet}”${what}）。`);
  }

  open(name: string, a: Record<string, string>): void {
    if (name === 'row') {
      const r = a.r;
      this.rowNumber = r ? Number(r) : this.rowNumber + 1;
      if (!Number.isInteger(this.rowNumber) || this.rowNumber < 1 || this.rowNumber > EXCEL_MAX_ROW)
        this.damaged(`的行号“${r}”超出了 Excel 的范围（1–${fmt(EXCEL_MAX_ROW)}）`);
      this.cells = [];
      this.column = 0;
      this.inRow = true;
    } else if (name === 'c') {
      const ref = a.r;
      if (ref) {
        const c = columnIndex(ref);
        if (c < 0 || c >= EXCEL_MAX_COLUMN) this.damaged(`第 ${this.rowNumber} 行的单元格地址“${ref}”不正确`);
        this.column = c;
      }
      this.type = a.t ?? 'n';
      this.style = a.s ? Number(a.s) : 0;
      this.v = null;
      this.inline = null;
    } else if (name === 'v') this.buffer = '';
    else if (name === 'is') this.inline = '';
    else if (name === 't' && this.inline !== null && this.phonetic === 0) this.buffer = '';
    else if (name === 'rPh') this.phonetic += 1;
  }

  text(t: string): void {
    if (this.buffer === null) return;
    this.buffer += t;
    if (this.buffer.length > this.sink.limits.cellChars)
      this.sink.longCell(this.sheet, this.rowNumber, this.column, this.buffer.length);
  }

  close(name: string): void {
    if (name === 'v') {
      this.v = this.buffer;
      this.buffer = null;
    } else if (name === 't' && this.buffer !== null && this.inline !== null) {
      this.inline += this.buffer;
      this.buffer = null;
    } else if (name === 'rPh') this.phonetic -= 1;
    else if (name === 'c') {
      const value = this.inRow ? this.value() : null;
      if (value !== null) {
        this.sink.cell(this.sheet, this.rowNumber, this.column, value);
        this.cells[this.column] = value;
      }
      this.column += 1;
    } else if (name === 'row') {
      this.sink.row(this.sheet, this.rowNumber, this.cells);
      this.inRow = false;
    }
  }

  private value(): CellValue {
    const v = this.v;
    switch (this.type) {
      case 's':
        return v === null ? null : this.shared[Number(v)] || null;
      case 'str':
        return v || null;
      case 'inlineStr':
        return this.inline || v || null;
      case 'b':
        return v === null || v === '' ? null : v === '1' || v.toLowerCase() === 'true';
      case 'e':
        return null;
      case 'd': {
        if (!v) return null;
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        if (v === null || v.trim() === '') return null;
        const n = Number(v);
        if (Number.isNaN(n)) return v;
        if (!this.dateStyles[this.style]) return n;
        // A long number (an ID) in a date-formatted column is no date: the number, as Excel holds it.
        const d = excelDate(n, this.date1904);
        return Number.isNaN(d.getTime()) ? n : d;
      }
    }
  }
}

/** Every sheet's rows, in the workbook's order, as they stream. */
export async function* readXlsx(zip: ZipArchive, sink: RowSink, fileSize: number): AsyncGenerator<ReadEvent> {
  const book = await readBook(zip);
  const dateStyles = await readDateStyles(zip, book.styles);
  const shared = await readSharedStrings(zip, book.shared, sink);
  const sheetBytes = book.sheets.reduce((n, s) => n + (s.part?.compressedSize ?? 0), 0);
  let done = 0;
  for (const sheet of book.sheets) {
    yield { type: 'sheet', name: sheet.name };
    if (!sheet.part) continue;
    const label = `工作表“${sheet.name}”`;
    const feeder = new XmlFeeder(zip.source(label), new SheetRows(sheet.name, shared, dateStyles, book.date1904, sink));
    let seen = 0;
    for await (const chunk of zip.read(sheet.part, label, zip.limits.partBytes)) {
      feeder.write(chunk);
      const rows = sink.take();
      if (rows.length) yield { type: 'rows', rows };
      seen += chunk.length;
      // Progress in compressed bytes of all sheets, estimated within a sheet from what it has decompressed.
      const within = sheet.part.size ? (seen / sheet.part.size) * sheet.part.compressedSize : 0;
      yield { type: 'progress', done: Math.round(done + within), total: sheetBytes || fileSize };
    }
    feeder.end();
    const rows = sink.take();
    if (rows.length) yield { type: 'rows', rows };
    done += sheet.part.compressedSize;
  }
}
