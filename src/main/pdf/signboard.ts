/**
 * 网格员公示牌: one per village (a township's code prints every village's board, one section
 * each). The village's secretary with photo, every villager group with its 网格长, every household
 * grid with its worker, phone and household count, the four roles, the supervision phone and date.
 * Rows are laid out in as many columns as fit; a very large village continues on further sheets
 * with the header repeated. ID numbers never appear. Fed plain boards by services/print.
 */
import { GlyphCheck, loadFont, type MissingGlyph } from './fonts';
import { fitParagraph, fitText, mm, writePdf, type Doc, type PdfOut } from './layout';
import { FOUR_ROLES } from './cards';
import type { Person, PrintSettings } from './views';

export const PAPER_SIZES = { A4: [297, 210], A3: [420, 297], A2: [594, 420] } as const;
export type Paper = keyof typeof PAPER_SIZES;

export interface BoardRow {
  kind: 'group' | 'grid';
  cells: string[];
}

export interface Board {
  village: { name: string; code: string; kind: string | null };
  township: string;
  secretary: Pick<Person, 'name' | 'phone' | 'title' | 'photo'> | null;
  rows: BoardRow[];
}

export function checkBoards(boards: Board[], fontPath: string): { missing: MissingGlyph[]; warnings: string[] } {
  const check = new GlyphCheck(loadFont(fontPath));
  const warnings: string[] = [];
  for (const b of boards) {
    check.check(b.village.name + b.township, `${b.village.name}的名称`);
    if (!b.secretary) warnings.push(`${b.village.name}：二级网格员（村党组织书记）待配备`);
    else {
      check.check(b.secretary.name, `${b.village.name}书记“${b.secretary.name}”`);
      if (!b.secretary.photo) warnings.push(`${b.village.name}：${b.secretary.name} 没有照片，将印占位框`);
    }
    for (const r of b.rows) {
      check.check(r.cells.join(''), `${b.village.name} ${r.cells[0]}`);
      if (r.cells.some((c) => c.includes('待配备'))) warnings.push(`${b.village.name} ${r.cells[0]}：网格员待配备`);
    }
  }
  return { missing: check.missing, warnings };
}

const BLUE = '#1f4e9c';
const RED = '#b3261e';

interface Fit {
  font: number;
  cols: number;
  rowsPerCol: number;
}

/** The largest font and fewest columns that fit all rows; null when even the smallest does not. */
function chooseFit(doc: Doc, rows: BoardRow[], areaW: number, areaH: number): Fit | null {
  for (let font = 15; font >= 7; font -= 1) {
    doc.fontSize(font);
    const rowH = font * 1.75;
    const rowsPerCol = Math.floor(areaH / rowH);
    const widest = Math.max(...rows.map((r) => doc.widthOfString(r.cells.join('\u3000\u3000')))) + font * 2;
    for (let cols = 1; cols <= 4; cols++) {
      const colW = (areaW - (cols - 1) * 16) / cols;
      if (colW < widest) break;
      if (Math.ceil(rows.length / cols) <= rowsPerCol) return { font, cols, rowsPerCol };
    }
  }
  return null;
}

function drawHeader(doc: Doc, b: Board, W: number, margin: number, unitName: string, cont: boolean): number {
  doc
    .save()
    .rect(0, 0, W, margin + 78)
    .fill(BLUE)
    .restore();
  doc.fillColor('#ffffff');
  const kind = b.village.kind === '社区' ? '' : '';
  fitText(
    doc,
    `${b.village.name}${kind}网格员公示牌${cont ? '（续）' : ''}`,
    margin,
    margin - 4,
    W - 2 * margin,
    50,
    38,
    18,
    'center',
  );
  fitText(
    doc,
    [b.township, unitName].filter(Boolean).join('\u3000'),
    margin,
    margin + 48,
    W - 2 * margin,
    22,
    14,
    8,
    'center',
  );
  doc.fillColor('#000000');
  return margin + 78 + 16;
}

function drawLeftPanel(
  doc: Doc,
  b: Board,
  x: number,
  y: number,
  w: number,
  bottom: number,
  settings: PrintSettings,
  date: string,
): void {
  doc
    .save()
    .roundedRect(x, y, w, bottom - y, 6)
    .lineWidth(1)
    .strokeColor(BLUE)
    .stroke()
    .restore();
  const pad = 12;
  doc.fillColor(BLUE);
  fitText(doc, '二级网格员', x + pad, y + pad, w - 2 * pad, 22, 16, 10, 'center');
  doc.fillColor('#000000');
  const photoW = Math.min(110, w - 2 * pad);
  const photoH = photoW * 1.3;
  const px = x + (w - photoW) / 2;
  const py = y + pad + 28;
  let drawn = false;
  if (b.secretary?.photo) {
    try {
      doc.image(b.secretary.photo, px, py, { fit: [photoW, photoH], align: 'center', valign: 'center' });
      drawn = true;
    } catch {
      drawn = false;
    }
  }
  if (!drawn) {
    doc.save().rect(px, py, photoW, photoH).fillAndStroke('#eef1f7', '#9aa5bd').restore();
    doc.fillColor('#7a869e');
    fitText(doc, '照片', px, py + photoH / 2 - 10, photoW, 20, 14, 8, 'center');
    doc.fillColor('#000000');
  }
  let cy = py + photoH + 10;
  const sec = b.secretary;
  fitText(doc, sec ? sec.name : '待配备', x + pad, cy, w - 2 * pad, 26, 20, 10, 'center');
  cy += 28;
  fitText(doc, sec ? sec.title : '村（社区）党组织书记', x + pad, cy, w - 2 * pad, 18, 12, 7, 'center');
  cy += 20;
  doc.fillColor(RED);
  fitText(doc, sec ? `电话 ${sec.phone}` : '', x + pad, cy, w - 2 * pad, 20, 15, 8, 'center');
  doc.fillColor('#000000');
  cy += 30;
  doc.fillColor(BLUE);
  fitText(doc, '网格员“四员”职责', x + pad, cy, w - 2 * pad, 18, 13, 8);
  doc.fillColor('#000000');
  cy += 22;
  const footerH = 64;
  const roleH = Math.max(14, (bottom - footerH - cy) / FOUR_ROLES.length);
  for (const [role, duty] of FOUR_ROLES) {
    fitParagraph(doc, `${role}：${duty}`, x + pad, cy, w - 2 * pad, roleH - 4, 12, 6);
    cy += roleH;
  }
  doc.fillColor(RED);
  fitText(doc, `监督电话：${settings.supervisionPhone || '—'}`, x + pad, bottom - footerH + 8, w - 2 * pad, 20, 14, 8);
  doc.fillColor('#000000');
  fitText(doc, `公示日期：${date}`, x + pad, bottom - footerH + 32, w - 2 * pad, 18, 11, 7);
}

function drawRows(doc: Doc, rows: BoardRow[], x: number, y: number, w: number, fit: Fit): void {
  const colW = (w - (fit.cols - 1) * 16) / fit.cols;
  const rowH = fit.font * 1.75;
  rows.forEach((r, i) => {
    const col = Math.floor(i / fit.rowsPerCol);
    const cx = x + col * (colW + 16);
    const cy = y + (i % fit.rowsPerCol) * rowH;
    if (r.kind === 'group') {
      doc
        .save()
        .rect(cx, cy + 1, colW, rowH - 2)
        .fill('#dde4f5')
        .restore();
      doc.fillColor(BLUE);
      fitText(
        doc,
        `${r.cells[0]}\u3000${r.cells[1]}\u3000${r.cells[2]}`,
        cx + 4,
        cy,
        colW - 8,
        rowH,
        fit.font,
        Math.max(5, fit.font - 3),
      );
      doc.fillColor('#000000');
    } else {
      const widths = [0.24, 0.2, 0.3, 0.1, 0.16];
      let ox = cx + 4;
      r.cells.forEach((cell, k) => {
        const cw = (colW - 8) * widths[k]!;
        if (cell === '待配备') doc.fillColor(RED);
        fitText(doc, cell, ox, cy, cw - 3, rowH, fit.font, Math.max(5, fit.font - 3));
        doc.fillColor('#000000');
        ox += cw;
      });
    }
  });
}

export interface BoardLayout {
  paper?: Paper;
  /** 公示日期 as printed, e.g. 2026-11-27. */
  date: string;
}

/** One village's board: its first sheet, and further sheets (header repeated) while rows remain. */
function drawBoard(doc: Doc, b: Board, W: number, H: number, settings: PrintSettings, date: string): number {
  const margin = mm(10);
  let pages = 0;
  let rest = b.rows;
  let first = true;
  while (first || rest.length > 0) {
    doc.addPage({ size: [W, H], margin: 0 });
    pages += 1;
    const top = drawHeader(doc, b, W, margin, settings.unitName, !first);
    const leftW = Math.max(mm(55), W * 0.22);
    drawLeftPanel(doc, b, margin, top, leftW, H - margin, settings, date);
    const ax = margin + leftW + mm(6);
    const aw = W - ax - margin;
    const ah = H - margin - top;
    let fit = chooseFit(doc, rest, aw, ah);
    let pageRows = rest;
    if (!fit) {
      // Too many for one sheet: fill this one at the smallest size, continue on the next.
      doc.fontSize(7);
      const rowsPerCol = Math.floor(ah / (7 * 1.75));
      fit = { font: 7, cols: 4, rowsPerCol };
      pageRows = rest.slice(0, rowsPerCol * 4);
    }
    if (pageRows.length) drawRows(doc, pageRows, ax, top, aw, fit);
    else {
      doc.fillColor('#7a869e');
      fitText(doc, '该村（社区）尚未建立村民小组和户级网格', ax, top + 20, aw, 30, 16, 10, 'center');
      doc.fillColor('#000000');
    }
    rest = rest.slice(pageRows.length);
    first = false;
  }
  return pages;
}

/** Writes the boards to `out` (a file, replaced only once complete; or a stream). */
export async function writeBoards(
  boards: Board[],
  out: PdfOut,
  fontPath: string,
  settings: PrintSettings,
  options: BoardLayout,
): Promise<{ pages: number }> {
  const [pw, ph] = PAPER_SIZES[options.paper ?? 'A3'];
  const W = mm(pw);
  const H = mm(ph);
  return writePdf(out, fontPath, '网格员公示牌', [W, H], async (doc) => {
    let pages = 0;
    for (const b of boards) pages += drawBoard(doc, b, W, H, settings, options.date);
    return { pages };
  });
}
