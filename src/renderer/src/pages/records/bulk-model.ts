/**
 * The month-end bulk grid's model: per kind, its columns (what the clerk types, as text), and the
 * conversion of a row of text into the kind's fields — grid, worker and household typed by name
 * and resolved here (type-ahead), numbers parsed — then validated by the kind's own zod schema,
 * every problem kept on the cell it belongs to.
 */
import {
  DISPUTE_CATEGORIES,
  DISPUTE_SCALES,
  DISPUTE_STATUSES,
  PUBLICITY_FORMS,
  RECORD_SCHEMAS,
  REPORT_TYPES,
  SERVICE_KINDS,
  SETTLED_LEVELS,
  TRAINING_KINDS,
  VISIT_PROBLEM_TYPES,
  type RecordKind,
} from '@shared/records';

export type CellType = 'text' | 'date' | 'int' | 'enum' | 'grid' | 'worker' | 'household' | 'bool';

export interface BulkColumn {
  /** The field's name, or `problem:<type>` for a visit's problem counts. */
  key: string;
  label: string;
  type: CellType;
  width: number;
  /** Enum choices; for a suggestion list (publicity topics) `free` lets other text through. */
  options?: readonly string[];
  free?: boolean;
  /** Empty means null (optional number, level, date) rather than 0 or ''. */
  nullable?: boolean;
}

export interface BulkRow {
  key: number;
  values: Record<string, string>;
  /** Keys filled in by the grid (date, grid, worker): a row with nothing else is left out. */
  prefilled: string[];
  errors: Record<string, string>;
}

export interface Lookups {
  grids: { id: number; label: string; code: string }[];
  workers: { id: number; name: string; gridIds: number[] }[];
  households: { id: number; headName: string; gridId: number }[];
  topics: readonly string[];
}

const grid: BulkColumn = { key: 'gridId', label: '网格', type: 'grid', width: 190 };
const worker: BulkColumn = { key: 'workerId', label: '网格员', type: 'worker', width: 90, nullable: true };
const dateCol = (key: string, label: string): BulkColumn => ({ key, label, type: 'date', width: 110 });
const num = (key: string, label: string, nullable = false): BulkColumn => ({
  key,
  label,
  type: 'int',
  width: 80,
  nullable,
});
const txt = (key: string, label: string, width = 160): BulkColumn => ({ key, label, type: 'text', width });
const pick = (key: string, label: string, options: readonly string[], width = 100, nullable = false): BulkColumn => ({
  key,
  label,
  type: 'enum',
  options,
  width,
  nullable,
});

export function bulkColumns(kind: RecordKind, topics: readonly string[]): BulkColumn[] {
  switch (kind) {
    case 'disputes':
      return [
        grid,
        dateCol('foundDate', '排查日期'),
        txt('parties', '当事人', 130),
        pick('category', '纠纷类别', DISPUTE_CATEGORIES, 110),
        pick('scale', '规模', DISPUTE_SCALES, 70),
        num('people', '涉及人数', true),
        txt('summary', '简要情况', 180),
        pick('status', '办理状态', DISPUTE_STATUSES, 90),
        pick('settledLevel', '化解层级', SETTLED_LEVELS, 90, true),
        { ...dateCol('settleDate', '化解日期'), nullable: true },
        worker,
      ];
    case 'services':
      return [
        grid,
        dateCol('date', '服务日期'),
        worker,
        { key: 'householdId', label: '服务户（户主）', type: 'household', width: 120, nullable: true },
        pick('kind', '服务类别', SERVICE_KINDS, 90),
        txt('content', '服务内容', 220),
        txt('result', '办理结果', 140),
      ];
    case 'visits':
      return [
        grid,
        dateCol('date', '走访日期'),
        worker,
        num('households', '走访户数'),
        ...VISIT_PROBLEM_TYPES.map((t) => num(`problem:${t}`, t)),
        num('solved', '当场解决'),
        num('reported', '上报'),
        txt('notes', '备注', 140),
      ];
    case 'publicity':
      return [
        grid,
        dateCol('date', '宣传日期'),
        { key: 'topic', label: '宣传主题', type: 'enum', options: topics, free: true, width: 140 },
        pick('form', '形式', PUBLICITY_FORMS, 80),
        num('households', '覆盖户数'),
        num('people', '覆盖人数'),
        num('materials', '发放资料'),
        txt('notes', '备注', 160),
      ];
    case 'reports':
      return [
        grid,
        dateCol('date', '报告日期'),
        { key: 'time', label: '时间', type: 'text', width: 70 },
        pick('type', '信息类别', REPORT_TYPES, 100),
        txt('summary', '信息内容', 200),
        txt('handling', '处置情况', 140),
        txt('reportedTo', '报送对象', 100),
        { key: 'important', label: '重要信息', type: 'bool', width: 80 },
        worker,
      ];
    case 'trainings':
      return [
        grid,
        dateCol('date', '培训日期'),
        pick('kind', '类型', TRAINING_KINDS, 70),
        txt('content', '培训内容', 200),
        txt('audience', '培训对象', 110),
        txt('place', '地点', 110),
        txt('trainer', '授课人', 80),
        num('expected', '应到', true),
        num('attended', '实到'),
      ];
    case 'wechatGroups':
      return [
        grid,
        txt('name', '群名称', 200),
        txt('owner', '群主', 90),
        num('members', '成员数'),
        num('households', '覆盖户数'),
        txt('notes', '备注', 160),
      ];
  }
}

const squash = (s: string) => s.replace(/[\s/／]/g, '');

/** The one option the text names: exact first, then the only one containing it. */
function resolve<T>(text: string, items: T[], names: (t: T) => string[], what: string): { id?: T; error?: string } {
  const q = squash(text);
  const exact = items.filter((t) => names(t).some((n) => squash(n) === q));
  if (exact.length === 1) return { id: exact[0] };
  const partial = exact.length > 1 ? exact : items.filter((t) => names(t).some((n) => squash(n).includes(q)));
  if (partial.length === 1) return { id: partial[0] };
  if (partial.length === 0) return { error: `找不到${what}“${text}”` };
  return { error: `有 ${partial.length} 个${what}与“${text}”相符，请输入更完整的名称` };
}

export function resolveGrid(text: string, lookups: Lookups) {
  const r = resolve(text, lookups.grids, (g) => [g.label, g.code], '网格');
  return { id: r.id?.id, label: r.id?.label, error: r.error };
}

/** A bool cell: 是/否 as clerks write it. */
const YES = ['是', '√', 'y', 'Y', '1', '重要'];
const NO = ['否', '', 'n', 'N', '0'];

type Converted = { fields: Record<string, unknown>; errors: Record<string, string> };

function convertCell(c: BulkColumn, raw: string, gridId: number | undefined, lookups: Lookups, out: Converted): void {
  const text = raw.trim();
  const set = (v: unknown) => {
    if (c.key.startsWith('problem:')) {
      const problems = (out.fields.problemTypes ??= {}) as Record<string, unknown>;
      if (v !== null) problems[c.key.slice(8)] = v;
    } else out.fields[c.key] = v;
  };
  if (text === '') {
    if (c.nullable || c.type === 'grid') set(null);
    else if (c.type === 'int' || c.type === 'bool' || c.key === 'scale' || c.key === 'status' || c.key === 'kind')
      return; // the schema's default (0, 否, 一般, 排查中, 培训)
    else set(c.type === 'date' || c.type === 'enum' ? undefined : '');
    return;
  }
  if (c.type === 'int') {
    if (!/^\d+$/.test(text)) out.errors[c.key] = `${c.label}应为整数`;
    else set(Number(text));
  } else if (c.type === 'bool') {
    if (YES.includes(text)) set(true);
    else if (NO.includes(text)) set(false);
    else out.errors[c.key] = `${c.label}应填“是”或“否”`;
  } else if (c.type === 'grid') {
    const r = resolveGrid(text, lookups);
    if (r.error) out.errors[c.key] = r.error;
    else set(r.id);
  } else if (c.type === 'worker') {
    const candidates = lookups.workers.filter((w) => w.name === text);
    const own = candidates.filter((w) => gridId !== undefined && w.gridIds.includes(gridId));
    const chosen = own.length === 1 ? own[0] : candidates.length === 1 ? candidates[0] : undefined;
    if (chosen) set(chosen.id);
    else
      out.errors[c.key] = candidates.length
        ? `有 ${candidates.length} 位网格员叫“${text}”，请核对`
        : `找不到网格员“${text}”`;
  } else if (c.type === 'household') {
    const inGrid = lookups.households.filter((h) => h.gridId === gridId && h.headName === text);
    if (inGrid.length === 1) set(inGrid[0]!.id);
    else out.errors[c.key] = inGrid.length ? `该网格有 ${inGrid.length} 户户主叫“${text}”` : `该网格没有户主“${text}”`;
  } else if (c.type === 'date') {
    set(normalizeDate(text));
  } else set(text);
}

/** 2026/3/5, 2026.3.5, 2026年3月5日 → 2026-03-05; anything else goes to the schema as typed. */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

/** A row's fields and its errors by column key: conversion first, then the kind's schema. */
export function validateRow(
  kind: RecordKind,
  columns: BulkColumn[],
  row: BulkRow,
  lookups: Lookups,
): { fields: Record<string, unknown>; errors: Record<string, string> } {
  const out: Converted = { fields: {}, errors: {} };
  const gridText = row.values.gridId ?? '';
  const gridId = gridText.trim() ? resolveGrid(gridText, lookups).id : undefined;
  for (const c of columns) convertCell(c, row.values[c.key] ?? '', gridId, lookups, out);
  const topic = columns.find((c) => c.key === 'topic');
  if (topic && out.fields.topic === undefined) out.fields.topic = '';
  const parsed = RECORD_SCHEMAS[kind].safeParse(out.fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = columnOf(columns, String(issue.path[0] ?? ''));
      out.errors[key] ??= issue.message;
    }
  }
  return out;
}

/** The column a field's error shows on (a visit's problem counts show on their first column). */
export function columnOf(columns: BulkColumn[], field: string): string {
  if (columns.some((c) => c.key === field)) return field;
  if (field === 'problemTypes') return columns.find((c) => c.key.startsWith('problem:'))?.key ?? columns[0]!.key;
  return columns[0]!.key;
}

/** A row the clerk left alone: only what the grid prefilled, or nothing. */
export function isBlank(row: BulkRow): boolean {
  return Object.entries(row.values).every(([k, v]) => v.trim() === '' || row.prefilled.includes(k));
}

/** Excel puts rows on lines and cells between tabs; a trailing newline ends the last row. */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((l) => l.split('\t'));
}
