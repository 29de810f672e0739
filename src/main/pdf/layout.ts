import fs from 'node:fs';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { writeAtomically } from '../files/atomic';
import { FONT_NAME } from './fonts';

export const MM = 72 / 25.4;
export const mm = (v: number) => v * MM;

export type Doc = InstanceType<typeof PDFDocument>;

/** Sets the largest font size from `size` down to `minSize` (half-point steps) at which `fits()`. */
function shrink(doc: Doc, size: number, minSize: number, fits: () => boolean): number {
  let s = size;
  doc.fontSize(s);
  while (s > minSize && !fits()) {
    s = Math.max(minSize, s - 0.5);
    doc.fontSize(s);
  }
  return s;
}

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
  const s = shrink(doc, size, minSize, () => doc.widthOfString(text) <= w);
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
  const s = shrink(doc, size, minSize, () => doc.heightOfString(text, { width: w }) <= h);
  doc.text(text, x, y, { width: w, height: h, lineBreak: true, ellipsis: true });
  return s;
}

/** Where a PDF goes: a file (replaced atomically) or a stream (the preview, kept in memory). */
export type PdfOut = string | Writable;

/**
 * Streams a PDF to `out` as `draw` adds pages, with the CJK font selected. A file is written
 * beside its target and renamed over it once complete: a failure, a cancel or a crash midway
 * leaves the file that was there.
 */
export function writePdf<T>(
  out: PdfOut,
  fontPath: string,
  title: string,
  size: 'A4' | [number, number],
  draw: (doc: Doc) => Promise<T>,
): Promise<T> {
  if (typeof out !== 'string') return drawInto(out, fontPath, title, size, draw);
  return writeAtomically(out, (tmp) => drawInto(fs.createWriteStream(tmp), fontPath, title, size, draw));
}

async function drawInto<T>(
  stream: Writable,
  fontPath: string,
  title: string,
  size: 'A4' | [number, number],
  draw: (doc: Doc) => Promise<T>,
): Promise<T> {
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, info: { Title: title, Creator: '网格工作台' } });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('cjk', fontPath, FONT_NAME);
  doc.font('cjk');
  let result: T;
  try {
    result = await draw(doc);
  } catch (e) {
    // Close the file before it is removed (Windows cannot remove an open file).
    doc.end();
    await finished.catch(() => undefined);
    throw e;
  }
  doc.end();
  await finished;
  return result;
}
