/**
 * 统计报表 → 县级汇总 at 1366×768: two townships' packages added one by one, an edited one shown
 * with its refusal and the merge disabled until it is removed, then the county workbook saved with
 * the missing township named; its 合计 is the two packages' 合计 added.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { createDemo } from '../../src/main/services/demo/demo';
import { reportFigures } from '../../src/main/services/reports/figures';
import { townshipIdentity, writePackage } from '../../src/main/services/reports/packages';
import type { PackageFile } from '../../src/main/services/reports/packages-format';
import { setPickedFile, setSavePath } from '../helpers/context';
import { useE2E } from './harness';

const ctx = useE2E({ beforeEach, afterEach, afterAll, expectNoErrors: (errors) => expect(errors).toEqual([]) });
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

/** A township's package written from its own database (B renamed, with its own division code). */
async function packageOf(dir: string, name: string, seed: number, rename?: string): Promise<string> {
  const h = await openDatabase(path.join(dir, `${name}.sqlite`));
  await createDemo(h.db, { seed, today: '2026-06-20' });
  if (rename) {
    await h.db
      .updateTable('grids')
      .set({ name: rename, division_code: '612345199000' })
      .where('level', '=', 1)
      .execute();
  }
  const file = path.join(dir, `${name}.gdpkg`);
  await writePackage(
    await townshipIdentity(h.db, await reportFigures(h.db, { ...PERIOD, gridId: null })),
    file,
    'test',
  );
  await h.close();
  return file;
}

describe('县级汇总', () => {
  it('adds packages, shows a refused one, merges the rest and names the missing township', async () => {
    const { page, e2e } = ctx;
    const dir = e2e.app.dir;
    const a = await packageOf(dir, 'A', 5);
    const b = await packageOf(dir, 'B', 6, '石门镇');
    const pa = JSON.parse(fs.readFileSync(a, 'utf8')) as PackageFile;
    const pb = JSON.parse(fs.readFileSync(b, 'utf8')) as PackageFile;
    const edited = path.join(dir, 'edited.gdpkg');
    fs.writeFileSync(
      edited,
      JSON.stringify({ ...pb, figures: { ...pb.figures, total: { ...pb.figures.total, households: 1 } } }),
    );

    await page.getByRole('navigation', { name: '主导航' }).getByText('统计报表', { exact: true }).click();
    await page.getByRole('tab', { name: '县级汇总' }).click();
    const panel = page.getByTestId('merge-panel');
    for (const file of [a, edited]) {
      setPickedFile(e2e.app, file);
      await panel.getByRole('button', { name: '添加报送包' }).click();
      await panel.getByText(path.basename(file), { exact: true }).waitFor();
    }
    await panel.getByText('已被修改，校验不符', { exact: false }).waitFor();
    expect(await panel.getByRole('button', { name: '生成县级汇总表' }).isDisabled()).toBe(true);
    await e2e.screenshot('reports-merge-01-refused');

    await panel.locator('tr', { hasText: 'edited.gdpkg' }).getByRole('button', { name: '移除' }).click();
    setPickedFile(e2e.app, b);
    await panel.getByRole('button', { name: '添加报送包' }).click();
    await panel.getByText('B.gdpkg', { exact: true }).waitFor();
    await panel
      .getByLabel('应报乡镇的区划代码（可选，逗号分隔）')
      .fill(`${pa.township.code}, 612345199000, 612345777000`);
    const out = path.join(dir, '县级汇总.xlsx');
    setSavePath(e2e.app, out);
    await panel.getByRole('button', { name: '生成县级汇总表' }).click();
    await page.getByTestId('merge-result').getByText('未报送：612345777000', { exact: false }).waitFor();
    await e2e.screenshot('reports-merge-02-merged');
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names: unknown[] = [];
    let households: unknown = null;
    wb.getWorksheet('网格划分统计')!.eachRow((row) => {
      names.push(row.getCell(1).value);
      if (row.getCell(1).value === '合计') households = row.getCell(4).value;
    });
    expect(names).toEqual(expect.arrayContaining([pa.township.name, '石门镇', '合计']));
    expect(households).toBe(pa.figures.total.households + pb.figures.total.households);
  }, 180_000);
});
