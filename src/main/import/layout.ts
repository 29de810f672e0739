/**
 * Where each sheet's header is and which of the registered kinds it lists: the header row may
 * sit below a merged title and a 填报单位 line, and its names vary from village to village.
 */
import crypto from 'node:crypto';
import type { SheetLayout } from '../../shared/imports';
import type { DbOrTrx } from '../db/schema';
import { findMapping, saveMapping } from '../services/imports/mappings';
import { cellText } from './cells';
import { headerLookup, normalizeHeader } from './fields';
import type { ImportKind } from './kinds/types';
import { columnLetter, type SourceRow, type SourceSheet } from './source';

/** A sheet's layout as the pipeline sees it: any registered kind, any of its fields. */
export interface ImportLayout extends Omit<SheetLayout, 'kind' | 'mapping'> {
  kind: string | null;
  mapping: Partial<Record<string, number>>;
}

/** The clerk's corrections (or a remembered mapping): a kind, and fields mapped to columns or unmapped (null). */
export interface ImportOverride {
  kind?: string;
  mapping?: Partial<Record<string, number | null>>;
}

/** The header is looked for among a sheet's first rows with content. */
export const HEADER_SCAN_ROWS = 25;

const lookups = new WeakMap<ImportKind, Map<string, string>>();

function lookupOf(kind: ImportKind): Map<string, string> {
  let lookup = lookups.get(kind);
  if (!lookup) {
    lookup = headerLookup(kind.synonyms);
    lookups.set(kind, lookup);
  }
  return lookup;
}

/** The columns of `row` that name one of the kind's fields (the first column wins a field). */
function scoreRow(row: SourceRow, kind: ImportKind): Partial<Record<string, number>> {
  const lookup = lookupOf(kind);
  const mapping: Partial<Record<string, number>> = {};
  row.cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const f = lookup.get(normalizeHeader(v));
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}

function signatureOf(kind: string | null, headers: string[]): string {
  const key = `${kind ?? '-'}|${headers.map(normalizeHeader).filter(Boolean).sort().join('|')}`;
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
}

interface HeaderMatch {
  row: SourceRow;
  kind: ImportKind;
  mapping: Partial<Record<string, number>>;
  score: number;
}

/** The first row naming the most fields of a kind that has all its required fields. */
function bestHeader(sheet: SourceSheet, kinds: readonly ImportKind[]): HeaderMatch | null {
  // Within one row, a tie goes to the kind that prefers itself (stable sort keeps registry order).
  const candidates = [...kinds].sort((a, b) => (b.preference ?? 0) - (a.preference ?? 0));
  let best: HeaderMatch | null = null;
  for (const row of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
    for (const kind of candidates) {
      const mapping = scoreRow(row, kind);
      if (!kind.required.every((f) => mapping[f] !== undefined)) continue;
      const score = Object.keys(mapping).length;
      if (!best || score > best.score) best = { row, kind, mapping, score };
    }
  }
  return best;
}

/** Finds the header row and maps its columns, among `kinds` (or only the override's kind). */
export function detectLayout(
  sheet: SourceSheet,
  kinds: readonly ImportKind[],
  override: ImportOverride = {},
): ImportLayout {
  const best = bestHeader(sheet, override.kind ? kinds.filter((k) => k.name === override.kind) : kinds);
  if (!best) {
    return { sheet: sheet.name, kind: override.kind ?? null, headerRow: null, columns: [], mapping: {}, signature: '' };
  }
  const columns = best.row.cells
    .map((v, index) => ({ index, letter: columnLetter(index), header: cellText(v) }))
    .filter((c) => c.header !== '');
  const mapping = { ...best.mapping };
  for (const [field, index] of Object.entries(override.mapping ?? {})) {
    if (index === null || index === undefined) delete mapping[field];
    else mapping[field] = index;
  }
  return {
    sheet: sheet.name,
    kind: best.kind.name,
    headerRow: best.row.rowNumber,
    columns,
    mapping,
    signature: signatureOf(
      best.kind.name,
      columns.map((c) => c.header),
    ),
  };
}

/** A mapping the clerk corrected for a file with this header before, as column indexes in this file. */
export async function rememberedOverride(db: DbOrTrx, layout: ImportLayout): Promise<ImportOverride | null> {
  if (!layout.signature) return null;
  const stored = await findMapping(db, layout.signature);
  if (!stored) return null;
  const mapping: Partial<Record<string, number | null>> = {};
  for (const [field, header] of Object.entries(stored.byHeader)) {
    mapping[field] = header === null ? null : (layout.columns.find((c) => c.header === header)?.index ?? null);
  }
  return { kind: stored.kind, mapping };
}

/** Remembers a corrected mapping by header names, so it applies to the next file with the same header. */
export async function rememberLayout(db: DbOrTrx, layout: ImportLayout): Promise<void> {
  if (!layout.signature || !layout.kind) return;
  const byHeader: Record<string, string | null> = {};
  for (const [field, index] of Object.entries(layout.mapping)) {
    byHeader[field] = layout.columns.find((c) => c.index === index)?.header ?? null;
  }
  await saveMapping(db, layout.signature, { kind: layout.kind, byHeader });
}
