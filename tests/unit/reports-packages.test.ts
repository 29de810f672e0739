/**
 * Submission packages (报送包) and the county's merge (县级汇总): two townships' databases export
 * packages through the CLI's dispatcher; the county workbook's 合计 equals the sum of the two
 * townships' own workbooks; every refusal names the file and writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { openDatabase } from '../../src/main/db/connection';
import { createDemo } from '../../src/main/services/demo/demo';
import { checksumOf, type PackageFile } from '../../src/main/services/reports/packages-format';
import { openTestApp, tempDir } from '../helpers/context';

const root = path.resolve(import.meta.dirname, '../..');
const Q3 = ['--from', '2026-07-01', '--to', '2026-09-30'];
const dir = tempDir('griddesk-packages-');
const dbA = path.join(dir, 'a.sqlite');
const dbB = path.join(dir, 'b.sqlite');
const at = (name: string) => path.join(dir, name);

/** Runs the CLI in-process with --json; `version` is the running GridDesk's. */
async function cli(argv: string[], version = '0.1.0'): Promise<{ code: number; json: Record<string, unknown> }> {
  const out: string[] = [];
  const code = await runCli([...argv, '--json'], {
    stdout: (t) => out.push(t),
    stderr: () => {},
    resourcesDir: path.join(root, 'resources'),
    version,
  });
  return { code, json: JSON.parse(out.join('')) as Record<string, unknown> };
}

/** Two township databases; B's township renamed and given its own division code. */
async function buildTownships(): Promise<void> {
  for (const [file, seed] of [
    [dbA, 11],
    [dbB, 22],
  ] as const) {
    const h = await openDatabase(file);
    await createDemo(h.db, { seed, today: '2026-11-20' });
    if (file === dbB) {
      await h.db
        .updateTable('grids')
        .set({ name: '石门镇', division_code: '612345199000' })
        .where('level', '=', 1)
        .execute();
    }
    await h.close();
  }
}

const readPackage = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as PackageFile;
const writePackageJson = (file: string, p: unknown) => fs.writeFileSync(file, JSON.stringify(p));

beforeAll(async () => {
  await buildTownships();
  expect((await cli(['report', 'package', '--db', dbA, ...Q3, '--out', at('A.gdpkg')])).code).toBe(0);
  expect((await cli(['report', 'package', '--db', dbB, ...Q3, '--out', at('B.gdpkg')])).code).toBe(0);
  expect((await cli(['report', 'county', '--db', dbA, ...Q3, '--out', at('A.xlsx')])).code).toBe(0);
  expect((await cli(['report', 'county', '--db', dbB, ...Q3, '--out', at('B.xlsx')])).code).toBe(0);
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Each sheet's 合计 row (the row whose first cell says 合计): numbers and their formats by column. */
async function totals(file: string): Promise<Map<string, { value: number; percent: boolean }[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, { value: number; percent: boolean }[]>();
  for (const ws of wb.worksheets) {
    let found: ExcelJS.Row | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '合计') found = row;
    });
    const row = found as ExcelJS.Row | null;
    expect(row, ws.name).not.toBeNull();
    const cells: { value: number; percent: boolean }[] = [];
    for (let c = 2; c <= ws.columnCount; c++) {
      const cell = row!.getCell(c);
      cells.push({ value: typeof cell.value === 'number' ? cell.value : NaN, percent: cell.numFmt?.includes('%') });
    }
    out.set(ws.name, cells);
  }
  return out;
}

describe('the package', () => {
  it('carries the township, its division code, the period, the version and a checksum over the rest', () => {
    const p = readPackage(at('B.gdpkg'));
    expect(p).toMatchObject({
      format: 'griddesk-report-package',
      formatVersion: 1,
      griddeskVersion: '0.1.0',
      township: { name: '石门镇', code: '612345199000' },
      from: '2026-07-01',
      to: '2026-09-30',
    });
    const { checksum, ...body } = p;
    expect(checksum).toBe(checksumOf(body));
    // A plain recount of the figures it carries: the 合计 is the sum of its rows.
    let households = 0;
    for (const r of p.figures.rows) households += r.households;
    expect(p.figures.total.households).toBe(households);
    expect(households).toBeGreaterThan(0);
  });
});

describe('which township a package speaks for', () => {
  it('a database of several townships: refused without --grid, one township with it, never a village', async () => {
    const db = at('two.sqlite');
    const h = await openDatabase(db);
    await createDemo(h.db, { townships: 2, seed: 33, records: false });
    const second = await h.db
      .selectFrom('grids')
      .select(['name', 'code', 'division_code'])
      .where('level', '=', 1)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    await h.close();
    const whole = await cli(['report', 'package', '--db', db, ...Q3, '--out', at('two.gdpkg')]);
    expect(whole.code).toBe(2);
    expect((whole.json.error as { message: string }).message).toContain('数据库中有 2 个乡镇');
    expect(fs.existsSync(at('two.gdpkg'))).toBe(false);
    const village = await cli([
      'report',
      'package',
      '--db',
      db,
      ...Q3,
      '--grid',
      `${second.code}01`,
      '--out',
      at('two.gdpkg'),
    ]);
    expect(village.code).toBe(2);
    expect((village.json.error as { message: string }).message).toContain('报送包须包含全乡镇的数据');
    expect(fs.existsSync(at('two.gdpkg'))).toBe(false);
    const one = await cli(['report', 'package', '--db', db, ...Q3, '--grid', second.code, '--out', at('two.gdpkg')]);
    expect(one.code).toBe(0);
    expect(readPackage(at('two.gdpkg')).township).toEqual({ name: second.name, code: second.division_code });
  }, 120_000);
});

describe('the county merge', () => {
  it('sums the townships: each sheet’s county 合计 equals the two townships’ 合计 added', async () => {
    const r = await cli(['report', 'merge', at('B.gdpkg'), at('A.gdpkg'), '--out', at('county.xlsx')]);
    expect(r.code, JSON.stringify(r.json)).toBe(0);
    const a = readPackage(at('A.gdpkg'));
    expect(r.json).toMatchObject({ ok: true, rows: 2, missing: [] });
    expect(new Set(r.json.townships as string[])).toEqual(new Set([a.township.name, '石门镇']));
    const [county, ta, tb] = await Promise.all([totals(at('county.xlsx')), totals(at('A.xlsx')), totals(at('B.xlsx'))]);
    expect([...county.keys()]).toEqual([...ta.keys()]);
    for (const [sheet, cells] of county) {
      cells.forEach((c, i) => {
        if (c.percent) return;
        const sum = ta.get(sheet)![i]!.value + tb.get(sheet)![i]!.value;
        expect(Math.round(c.value * 100), `${sheet} column ${i + 2}`).toBe(Math.round(sum * 100));
      });
    }
    // Rates from the summed counts, not summed rates.
    const b = readPackage(at('B.gdpkg'));
    const found = a.figures.total.disputesFound + b.figures.total.disputesFound;
    const handled = a.figures.total.disputesHandled + b.figures.total.disputesHandled;
    const rate = county.get('工作开展')!.find((c) => c.percent)!.value;
    expect(found).toBeGreaterThan(0);
    expect(rate).toBeCloseTo(handled / found, 3);
  });

  it('per village: one row for each village of each township, named 乡镇 / 村', async () => {
    const r = await cli([
      'report',
      'merge',
      at('A.gdpkg'),
      at('B.gdpkg'),
      '--per-village',
      '--out',
      at('county-villages.xlsx'),
    ]);
    expect(r.code, JSON.stringify(r.json)).toBe(0);
    const a = readPackage(at('A.gdpkg'));
    const b = readPackage(at('B.gdpkg'));
    expect(r.json.rows).toBe(a.figures.rows.length + b.figures.rows.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('county-villages.xlsx'));
    const names: string[] = [];
    wb.getWorksheet('网格划分统计')!.eachRow((row) => names.push(String(row.getCell(1).value)));
    const village = b.figures.rows.find((v) => v.villageId !== null)!;
    expect(names).toContain(`石门镇 / ${village.name}`);
    const [villages, townships] = await Promise.all([totals(at('county-villages.xlsx')), totals(at('county.xlsx'))]);
    expect(villages).toEqual(townships);
  });

  it('names the expected townships that sent nothing', async () => {
    const a = readPackage(at('A.gdpkg'));
    const r = await cli([
      'report',
      'merge',
      at('A.gdpkg'),
      '--expect',
      `${a.township.code},612345199000，612345777000`,
      '--out',
      at('county-missing.xlsx'),
    ]);
    expect(r.code).toBe(0);
    expect(r.json.missing).toEqual(['612345199000', '612345777000']);
  });
});

describe('refusals: the file is named and nothing is written', () => {
  async function refused(files: string[], version = '0.1.0'): Promise<string> {
    const out = at(`refused-${Math.random().toString(36).slice(2)}.xlsx`);
    const r = await cli(['report', 'merge', ...files, '--out', out], version);
    expect(r.code).toBe(2);
    expect(r.json.ok).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
    return (r.json.error as { message: string }).message;
  }

  it('a package edited after export', async () => {
    const p = readPackage(at('A.gdpkg'));
    p.figures.total.households += 1;
    writePackageJson(at('edited.gdpkg'), p);
    expect(await refused([at('B.gdpkg'), at('edited.gdpkg')])).toMatch(/“edited\.gdpkg”.*已被修改，校验不符/);
  });

  it('a damaged package, and a file that is no package', async () => {
    const text = fs.readFileSync(at('A.gdpkg'), 'utf8');
    fs.writeFileSync(at('damaged.gdpkg'), text.slice(0, text.length / 2));
    expect(await refused([at('damaged.gdpkg'), at('B.gdpkg')])).toMatch(/“damaged\.gdpkg”已损坏/);
    expect(await refused([at('B.gdpkg'), at('A.xlsx')])).toMatch(/“A\.xlsx”不是报送包/);
  });

  it('a package from a newer GridDesk (version, or format)', async () => {
    const r = await cli(['report', 'package', '--db', dbA, ...Q3, '--out', at('newer.gdpkg')], '0.2.0');
    expect(r.code).toBe(0);
    expect(await refused([at('B.gdpkg'), at('newer.gdpkg')], '0.1.10')).toMatch(
      /“newer\.gdpkg”.*较新版本的网格工作台（0\.2\.0）/,
    );
    // The same package is fine for that version and later ones.
    expect((await cli(['report', 'merge', at('newer.gdpkg'), '--out', at('ok.xlsx')], '0.2.0')).code).toBe(0);
    const { checksum: _, ...body } = readPackage(at('B.gdpkg'));
    const v2 = { ...body, formatVersion: 2 };
    writePackageJson(at('format2.gdpkg'), { ...v2, checksum: checksumOf(v2) });
    expect(await refused([at('format2.gdpkg')])).toMatch(/“format2\.gdpkg”.*较新版本/);
  });

  it('a package for another period than the first', async () => {
    const r = await cli([
      'report',
      'package',
      '--db',
      dbB,
      '--from',
      '2026-04-01',
      '--to',
      '2026-06-30',
      '--out',
      at('Q2.gdpkg'),
    ]);
    expect(r.code).toBe(0);
    expect(await refused([at('A.gdpkg'), at('Q2.gdpkg')])).toMatch(
      /“Q2\.gdpkg”.*2026-04-01 至 2026-06-30.*“A\.gdpkg”的 2026-07-01 至 2026-09-30/,
    );
  });

  it('the same township twice for one period', async () => {
    fs.copyFileSync(at('A.gdpkg'), at('A-again.gdpkg'));
    expect(await refused([at('A.gdpkg'), at('B.gdpkg'), at('A-again.gdpkg')])).toMatch(
      /“A-again\.gdpkg”与“A\.gdpkg”是同一乡镇/,
    );
  });

  it('inspection (through the dispatcher) lists every package with its problem, or none', async () => {
    const p = readPackage(at('A.gdpkg'));
    p.to = '2026-09-29';
    writePackageJson(at('edited-period.gdpkg'), p);
    const app = await openTestApp();
    try {
      const files = [at('A.gdpkg'), at('edited-period.gdpkg'), at('B.gdpkg')];
      const infos = await app.call('reports/inspectPackages', { files });
      expect(infos.map((i) => i.problem === null)).toEqual([true, false, true]);
      expect(infos[1]!.problem).toMatch(/“edited-period\.gdpkg”.*已被修改/);
      expect(infos[2]).toMatchObject({
        township: '石门镇',
        code: '612345199000',
        from: '2026-07-01',
        version: '0.1.0',
      });
    } finally {
      await app.close();
    }
  });
});
