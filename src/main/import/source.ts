/**
 * Reads a roster file into plain rows: .xlsx (streamed, so a county's workbook fits in memory)
 * or .csv in UTF-8 or GBK. Anything else gets a clear Chinese message saying what it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../errors';

export type CellValue = string | number | Date | boolean | null;

export interface SourceRow {
  /** The spreadsheet's own row number (1-based). */
  rowNumber: number;
  /** Index 0 = column A. */
  cells: CellValue[];
}

export interface SourceSheet {
  name: string;
  rows: SourceRow[];
}

export interface SourceFile {
  kind: 'xlsx' | 'csv';
  sheets: SourceSheet[];
}

export type Progress = (done: number, total: number) => void;

const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** What a file really is, from its first bytes (extensions lie). */
export function sniff(head: Buffer, fileName: string): 'xlsx' | 'csv' | { problem: string } {
  const ext = path.extname(fileName).toLowerCase();
  if (head.subarray(0, 8).equals(XLS_MAGIC)) {
    return {
      problem:
        '这是旧版 Excel 97-2003 工作簿（.xls），本软件不能直接读取。请用 Excel 或 WPS 打开，' +
        '“另存为”Excel 工作簿（*.xlsx）后再导入。',
    };
  }
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    if (ext === '.docx' || head.includes(Buffer.from('word/'))) {
      return { problem: '这是 Word 文档，不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。' };
    }
    return 'xlsx';
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    return { problem: '这是 PDF 文件，不能导入。请导入 Excel 工作簿（.xlsx）或 CSV 文件。' };
  }
  if (head.length === 0) return { problem: '文件是空的（0 字节）。' };
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx')
    return { problem: '文件扩展名是 .xlsx，但内容不是 Excel 工作簿，可能已损坏。请重新保存后再导入。' };
  return {
    problem: `不支持的文件类型（${ext || '无扩展名'}）。请导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv，UTF-8 或 GBK 编码）。`,
  };
}

/** Turns an exceljs cell value into a plain value (rich text, formulas, hyperlinks flattened). */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return plainValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

async function readXlsx(file: string, onProgress?: Progress): Promise<SourceSheet[]> {
  const total = fs.statSync(file).size;
  const stream = fs.createReadStream(file);
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sheets: SourceSheet[] = [];
  try {
    for await (const ws of reader) {
      const sheet: SourceSheet = {
        name: (ws as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`,
        rows: [],
      };
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainValue(values[i]));
        sheet.rows.push({ rowNumber: row.number, cells });
        if (sheet.rows.length % 5000 === 0) {
          onProgress?.(read, total);
          await new Promise((r) => setImmediate(r));
        }
      }
      sheets.push(sheet);
    }
  } catch (e) {
    throw new AppError(
      'VALIDATION',
      `无法读取该 Excel 文件，文件可能已损坏或被加密：${e instanceof Error ? e.message : String(e)}`,
    );
  }
  onProgress?.(total, total);
  return sheets;
}

/** UTF-8 (with or without BOM) when it decodes cleanly, else GBK (what Excel saves on Chinese Windows). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gbk').decode(buf);
  }
}

function readCsv(file: string, buf: Buffer): SourceSheet[] {
  const text = decodeText(buf);
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    throw new AppError('VALIDATION', `CSV 文件格式有误：${e instanceof Error ? e.message : String(e)}`);
  }
  return [
    {
      name: path.basename(file, path.extname(file)),
      rows: records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })),
    },
  ];
}

export async function readSource(file: string, onProgress?: Progress): Promise<SourceFile> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new AppError('NOT_FOUND', `找不到或无法打开文件：${file}`);
  }
  const head = Buffer.alloc(4096);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const kind = sniff(head.subarray(0, n), file);
  if (typeof kind === 'object') throw new AppError('VALIDATION', `${path.basename(file)}：${kind.problem}`);
  if (kind === 'csv') return { kind, sheets: readCsv(file, fs.readFileSync(file)) };
  return { kind, sheets: await readXlsx(file, onProgress) };
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
