/**
 * Every output is written beside its target and renamed over it: a failure or a cancel leaves the
 * file that was there; temp files of a dead process are removed at the next start.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerInput, HandlerName } from '../../src/shared/api';
import { AppError } from '../../src/main/errors';
import { cleanStaleTemps, tempPathFor, writeAtomically } from '../../src/main/files/atomic';
import { fontFile } from '../../src/main/pdf/fonts';
import { printCards } from '../../src/main/services/print/print';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { makeId } from '../helpers/people';

const posix = process.platform !== 'win32';
const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.griddesk-tmp-'));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('writeAtomically', () => {
  it('replaces the target only once the write is complete, keeping its permissions', async () => {
    const dir = tempDir();
    const target = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(target, 'old');
    if (posix) fs.chmodSync(target, 0o640);
    await writeAtomically(target, async (tmp) => {
      expect(path.dirname(tmp)).toBe(dir);
      expect(path.basename(tmp)).toMatch(/^\.花名册\.xlsx\.griddesk-tmp-\d+-\d+$/);
      if (posix) expect(mode(tmp)).toBe(0o600);
      fs.writeFileSync(tmp, 'new');
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    if (posix) expect(mode(target)).toBe(0o640);
    expect(temps(dir)).toEqual([]);
  });

  it('creates a new file readable by the user only', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'new.pdf');
    await writeAtomically(target, async (tmp) => fs.writeFileSync(tmp, 'x'));
    if (posix) expect(mode(target)).toBe(0o600);
  });

  it('on a failure or a cancel leaves the old file and no temp file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'cards.pdf');
    fs.writeFileSync(target, 'old');
    const failed = writeAtomically(target, async (tmp) => {
      fs.writeFileSync(tmp, 'half');
      throw new Error('disk on fire');
    });
    await expect(failed).rejects.toThrow('disk on fire');
    const cancelled = writeAtomically(target, async (tmp) => {
      fs.writeFileSync(tmp, 'half');
      throw new AppError('CANCELLED', '已取消打印。');
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(temps(dir)).toEqual([]);
  });

  it.skipIf(!posix)('writes through a symbolic link to the file it points at, keeping the link', async () => {
    const dir = tempDir();
    const real = path.join(dir, 'real.pdf');
    const link = path.join(tempDir(), 'link.pdf');
    fs.writeFileSync(real, 'old');
    fs.symlinkSync(real, link);
    await writeAtomically(link, async (tmp) => fs.writeFileSync(tmp, 'new'));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('new');
  });

  it('keeps long Chinese names within the file-name limit', () => {
    const long = path.join(tempDir(), `${'网格员花名册'.repeat(30)}.xlsx`);
    expect(Buffer.byteLength(path.basename(tempPathFor(long)))).toBeLessThan(200);
  });
});

describe('cleanStaleTemps', () => {
  it('removes temp files of dead processes and old ones, keeps live ones and other files', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    const files = {
      dead: `.a.xlsx.griddesk-tmp-${deadPid}-1`,
      live: `.b.xlsx.griddesk-tmp-${process.pid}-7`,
      oldLive: `.c.pdf.griddesk-tmp-${process.pid}-8`,
      other: 'report.xlsx',
      lookalike: '.d.xlsx.griddesk-tmp-notapid',
    };
    for (const f of Object.values(files)) fs.writeFileSync(path.join(dir, f), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(dir, files.oldLive), twoHoursAgo, twoHoursAgo);

    const removed = cleanStaleTemps([dir, path.join(dir, 'missing')]).map((f) => path.basename(f));
    expect(removed.sort()).toEqual([files.dead, files.oldLive].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([files.live, files.other, files.lookalike].sort());
  });
});

/** Each writer reached through the dispatcher, with the input that writes `out`. */
type Output = [label: string, name: HandlerName, input: (out: string) => Record<string, unknown>, ext: string];

describe('every output goes through the helper', () => {
  let app: TestApp;
  let dir: string;
  let badCsv: string;
  let villageId: number;
  beforeAll(async () => {
    dir = tempDir();
    app = await openTestApp(dir);
    const { township } = await app.call('demo/create', { townships: 1 });
    villageId = (await app.call('grids/tree', {})).find((g) => g.parentId === township.id)!.id;
    badCsv = path.join(dir, 'bad.csv');
    const id = makeId('1980-01-01', 1, '男');
    fs.writeFileSync(
      badCsv,
      `\ufeff镇,村,组,网格编码,户主姓名,身份证号,联系电话,家庭住址,家庭人口\r\n温水镇,许坪村,一组,11010101,王强,${id.slice(0, 17)}0,,许坪村一组3号,4\r\n`,
    );
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  const outputs: Output[] = [
    ['contact cards', 'print/cards', (out) => ({ gridId: villageId, out }), 'pdf'],
    ['signboards', 'print/signboard', (out) => ({ gridId: villageId, out }), 'pdf'],
    ['worker roster', 'export/workers', (out) => ({ out }), 'xlsx'],
    ['household roster', 'export/households', (out) => ({ out }), 'xlsx'],
    ['import template', 'import/template', (out) => ({ out }), 'xlsx'],
    ['error workbook', 'import/errorWorkbook', (out) => ({ file: badCsv, out }), 'xlsx'],
    ['操作日志', 'audit/export', (out) => ({ out }), 'xlsx'],
  ];

  it.each(outputs)('%s: replaced by rename, never rewritten in place', async (_label, name, input, ext) => {
    const out = path.join(dir, `${name.replace('/', '-')}.${ext}`);
    fs.writeFileSync(out, 'old');
    // A second name for the old file: writing in place would change what it shows too.
    const link = path.join(dir, `${name.replace('/', '-')}-link.${ext}`);
    fs.linkSync(out, link);
    await app.call(name, input(out) as HandlerInput<typeof name>);
    expect(fs.readFileSync(link, 'utf8')).toBe('old');
    const head = fs.readFileSync(out).subarray(0, 4).toString('latin1');
    expect(head).toBe(ext === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    expect(temps(dir)).toEqual([]);
  });

  it('a print cancelled midway leaves the PDF that was there', async () => {
    const out = path.join(dir, 'cancel.pdf');
    fs.writeFileSync(out, 'the good file');
    let asked = 0;
    const font = fontFile(path.resolve(__dirname, '../../resources'));
    const err = await printCards(app.ctx.handle.db, villageId, out, font, {
      isCancelled: () => ++asked > 3,
    }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(asked).toBe(4);
    expect(fs.readFileSync(out, 'utf8')).toBe('the good file');
    expect(temps(dir)).toEqual([]);
  });
});
