/**
 * Turns a sheet's data rows into its kind's records or row errors (sheet, row, column,
 * message). Which rows are data is decided here for every kind; what a row means is the
 * kind's. Nothing here touches the database.
 */
import { sharedColumns, type RowError } from '../../shared/imports';
import { cellText } from './cells';
import type { ImportKind, RecordOrigin } from './kinds/types';
import type { ImportLayout } from './layout';
import { RowReader } from './row-reader';
import type { SourceRow, SourceSheet } from './source';

export type { RowError };

export interface ParsedSheet {
  /** The sheet's kind, or null when it is not a sheet the import knows (instructions, blank…). */
  kind: ImportKind | null;
  records: RecordOrigin[];
  errors: RowError[];
  /** Rows skipped as totals (合计), signatures (制表人/审核人) or repeated headers. */
  skipped: number;
  /** Data rows read (with or without errors). */
  dataRows: number;
}

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计)/;
const SIGNATURE_ROW =
  /(制表人|制表|审核人|审核|填表人|填报人|负责人|审批人|经办人|联系人|单位负责人|主要领导|分管领导)\s*[:：]/;

/** Why a row is skipped (not a record), or null for a data row. */
function skipReason(row: SourceRow, layout: ImportLayout): 'blank' | 'total' | 'signature' | 'header' | null {
  const texts = row.cells.map(cellText);
  const firstTexts = texts.filter(Boolean).slice(0, 3);
  if (firstTexts.some((t) => TOTAL_ROW.test(t))) return 'total';
  if (texts.some((t) => SIGNATURE_ROW.test(t))) return 'signature';
  const mapped = Object.values(layout.mapping).map((i) => (i === undefined ? '' : (texts[i] ?? '')));
  if (mapped.every((t) => t === '')) return 'blank';
  // A header repeated on a later page (copied rows): compared as written, no need to normalise.
  const headerHits = layout.columns.filter((c) => texts[c.index] === c.header);
  if (headerHits.length >= Math.max(2, layout.columns.length / 2)) return 'header';
  return null;
}

/** Required columns the mapping lacks, as errors on the header row. */
function missingColumns(kind: ImportKind, layout: ImportLayout, headerRow: number): RowError[] {
  return kind.required
    .filter((f) => layout.mapping[f] === undefined)
    .map((f) => {
      const label = kind.labels[f] ?? f;
      const message = `找不到“${label}”列，请在列对应中指定`;
      return { sheet: layout.sheet, row: headerRow, column: label, person: '', message };
    });
}

/** Columns the mapping gives to two fields or more, as errors on the header row: the commit is refused. */
export function mappingConflicts(kind: ImportKind, layout: ImportLayout, headerRow: number): RowError[] {
  return sharedColumns(layout.mapping).map(({ index, fields }) => {
    const col = layout.columns.find((c) => c.index === index);
    const where = col ? `${col.letter} 列“${col.header}”` : `第 ${index + 1} 列`;
    const order = (f: string) => kind.fields.indexOf(f);
    const names = [...fields]
      .sort((a, b) => order(a) - order(b))
      .map((f) => `“${kind.labels[f] ?? f}”`)
      .join('和');
    return {
      sheet: layout.sheet,
      row: headerRow,
      column: col?.header ?? '',
      person: '',
      message: `${where}同时对应了${names}：一列只能对应一个字段，请在列对应中改正后再导入`,
    };
  });
}

/**
 * Parses a sheet's rows as they stream in: rows up to the header are passed over, the rest
 * become the kind's records (appended to `records`, one by one) or row errors.
 */
/** Distinct values kept once per sheet; past this many, values are kept as they come. */
const INTERN_LIMIT = 100_000;

export class SheetParser {
  readonly result: ParsedSheet;
  private readonly pool = new Map<string, string>();
  private readonly intern = (s: string): string => {
    const known = this.pool.get(s);
    if (known !== undefined) return known;
    if (this.pool.size < INTERN_LIMIT) this.pool.set(s, s);
    return s;
  };
  /** A known kind, a header and every required column: else no row is read. */
  readonly reading: boolean;
  /** A column mapped to two fields: nothing of the file may be committed until the clerk corrects it. */
  readonly conflicted: boolean;

  constructor(
    readonly layout: ImportLayout,
    kinds: readonly ImportKind[],
    /** Where records go: a list shared by every sheet of the kind, or the sheet's own. */
    records: RecordOrigin[] = [],
  ) {
    const kind = kinds.find((k) => k.name === layout.kind) ?? null;
    this.result = { kind, records, errors: [], skipped: 0, dataRows: 0 };
    let conflicts: RowError[] = [];
    if (kind && layout.headerRow !== null) {
      conflicts = mappingConflicts(kind, layout, layout.headerRow);
      for (const e of [...missingColumns(kind, layout, layout.headerRow), ...conflicts]) this.result.errors.push(e);
    }
    this.conflicted = conflicts.length > 0;
    this.reading = kind !== null && layout.headerRow !== null && this.result.errors.length === 0;
  }

  push(row: SourceRow): void {
    const { layout, result } = this;
    if (!this.reading || row.rowNumber <= layout.headerRow!) return;
    const skip = skipReason(row, layout);
    if (skip === 'blank') return;
    if (skip) {
      result.skipped += 1;
      return;
    }
    result.dataRows += 1;
    const kind = result.kind!;
    const reader = new RowReader(layout, row, kind.labels, this.intern, kind.person);
    const record = kind.parseRow(reader);
    if (record) result.records.push(record);
    for (const e of reader.errors) result.errors.push(e);
  }
}

export function parseSheet(sheet: SourceSheet, layout: ImportLayout, kinds: readonly ImportKind[]): ParsedSheet {
  const parser = new SheetParser(layout, kinds);
  for (const row of sheet.rows) parser.push(row);
  return parser.result;
}
