import { z } from 'zod';
import { pathSchema, read, write } from './contract';

export const ROSTER_KINDS = ['workers', 'households'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const ROSTER_KIND_LABELS: Record<RosterKind, string> = { workers: '网格员花名册', households: '住户花名册' };

export const WORKER_FIELDS = [
  'township',
  'village',
  'group',
  'level',
  'gridCode',
  'gridName',
  'name',
  'gender',
  'idNumber',
  'phone',
  'politicalStatus',
  'education',
  'tags',
  'title',
  'role',
  'startDate',
  'notes',
] as const;

export const HOUSEHOLD_FIELDS = [
  'township',
  'village',
  'group',
  'gridCode',
  'gridName',
  'headName',
  'idNumber',
  'phone',
  'address',
  'doorNumber',
  'members',
  'tags',
  'notes',
] as const;

export type Field = (typeof WORKER_FIELDS)[number] | (typeof HOUSEHOLD_FIELDS)[number];
const ALL_FIELDS = [...new Set([...WORKER_FIELDS, ...HOUSEHOLD_FIELDS])] as [Field, ...Field[]];

export const FIELD_LABELS: Record<Field, string> = {
  township: '镇',
  village: '村（社区）',
  group: '村民小组',
  level: '网格级别',
  gridCode: '网格编码',
  gridName: '网格名称',
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  phone: '联系电话',
  politicalStatus: '政治面貌',
  education: '学历',
  tags: '人员类别',
  title: '担任职务',
  role: '网格角色',
  startDate: '任职日期',
  notes: '备注',
  headName: '户主姓名',
  address: '住址',
  doorNumber: '门牌号',
  members: '家庭人口',
};

export interface RowError {
  sheet: string;
  /** The spreadsheet's own row number (0 for a problem with the whole file). */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  message: string;
}

export interface Counts {
  grids: number;
  workers: number;
  assignments: number;
  households: number;
}

/** Where a sheet's header is and which column holds which field. */
export interface SheetLayout {
  sheet: string;
  /** null: the sheet is not a roster (instructions, blank…) and is skipped. */
  kind: RosterKind | null;
  /** Spreadsheet row number of the header, or null. */
  headerRow: number | null;
  columns: { index: number; letter: string; header: string }[];
  /** Field → column index. */
  mapping: Partial<Record<Field, number>>;
  /** Identifies this header layout, to remember a clerk's corrected mapping. */
  signature: string;
}

export interface SheetSummary extends SheetLayout {
  /** Data rows read (with or without errors). */
  records: number;
  skippedRows: number;
  remembered: boolean;
}

export interface ImportResult {
  ok: boolean;
  committed: boolean;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  errors: RowError[];
  sheets: SheetSummary[];
}

export const layoutOverrideSchema = z.object({
  kind: z.enum(ROSTER_KINDS).optional(),
  mapping: z.partialRecord(z.enum(ALL_FIELDS), z.number().int().min(0).max(500).nullable()).optional(),
});
export type LayoutOverride = z.infer<typeof layoutOverrideSchema>;

export const importRequestSchema = z.object({
  file: pathSchema,
  kind: z.enum(ROSTER_KINDS).optional(),
  overrides: z.record(z.string().max(100), layoutOverrideSchema).default({}),
  skipInvalid: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const exportRequestSchema = z.object({
  perVillage: z.boolean().default(true),
  gridId: z.number().int().positive().nullable().default(null),
});

/** A file written where the clerk (or the CLI's --out) chose. */
export interface SavedFile {
  file: string;
  rows: number;
}

const out = { out: pathSchema };
const readsFile = { files: { file: 'read' as const } };

/** The imports domain's endpoints: rosters in, and the files that help fill them. */
export const importsApi = {
  'import/analyze': read(importRequestSchema, readsFile).returns<ImportResult>(),
  'import/commit': write(importRequestSchema, '导入花名册', readsFile).returns<ImportResult>(),
  'import/errorWorkbook': read(importRequestSchema.extend(out), {
    files: { file: 'read', out: 'write' },
  }).returns<SavedFile>(),
  'import/template': read(z.object(out), { files: { out: 'write' } }).returns<SavedFile>(),
};

/** The exports domain's endpoints: rosters out to Excel. */
export const exportsApi = {
  'export/workers': read(exportRequestSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
  'export/households': read(exportRequestSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
};
