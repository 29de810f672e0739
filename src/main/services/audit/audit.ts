/**
 * The 操作日志. The dispatcher writes one entry per successful write, in the write's own
 * transaction; handlers describe what they changed through the `AuditRecorder` they are given.
 * Everything stored passes through `maskPersonal`: the log never holds an ID number or phone.
 */
import { sql } from 'kysely';
import type { AuditEntry, AuditFilter } from '../../../shared/audit';
import { maskPersonal } from '../../../shared/privacy';
import type { AuditLogRow, DbOrTrx } from '../../db/schema';
import { getSettings } from '../settings/settings';

export interface AuditNote {
  /** 网格, 网格员, 住户… */
  entity?: string;
  entityId?: number | null;
  summary?: string;
  counts?: Record<string, number>;
}

/** Collects what one write handler says about its change. */
export class AuditRecorder {
  note: AuditNote | null = null;
  skipped = false;

  /** Says what changed; later calls add to (and override) earlier ones. */
  record(note: AuditNote): void {
    this.note = { ...this.note, ...note };
  }

  /** Nothing was changed after all (an import refused for its errors): no entry. */
  nothingChanged(): void {
    this.skipped = true;
  }
}

export interface AuditWrite {
  handler: string;
  action: string;
  note: AuditNote | null;
  /** Used for the summary when the handler described nothing. */
  input: unknown;
  now?: Date;
}

const NO_ACTOR = '未署名';

/** Writes one entry. Call inside the write's transaction. */
export async function writeAudit(db: DbOrTrx, entry: AuditWrite): Promise<void> {
  const actor = (await getSettings(db)).clerkName || NO_ACTOR;
  const note = entry.note ?? {};
  await db
    .insertInto('audit_log')
    .values({
      at: (entry.now ?? new Date()).toISOString(),
      actor,
      handler: entry.handler,
      action: entry.action,
      entity: note.entity ?? null,
      entity_id: note.entityId ?? null,
      summary: maskPersonal(note.summary ?? describeInput(entry.input)),
      counts: note.counts ? JSON.stringify(note.counts) : null,
    })
    .execute();
}

/** A short "key: value" line of an input's plain fields, for handlers that say nothing themselves. */
export function describeInput(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'object') continue;
    parts.push(`${key}: ${String(value)}`);
  }
  return parts.join('；').slice(0, 300);
}

/** "电话：138****5678 → 139****1234；姓名：张三 → 张四" for the fields that changed. */
export function describeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  labels: Record<string, string>,
): string {
  const changes: string[] = [];
  for (const [key, label] of Object.entries(labels)) {
    const a = show(before[key]);
    const b = show(after[key]);
    if (a !== b) changes.push(`${label}：${a || '（空）'} → ${b || '（空）'}`);
  }
  return changes.length ? changes.join('；') : '无变化';
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  if (value === null || value === undefined) return '';
  return String(value);
}

function applyFilter(db: DbOrTrx, filter: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (filter.actor) q = q.where('actor', '=', filter.actor);
  if (filter.handler) q = q.where('handler', '=', filter.handler);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  // `at` is UTC ISO; the clerk's days are Beijing days.
  if (filter.from) q = q.where(sql<string>`datetime(at, '+8 hours')`, '>=', `${filter.from} 00:00:00`);
  if (filter.to) q = q.where(sql<string>`datetime(at, '+8 hours')`, '<=', `${filter.to} 23:59:59`);
  if (filter.text) {
    const like = `%${filter.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('summary', 'like', sql<string>`${like} escape '\\'`),
        eb('action', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  return q;
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    handler: row.handler,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: row.summary,
    counts: row.counts ? (JSON.parse(row.counts) as Record<string, number>) : null,
  };
}

/** Newest first, one page. */
export async function listAudit(
  db: DbOrTrx,
  filter: AuditFilter & { page: number; pageSize: number },
): Promise<{ total: number; rows: AuditEntry[] }> {
  const { total } = await applyFilter(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await applyFilter(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total), rows: rows.map(toEntry) };
}

/** Every entry the filter matches, newest first, in batches (for the Excel export). */
export async function* auditEntries(db: DbOrTrx, filter: AuditFilter): AsyncGenerator<AuditEntry> {
  const batch = 2000;
  for (let offset = 0; ; offset += batch) {
    const rows = await applyFilter(db, filter).selectAll().orderBy('id', 'desc').limit(batch).offset(offset).execute();
    for (const row of rows) yield toEntry(row);
    if (rows.length < batch) return;
  }
}
