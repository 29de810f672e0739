/**
 * Crafted and broken files (tests/helpers/hostile.ts): each ends in a clear Chinese message
 * naming what is wrong, read by a thread whose heap is held to 256 MB (so the bound is proven,
 * not hoped for), changes nothing in the database, and leaves no temporary file anywhere.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { runImport, type ImportOptions } from '../../src/main/import/run';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import {
  buildCorpus,
  HOUSEHOLD_HEADER,
  householdRow,
  householdSheet,
  rowXml,
  sheetXml,
  writeXlsx,
  type XCell,
} from '../helpers/hostile';
// @ts-expect-error -- a plain .mjs build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const corpusDir = tempDir('griddesk-hostile-');
const cases = await buildCorpus(corpusDir);

let app: TestApp;
let privateTmp: string;
const savedTmp = process.env.TMPDIR;

/** Rows of every table: the database is exactly as it was. */
function tableCounts(a: TestApp): Record<string, number> {
  const { sqlite } = a.ctx.handle;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
    name: string;
  }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) n from "${name}"`).get() as { n: number }).n]),
  );
}

beforeAll(async () => {
  app = await openTestApp();
  // Something to keep: a township's household, imported the ordinary way.
  const seed = writeXlsx(path.join(corpusDir, 'seed.xlsx'), [{ name: '住户', xml: householdSheet(3) }]);
  expect((await runImport(app.ctx.handle.db, seed)).created.households).toBe(3);
  // Every temporary file the import (or a library it uses) might write lands here, where we can see it.
  privateTmp = tempDir('griddesk-hostile-tmp-');
  process.env.TMPDIR = privateTmp;
}, 60_000);

afterAll(async () => {
  process.env.TMPDIR = savedTmp;
  await app.close();
  fs.rmSync(corpusDir, { recursive: true, force: true });
});

describe('hostile files', () => {
  it.each(cases)('$name: refused with a message naming it, nothing changed', async ({ file, message }) => {
    const before = tableCounts(app);
    const r = await runImport(app.ctx.handle.db, file, { limits: { heapMb: 256 } });
    expect(r.committed).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(message);
    expect(r.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    // The app's own path: the dispatcher, a write transaction, the 操作日志.
    const viaApp = await dispatch(app.ctx, 'import/commit', { file });
    const said = viaApp.ok ? viaApp.value.errors.map((e) => e.message).join('') : viaApp.error.message;
    expect(said).toMatch(message);
    expect(tableCounts(app)).toEqual(before);
    expect(fs.readdirSync(privateTmp)).toEqual([]);
  });

  it('a file that needs more memory than the reader thread has ends that thread, not the app', async () => {
    // 1,000 shared strings of 20,000 characters: within every limit, but more than a 24 MB heap holds.
    const strings = Array.from({ length: 1000 }, (_, i) => `<si><t>${i}${'备'.repeat(20_000)}</t></si>`);
    const file = writeXlsx(
      path.join(corpusDir, 'memory.xlsx'),
      [{ name: '住户', xml: sheetXml(rowXml(1, HOUSEHOLD_HEADER)) }],
      `<sst>${strings.join('')}</sst>`,
    );
    const before = tableCounts(app);
    const r = await runImport(app.ctx.handle.db, file, { limits: { heapMb: 24 } });
    expect(r.errors[0]!.message).toMatch(/memory\.xlsx：读取这个文件需要的内存超过了上限（24 MB）/);
    expect(tableCounts(app)).toEqual(before);
    // The app goes on: the next import works.
    const ok = await runImport(app.ctx.handle.db, path.join(corpusDir, 'seed.xlsx'), { dryRun: true });
    expect(ok.errors).toEqual([]);
  });

  it('a sheet that breaks off after its rows leaves no temporary file (exceljs parked sheets in the system temp folder)', async () => {
    // Shared strings after the sheet: exceljs's streaming reader copied the sheet to a temp file first.
    const broken = sheetXml(`${rowXml(1, HOUSEHOLD_HEADER)}<row r="2"><c r="A2" t="s"><v>0</v></c>`).replace(
      '</sheetData></worksheet>',
      '<row r="3"><c r="A3"',
    );
    const file = writeXlsx(
      path.join(corpusDir, 'broken.xlsx'),
      [{ name: '住户', xml: broken }],
      '<sst><si><t>温水镇</t></si></sst>',
    );
    const r = await runImport(app.ctx.handle.db, file);
    expect(r.errors[0]!.message).toMatch(/文件已损坏（工作表“住户”的 XML 格式有误/);
    expect(fs.readdirSync(privateTmp)).toEqual([]);
  });
});

describe('hostile files through the command line', () => {
  // Its own build: other test files rebuild out/cli/ while this one runs.
  const outdir = path.resolve(__dirname, '../../out', `cli-hostile-test-${process.pid}`);
  let cli: string;
  beforeAll(async () => {
    cli = await (buildCli as (outdir: string) => Promise<string>)(outdir);
  }, 120_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('each ends in one JSON object and exit 1 or 2, never an internal error; no temp file', () => {
    // Not under os.tmpdir(): this file points TMPDIR at a folder that must stay empty.
    const db = path.join(corpusDir, 'cli.sqlite');
    const tmp = fs.mkdtempSync(path.join(corpusDir, 'cli-tmp-'));
    for (const { name, file, message } of cases) {
      const r = spawnSync(process.execPath, [cli, 'import', file, '--db', db, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: tmp },
      });
      expect([1, 2], `${name}: ${r.stdout}${r.stderr}`).toContain(r.status);
      const lines = r.stdout.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      const out = JSON.parse(lines[0]!) as { ok: boolean; error?: { message: string }; errors?: { message: string }[] };
      expect(out.ok, name).toBe(false);
      expect(out.error?.message ?? out.errors?.[0]?.message, name).toMatch(message);
      expect(fs.readdirSync(tmp), name).toEqual([]);
    }
  }, 120_000);
});

describe('reading limits', () => {
  const limited = async (file: string, options: ImportOptions) =>
    (await runImport(app.ctx.handle.db, file, { dryRun: true, ...options })).errors[0]?.message ?? '';

  it('each limit names itself and where it was reached', async () => {
    const file = writeXlsx(path.join(corpusDir, 'roster-200.xlsx'), [{ name: '住户', xml: householdSheet(200) }]);
    expect(await limited(file, {})).toBe('');
    expect(await limited(file, { limits: { rows: 100 } })).toMatch(
      /有内容的行超过了上限（100 行），在工作表“住户”第 101 行/,
    );
    expect(await limited(file, { limits: { textChars: 5000 } })).toMatch(
      /文字总量超过了上限（5,000 个字），在工作表“住户”第 \d+ 行/,
    );
    expect(await limited(file, { limits: { columns: 5 } })).toMatch(
      /第 1 行的 F 列有内容，超过了列数上限（5 列，即 A–E 列）/,
    );
    expect(await limited(file, { limits: { cellChars: 3 } })).toMatch(
      /第 1 行 D 列的内容有 4 个字，超过了单元格的上限（3 个字/,
    );
    expect(await limited(file, { limits: { fileBytes: 1000 } })).toMatch(
      /roster-200\.xlsx：文件有 [\d.]+ KB，超过了导入文件的上限（1 KB）/,
    );
    expect(await limited(file, { limits: { partBytes: 10_000 } })).toMatch(
      /工作表“住户”解压后有 [\d.]+ KB，超过了单个部件的上限（9.8 KB）/,
    );
    expect(await limited(file, { limits: { totalBytes: 10_000 } })).toMatch(/解压后的内容超过了 9.8 KB 的上限/);
    expect(await limited(file, { limits: { sheets: 0 } })).toMatch(/工作表超过了上限（0 个）/);

    const shared = writeXlsx(
      path.join(corpusDir, 'shared.xlsx'),
      [{ name: '住户', xml: sheetXml(rowXml(1, HOUSEHOLD_HEADER)) }],
      `<sst>${'<si><t>温水镇许坪村</t></si>'.repeat(50)}</sst>`,
    );
    expect(await limited(shared, { limits: { sharedStrings: 10 } })).toMatch(/共享字符串超过了上限（10 条）/);
    expect(await limited(shared, { limits: { sharedChars: 100 } })).toMatch(/共享字符串的总字数超过了上限（100 个字）/);
  });

  it('a CSV is held to the same limits, and an unclosed quote cannot swallow the file', async () => {
    const lines = [HOUSEHOLD_HEADER, ...Array.from({ length: 50 }, (_, i) => householdRow(i + 1))];
    const csv = (cells: XCell[]) => cells.map((c) => (c === null ? '' : String(c))).join(',');
    const file = path.join(corpusDir, 'households.csv');
    fs.writeFileSync(file, lines.map(csv).join('\r\n'));
    expect(await limited(file, {})).toBe('');
    expect(await limited(file, { limits: { rows: 20 } })).toMatch(
      /有内容的行超过了上限（20 行），在工作表“households”第 21 行/,
    );
    expect(await limited(file, { limits: { columns: 4 } })).toMatch(/第 1 行的 E 列有内容，超过了列数上限（4 列/);
    const quote = path.join(corpusDir, 'quote.csv');
    fs.writeFileSync(quote, `${csv(HOUSEHOLD_HEADER)}\r\n温水镇,"许坪村${',x'.repeat(200_000)}\r\n`);
    expect(await limited(quote, {})).toMatch(
      /CSV 文件第 \d+ 行附近有一段内容超过 262,144 个字而没有分隔（可能是引号没有配对）/,
    );
  });
});

describe('text encodings', () => {
  const rows = [HOUSEHOLD_HEADER, householdRow(1), householdRow(2)].map((r) =>
    r.map((c) => (c === null ? '' : String(c))),
  );
  it.each([
    [
      'UTF-16LE with BOM, tab-separated (Excel’s “Unicode text”)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rows.map((r) => r.join('\t')).join('\r\n'), 'utf16le')]),
    ],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'utf16be')]),
    ],
    ['UTF-16LE without BOM', iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'utf16le')],
    ['GBK', iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk')],
  ])('reads a CSV in %s', async (_name, bytes) => {
    const file = path.join(corpusDir, 'encoded.csv');
    fs.writeFileSync(file, bytes);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.sheets[0]!.kind).toBe('households');
    expect(r.sheets[0]!.records).toBe(2);
  });
});
