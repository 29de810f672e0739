import type PDFDocument from 'pdfkit';

export const MM = 72 / 25.4;
export const mm = (v: number) => v * MM;

export type Doc = InstanceType<typeof PDFDocument>;

/**
 * Draws one line of text in a box, shrinking it from `size` down to `minSize` to fit the width;
 * if it still does not fit, it wraps inside the box and is cut at the box's bottom. Text never
 * leaves its box.
 */
export function fitText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  size: number,
  minSize: number,
  align: 'left' | 'center' | 'right' = 'left',
): number {
  let s = size;
  doc.fontSize(s);
  while (s > minSize && doc.widthOfString(text) > w) {
    s = Math.max(minSize, s - 0.5);
    doc.fontSize(s);
  }
  const single = doc.widthOfString(text) <= w;
  const lineH = doc.currentLineHeight(true);
  if (single) {
    doc.text(text, x, y + Math.max(0, (h - lineH) / 2), { width: w, height: h, align, lineBreak: false });
  } else {
    doc.text(text, x, y, { width: w, height: h, align, lineBreak: true, ellipsis: true });
  }
  return s;
}

/** Draws a wrapped paragraph in a box, shrinking it until it fits (cut at the box if even `minSize` does not). */
export function fitParagraph(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  size: number,
  minSize: number,
): number {
  let s = size;
  doc.fontSize(s);
  while (s > minSize && doc.heightOfString(text, { width: w }) > h) {
    s = Math.max(minSize, s - 0.5);
    doc.fontSize(s);
  }
  doc.text(text, x, y, { width: w, height: h, lineBreak: true, ellipsis: true });
  return s;
}
