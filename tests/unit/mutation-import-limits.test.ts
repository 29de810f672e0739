/**
 * The limits a roster file is held to are the ones the README promises (section "Big and crafted
 * files"), and the sizes in refusals read as a clerk reads them: 256 MB, 1,000,000 行.
 */
import { describe, expect, it } from 'vitest';
import { fmt, fmtBytes, NOTHING_CHANGED, READ_LIMITS } from '../../src/main/import/limits';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

describe('the read limits', () => {
  it('sizes: the file 256 MB; a part 1 GB decompressed, 2 GB in all; ratio 100× for parts over 64 MB', () => {
    expect(READ_LIMITS.fileBytes).toBe(256 * MB);
    expect(READ_LIMITS.partBytes).toBe(GB);
    expect(READ_LIMITS.totalBytes).toBe(2 * GB);
    expect(READ_LIMITS.ratio).toBe(100);
    expect(READ_LIMITS.ratioFloor).toBe(64 * MB);
    expect(READ_LIMITS.metaBytes).toBe(32 * MB);
    expect(READ_LIMITS.heapMb).toBe(1024);
  });

  it('counts: 10,000 parts, 255 sheets, 1,000,000 rows, 256 columns (A–IV)', () => {
    expect(READ_LIMITS.zipEntries).toBe(10_000);
    expect(READ_LIMITS.sheets).toBe(255);
    expect(READ_LIMITS.rows).toBe(1_000_000);
    expect(READ_LIMITS.columns).toBe(256);
  });

  it("text: 32,767 characters a cell (Excel's limit), 5 million shared strings of 100 million characters, 200 million in all", () => {
    expect(READ_LIMITS.cellChars).toBe(32_767);
    expect(READ_LIMITS.sharedStrings).toBe(5_000_000);
    expect(READ_LIMITS.sharedChars).toBe(100_000_000);
    expect(READ_LIMITS.textChars).toBe(200_000_000);
  });

  it('a cell as long as Excel allows fits between two tags even with every character escaped (&quot;)', () => {
    expect(READ_LIMITS.tokenBytes).toBe(256 * KB);
    expect(READ_LIMITS.tokenBytes).toBeGreaterThanOrEqual(READ_LIMITS.cellChars * '&quot;'.length);
  });
});

describe('numbers in messages', () => {
  it('counts with thousands separators', () => {
    expect(fmt(1_000_000)).toBe('1,000,000');
    expect(fmt(32_767)).toBe('32,767');
    expect(fmt(255)).toBe('255');
  });

  it('sizes in KB, MB or GB, with at most one decimal', () => {
    expect(fmtBytes(268_435_456)).toBe('256 MB');
    expect(fmtBytes(MB)).toBe('1 MB');
    expect(fmtBytes(1.25 * MB)).toBe('1.3 MB');
    expect(fmtBytes(GB)).toBe('1 GB');
    expect(fmtBytes(2.5 * GB)).toBe('2.5 GB');
    expect(fmtBytes(GB - MB)).toBe('1023 MB');
    expect(fmtBytes(1536)).toBe('1.5 KB');
    expect(fmtBytes(MB - 10 * KB)).toBe('1014 KB');
    expect(fmtBytes(512)).toBe('0.5 KB');
  });

  it('every refusal ends by saying nothing was imported', () => {
    expect(NOTHING_CHANGED).toBe('没有导入任何数据。');
  });
});
