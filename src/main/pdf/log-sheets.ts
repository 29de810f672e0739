/**
 * Blank monthly log sheets (走访登记表 / 服务登记表): one section per household grid, each starting
 * on its own A4 page, with the grid's code and label, its worker and its households pre-printed one
 * per row — head of household, door number, phone masked — and empty columns the worker fills in
 * on paper. The clerk types them back through the bulk grid in the same order. Fed plain rows by
 * services/print/log-sheets.
 */
import { GlyphCheck, loadFont, type MissingGlyph } from './fonts';
import { fitText, mm, writePdf, type Doc, type PdfOut } from './layout';

export type LogSheetKind = 'visits' | 'services';

export interface LogSheetRow {
  headName: string;
  doorNumber: string;
  /** Masked already (138****5678) or ''. */
  phone: string;
}

export interface LogSheetSection {
  gridCode: string;
  /** Named from its village down. */
  gridLabel: string;
  /** The worker the sheet is for, or 待配备. */
  worker: string;
  rows: LogSheetRow[];
}

export interface LogSheets {
  kind: LogSheetKind;
  /** 2026-03 */
  month: string;
  unit: string;
  sections: LogSheetSection[];
}

export const LOG_SHEET_TITLES: Record<LogSheetKind, string> = { visits: '走访登记表', services: '服务登记表' };

const PAGE_W = mm(297);
const PAGE_H = mm(210);
const MARGIN = mm(10);
const ROW_H = mm(9);
const HEAD_ROW_H = mm(9);
const TITLE_H = mm(22);
const FOOTER_H = mm(7);

type Column = { header: string; width: number; align?: 'center' };
const PRINTED: Column[] = [
  { header: '序号', width: 11, align: 'center' },
  { header: '户主姓名', width: 24 },
  { header: '门牌号', width: 18 },
  { header: '联系电话', width: 27 },
];
/** Landscape A4: 277 mm between the margins; the blank columns share what the printed ones leave. */
const BLANK: Record<LogSheetKind, Column[]> = {
  visits: [
    { header: '走访日期', width: 22 },
    { header: '发现问题（类别及件数）', width: 62 },
    { header: '当场解决', width: 18 },
    { header: '上报', width: 14 },
    { header: '备注', width: 47 },
    { header: '户主签字', width: 34 },
  ],
  services: [
    { header: '服务日期', width: 22 },
    { header: '服务类别', width: 20 },
    { header: '服务内容', width: 74 },
    { header: '办理结果', width: 47 },
    { header: '户主签字', width: 34 },
  ],
};

/** 2026-03 → 2026年3月 */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

export function checkLogSheets(sheets: LogSheets, fontPath: string): MissingGlyph[] {
  const check = new GlyphCheck(loadFont(fontPath));
  check.check(sheets.unit, '单位名称');
  for (const s of sheets.sections) {
    check.check(s.gridLabel + s.worker, `网格“${s.gridLabel}”`);
    for (const r of s.rows) check.check(r.headName + r.doorNumber, `户主“${r.headName}”（${s.gridLabel}）`);
  }
  return check.missing;
}

/** A section's rows cut into pages; a grid without households still gets one page of blank rows. */
function pagesOf(section: LogSheetSection): (LogSheetRow | null)[][] {
  const fit = Math.floor((PAGE_H - 2 * MARGIN - TITLE_H - HEAD_ROW_H - FOOTER_H) / ROW_H);
  const pages: (LogSheetRow | null)[][] = [];
  for (let i = 0; i < section.rows.length; i += fit) pages.push(section.rows.slice(i, i + fit));
  if (pages.length === 0) pages.push([]);
  // The last page is filled up with blank rows, for households met that are not yet on the roster.
  const last = pages[pages.length - 1]!;
  while (last.length < fit) last.push(null);
  return pages;
}

function drawCells(doc: Doc, columns: Column[], y: number, h: number, cells: string[], fill?: string): void {
  let x = MARGIN;
  if (fill) {
    doc
      .save()
      .rect(MARGIN, y, PAGE_W - 2 * MARGIN, h)
      .fill(fill)
      .restore();
  }
  columns.forEach((c, i) => {
    const w = mm(c.width);
    doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor('#666666').stroke().restore();
    fitText(doc, cells[i] ?? '', x + mm(1), y, w - mm(2), h, 10, 6, c.align ?? 'left');
    x += w;
  });
}

function drawHeader(doc: Doc, sheets: LogSheets, section: LogSheetSection): number {
  const w = PAGE_W - 2 * MARGIN;
  fitText(
    doc,
    `${monthTitle(sheets.month)} ${LOG_SHEET_TITLES[sheets.kind]}`,
    MARGIN,
    MARGIN,
    w,
    mm(10),
    18,
    10,
    'center',
  );
  const info = `网格：${section.gridLabel}（编码 ${section.gridCode}）\u3000\u3000网格员：${section.worker}${
    sheets.unit ? `\u3000\u3000${sheets.unit}` : ''
  }`;
  fitText(doc, info, MARGIN, MARGIN + mm(12), w, mm(8), 11, 7);
  return MARGIN + TITLE_H;
}

function drawPage(doc: Doc, sheets: LogSheets, section: LogSheetSection, rows: (LogSheetRow | null)[], first: number) {
  const columns = [...PRINTED, ...BLANK[sheets.kind]];
  let y = drawHeader(doc, sheets, section);
  drawCells(
    doc,
    columns,
    y,
    HEAD_ROW_H,
    columns.map((c) => c.header),
    '#eef1f7',
  );
  y += HEAD_ROW_H;
  rows.forEach((r, i) => {
    drawCells(doc, columns, y, ROW_H, r ? [String(first + i), r.headName, r.doorNumber, r.phone] : []);
    y += ROW_H;
  });
}

/** Writes the sheets; returns the number of pages. */
export function writeLogSheets(sheets: LogSheets, out: PdfOut, fontPath: string): Promise<{ pages: number }> {
  const title = `${monthTitle(sheets.month)}${LOG_SHEET_TITLES[sheets.kind]}`;
  return writePdf(out, fontPath, title, 'A4', async (doc) => {
    let pages = 0;
    for (const section of sheets.sections) {
      const sectionPages = pagesOf(section);
      let first = 1;
      sectionPages.forEach((rows, p) => {
        doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
        drawPage(doc, sheets, section, rows, first);
        first += rows.length;
        doc.fillColor('#555555');
        const footer = `${section.gridLabel} ${LOG_SHEET_TITLES[sheets.kind]}\u3000第 ${p + 1} / ${sectionPages.length} 页`;
        fitText(doc, footer, MARGIN, PAGE_H - MARGIN - FOOTER_H, PAGE_W - 2 * MARGIN, FOOTER_H, 9, 6, 'center');
        doc.fillColor('#000000');
        pages++;
      });
    }
    return { pages };
  });
}
