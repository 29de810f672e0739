/**
 * The 推优 page at 1366×768 on the demo township: the clerk reads the candidate hints, creates an
 * 优秀网格员 pipeline for a worker with the picker, records the 授予 step with level and
 * certificate number, draws the deeds from the records (the report count recounted here by a plain
 * walk of the records and assignments), previews and prints the 推荐表 and exports the list.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/shared/dates';
import { maskId } from '../../src/shared/idcard';
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

interface Assignment {
  id: number;
  worker_id: number;
  grid_id: number;
  role: string;
  start_date: string | null;
  end_date: string | null;
}

/**
 * Reports of the year per worker, by plain loops: the worker a report names, else whoever held
 * its grid on the report date (网格员 before 网格长, latest start).
 */
function reportsByWorker(year: number): Map<number, number> {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const reports = db.prepare('select grid_id, worker_id, report_date from info_reports').all() as {
    grid_id: number;
    worker_id: number | null;
    report_date: string;
  }[];
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
  const out = new Map<number, number>();
  for (const r of reports) {
    if (!r.report_date.startsWith(String(year))) continue;
    const w = r.worker_id ?? holder(r.grid_id, r.report_date);
    if (w !== null) out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

/** The worker in post with the most reports this year among those whose name is unique. */
function pickWorker(year: number) {
  const db = ctx.e2e.app.ctx.handle.sqlite;
  const workers = db.prepare(`select id, name, id_number from workers where status = '在岗'`).all() as {
    id: number;
    name: string;
    id_number: string;
  }[];
  const count = new Map<string, number>();
  for (const w of workers) count.set(w.name, (count.get(w.name) ?? 0) + 1);
  const reports = reportsByWorker(year);
  const unique = workers.filter((w) => count.get(w.name) === 1 && reports.has(w.id));
  unique.sort((a, b) => reports.get(b.id)! - reports.get(a.id)!);
  const w = unique[0]!;
  return { ...w, reports: reports.get(w.id)! };
}

describe('the 推优 page', () => {
  it('creates an award, grants it with a certificate, draws the deeds, prints the 推荐表 and exports', async () => {
    const { page, e2e } = ctx;
    await e2e.app.call('demo/create', {});
    await e2e.reload();
    await nav().getByText('推优', { exact: true }).click();
    await page.getByText('优秀网格员名单', { exact: true }).waitFor();
    const year = Number(todayIso().slice(0, 4));
    const worker = pickWorker(year);

    await tab('候选人提示').click();
    const hints = page.getByTestId('hint-table');
    await hints.getByText(worker.name, { exact: true }).first().waitFor();
    await hints.getByText(`${year}年暂无审定的考核结果`).first().waitFor();
    await fitsWidth();
    await e2e.screenshot('recommendations-hints');

    // A new 优秀网格员 pipeline, the worker picked by name.
    await page.getByRole('button', { name: '新建推优' }).first().click();
    await dialog().getByLabel('网格员').fill(worker.name);
    await page.getByRole('option', { name: new RegExp(`^${worker.name}`) }).click();
    await dialog().getByLabel('决定单位').fill('村党支部');
    await e2e.screenshot('recommendations-create');
    await dialog().getByRole('button', { name: '新建', exact: true }).click();

    // The drawer: 授予 is the next stage; without a level it is refused, with one it completes.
    const next = page.getByTestId('next-step');
    await next.waitFor();
    expect(await next.getByLabel('环节').inputValue()).toBe('授予');
    await next.getByLabel('决定单位').fill('县委政法委');
    await next.getByRole('button', { name: '登记' }).click();
    await next.getByText('“授予”环节通过时请填写荣誉级别（镇级、县级、市级或省级）').first().waitFor();
    await closeNotifications();
    await next.getByLabel('荣誉级别').click();
    await page.getByRole('option', { name: '县级' }).click();
    await next.getByLabel('颁发单位').fill('县委政法委');
    await next.getByLabel('证书编号').fill('ZF-2026-031');
    await next.getByRole('button', { name: '登记' }).click();
    const timeline = page.getByTestId('step-timeline');
    await timeline.getByText('授予', { exact: true }).waitFor();
    await expect.poll(() => next.count()).toBe(0);
    await closeNotifications();

    // Deeds from the records, saved, then the 推荐表.
    const details = page.getByTestId('details-form');
    await details.getByRole('button', { name: '从工作记录生成' }).click();
    const deeds = details.getByLabel(/主要事迹/);
    await expect.poll(() => deeds.inputValue()).toContain(`上报信息 ${worker.reports} 条`);
    const text = await deeds.inputValue();
    expect(text.startsWith(`${year}年度，${worker.name}同志`)).toBe(true);
    await details.getByLabel('村党组织意见').fill('同意推荐');
    await details.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => details.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await closeNotifications();
    await fitsWidth();
    await e2e.screenshot('recommendations-drawer');

    await page.getByRole('button', { name: '预览推荐表' }).click();
    await expect
      .poll(() => page.getByTestId('pdf-preview').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
    await e2e.screenshot('recommendations-preview');
    await dialog().getByRole('button', { name: '关闭' }).click();

    const pdf = path.join(e2e.app.dir, '推荐表.pdf');
    setSavePath(e2e.app, pdf);
    await page.getByRole('button', { name: '打印推荐表' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const printed = (await readPdf(pdf))[0]!.items
      .map((i) => i.str)
      .join('')
      .replace(/\s/g, '');
    expect(printed).toContain(`${year}年度优秀网格员推荐表`);
    expect(printed).toContain(maskId(worker.id_number));
    expect(printed).not.toContain(worker.id_number);
    expect(printed).toContain('ZF-2026-031');
    expect(printed).toContain(text.replace(/\s/g, ''));
    await closeNotifications();

    // The list, and its workbook.
    await page.getByRole('button', { name: '关闭' }).first().click();
    await tab('优秀网格员名单').click();
    const table = page.getByTestId('recommendation-table');
    await table.getByText(worker.name, { exact: true }).waitFor();
    await table.getByText('已完成').waitFor();
    await fitsWidth();
    await e2e.screenshot('recommendations-list');
    const xlsx = path.join(e2e.app.dir, '名单.xlsx');
    setSavePath(e2e.app, xlsx);
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await page.getByTestId('saved-notification').waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    const row = ws.getRow(4);
    const cell = (h: string) => row.getCell(header.indexOf(h) + 1).text;
    expect(cell('姓名')).toBe(worker.name);
    expect(cell('身份证号')).toBe(maskId(worker.id_number));
    expect(cell('证书编号')).toBe('ZF-2026-031');
    expect(cell('状态')).toBe('已完成');

    // Every write went through the dispatcher, with its 操作日志 entry.
    const log = e2e.app.ctx.handle.sqlite
      .prepare(`select action from audit_log where entity = '推优' order by id`)
      .all() as { action: string }[];
    expect(log.map((l) => l.action)).toEqual(['新建推优', '登记推优环节', '修改推优信息']);

    // Deleting names the steps that go with it.
    await closeNotifications();
    await table.getByText(worker.name, { exact: true }).click();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    const confirm = dialog();
    await confirm.getByText('删除这条推优记录？').waitFor();
    const day = todayIso();
    await confirm.getByText(`提名\u3000${day}\u3000通过（村党支部）`).waitFor();
    await confirm.getByText(`授予\u3000${day}\u3000通过（县委政法委）`).waitFor();
    await confirm.getByText(/连同已登记的 2 个环节和主要事迹/).waitFor();
    await e2e.screenshot('recommendations-delete');
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText('这一年度还没有推优记录').waitFor();
    const last = e2e.app.ctx.handle.sqlite
      .prepare(`select action, summary from audit_log where entity = '推优' order by id desc limit 1`)
      .get() as { action: string; summary: string };
    expect(last.action).toBe('删除推优');
    expect(last.summary).toContain(`${worker.name} ${year}年度优秀网格员（提名 ${day} 通过、授予 ${day} 通过）`);
  });
});
