/**
 * The CJK font printed material uses: WenQuanYi Micro Hei (Apache-2.0, TrueType outlines, covers
 * GBK). pdfkit embeds only the glyphs used (a subset). Characters the font lacks are found before
 * printing, so nothing is silently dropped.
 */
import path from 'node:path';
import { openSync, type Font } from 'fontkit';

export const FONT_FILE = 'wqy-microhei.ttc';
export const FONT_NAME = 'WenQuanYiMicroHei';

export function fontFile(resourcesDir: string): string {
  return path.join(resourcesDir, 'fonts', FONT_FILE);
}

const cache = new Map<string, Font>();

export function loadFont(file: string): Font {
  let font = cache.get(file);
  if (!font) {
    font = openSync(file, FONT_NAME);
    cache.set(file, font);
  }
  return font;
}

export interface MissingGlyph {
  char: string;
  /** Where it appears, e.g. 户主“王䶮”（网格 11010101）. */
  where: string;
}

/** Characters of `text` the font cannot draw (white space and control characters aside). */
export function missingIn(font: Font, text: string): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || /\s/.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(cp)) out.add(ch);
  }
  return [...out];
}

/** Collects missing glyphs across many labelled texts. */
export class GlyphCheck {
  readonly missing: MissingGlyph[] = [];
  constructor(private readonly font: Font) {}

  check(text: string, where: string): void {
    for (const char of missingIn(this.font, text)) this.missing.push({ char, where });
  }
}
