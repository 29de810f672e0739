/**
 * Reads the mapped cells of one data row for a kind's parser, collecting each problem with the
 * sheet, the spreadsheet's row number and the column's header as written in the file.
 */
import type { GridLevel } from '../../shared/grids';
import { idProblem } from '../../shared/idcard';
import type { RowError } from '../../shared/imports';
import { maskPersonal } from '../../shared/privacy';
import {
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeText,
  phoneProblem,
  toHalfWidth,
} from '../../shared/text';
import { LEVELS, cellText, describeCell, parseDate } from './cells';
import type { ImportLayout } from './layout';
import type { CellValue, SourceRow } from './source';

/** The columns that place a row in the grid tree (each '' when the sheet has none). */
export interface GridPath {
  township: string;
  village: string;
  group: string;
  gridCode: string;
  gridName: string;
}

/** Where a record was read: its errors point back there. */
export interface RecordOrigin {
  sheet: string;
  row: number;
}

/** Longest name an error repeats; a longer cell is not a name, and is cut. */
const PERSON_CHARS = 20;

/** A name as errors show it: without padding, masked should an ID or mobile sit in the name column. */
export function personName(text: string): string {
  const name = maskPersonal(normalizeName(toHalfWidth(text)));
  return name.length > PERSON_CHARS ? `${name.slice(0, PERSON_CHARS)}…` : name;
}

export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly layout: ImportLayout,
    private readonly row: SourceRow,
    /** Field → its name in messages (and the column named when the sheet has none). */
    private readonly labels: Readonly<Record<string, string>>,
    /** One copy of each repeated value (镇, 村, 组, grid codes repeat on every row of a sheet). */
    private readonly intern: (s: string) => string = (s) => s,
    /** The field naming whom the row is about, for its errors. */
    private readonly personField?: string,
  ) {}

  /** Whom the row is about, as its errors name them ('' when the row or its kind names nobody). */
  person(): string {
    return this.personField ? personName(cellText(this.raw(this.personField))) : '';
  }

  label(field: string): string {
    return this.labels[field] ?? field;
  }

  private column(field: string): string {
    const i = this.layout.mapping[field];
    const col = this.layout.columns.find((c) => c.index === i);
    return col ? col.header : this.label(field);
  }

  fail(field: string, message: string): void {
    // Messages quote cells; an ID or mobile in one is masked (the row and column find it).
    const masked = maskPersonal(message);
    this.errors.push({
      sheet: this.layout.sheet,
      row: this.row.rowNumber,
      column: this.column(field),
      person: this.person(),
      message: masked,
    });
  }

  raw(field: string): CellValue {
    const i = this.layout.mapping[field];
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }

  text(field: string): string {
    return normalizeText(cellText(this.raw(field)));
  }

  has(field: string): boolean {
    return this.layout.mapping[field] !== undefined;
  }

  /** A person's name without padding spaces (full-width ones too); no digits or symbols. */
  name(field: string): string {
    const label = this.label(field);
    const name = normalizeName(toHalfWidth(cellText(this.raw(field))));
    if (!name) this.fail(field, `${label}不能为空`);
    else if (!/^[\p{Script=Han}A-Za-z·]+$/u.test(name)) this.fail(field, `${label}“${name}”含有数字或符号`);
    else if (name.length > 20) this.fail(field, `${label}过长（${name.length} 个字）`);
    return name;
  }

  /** A checked ID number, or '' (reported) when it is wrong or Excel stored it as a number. */
  idNumber(required: boolean): string {
    const v = this.raw('idNumber');
    const what = `这一格是${describeCell(v)}`;
    if (typeof v === 'number' || (typeof v === 'string' && /^\d(\.\d+)?e\+?\d+$/i.test(v.trim()))) {
      this.fail(
        'idNumber',
        `身份证号被 Excel 存成了数字（${what}），后几位已经丢失，无法还原。` +
          '请把这一列设置为“文本”格式，重新填写正确的身份证号后再导入',
      );
      return '';
    }
    if (v instanceof Date || typeof v === 'boolean') {
      this.fail('idNumber', `${what}，不是身份证号。请把这一列设置为“文本”格式，填写 18 位身份证号后再导入`);
      return '';
    }
    const id = normalizeIdNumber(cellText(v));
    if (!id) {
      if (required) this.fail('idNumber', '身份证号不能为空');
      return '';
    }
    const problem = idProblem(id);
    if (problem) this.fail('idNumber', problem);
    return problem ? '' : id;
  }

  /** The first valid number of a cell that may hold several (13800000000/0912-1234567). */
  phone(required: boolean): string {
    const raw = this.raw('phone');
    if (typeof raw === 'number' && !Number.isFinite(raw)) {
      this.fail('phone', `联系电话这一格是${describeCell(raw)}，请填写 11 位手机号或带区号的固定电话`);
      return '';
    }
    const text = cellText(raw);
    if (!text) {
      if (required) this.fail('phone', '联系电话不能为空');
      return '';
    }
    const candidates = text
      .split(/[/、,，;；]+/)
      .map(normalizePhone)
      .filter(Boolean);
    const good = candidates.find((p) => phoneProblem(p) === null);
    if (good) return good;
    this.fail('phone', `联系电话“${text}”有误：${phoneProblem(candidates[0] ?? text)}`);
    return '';
  }

  date(field: string): string | null {
    const r = parseDate(this.raw(field));
    if (r.problem) this.fail(field, r.problem);
    return r.date;
  }

  level(): GridLevel | null {
    const t = toHalfWidth(this.text('level')).replace(/\s/g, '');
    if (!t) return null;
    const level = LEVELS[t];
    if (!level) this.fail('level', `无法识别的网格级别“${t}”，应为一级、二级、三级或四级`);
    return level ?? null;
  }

  /**
   * Where the row was read and where it sits in the grid tree (a grid code must be digits).
   * A kind's parser completes this object into its record with Object.assign: building records
   * with object spreads made parsing a county file 2.5× slower and its records 2.5× larger.
   */
  place(): RecordOrigin & GridPath {
    const path = {
      sheet: this.layout.sheet,
      row: this.row.rowNumber,
      township: this.intern(this.text('township')),
      village: this.intern(this.text('village')),
      group: this.intern(this.text('group')),
      gridCode: this.intern(toHalfWidth(this.text('gridCode')).replace(/\s/g, '')),
      gridName: this.intern(this.text('gridName')),
    };
    if (path.gridCode && !/^\d{1,24}$/.test(path.gridCode)) {
      this.fail('gridCode', `网格编码“${path.gridCode}”只能由数字组成`);
    }
    return path;
  }
}
