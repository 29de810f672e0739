import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  /** PDF coordinates, origin bottom-left. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
}

/** Reads a PDF back: every page's size and text items with positions. */
export async function readPdf(file: string): Promise<PdfPage[]> {
  const doc = await getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, height: it.height });
    }
    pages.push({ width, height, items });
  }
  await doc.destroy();
  return pages;
}

/** The names of fonts embedded in the file (subsets carry a six-letter prefix: ABCDEF+Name). */
export function embeddedFonts(file: string): string[] {
  const text = fs.readFileSync(file).toString('latin1');
  return [...new Set([...text.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!))];
}
