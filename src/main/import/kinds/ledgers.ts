/**
 * 台账: one import kind per record kind, all built here from their specs (ledger-specs.ts).
 * A row is checked by its record schema when read; planning links it to an existing grid, the
 * worker among that grid's holders and the household by its head, then matches it against the
 * records by its ledger identity (KIND_TABLES' matchKey): cumulative ledgers come back monthly.
 */
import type { ZodType } from 'zod';
import { LEDGER_FIELD_LABELS, LEDGER_FIELDS } from '../../../shared/imports';
import { RECORD_LABELS, RECORD_SCHEMAS, type RecordKind } from '../../../shared/records';
import { describeCell } from '../cells';
import type { GridPath, RowReader } from '../row-reader';
import { applyLedger } from './ledger-apply';
import { ledgerLinks, type LedgerLinks } from './ledger-links';
import { existingRecords, itemFor, type LedgerItem, type LedgerPlan } from './ledger-match';
import { LEDGER_SPECS, VISIT_PROBLEM_FIELDS, type LedgerSpec } from './ledger-specs';
import { tallyChanges, type ImportKind, type PlanContext, type RecordOrigin } from './types';

export interface LedgerRecord extends RecordOrigin, GridPath {
  /** The worker's and the household head's names as written ('' when not given). */
  worker: string;
  household: string;
  /** The dispute's 调处经过 as written: it becomes one step. */
  steps: string;
  /** The schema's output, its gridId, workerId and householdId still to be linked. */
  fields: Record<string, unknown>;
}

/** The sheet column a schema path reports against. */
function fieldOfIssue(kind: RecordKind, path: readonly PropertyKey[]): string {
  const head = String(path[0] ?? '');
  if (head === 'problemTypes') {
    const type = String(path[1] ?? '');
    return Object.entries(VISIT_PROBLEM_FIELDS).find(([, t]) => t === type)?.[0] ?? 'problemOther';
  }
  if (head === 'datePrecision') return 'date';
  return LEDGER_FIELDS[kind].includes(head) ? head : 'gridCode';
}

/** Validates a row's input with the kind's schema (ids linked later); problems name their column and cell. */
function validate(spec: LedgerSpec, r: RowReader, input: Record<string, unknown>): Record<string, unknown> | null {
  const schema = RECORD_SCHEMAS[spec.kind] as ZodType;
  const result = schema.safeParse({ ...input, gridId: 1, workerId: null, householdId: null });
  if (result.success) return result.data as Record<string, unknown>;
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = fieldOfIssue(spec.kind, issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    const raw = r.raw(field);
    const cell = raw === null || raw === '' ? '' : `（这一格是${describeCell(raw)}）`;
    r.fail(field, `${issue.message}${cell}`);
  }
  return null;
}

function parseLedgerRow(spec: LedgerSpec, r: RowReader): LedgerRecord | null {
  const place = r.place();
  const input = spec.read(r);
  const steps = spec.kind === 'disputes' ? r.text('steps') : '';
  if (steps.length > 500) r.fail('steps', `调处经过不能超过 500 个字（这一格有 ${steps.length} 个字）`);
  if (r.errors.length) return null;
  const fields = validate(spec, r, input);
  if (!fields) return null;
  return Object.assign(place, {
    worker: spec.worker ? r.text('worker').replace(/\s/g, '') : '',
    household: spec.household ? r.text('household').replace(/\s/g, '') : '',
    steps,
    fields,
  });
}

/** Links a record to its grid, worker and household; null (reported) when one is not found. */
function linked(
  ctx: PlanContext,
  spec: LedgerSpec,
  links: LedgerLinks,
  rec: LedgerRecord,
): Record<string, unknown> | null {
  const grid = ctx.findGrid(rec);
  if (!grid) return null;
  const fields: Record<string, unknown> = { ...rec.fields, gridId: grid.id };
  if (spec.worker) {
    const id = rec.worker ? links.worker(grid.id, rec.worker, (m) => ctx.fail(rec, 'worker', m)) : null;
    if (id === undefined) return null;
    fields.workerId = id;
  }
  if (spec.household) {
    const id = rec.household ? links.household(grid.id, rec.household, (m) => ctx.fail(rec, 'household', m)) : null;
    if (id === undefined) return null;
    fields.householdId = id;
  }
  return fields;
}

async function planLedger(spec: LedgerSpec, ctx: PlanContext, records: LedgerRecord[]): Promise<LedgerPlan> {
  const links = await ledgerLinks(ctx, spec);
  const existing = await existingRecords(ctx.db, spec.kind);
  const seen = new Map<string, LedgerRecord>();
  const items: LedgerItem[] = [];
  for (const rec of records) {
    const fields = linked(ctx, spec, links, rec);
    if (!fields) continue;
    const item = itemFor(spec.kind, fields, rec.steps, rec.worker, existing);
    const first = seen.get(item.key);
    if (first) {
      ctx.fail(
        rec,
        spec.required[0]!,
        `与第 ${first.row} 行（工作表 ${first.sheet}）是同一条${RECORD_LABELS[spec.kind]}记录（${identityOf(spec.kind)}相同），请删去重复的一行`,
      );
      continue;
    }
    seen.set(item.key, rec);
    items.push(item);
  }
  const plan: LedgerPlan = {
    kind: spec.kind,
    items,
    created: {},
    updated: {},
    unchanged: {},
    // A ledger only names grids the rosters set up: they are not counted as the import's.
    gridIds: [],
    size: items.length,
  };
  tallyChanges(plan, spec.kind, items);
  return plan;
}

/** What makes two rows one record, in the clerk's words. */
function identityOf(kind: RecordKind): string {
  const words: Record<RecordKind, string> = {
    disputes: '网格、排查日期、当事人和纠纷类别',
    reports: '网格、报告日期、信息类别和信息内容',
    publicity: '网格、宣传日期、宣传主题和宣传形式',
    services: '网格、服务日期、服务对象、网格员、服务类别和服务内容',
    visits: '网格、走访日期和网格员',
    trainings: '网格、培训日期、类型和培训内容',
    wechatGroups: '网格（每个网格一个群）',
  };
  return words[kind];
}

function ledgerKind(spec: LedgerSpec): ImportKind<LedgerRecord, LedgerPlan> {
  return {
    name: spec.kind,
    noun: `${RECORD_LABELS[spec.kind]}台账`,
    fields: LEDGER_FIELDS[spec.kind],
    labels: LEDGER_FIELD_LABELS[spec.kind],
    synonyms: spec.synonyms,
    person: spec.person,
    required: spec.required,
    countKeys: [spec.kind],
    parseRow: (r) => parseLedgerRow(spec, r),
    plan: (ctx, records) => planLedger(spec, ctx, records),
    apply: applyLedger,
  };
}

export const LEDGER_KINDS: readonly ImportKind[] = LEDGER_SPECS.map((s) => ledgerKind(s) as unknown as ImportKind);
