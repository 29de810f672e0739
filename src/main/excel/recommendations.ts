/**
 * A pipeline's list of recommendations for a year, as the clerk sends it up: who, where, the
 * stage reached and its date, and for awards the level, issuer and certificate. ID numbers come
 * masked; nothing here reads the database.
 */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { addDataRow, writeHead, type Column } from './workbook';

export const RECOMMENDATION_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '村（社区）', width: 12 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '年龄', width: 6 },
  { header: '身份证号', width: 21, text: true },
  { header: '政治面貌', width: 11 },
  { header: '学历', width: 8 },
  { header: '所在网格', width: 30 },
  { header: '当前环节', width: 14 },
  { header: '状态', width: 8 },
  { header: '日期', width: 12, text: true },
  { header: '类别/级别', width: 10 },
  { header: '颁发单位', width: 16 },
  { header: '证书编号', width: 14, text: true },
  { header: '备注', width: 20 },
];

export interface RecommendationListRow {
  village: string;
  name: string;
  gender: string;
  age: number | null;
  idMasked: string;
  politicalStatus: string;
  education: string;
  grids: string;
  stage: string;
  status: string;
  date: string;
  /** An award's level or a deputy's seat. */
  which: string;
  issuer: string;
  certificateNo: string;
  notes: string;
}

export function writeRecommendationList(
  out: string,
  head: { title: string; info: string },
  rows: RecommendationListRow[],
): Promise<{ rows: number }> {
  return writeAtomically(out, async (file) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('推优名单', {
      views: [{ state: 'frozen', ySplit: 3 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    writeHead(ws, head.title, head.info, RECOMMENDATION_COLUMNS);
    ws.pageSetup.printTitlesRow = '3:3';
    rows.forEach((r, i) =>
      addDataRow(ws, RECOMMENDATION_COLUMNS, [
        i + 1,
        r.village,
        r.name,
        r.gender,
        r.age,
        r.idMasked,
        r.politicalStatus,
        r.education,
        r.grids,
        r.stage,
        r.status,
        r.date,
        r.which,
        r.issuer,
        r.certificateNo,
        r.notes,
      ]),
    );
    await wb.xlsx.writeFile(file);
    return { rows: rows.length };
  });
}
