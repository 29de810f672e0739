/**
 * ID numbers and phones stay out of messages and logs: an import error shows 610327********8400,
 * never the 16 digits Excel kept; the dispatcher's and the CLI's error paths log them masked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { dispatch } from '../../src/main/ipc/dispatch';
import { handlers, type HandlerTable } from '../../src/main/ipc/handlers';
import { defaultDataDir } from '../../src/main/paths';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';
import { writeWorkbook } from '../helpers/xlsx';

const ID = makeId('1990-01-01', 84, '男');
const PHONE = '13912345678';
/** Seven digits in a row: more of an ID number or a mobile than a clerk needs to find the row. */
const TOO_MANY_DIGITS = /\d{7,}/;

let app: TestApp;
let dir: string;
let logged: string[];
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await app.close();
});

const HEADER = ['镇', '村', '组', '网格编码', '户主姓名', '身份证号', '联系电话', '家庭住址', '家庭人口'];

/** Row 2: the ID Excel stored as a number (6.10327199001018E+17); row 3: an ID typed as the name. */
async function rosterWithIdsInMessages(): Promise<string> {
  const file = path.join(dir, '住户.xlsx');
  await writeWorkbook(file, [
    {
      name: '住户',
      header: HEADER,
      rows: [
        ['温水镇', '许坪村', '一组', '11010101', '王强', Number(ID), PHONE, '许坪村一组3号', 4],
        ['温水镇', '许坪村', '一组', '11010101', ID, makeId('1990-01-01', 85, '女'), '', '许坪村一组5号', 2],
      ],
      textColumns: [3, 6],
    },
  ]);
  return file;
}

describe('masked ID numbers in messages', () => {
  it('an import error shows the ID masked, as the clerk needs it to find the row', async () => {
    const file = await rosterWithIdsInMessages();
    const r = await app.call('import/analyze', { file });
    const stored = r.errors.find((e) => e.row === 2)!;
    expect(stored).toMatchObject({ column: '身份证号', message: expect.stringContaining('存成了数字') });
    // As Excel shows the number: six significant digits, no more of the ID than its region.
    expect(stored.message).toContain('（这一格是数字 6.10327E+17）');
    const named = r.errors.find((e) => e.row === 3)!;
    expect(named.column).toBe('户主姓名');
    expect(named.message).toContain(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    for (const e of r.errors) expect(e.message).not.toMatch(TOO_MANY_DIGITS);
  });

  it('the CLI prints the same masked messages, and the error workbook carries them', async () => {
    const file = await rosterWithIdsInMessages();
    const db = path.join(dir, 'cli.sqlite');
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      resourcesDir: '',
      version: 't',
    };
    expect(await runCli(['import', file, '--dry-run', '--db', db], io)).toBe(1);
    const errorsOut = path.join(dir, 'errors.xlsx');
    await runCli(['import', file, '--dry-run', '--json', '--db', db, '--errors-out', errorsOut], io);
    expect(out.join('')).toContain('存成了数字');
    expect(out.join('')).not.toMatch(TOO_MANY_DIGITS);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(errorsOut);
    const ws = wb.worksheets[0]!;
    const notes = [2, 3].map((r) => String(ws.getRow(r).getCell(HEADER.length + 1).value));
    expect(notes[0]).toContain('存成了数字');
    for (const n of notes) expect(n).not.toMatch(TOO_MANY_DIGITS);
  });

  it('the 操作日志 export masks a summary logged in clear before masking was the rule', async () => {
    await app.ctx.handle.db
      .insertInto('audit_log')
      .values({
        at: new Date().toISOString(),
        actor: '张三',
        handler: 'workers/create',
        action: '新增网格员',
        entity: '网格员',
        entity_id: 1,
        summary: `王强，电话 ${PHONE}，身份证号 ${ID}`,
        counts: null,
      })
      .execute();
    const out = path.join(dir, 'log.xlsx');
    await app.call('audit/export', { out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const text = wb.worksheets[0]!.getRow(4).values!.toString();
    expect(text).toContain('王强');
    expect(text).toContain(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    expect(text).not.toMatch(TOO_MANY_DIGITS);
  });
});

describe('logs', () => {
  const leaky = () => new Error(`row for ${ID} (phone ${PHONE}) failed`);

  it("the dispatcher's log of an internal error masks IDs and phones", async () => {
    const table: HandlerTable = {
      ...handlers,
      'stats/get': async () => {
        throw leaky();
      },
    };
    const r = await dispatch(app.ctx, 'stats/get', {}, table);
    expect(!r.ok && r.error.code).toBe('INTERNAL');
    expect(logged.join('\n')).toContain('failed');
    expect(logged.join('\n')).not.toMatch(TOO_MANY_DIGITS);
  });

  it("the CLI's internal-error path masks them too, in its message and its log", async () => {
    const out: string[] = [];
    const code = await runCli(['stats', '--json', '--db', app.dbPath], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      resourcesDir: '',
      version: 't',
      dispatch: () => {
        throw leaky();
      },
    });
    expect(code).toBe(70);
    const json = JSON.parse(out.join('')) as { ok: boolean; error: { code: string; message: string } };
    expect(json.error.code).toBe('INTERNAL');
    expect(json.error.message).toContain(`${ID.slice(0, 6)}********`);
    expect(json.error.message).toContain('139****5678');
    expect([...out, ...logged].join('\n')).not.toMatch(TOO_MANY_DIGITS);
  });
});

describe('the data folder', () => {
  const saved = process.env.XDG_CONFIG_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
  });

  it.runIf(process.platform === 'linux')('an empty XDG_CONFIG_HOME counts as unset, not as the current folder', () => {
    process.env.XDG_CONFIG_HOME = '';
    expect(defaultDataDir()).toBe(path.join(os.homedir(), '.config', 'GridDesk'));
    process.env.XDG_CONFIG_HOME = '   ';
    expect(defaultDataDir()).toBe(path.join(os.homedir(), '.config', 'GridDesk'));
    const custom = tempDir();
    process.env.XDG_CONFIG_HOME = custom;
    expect(defaultDataDir()).toBe(path.join(custom, 'GridDesk'));
    expect(path.isAbsolute(defaultDataDir())).toBe(true);
    fs.rmSync(custom, { recursive: true, force: true });
  });
});
