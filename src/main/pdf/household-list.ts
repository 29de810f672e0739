/**
 * 住户名单: a grid's households on A4, for its grid worker to carry — head of household, masked
 * ID number, phone, address, members. A grid above the household level lists each household
 * grid in turn under a section line naming it and its worker. The table header repeats on
 * every page; pages are numbered "第 1 / 3 页". Fed plain rows by services/print.
 */
import { GlyphCheck, loadFont, type MissingGlyph } from './fonts';
import { fitText, mm, writePdf, type Doc, type PdfOut } from './layout';

export interface HouseholdListRow {
  headName: string;
  /** Masked already (610121********123X) or ''. */
  idMasked: string;
  phone: string;
  address: string;
  members: number | null;
  tags: string;
}

export interface HouseholdListSection {
  /** The household grid, named from its village down. */
  label: string;
  /** Its current workers with phones, or 待配备. */
  workers: string;
  rows: HouseholdListRow[];
}

export interface HouseholdList {
  /** The grid the list is for, named from its village down. */
  label: string;
  /** The grid's current workers with phones, or 待配备. */
  workers: string;
  unit: string;
  /** 打印日期 as printed: 2026年11月27日. */
  date: string;
  sections: HouseholdListSection[];
}

const PAGE_W = mm(210);
const PAGE_H = mm(297);
const MARGIN = mm(12);
const ROW_H = mm(7.5);
const HEAD_ROW_H = mm(8);
const TITLE_H = mm(28);
const FOOTER_H = mm(8);
const BLUE = '#1f4e9c';

/** Columns across the 186 mm between the margins. */
const COLUMNS: { header: string; width: number; align?: 'center' }[] = [
  { header: '序号', width: 11, align: 'center' },
  { header: '户主姓名', width: 22 },
  { header: '身份证号', width: 38 },
  { header: '联系电话', width: 27 },
  { header: '住址', width: 56 },
  { header: '人口', width: 11, align: 'center' },
  { header: '户类别', width: 21 },
];

type Line = { kind: 'section'; section: HouseholdListSection } | { kind: 'row'; n: number; row: HouseholdListRow };

/** Section lines only when the list spans more than one household grid. */
function linesOf(list: HouseholdList): Line[] {
  const lines: Line[] = [];
  let n = 0;
  for (const section of list.sections) {
    if (list.sections.length > 1) lines.push({ kind: 'section', section });
    for (const row of section.rows) lines.push({ kind: 'row', n: ++n, row });
  }
  return lines;
}

/** Lines per page: the first page also carries the title block. */
function paginate(lines: Line[]): Line[][] {
  const body = PAGE_H - 2 * MARGIN - FOOTER_H - HEAD_ROW_H;
  const pages: Line[][] = [];
  let rest = lines;
  while (rest.length > 0 || pages.length === 0) {
    const fit = Math.floor((pages.length === 0 ? body - TITLE_H : body) / ROW_H);
    pages.push(rest.slice(0, fit));
    rest = rest.slice(fit);
  }
  return pages;
}

export function checkHouseholdList(list: HouseholdList, fontPath: string): MissingGlyph[] {
  const check = new GlyphCheck(loadFont(fontPath));
  check.check(list.label + list.workers + list.unit, '名单标题');
  for (const s of list.sections) {
    check.check(s.label + s.workers, `网格“${s.label}”`);
    for (const r of s.rows) check.check(r.headName + r.address + r.tags, `户主“${r.headName}”（${s.label}）`);
  }
  return check.missing;
}

function drawTitle(doc: Doc, list: HouseholdList, households: number): number {
  const w = PAGE_W - 2 * MARGIN;
  doc.fillColor(BLUE);
  fitText(doc, `${list.label} 住户名单`, MARGIN, MARGIN, w, mm(11), 18, 10, 'center');
  doc.fillColor('#000000');
  fitText(doc, `网格员：${list.workers}`, MARGIN, MARGIN + mm(12), w, mm(7), 11, 7);
  const info = `${list.unit ? `${list.unit}\u3000\u3000` : ''}打印日期：${list.date}\u3000\u3000共 ${households} 户`;
  fitText(doc, info, MARGIN, MARGIN + mm(19), w, mm(7), 10, 7);
  return MARGIN + TITLE_H;
}

function drawCells(doc: Doc, y: number, h: number, cells: string[], fill?: string): void {
  let x = MARGIN;
  if (fill) {
    doc
      .save()
      .rect(MARGIN, y, PAGE_W - 2 * MARGIN, h)
      .fill(fill)
      .restore();
  }
  COLUMNS.forEach((c, i) => {
    const w = mm(c.width);
    doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor('#999999').stroke().restore();
    fitText(doc, cells[i] ?? '', x + mm(1.2), y, w - mm(2.4), h, 10, 6, c.align ?? 'left');
    x += w;
  });
}

function drawLine(doc: Doc, line: Line, y: number): void {
  if (line.kind === 'row') {
    const r = line.row;
    drawCells(doc, y, ROW_H, [
      String(line.n),
      r.headName,
      r.idMasked,
      r.phone,
      r.address,
      r.members === null ? '' : String(r.members),
      r.tags,
    ]);
    return;
  }
  const w = PAGE_W - 2 * MARGIN;
  doc.save().rect(MARGIN, y, w, ROW_H).fill('#dde4f5').restore();
  doc.fillColor(BLUE);
  const text = `${line.section.label}\u3000\u3000网格员：${line.section.workers}\u3000\u3000${line.section.rows.length} 户`;
  fitText(doc, text, MARGIN + mm(2), y, w - mm(4), ROW_H, 10.5, 6);
  doc.fillColor('#000000');
}

/** Writes the list; returns the number of pages. */
export function writeHouseholdList(list: HouseholdList, out: PdfOut, fontPath: string): Promise<{ pages: number }> {
  const lines = linesOf(list);
  const households = lines.filter((l) => l.kind === 'row').length;
  const pages = paginate(lines);
  return writePdf(out, fontPath, `${list.label}住户名单`, 'A4', async (doc) => {
    pages.forEach((page, p) => {
      doc.addPage({ size: 'A4', margin: 0 });
      let y = p === 0 ? drawTitle(doc, list, households) : MARGIN;
      drawCells(
        doc,
        y,
        HEAD_ROW_H,
        COLUMNS.map((c) => c.header),
        '#eef1f7',
      );
      y += HEAD_ROW_H;
      for (const line of page) {
        drawLine(doc, line, y);
        y += ROW_H;
      }
      doc.fillColor('#555555');
      const footer = `${list.label} 住户名单\u3000第 ${p + 1} / ${pages.length} 页`;
      fitText(doc, footer, MARGIN, PAGE_H - MARGIN - FOOTER_H, PAGE_W - 2 * MARGIN, FOOTER_H, 9, 6, 'center');
      doc.fillColor('#000000');
    });
    return { pages: pages.length };
  });
}
