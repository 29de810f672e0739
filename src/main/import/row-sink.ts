/**
 * Where the readers (xlsx, csv) put the rows they finish: every cell and row is checked against
 * the limits here, as it streams, so each refusal names the sheet, row and column it happened at.
 */
import { AppError } from '../errors';
import { columnLetter } from './columns';
import { fmt, type ReadLimits } from './limits';
import type { CellValue, SourceRow } from './source';

export type ReadEvent =
  | { type: 'sheet'; name: string }
  | { type: 'rows'; rows: SourceRow[] }
  | { type: 'progress'; done: number; total: number };

export class RowSink {
  private rows = 0;
  private chars = 0;
  private pending: SourceRow[] = [];

  constructor(
    /** The file's name, at the start of messages. */
    readonly file: string,
    readonly limits: ReadLimits,
  ) {}

  private refuse(message: string): never {
    throw new AppError('VALIDATION', `${this.file}：${message}`);
  }

  /** A cell with content at a column index: within the columns and the cell length limits. */
  cell(sheet: string, row: number, column: number, value: CellValue): void {
    const { columns, cellChars } = this.limits;
    if (column >= columns) {
      this.refuse(
        `工作表“${sheet}”第 ${row} 行的 ${columnLetter(column)} 列有内容，超过了列数上限（${columns} 列，即 A–${columnLetter(columns - 1)} 列）。` +
          '花名册用不到这么多列：请删除多余的列后再导入。',
      );
    }
    if (typeof value === 'string' && value.length > cellChars) this.longCell(sheet, row, column, value.length);
  }

  longCell(sheet: string, row: number, column: number, length: number): never {
    this.longText(`工作表“${sheet}”第 ${row} 行 ${columnLetter(column)} 列的内容`, length);
  }

  /** Text longer than a cell may hold, where it is. */
  longText(where: string, length: number): never {
    this.refuse(
      `${where}有 ${fmt(length)} 个字，超过了单元格的上限（${fmt(this.limits.cellChars)} 个字，与 Excel 相同）。`,
    );
  }

  /** A finished row: rows without content are dropped, trailing empty cells trimmed. */
  row(sheet: string, rowNumber: number, cells: CellValue[]): void {
    let end = cells.length;
    while (end > 0 && (cells[end - 1] === null || cells[end - 1] === undefined)) end--;
    if (end === 0) return;
    if (end < cells.length) cells.length = end;
    let chars = 0;
    for (let i = 0; i < end; i++) {
      const v = cells[i];
      if (v === undefined) cells[i] = null;
      else chars += typeof v === 'string' ? v.length : 1;
    }
    this.rows += 1;
    this.chars += chars;
    if (this.rows > this.limits.rows) {
      this.refuse(
        `有内容的行超过了上限（${fmt(this.limits.rows)} 行），在工作表“${sheet}”第 ${rowNumber} 行。请把花名册拆成几个文件分别导入。`,
      );
    }
    if (this.chars > this.limits.textChars) {
      this.refuse(
        `文件中的文字总量超过了上限（${fmt(this.limits.textChars)} 个字），在工作表“${sheet}”第 ${rowNumber} 行。` +
          '请把花名册拆成几个文件分别导入。',
      );
    }
    this.pending.push({ rowNumber, cells });
  }

  /** The rows finished since the last call. */
  take(): SourceRow[] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }
}
