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
  SheetKind,
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
import type { ImportKind, RecordOrigin, Tally } from './kinds/types';
import { detectLayout, HEADER_SCAN_ROWS, rememberLayout, rememberedOverride, type ImportLayout } from './layout';
import type { ReadLimits } from './limits';
import { SheetParser } from './parse';
import { buildPlan, zeroCounts, type Plan, type RecordsByKind } from './plan';
import { readEvents, type SourceRow, type SourceSheet } from './source';

export interface ImportOptions {
  /** Force every sheet to one kind (the CLI's --kind). */
  kind?: SheetKind;
  /** Per sheet name: the clerk's corrections to the detected layout. */
  overrides?: Record<string, LayoutOverride>;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** The kinds to recognise; the registry's unless a caller (a test, a tool) brings its own. */
  kinds?: readonly ImportKind[];
  /** Tighter reading limits (tests); the defaults are READ_LIMITS. */
  limits?: Partial<ReadLimits>;
}

// The contract (shared/imports) names the registered kinds and their count keys; the pipeline
// carries any kind's, so its layouts and tallies are the contract's types when they leave here.
const asSummary = (s: ImportLayout & Omit<SheetSummary, keyof SheetLayout>) => s as SheetSummary;
const asCounts = (t: Tally) => t as unknown as Counts;
// A file that could not be read names no WeChat groups.
const emptyCounts = (kinds: readonly ImportKind[]) => {
  const { wechatGroups: _omitted, ...rest } = zeroCounts(kinds);
  return asCounts(rest);
};

/** The counts as the contract gives them: WeChat groups only when the file has a ledger of them. */
function countsOf(reading: Reading) {
  const groups = reading.sheets.some((s) => s.kind === 'wechatGroups');
  return (t: Tally): Counts => {
    if (groups) return asCounts(t);
    const { wechatGroups: _omitted, ...rest } = t;
    return asCounts(rest);
  };
}

/** A result for a file that could not be read at all (not xlsx, damaged…). */
export function fileErrorResult(message: string, kinds: readonly ImportKind[] = IMPORT_KINDS): ImportResult {
  return {
    ok: false,
    committed: false,
    created: emptyCounts(kinds),
    updated: emptyCounts(kinds),
    unchanged: emptyCounts(kinds),
    fileError: message,
    errors: [{ sheet: '', row: 0, column: '', person: '', message }],
    sheets: [],
    replaced: [],
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
  return `文件中没有找到花名册或台账：没有哪个工作表的表头${signs.join('，或')}。请检查表头，或下载导入模板对照填写。`;
}

/** What the file holds, read and parsed: the plan is built from this inside the write transaction. */
interface Reading {
  records: RecordsByKind;
  errors: RowError[];
  sheets: SheetSummary[];
  layouts: ImportLayout[];
  /** A sheet maps one column to two fields: the clerk must correct it before anything is committed. */
  conflicted: boolean;
}

/**
 * One sheet as its rows stream in: the first rows wait until the header is found among them
 * (with the clerk's corrections or a remembered mapping), then every row goes to the parser.
 */
class SheetIntake {
  private head: SourceRow[] = [];
  private parser: SheetParser | null = null;
  private remembered = false;

  constructor(
    private readonly name: string,
    private readonly db: DbOrTrx,
    private readonly kinds: readonly ImportKind[],
    private readonly options: ImportOptions,
    private readonly reading: Reading,
  ) {}

  private async start(): Promise<SheetParser> {
    const { layout, remembered } = await sheetLayout(
      this.db,
      { name: this.name, rows: this.head },
      this.kinds,
      this.options,
    );
    const kind = this.kinds.find((k) => k.name === layout.kind);
    let records: RecordOrigin[] | undefined;
    if (kind) {
      records = this.reading.records.get(kind) ?? [];
      this.reading.records.set(kind, records);
    }
    const parser = new SheetParser(layout, this.kinds, records);
    for (const row of this.head) parser.push(row);
    this.head = [];
    this.remembered = remembered;
    this.parser = parser;
    return parser;
  }

  async add(rows: SourceRow[]): Promise<void> {
    for (const row of rows) {
      if (this.parser) this.parser.push(row);
      else {
        this.head.push(row);
        if (this.head.length >= HEADER_SCAN_ROWS) await this.start();
      }
    }
  }

  async finish(): Promise<void> {
    const parser = this.parser ?? (await this.start());
    const { layout, result } = parser;
    for (const e of result.errors) this.reading.errors.push(e);
    if (parser.conflicted) this.reading.conflicted = true;
    this.reading.layouts.push(layout);
    this.reading.sheets.push(
      asSummary({ ...layout, records: result.dataRows, skippedRows: result.skipped, remembered: this.remembered }),
    );
  }
}

/** Reads the file in its own thread and parses its rows as they arrive. */
async function readFile(
  db: DbOrTrx,
  file: string,
  kinds: readonly ImportKind[],
  options: ImportOptions,
): Promise<Reading> {
  const reading: Reading = { records: new Map(), errors: [], sheets: [], layouts: [], conflicted: false };
  let sheet: SheetIntake | null = null;
  for await (const event of readEvents(file, { limits: options.limits })) {
    if (event.type === 'sheet') {
      await sheet?.finish();
      sheet = new SheetIntake(event.name, db, kinds, options, reading);
    } else if (event.type === 'rows') await sheet!.add(event.rows);
    else options.onProgress?.('read', event.done, event.total);
  }
  await sheet?.finish();
  if (!reading.sheets.some((s) => s.kind)) throw new AppError('VALIDATION', nothingRecognised(kinds));
  return reading;
}

async function planOf(db: DbOrTrx, reading: Reading, kinds: readonly ImportKind[]): Promise<Plan> {
  const { layouts } = reading;
  const headerOf = (sheetName: string, field: string) => {
    const layout = layouts.find((l) => l.sheet === sheetName);
    const index = layout?.mapping[field];
    const label = kinds.find((k) => k.name === layout?.kind)?.labels[field];
    return layout?.columns.find((c) => c.index === index)?.header ?? label ?? field;
  };
  const scheme = (await getSettings(db)).codeScheme;
  return buildPlan(db, scheme, kinds, reading.records, reading.errors, headerOf);
}

/**
 * Reads, plans and (unless dry run or errors) commits a file. The file is read first; the plan
 * is built inside the write transaction that commits it, so a second import running at the
 * same time (another window, the CLI) cannot slip rows in between plan and commit.
 */
export async function runImport(db: DbOrTrx, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const kinds = options.kinds ?? IMPORT_KINDS;
  let reading: Reading;
  try {
    reading = await readFile(db, file, kinds, options);
  } catch (e) {
    if (e instanceof AppError) return fileErrorResult(e.message, options.kinds);
    throw e;
  }
  const decide = async (trx: DbOrTrx) => {
    const plan = await planOf(trx, reading, kinds);
    const commit = !options.dryRun && !reading.conflicted && (plan.errors.length === 0 || options.skipInvalid === true);
    if (commit) {
      await applyPlan(trx, plan, (d, t) => options.onProgress?.('write', d, t));
      for (const layout of reading.layouts) {
        if (options.overrides?.[layout.sheet]?.mapping) await rememberLayout(trx, layout);
      }
    }
    return { plan, commit };
  };
  const { plan, commit } = options.dryRun ? await decide(db) : await inTransaction(db, decide);
  const counts = countsOf(reading);
  return {
    ok: plan.errors.length === 0,
    committed: commit,
    fileError: null,
    created: counts(plan.created),
    updated: counts(plan.updated),
    unchanged: counts(plan.unchanged),
    errors: plan.errors,
    sheets: reading.sheets,
    replaced: plan.replaced,
  };
}
