/**
 * Roster exports (花名册) in the same columns the importer reads, so an exported file can be
 * corrected and imported again. Streamed to disk: a county's 90,000 households fit.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DbOrTrx } from '../db/schema';
import { AppError } from '../errors';
import { subtreeIds } from '../services/grids/grids';
import { getSettings } from '../services/settings/settings';
import { householdsWithGrid } from '../services/households/households';
import { addDataRow, safeSheetName, today, writeHead, type Column } from './workbook';

export const WORKER_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '镇', width: 10 },
  { header: '村', width: 12 },
  { header: '组', width: 10 },
  { header: '级别', width: 7 },
  { header: '网格编码', width: 13, text: true },
  { header: '网格名称', width: 16 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '身份证号', width: 21, text: true },
  { header: '联系电话', width: 14, text: true },
  { header: '政治面貌', width: 12 },
  { header: '学历', width: 8 },
  { header: '人员类别', width: 18 },
  { header: '网格角色', width: 9 },
  { header: '担任职务', width: 14 },
  { header: '任职日期', width: 12, text: true },
  { header: '备注', width: 16 },
];

export const HOUSEHOLD_COLUMNS: Column[] = [
  { header: '序号', width: 7 },
  { header: '镇', width: 10 },
  { header: '村', width: 12 },
  { header: '组', width: 10 },
  { header: '网格编码', width: 13, text: true },
  { header: '网格名称', width: 16 },
  { header: '户主姓名', width: 10 },
  { header: '身份证号', width: 21, text: true },
  { header: '联系电话', width: 14, text: true },
  { header: '住址', width: 26 },
  { header: '门牌号', width: 10, text: true },
  { header: '家庭人口', width: 9 },
  { header: '户类别', width: 18 },
  { header: '备注', width: 16 },
];

const LEVEL_TEXT = ['', '一级', '二级', '三级', '四级'];

export interface ExportOptions {
  /** One sheet per village (default) or one sheet for all. */
  perVillage?: boolean;
  /** Only this grid and below. */
  gridId?: number | null;
}

interface GridInfo {
  id: number;
  parent_id: number | null;
  level: number;
  name: string;
  code: string;
}

/** For every grid: its township, village and group names, and the sheet it belongs on. */
async function gridPaths(db: DbOrTrx) {
  const grids = (await db
    .selectFrom('grids')
    .select(['id', 'parent_id', 'level', 'name', 'code'])
    .execute()) as GridInfo[];
  const byId = new Map(grids.map((g) => [g.id, g]));
  const pathOf = (id: number) => {
    const names = ['', '', '', ''];
    let village: GridInfo | null = null;
    let township: GridInfo | null = null;
    for (let g = byId.get(id); g; g = g.parent_id === null ? undefined : byId.get(g.parent_id)) {
      names[g.level - 1] = g.name;
      if (g.level === 2) village = g;
      if (g.level === 1) township = g;
    }
    return { names, village, township };
  };
  return { byId, pathOf };
}

function ensureWritable(out: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  } catch {
    throw new AppError('VALIDATION', `无法在该位置保存文件：${out}`);
  }
}

class SheetSet {
  private readonly sheets = new Map<string, { ws: ExcelJS.Worksheet; n: number }>();
  private readonly used = new Set<string>();
  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly columns: Column[],
    private readonly titleFor: (key: string) => string,
    private readonly info: string,
  ) {}

  row(key: string, sheetName: string, values: (string | number | null)[]): void {
    let s = this.sheets.get(key);
    if (!s) {
      const ws = this.wb.addWorksheet(safeSheetName(sheetName, this.used), {
        views: [{ state: 'frozen', ySplit: 3 }],
        pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      });
      writeHead(ws, this.titleFor(key), this.info, this.columns);
      s = { ws, n: 0 };
      this.sheets.set(key, s);
    }
    s.n += 1;
    addDataRow(s.ws, this.columns, [s.n, ...values]).commit();
  }

  async finish(emptyName: string): Promise<void> {
    if (this.sheets.size === 0) {
      const ws = this.wb.addWorksheet(emptyName, { views: [{ state: 'frozen', ySplit: 3 }] });
      writeHead(ws, this.titleFor(''), this.info, this.columns);
    }
    for (const { ws } of this.sheets.values()) ws.commit();
    await this.wb.commit();
  }
}

/** 网格员花名册: one row per current assignment (a person serving two grids has two rows). */
export async function exportWorkers(db: DbOrTrx, out: string, options: ExportOptions = {}): Promise<{ rows: number }> {
  ensureWritable(out);
  const { pathOf } = await gridPaths(db);
  const unit = (await getSettings(db)).unitName;
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .select([
      'a.grid_id',
      'a.role',
      'a.title',
      'a.start_date',
      'g.level',
      'g.code',
      'g.name as grid_name',
      'w.id as worker_id',
      'w.name',
      'w.gender',
      'w.id_number',
      'w.phone',
      'w.political_status',
      'w.education',
      'w.notes',
    ])
    .where('a.end_date', 'is', null);
  if (options.gridId) q = q.where('a.grid_id', 'in', await subtreeIds(db, options.gridId));
  const rows = await q.orderBy('g.code').orderBy('a.role', 'desc').orderBy('w.name').execute();
  const tagRows = await db.selectFrom('worker_tags').select(['worker_id', 'tag']).orderBy('tag').execute();
  const tags = new Map<number, string[]>();
  for (const t of tagRows) tags.set(t.worker_id, [...(tags.get(t.worker_id) ?? []), t.tag]);

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: true });
  const perVillage = options.perVillage !== false;
  const sheets = new SheetSet(
    wb,
    WORKER_COLUMNS,
    (key) => `${key || unit || ''}网格员花名册`,
    `导出单位：${unit || '\u3000'}\u3000\u3000导出日期：${today()}`,
  );
  for (const r of rows) {
    const p = pathOf(r.grid_id);
    const key = perVillage ? (p.village ? `${p.names[0]}${p.village.name}` : `${p.names[0]}（镇级）`) : '';
    const sheetName = perVillage ? (p.village ? p.village.name : `${p.names[0]}（镇级）`) : '网格员花名册';
    sheets.row(key, sheetName, [
      p.names[0]!,
      p.names[1]!,
      p.names[2]!,
      LEVEL_TEXT[r.level] ?? '',
      r.code,
      r.level === 4 ? r.grid_name : '',
      r.name,
      r.gender,
      r.id_number,
      r.phone,
      r.political_status,
      r.education,
      (tags.get(r.worker_id) ?? []).join('、'),
      r.role,
      r.title,
      r.start_date ?? '',
      r.notes,
    ]);
  }
  await sheets.finish('网格员花名册');
  return { rows: rows.length };
}

/** 住户花名册, in grid-code order. */
export async function exportHouseholds(
  db: DbOrTrx,
  out: string,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  ensureWritable(out);
  const { pathOf } = await gridPaths(db);
  const unit = (await getSettings(db)).unitName;
  const scope = options.gridId ? await subtreeIds(db, options.gridId) : null;
  const tagRows = await db.selectFrom('household_tags').select(['household_id', 'tag']).orderBy('tag').execute();
  const tags = new Map<number, string[]>();
  for (const t of tagRows) tags.set(t.household_id, [...(tags.get(t.household_id) ?? []), t.tag]);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: true });
  const perVillage = options.perVillage !== false;
  const sheets = new SheetSet(
    wb,
    HOUSEHOLD_COLUMNS,
    (key) => `${key || unit || ''}住户花名册`,
    `导出单位：${unit || '\u3000'}\u3000\u3000导出日期：${today()}`,
  );
  let count = 0;
  const PAGE = 5000;
  for (let offset = 0; ; offset += PAGE) {
    let q = householdsWithGrid(db);
    if (scope) q = q.where('h.grid_id', 'in', scope);
    const rows = await q.orderBy('g.code').orderBy('h.id').limit(PAGE).offset(offset).execute();
    for (const r of rows) {
      const p = pathOf(r.grid_id);
      const key = perVillage ? `${p.names[0]}${p.names[1]}` : '';
      sheets.row(key, perVillage ? p.names[1] || p.names[0] || '住户' : '住户花名册', [
        p.names[0]!,
        p.names[1]!,
        p.names[2]!,
        r.grid_code,
        r.grid_name,
        r.head_name,
        r.id_number ?? '',
        r.phone,
        r.address,
        r.door_number,
        r.members,
        (tags.get(r.id) ?? []).join('、'),
        r.notes,
      ]);
    }
    count += rows.length;
    if (rows.length < PAGE) break;
  }
  await sheets.finish('住户花名册');
  return { rows: count };
}
