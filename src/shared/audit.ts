/** The 操作日志: who changed what, when — one entry per write, an import as one entry with counts. */
import { z } from 'zod';
import { pathSchema, read } from './contract';

export interface AuditEntry {
  id: number;
  /** ISO time of the change. */
  at: string;
  /** The clerk's name from Settings (未署名 when none was set). */
  actor: string;
  /** The handler that wrote, e.g. workers/create. */
  handler: string;
  /** Its Chinese label, e.g. 新增网格员. */
  action: string;
  /** What kind of thing changed (网格, 网格员, 住户…), and which one. */
  entity: string | null;
  entityId: number | null;
  /** Before → after in words; ID numbers and phones masked. */
  summary: string;
  /** For imports and bulk actions: how many of each were created, updated… */
  counts: Record<string, number> | null;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-11-27' })
  .optional();

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(20).optional(),
  handler: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(20).optional(),
  from: day,
  to: day,
  text: z.string().trim().max(40).optional(),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditListSchema = auditFilterSchema.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});

export const auditApi = {
  'audit/list': read(auditListSchema).returns<{ total: number; rows: AuditEntry[] }>(),
  'audit/export': read(auditFilterSchema.extend({ out: pathSchema }), { files: { out: 'write' } }).returns<{
    file: string;
    rows: number;
  }>(),
};
