/**
 * The whole incentives flow of issue 11 at 1366×768 on the demo township, through the three pages
 * as the township uses them: 考核 (a half-year scheme, a village's sheet scored, one score adjusted
 * with a reason, approved), 补贴 (the village's collective income split by those approved scores, a
 * batch for the same half-year computed, adjusted, approved and exported) and 推优 (the best-scored
 * worker's 推荐表 printed with the grade of that sheet). Every figure is checked against the database
 * read directly and recounted by plain loops, never through the services' SQL.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskId } from '../../src/shared/idcard';
import { formatPoints, formatYuan, parseYuan } from '../../src/shared/money';
import { setSavePath } from '../helpers/context';
import { readPdf } from '../helpers/pdf';
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
const db = () => ctx.e2e.app.ctx.handle.sqlite;
const yuanOf = (text: string) => parseYuan(text.replace(/[\s元*]/g, ''))!;

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

/** The latest half-year that has ended: the demo's year of records covers all of it. */
function lastHalf(now = new Date()) {
  const y = now.getMonth() >= 6 ? now.getFullYear() : now.getFullYear() - 1;
  const first = now.getMonth() >= 6;
  return first
    ? { year: y, label: `${y}年上半年`, from: `${y}-01-01`, to: `${y}-06-30`, day: `${y}-03-15` }
    : { year: y, label: `${y}年下半年`, from: `${y}-07-01`, to: `${y}-12-31`, day: `${y}-09-15` };
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

/** The village and every grid below it. */
function subtree(villageId: number): Set<number> {
  const grids = db().prepare('select id, parent_id from grids').all() as Grid[];
  const inside = new Set<number>([villageId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of grids)
      if (g.parent_id !== null && inside.has(g.parent_id) && !inside.has(g.id)) {
        inside.add(g.id);
        grew = true;
      }
  }
  return inside;
}

/** Whoever held the grid on the day (网格员 before 网格长, latest start), by a plain walk. */
function holderOf(assignments: Assignment[], grid: number, day: string): number | null {
  const held = assignments.filter(
    (a) =>
      a.grid_id === grid && (a.start_date === null || a.start_date <= day) && (a.end_date === null || a.end_date > day),
  );
  held.sort(
    (a, b) =>
      Number(b.role === '网格员') - Number(a.role === '网格员') ||
      (b.start_date ?? '').localeCompare(a.start_date ?? '') ||
      b.id - a.id,
  );
  return held[0]?.worker_id ?? null;
}

/**
 * 以案定补 per worker of a village over from–to with the default rates: every 调解成功 case settled in
 * the period pays the worker it names, else its grid's holder on the settle date; no tier is 简单.
 */
function villageCases(villageId: number, from: string, to: string) {
  const inside = subtree(villageId);
  const assignments = db().prepare('select * from assignments').all() as Assignment[];
  const disputes = db()
    .prepare(`select grid_id, worker_id, settle_date, difficulty from disputes where status = '调解成功'`)
    .all() as { grid_id: number; worker_id: number | null; settle_date: string; difficulty: string | null }[];
  const rates: Record<string, number> = { 简单: 10_000, 一般: 20_000, 重大: 30_000 };
  const byWorker = new Map<number, { cases: number; fen: number }>();
  for (const d of disputes) {
    if (!inside.has(d.grid_id) || d.settle_date < from || d.settle_date > to) continue;
    const w = d.worker_id ?? holderOf(assignments, d.grid_id, d.settle_date);
    if (w === null) continue;
    const acc = byWorker.get(w) ?? { cases: 0, fen: 0 };
    acc.cases += 1;
    acc.fen += rates[d.difficulty ?? '简单']!;
    byWorker.set(w, acc);
  }
  return byWorker;
}

/** Reports per worker of a village over from–to (named, else the grid's holder on the day). */
function villageReports(villageId: number, from: string, to: string) {
  const inside = subtree(villageId);
  const assignments = db().prepare('select * from assignments').all() as Assignment[];
  const reports = db().prepare('select grid_id, worker_id, report_date from info_reports').all() as {
    grid_id: number;
    worker_id: number | null;
    report_date: string;
  }[];
  const counts = new Map<number, number>();
  for (const r of reports) {
    if (!inside.has(r.grid_id) || r.report_date < from || r.report_date > to) continue;
    const w = r.worker_id ?? holderOf(assignments, r.grid_id, r.report_date);
    if (w !== null) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** The village with the most settled cases in the half among those where several workers reported. */
function pickVillage(from: string, to: string) {
  const villages = db().prepare('select id, name, code from grids where level = 2 order by code').all() as Grid[];
  let best: { village: Grid; cases: number } | null = null;
  for (const village of villages) {
    if (villageReports(village.id, from, to).size < 3) continue;
    let cases = 0;
    for (const c of villageCases(village.id, from, to).values()) cases += c.cases;
    if (!best || cases > best.cases) best = { village, cases };
  }
  expect(best?.cases ?? 0).toBeGreaterThan(0);
  return best!.village;
}

interface Line {
  id: number;
  worker_id: number;
  name: string;
  id_number: string;
  status: string;
  total_x10: number;
  grade: string;
  excluded: string | null;
}

function sheetLines(sheetId: number): Line[] {
  return db()
    .prepare(
      `select l.id, l.worker_id, w.name, w.id_number, w.status, l.total_x10, l.grade, l.excluded
       from eval_lines l join workers w on w.id = l.worker_id where l.sheet_id = ?`,
    )
    .all(sheetId) as Line[];
}

/**
 * A split by largest remainder, in 分: each part the floor of amount × weight / sum, the 分 left
 * over to the largest remainders (ties to the lower worker id). Weights are keyed by worker id.
 */
function splitByHand(amountFen: number, weights: Map<number, number>): Map<number, number> {
  const ids = [...weights.keys()].sort((a, b) => a - b);
  let sum = 0;
  for (const id of ids) sum += weights.get(id)!;
  const parts = new Map<number, number>();
  const rest: { id: number; r: number }[] = [];
  let given = 0;
  for (const id of ids) {
    const exact = amountFen * weights.get(id)!;
    const part = Math.floor(exact / sum);
    parts.set(id, part);
    given += part;
    rest.push({ id, r: exact - part * sum });
  }
  rest.sort((a, b) => b.r - a.r || a.id - b.id);
  for (let i = 0; i < amountFen - given; i++) parts.set(rest[i]!.id, parts.get(rest[i]!.id)! + 1);
  return parts;
}

/** name → its amounts, sorted: names may repeat within a village. */
function byName(amounts: { name: string; fen: number }[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const a of amounts) (out[a.name] ??= []).push(a.fen);
  for (const k of Object.keys(out)) out[k]!.sort((a, b) => a - b);
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v && typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v ?? '');
}

function fenOf(raw: ExcelJS.CellValue): number | null {
  const v = raw && typeof raw === 'object' && 'result' in raw ? raw.result : raw;
  return typeof v === 'number' ? Math.round(v * 100) : parseYuan(String(v));
}

/** The 补贴发放表: its 合计 row's total and every worker row's name, ID number and 集体收入切块. */
async function readPayoutSheet(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: { texts: string[]; values: ExcelJS.CellValue[] }[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push({ texts: values.map(cellText), values });
  });
  const header = rows.findIndex((r) => r.texts.includes('姓名'));
  const col = (prefix: string) => rows[header]!.texts.findIndex((t) => t.startsWith(prefix));
  const totalRow = rows.find((r) => r.texts[0] === '合计')!;
  const workers = rows
    .slice(header + 1)
    .filter((r) => r !== totalRow && r.texts[col('姓名')])
    .map((r) => ({
      name: r.texts[col('姓名')]!,
      idNumber: r.texts[col('身份证号')]!,
      collectiveFen: fenOf(r.values[col('集体收入切块')]!) ?? 0,
    }));
  return { title: rows[0]!.texts.join(''), totalFen: fenOf(totalRow.values[col('合计')]!), workers };
}

describe('incentives, end to end: 考核 → 补贴 → 推优', () => {
  it('scores and approves a village, pays its collective income by those scores, exports, and prints a 推荐表', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    const half = lastHalf();
    const village = pickVillage(half.from, half.to);
    await e2e.reload();

    // ── 1. 考核: a half-year scheme defined in the editor ──────────────────────────────────────
    await nav().getByText('考核', { exact: true }).click();
    await tab('考核方案').click();
    const schemeName = `${half.year}年网格员半年考核（联动测试）`;
    await page.getByRole('button', { name: '按模板新建方案' }).click();
    const editor = page.getByRole('dialog', { name: '新建考核方案' });
    await editor.getByLabel('方案名称').fill(schemeName);
    await editor.getByRole('combobox', { name: /^考核周期/ }).click();
    await page.getByRole('option', { name: '半年', exact: true }).click();
    // Targets a demo village's half-year of records reaches for some workers and not others, so
    // the totals (and grades) differ from worker to worker.
    for (const [n, target] of [
      [1, '1'],
      [2, '6'],
      [3, '1'],
    ] as const)
      await editor.getByLabel(`第 ${n} 项满分所需数量`, { exact: true }).fill(target);
    await expect.poll(() => editor.getByTestId('weight-sum').innerText()).toBe('权重合计 100 %');
    await fitsWidth();
    await e2e.screenshot('incentives-1-scheme');
    await editor.getByRole('button', { name: '保存方案' }).click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('scheme-table').getByText(schemeName).waitFor();
    const scheme = db().prepare('select id, period, definition from eval_schemes where name = ?').get(schemeName) as {
      id: number;
      period: string;
      definition: string;
    };
    expect(scheme.period).toBe('half');
    const criterion = (JSON.parse(scheme.definition) as { criteria: { key: string; name: string; fullX10: number }[] })
      .criteria[0]!;
    await closeNotifications();

    // The village's sheet for the half-year.
    await tab('评分表').click();
    await page.getByRole('button', { name: '新建评分表' }).click();
    await dialog()
      .getByRole('combobox', { name: /^考核方案/ })
      .click();
    await page.getByRole('option', { name: schemeName, exact: true }).click();
    await dialog()
      .getByRole('combobox', { name: /^村（社区）/ })
      .fill(village.code);
    await page.getByRole('option', { name: new RegExp(`（${village.code}）$`) }).click();
    await dialog().getByLabel('考核期间内的任一天').fill(half.day);
    await dialog().getByRole('button', { name: '生成评分表' }).click();
    const table = page.getByTestId('score-table');
    await table.locator('tbody tr').first().waitFor();
    const sheet = db()
      .prepare('select id, period_start, period_end, period_label from eval_sheets where scheme_id = ?')
      .get(scheme.id) as { id: number; period_start: string; period_end: string; period_label: string };
    expect(sheet).toMatchObject({ period_start: half.from, period_end: half.to, period_label: half.label });
    const drafted = sheetLines(sheet.id);
    expect(drafted.filter((l) => l.excluded === null).length).toBeGreaterThan(1);

    // 调整: the best-scored worker (whose name is unique on the sheet) loses ten points, with a reason.
    const namesOnSheet = new Map<string, number>();
    for (const l of drafted) namesOnSheet.set(l.name, (namesOnSheet.get(l.name) ?? 0) + 1);
    const target = drafted
      .filter((l) => l.excluded === null && namesOnSheet.get(l.name) === 1)
      .sort((a, b) => b.total_x10 - a.total_x10 || a.worker_id - b.worker_id)[0]!;
    const score = db()
      .prepare('select suggested_x10, score_x10 from eval_scores where line_id = ? and item_key = ?')
      .get(target.id, criterion.key) as { suggested_x10: number; score_x10: number };
    const adjusted = score.score_x10 >= 100 ? score.score_x10 - 100 : score.score_x10 + 100;
    const cell = table.getByRole('button', { name: `${target.name}的${criterion.name}` });
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    const scoreDialog = page.getByRole('dialog', { name: `${target.name} · ${criterion.name}` });
    await scoreDialog.getByLabel('得分').fill(formatPoints(adjusted));
    await scoreDialog.getByLabel('调整理由').fill('半年内两次例会缺席，按村规扣分');
    await e2e.screenshot('incentives-1-adjust');
    await scoreDialog.getByRole('button', { name: '保存得分' }).click();
    await scoreDialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await cell.innerText()).replace(/\s+/g, ' ')).toContain(formatPoints(adjusted));
    const stored = db()
      .prepare('select score_x10, reason from eval_scores where line_id = ? and item_key = ?')
      .get(target.id, criterion.key);
    expect(stored).toEqual({ score_x10: adjusted, reason: '半年内两次例会缺席，按村规扣分' });
    await closeNotifications();

    // 审定, by name.
    await page.getByRole('button', { name: '审定', exact: true }).click();
    await dialog().getByLabel('审定人').fill('王书记');
    await dialog().getByRole('button', { name: '审定并锁定' }).click();
    await page
      .getByTestId('sheet-state')
      .getByText(/王书记 审定于 .*已锁定/)
      .waitFor();
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('incentives-1-approved');
    const approved = sheetLines(sheet.id);
    expect(db().prepare('select status, approved_by from eval_sheets where id = ?').get(sheet.id)).toEqual({
      status: '已审定',
      approved_by: '王书记',
    });
    const targetTotal = approved.find((l) => l.id === target.id)!.total_x10;
    expect(targetTotal).toBe(target.total_x10 + adjusted - score.score_x10);

    // ── 2. 补贴: the village's collective income, split by the approved scores ────────────────
    await nav().getByText('补贴', { exact: true }).click();
    await tab('集体收入切块').click();
    await page.getByRole('button', { name: '新增切块' }).click();
    const shareForm = dialog();
    await shareForm.getByRole('combobox', { name: '村（社区）' }).fill(village.code);
    await page.getByRole('option', { name: new RegExp(`（${village.code}）$`) }).click();
    await shareForm.getByLabel('起始日期').fill(half.from);
    await shareForm.getByLabel('截止日期').fill(half.to);
    await shareForm.getByLabel('切块金额').fill('6000');
    await shareForm.getByText('按考核得分', { exact: true }).click();
    await shareForm.getByText('按期间内已审定的考核得分比例分配。').waitFor();
    await e2e.screenshot('incentives-2-share');
    await shareForm.getByRole('button', { name: '保存' }).click();
    await shareForm.waitFor({ state: 'detached' });
    await page.getByTestId('share-table').getByText('6,000.00 元').waitFor();
    await closeNotifications();

    // The batch for the half-year, limited to the village.
    await tab('发放批次').click();
    await page.getByRole('button', { name: '新建批次' }).click();
    await dialog().getByLabel('批次名称').fill(`${village.name}${half.label}网格员补贴`);
    await dialog().getByLabel('起始日期').fill(half.from);
    await dialog().getByLabel('截止日期').fill(half.to);
    await dialog().getByRole('combobox', { name: '范围' }).fill(village.code);
    await page.getByRole('option', { name: new RegExp(`（${village.code}）$`) }).click();
    await dialog().getByRole('button', { name: '计算并生成' }).click();
    const payout = page.getByTestId('payout-table');
    await payout.locator('tbody tr').first().waitFor();
    await fitsWidth();

    // Each worker's 集体收入切块 is 6,000.00 元 split by the approved sheet's totals, by hand.
    const weights = new Map<number, number>();
    for (const l of approved) weights.set(l.worker_id, l.excluded === null ? Math.max(0, l.total_x10) : 0);
    const expected = splitByHand(600_000, weights);
    let parts = 0;
    for (const fen of expected.values()) parts += fen;
    expect(parts).toBe(600_000);
    const nameOf = new Map(approved.map((l) => [l.worker_id, l.name]));
    const expectedShown = byName(
      [...expected].filter(([, fen]) => fen > 0).map(([id, fen]) => ({ name: nameOf.get(id)!, fen })),
    );
    const shownShares = async () => {
      const shown: { name: string; fen: number }[] = [];
      for (const b of await payout.getByRole('button', { name: /的集体收入切块$/ }).all()) {
        const name = (await b.getAttribute('aria-label'))!.replace(/的集体收入切块$/, '');
        const fen = yuanOf(await b.innerText());
        if (fen > 0) shown.push({ name, fen });
      }
      return byName(shown);
    };
    await expect.poll(shownShares).toEqual(expectedShown);
    // The adjustment is in the money: with the suggested score the worker would have had another amount.
    const unadjusted = new Map(weights).set(target.worker_id, targetTotal - adjusted + score.score_x10);
    expect(splitByHand(600_000, unadjusted).get(target.worker_id)).not.toBe(expected.get(target.worker_id));
    const targetShare = payout.getByRole('button', { name: `${target.name}的集体收入切块` });
    await expect.poll(() => targetShare.innerText()).toBe(formatYuan(expected.get(target.worker_id)!));
    const totals = page.getByTestId('mechanism-totals');
    await expect.poll(() => totals.innerText()).toContain('6,000.00 元');

    // One worker's 以案定补 is the plain recount of the village's settled cases at the default rates.
    const cases = villageCases(village.id, half.from, half.to);
    const names = db().prepare('select id, name from workers').all() as { id: number; name: string }[];
    const nameCount = new Map<string, number>();
    for (const w of names) nameCount.set(w.name, (nameCount.get(w.name) ?? 0) + 1);
    const caseWorker = names
      .filter((w) => cases.has(w.id) && nameCount.get(w.name) === 1)
      .sort((a, b) => cases.get(b.id)!.cases - cases.get(a.id)!.cases || a.id - b.id)[0]!;
    const caseFen = cases.get(caseWorker.id)!.fen;
    const caseCell = payout.getByRole('button', { name: `${caseWorker.name}的以案定补` });
    await caseCell.scrollIntoViewIfNeeded();
    await expect.poll(() => caseCell.innerText()).toBe(formatYuan(caseFen));
    await closeNotifications();
    await e2e.screenshot('incentives-2-batch');

    // 调整 that line, with its reason; the batch total follows.
    const totalBefore = yuanOf(await page.getByTestId('batch-total').innerText());
    await caseCell.click();
    const drawer = page.getByTestId('evidence-drawer');
    const evidence = drawer.getByTestId('evidence-case');
    await expect
      .poll(() => evidence.getByTestId('evidence-table').locator('tbody tr').count())
      .toBe(cases.get(caseWorker.id)!.cases);
    await evidence.getByRole('button', { name: '调整' }).click();
    const adjust = page.getByRole('dialog', { name: /调整/ });
    await adjust.getByLabel('调整金额').fill('-100');
    await adjust.getByLabel('调整理由').fill('一件纠纷已在上期发放，扣回');
    await adjust.getByRole('button', { name: '保存调整' }).click();
    await adjust.waitFor({ state: 'detached' });
    await evidence.getByText('调整理由：一件纠纷已在上期发放，扣回').waitFor();
    await drawer.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => caseCell.innerText()).toBe(`${formatYuan(caseFen - 10_000)} *`);
    await expect.poll(() => page.getByTestId('batch-total').innerText()).toBe(`${formatYuan(totalBefore - 10_000)} 元`);
    await closeNotifications();

    // 审定.
    await page.getByRole('button', { name: '审定', exact: true }).click();
    await dialog().getByLabel('审核人').fill('李会计');
    await dialog().getByRole('button', { name: '审定并锁定' }).click();
    await page.getByText('已审定', { exact: true }).first().waitFor();
    const batch = db().prepare('select id, status, grid_id from payout_batches').get() as {
      id: number;
      status: string;
      grid_id: number;
    };
    expect(batch).toMatchObject({ status: '已审定', grid_id: village.id });
    // The stored lines add up, by a plain loop, to the total on screen.
    const storedLines = db()
      .prepare(
        'select worker_id, mechanism, computed_fen, adjust_fen, adjust_reason from payout_lines where batch_id = ?',
      )
      .all(batch.id) as {
      worker_id: number;
      mechanism: string;
      computed_fen: number;
      adjust_fen: number;
      adjust_reason: string;
    }[];
    let storedTotal = 0;
    for (const l of storedLines) storedTotal += l.computed_fen + l.adjust_fen;
    expect(storedLines.filter((l) => l.adjust_fen !== 0)).toEqual([
      {
        worker_id: caseWorker.id,
        mechanism: 'case',
        computed_fen: caseFen,
        adjust_fen: -10_000,
        adjust_reason: '一件纠纷已在上期发放，扣回',
      },
    ]);
    const shownTotal = yuanOf(await page.getByTestId('batch-total').innerText());
    expect(storedTotal).toBe(shownTotal);
    await closeNotifications();
    await e2e.screenshot('incentives-2-approved');

    // 导出发放表 (ID numbers masked): its 合计 row is the total on screen.
    const xlsx = path.join(e2e.app.dir, '补贴发放表.xlsx');
    setSavePath(e2e.app, xlsx);
    await page.getByRole('button', { name: '导出发放表' }).click();
    expect(await dialog().getByLabel('身份证号、银行账号完整显示（交银行用）').isChecked()).toBe(false);
    await dialog().getByRole('button', { name: '选择保存位置…' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const sheetFile = await readPayoutSheet(xlsx);
    expect(sheetFile.title).toContain('网格员补贴发放表');
    expect(sheetFile.totalFen).toBe(shownTotal);
    expect(sheetFile.workers.length).toBeGreaterThan(1);
    const ids = new Map(approved.map((l) => [l.name, l.id_number]));
    for (const w of sheetFile.workers) {
      expect(w.idNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
      if (ids.has(w.name)) expect(w.idNumber).not.toBe(ids.get(w.name));
    }
    expect(
      byName(sheetFile.workers.filter((w) => w.collectiveFen > 0).map((w) => ({ name: w.name, fen: w.collectiveFen }))),
    ).toEqual(expectedShown);
    await closeNotifications();

    // ── 3. 推优: the best approved score's worker, the 推荐表 with that sheet's grade ─────────────
    // Among equal best scores, one whose name no other worker has: the picker is searched by name.
    const graded = approved.filter((l) => l.excluded === null && l.status === '在岗');
    let top = 0;
    for (const l of graded) if (l.total_x10 > top) top = l.total_x10;
    const best = graded
      .filter((l) => l.total_x10 === top)
      .sort((a, b) => nameCount.get(a.name)! - nameCount.get(b.name)! || a.worker_id - b.worker_id)[0]!;
    expect(top).toBeGreaterThan(0);
    await nav().getByText('推优', { exact: true }).click();
    await page.getByText('优秀网格员名单', { exact: true }).waitFor();
    await page.getByRole('button', { name: '新建推优' }).first().click();
    await dialog().getByLabel('网格员').fill(best.name);
    // Options name the worker's grids from the village down: a repeated name is told apart by them.
    await page
      .getByRole('option', { name: new RegExp(`^${best.name}（${village.name}`) })
      .first()
      .click();
    await dialog().getByLabel('决定单位').fill('村党支部');
    await dialog().getByRole('button', { name: '新建', exact: true }).click();
    const details = page.getByTestId('details-form');
    await details.getByRole('button', { name: '从工作记录生成' }).click();
    const deeds = details.getByLabel(/主要事迹/);
    await expect.poll(() => deeds.inputValue()).toContain(`${best.name}同志`);
    await details.getByLabel('村党组织意见').fill('同意推荐');
    await details.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => details.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    const rec = db().prepare('select worker_id, pipeline from recommendations').get();
    expect(rec).toEqual({ worker_id: best.worker_id, pipeline: 'award' });
    await closeNotifications();
    await fitsWidth();
    await e2e.screenshot('incentives-3-recommendation');

    await page.getByRole('button', { name: '预览推荐表' }).click();
    await expect
      .poll(() => page.getByTestId('pdf-preview').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
    await e2e.screenshot('incentives-3-preview');
    await dialog().getByRole('button', { name: '关闭' }).click();
    const pdf = path.join(e2e.app.dir, '推荐表.pdf');
    setSavePath(e2e.app, pdf);
    await page.getByRole('button', { name: '打印推荐表' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const printed = (await readPdf(pdf))
      .flatMap((p) => p.items.map((i) => i.str))
      .join('')
      .replace(/\s/g, '');
    expect(printed).toContain(best.name);
    expect(printed).toContain(`${half.label}${best.grade}`);
    expect(printed).toContain(maskId(best.id_number));
    expect(printed).not.toContain(best.id_number);
    await closeNotifications();
  });
});
