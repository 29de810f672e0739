/**
 * Month-end bulk entry: every row is validated by its kind's schema and its references, ALL row
 * errors are collected, and either the whole batch is refused with them or every row is inserted
 * in the one transaction the dispatcher opened.
 */
import type { HandlerArgs } from '../../../shared/api';
import { RECORD_LABELS, RECORD_SCHEMAS, type RecordKind, type RecordRowError } from '../../../shared/records';
import type { DbOrTrx } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors';
import { fieldLabel } from './fields';
import { insertRecord, referenceProblems } from './records';
import type { AnyFields } from './views';

/** How many row errors the message spells out; the details carry them all. */
const SHOWN = 5;

function schemaErrors(kind: RecordKind, row: number, input: unknown): { fields?: AnyFields; errors: RecordRowError[] } {
  const parsed = RECORD_SCHEMAS[kind].safeParse(input);
  if (parsed.success) return { fields: parsed.data as AnyFields, errors: [] };
  const seen = new Set<string>();
  const errors: RecordRowError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    // One error per cell: the first is what the clerk fixes first.
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ row, field, message: issue.message });
  }
  return { errors };
}

/** Two rows of one batch for the same grid's WeChat group: the later one is refused. */
function duplicateGroup(kind: RecordKind, fields: AnyFields, row: number, seen: Map<number, number>) {
  if (kind !== 'wechatGroups') return null;
  const first = seen.get(fields.gridId);
  if (first === undefined) {
    seen.set(fields.gridId, row);
    return null;
  }
  return { row, field: 'gridId', message: `与第 ${first} 行是同一网格，每个网格只登记一个微信群` };
}

/** Every row's errors, rows numbered from 1 as the clerk sees them; the valid rows' fields. */
export async function validateRows(
  db: DbOrTrx,
  kind: RecordKind,
  rows: unknown[],
): Promise<{ valid: AnyFields[]; errors: RecordRowError[] }> {
  const valid: AnyFields[] = [];
  const errors: RecordRowError[] = [];
  const groups = new Map<number, number>();
  for (const [i, input] of rows.entries()) {
    const row = i + 1;
    const parsed = schemaErrors(kind, row, input);
    errors.push(...parsed.errors);
    if (!parsed.fields) continue;
    const problems = await referenceProblems(db, kind, parsed.fields);
    errors.push(...problems.map((p) => ({ row, field: p.field, message: p.message })));
    const dup = duplicateGroup(kind, parsed.fields, row, groups);
    if (dup) errors.push(dup);
    if (problems.length === 0 && !dup) valid.push(parsed.fields);
  }
  return { valid, errors };
}

/** "第 3 行 排查日期：请填写排查日期" */
export function rowErrorLine(kind: RecordKind, e: RecordRowError): string {
  return `第 ${e.row} 行 ${fieldLabel(kind, e.field)}：${e.message}`;
}

function refusal(kind: RecordKind, total: number, errors: RecordRowError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const shown = errors.slice(0, SHOWN).map((e) => rowErrorLine(kind, e));
  const more = errors.length > SHOWN ? `；等共 ${errors.length} 处错误` : '';
  return new AppError(
    'VALIDATION',
    `${total} 条${RECORD_LABELS[kind]}均未保存：${rows} 行有错误。${shown.join('；')}${more}。请改正后重新保存。`,
    undefined,
    { rowErrors: errors },
  );
}

export async function bulkCreate(
  db: DbOrTrx,
  input: HandlerArgs<'records/bulkCreate'>,
): Promise<{ created: number; ids: number[]; fields: AnyFields[] }> {
  return inTransaction(db, async (trx) => {
    const { valid, errors } = await validateRows(trx, input.kind, input.rows);
    if (errors.length > 0) throw refusal(input.kind, input.rows.length, errors);
    const ts = new Date().toISOString();
    const ids: number[] = [];
    for (const fields of valid) ids.push(await insertRecord(trx, input.kind, fields, ts));
    return { created: ids.length, ids, fields: valid };
  });
}
