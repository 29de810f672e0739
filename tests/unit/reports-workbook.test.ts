/**
 * The 报送报表 writer on its own: `report county --json` through the CLI's dispatcher on the demo
 * township (its 合计 row read back equals `records stats`), the county form (rows = townships),
 * period titles, and a refused output path that leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFigures } from '../../src/shared/reports';
import { runCli } from '../../src/main/cli/run';
import { reportFigures, sumFigures } from '../../src/main/services/reports/figures';
import { periodLabel, writeReportWorkbook } from '../../src/main/services/reports/workbook';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

const root = path.resolve(import.meta.dirname, '../..');
let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
  await app.call('demo/create', { townships: 1 });
  await app.close();
});
afterAll(() => app.close());

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli([...args, '--db', app.dbPath], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    resourcesDir: path.join(root, 'resources'),
    version: 'test',
  });
  return { code, out: out.join('') };
}

async function sheet(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet(name)!;
}

/** The values of the row whose first cell is `label`, by the header of row 5. */
function rowOf(ws: ExcelJS.Worksheet, label: string): Record<string, unknown> {
  for (let r = 6; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(1).value !== label) continue;
    const out: Record<string, unknown> = {};
    ws.getRow(5).eachCell((c, col) => (out[String(c.value)] = ws.getRow(r).getCell(col).value));
    return out;
  }
  throw new Error(`no row ${label}`);
}

describe('report county', () => {
  it('--json prints one object {ok, file, rows}; the 合计 row equals records stats for the period', async () => {
    const out = path.join(dir, '报送.xlsx');
    const r = await cli(['report', 'county', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, '--json']);
    expect(r.code, r.out).toBe(0);
    const json = JSON.parse(r.out.trim()) as { ok: boolean; file: string; rows: number };
    expect(json).toEqual({ ok: true, file: out, rows: json.rows });
    const stats = await cli(['records', 'stats', '--from', '2026-01-01', '--to', '2026-12-31', '--json']);
    const s = JSON.parse(stats.out.trim()) as {
      disputes: { found: number; handled: number; success: number };
      visits: { logs: number };
      trainings: { sessions: number; attendance: number };
    };
    const work = rowOf(await sheet(out, '工作开展'), '合计');
    expect([work['排查数'], work['调处数'], work['成功数'], work['走访次数']]).toEqual([
      s.disputes.found,
      s.disputes.handled,
      s.disputes.success,
      s.visits.logs,
    ]);
    const training = rowOf(await sheet(out, '培训'), '合计');
    expect([training['培训场次'], training['参训人次']]).toEqual([s.trainings.sessions, s.trainings.attendance]);
    const ws = await sheet(out, '网格划分统计');
    // Villages, maybe the township's own row, then 合计.
    expect(ws.rowCount - 5).toBe(json.rows + 1);
  });

  it('refuses an unknown grid code and a folder as the output, writing nothing', async () => {
    const bad = await cli([
      'report',
      'county',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--grid',
      '99999',
      '--out',
      path.join(dir, 'x.xlsx'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('99999');
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
    const folder = path.join(dir, 'folder.xlsx');
    fs.mkdirSync(folder);
    const r = await cli(['report', 'county', '--from', '2026-01-01', '--to', '2026-03-31', '--out', folder]);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp') || f.startsWith('.'))).toEqual([]);
  });
});

describe('the writer', () => {
  it('names the period as clerks write it', () => {
    expect(periodLabel('2026-07-01', '2026-09-30')).toBe('2026年第三季度');
    expect(periodLabel('2026-01-01', '2026-06-30')).toBe('2026年上半年');
    expect(periodLabel('2026-07-01', '2026-12-31')).toBe('2026年下半年');
    expect(periodLabel('2026-01-01', '2026-12-31')).toBe('2026年');
    expect(periodLabel('2026-02-01', '2026-02-28')).toBe('2026年2月');
    expect(periodLabel('2026-01-05', '2026-03-02')).toBe('2026年1月5日至2026年3月2日');
  });

  it('writes county figures with townships as rows, 合计 summed in 分', async () => {
    const dbApp = await openTestApp(dir);
    const f = await reportFigures(dbApp.ctx.handle.db, { from: '2026-01-01', to: '2026-12-31', gridId: null });
    await dbApp.close();
    const a = { ...sumFigures(f.rows, '甲镇'), subsidyTotal: 1_001 };
    const b = { ...sumFigures(f.rows, '乙镇'), subsidyTotal: 2_002 };
    a.subsidies = { ...a.subsidies, case: 1_001 };
    b.subsidies = { ...b.subsidies, case: 2_002 };
    const county: ReportFigures = {
      ...f,
      township: { name: '某县', code: '5000' },
      unitName: '某县网格化服务管理中心',
      rowKind: 'township',
      rows: [a, b],
      total: sumFigures([a, b]),
    };
    const out = path.join(dir, '县级.xlsx');
    expect(await writeReportWorkbook(county, out)).toEqual({ file: out, rows: 2 });
    const ws = await sheet(out, '补贴发放');
    expect(ws.getCell('A4').value).toBe('乡镇');
    expect(String(ws.getCell('A1').value)).toBe('某县网格化服务管理中心2026年网格化服务管理工作报表（补贴发放）');
    expect(rowOf(ws, '合计')['合计']).toBe(30.03);
    expect(rowOf(ws, '甲镇')['以案定补']).toBe(10.01);
    const grids = await sheet(out, '网格划分统计');
    expect(rowOf(grids, '合计')['户数']).toBe(2 * f.total.households);
  });
});
