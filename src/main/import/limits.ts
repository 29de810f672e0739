/**
 * Limits no real roster reaches, checked while a file streams in, so that a crafted file (a zip
 * bomb, a cell in column XFD on every row, a million shared strings) is refused with a message
 * naming the limit instead of exhausting memory or time. A county's one-sheet household file
 * of 500,000 rows (≈ 35 MB, a 270 MB sheet part, ≈ 45 million characters) stays well inside.
 */

export interface ReadLimits {
  /** The file on disk. */
  fileBytes: number;
  /** Files inside the xlsx (zip) package. */
  zipEntries: number;
  /** One part (a sheet, the shared strings) once decompressed. */
  partBytes: number;
  /** Every part read, decompressed, together. */
  totalBytes: number;
  /** The workbook, its relationships and styles: small in every real file. */
  metaBytes: number;
  /** Decompressed ÷ compressed size of a part larger than `ratioFloor` (real sheets: 5–20×). */
  ratio: number;
  ratioFloor: number;
  sheets: number;
  /** Rows with content, in the whole file. */
  rows: number;
  /** A value beyond this column (IV = 256) is refused; empty formatted cells anywhere are ignored. */
  columns: number;
  /** Excel's own limit for one cell. */
  cellChars: number;
  /** Characters between two XML tags (a text node or a tag): a cell's text, escaped, fits easily. */
  tokenBytes: number;
  /** Characters of cell text handed to the import, in the whole file. */
  textChars: number;
  sharedStrings: number;
  sharedChars: number;
  /**
   * Heap of the thread that reads the file: if a file gets past every limit, it ends this thread,
   * not the app. Several times what a 500,000-row county file needs, and leaves the app its own.
   */
  heapMb: number;
}

const MB = 1024 * 1024;

export const READ_LIMITS: Readonly<ReadLimits> = {
  fileBytes: 256 * MB,
  zipEntries: 10_000,
  partBytes: 1024 * MB,
  totalBytes: 2048 * MB,
  metaBytes: 32 * MB,
  ratio: 100,
  ratioFloor: 64 * MB,
  sheets: 255,
  rows: 1_000_000,
  columns: 256,
  cellChars: 32_767,
  tokenBytes: 256 * 1024,
  textChars: 200_000_000,
  sharedStrings: 5_000_000,
  sharedChars: 100_000_000,
  heapMb: 1024,
};

/** 1234567 → 1,234,567 */
export const fmt = (n: number): string => n.toLocaleString('en-US');

/** 268435456 → 256 MB */
export function fmtBytes(n: number): string {
  if (n >= 1024 * MB) return `${+(n / 1024 / MB).toFixed(1)} GB`;
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  return `${+(n / 1024).toFixed(1)} KB`;
}

/** Said at the end of every refusal: nothing was written. */
export const NOTHING_CHANGED = '没有导入任何数据。';
