/** The 操作日志 as a workbook: one row per entry, newest first. */
import ExcelJS from 'exceljs';
import type { AuditEntry } from '../../shared/audit';
import { formatDateTime } from '../../shared/dates';
import { maskPersonal } from '../../shared/privacy';
import { writeAtomically } from '../files/atomic';
import { addDataRow, writeHead, type Column } from './workbook';

const COLUMNS: Column[] = [
  { header: '序号', width: 8 },
  { header: '时间', width: 20, text: true },
  { header: '操作员', width: 12 },
  { header: '操作', width: 16 },
  { header: '对象', width: 10 },
  { header: '内容', width: 70 },
  { header: '数量', width: 36 },
];

function countsText(counts: AuditEntry['counts']): string {
  if (!counts) return '';
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join('，');
}

/**
 * Summaries are masked when logged; masked again here so an entry written before that rule
 * never leaves the app with an ID number or phone in clear.
 */
export function writeAuditWorkbook(
  entries: AsyncIterable<AuditEntry>,
  out: string,
  info: string,
): Promise<{ rows: number }> {
  return writeAtomically(out, async (file) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 3 }] });
    writeHead(ws, '操作日志', info, COLUMNS);
    let rows = 0;
    for await (const e of entries) {
      rows += 1;
      const row = [
        rows,
        formatDateTime(e.at),
        e.actor,
        e.action,
        e.entity ?? '',
        maskPersonal(e.summary),
        countsText(e.counts),
      ];
      addDataRow(ws, COLUMNS, row).commit();
    }
    ws.commit();
    await wb.commit();
    return { rows };
  });
}
