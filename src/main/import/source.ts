/**
 * A roster file's rows, as the import pipeline sees them. The file is read in a thread of its
 * own (read-worker.ts → reader.ts) with a heap limit, within the limits of limits.ts, and its
 * rows arrive here in batches as they stream: the import parses them as they come (run.ts),
 * other callers may collect them (readSource).
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError } from '../errors';
import { inspectFile } from './inspect';
import { fmt, NOTHING_CHANGED, READ_LIMITS, type ReadLimits } from './limits';
import type { ReaderInput, ReaderMessage } from './read-worker';
import type { ReadEvent } from './row-sink';

export { columnLetter } from './columns';
export type { ReadEvent };

export type CellValue = string | number | Date | boolean | null;

export interface SourceRow {
  /** The spreadsheet's own row number (1-based). */
  rowNumber: number;
  /** Index 0 = column A; up to the last cell with content. */
  cells: CellValue[];
}

export interface SourceSheet {
  name: string;
  rows: SourceRow[];
}

export interface SourceFile {
  sheets: SourceSheet[];
}

export type Progress = (done: number, total: number) => void;

export interface SourceOptions {
  /** Tighter limits (tests); the defaults are READ_LIMITS. */
  limits?: Partial<ReadLimits>;
}

let sourceBundle: string | null = null;

/**
 * How the reader thread is started: from the built bundle (the app, the CLI), or, running from
 * the TypeScript sources (tests, tsx), from a bundle esbuild makes in memory once per process.
 */
function readerScript(): { script: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  const dir = path.dirname(fileURLToPath(here));
  if (here.endsWith('.ts')) {
    if (sourceBundle === null) {
      const esbuild = createRequire(here)('esbuild') as typeof import('esbuild');
      const out = esbuild.buildSync({
        entryPoints: [path.join(dir, 'read-worker.ts')],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'error',
      });
      sourceBundle = out.outputFiles[0]!.text;
    }
    return { script: sourceBundle, options: { eval: true } };
  }
  // Built: the CLI bundle keeps its chunks beside read-worker.mjs, the app's main bundle in chunks/.
  const candidates = ['read-worker.mjs', 'read-worker.js', '../read-worker.js', '../read-worker.mjs'];
  const found = candidates.map((c) => path.join(dir, c)).find((f) => fs.existsSync(f));
  if (!found) throw new Error(`reader thread script not found beside ${dir}`);
  return { script: pathToFileURL(found), options: {} };
}

function startReader(file: string, limits: ReadLimits): Worker {
  const { script, options } = readerScript();
  const workerData: ReaderInput = { file, limits };
  return new Worker(script, {
    ...options,
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
  });
}

function outOfMemory(file: string, limits: ReadLimits): AppError {
  return new AppError(
    'VALIDATION',
    `${path.basename(file)}：读取这个文件需要的内存超过了上限（${fmt(limits.heapMb)} MB），` +
      `文件过大或经过特殊构造，已停止读取。${NOTHING_CHANGED}请把花名册拆成几个文件分别导入。`,
  );
}

/**
 * The file's events (a sheet starts, its rows, progress) as the reader thread posts them.
 * Leaving the loop early ends the thread.
 */
export async function* readEvents(file: string, options: SourceOptions = {}): AsyncGenerator<ReadEvent> {
  const limits: ReadLimits = { ...READ_LIMITS, ...options.limits };
  // What is plainly not a roster (a folder, a PDF, an .xls…) is refused without starting a thread.
  inspectFile(file, limits);
  const worker = startReader(file, limits);
  const queue: ReaderMessage[] = [];
  // Set by the thread's events (a holder, so that the loop below reads them fresh).
  const state: { failure: (Error & { code?: string }) | null; exited: boolean } = { failure: null, exited: false };
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    state.failure = e;
    poke();
  });
  worker.on('exit', () => {
    state.exited = true;
    poke();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        const { failure } = state;
        if (failure) throw failure.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(file, limits) : failure;
        if (state.exited) throw new Error('reader thread exited without finishing');
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (m.type === 'end') return;
      if (m.type === 'refused') throw new AppError(m.code, m.message);
      if (m.type === 'failed') throw new Error(`reader thread failed: ${m.message}`);
      yield m;
      if (m.type === 'rows') worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}

/** Cells kept when a whole file is collected (a county roster: 500,000 rows × 13 columns = 6.5 million). */
const COLLECT_CELLS = 30_000_000;

/** Reads a whole file into memory: for the error workbook and tests; the import streams instead. */
export async function readSource(
  file: string,
  onProgress?: Progress,
  options: SourceOptions = {},
): Promise<SourceFile> {
  const sheets: SourceSheet[] = [];
  let cells = 0;
  for await (const event of readEvents(file, options)) {
    if (event.type === 'sheet') sheets.push({ name: event.name, rows: [] });
    else if (event.type === 'progress') onProgress?.(event.done, event.total);
    else {
      const rows = sheets[sheets.length - 1]!.rows;
      for (const row of event.rows) {
        cells += row.cells.length;
        if (cells > COLLECT_CELLS) {
          throw new AppError(
            'VALIDATION',
            `${path.basename(file)}：文件的单元格超过了一次读入的上限（${fmt(COLLECT_CELLS)} 个）。请把花名册拆成几个文件。`,
          );
        }
        rows.push(row);
      }
    }
  }
  return { sheets };
}
