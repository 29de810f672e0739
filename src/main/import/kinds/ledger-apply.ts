/** Writes a ledger's plan through KIND_TABLES: new records in chunks, changed ones in place, 调处经过 as a step. */
import type { RecordFields, RecordKind } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { KIND_TABLES, newRecordRow } from '../../services/records/rows';
import { loose, type LedgerItem, type LedgerPlan } from './ledger-match';
import type { ApplyContext } from './types';

/** Rows per INSERT: well under SQLite's bound-parameter limit at 17 columns. */
const CHUNK = 500;

/** Who wrote a step the ledger gives without naming its handler. */
const LEDGER_HANDLER = '台账导入';

function fieldsOf(item: LedgerItem, ctx: ApplyContext) {
  return { ...item.fields, gridId: ctx.gridId(item.fields.gridId as number) } as RecordFields<RecordKind>;
}

async function addStep(db: DbOrTrx, disputeId: number, item: LedgerItem): Promise<void> {
  const f = item.fields as RecordFields<'disputes'>;
  await db
    .insertInto('dispute_steps')
    .values({
      dispute_id: disputeId,
      step_date: f.settleDate ?? f.foundDate,
      handler: item.handler || LEDGER_HANDLER,
      action: item.steps,
    })
    .execute();
}

async function insertAll(db: DbOrTrx, kind: RecordKind, items: LedgerItem[], ctx: ApplyContext): Promise<void> {
  const table = KIND_TABLES[kind].table;
  let chunk: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    await loose(db).insertInto(table).values(chunk).execute();
    await ctx.step(chunk.length);
    chunk = [];
  };
  for (const item of items) {
    const row = newRecordRow(kind, fieldsOf(item, ctx), ctx.ts);
    if (item.newStep) {
      // A step needs its dispute's id: this one goes in alone.
      const { id } = await loose(db).insertInto(table).values(row).returning('id').executeTakeFirstOrThrow();
      await addStep(db, Number(id), item);
      await ctx.step(1);
      continue;
    }
    chunk.push(row);
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
}

async function updateOne(db: DbOrTrx, kind: RecordKind, item: LedgerItem, ctx: ApplyContext): Promise<void> {
  const { ts } = ctx;
  const row = newRecordRow(kind, fieldsOf(item, ctx), ts);
  delete row.created_at;
  await loose(db).updateTable(KIND_TABLES[kind].table).set(row).where('id', '=', item.id!).execute();
  if (item.newStep) await addStep(db, item.id!, item);
}

export async function applyLedger(db: DbOrTrx, plan: LedgerPlan, ctx: ApplyContext): Promise<void> {
  await insertAll(
    db,
    plan.kind,
    plan.items.filter((i) => i.change === 'create'),
    ctx,
  );
  let others = 0;
  for (const item of plan.items) {
    if (item.change === 'create') continue;
    others += 1;
    if (item.change === 'update') await updateOne(db, plan.kind, item, ctx);
  }
  await ctx.step(others);
}
