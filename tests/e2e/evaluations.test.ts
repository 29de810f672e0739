/**
 * The 考核 page at 1366×768 on the demo township (issue 11): a scheme defined in the editor (its
 * weights must reach 100), a village's year sheet whose counts are recounted here by a plain walk
 * of the reports and assignments, one score adjusted (a reason is required), approval that locks
 * the sheet, the sheet exported to Excel and read back, and the worker's grade history.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVAL_SCHEME_TEMPLATE, type SheetView } from '../../src/shared/evaluations';
import { formatPoints } from '../../src/shared/money';
import { REPORT_TYPES } from '../../src/shared/records';
import { setPickedFile, setSavePath } from '../helpers/context';
import { useE2E } from './harness';

const ctx = useE2E({
  beforeEach,
  afterEach,
  afterAll,
  expectNoErrors: (errors) => expect(errors).toEqual([]),
});

const nav = () => ctx.page.getByRole('navigation', { name: '主导航' });
const dialog = () => ctx.page.getByRole('dialog').last();
const tab = (name: string) => ctx.page.getByRole('tab', { name, exact: true });

/** Nothing on the page is wider than the office PC's 1366 px. */
async function fitsWidth() {
  const { scroll, client } = await ctx.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

async function closeNotifications() {
  for (const close of await ctx.page.locator('.mantine-Notification-closeButton').all())
    await close.click().catch(() => undefined);
  await expect.poll(() => ctx.page.locator('.mantine-Notification-root').count()).toBe(0);
}

interface Grid {
  id: number;
  parent_id: number | null;
  level: number;
  name: string;
  code: string;
}
interface Assignment {
  id: number;
  worker_id: number;
  grid_id: number;
  role: string;
  start_date: string | null;
  end_date: string | null;
}

/**
 * Reports per worker in a village over start–end, recounted by plain loops: a report counts for
 * the worker it names, else whoever held its grid on its date (网格员 before 网格长, latest start).
 */
function reportCounts(villageId: number, start: string, end: string) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const grids = db.prepare('select id, parent_id, level, name, code from grids').all() as Grid[];
  const inVillage = new Set<number>([villageId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of grids)
      if (g.parent_id !== null && inVillage.has(g.parent_id) && !inVillage.has(g.id)) {
        inVillage.add(g.id);
        grew = true;
      }
  }
  const assignments = db.prepare('select * from assignments').all() as Assignment[];
  const holder = (grid: number, day: string): number | null => {
    const held = assignments.filter(
      (a) =>
        a.grid_id === grid &&
        (a.start_date === null || a.start_date <= day) &&
        (a.end_date === null || a.end_date > day),
    );
    held.sort(
      (a, b) =>
        Number(b.role === '网格员') - Number(a.role === '网格员') ||
        (b.start_date ?? '').localeCompare(a.start_date ?? '') ||
        b.id - a.id,
    );
    return held[0]?.worker_id ?? null;
  };
  const reports = db.prepare('select grid_id, worker_id, report_date from info_reports').all() as {
    grid_id: number;
    worker_id: number | null;
    report_date: string;
  }[];
  const counts = new Map<number, number>();
  for (const r of reports) {
    if (!inVillage.has(r.grid_id) || r.report_date < start || r.report_date > end) continue;
    const w = r.worker_id ?? holder(r.grid_id, r.report_date);
    if (w !== null) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** The village with the most reports this year, and its worker with the most among unique names. */
function pickVillageAndWorker(start: string, end: string) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const villages = db.prepare('select id, name, code from grids where level = 2 order by code').all() as Grid[];
  const workers = db.prepare('select id, name from workers').all() as { id: number; name: string }[];
  const names = new Map<string, number>();
  for (const w of workers) names.set(w.name, (names.get(w.name) ?? 0) + 1);
  let best: { village: Grid; worker: { id: number; name: string }; reports: number } | null = null;
  for (const village of villages) {
    const counts = reportCounts(village.id, start, end);
    for (const w of workers) {
      const n = counts.get(w.id) ?? 0;
      if (names.get(w.name) === 1 && n > 0 && (!best || n > best.reports)) best = { village, worker: w, reports: n };
    }
  }
  return best!;
}

/** Another graded worker of the sheet whose name no one else on it has, and their first item's score. */
function line0(sheet: SheetView, not: number) {
  const names = new Map<string, number>();
  for (const l of sheet.lines) names.set(l.workerName, (names.get(l.workerName) ?? 0) + 1);
  const l = sheet.lines.find((x) => x.workerId !== not && !x.excluded && names.get(x.workerName) === 1)!;
  return { workerName: l.workerName, scoreX10: l.items[0]!.scoreX10 };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v && typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v ?? '');
}

/** Every cell of the worker's row in the exported workbook's first sheet, as text. */
async function exportedRow(file: string, name: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let found: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const texts = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (texts.includes(name)) found = texts;
  });
  return found;
}

/**
 * The exported workbook as a scorer hands it back: each value typed into its worker's `header`
 * column. Returns the row of each edit.
 */
async function scoreOnPaper(file: string, out: string, header: string, edits: { name: string; value: number }[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  let column = 0;
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const texts = (row.values as ExcelJS.CellValue[]).map(cellText);
    if (texts.includes(header)) column = texts.indexOf(header);
    for (const e of edits) if (column && texts.includes(e.name)) rows.set(e.name, n);
  });
  expect(column).toBeGreaterThan(0);
  for (const e of edits) ws.getRow(rows.get(e.name)!).getCell(column).value = e.value;
  await wb.xlsx.writeFile(out);
  return edits.map((e) => rows.get(e.name)!);
}

describe('the 考核 page, as the township clerk uses it', () => {
  it('defines a scheme, scores a village from its records, adjusts with a reason, approves and exports', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    await e2e.reload();
    await nav().getByText('考核', { exact: true }).click();
    await tab('评分表').waitFor();
    await fitsWidth();

    // 考核方案: from the template, the weights checked live before anything is saved.
    const year = new Date().getFullYear();
    const schemeName = `${year}年度网格员考核（镇定）`;
    await tab('考核方案').click();
    await page.getByRole('button', { name: '按模板新建方案' }).click();
    const editor = page.getByRole('dialog', { name: '新建考核方案' });
    await editor.getByLabel('方案名称').fill(schemeName);
    await editor.getByRole('combobox', { name: /^考核周期/ }).click();
    await page.getByRole('option', { name: '年度', exact: true }).click();
    const firstWeight = editor.getByLabel('第 1 项权重', { exact: true });
    const weight = Number(await firstWeight.inputValue());
    await firstWeight.fill(String(weight + 5));
    await expect.poll(() => editor.getByTestId('weight-sum').innerText()).toBe('权重合计 105 %（应为 100 %）');
    await editor.getByRole('button', { name: '保存方案' }).click();
    await editor
      .getByRole('alert')
      .getByText(/权重合计为 105 %，应为 100 %/)
      .waitFor();
    await firstWeight.fill(String(weight));
    await expect.poll(() => editor.getByTestId('weight-sum').innerText()).toBe('权重合计 100 %');
    await editor.getByLabel('第 1 项依据', { exact: true }).click();
    await page.getByRole('option', { name: '上报信息（条）' }).click();
    await editor.getByLabel('第 1 项满分所需数量', { exact: true }).fill('12');
    await fitsWidth();
    await e2e.screenshot('evaluations-scheme-editor');
    await editor.getByRole('button', { name: '保存方案' }).click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('scheme-table').getByText(schemeName).waitFor();
    const scheme = (await e2e.app.call('evaluations/schemes/list', {})).find((s) => s.name === schemeName)!;
    expect(scheme.period).toBe('year');
    const criterion = scheme.definition.criteria[0]!;
    expect(criterion.metric).toBe('reports');
    expect(criterion.target).toBe(12);
    await closeNotifications();
    await e2e.screenshot('evaluations-schemes');

    // 新建评分表 for the village; its counts are the records', recounted here.
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const { village, worker, reports } = pickVillageAndWorker(start, end);
    await tab('评分表').click();
    await page.getByRole('button', { name: '新建评分表' }).click();
    await dialog()
      .getByRole('combobox', { name: /^考核方案/ })
      .click();
    await page.getByRole('option', { name: schemeName }).click();
    await dialog()
      .getByRole('combobox', { name: /^村（社区）/ })
      .fill(village.code);
    await page.getByRole('option', { name: new RegExp(`（${village.code}）$`) }).click();
    await dialog().getByRole('button', { name: '生成评分表' }).click();
    const table = page.getByTestId('score-table');
    const row = table.locator('tbody tr', { hasText: worker.name });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(new RegExp(`上报信息 ${reports}(?!\\d)`));
    // The suggestion: full marks × min(count, target) / target, rounded half up to a tenth.
    const suggested = Math.floor((2 * criterion.fullX10 * Math.min(reports, 12) + 12) / 24);
    const cell = table.getByRole('button', { name: `${worker.name}的${criterion.name}` });
    await cell.scrollIntoViewIfNeeded();
    // The cell: the count from the records above the score.
    const shownInCell = async () => (await cell.innerText()).replace(/\s+/g, ' ');
    await expect.poll(shownInCell).toBe(`上报信息 ${reports} ${formatPoints(suggested)}`);
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('evaluations-sheet-draft');

    // 调整: a score other than the suggestion is refused without a reason, then kept with one.
    const adjusted = suggested >= 25 ? suggested - 25 : suggested + 5;
    const totalCell = row.getByTestId(`total-${worker.id}`);
    const totalBefore = await totalCell.innerText();
    await cell.click();
    const scoreDialog = page.getByRole('dialog', { name: `${worker.name} · ${criterion.name}` });
    await scoreDialog.getByLabel('得分').fill(formatPoints(adjusted));
    await scoreDialog.getByRole('button', { name: '保存得分' }).click();
    await scoreDialog.getByLabel('调整理由').and(scoreDialog.locator('[aria-invalid="true"]')).waitFor();
    await scoreDialog.getByText(/与建议分 .* 不同，请填写调整理由/).waitFor();
    await e2e.screenshot('evaluations-score-reason');
    await scoreDialog.getByLabel('调整理由').fill('纸质台账另有 2 条未录入');
    await scoreDialog.getByRole('button', { name: '保存得分' }).click();
    await scoreDialog.waitFor({ state: 'detached' });
    await expect
      .poll(shownInCell)
      .toBe(`上报信息 ${reports} ${formatPoints(adjusted)} 建议 ${formatPoints(suggested)}`);
    const sheetId = (await e2e.app.call('evaluations/sheets/list', {}))[0]!.id;
    const line = (await e2e.app.call('evaluations/sheets/get', { id: sheetId })).lines.find(
      (l) => l.workerId === worker.id,
    )!;
    expect(line.items.find((i) => i.key === criterion.key)!.scoreX10).toBe(adjusted);
    await expect.poll(() => totalCell.innerText()).toBe(formatPoints(line.totalX10));
    expect(await totalCell.innerText()).not.toBe(totalBefore);
    await closeNotifications();

    // 导入纸质评分: the exported sheet, scored on paper; a score beyond full marks is named by
    // sheet, row and column and nothing is imported; a good one is previewed, then imported.
    const other = line0(await e2e.app.call('evaluations/sheets/get', { id: sheetId }), worker.id);
    const scoreHeader = `${criterion.name}得分`;
    const paper = path.join(e2e.app.dir, '评分表草稿.xlsx');
    setSavePath(e2e.app, paper);
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await page.getByTestId('saved-notification').waitFor();
    await closeNotifications();
    const onPaper = other.scoreX10 === 125 ? 120 : 125;
    const bad = path.join(e2e.app.dir, '纸质评分-有误.xlsx');
    const [, badRow] = await scoreOnPaper(paper, bad, scoreHeader, [
      { name: other.workerName, value: onPaper / 10 },
      { name: worker.name, value: criterion.fullX10 / 10 + 1 },
    ]);
    setPickedFile(e2e.app, bad);
    await page.getByRole('button', { name: '导入纸质评分' }).click();
    const importer = page.getByRole('dialog', { name: '导入纸质评分' });
    await importer.getByRole('button', { name: '选择文件…' }).click();
    await importer
      .getByTestId('import-errors')
      .getByText(`第 ${badRow} 行 ${scoreHeader} 列`, { exact: false })
      .waitFor();
    expect(await importer.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await fitsWidth();
    await e2e.screenshot('evaluations-import-errors');
    const good = path.join(e2e.app.dir, '纸质评分.xlsx');
    await scoreOnPaper(paper, good, scoreHeader, [{ name: other.workerName, value: onPaper / 10 }]);
    setPickedFile(e2e.app, good);
    await importer.getByRole('button', { name: '重新选择文件…' }).click();
    const changes = importer.getByTestId('import-changes');
    await expect.poll(() => changes.locator('tbody tr').count()).toBe(1);
    const change = (await changes.locator('tbody tr').innerText()).split('\t').map((t) => t.trim());
    expect(change.slice(0, 4)).toEqual([
      other.workerName,
      criterion.name,
      formatPoints(other.scoreX10),
      formatPoints(onPaper),
    ]);
    await e2e.screenshot('evaluations-import-preview');
    await importer.getByRole('button', { name: '确认导入' }).click();
    await importer.waitFor({ state: 'detached' });
    const otherCell = table.getByRole('button', { name: `${other.workerName}的${criterion.name}` });
    await expect.poll(async () => (await otherCell.innerText()).replace(/\s+/g, ' ')).toContain(formatPoints(onPaper));
    await closeNotifications();

    // 刷新: a report entered since the sheet was made is counted; the adjusted score is kept.
    const held = e2e.app.ctx.handle.sqlite
      .prepare('select grid_id from assignments where worker_id = ? and end_date is null order by id limit 1')
      .get(worker.id) as { grid_id: number };
    const pad = (n: number) => String(n).padStart(2, '0');
    const now = new Date();
    await e2e.app.call('records/create', {
      kind: 'reports',
      fields: {
        gridId: held.grid_id,
        workerId: worker.id,
        date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
        time: '',
        type: REPORT_TYPES[0],
        summary: '村口路灯损坏，已报村委会',
        handling: '',
        reportedTo: '',
        result: '',
        important: false,
      },
    });
    await page.getByRole('button', { name: '刷新（按最新记录）' }).click();
    await dialog().getByRole('button', { name: '刷新', exact: true }).click();
    await page.getByText(/1 人的数量或得分有变化/).waitFor();
    await expect.poll(shownInCell).toMatch(new RegExp(`^上报信息 ${reports + 1} ${formatPoints(adjusted)} 建议`));
    // The changed row is marked (yellow), the others not.
    const marked = () =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement).style.backgroundColor).length);
    await expect.poll(marked).toBe(1);
    expect(await row.evaluate((tr) => (tr as HTMLElement).style.backgroundColor)).not.toBe('');
    await e2e.screenshot('evaluations-sheet-refreshed');
    await closeNotifications();

    // 审定 locks the sheet: no editing on screen, nor behind it.
    await page.getByRole('button', { name: '审定', exact: true }).click();
    await dialog()
      .getByText(/审定后评分表锁定/)
      .waitFor();
    await dialog().getByLabel('审定人').fill('王书记');
    await dialog().getByRole('button', { name: '审定并锁定' }).click();
    await page
      .getByTestId('sheet-state')
      .getByText(/王书记 审定于 .*已锁定/)
      .waitFor();
    expect(await table.getByRole('button', { name: `${worker.name}的${criterion.name}` }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '审定', exact: true }).count()).toBe(0);
    await expect(
      e2e.app.call('evaluations/scores/set', {
        sheetId,
        lineId: line.id,
        itemKey: criterion.key,
        scoreX10: suggested,
        reason: '',
      }),
    ).rejects.toThrow();
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('evaluations-sheet-approved');

    // 导出 Excel: the adjusted score is in the worker's row.
    const out = path.join(e2e.app.dir, '考核评分表.xlsx');
    setSavePath(e2e.app, out);
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const exported = await exportedRow(out, worker.name);
    expect(exported).toContain(formatPoints(adjusted));
    await closeNotifications();

    // 更正: a new draft version with its reason; the approved one stays in force until then.
    await page.getByRole('button', { name: '更正', exact: true }).click();
    await dialog().getByRole('button', { name: '生成更正版' }).click();
    await dialog().getByText('请填写更正理由').waitFor();
    await dialog().getByLabel('更正理由').fill('补录 11 月走访记录后重新评分');
    await dialog().getByRole('button', { name: '生成更正版' }).click();
    await page.getByText('更正理由：补录 11 月走访记录后重新评分').waitFor();
    await page.getByText('第 2 版', { exact: true }).waitFor();
    await table.getByRole('button', { name: `${worker.name}的${criterion.name}` }).waitFor();
    await closeNotifications();
    await e2e.screenshot('evaluations-sheet-correction');

    // 等次档案: the approved result is in the worker's history.
    await page.getByRole('button', { name: '评分表列表' }).click();
    const list = page.getByTestId('sheet-list');
    await list.getByText('已审定').waitFor();
    await list.getByText('草稿').waitFor();
    await fitsWidth();
    await e2e.screenshot('evaluations-sheets');
    await tab('等次档案').click();
    await page.getByRole('combobox', { name: '网格员', exact: true }).fill(worker.name);
    await page
      .getByRole('option', { name: new RegExp(`^${worker.name}`) })
      .first()
      .click();
    const history = page.getByTestId('grade-history');
    await history.getByText(line.grade).waitFor();
    await history.getByText(formatPoints(line.totalX10), { exact: true }).waitFor();
    await fitsWidth();
    await e2e.screenshot('evaluations-history');
  });

  it('defines a combined scheme (半年 40 % + 年终 60 %) and shows its year result from the approved parts', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    const year = new Date().getFullYear();
    const village = e2e.app.ctx.handle.sqlite
      .prepare('select id, name, code from grids where level = 2 order by code limit 1')
      .get() as { id: number; name: string; code: string };
    // The parts, scored and approved behind the page.
    const totals: Map<number, number>[] = [];
    const parts: { id: number; name: string }[] = [];
    for (const [period, name, date] of [
      ['half', `${year}年上半年考核`, `${year}-03-01`],
      ['year', `${year}年终考核`, `${year}-06-01`],
    ] as const) {
      const def = structuredClone(EVAL_SCHEME_TEMPLATE.definition) as unknown as SheetView['scheme'];
      const scheme = await e2e.app.call('evaluations/schemes/create', { name, period, definition: def });
      const sheet = await e2e.app.call('evaluations/sheets/create', {
        schemeId: scheme.id,
        villageId: village.id,
        date,
      });
      await e2e.app.call('evaluations/sheets/approve', { id: sheet.id, approvedBy: '王书记' });
      totals.push(new Map(sheet.lines.filter((l) => !l.excluded).map((l) => [l.workerId, l.totalX10])));
      parts.push({ id: scheme.id, name });
    }
    await e2e.reload();
    await nav().getByText('考核', { exact: true }).click();
    await tab('考核方案').click();
    await page.getByRole('button', { name: '空白方案' }).click();
    const editor = page.getByRole('dialog', { name: '新建考核方案' });
    await editor.getByLabel('方案名称').fill(`${year}年度综合考核`);
    for (const [i, part] of parts.entries()) {
      await editor.getByRole('button', { name: '加入其他方案的结果' }).click();
      await editor.getByLabel(`合成第 ${i + 1} 项方案`).click();
      await page.getByRole('option', { name: part.name }).click();
      await editor.getByLabel(`合成第 ${i + 1} 项权重`).fill(i === 0 ? '40' : '50');
    }
    await expect.poll(() => editor.getByTestId('combine-sum').innerText()).toBe('合成权重合计 90 %（应为 100 %）');
    await editor.getByLabel('合成第 2 项权重').fill('60');
    await expect.poll(() => editor.getByTestId('combine-sum').innerText()).toBe('合成权重合计 100 %');
    await editor.getByRole('button', { name: '删除第 1 项' }).click();
    await e2e.screenshot('evaluations-combined-editor');
    await editor.getByRole('button', { name: '保存方案' }).click();
    await editor.waitFor({ state: 'detached' });
    await closeNotifications();

    const row = page.getByTestId('scheme-table').locator('tbody tr', { hasText: `${year}年度综合考核` });
    await row.getByRole('button', { name: '综合结果' }).click();
    await dialog()
      .getByRole('combobox', { name: /^村（社区）/ })
      .fill(village.code);
    await page.getByRole('option', { name: new RegExp(`（${village.code}）$`) }).click();
    const table = dialog().getByTestId('combined-table');
    await table.locator('tbody tr').first().waitFor();
    // Each worker's result: half × 40 % + year × 60 %, rounded half up to a tenth.
    const workers = e2e.app.ctx.handle.sqlite.prepare('select id, name from workers').all() as {
      id: number;
      name: string;
    }[];
    const names = new Map<string, number>();
    for (const w of workers) names.set(w.name, (names.get(w.name) ?? 0) + 1);
    const w = workers.find((x) => totals[0]!.has(x.id) && totals[1]!.has(x.id) && names.get(x.name) === 1)!;
    const expected = Math.floor((2 * (totals[0]!.get(w.id)! * 40 + totals[1]!.get(w.id)! * 60) + 100) / 200);
    const cells = await table.locator('tbody tr', { hasText: w.name }).locator('td').allInnerTexts();
    expect(cells.map((t) => t.trim()).slice(0, 4)).toEqual([
      w.name,
      formatPoints(totals[0]!.get(w.id)!),
      formatPoints(totals[1]!.get(w.id)!),
      formatPoints(expected),
    ]);
    await fitsWidth();
    await e2e.screenshot('evaluations-combined');
    await dialog().getByRole('button', { name: '关闭' }).click();

    // 两次连续不合格: January and February approved with the monthly scheme; every worker graded
    // 不合格 (below 70) in both is flagged, recounted from the two sheets.
    const monthly = await e2e.app.call('evaluations/schemes/create', {
      name: `${year}年月度考核`,
      period: 'month',
      definition: structuredClone(EVAL_SCHEME_TEMPLATE.definition) as unknown as SheetView['scheme'],
    });
    const failed: Set<number>[] = [];
    for (const date of [`${year}-01-15`, `${year}-02-15`]) {
      const sheet = await e2e.app.call('evaluations/sheets/create', {
        schemeId: monthly.id,
        villageId: village.id,
        date,
      });
      await e2e.app.call('evaluations/sheets/approve', { id: sheet.id, approvedBy: '王书记' });
      failed.push(new Set(sheet.lines.filter((l) => !l.excluded && l.totalX10 < 700).map((l) => l.workerId)));
    }
    const flagged = [...failed[0]!].filter((id) => failed[1]!.has(id));
    expect(flagged.length).toBeGreaterThan(0);
    await tab('等次档案').click();
    const list = page.getByTestId('flagged-workers');
    await expect.poll(() => list.getByText('两次连续不合格', { exact: true }).count()).toBe(flagged.length);
    await page.getByText(`${flagged.length} 人`, { exact: true }).waitFor();
    await fitsWidth();
    await e2e.screenshot('evaluations-flags');
  });
});
