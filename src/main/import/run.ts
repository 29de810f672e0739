/**
 * One entry point for every import (UI, CLI, tests): read → detect each sheet's kind and layout
 * → parse → plan against the database → (unless a dry run, and only when there are no errors
 * or the clerk chose to skip invalid rows) apply the plan in one transaction. The kinds come
 * from the registry (kinds/index.ts); nothing here knows one kind from another.
 */
import type {
  Counts,
  ImportResult,
  LayoutOverride,
  RosterKind,
  RowError,
  SheetLayout,
  SheetSummary,
} from '../../shared/imports';
import type { DbOrTrx } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { getSettings } from '../services/settings/settings';
import { applyPlan } from './apply';
import { IMPORT_KINDS } from './kinds';
import type { ImportKind, Tally } from './kinds/types';
import { detectLayout, rememberLayout, rememberedOverride, type ImportLayout } from './layout';
import { parseSheet } from './parse';
import { buildPlan, zeroCounts, type Plan, type RecordsByKind } from './plan';
import { readSource, type SourceFile, type SourceSheet } from './source';

export interface ImportOptions {
  /** Force every sheet to one kind (the CLI's --kind). */
  kind?: RosterKind;
  /** Per sheet name: the clerk's corrections to the detected layout. */
  overrides?: Record<string, LayoutOverride>;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** The kinds to recognise; the registry's unless a caller (a test, a tool) brings its own. */
  kinds?: readonly ImportKind[];
}

// The contract (shared/imports) names the registered kinds and their count keys; the pipeline
// carries any kind's, so its layouts and tallies are the contract's types when they leave here.
const asSummary = (s: ImportLayout & Omit<SheetSummary, keyof SheetLayout>) => s as SheetSummary;
const asCounts = (t: Tally) => t as unknown as Counts;

/** A result for a file that could not be read at all (not xlsx, damaged…). */
export function fileErrorResult(message: string, kinds: readonly ImportKind[] = IMPORT_KINDS): ImportResult {
  return {
    ok: false,
    committed: false,
    created: asCounts(zeroCounts(kinds)),
    updated: asCounts(zeroCounts(kinds)),
    unchanged: asCounts(zeroCounts(kinds)),
    errors: [{ sheet: '', row: 0, column: '', message }],
    sheets: [],
  };
}

/** The sheet's layout: the clerk's corrections, else a mapping remembered for this header, else as detected. */
async function sheetLayout(
  db: DbOrTrx,
  sheet: SourceSheet,
  kinds: readonly ImportKind[],
  options: ImportOptions,
): Promise<{ layout: ImportLayout; remembered: boolean }> {
  const override = options.overrides?.[sheet.name];
  const layout = detectLayout(sheet, kinds, { kind: override?.kind ?? options.kind, mapping: override?.mapping });
  if (override?.mapping) return { layout, remembered: false };
  const stored = await rememberedOverride(db, layout);
  if (stored && (!options.kind || stored.kind === options.kind)) {
    return { layout: detectLayout(sheet, kinds, stored), remembered: true };
  }
  return { layout, remembered: false };
}

/** 文件中没有找到花名册：没有哪个工作表的表头同时含有“姓名”和“身份证号”（网格员），或含有“户主姓名”（住户）。 */
function nothingRecognised(kinds: readonly ImportKind[]): string {
  const signs = kinds.map((k) => {
    const columns = k.required.map((f) => `“${k.labels[f] ?? f}”`).join('和');
    return `${k.required.length > 1 ? '同时' : ''}含有${columns}（${k.noun}）`;
  });
  return `文件中没有找到花名册：没有哪个工作表的表头${signs.join('，或')}。请检查表头，或下载导入模板对照填写。`;
}

interface Analysis {
  plan: Plan;
  sheets: SheetSummary[];
  layouts: ImportLayout[];
}

export async function analyzeSource(db: DbOrTrx, source: SourceFile, options: ImportOptions): Promise<Analysis> {
  const kinds = options.kinds ?? IMPORT_KINDS;
  const records: RecordsByKind = new Map();
  const errors: RowError[] = [];
  const sheets: SheetSummary[] = [];
  const layouts: ImportLayout[] = [];
  for (const sheet of source.sheets) {
    const { layout, remembered } = await sheetLayout(db, sheet, kinds, options);
    const parsed = parseSheet(sheet, layout, kinds);
    if (parsed.kind) {
      const list = records.get(parsed.kind) ?? [];
      records.set(parsed.kind, list);
      // One by one: spreading a sheet of 125,000+ rows into push() overflows the call stack.
      for (const r of parsed.records) list.push(r);
    }
    for (const e of parsed.errors) errors.push(e);
    layouts.push(layout);
    sheets.push(asSummary({ ...layout, records: parsed.dataRows, skippedRows: parsed.skipped, remembered }));
  }
  if (!sheets.some((s) => s.kind)) throw new AppError('VALIDATION', nothingRecognised(kinds));
  const headerOf = (sheetName: string, field: string) => {
    const layout = layouts.find((l) => l.sheet === sheetName);
    const index = layout?.mapping[field];
    const label = kinds.find((k) => k.name === layout?.kind)?.labels[field];
    return layout?.columns.find((c) => c.index === index)?.header ?? label ?? field;
  };
  const scheme = (await getSettings(db)).codeScheme;
  const plan = await buildPlan(db, scheme, kinds, records, errors, headerOf);
  return { plan, sheets, layouts };
}

/** Reads, plans and (unless dry run or errors) commits a file. */
export async function runImport(db: DbOrTrx, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  let analysis: Analysis;
  try {
    const source = await readSource(file, (d, t) => options.onProgress?.('read', d, t));
    analysis = await analyzeSource(db, source, options);
  } catch (e) {
    if (e instanceof AppError) return fileErrorResult(e.message, options.kinds);
    throw e;
  }
  const { plan, sheets, layouts } = analysis;
  const ok = plan.errors.length === 0;
  const commit = !options.dryRun && (ok || options.skipInvalid === true);
  if (commit) {
    await inTransaction(db, async (trx) => {
      await applyPlan(trx, plan, (d, t) => options.onProgress?.('write', d, t));
      for (const layout of layouts) if (options.overrides?.[layout.sheet]?.mapping) await rememberLayout(trx, layout);
    });
  }
  return {
    ok,
    committed: commit,
    created: asCounts(plan.created),
    updated: asCounts(plan.updated),
    unchanged: asCounts(plan.unchanged),
    errors: plan.errors,
    sheets,
  };
}
