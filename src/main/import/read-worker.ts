/**
 * The reader thread: reads one file (reader.ts) and posts its rows to the main thread in
 * batches. It runs with a heap limit, so a file that gets past every limit ends this thread
 * (and the import, with a message) — never the app. At most WINDOW batches are in flight:
 * the main thread acknowledges each one it has parsed, so a fast reader cannot fill its memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import type { ReadLimits } from './limits';
import { readFileEvents } from './reader';
import type { SourceRow } from './source';

export interface ReaderInput {
  file: string;
  limits: ReadLimits;
}

export type ReaderMessage =
  | { type: 'sheet'; name: string }
  | { type: 'rows'; rows: SourceRow[] }
  | { type: 'progress'; done: number; total: number }
  | { type: 'end' }
  | { type: 'refused'; code: AppError['code']; message: string }
  | { type: 'failed'; message: string };

const WINDOW = 4;
const BATCH_ROWS = 2000;

const port = parentPort!;
let credits = WINDOW;
let waiting: (() => void) | null = null;
port.on('message', (m) => {
  if (m !== 'ack') return;
  credits += 1;
  waiting?.();
  waiting = null;
});

const post = (m: ReaderMessage) => port.postMessage(m);

async function sendRows(rows: SourceRow[]): Promise<void> {
  while (credits <= 0) await new Promise<void>((r) => (waiting = r));
  credits -= 1;
  post({ type: 'rows', rows });
}

async function run({ file, limits }: ReaderInput): Promise<void> {
  let batch: SourceRow[] = [];
  let lastProgress = 0;
  for await (const event of readFileEvents(file, limits)) {
    if (event.type === 'rows') {
      for (const row of event.rows) batch.push(row);
      if (batch.length < BATCH_ROWS) continue;
    } else if (event.type === 'progress') {
      const now = Date.now();
      if (now - lastProgress < 100 && event.done < event.total) continue;
      lastProgress = now;
    }
    if (batch.length) await sendRows(batch);
    batch = [];
    if (event.type !== 'rows') post(event);
  }
  if (batch.length) await sendRows(batch);
  post({ type: 'end' });
}

// Done either way: the port no longer keeps the thread alive (the main thread ends it too).
run(workerData as ReaderInput).then(
  () => port.unref(),
  (e: unknown) => {
    if (e instanceof AppError) post({ type: 'refused', code: e.code, message: e.message });
    else post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    port.unref();
  },
);
