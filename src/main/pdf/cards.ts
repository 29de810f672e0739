/**
 * 网格员联系卡: one card per household, several per A4 sheet with crop marks, an optional back
 * side laid out for long-edge duplex printing. Pages stream to the file as they are drawn.
 * Fed plain cards by services/print.
 */
import { AppError } from '../errors';
import { GlyphCheck, loadFont, type MissingGlyph } from './fonts';
import { fitParagraph, fitText, mm, writePdf, type Doc, type PdfOut } from './layout';
import type { Person, PrintSettings } from './views';

export interface CardSize {
  width: number; // mm
  height: number; // mm
}

export const CARD_SIZES: Record<string, CardSize> = {
  '90x54': { width: 90, height: 54 },
  '85.6x54': { width: 85.6, height: 54 },
};

export interface CardOptions {
  size?: keyof typeof CARD_SIZES;
  /** Cards per A4 sheet; at most what fits (10 for 90 × 54 mm). */
  perSheet?: number;
  back?: boolean;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

export interface Card {
  headName: string;
  /** 住址 or 门牌号, when known. */
  address: string;
  gridCode: string;
  gridName: string;
  township: string;
  village: string;
  group: string;
  worker: Person | null;
  leader: Person | null;
  secretary: Person | null;
  /** The WeChat group QR code of the household's grid (or of its villager group). */
  qr: Buffer | null;
}

export const FOUR_ROLES: [string, string][] = [
  ['政策宣传员', '宣传政策法规，带领群众参与平安创建、防火防盗、环境整治等工作'],
  ['信息报告员', '摸排矛盾纠纷和安全、防火、防汛等隐患，第一时间上报'],
  ['矛盾调解员', '发现并上报矛盾纠纷，参与镇村调处化解'],
  ['便民服务员', '为群众照料、代办，帮助解决生产生活中的困难'],
];

function personLine(label: string, p: Person | null): string {
  return p ? `${label}：${p.name}\u3000${p.phone}` : `${label}：待配备`;
}

/** Checks before printing: characters the font lacks, and grids without a worker. */
export function checkCards(
  cards: Card[],
  fontPath: string,
  ctx: Pick<PrintSettings, 'centerPhone' | 'supervisionPhone'>,
) {
  const check = new GlyphCheck(loadFont(fontPath));
  const vacant = new Set<string>();
  for (const c of cards) {
    check.check(c.headName, `户主“${c.headName}”（网格 ${c.gridCode}）`);
    check.check(c.address, `户主“${c.headName}”的住址（网格 ${c.gridCode}）`);
    for (const [label, p] of [
      ['户级网格员', c.worker],
      ['网格长', c.leader],
      ['村（社区）党组织书记', c.secretary],
    ] as const) {
      if (p) check.check(p.name, `${label}“${p.name}”（网格 ${c.gridCode}）`);
      else vacant.add(`${c.village}${c.group}（网格 ${c.gridCode}）缺${label}，将印为“待配备”`);
    }
    check.check(`${c.township}${c.village}${c.group}${c.gridName}`, `网格 ${c.gridCode} 的名称`);
  }
  check.check(ctx.centerPhone + ctx.supervisionPhone, '设置中的电话');
  return { missing: dedupe(check.missing), warnings: [...vacant] };
}

function dedupe(list: MissingGlyph[]): MissingGlyph[] {
  const seen = new Set<string>();
  return list.filter((m) => (seen.has(m.char + m.where) ? false : (seen.add(m.char + m.where), true)));
}

interface SheetGeometry {
  cols: number;
  rows: number;
  w: number;
  h: number;
  left: number;
  top: number;
}

function geometry(size: CardSize, perSheet: number | undefined): SheetGeometry {
  const pageW = mm(210);
  const pageH = mm(297);
  const w = mm(size.width);
  const h = mm(size.height);
  const cols = Math.floor((pageW - mm(16)) / w);
  let rows = Math.floor((pageH - mm(16)) / h);
  if (perSheet && perSheet < cols * rows) rows = Math.max(1, Math.ceil(perSheet / cols));
  return { cols, rows, w, h, left: (pageW - cols * w) / 2, top: (pageH - rows * h) / 2 };
}

function cropMarks(doc: Doc, g: SheetGeometry): void {
  const len = mm(4);
  const gap = mm(1.5);
  doc.save().lineWidth(0.3).strokeColor('#000000');
  for (let c = 0; c <= g.cols; c++) {
    const x = g.left + c * g.w;
    doc
      .moveTo(x, g.top - gap - len)
      .lineTo(x, g.top - gap)
      .stroke();
    const bottom = g.top + g.rows * g.h;
    doc
      .moveTo(x, bottom + gap)
      .lineTo(x, bottom + gap + len)
      .stroke();
  }
  for (let r = 0; r <= g.rows; r++) {
    const y = g.top + r * g.h;
    doc
      .moveTo(g.left - gap - len, y)
      .lineTo(g.left - gap, y)
      .stroke();
    const right = g.left + g.cols * g.w;
    doc
      .moveTo(right + gap, y)
      .lineTo(right + gap + len, y)
      .stroke();
  }
  doc.restore();
}

const BLUE = '#1f4e9c';

/**
 * pdfkit embeds an image once when it is opened once (`openImage`, missing from its typings):
 * one XObject per QR code, however many cards show it.
 */
type OpenedImage = { readonly opened: unique symbol };
function openImage(doc: Doc, bytes: Buffer): OpenedImage {
  return (doc as unknown as { openImage(b: Buffer): OpenedImage }).openImage(bytes);
}

function drawFront(
  doc: Doc,
  c: Card,
  x: number,
  y: number,
  w: number,
  h: number,
  settings: PrintSettings,
  qr: OpenedImage | null,
): void {
  const pad = mm(3);
  doc.save().rect(x, y, w, mm(9)).fill(BLUE).restore();
  doc.fillColor('#ffffff');
  fitText(doc, '网格员联系卡', x + pad, y + mm(1), w * 0.5, mm(7), 12, 8);
  fitText(doc, `${c.township}${c.village}`, x + w * 0.5, y + mm(1), w * 0.5 - pad, mm(7), 8, 5, 'right');
  doc.fillColor('#000000');
  const qrSize = qr ? Math.min(mm(17), h - mm(14)) : 0;
  const inner = w - 2 * pad - (qr ? qrSize + mm(2) : 0);
  if (qr) {
    const qx = x + w - pad - qrSize;
    const qy = y + h - pad - qrSize - mm(3);
    doc.image(qr as unknown as Buffer, qx, qy, { fit: [qrSize, qrSize] });
    fitText(doc, '扫码进群', qx, qy + qrSize, qrSize, mm(3), 5, 4, 'center');
  }
  const lines = [
    `户主：${c.headName}\u3000\u3000网格编码：${c.gridCode}`,
    ...(c.address ? [`住址：${c.address}`] : []),
    personLine('户级网格员', c.worker),
    personLine(`网格长（${c.group || '村民小组'}）`, c.leader),
    personLine('村（社区）党组织书记', c.secretary),
    `镇综治中心：${settings.centerPhone || '—'}`,
    `监督电话：${settings.supervisionPhone || '—'}`,
  ];
  const top = y + mm(10.5);
  const lineH = (h - mm(10.5) - pad) / lines.length;
  lines.forEach((text, i) => fitText(doc, text, x + pad, top + i * lineH, inner, lineH, 8, 4.5));
}

function drawBack(doc: Doc, x: number, y: number, w: number, h: number, settings: PrintSettings): void {
  const pad = mm(3);
  doc.fillColor(BLUE);
  fitText(doc, '网格员“四员”职责', x + pad, y + mm(2), w - 2 * pad, mm(6), 10, 7, 'center');
  doc.fillColor('#000000');
  const lineH = mm(7.2);
  FOUR_ROLES.forEach(([role, duty], i) =>
    fitParagraph(doc, `${role}：${duty}`, x + pad, y + mm(9) + i * lineH, w - 2 * pad, lineH - 1, 7, 4.5),
  );
  doc.fillColor(BLUE);
  fitText(doc, '小事不出网格，大事不出村', x + pad, y + h - mm(14), w - 2 * pad, mm(6), 10, 6, 'center');
  doc.fillColor('#000000');
  fitText(
    doc,
    `监督电话：${settings.supervisionPhone || '—'}`,
    x + pad,
    y + h - mm(8),
    w - 2 * pad,
    mm(5),
    8,
    5,
    'center',
  );
}

/**
 * pdfkit caches the glyph layout of every distinct string it draws; with 90,000 households'
 * names and phones that cache, not the pages, would fill memory. Emptying it after each sheet
 * keeps the reuse within a sheet (titles, labels) and drops the rest. (pdfkit has no public
 * call for this; its `fontLayoutCache: false` option makes printing five times slower.)
 */
function trimLayoutCache(doc: Doc): void {
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (font?.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
}

/** One A4 sheet of fronts and, when asked, its back page mirrored for long-edge duplex. */
function drawSheet(
  doc: Doc,
  batch: Card[],
  g: SheetGeometry,
  settings: PrintSettings,
  back: boolean,
  opened: (b: Buffer) => OpenedImage,
): number {
  doc.addPage({ size: 'A4', margin: 0 });
  cropMarks(doc, g);
  batch.forEach((c, k) => {
    const col = k % g.cols;
    const row = Math.floor(k / g.cols);
    drawFront(doc, c, g.left + col * g.w, g.top + row * g.h, g.w, g.h, settings, c.qr ? opened(c.qr) : null);
  });
  if (!back) return 1;
  doc.addPage({ size: 'A4', margin: 0 });
  cropMarks(doc, g);
  batch.forEach((_c, k) => {
    // Long-edge duplex: the back of column c is column (cols - 1 - c).
    const col = g.cols - 1 - (k % g.cols);
    const row = Math.floor(k / g.cols);
    drawBack(doc, g.left + col * g.w, g.top + row * g.h, g.w, g.h, settings);
  });
  return 2;
}

/**
 * Writes the cards to `out` (a file, replaced only once complete; or a stream). Returns the
 * number of sheets (front pages). Throws CANCELLED when cancelled, leaving any file at `out`.
 */
export async function writeCards(
  cards: Card[],
  out: PdfOut,
  fontPath: string,
  settings: PrintSettings,
  options: CardOptions = {},
): Promise<{ sheets: number; pages: number }> {
  if (cards.length === 0) throw new AppError('VALIDATION', '所选范围内没有住户，没有可打印的联系卡。');
  const size = CARD_SIZES[options.size ?? '90x54'] ?? CARD_SIZES['90x54']!;
  const g = geometry(size, options.perSheet);
  const perSheet = Math.min(options.perSheet ?? g.cols * g.rows, g.cols * g.rows);
  const r = await writePdf(out, fontPath, '网格员联系卡', 'A4', async (doc) => {
    const images = new Map<Buffer, OpenedImage>();
    const opened = (b: Buffer) => {
      let img = images.get(b);
      if (!img) images.set(b, (img = openImage(doc, b)));
      return img;
    };
    let sheets = 0;
    let pages = 0;
    for (let i = 0; i < cards.length; i += perSheet) {
      if (options.isCancelled?.()) throw new AppError('CANCELLED', '已取消打印。');
      pages += drawSheet(doc, cards.slice(i, i + perSheet), g, settings, !!options.back, opened);
      sheets += 1;
      trimLayoutCache(doc);
      if (sheets % 20 === 0) {
        options.onProgress?.(Math.min(i + perSheet, cards.length), cards.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return { sheets, pages };
  });
  options.onProgress?.(cards.length, cards.length);
  return r;
}
