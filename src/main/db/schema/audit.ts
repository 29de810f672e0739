import type { Generated, Selectable } from 'kysely';

/** The 操作日志: one row per write a clerk made (an import is one row with counts). */
export interface AuditLogTable {
  id: Generated<number>;
  /** ISO time. */
  at: string;
  actor: string;
  handler: string;
  action: string;
  entity: string | null;
  entity_id: number | null;
  /** Masked: never an ID number or phone in clear. */
  summary: string;
  /** JSON object of counts, for imports and bulk actions. */
  counts: string | null;
}

export type AuditLogRow = Selectable<AuditLogTable>;
