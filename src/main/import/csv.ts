/**
 * Reads a .csv (or Excel's "Unicode text") roster as it streams: UTF-8 with or without BOM,
 * GBK (what Excel saves on Chinese Windows), UTF-16 with a BOM or recognisable without one;
 * commas, or tabs when the first line has more tabs than commas.
 */
import fs from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../errors';
import { fmt } from './limits';
import type { ReadEvent, RowSink } from './row-sink';
import type { CellValue } from './source';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

/** UTF-16 without a BOM: ASCII letters leave a zero byte beside them, every other byte. */
function utf16Without(head: Buffer): Encoding | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (head.length < 4 || (even + odd) * 4 < head.length) return null;
  return odd > even ? 'utf-16le' : 'utf-16be';
}

/** UTF-8 when the whole file decodes cleanly, else GBK. */
async function encodingOf(file: string, head: Buffer): Promise<Encoding> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const wide = utf16Without(head);
  if (wide) return wide;
  const check = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file)) check.decode(chunk as Buffer, { stream: true });
    check.decode();
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

function csvProblem(file: string, e: unknown, limit: number): AppError {
  const err = e as { code?: string; lines?: number; message?: string };
  if (err.code === 'CSV_MAX_RECORD_SIZE') {
    return new AppError(
      'VALIDATION',
      `${file}：CSV 文件第 ${err.lines ?? '?'} 行附近有一段内容超过 ${fmt(limit)} 个字而没有分隔（可能是引号没有配对），` +
        '超过了单元格内容的上限。',
    );
  }
  return new AppError('VALIDATION', `${file}：CSV 文件格式有误：${err.message ?? String(e)}`);
}

export async function* readCsv(
  filePath: string,
  sheet: string,
  head: Buffer,
  sink: RowSink,
  size: number,
): AsyncGenerator<ReadEvent> {
  const encoding = await encodingOf(filePath, head);
  const decoder = new TextDecoder(encoding);
  let read = 0;
  async function* text() {
    for await (const chunk of fs.createReadStream(filePath)) {
      read += (chunk as Buffer).length;
      yield decoder.decode(chunk as Buffer, { stream: true });
    }
    yield decoder.decode();
  }
  // A partly decoded last character of the head does not matter for counting separators.
  const line = new TextDecoder(encoding).decode(head).split(/\r?\n/, 1)[0] ?? '';
  const tabs = line.split('\t').length;
  const source = Readable.from(text());
  const parser = parse({
    delimiter: tabs > line.split(',').length ? '\t' : ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: sink.limits.tokenBytes,
  });
  pipeline(source, parser, () => {});
  yield { type: 'sheet', name: sheet };
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      index += 1;
      const cells: CellValue[] = new Array<CellValue>(record.length);
      for (let i = 0; i < record.length; i++) {
        const v = record[i] === '' ? null : (record[i] ?? null);
        if (v !== null) sink.cell(sheet, index, i, v);
        cells[i] = v;
      }
      sink.row(sheet, index, cells);
      if (index % 2000 === 0) {
        yield { type: 'rows', rows: sink.take() };
        yield { type: 'progress', done: read, total: size };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw csvProblem(sink.file, e, sink.limits.tokenBytes);
  } finally {
    source.destroy();
  }
  const rows = sink.take();
  if (rows.length) yield { type: 'rows', rows };
}
