/**
 * Reads the parts of an xlsx package (a zip file) from its central directory, within limits:
 * declared sizes are checked before anything is decompressed, actual sizes while it is, so a
 * zip bomb is refused after a few bytes and never reaches memory or the disk. Parts are read in
 * any order the caller asks for (exceljs's streaming reader, which reads the zip front to back,
 * had to park sheets in temporary files until it reached the shared strings).
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { fmt, fmtBytes, type ReadLimits } from './limits';
import type { XmlSource } from './xml';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

/** A part's name as the clerk may recognise it in a message. */
export type PartLabel = string;

const damaged = (file: string, why: string) =>
  new AppError('VALIDATION', `${file}：文件已损坏或不完整（${why}），可能下载或复制时中断。请重新获取文件后再导入。`);

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/** Where the central directory is and how many entries it lists (zip64 aware). */
function findDirectory(fd: number, size: number, file: string): { offset: number; length: number; count: number } {
  const tailLength = Math.min(size, 22 + MAX_COMMENT);
  const tail = readAt(fd, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged(file, '找不到工作簿的目录');
  let count = tail.readUInt16LE(at + 10);
  let length = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || length === 0xffffffff || offset === 0xffffffff) {
    const locatorAt = size - tailLength + at - 20;
    const locator = locatorAt >= 0 ? readAt(fd, locatorAt, 20) : Buffer.alloc(0);
    if (locator.length < 20 || locator.readUInt32LE(0) !== EOCD64_LOCATOR) throw damaged(file, '目录记录不完整');
    const record = readAt(fd, Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== EOCD64) throw damaged(file, '目录记录不完整');
    count = Number(record.readBigUInt64LE(32));
    length = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (offset + length > size) throw damaged(file, '目录超出了文件末尾');
  return { offset, length, count };
}

/** Sizes and offset stored as 0xFFFFFFFF live in the zip64 extra field, in this order. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const next = () => {
        const v = p + 8 <= i + 4 + len && p + 8 <= extra.length ? Number(extra.readBigUInt64LE(p)) : NaN;
        p += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    i += 4 + len;
  }
}

function parseDirectory(dir: Buffer, count: number, file: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw damaged(file, '目录记录有误');
    const flags = dir.readUInt16LE(p + 8);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: dir.readUInt16LE(p + 10),
      flags,
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
    };
    applyZip64(entry, dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    if (![entry.size, entry.compressedSize, entry.localOffset].every(Number.isSafeInteger))
      throw damaged(file, '目录记录有误');
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readBytes = 0;

  private constructor(
    private readonly path: string,
    /** The file's name, at the start of every message. */
    readonly file: string,
    private readonly fileSize: number,
    readonly entries: readonly ZipEntry[],
    readonly limits: ReadLimits,
  ) {
    // Part names in a package are case-insensitive.
    for (const e of entries) this.byName.set(e.name.toLowerCase(), e);
  }

  static open(path: string, file: string, limits: ReadLimits): ZipArchive {
    const fd = fs.openSync(path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const { offset, length, count } = findDirectory(fd, size, file);
      if (count > limits.zipEntries) {
        throw new AppError(
          'VALIDATION',
          `${file}：工作簿内含 ${fmt(count)} 个部件，超过了上限（${fmt(limits.zipEntries)} 个），不是正常的 Excel 文件。`,
        );
      }
      // Each entry takes at least 46 bytes: a directory longer than that for its count is not one.
      if (length > count * (46 + 3 * 0xffff)) throw damaged(file, '目录记录有误');
      const entries = parseDirectory(readAt(fd, offset, length), count, file);
      return new ZipArchive(path, file, size, entries, limits);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** How a part is named in messages, for the XML reader. */
  source(label: PartLabel): XmlSource {
    return { file: this.file, label, tokenBytes: this.limits.tokenBytes };
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  has(prefix: string): boolean {
    return this.entries.some((e) => e.name.toLowerCase().startsWith(prefix));
  }

  /** Refuses, before decompressing anything, a part that is encrypted, too large or a bomb. */
  private check(entry: ZipEntry, label: PartLabel, maxBytes: number): void {
    const { file, limits } = this;
    if (entry.flags & 0x1 || entry.method === 99) {
      throw new AppError(
        'VALIDATION',
        `${file}：工作簿已加密（设置了打开密码），无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new AppError(
        'VALIDATION',
        `${file}：${label}使用了不支持的压缩方式（${entry.method}），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
      );
    }
    if (entry.size > maxBytes) {
      throw new AppError(
        'VALIDATION',
        `${file}：${label}解压后有 ${fmtBytes(entry.size)}，超过了单个部件的上限（${fmtBytes(maxBytes)}）。` +
          '正常的花名册远小于此；请检查文件，或把它拆成几个文件分别导入。',
      );
    }
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > limits.ratioFloor && ratio > limits.ratio) {
      throw new AppError(
        'VALIDATION',
        `${file}：${label}的压缩比为 ${Math.round(ratio)} 倍，超过了上限（${limits.ratio} 倍）。` +
          '这不是 Excel 保存的正常文件（可能是“压缩炸弹”），已拒绝读取。',
      );
    }
    if (entry.localOffset + 30 + entry.compressedSize > this.fileSize) throw damaged(file, `${label}超出了文件末尾`);
  }

  /** The part's bytes, decompressed as they are read; never more than declared or allowed. */
  async *read(entry: ZipEntry, label: PartLabel, maxBytes: number): AsyncGenerator<Buffer> {
    this.check(entry, label, maxBytes);
    const { file, limits } = this;
    const fd = fs.openSync(this.path, 'r');
    let header: Buffer;
    try {
      header = readAt(fd, entry.localOffset, 30);
    } finally {
      fs.closeSync(fd);
    }
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw damaged(file, `${label}的记录有误`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) return;
    const raw = fs.createReadStream(this.path, { start, end: start + entry.compressedSize - 1 });
    const stream = entry.method === 8 ? pipeline(raw, zlib.createInflateRaw(), () => {}) : raw;
    let seen = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        seen += chunk.length;
        this.readBytes += chunk.length;
        // A part that decompresses to more than its directory says is a bomb or damaged: stop now.
        if (seen > entry.size) throw damaged(file, `${label}解压后的大小与记录不符`);
        if (this.readBytes > limits.totalBytes) {
          throw new AppError(
            'VALIDATION',
            `${file}：解压后的内容超过了 ${fmtBytes(limits.totalBytes)} 的上限，不是正常的花名册文件。`,
          );
        }
        yield chunk;
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw damaged(file, `${label}无法解压`);
    } finally {
      raw.destroy();
    }
    if (seen !== entry.size) throw damaged(file, `${label}解压后的大小与记录不符`);
  }
}
