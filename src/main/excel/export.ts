/**
 * Roster workbooks (花名册) in the same columns the importer reads, so an exported file can be
 * corrected and imported again. Streamed to disk as rows arrive: a county's 90,000 households
 * fit. Fed plain rows by services/exports; nothing here reads the database.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { addDataRow, safeSheetName, writeHead, type Column } from './workbook';

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

/** Where a row's grid sits: names of its township, village and villager group ('' when none). */
export interface RosterPlace {
  township: string;
  village: string;
  group: string;
}

export interface WorkerRosterRow extends RosterPlace {
  level: number;
  gridCode: string;
  gridName: string;
  name: string;
  gender: string;
  idNumber: string;
  phone: string;
  politicalStatus: string;
  education: string;
  tags: string[];
  role: string;
  title: string;
  startDate: string;
  notes: string;
}

export interface HouseholdRosterRow extends RosterPlace {
  gridCode: string;
  gridName: string;
  headName: string;
  idNumber: string;
  phone: string;
  address: string;
  doorNumber: string;
  members: number | null;
  tags: string[];
  notes: string;
}

export interface RosterHead {
  /** 导出单位 */
  unit: string;
  /** 导出日期 as printed: 2026年11月27日. */
  date: string;
  /** One sheet per village (default) or one sheet for all. */
  perVillage?: boolean;
}

/** Rows arrive in batches (pages of a query), so a large roster never sits in memory whole. */
export type RowBatches<T> = AsyncIterable<T[]> | Iterable<T[]>;

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

function openRoster(file: string): ExcelJS.stream.xlsx.WorkbookWriter {
  return new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
}

function infoLine(head: RosterHead): string {
  return `导出单位：${head.unit || '\u3000'}\u3000\u3000导出日期：${head.date}`;
}

function workerValues(r: WorkerRosterRow): (string | number | null)[] {
  return [
    r.township,
    r.village,
    r.group,
    LEVEL_TEXT[r.level] ?? '',
    r.gridCode,
    r.level === 4 ? r.gridName : '',
    r.name,
    r.gender,
    r.idNumber,
    r.phone,
    r.politicalStatus,
    r.education,
    r.tags.join('、'),
    r.role,
    r.title,
    r.startDate,
    r.notes,
  ];
}

/** 网格员花名册: one row per assignment (a person serving two grids has two rows). */
export function writeWorkerRoster(
  out: string,
  head: RosterHead,
  batches: RowBatches<WorkerRosterRow>,
): Promise<{ rows: number }> {
  const perVillage = head.perVillage !== false;
  return writeAtomically(out, async (file) => {
    const sheets = new SheetSet(
      openRoster(file),
      WORKER_COLUMNS,
      (key) => `${key || head.unit || ''}网格员花名册`,
      infoLine(head),
    );
    let count = 0;
    for await (const rows of batches) {
      for (const r of rows) {
        const townLevel = `${r.township}（镇级）`;
        const key = perVillage ? (r.village ? `${r.township}${r.village}` : townLevel) : '';
        sheets.row(key, perVillage ? r.village || townLevel : '网格员花名册', workerValues(r));
      }
      count += rows.length;
    }
    await sheets.finish('网格员花名册');
    return { rows: count };
  });
}

/** 住户花名册, rows in the order given (grid-code order). */
export function writeHouseholdRoster(
  out: string,
  head: RosterHead,
  batches: RowBatches<HouseholdRosterRow>,
): Promise<{ rows: number }> {
  const perVillage = head.perVillage !== false;
  return writeAtomically(out, async (file) => {
    const sheets = new SheetSet(
      openRoster(file),
      HOUSEHOLD_COLUMNS,
      (key) => `${key || head.unit || ''}住户花名册`,
      infoLine(head),
    );
    let count = 0;
    for await (const rows of batches) {
      for (const r of rows) {
        const key = perVillage ? `${r.township}${r.village}` : '';
        sheets.row(key, perVillage ? r.village || r.township || '住户' : '住户花名册', [
          r.township,
          r.village,
          r.group,
          r.gridCode,
          r.gridName,
          r.headName,
          r.idNumber,
          r.phone,
          r.address,
          r.doorNumber,
          r.members,
          r.tags.join('、'),
          r.notes,
        ]);
      }
      count += rows.length;
    }
    await sheets.finish('住户花名册');
    return { rows: count };
  });
}
