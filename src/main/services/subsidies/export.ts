/** The 补贴发放表 of a batch or of a period computed now: one row per worker, rows built here. */
import { todayChinese } from '../../../shared/dates';
import { MECHANISMS, type Mechanism, type PayoutLine } from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import { writePayoutSheet, type PayoutSheetRow } from '../../excel/payout-sheet';
import { getSettings } from '../settings/settings';
import { getBatch } from './batches';
import { computePeriod, type Period } from './compute';

export interface PayoutExportOptions {
  fullIdNumbers: boolean;
  /** The clock for the date line: tests export as of a fixed instant. */
  now?: Date;
}

/** 2026年上半年 / 2026年 / 2026年第一季度 / 2026年3月, else 2026年1月5日至2026年3月15日. */
export function periodTitle(from: string, to: string): string {
  const y = from.slice(0, 4);
  const md = (d: string) => d.slice(5);
  if (y === to.slice(0, 4)) {
    const span = `${md(from)}|${md(to)}`;
    const named: Record<string, string> = {
      '01-01|12-31': '',
      '01-01|06-30': '上半年',
      '07-01|12-31': '下半年',
      '01-01|03-31': '第一季度',
      '04-01|06-30': '第二季度',
      '07-01|09-30': '第三季度',
      '10-01|12-31': '第四季度',
    };
    if (span in named) return `${y}年${named[span]}`;
    const lastDay = new Date(Date.UTC(Number(y), Number(from.slice(5, 7)), 0)).getUTCDate();
    if (from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && Number(to.slice(8)) === lastDay) {
      return `${y}年${Number(from.slice(5, 7))}月`;
    }
  }
  const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
  return `${cn(from)}至${cn(to)}`;
}

/** One row per worker, in the lines' order (village, worker). */
async function sheetRows(db: DbOrTrx, lines: PayoutLine[]): Promise<PayoutSheetRow[]> {
  const rows = new Map<number, PayoutSheetRow>();
  for (const l of lines) {
    let r = rows.get(l.workerId);
    if (!r) {
      const fen = Object.fromEntries(MECHANISMS.map((m) => [m, 0])) as Record<Mechanism, number>;
      r = { village: l.village, name: l.worker, idNumber: '', bankAccount: '', caseCount: 0, fen };
      rows.set(l.workerId, r);
    }
    r.fen[l.mechanism] += l.amountFen;
    if (l.mechanism === 'case') r.caseCount += l.count;
  }
  const ids = [...rows.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const people = await db
      .selectFrom('workers')
      .select(['id', 'id_number', 'bank_account'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const p of people) {
      const r = rows.get(p.id)!;
      r.idNumber = p.id_number;
      r.bankAccount = p.bank_account ?? '';
    }
  }
  return [...rows.values()];
}

async function write(
  db: DbOrTrx,
  out: string,
  period: { from: string; to: string },
  lines: PayoutLine[],
  reviewer: string,
  options: PayoutExportOptions,
): Promise<{ file: string; rows: number }> {
  const settings = await getSettings(db);
  const date = todayChinese(options.now);
  const r = await writePayoutSheet(
    out,
    {
      title: `${settings.unitName}${periodTitle(period.from, period.to)}网格员补贴发放表`,
      unit: settings.unitName,
      date,
      clerk: settings.clerkName,
      reviewer,
      full: options.fullIdNumbers,
    },
    await sheetRows(db, lines),
  );
  return { file: out, rows: r.rows };
}

export async function exportBatch(db: DbOrTrx, id: number, out: string, options: PayoutExportOptions) {
  const b = await getBatch(db, id);
  return write(db, out, b, b.lines, b.approvedBy ?? '', options);
}

export async function exportPeriod(db: DbOrTrx, period: Period, out: string, options: PayoutExportOptions) {
  const c = await computePeriod(db, period);
  return write(db, out, period, c.lines, '', options);
}
