/**
 * What a file is, from its bytes (extensions lie), before anything reads it: a folder, an empty
 * file, a PDF, an old .xls, an encrypted workbook are refused here with a message saying so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { fmtBytes, type ReadLimits } from './limits';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const XLS =
  '这是旧版 Excel 97-2003 工作簿（.xls），本软件不能直接读取。请用 Excel 或 WPS 打开，' +
  '“另存为”Excel 工作簿（*.xlsx）后再导入。';

/** What a file really is, from its first bytes (extensions lie). */
export function sniff(head: Buffer, fileName: string): 'xlsx' | 'csv' | 'cfb' | { problem: string } {
  const ext = path.extname(fileName).toLowerCase();
  if (head.subarray(0, 8).equals(CFB_MAGIC)) return 'cfb';
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    if (ext === '.docx') return { problem: '这是 Word 文档，不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。' };
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

/**
 * An OLE compound file is an old .xls, an old .doc, or an encrypted .xlsx (Excel wraps a
 * password-protected workbook in one): its stream names, in UTF-16, say which.
 */
function compoundFileProblem(filePath: string, size: number): string {
  const fd = fs.openSync(filePath, 'r');
  const part = (position: number) => {
    const buf = Buffer.alloc(Math.min(1024 * 1024, size));
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, position));
  };
  let bytes: Buffer;
  try {
    bytes = Buffer.concat([part(0), part(Math.max(0, size - 1024 * 1024))]);
  } finally {
    fs.closeSync(fd);
  }
  const has = (name: string) => bytes.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage')) {
    return '工作簿已加密（设置了打开密码），无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿）后另存，再导入。';
  }
  if (has('WordDocument')) return '这是旧版 Word 文档（.doc），不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。';
  if (has('PowerPoint Document')) return '这是 PowerPoint 演示文稿，不是 Excel 表格。请导入 .xlsx 工作簿或 .csv 文件。';
  return XLS;
}

/** The file as a regular file within the size limit, else a message saying what it is. */
function openable(filePath: string, limits: ReadLimits): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new AppError('NOT_FOUND', `找不到或无法打开文件：${filePath}`);
  }
  if (stat.isDirectory())
    throw new AppError('VALIDATION', `这是一个文件夹，不是文件：${filePath}。请选择要导入的花名册文件。`);
  if (!stat.isFile()) throw new AppError('VALIDATION', `这不是普通文件，不能导入：${filePath}`);
  if (stat.size > limits.fileBytes) {
    throw new AppError(
      'VALIDATION',
      `${path.basename(filePath)}：文件有 ${fmtBytes(stat.size)}，超过了导入文件的上限（${fmtBytes(limits.fileBytes)}）。` +
        '请把花名册拆成几个文件分别导入。',
    );
  }
  return stat.size;
}

function readHead(filePath: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch {
    throw new AppError('NOT_FOUND', `找不到或无法打开文件：${filePath}`);
  }
  try {
    const head = Buffer.alloc(4096);
    return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

export interface Inspected {
  kind: 'xlsx' | 'csv';
  size: number;
  /** The first 4 KB. */
  head: Buffer;
}

/** A regular file within the size limit that is an xlsx workbook or a text file; else refused. */
export function inspectFile(filePath: string, limits: ReadLimits): Inspected {
  const size = openable(filePath, limits);
  const head = readHead(filePath);
  const name = path.basename(filePath);
  const kind = sniff(head, filePath);
  if (kind === 'cfb') throw new AppError('VALIDATION', `${name}：${compoundFileProblem(filePath, size)}`);
  if (typeof kind === 'object') throw new AppError('VALIDATION', `${name}：${kind.problem}`);
  return { kind, size, head };
}
