import { z } from 'zod';
import { none, pathSchema, read, write } from './contract';
import type { GridNode } from './grids';
import { DEFAULT_PUBLICITY_TOPICS } from './records';
import { normalizePhone } from './text';

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
        .number({ error: '请填写位数（1 到 6）' })
        .int({ error: '位数应为 1 到 6 的整数' })
        .min(1, { error: '每级位数应为 1 到 6，不能为 0' })
        .max(6, { error: '每级位数应为 1 到 6' }),
    )
    .length(4),
});
export type CodeScheme = z.infer<typeof codeSchemeSchema>;

/**
 * A phone printed on every signboard or card: a landline with its area code (0913-1234567,
 * 09131234567, (0913)1234567, an extension after - or 转) or an 11-digit mobile. Full-width digits
 * and brackets are normalised; empty is allowed (printed as “—”, and the print check says so).
 */
const PRINTED_PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?[1-9]\d{6,7}(?:(?:-|转)\d{1,6})?)$/;

export function isPrintedPhone(phone: string): boolean {
  return phone === '' || PRINTED_PHONE.test(phone);
}

function printedPhone(label: string) {
  return z
    .string()
    .max(40, { error: `${label}不能超过 40 个字符` })
    .transform(normalizePhone)
    .refine(isPrintedPhone, {
      error: `${label}应为带区号的固定电话（如 0913-1234567）或 11 位手机号`,
    });
}

export const settingsSchema = z.object({
  /** The office using GridDesk, printed on reports and boards. */
  unitName: z.string().trim().max(60, { error: '单位名称不能超过 60 个字' }),
  /** What the clerk calls each level (镇/乡/街道 …). */
  levelNames: z
    .array(z.string().trim().min(1, { error: '请填写层级称谓' }).max(10, { error: '层级称谓不能超过 10 个字' }))
    .length(4),
  codeScheme: codeSchemeSchema,
  /** 监督电话, printed on signboards and cards. */
  supervisionPhone: printedPhone('监督电话'),
  /** The township's 综治中心 phone, printed on contact cards. */
  centerPhone: printedPhone('镇综治中心电话'),
  /** Who works at this computer: the 操作日志 records it as the author of every change. */
  clerkName: z.string().trim().max(20, { error: '操作员姓名不能超过 20 个字' }).default(''),
  /** 宣传主题 the forms and the bulk grid offer (a record may still name another). */
  publicityTopics: z
    .array(z.string().trim().min(1, { error: '宣传主题不能为空' }).max(40, { error: '宣传主题不能超过 40 个字' }))
    .max(100, { error: '宣传主题最多 100 个' })
    .refine((v) => new Set(v).size === v.length, { error: '宣传主题有重复' })
    .default([...DEFAULT_PUBLICITY_TOPICS]),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * What a database may hold: phones saved before they were checked are read back as written (never
 * silently dropped); the print check and the settings form then ask the clerk to correct them.
 */
export const storedSettingsSchema = settingsSchema.extend({
  supervisionPhone: z.string(),
  centerPhone: z.string(),
});

export const DEFAULT_SETTINGS: Settings = {
  unitName: '',
  levelNames: ['镇', '村（社区）', '村民小组', '户级网格'],
  codeScheme: { prefix: '', digits: [2, 2, 2, 2] },
  supervisionPhone: '',
  centerPhone: '',
  clerkName: '',
  publicityTopics: [...DEFAULT_PUBLICITY_TOPICS],
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
  /** Also this year's records up to today (tests of deletion leave them out: records keep their grids). */
  records: z.boolean().default(true),
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
