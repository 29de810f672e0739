/**
 * Reads a roster file's rows, within limits, as events (a sheet starts, rows, progress). It
 * runs in the reader thread (read-worker.ts); tests may call it directly.
 */
import path from 'node:path';
import { readCsv } from './csv';
import { inspectFile } from './inspect';
import type { ReadLimits } from './limits';
import { RowSink, type ReadEvent } from './row-sink';
import { readXlsx } from './xlsx';
import { ZipArchive } from './zip';

export async function* readFileEvents(filePath: string, limits: ReadLimits): AsyncGenerator<ReadEvent> {
  const { kind, size, head } = inspectFile(filePath, limits);
  const name = path.basename(filePath);
  const sink = new RowSink(name, limits);
  if (kind === 'csv') {
    yield* readCsv(filePath, path.basename(filePath, path.extname(filePath)), head, sink, size);
  } else {
    yield* readXlsx(ZipArchive.open(filePath, name, limits), sink, size);
  }
  yield { type: 'progress', done: size, total: size };
}
