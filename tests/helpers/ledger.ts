/** A small township set up through the roster import, and ledger workbooks as villages send them. */
import path from 'node:path';
import type { DbOrTrx } from '../../src/main/db/schema';
import { runImport } from '../../src/main/import/run';
import { makeId } from './people';
import { writeWorkbook, type Cell, type SheetSpec } from './xlsx';

export const ROSTER_SHEET: SheetSpec = {
  name: '网格员',
  header: ['镇', '村', '组', '级别', '网格编码', '姓名', '身份证号', '联系电话'],
  rows: [
    ['温水镇', '许坪村', '一组', '四级', '11010101', '王强', makeId('1992-07-09', 72, '男'), '19499547576'],
    ['温水镇', '许坪村', '一组', '四级', '11010102', '白涛琴', makeId('1985-03-02', 14, '女'), '19499547577'],
    ['温水镇', '许坪村', '二组', '四级', '11010201', '王强', makeId('1979-11-20', 33, '男'), '19499547578'],
    ['温水镇', '许坪村', '二组', '四级', '11010202', '李明', makeId('1990-01-15', 51, '男'), '19499547579'],
    ['温水镇', '大坪村', '一组', '四级', '11020101', '赵丽', makeId('1988-05-05', 62, '女'), '19499547580'],
  ],
  textColumns: [6],
};

export const HOUSEHOLD_SHEET: SheetSpec = {
  name: '住户',
  header: ['网格编码', '户主姓名', '门牌号'],
  rows: [
    ['11010101', '李秀英', '1号'],
    ['11010102', '张建国', '5号'],
    ['11010201', '张建国', '9号'],
  ],
};

/** 温水镇: 许坪村 (一组 11010101–02, 二组 11010201–02) and 大坪村 (一组 11020101), five workers, three households. */
export async function seedTownship(db: DbOrTrx, dir: string): Promise<void> {
  const file = path.join(dir, 'roster.xlsx');
  await writeWorkbook(file, [ROSTER_SHEET, HOUSEHOLD_SHEET]);
  const r = await runImport(db, file);
  if (!r.committed) throw new Error(`roster not imported: ${JSON.stringify(r.errors)}`);
}

/** A ledger sheet as villages send it: merged title, a 填报单位 line, then the header. */
export function ledgerSheet(
  name: string,
  title: string,
  header: string[],
  rows: Cell[][],
  footer?: Cell[][],
): SheetSpec {
  return {
    name,
    preamble: [[title], ['填报单位：温水镇人民政府（盖章）', null, null, '填报日期：2026年11月30日']],
    header,
    rows,
    footer,
  };
}

export const DISPUTE_HEADER = [
  '序号',
  '网格编码',
  '排查时间',
  '当事人',
  '纠纷类型',
  '简要情况',
  '调处状态',
  '化解层级',
  '办结日期',
  '排查人',
  '调处经过',
];

/** A dispute row under DISPUTE_HEADER. */
export function disputeRow(
  n: number,
  code: string,
  found: Cell,
  parties: string,
  category: string,
  status = '调处中',
  level: string | null = null,
  settled: Cell = null,
  worker = '',
  steps = '',
): Cell[] {
  return [n, code, found, parties, category, `${parties}之间的纠纷`, status, level, settled, worker, steps];
}

export async function writeLedger(file: string, sheets: SheetSpec[]) {
  return writeWorkbook(file, sheets);
}

/** The ledger counts of an import whose file has no ledger (WeChat groups appear only when imported). */
export const NO_RECORDS = { disputes: 0, reports: 0, publicity: 0, services: 0, visits: 0, trainings: 0 };
