import { formatYuan } from '@shared/money';
import type { Mechanism, PayoutLine } from '@shared/subsidies';

/** 1,234.50 元 */
export function yuan(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

/** One worker's row of a batch: a line per mechanism, and the row's total. */
export interface WorkerRow {
  workerId: number;
  no: number;
  worker: string;
  village: string;
  grids: string[];
  lines: Partial<Record<Mechanism, PayoutLine>>;
  totalFen: number;
}

/** Pivots the batch's lines (worker × mechanism) into one row per worker, in the batch's order. */
export function workerRows(lines: readonly PayoutLine[]): WorkerRow[] {
  const rows = new Map<number, WorkerRow>();
  for (const l of lines) {
    let row = rows.get(l.workerId);
    if (!row) {
      row = {
        workerId: l.workerId,
        no: rows.size + 1,
        worker: l.worker,
        village: l.village,
        grids: [],
        lines: {},
        totalFen: 0,
      };
      rows.set(l.workerId, row);
    }
    row.lines[l.mechanism] = l;
    row.totalFen += l.amountFen;
    for (const g of l.grids) if (!row.grids.includes(g)) row.grids.push(g);
  }
  return [...rows.values()];
}

/** Today in the clerk's time zone, as 2026-03-05. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
