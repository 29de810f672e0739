/**
 * Working lists a clerk sends or prints from Excel: the vacancy list (待配备网格) and a village's
 * 通讯录. Small (a county's vacancies, one village's workers): written in memory, then renamed
 * into place. Fed plain rows by services/exports; nothing here reads the database.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { addDataRow, writeHead, type Column } from './workbook';

export const VACANCY_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '网格编码', width: 13, text: true },
  { header: '网格', width: 34 },
  { header: '级别', width: 7 },
  { header: '住户数', width: 8 },
  { header: '上任网格员', width: 11 },
  { header: '上任离任日期', width: 13, text: true },
];

/** The 通讯录 holds phones in full (the clerk exports a contact list), never ID numbers. */
export const CONTACT_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 10 },
  { header: '联系电话', width: 14, text: true },
  { header: '担任职务', width: 16 },
  { header: '所任网格', width: 44 },
  { header: '网格编码', width: 22, text: true },
];

export interface VacancyRow {
  code: string;
  label: string;
  level: number;
  /** null: not a household grid (households live in household grids). */
  households: number | null;
  lastHolder: string;
  lastEndDate: string;
}

export interface ContactRow {
  name: string;
  phone: string;
  titles: string[];
  /** Each current grid as 大坪村 / 一组（网格长）. */
  grids: string[];
  codes: string[];
}

export interface ListHead {
  title: string;
  /** 导出单位…导出日期… */
  info: string;
}

const LEVEL_TEXT = ['', '一级', '二级', '三级', '四级'];

function writeList(
  out: string,
  sheet: string,
  head: ListHead,
  columns: Column[],
  rows: (string | number | null)[][],
): Promise<{ rows: number }> {
  return writeAtomically(out, async (file) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet, {
      views: [{ state: 'frozen', ySplit: 3 }],
      pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    writeHead(ws, head.title, head.info, columns);
    rows.forEach((r, i) => addDataRow(ws, columns, [i + 1, ...r]));
    await wb.xlsx.writeFile(file);
    return { rows: rows.length };
  });
}

export function writeVacancyList(out: string, head: ListHead, rows: VacancyRow[]): Promise<{ rows: number }> {
  return writeList(
    out,
    '待配备网格',
    head,
    VACANCY_COLUMNS,
    rows.map((r) => [r.code, r.label, LEVEL_TEXT[r.level] ?? '', r.households, r.lastHolder, r.lastEndDate]),
  );
}

export function writeContactList(out: string, head: ListHead, rows: ContactRow[]): Promise<{ rows: number }> {
  return writeList(
    out,
    '通讯录',
    head,
    CONTACT_COLUMNS,
    rows.map((r) => [r.name, r.phone, r.titles.join('、'), r.grids.join('；'), r.codes.join('、')]),
  );
}
