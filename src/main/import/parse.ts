/**
 * Finds each sheet's header row and columns, then turns its data rows into normalised records
 * or row errors (sheet, row, column, message). Nothing here touches the database.
 */
import crypto from 'node:crypto';
import type { GridLevel } from '../../shared/grids';
import { idInfo, idProblem } from '../../shared/idcard';
import { POLITICAL_STATUSES, type Gender, type Role } from '../../shared/people';
import {
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeText,
  phoneProblem,
  toHalfWidth,
} from '../../shared/text';
import { FIELD_LABELS, REQUIRED, fieldForHeader, normalizeHeader, type Field, type RosterKind } from './fields';
import { columnLetter, type CellValue, type SourceRow, type SourceSheet } from './source';

export type { RowError } from '../../shared/imports';
import type { LayoutOverride, RowError, SheetLayout } from '../../shared/imports';

export type { SheetLayout };

export type { LayoutOverride };

export interface GridPath {
  township: string;
  village: string;
  group: string;
  gridCode: string;
  gridName: string;
}

export interface WorkerRecord extends GridPath {
  sheet: string;
  row: number;
  level: GridLevel | null;
  name: string;
  gender: Gender;
  idNumber: string;
  phone: string;
  politicalStatus: string;
  education: string;
  tags: string[];
  title: string;
  role: Role;
  startDate: string | null;
  notes: string;
}

export interface HouseholdRecord extends GridPath {
  sheet: string;
  row: number;
  headName: string;
  idNumber: string;
  phone: string;
  address: string;
  doorNumber: string;
  members: number | null;
  tags: string[];
  notes: string;
}

export interface ParsedSheet {
  layout: SheetLayout;
  workers: WorkerRecord[];
  households: HouseholdRecord[];
  errors: RowError[];
  /** Rows skipped as totals (合计), signatures (制表人/审核人) or repeated headers. */
  skipped: number;
  /** Data rows read (with or without errors). */
  dataRows: number;
}

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDate(v);
  return String(v).trim();
}

function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const HEADER_SCAN_ROWS = 25;

function scoreRow(row: SourceRow, kind: RosterKind): Partial<Record<Field, number>> {
  const mapping: Partial<Record<Field, number>> = {};
  row.cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const f = fieldForHeader(v, kind);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}

function signatureOf(kind: RosterKind | null, headers: string[]): string {
  const key = `${kind ?? '-'}|${headers.map(normalizeHeader).filter(Boolean).sort().join('|')}`;
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Finds the header row (the first rows may hold a merged title and a 填报单位 line) and maps columns. */
export function detectLayout(sheet: SourceSheet, override: LayoutOverride = {}): SheetLayout {
  let best: { row: SourceRow; kind: RosterKind; mapping: Partial<Record<Field, number>>; score: number } | null = null;
  const kinds: RosterKind[] = override.kind ? [override.kind] : ['households', 'workers'];
  for (const row of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
    for (const kind of kinds) {
      const mapping = scoreRow(row, kind);
      if (!REQUIRED[kind].every((f) => mapping[f] !== undefined)) continue;
      const score = Object.keys(mapping).length;
      if (!best || score > best.score) best = { row, kind, mapping, score };
    }
  }
  if (!best) {
    return { sheet: sheet.name, kind: override.kind ?? null, headerRow: null, columns: [], mapping: {}, signature: '' };
  }
  const columns = best.row.cells
    .map((v, index) => ({ index, letter: columnLetter(index), header: cellText(v) }))
    .filter((c) => c.header !== '');
  const mapping = { ...best.mapping };
  for (const [field, index] of Object.entries(override.mapping ?? {}) as [Field, number | null][]) {
    if (index === null) delete mapping[field];
    else mapping[field] = index;
  }
  return {
    sheet: sheet.name,
    kind: best.kind,
    headerRow: best.row.rowNumber,
    columns,
    mapping,
    signature: signatureOf(
      best.kind,
      columns.map((c) => c.header),
    ),
  };
}

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计)/;
const SIGNATURE_ROW =
  /(制表人|制表|审核人|审核|填表人|填报人|负责人|审批人|经办人|联系人|单位负责人|主要领导|分管领导)\s*[:：]/;

/** Why a row is skipped (not a person or household), or null for a data row. */
function skipReason(row: SourceRow, layout: SheetLayout): 'blank' | 'total' | 'signature' | 'header' | null {
  const texts = row.cells.map(cellText);
  const firstTexts = texts.filter(Boolean).slice(0, 3);
  if (firstTexts.some((t) => TOTAL_ROW.test(t))) return 'total';
  if (texts.some((t) => SIGNATURE_ROW.test(t))) return 'signature';
  const mapped = Object.values(layout.mapping).map((i) => texts[i] ?? '');
  if (mapped.every((t) => t === '')) return 'blank';
  // A header repeated on a later page (copied rows): compared as written, no need to normalise.
  const headerHits = layout.columns.filter((c) => texts[c.index] === c.header);
  if (headerHits.length >= Math.max(2, layout.columns.length / 2)) return 'header';
  return null;
}

const LEVELS: Record<string, GridLevel> = {
  '1': 1,
  一: 1,
  一级: 1,
  一级网格: 1,
  镇: 1,
  镇级: 1,
  乡镇级: 1,
  镇级网格: 1,
  '2': 2,
  二: 2,
  二级: 2,
  二级网格: 2,
  村: 2,
  村级: 2,
  社区: 2,
  村级网格: 2,
  '3': 3,
  三: 3,
  三级: 3,
  三级网格: 3,
  组: 3,
  组级: 3,
  组级网格: 3,
  村民小组: 3,
  '4': 4,
  四: 4,
  四级: 4,
  四级网格: 4,
  户: 4,
  户级: 4,
  户级网格: 4,
};

const POLITICAL_ALIASES: Record<string, string> = {
  党员: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团: '共青团员',
  无: '群众',
};

/** Excel serial day numbers (1900 date system) to dates. */
function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  return formatDate(new Date(ms));
}

/** 2021-03-01, 2021/3/1, 2021.03, 2021年3月, 2021年3月1日, 20210301, Excel serial numbers, real dates. */
export function parseDate(v: CellValue): { date: string | null; problem?: string } {
  if (v === null || v === '') return { date: null };
  if (v instanceof Date) return { date: formatDate(v) };
  if (typeof v === 'number') {
    const d = excelSerialToDate(v);
    if (d && v > 366) return { date: d };
    if (v >= 19000101 && v <= 21001231) return parseDate(String(v));
    return { date: null, problem: `无法识别的日期“${v}”` };
  }
  const s = toHalfWidth(String(v)).trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = m[3] ? Number(m[3]) : 1;
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y >= 1900 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return { date: formatDate(date) };
    }
  }
  m = /^\d+(\.\d+)?$/.exec(s);
  if (m) return parseDate(Number(s));
  return { date: null, problem: `无法识别的日期“${String(v)}”，请写成 2021-03-01 或 2021年3月` };
}

function splitTags(s: string): string[] {
  return [
    ...new Set(
      normalizeText(s)
        .split(/[、,，;；/|\s]+/)
        .filter(Boolean),
    ),
  ];
}

/** Reads the mapped cells of one data row, collecting problems per column. */
class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly layout: SheetLayout,
    private readonly row: SourceRow,
  ) {}

  private column(field: Field): string {
    const i = this.layout.mapping[field];
    const col = this.layout.columns.find((c) => c.index === i);
    return col ? col.header : FIELD_LABELS[field];
  }

  fail(field: Field, message: string): void {
    this.errors.push({ sheet: this.layout.sheet, row: this.row.rowNumber, column: this.column(field), message });
  }

  raw(field: Field): CellValue {
    const i = this.layout.mapping[field];
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }

  text(field: Field): string {
    return normalizeText(cellText(this.raw(field)));
  }

  has(field: Field): boolean {
    return this.layout.mapping[field] !== undefined;
  }

  name(field: 'name' | 'headName'): string {
    const name = normalizeName(toHalfWidth(cellText(this.raw(field))));
    if (!name) this.fail(field, `${FIELD_LABELS[field]}不能为空`);
    else if (!/^[\p{Script=Han}A-Za-z·]+$/u.test(name))
      this.fail(field, `${FIELD_LABELS[field]}“${name}”含有数字或符号`);
    else if (name.length > 20) this.fail(field, `${FIELD_LABELS[field]}过长（${name.length} 个字）`);
    return name;
  }

  idNumber(required: boolean): string {
    const v = this.raw('idNumber');
    if (typeof v === 'number' || (typeof v === 'string' && /^\d(\.\d+)?e\+?\d+$/i.test(v.trim()))) {
      this.fail(
        'idNumber',
        `身份证号被 Excel 存成了数字（${typeof v === 'number' ? String(v) : v}），后几位已经丢失，无法还原。` +
          '请把这一列设置为“文本”格式，重新填写正确的身份证号后再导入',
      );
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

  phone(required: boolean): string {
    const text = cellText(this.raw('phone'));
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

  date(field: 'startDate'): string | null {
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

  gridPath(): GridPath {
    return {
      township: this.text('township'),
      village: this.text('village'),
      group: this.text('group'),
      gridCode: toHalfWidth(this.text('gridCode')).replace(/\s/g, ''),
      gridName: this.text('gridName'),
    };
  }
}

function parseWorker(layout: SheetLayout, row: SourceRow): { record: WorkerRecord | null; errors: RowError[] } {
  const r = new RowReader(layout, row);
  const path = r.gridPath();
  if (path.gridCode && !/^\d{1,24}$/.test(path.gridCode))
    r.fail('gridCode', `网格编码“${path.gridCode}”只能由数字组成`);
  const name = r.name('name');
  const idNumber = r.idNumber(true);
  let gender: Gender | null = null;
  const g = r.text('gender').replace(/性$/, '');
  if (g === '男' || g === '女') gender = g;
  else if (g) r.fail('gender', `性别应为“男”或“女”，现为“${g}”`);
  if (idNumber) {
    const fromId = idInfo(idNumber).gender;
    if (gender && gender !== fromId) r.fail('gender', `性别“${gender}”与身份证号不符（身份证号显示为${fromId}）`);
    gender ??= fromId;
  }
  const phone = r.phone(true);
  const level = r.level();
  let politicalStatus = r.text('politicalStatus').replace(/\s/g, '');
  politicalStatus = POLITICAL_ALIASES[politicalStatus] ?? politicalStatus;
  if (
    politicalStatus &&
    !(POLITICAL_STATUSES as readonly string[]).includes(politicalStatus) &&
    politicalStatus.length > 20
  ) {
    r.fail('politicalStatus', '政治面貌过长');
  }
  const roleText = r.text('role');
  let role: Role = level === 3 ? '网格长' : '网格员';
  if (roleText.includes('网格长')) role = '网格长';
  else if (roleText.includes('网格员')) role = '网格员';
  else if (roleText) r.fail('role', `网格角色应为“网格员”或“网格长”，现为“${roleText}”`);
  const startDate = r.date('startDate');
  if (!path.gridCode && !path.township && !path.village && !path.group && !path.gridName) {
    r.fail(r.has('gridCode') ? 'gridCode' : 'township', '没有填写所在网格（网格编码，或镇、村、组）');
  }
  if (r.errors.length) return { record: null, errors: r.errors };
  return {
    record: {
      sheet: layout.sheet,
      row: row.rowNumber,
      ...path,
      level,
      name,
      gender: gender!,
      idNumber,
      phone,
      politicalStatus: politicalStatus || '群众',
      education: r.text('education'),
      tags: splitTags(r.text('tags')),
      title: r.text('title'),
      role,
      startDate,
      notes: r.text('notes'),
    },
    errors: [],
  };
}

function parseHousehold(layout: SheetLayout, row: SourceRow): { record: HouseholdRecord | null; errors: RowError[] } {
  const r = new RowReader(layout, row);
  const path = r.gridPath();
  if (path.gridCode && !/^\d{1,24}$/.test(path.gridCode))
    r.fail('gridCode', `网格编码“${path.gridCode}”只能由数字组成`);
  if (!path.gridCode && !path.gridName) {
    r.fail(r.has('gridCode') ? 'gridCode' : 'gridName', '没有填写所属户级网格（网格编码或网格名称）');
  }
  const headName = r.name('headName');
  const idNumber = r.idNumber(false);
  const phone = r.phone(false);
  let members: number | null = null;
  const m = r.raw('members');
  if (m !== null && m !== '') {
    const n = typeof m === 'number' ? m : Number(toHalfWidth(String(m)).replace(/人$/, '').trim());
    if (!Number.isInteger(n) || n < 1 || n > 50) r.fail('members', `家庭人口应为 1–50 的整数，现为“${cellText(m)}”`);
    else members = n;
  }
  if (r.errors.length) return { record: null, errors: r.errors };
  return {
    record: {
      sheet: layout.sheet,
      row: row.rowNumber,
      ...path,
      headName,
      idNumber,
      phone,
      address: r.text('address'),
      doorNumber: r.text('doorNumber'),
      members,
      tags: splitTags(r.text('tags')),
      notes: r.text('notes'),
    },
    errors: [],
  };
}

export function parseSheet(sheet: SourceSheet, layout: SheetLayout): ParsedSheet {
  const out: ParsedSheet = { layout, workers: [], households: [], errors: [], skipped: 0, dataRows: 0 };
  if (!layout.kind || layout.headerRow === null) return out;
  for (const f of REQUIRED[layout.kind]) {
    if (layout.mapping[f] === undefined) {
      out.errors.push({
        sheet: sheet.name,
        row: layout.headerRow,
        column: FIELD_LABELS[f],
        message: `找不到“${FIELD_LABELS[f]}”列，请在列对应中指定`,
      });
    }
  }
  if (out.errors.length) return out;
  for (const row of sheet.rows) {
    if (row.rowNumber <= layout.headerRow) continue;
    const skip = skipReason(row, layout);
    if (skip === 'blank') continue;
    if (skip) {
      out.skipped += 1;
      continue;
    }
    out.dataRows += 1;
    if (layout.kind === 'workers') {
      const { record, errors } = parseWorker(layout, row);
      if (record) out.workers.push(record);
      out.errors.push(...errors);
    } else {
      const { record, errors } = parseHousehold(layout, row);
      if (record) out.households.push(record);
      out.errors.push(...errors);
    }
  }
  return out;
}
