/**
 * A ledger row against the records already kept: found by its ledger identity (KIND_TABLES'
 * matchKey, never the 序号), then unchanged when every column is the same, else updated.
 */
import type { Kysely } from 'kysely';
import type { RecordFields, RecordKind } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { KIND_TABLES } from '../../services/records/rows';
import type { Change, KindChanges } from './types';

export interface Existing {
  id: number;
  row: Record<string, unknown>;
  /** A dispute's steps, by what was done. */
  actions: string[];
}

export interface LedgerItem {
  key: string;
  fields: Record<string, unknown>;
  /** A dispute's 调处经过 ('' when none). */
  steps: string;
  change: Change;
  /** The record it updates or leaves, null when new. */
  id: number | null;
  /** Whether its 调处经过 is not yet among the dispute's steps (then it is added). */
  newStep: boolean;
  /** Who the step names: the row's worker, as written. */
  handler: string;
}

export interface LedgerPlan extends KindChanges {
  kind: RecordKind;
  items: LedgerItem[];
}

// The kinds' tables are chosen at run time (KIND_TABLES); their rows are checked by the schemas.
export const loose = (db: DbOrTrx) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/** Every record of the kind, by its ledger identity (a WeChat group by its grid). */
export async function existingRecords(db: DbOrTrx, kind: RecordKind): Promise<Map<string, Existing>> {
  const table = KIND_TABLES[kind].table;
  const rows = await loose(db).selectFrom(table).selectAll().execute();
  const actions = new Map<number, string[]>();
  if (kind === 'disputes') {
    const steps = await db.selectFrom('dispute_steps').select(['dispute_id', 'action']).execute();
    for (const s of steps) actions.set(s.dispute_id, [...(actions.get(s.dispute_id) ?? []), s.action]);
  }
  const byKey = new Map<string, Existing>();
  for (const row of rows) {
    const id = Number(row.id);
    const key = kind === 'wechatGroups' ? String(row.grid_id) : String(row.match_key);
    if (!byKey.has(key)) byKey.set(key, { id, row, actions: actions.get(id) ?? [] });
  }
  return byKey;
}

/** JSON objects compared whatever their keys' order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown) => {
    const o = JSON.parse(String(v ?? '{}')) as Record<string, unknown>;
    return JSON.stringify(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  };
  return canon(a) === canon(b);
}

function sameValue(column: string, a: unknown, b: unknown): boolean {
  if (column === 'problem_types') return sameJson(a, b);
  const norm = (v: unknown) => (v === undefined ? null : typeof v === 'bigint' ? Number(v) : v);
  return norm(a) === norm(b);
}

const blank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * A ledger that leaves a cell empty, or has no such column at all, says nothing about it: what the
 * clerk entered there (the worker, a deadline, a difficulty) stays. A ledger can change a value,
 * never silently wipe one.
 */
function keepEntered(fields: Record<string, unknown>, kept: Record<string, unknown>): Record<string, unknown> {
  const out = { ...fields };
  for (const [k, v] of Object.entries(kept)) {
    if (Array.isArray(v) || blank(v)) continue;
    if (blank(out[k])) out[k] = v;
  }
  return out;
}

export function itemFor(
  kind: RecordKind,
  fields: Record<string, unknown>,
  steps: string,
  handler: string,
  existing: Map<string, Existing>,
): LedgerItem {
  const t = KIND_TABLES[kind];
  const typed = fields as RecordFields<typeof kind>;
  const key = (t.matchKey as (f: typeof typed) => string)(typed);
  const old = existing.get(kind === 'wechatGroups' ? String(fields.gridId) : key);
  if (!old) return { key, fields, steps, handler, change: 'create', id: null, newStep: steps !== '' };
  fields = keepEntered(fields, (t.fromRow as (r: Record<string, unknown>) => Record<string, unknown>)(old.row));
  const row = (t.toRow as (f: RecordFields<typeof kind>) => Record<string, unknown>)(
    fields as RecordFields<typeof kind>,
  );
  const newStep = steps !== '' && !old.actions.includes(steps);
  const same = !newStep && Object.entries(row).every(([c, v]) => sameValue(c, v, old.row[c]));
  return { key, fields, steps, handler, change: same ? 'unchanged' : 'update', id: old.id, newStep };
}
