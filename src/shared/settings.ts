import { z } from 'zod';
import { none, pathSchema, read, write } from './contract';
import type { GridNode } from './grids';

/**
 * How codes are built: level-1 codes are `prefix` + digits[0] digits; each lower level
 * extends its parent's code by digits[level-1] digits. Default: no prefix, 2 digits a level
 * (a level-3 grid looks like 110114). CJ/T 349-2010 style: a 12-digit prefix (object code +
 * county code) and 3-3-2-2.
 */
export const codeSchemeSchema = z.object({
  prefix: z
    .string()
    .trim()
    .regex(/^\d{0,14}$/, { error: '编码前缀只能是 0–14 位数字' }),
  digits: z
    .array(
      z
        .number({ error: '请填写位数' })
        .int({ error: '位数应为整数' })
        .min(1, { error: '每级至少 1 位' })
        .max(6, { error: '每级最多 6 位' }),
    )
    .length(4),
});
export type CodeScheme = z.infer<typeof codeSchemeSchema>;

export const settingsSchema = z.object({
  /** The office using GridDesk, printed on reports and boards. */
  unitName: z.string().trim().max(60, { error: '单位名称不能超过 60 个字' }),
  /** What the clerk calls each level (镇/乡/街道 …). */
  levelNames: z
    .array(z.string().trim().min(1, { error: '请填写层级称谓' }).max(10, { error: '层级称谓不能超过 10 个字' }))
    .length(4),
  codeScheme: codeSchemeSchema,
  /** 监督电话, printed on signboards and cards. */
  supervisionPhone: z.string().trim().max(30, { error: '监督电话不能超过 30 个字符' }),
  /** The township's 综治中心 phone, printed on contact cards. */
  centerPhone: z.string().trim().max(30, { error: '综治中心电话不能超过 30 个字符' }),
  /** Who works at this computer: the 操作日志 records it as the author of every change. */
  clerkName: z.string().trim().max(20, { error: '操作员姓名不能超过 20 个字' }).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  unitName: '',
  levelNames: ['镇', '村（社区）', '村民小组', '户级网格'],
  codeScheme: { prefix: '', digits: [2, 2, 2, 2] },
  supervisionPhone: '',
  centerPhone: '',
  clerkName: '',
};

export interface BackupInfo {
  name: string;
  /** Full path of the file, to tell the clerk where it is. */
  path: string;
  /** ISO time the backup was written. */
  createdAt: string;
  size: number;
}

/** What a database holds, shown before it replaces the current data. */
export interface DatabaseSummary {
  /** The last migration it has, e.g. 0004_audit_log ('' when it is not GridDesk's). */
  schemaVersion: string;
  /** Older than this version: brought up to date when installed. */
  needsUpgrade: boolean;
  counts: { grids: number; workers: number; households: number; records: number };
  /** Every table with its Chinese label and row count, in the order previews list them. */
  tables: { table: string; label: string; unit: string; rows: number }[];
  /** ISO time of the newest change recorded in it, null when it holds no dated rows. */
  newestChange: string | null;
}

/** A checked backup and the data it would replace: the clerk confirms before restoring. */
export interface RestorePreview {
  /** Full path of the file that would be installed. */
  source: string;
  name: string;
  backup: DatabaseSummary;
  current: DatabaseSummary;
  /** Reasons to look twice (an empty backup, far fewer households than now…). */
  warnings: string[];
}

export interface AppInfo {
  version: string;
  dbPath: string;
  backupDir: string;
  schemaVersion: string;
}

export interface Stats {
  grids: { level1: number; level2: number; level3: number; level4: number };
  households: number;
  workers: number;
}

export interface RestoreResult {
  /** The backup file that is now the live database. */
  restoredFrom: string;
  /** The copy of the database as it was just before the restore (file name in the backup folder). */
  safetyBackup: string;
  /** Its full path, to tell the clerk where it is. */
  safetyBackupPath: string;
  /** What is now installed. */
  installed: DatabaseSummary;
}

const backupNameSchema = z.object({ name: z.string().min(1).max(200) }).strict();

export const demoSchema = z.object({
  townships: z
    .number()
    .int()
    .min(1, { error: '乡镇数应为 1 到 16' })
    .max(16, { error: '乡镇数应为 1 到 16' })
    .default(1),
});

/** The system domain's endpoints: settings, backups, statistics, demo data. */
export const systemApi = {
  'app/info': read(none).returns<AppInfo>(),
  'stats/get': read(none).returns<Stats>(),
  'settings/get': read(none).returns<Settings>(),
  'settings/update': write(settingsSchema, '修改系统设置').returns<Settings>(),
  'backup/list': read(none).returns<BackupInfo[]>(),
  /** Into the backup folder, or to `out` (the CLI's backup --out, a save dialog's path). */
  'backup/create': read(z.object({ out: pathSchema.optional() }).strict(), {
    files: { out: 'write' },
  }).returns<BackupInfo>(),
  /** Checks a listed backup and says what restoring it would install; changes nothing. */
  'backup/inspect': read(backupNameSchema).returns<RestorePreview>(),
  'backup/inspectFile': read(z.object({ file: pathSchema }).strict(), {
    files: { file: 'read' },
  }).returns<RestorePreview>(),
  'backup/restore': write(backupNameSchema, '恢复备份').returns<RestoreResult>(),
  'backup/restoreFromFile': write(z.object({ file: pathSchema }).strict(), '从文件恢复备份', {
    files: { file: 'read' },
  }).returns<RestoreResult>(),
  'demo/create': write(demoSchema, '创建演示数据').returns<{ township: GridNode; townships: number; grids: number }>(),
};
