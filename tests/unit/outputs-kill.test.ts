/**
 * kill -9 while the built CLI writes a PDF or a workbook over a good file: afterwards the target
 * is the old file byte for byte or a complete new one, never a broken file; the temp file a
 * killed run leaves is removed by the next start-up.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const root = path.resolve(__dirname, '../..');
// Its own build: cli.test.ts rebuilds out/cli/ while this file may be running.
const outdir = path.join(root, 'out', `cli-kill-test-${process.pid}`);
let cli: string;
let dir: string;
let db: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { encoding: 'utf8' });
  expect(r.stderr.replace(/^提示：.*\n/gm, '')).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  cli = await (buildCli as (outdir: string) => Promise<string>)(outdir);
  dir = tempDir('griddesk-kill-');
  db = path.join(dir, 'demo.sqlite');
  run(['demo', '--townships', '2']);
}, 120_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const ourTemps = () => fs.readdirSync(dir).filter((f) => f.includes('.griddesk-tmp-'));

/**
 * Runs the CLI and, once it starts writing (a temp file appears or the target changes), kills it
 * with SIGKILL `offset` ms later — if it is still running. Timing from the start of the write
 * rather than of the process keeps the kills inside the write on a slow or busy machine.
 */
function killWhileWriting(args: string[], target: string, offset: number): Promise<{ killed: boolean }> {
  const before = fs.statSync(target);
  const changed = () => {
    const now = fs.statSync(target, { throwIfNoEntry: false });
    return !now || now.size !== before.size || now.mtimeMs !== before.mtimeMs;
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '--db', db], { stdio: 'ignore' });
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (timer || (ourTemps().length === 0 && !changed())) return;
      clearInterval(poll);
      timer = setTimeout(() => child.kill('SIGKILL'), offset);
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

async function pdfPages(file: string): Promise<number> {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(-32).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}

async function workbookRows(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.reduce((n, ws) => n + ws.actualRowCount, 0);
}

/**
 * Writes `target` once to completion (the "new" file), then, each time with the old file back in
 * place, kills runs at several points of the write. Returns what the kills left.
 */
async function killLoop(
  args: string[],
  target: string,
  old: Buffer,
  complete: (file: string) => Promise<number>,
): Promise<{ killed: number; oldKept: number; newWritten: number; tempsSeen: number }> {
  run(args);
  const expected = await complete(target);
  const tally = { killed: 0, oldKept: 0, newWritten: 0, tempsSeen: 0 };
  for (const offset of [0, 30, 100, 250, 600]) {
    fs.writeFileSync(target, old);
    fs.utimesSync(target, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const r = await killWhileWriting(args, target, offset);
    if (r.killed) tally.killed += 1;
    const now = fs.readFileSync(target);
    if (now.equals(old)) tally.oldKept += 1;
    else {
      expect(await complete(target), `killed ${offset} ms into the write`).toBe(expected);
      tally.newWritten += 1;
    }
    tally.tempsSeen += ourTemps().length;
    // The next start-up (any command on this database) removes what the killed run left.
    run(['stats']);
    expect(ourTemps()).toEqual([]);
  }
  return tally;
}

describe('outputs survive kill -9', () => {
  it('print cards: the old PDF or a complete new one, never a broken file', async () => {
    const target = path.join(dir, '联系卡.pdf');
    run(['print', 'cards', '--grid', '010101', '--out', target]);
    const old = fs.readFileSync(target);
    const tally = await killLoop(['print', 'cards', '--grid', '01', '--out', target], target, old, pdfPages);
    expect(tally.killed).toBeGreaterThanOrEqual(3);
    expect(tally.oldKept).toBeGreaterThanOrEqual(1);
    expect(tally.tempsSeen).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('export households: the old workbook or a complete new one, never a broken file', async () => {
    const target = path.join(dir, '住户花名册.xlsx');
    run(['template', '--out', target]);
    const old = fs.readFileSync(target);
    const tally = await killLoop(['export', 'households', '--one-sheet', '--out', target], target, old, workbookRows);
    expect(tally.killed).toBeGreaterThanOrEqual(3);
    expect(tally.oldKept).toBeGreaterThanOrEqual(1);
    expect(tally.tempsSeen).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
