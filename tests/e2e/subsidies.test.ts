/**
 * The 补贴 page at 1366×768 on the demo township (issue 11): a rule changed mid-period, a batch
 * computed for the period, one worker's 以案定补 traced to the cases behind it (recounted here by a
 * plain walk of the disputes and assignments), an adjustment that needs its reason, approval that
 * locks the batch, and the 补贴发放表 read back with its 合计 row equal to the total on screen.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from '../../src/shared/money';
import { setSavePath } from '../helpers/context';
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

function localDay(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

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

/** A drawer has finished sliding in: it stands still, inside the window. */
async function standsStill(drawer: Locator) {
  let last = '';
  await expect
    .poll(
      async () => {
        const box = await drawer.boundingBox();
        const now = JSON.stringify(box);
        const still = box !== null && now === last && box.x + box.width <= 1366;
        last = now;
        return still;
      },
      { interval: 150 },
    )
    .toBe(true);
}

interface Dispute {
  id: number;
  grid_id: number;
  worker_id: number | null;
  settle_date: string;
  difficulty: string | null;
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
 * 以案定补 per worker, recounted by plain loops: every 调解成功 case settled in the period pays the
 * worker it names, else whoever held its grid on the settle date (网格员 before 网格长, latest start);
 * a case with no tier is 简单; the rate is the one in force on the settle date.
 */
function casePay(from: string, to: string, ruleFrom: string, newRates: Record<string, number>) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const disputes = db
    .prepare(`select id, grid_id, worker_id, settle_date, difficulty from disputes where status = '调解成功'`)
    .all() as Dispute[];
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
  const old: Record<string, number> = { 简单: 10_000, 一般: 20_000, 重大: 30_000 };
  const byWorker = new Map<number, { fen: number; cases: number }>();
  let total = 0;
  for (const d of disputes) {
    if (d.settle_date < from || d.settle_date > to) continue;
    const worker = d.worker_id ?? holder(d.grid_id, d.settle_date);
    if (worker === null) continue;
    const fen = (d.settle_date >= ruleFrom ? newRates : old)[d.difficulty ?? '简单']!;
    const w = byWorker.get(worker) ?? { fen: 0, cases: 0 };
    w.fen += fen;
    w.cases += 1;
    byWorker.set(worker, w);
    total += fen;
  }
  return { byWorker, total };
}

/** A worker with the most cases among those whose name no other worker has. */
function pickWorker(byWorker: Map<number, { fen: number; cases: number }>) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const workers = db.prepare('select id, name from workers').all() as { id: number; name: string }[];
  const count = new Map<string, number>();
  for (const w of workers) count.set(w.name, (count.get(w.name) ?? 0) + 1);
  const unique = workers.filter((w) => count.get(w.name) === 1 && byWorker.has(w.id));
  unique.sort((a, b) => byWorker.get(b.id)!.cases - byWorker.get(a.id)!.cases);
  const w = unique[0]!;
  return { ...w, ...byWorker.get(w.id)! };
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

/** The sheet's title, the 合计 row's total, and a worker's row (ID number, 以案定补), amounts in 分. */
async function readPayoutSheet(file: string, worker: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: { texts: string[]; values: ExcelJS.CellValue[] }[] = [];
  ws.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push({ texts: values.map(cellText), values });
  });
  const header = rows.find((r) => r.texts.includes('姓名'))!;
  const col = (prefix: string) => header.texts.findIndex((t) => t.startsWith(prefix));
  const totalRow = rows.find((r) => r.texts[0] === '合计')!;
  const mine = rows.find((r) => r.texts[col('姓名')] === worker)!;
  return {
    title: rows[0]!.texts.join(''),
    totalFen: fenOf(totalRow.values[col('合计')]!),
    idNumber: mine.texts[col('身份证号')]!,
    bank: mine.texts[col('银行账号')]!,
    caseFen: fenOf(mine.values[col('以案定补（元）')]!),
  };
}

describe('the 补贴 page, as the clerk and the 财务 use it', () => {
  it('sets a rule, computes a batch, traces an amount to its cases, adjusts, approves and exports', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    const year = new Date().getFullYear();
    const from = `${year}-01-01`;
    const to = localDay();
    const ruleFrom = localDay(new Date((Date.parse(from) + Date.now()) / 2));
    const expected = casePay(from, to, ruleFrom, { 简单: 10_000, 一般: 25_000, 重大: 30_000 });
    const worker = pickWorker(expected.byWorker);
    await e2e.reload();

    // The worker's 银行账号, typed in the worker form, is what the 补贴发放表 pays into.
    await nav().getByText('网格员', { exact: true }).click();
    await page.getByLabel('搜索网格员').fill(worker.name);
    await page
      .locator('tbody tr', { hasText: worker.name })
      .getByRole('cell', { name: worker.name, exact: true })
      .click();
    const detail = page.getByTestId('worker-detail');
    await detail.getByRole('button', { name: '编辑' }).click();
    const workerForm = page.getByRole('dialog', { name: `编辑：${worker.name}` });
    await workerForm.getByLabel('银行账号').fill('6217 0000 123');
    await workerForm.getByRole('button', { name: '保存' }).click();
    await workerForm.getByText('银行账号应为 12 到 30 位数字').waitFor();
    await workerForm.getByLabel('银行账号').fill('6217 0000 1234 5678 901');
    await workerForm.getByRole('button', { name: '保存' }).click();
    await workerForm.waitFor({ state: 'detached' });
    const stored = e2e.app.ctx.handle.sqlite.prepare('select bank_account from workers where id = ?').get(worker.id);
    expect(stored).toEqual({ bank_account: '6217000012345678901' });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await closeNotifications();

    await nav().getByText('补贴', { exact: true }).click();
    await tab('发放批次').waitFor();
    await e2e.screenshot('subsidies-batches-empty');

    // The rule: 一般 250 元 from the middle of the period.
    await tab('补贴标准').click();
    const caseCard = page.getByTestId('rule-case');
    await expect.poll(() => caseCard.getByText('默认').count()).toBe(1);
    await caseCard.getByRole('button', { name: '新标准' }).click();
    await dialog().getByLabel('执行日期').fill(ruleFrom);
    await dialog().getByLabel('一般案件').fill('250');
    await dialog().getByRole('button', { name: '保存标准' }).click();
    await caseCard.getByText(ruleFrom, { exact: true }).waitFor();
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('subsidies-rules');

    // The batch for the period.
    await tab('发放批次').click();
    await page.getByRole('button', { name: '新建批次' }).click();
    await dialog().getByLabel('批次名称').fill(`${year}年网格员补贴`);
    await dialog().getByLabel('起始日期').fill(from);
    await dialog().getByLabel('截止日期').fill(to);
    await dialog().getByRole('button', { name: '计算并生成' }).click();
    const table = page.getByTestId('payout-table');
    await table.locator('tbody tr').first().waitFor();
    await fitsWidth();

    const totals = page.getByTestId('mechanism-totals');
    await expect
      .poll(() => totals.locator(':scope > *').first().innerText())
      .toContain(`${formatYuan(expected.total)} 元`);
    const cell = table.getByRole('button', { name: `${worker.name}的以案定补` });
    await cell.scrollIntoViewIfNeeded();
    await expect.poll(() => cell.innerText()).toBe(formatYuan(worker.fen));
    await closeNotifications();
    await e2e.screenshot('subsidies-batch');

    // Every yuan shows the cases behind it: the listed cases add up to the amount shown.
    await cell.click();
    const drawer = page.getByTestId('evidence-drawer');
    const evidence = drawer.getByTestId('evidence-case');
    await expect.poll(() => evidence.getByTestId('evidence-table').locator('tbody tr').count()).toBe(worker.cases);
    const listed = await evidence.getByTestId('evidence-table').locator('tbody tr td:last-child').allInnerTexts();
    expect(listed.reduce((a, t) => a + parseYuan(t.replace(' 元', ''))!, 0)).toBe(worker.fen);
    await expect.poll(() => evidence.getByTestId('evidence-sum').innerText()).toBe(`${formatYuan(worker.fen)} 元`);
    await standsStill(evidence);
    await e2e.screenshot('subsidies-evidence');

    // 调整: the amount, then the reason, are asked for.
    const totalBefore = parseYuan((await page.getByTestId('batch-total').innerText()).replace(' 元', ''))!;
    await evidence.getByRole('button', { name: '调整' }).click();
    const adjust = page.getByRole('dialog', { name: /调整/ });
    await adjust.getByRole('button', { name: '保存调整' }).click();
    await adjust.getByText('请填写调整金额（扣减填负数，如 -50）').waitFor();
    await adjust.getByLabel('调整金额').fill('-50');
    await adjust.getByRole('button', { name: '保存调整' }).click();
    await adjust.getByText('请填写调整理由').waitFor();
    await adjust.getByLabel('调整理由').fill('一件案件重复登记，扣回');
    await expect
      .poll(() => adjust.getByTestId('adjust-preview').innerText())
      .toContain(`实发 ${formatYuan(worker.fen - 5_000)} 元`);
    await adjust.getByRole('button', { name: '保存调整' }).click();
    await adjust.waitFor({ state: 'detached' });
    await expect
      .poll(() => evidence.getByTestId('line-final').innerText())
      .toBe(`实发 ${formatYuan(worker.fen - 5_000)} 元`);
    await evidence.getByText('调整理由：一件案件重复登记，扣回').waitFor();
    await drawer.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => cell.innerText()).toBe(`${formatYuan(worker.fen - 5_000)} *`);
    await expect.poll(() => page.getByTestId('batch-total').innerText()).toBe(`${formatYuan(totalBefore - 5_000)} 元`);

    // 重新计算 keeps the adjustment on its worker and mechanism.
    await page.getByRole('button', { name: '重新计算' }).click();
    await dialog()
      .getByText(/已做的调整（金额和理由）保留/)
      .waitFor();
    await dialog().getByRole('button', { name: '重新计算' }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => cell.innerText()).toBe(`${formatYuan(worker.fen - 5_000)} *`);
    await closeNotifications();

    // 审定 locks the batch: no adjusting afterwards, on screen or behind it.
    await page.getByRole('button', { name: '审定', exact: true }).click();
    await dialog()
      .getByText(/审定后批次锁定/)
      .waitFor();
    await dialog().getByRole('button', { name: '审定并锁定' }).click();
    await dialog().getByText('请填写审核人').waitFor();
    await dialog().getByLabel('审核人').fill('李会计');
    await dialog().getByRole('button', { name: '审定并锁定' }).click();
    await page.getByText('已审定', { exact: true }).first().waitFor();
    await cell.click();
    await drawer.getByTestId('evidence-case').waitFor();
    expect(await drawer.getByRole('button', { name: '调整' }).count()).toBe(0);
    await drawer.getByRole('button', { name: '关闭' }).click();
    const batchId = (await e2e.app.call('subsidies/batches/list', {}))[0]!.id;
    const line = (await e2e.app.call('subsidies/batches/get', { id: batchId })).lines.find(
      (l) => l.workerId === worker.id && l.mechanism === 'case',
    )!;
    await expect(
      e2e.app.call('subsidies/lines/adjust', { lineId: line.id!, adjustFen: 100, reason: '审定后再调' }),
    ).rejects.toThrow();

    // 导出发放表: masked by default; the 合计 row equals the total on screen.
    const shown = parseYuan((await page.getByTestId('batch-total').innerText()).replace(' 元', ''))!;
    const out = path.join(e2e.app.dir, '补贴发放表.xlsx');
    setSavePath(e2e.app, out);
    await page.getByRole('button', { name: '导出发放表' }).click();
    const fullBox = dialog().getByLabel('身份证号、银行账号完整显示（交银行用）');
    expect(await fullBox.isChecked()).toBe(false);
    await fullBox.check();
    await dialog()
      .getByText(/个人敏感信息/)
      .waitFor();
    await fullBox.uncheck();
    await dialog().getByRole('button', { name: '选择保存位置…' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const sheet = await readPayoutSheet(out, worker.name);
    expect(sheet.title).toContain('网格员补贴发放表');
    expect(sheet.totalFen).toBe(shown);
    expect(sheet.caseFen).toBe(worker.fen - 5_000);
    expect(sheet.idNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(sheet.bank).toBe('***************8901');
    await closeNotifications();
    const forBank = path.join(e2e.app.dir, '补贴发放表-银行.xlsx');
    setSavePath(e2e.app, forBank);
    await page.getByRole('button', { name: '导出发放表' }).click();
    await dialog().getByLabel('身份证号、银行账号完整显示（交银行用）').check();
    await dialog().getByRole('button', { name: '选择保存位置…' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const full = await readPayoutSheet(forBank, worker.name);
    expect(full.bank).toBe('6217000012345678901');
    expect(full.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(full.totalFen).toBe(shown);
    await closeNotifications();

    // 标记已发放, then the year's totals.
    await page.getByRole('button', { name: '标记已发放' }).click();
    await dialog().getByRole('button', { name: '标记已发放' }).click();
    await page.getByText('已发放', { exact: true }).first().waitFor();
    await closeNotifications();
    await page.getByRole('button', { name: '批次列表' }).click();
    await page.getByTestId('batch-table').getByText('已发放').waitFor();
    await fitsWidth();
    await e2e.screenshot('subsidies-batches');
    await tab('年度汇总').click();
    await expect.poll(() => page.getByTestId('year-mechanisms').innerText()).toContain(`${formatYuan(shown)} 元`);
    await fitsWidth();
    await e2e.screenshot('subsidies-year');
  });

  it('splits a village share by hand with the remainder shown live, and records a 公益岗位', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    await e2e.reload();
    await nav().getByText('补贴', { exact: true }).click();

    // A rule set by mistake is deleted after a confirmation naming it; the default applies again.
    await tab('补贴标准').click();
    const info = page.getByTestId('rule-info');
    await info.getByRole('button', { name: '新标准' }).click();
    await dialog().getByLabel('执行日期').fill('2026-03-01');
    await dialog().getByLabel('每条重要信息奖励').fill('80');
    await dialog().getByRole('button', { name: '保存标准' }).click();
    await dialog().waitFor({ state: 'detached' });
    await info.getByRole('button', { name: '删除2026-03-01起的信息奖励标准' }).click();
    await dialog()
      .getByText(/将删除2026-03-01 起执行的信息奖励标准（80.00 元/)
      .waitFor();
    await dialog().getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => info.getByText('默认').count()).toBe(1);
    await expect.poll(() => info.getByTestId('rule-current-info').innerText()).toBe('50.00 元 / 条重要信息');
    await closeNotifications();

    await tab('集体收入切块').click();
    await page.getByRole('button', { name: '新增切块' }).click();
    const form = dialog();
    await form.getByRole('combobox', { name: '村（社区）' }).click();
    await page.getByRole('option').first().click();
    await form.getByLabel('切块金额').fill('6000');
    await form.getByText('手工分配', { exact: true }).click();
    const left = form.getByTestId('share-remainder');
    await expect.poll(() => left.innerText()).toBe('尚余 6,000.00 元');
    await form.getByRole('button', { name: '平均填入' }).click();
    await expect.poll(() => left.innerText()).toBe('已分完');
    const first = form.locator('input[inputmode="decimal"]').nth(1);
    const firstFen = parseYuan(await first.inputValue())!;
    await first.fill(formatYuan(firstFen + 1_000));
    await expect.poll(() => left.innerText()).toBe('超出 10.00 元');
    await first.fill(formatYuan(firstFen));
    await expect.poll(() => left.innerText()).toBe('已分完');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('share-table').getByText('6,000.00 元').waitFor();
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('subsidies-shares');

    await tab('公益岗位').click();
    const w = e2e.app.ctx.handle.sqlite.prepare('select name from workers order by id limit 1').get() as {
      name: string;
    };
    await page.getByRole('button', { name: '新增公益岗位' }).click();
    await dialog().getByRole('combobox', { name: '网格员' }).fill(w.name);
    await page
      .getByRole('option', { name: new RegExp(`^${w.name}`) })
      .first()
      .click();
    await dialog().getByLabel('岗位').fill('护林员');
    await dialog().getByRole('button', { name: '保存' }).click();
    await page.getByTestId('post-table').getByText('护林员').waitFor();
    await fitsWidth();
    await closeNotifications();
    await e2e.screenshot('subsidies-posts');
  });

  it('lists a settled case that pays no one, and opens it to be fixed', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    const db = e2e.app.ctx.handle.sqlite;
    const village = db.prepare('select id, code from grids where level = 2 order by code limit 1').get() as {
      id: number;
      code: string;
    };
    // A group nobody holds: its case counts for no one.
    const group = await e2e.app.call('grids/create', {
      parentId: village.id,
      level: 3,
      name: '新建九十九组',
      code: `${village.code}99`,
    });
    const year = new Date().getFullYear();
    await e2e.app.call('records/create', {
      kind: 'disputes',
      fields: {
        gridId: group.id,
        workerId: null,
        foundDate: `${year}-01-10`,
        place: '九十九组',
        category: '邻里',
        parties: '甲某与乙某',
        summary: '排水沟占用',
        status: '调解成功',
        settledLevel: '村',
        settleDate: `${year}-01-20`,
      },
    } as never);
    await e2e.app.call('subsidies/batches/create', {
      title: `${year}年一月补贴`,
      from: `${year}-01-01`,
      to: `${year}-01-31`,
    });
    await e2e.reload();
    await nav().getByText('补贴', { exact: true }).click();
    await page.getByTestId('batch-table').getByText(`${year}年一月补贴`).click();
    const warning = page.getByTestId('unattributed');
    await warning.getByText(/^1 条记录没有可计补贴的网格员/).waitFor();
    await warning.getByText('查看').click();
    await warning.getByText(/甲某与乙某|排水沟占用/).click();
    const record = page.getByTestId('record-drawer');
    await record
      .getByText(/排水沟占用|甲某与乙某/)
      .first()
      .waitFor();
    await standsStill(record.getByRole('button', { name: '取消' }));
    await fitsWidth();
    await e2e.screenshot('subsidies-unattributed');
  });
});
