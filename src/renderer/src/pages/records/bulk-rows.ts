/** The bulk grid's rows: empty rows, rows prefilled from the village's grids, paste and copy-down. */
import { useState } from 'react';
import type { GridNode } from '@shared/grids';
import type { RecordKind } from '@shared/records';
import type { BulkColumn, BulkRow, Lookups } from './bulk-model';

let nextKey = 1;

export function emptyRow(values: Record<string, string> = {}): BulkRow {
  return { key: nextKey++, values, prefilled: Object.keys(values), errors: {} };
}

const emptyRows = (n: number) => Array.from({ length: n }, () => emptyRow());

const DATE_KEY: Partial<Record<RecordKind, string>> = { disputes: 'foundDate', wechatGroups: '' };

/**
 * Rows the clerk only completes: one per household grid (visits, publicity, WeChat groups) with
 * its worker, or — for services — one per household in the order the blank log sheets print them
 * (grid code, then the order households were entered), so a sheet is typed back line by line.
 */
export function prefillRows(kind: RecordKind, grids: GridNode[], lookups: Lookups, date: string): BulkRow[] {
  const dateKey = DATE_KEY[kind] ?? 'date';
  const base = (g: GridNode): Record<string, string> => {
    const v: Record<string, string> = { gridId: g.label };
    if (dateKey && date) v[dateKey] = date;
    const worker = lookups.workers.find((w) => w.gridIds.includes(g.id));
    if (worker && kind !== 'publicity' && kind !== 'wechatGroups' && kind !== 'trainings') v.workerId = worker.name;
    return v;
  };
  const leaves = grids.filter((g) => g.level === 4);
  if (kind === 'services') {
    const rows: BulkRow[] = [];
    for (const g of leaves) {
      const households = lookups.households.filter((h) => h.gridId === g.id).sort((a, b) => a.id - b.id);
      for (const h of households) rows.push(emptyRow({ ...base(g), householdId: h.headName }));
    }
    return rows.length ? rows : emptyRows(20);
  }
  if (kind === 'visits' || kind === 'publicity' || kind === 'wechatGroups') {
    return leaves.length ? leaves.map((g) => emptyRow(base(g))) : emptyRows(20);
  }
  return Array.from({ length: 20 }, () => emptyRow(dateKey && date ? { [dateKey]: date } : {}));
}

export function useBulkRows() {
  const [rows, setRows] = useState<BulkRow[]>(() => emptyRows(20));
  const [serverErrors, setServerErrors] = useState<Map<number, Record<string, string>>>(new Map());
  const touch = (keys: number[]) =>
    setServerErrors((m) => {
      const copy = new Map(m);
      for (const k of keys) copy.delete(k);
      return copy;
    });

  /** `cells` (rows of text) from row `rowIdx`, data column `colIdx` on; rows are added as needed. */
  const pasteAt = (rowIdx: number, colIdx: number, cells: string[][], columns: BulkColumn[]) => {
    setRows((prev) => {
      const next = [...prev];
      while (next.length < rowIdx + cells.length) next.push(emptyRow());
      cells.forEach((line, i) => {
        const row = next[rowIdx + i]!;
        const values = { ...row.values };
        line.forEach((text, j) => {
          const c = columns[colIdx + j];
          if (c) values[c.key] = text.trim();
        });
        next[rowIdx + i] = { ...row, values, prefilled: [] };
      });
      touch(next.slice(rowIdx, rowIdx + cells.length).map((r) => r.key));
      return next;
    });
  };

  /** Excel's Ctrl+D: the cell takes the value of the one above it. */
  const copyDown = (rowIdx: number, key: string) => {
    if (rowIdx < 1) return;
    setRows((prev) => {
      const next = [...prev];
      const row = next[rowIdx]!;
      next[rowIdx] = { ...row, values: { ...row.values, [key]: prev[rowIdx - 1]!.values[key] ?? '' } };
      touch([row.key]);
      return next;
    });
  };

  return {
    rows,
    setRows,
    serverErrors,
    setServerErrors,
    pasteAt,
    copyDown,
    addRows: (n: number) => setRows((prev) => [...prev, ...emptyRows(n)]),
    reset: () => {
      setRows(emptyRows(20));
      setServerErrors(new Map());
    },
  };
}
