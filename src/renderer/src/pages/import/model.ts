import { SHEET_KIND_LABELS, type ImportResult, type SheetKind } from '@shared/imports';

/** Error rows the page lists at most; the exported workbook holds every one. */
export const ERRORS_SHOWN = 500;

/** What a commit with 只导入无误的行 leaves out: rows with errors per sheet kind, and whole sheets. */
export interface Skipped {
  /** Rosters always; a ledger once it has a skipped row. */
  rows: Partial<Record<SheetKind, number>> & { workers: number; households: number };
  /** Sheets that cannot be read at all (a required column missing): none of their rows is imported. */
  sheets: string[];
}

/** Rows with errors (a row with three errors is one row), by the kind of their sheet. */
export function skippedRows(result: Pick<ImportResult, 'errors' | 'sheets'>): Skipped {
  const sheets = new Map(result.sheets.map((s) => [s.sheet, s]));
  const seen = new Set<string>();
  const skipped: Skipped = { rows: { workers: 0, households: 0 }, sheets: [] };
  for (const e of result.errors) {
    const sheet = sheets.get(e.sheet);
    if (!sheet?.kind) continue;
    if (e.row === sheet.headerRow) {
      if (!skipped.sheets.includes(e.sheet)) skipped.sheets.push(e.sheet);
      continue;
    }
    const key = `${e.sheet}|${e.row}`;
    if (seen.has(key)) continue;
    seen.add(key);
    skipped.rows[sheet.kind] = (skipped.rows[sheet.kind] ?? 0) + 1;
  }
  return skipped;
}

/** 网格员花名册 1 行，住户花名册 2 行 — or '' when nothing is skipped. */
export function describeSkipped(s: Skipped): string {
  const parts = (Object.keys(s.rows) as SheetKind[])
    .filter((k) => (s.rows[k] ?? 0) > 0)
    .map((k) => `${SHEET_KIND_LABELS[k]} ${s.rows[k]} 行`);
  for (const sheet of s.sheets) parts.push(`工作表“${sheet}”整张`);
  return parts.join('，');
}

/** Rows the errors fall on (sheet and row), the number a clerk counts in the file. */
export function errorRowCount(errors: ImportResult['errors']): number {
  return new Set(errors.map((e) => `${e.sheet}|${e.row}`)).size;
}
