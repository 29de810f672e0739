/**
 * One entry point for every roster import (UI, CLI, tests): read → detect layout → parse →
 * plan against the database → (unless a dry run, and only when there are no errors or the
 * clerk chose to skip invalid rows) apply the plan in one transaction.
 */
import { todayIso } from '../../shared/dates';
import type { DbOrTrx } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { getSettings } from '../services/settings/settings';
import { FIELD_LABELS, type Field, type RosterKind } from './fields';
import {
  detectLayout,
  parseSheet,
  type HouseholdRecord,
  type LayoutOverride,
  type RowError,
  type SheetLayout,
  type WorkerRecord,
} from './parse';
import { buildPlan, zeroCounts, type Plan } from './plan';
import { readSource, type Progress, type SourceFile } from './source';
import { AppError } from '../errors';
import { insertBatched, insertReturningIds } from '../db/bulk';

export interface ImportOptions {
  /** Force every roster sheet to one kind (the CLI's --kind). */
  kind?: RosterKind;
  /** Per sheet name: the clerk's corrections to the detected layout. */
  overrides?: Record<string, LayoutOverride>;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
}

import type { ImportResult, SheetSummary } from '../../shared/imports';
export type { ImportResult, SheetSummary };

/** A result for a file that could not be read at all (not xlsx, damaged…). */
export function fileErrorResult(message: string): ImportResult {
  return {
    ok: false,
    committed: false,
    created: zeroCounts(),
    updated: zeroCounts(),
    unchanged: zeroCounts(),
    errors: [{ sheet: '', row: 0, column: '', message }],
    sheets: [],
  };
}

async function rememberedMapping(db: DbOrTrx, layout: SheetLayout): Promise<LayoutOverride | null> {
  if (!layout.signature) return null;
  const row = await db
    .selectFrom('import_mappings')
    .select(['mapping', 'kind'])
    .where('signature', '=', layout.signature)
    .executeTakeFirst();
  if (!row) return null;
  const byHeader = JSON.parse(row.mapping) as Record<string, string | null>;
  const mapping: Partial<Record<Field, number | null>> = {};
  for (const [field, header] of Object.entries(byHeader)) {
    mapping[field as Field] = header === null ? null : (layout.columns.find((c) => c.header === header)?.index ?? null);
  }
  return { kind: row.kind as RosterKind, mapping };
}

async function rememberMapping(db: DbOrTrx, layout: SheetLayout): Promise<void> {
  const kind = layout.kind;
  if (!layout.signature || !kind) return;
  const byHeader: Record<string, string | null> = {};
  for (const [field, index] of Object.entries(layout.mapping)) {
    byHeader[field] = layout.columns.find((c) => c.index === index)?.header ?? null;
  }
  const value = JSON.stringify(byHeader);
  const ts = new Date().toISOString();
  await db
    .insertInto('import_mappings')
    .values({ signature: layout.signature, kind, mapping: value, updated_at: ts })
    .onConflict((oc) => oc.column('signature').doUpdateSet({ mapping: value, kind, updated_at: ts }))
    .execute();
}

export async function analyzeSource(
  db: DbOrTrx,
  source: SourceFile,
  options: ImportOptions,
): Promise<{ plan: Plan; sheets: SheetSummary[]; layouts: SheetLayout[] }> {
  const workers: WorkerRecord[] = [];
  const households: HouseholdRecord[] = [];
  const errors: RowError[] = [];
  const sheets: SheetSummary[] = [];
  const layouts: SheetLayout[] = [];
  for (const sheet of source.sheets) {
    const override = options.overrides?.[sheet.name];
    let layout = detectLayout(sheet, { kind: override?.kind ?? options.kind, mapping: override?.mapping });
    let remembered = false;
    if (!override?.mapping) {
      const stored = await rememberedMapping(db, layout);
      if (stored && (!options.kind || stored.kind === options.kind)) {
        layout = detectLayout(sheet, stored);
        remembered = true;
      }
    }
    const parsed = parseSheet(sheet, layout);
    workers.push(...parsed.workers);
    households.push(...parsed.households);
    errors.push(...parsed.errors);
    layouts.push(layout);
    sheets.push({
      ...layout,
      records: parsed.dataRows,
      skippedRows: parsed.skipped,
      remembered,
    });
  }
  if (!sheets.some((s) => s.kind)) {
    throw new AppError(
      'VALIDATION',
      '文件中没有找到花名册：没有哪个工作表的表头同时含有“姓名”和“身份证号”（网格员），或含有“户主姓名”（住户）。' +
        '请检查表头，或下载导入模板对照填写。',
    );
  }
  const headerOf = (sheetName: string, field: string) => {
    const layout = layouts.find((l) => l.sheet === sheetName);
    const index = layout?.mapping[field as Field];
    return layout?.columns.find((c) => c.index === index)?.header ?? FIELD_LABELS[field as Field] ?? field;
  };
  const scheme = (await getSettings(db)).codeScheme;
  const plan = await buildPlan(db, scheme, workers, households, errors, headerOf);
  return { plan, sheets, layouts };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Writes a plan. Call inside a transaction. */
export async function applyPlan(db: DbOrTrx, plan: Plan, onProgress?: Progress): Promise<void> {
  const ts = new Date().toISOString();
  const total = plan.newGrids.length + plan.workers.length + plan.assignments.length + plan.households.length;
  let done = 0;
  const step = async (n: number) => {
    done += n;
    onProgress?.(done, total);
    await tick();
  };

  const real = new Map<number, number>();
  const gridId = (id: number) => (id > 0 ? id : real.get(id)!);
  for (const g of plan.newGrids) {
    const { id } = await db
      .insertInto('grids')
      .values({
        parent_id: g.parentId === null ? null : gridId(g.parentId),
        level: g.level,
        name: g.name,
        code: g.code,
        kind: g.kind,
        division_code: null,
        created_at: ts,
        updated_at: ts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    real.set(g.id, id);
  }
  for (const g of plan.renamedGrids) {
    await db.updateTable('grids').set({ name: g.name, updated_at: ts }).where('id', '=', g.id).execute();
  }
  await step(plan.newGrids.length);

  const workerId = new Map<string, number>();
  const creates = plan.workers.filter((w) => w.change === 'create');
  const newWorkerIds = await insertReturningIds(
    db,
    'workers',
    creates.map(({ record: r }) => ({
      name: r.name,
      gender: r.gender,
      id_number: r.idNumber,
      birth_date: `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}`,
      phone: r.phone,
      political_status: r.politicalStatus,
      education: r.education,
      status: '在岗',
      notes: r.notes,
      photo: null,
      photo_type: null,
      created_at: ts,
      updated_at: ts,
    })),
    step,
  );
  creates.forEach((w, j) => workerId.set(w.record.idNumber, newWorkerIds[j]!));
  await insertBatched(
    db,
    'worker_tags',
    creates.flatMap((w, j) => w.record.tags.map((tag) => ({ worker_id: newWorkerIds[j]!, tag }))),
  );
  for (const w of plan.workers) {
    if (w.id === null) continue;
    workerId.set(w.record.idNumber, w.id);
    if (w.change !== 'update') continue;
    const r = w.record;
    await db
      .updateTable('workers')
      .set({
        name: r.name,
        gender: r.gender,
        phone: r.phone,
        political_status: r.politicalStatus,
        ...(r.education ? { education: r.education } : {}),
        ...(r.notes ? { notes: r.notes } : {}),
        status: '在岗',
        updated_at: ts,
      })
      .where('id', '=', w.id)
      .execute();
    await db.deleteFrom('worker_tags').where('worker_id', '=', w.id).execute();
    if (r.tags.length)
      await db
        .insertInto('worker_tags')
        .values(r.tags.map((tag) => ({ worker_id: w.id!, tag })))
        .execute();
  }
  await step(plan.workers.length - creates.length);

  for (const e of plan.endedAssignments) {
    await db
      .updateTable('assignments')
      .set({ end_date: e.endDate ?? todayIso(), updated_at: ts })
      .where('id', '=', e.id)
      .execute();
  }
  await insertBatched(
    db,
    'assignments',
    plan.assignments
      .filter((a) => a.change === 'create')
      .map((a) => ({
        worker_id: workerId.get(a.workerKey)!,
        grid_id: gridId(a.gridId),
        role: a.role,
        title: a.title,
        start_date: a.startDate,
        end_date: null,
        created_at: ts,
        updated_at: ts,
      })),
  );
  for (const a of plan.assignments) {
    if (a.change !== 'update' || a.existingId === null) continue;
    await db
      .updateTable('assignments')
      .set({ title: a.title, start_date: a.startDate, updated_at: ts })
      .where('id', '=', a.existingId)
      .execute();
  }
  await step(plan.assignments.length);

  const newHouseholds = plan.households.filter((h) => h.change === 'create');
  const newHouseholdIds = await insertReturningIds(
    db,
    'households',
    newHouseholds.map(({ record: r, gridId: g }) => ({
      grid_id: gridId(g),
      head_name: r.headName,
      id_number: r.idNumber || null,
      phone: r.phone,
      address: r.address,
      door_number: r.doorNumber,
      members: r.members,
      notes: r.notes,
      created_at: ts,
      updated_at: ts,
    })),
    step,
  );
  await insertBatched(
    db,
    'household_tags',
    newHouseholds.flatMap((h, j) => h.record.tags.map((tag) => ({ household_id: newHouseholdIds[j]!, tag }))),
  );
  for (const h of plan.households) {
    if (h.change !== 'update' || h.id === null) continue;
    const r = h.record;
    await db
      .updateTable('households')
      .set({
        grid_id: gridId(h.gridId),
        head_name: r.headName,
        id_number: r.idNumber || null,
        phone: r.phone,
        address: r.address,
        door_number: r.doorNumber,
        members: r.members,
        notes: r.notes,
        updated_at: ts,
      })
      .where('id', '=', h.id)
      .execute();
    await db.deleteFrom('household_tags').where('household_id', '=', h.id).execute();
    if (r.tags.length) {
      await db
        .insertInto('household_tags')
        .values(r.tags.map((tag) => ({ household_id: h.id!, tag })))
        .execute();
    }
  }
  await step(plan.households.length - newHouseholds.length);
}

/** Reads, plans and (unless dry run or errors) commits a roster file. */
export async function runImport(db: DbOrTrx, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  let source: SourceFile;
  try {
    source = await readSource(file, (d, t) => options.onProgress?.('read', d, t));
  } catch (e) {
    if (e instanceof AppError) return fileErrorResult(e.message);
    throw e;
  }
  let analysis;
  try {
    analysis = await analyzeSource(db, source, options);
  } catch (e) {
    if (e instanceof AppError) return fileErrorResult(e.message);
    throw e;
  }
  const { plan, sheets, layouts } = analysis;
  const ok = plan.errors.length === 0;
  const commit = !options.dryRun && (ok || options.skipInvalid === true);
  if (commit) {
    await inTransaction(db, async (trx) => {
      await applyPlan(trx, plan, (d, t) => options.onProgress?.('write', d, t));
      for (const layout of layouts) if (options.overrides?.[layout.sheet]?.mapping) await rememberMapping(trx, layout);
    });
  }
  return {
    ok,
    committed: commit,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    errors: plan.errors,
    sheets,
  };
}
