/**
 * 推荐表: one worker's recommendation form on A4 portrait, as township forms lay it out — basic
 * information, grid, tenure, evaluation grades, main deeds, and the 村党组织意见 / 镇党委意见
 * boxes with room for the seal and date. Fed a plain view by services/recommendations (ID number
 * and phone masked already).
 */
import { GlyphCheck, loadFont, type MissingGlyph } from './fonts';
import { fitParagraph, fitText, mm, writePdf, type Doc, type PdfOut } from './layout';

export interface RecommendationForm {
  title: string;
  unit: string;
  /** 填表日期 as printed: 2026年11月28日. */
  date: string;
  name: string;
  gender: string;
  /** 1986年05月（40岁） */
  birth: string;
  politicalStatus: string;
  education: string;
  /** Masked: 610121********123X. */
  idMasked: string;
  /** Masked: 138****5678. */
  phone: string;
  grids: string;
  tenure: string;
  /** 推荐事项: the pipeline, year, stage reached and honour. */
  subject: string;
  /** 2025年度 优秀；2026年上半年 合格 — or 暂无. */
  grades: string;
  deeds: string;
  villageOpinion: string;
  townshipOpinion: string;
}

const PAGE_W = mm(210);
const MARGIN = mm(15);
const W = PAGE_W - 2 * MARGIN;
const LABEL_W = mm(24);
const ROW_H = mm(10);
const BLUE = '#1f4e9c';

/** The texts a missing glyph would spoil, with where the clerk finds them. */
export function checkRecommendationForm(form: RecommendationForm, fontPath: string): MissingGlyph[] {
  const check = new GlyphCheck(loadFont(fontPath));
  check.check(form.title + form.unit, '表头');
  check.check(form.name + form.politicalStatus + form.education, `网格员“${form.name}”的基本信息`);
  check.check(form.grids, '所在网格');
  check.check(form.subject, '推荐事项');
  check.check(form.deeds, '主要事迹');
  check.check(form.villageOpinion, '村党组织意见');
  check.check(form.townshipOpinion, '镇党委意见');
  return check.missing;
}

function cell(doc: Doc, x: number, y: number, w: number, h: number, text: string, label = false): void {
  doc.save().rect(x, y, w, h).lineWidth(0.8).strokeColor('#333333').stroke().restore();
  if (label) doc.save().rect(x, y, w, h).fillOpacity(0.06).fill(BLUE).restore();
  fitText(doc, text, x + mm(1.5), y, w - mm(3), h, 11, 7, label ? 'center' : 'left');
}

/** A row of label/value pairs across the page; values share what the labels leave. */
function pairs(doc: Doc, y: number, h: number, items: [string, string][], widths?: number[]): number {
  const valueW = (W - LABEL_W * items.length) / items.length;
  let x = MARGIN;
  items.forEach(([label, value], i) => {
    const vw = widths?.[i] ?? valueW;
    cell(doc, x, y, LABEL_W, h, label, true);
    cell(doc, x + LABEL_W, y, vw, h, value);
    x += LABEL_W + vw;
  });
  return y + h;
}

/** A tall box: its label on the left, a paragraph inside. */
function box(doc: Doc, y: number, h: number, label: string, text: string): number {
  cell(doc, MARGIN, y, LABEL_W, h, label, true);
  doc
    .save()
    .rect(MARGIN + LABEL_W, y, W - LABEL_W, h)
    .lineWidth(0.8)
    .strokeColor('#333333')
    .stroke()
    .restore();
  fitParagraph(doc, text, MARGIN + LABEL_W + mm(3), y + mm(3), W - LABEL_W - mm(6), h - mm(6), 11, 7);
  return y + h;
}

/** An opinion box: the text, then 盖章 and the date line at its foot for the seal. */
function opinion(doc: Doc, y: number, h: number, label: string, text: string): number {
  cell(doc, MARGIN, y, LABEL_W, h, label, true);
  const x = MARGIN + LABEL_W;
  const w = W - LABEL_W;
  doc.save().rect(x, y, w, h).lineWidth(0.8).strokeColor('#333333').stroke().restore();
  if (text) fitParagraph(doc, text, x + mm(3), y + mm(3), w - mm(6), h - mm(22), 11, 7);
  fitText(doc, '（盖章）', x + w - mm(70), y + h - mm(19), mm(60), mm(7), 11, 9, 'right');
  fitText(doc, '年\u3000\u3000月\u3000\u3000日', x + w - mm(70), y + h - mm(11), mm(60), mm(7), 11, 9, 'right');
  return y + h;
}

function draw(doc: Doc, f: RecommendationForm): void {
  doc.addPage({ size: 'A4', margin: 0 });
  doc.fillColor(BLUE);
  fitText(doc, f.title, MARGIN, mm(14), W, mm(12), 20, 12, 'center');
  doc.fillColor('#000000');
  fitText(doc, `推荐单位：${f.unit || '\u3000'.repeat(10)}`, MARGIN, mm(28), W / 2, mm(7), 10.5, 7);
  fitText(doc, `填表日期：${f.date}`, MARGIN + W / 2, mm(28), W / 2, mm(7), 10.5, 7, 'right');
  let y = mm(37);
  y = pairs(doc, y, ROW_H, [
    ['姓\u3000名', f.name],
    ['性\u3000别', f.gender],
    ['出生年月', f.birth],
  ]);
  y = pairs(doc, y, ROW_H, [
    ['政治面貌', f.politicalStatus],
    ['学\u3000历', f.education],
    ['联系电话', f.phone],
  ]);
  const tenureW = mm(50);
  y = pairs(
    doc,
    y,
    ROW_H,
    [
      ['身份证号', f.idMasked],
      ['任职年限', f.tenure],
    ],
    [W - 2 * LABEL_W - tenureW, tenureW],
  );
  y = pairs(doc, y, ROW_H, [['所在网格', f.grids]]);
  y = pairs(doc, y, ROW_H, [['推荐事项', f.subject]]);
  y = box(doc, y, mm(16), '历年考核等次', f.grades);
  y = box(doc, y, mm(82), '主要事迹', f.deeds);
  y = opinion(doc, y, mm(42), '村党组织意见', f.villageOpinion);
  opinion(doc, y, mm(42), '镇党委意见', f.townshipOpinion);
}

/** Writes the form (one page) to a file or a stream. */
export function writeRecommendationForm(
  form: RecommendationForm,
  out: PdfOut,
  fontPath: string,
): Promise<{ pages: number }> {
  return writePdf(out, fontPath, form.title, 'A4', (doc) => {
    draw(doc, form);
    return Promise.resolve({ pages: 1 });
  });
}
