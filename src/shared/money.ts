/**
 * Money and scores as integers: money in 分, scores in tenths of a point. Parsing and formatting
 * here is the only place either meets a decimal point, and it never goes through a float.
 */
import { z } from 'zod';

/** 123456 → "1,234.56" (元, two decimals, thousands grouped). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,234.5" / "1234.56" / "-20" → 分; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(-?)(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** 925 → "92.5"; 900 → "90". */
export function formatPoints(x10: number): string {
  const sign = x10 < 0 ? '-' : '';
  const abs = Math.abs(x10);
  const whole = Math.trunc(abs / 10);
  return abs % 10 === 0 ? `${sign}${whole}` : `${sign}${whole}.${abs % 10}`;
}

/** "92.5" → 925; null unless a number with at most one decimal. */
export function parsePoints(text: string): number | null {
  const m = /^\s*(-?)(\d{1,4})(?:\.(\d))?\s*$/.exec(text);
  if (!m) return null;
  const x10 = Number(m[2]) * 10 + Number(m[3] ?? '0');
  return m[1] === '-' ? -x10 : x10;
}

/** An amount in 分 typed by the clerk (validated range: up to 1 亿元). */
export const fenSchema = (label: string) =>
  z
    .number({ error: `${label}应为金额` })
    .int({ error: `${label}应以分为单位的整数` })
    .min(-10_000_000_000, { error: `${label}过小` })
    .max(10_000_000_000, { error: `${label}不能超过 1 亿元` });

/** A score in tenths of a point. */
export const pointsSchema = (label: string) =>
  z
    .number({ error: `${label}应为分数` })
    .int({ error: `${label}最多一位小数` })
    .min(-10_000, { error: `${label}过小` })
    .max(10_000, { error: `${label}不能超过 1000 分` });

/** A calendar date typed or stored as 2026-03-05. */
export const isoDateSchema = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 2026-03-05` })
    .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: `${label}不是有效日期` });

/**
 * Splits `totalFen` in proportion to `weights` (largest remainder: the 分 left over go to the
 * largest remainders, ties to the earlier entry), so the parts always add up to the total.
 */
export function splitFen(totalFen: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map(() => 0);
  // Integer arithmetic: totalFen × weight fits in a double exactly below 2^53 for these ranges.
  const exact = weights.map((w) => totalFen * w);
  const parts = exact.map((e) => Math.floor(e / sum));
  let left = totalFen - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e % sum })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
