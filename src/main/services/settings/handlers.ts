import path from 'node:path';
import { systemApi, type DatabaseSummary, type RestorePreview, type RestoreResult } from '../../../shared/settings';
import { formatDateTime } from '../../../shared/dates';
import { backupNow, backupTo, inspectBackup, listBackups, pruneBackups } from '../../db/backup';
import { summarize } from '../../db/verify';
import { latestMigration } from '../../db/migrations';
import { AppError } from '../../errors';
import { restoreInto, type AppContext } from '../../ipc/context';
import { defineHandlers } from '../../ipc/define';
import { describeChanges, type AuditRecorder } from '../audit/audit';
import { createDemo } from '../demo/demo';
import { getStats } from '../stats/stats';
import { getSettings, updateSettings } from './settings';

const SETTING_LABELS = {
  unitName: '单位名称',
  levelNames: '层级称谓',
  supervisionPhone: '监督电话',
  centerPhone: '综治中心电话',
  clerkName: '操作员',
};

export const systemHandlers = defineHandlers(systemApi, {
  'app/info': async ({ app }) => ({
    version: app.version,
    dbPath: app.handle.path,
    backupDir: app.backupDir,
    schemaVersion: latestMigration,
  }),
  'stats/get': ({ db }) => getStats(db),
  'settings/get': ({ db }) => getSettings(db),
  'settings/update': async ({ db, audit }, input) => {
    const before = await getSettings(db);
    const after = await updateSettings(db, input);
    const scheme = (s: typeof before) => `${s.codeScheme.prefix}/${s.codeScheme.digits.join('-')}`;
    const labels = { ...SETTING_LABELS, scheme: '编码规则' };
    audit.record({
      entity: '系统设置',
      summary: describeChanges({ ...before, scheme: scheme(before) }, { ...after, scheme: scheme(after) }, labels),
    });
    return after;
  },
  'backup/list': async ({ app }) => listBackups(app.backupDir),
  'backup/create': async ({ app }, { out }) => {
    if (out) return backupTo(app.handle, out);
    const made = await backupNow(app.handle, app.backupDir);
    pruneBackups(app.backupDir);
    return made;
  },
  'backup/inspect': async ({ app }, { name }) => preview(app, listedBackup(app, name)),
  'backup/inspectFile': async ({ app }, { file }) => preview(app, path.resolve(file)),
  'backup/restore': {
    ownTransaction: true,
    run: async ({ app, audit }, { name }) => restore(app, audit, listedBackup(app, name)),
  },
  'backup/restoreFromFile': {
    ownTransaction: true,
    run: async ({ app, audit }, { file }) => restore(app, audit, path.resolve(file)),
  },
  'demo/create': async ({ db, audit }, input) => {
    const r = await createDemo(db, { townships: input.townships, records: input.records });
    audit.record({
      entity: '网格',
      summary: `${r.townships} 个演示乡镇（首个：${r.township.name}）`,
      counts: { 乡镇: r.townships, 网格: r.grids },
    });
    return r;
  },
});

/** A backup by its bare name, only from the backup folder's list. */
function listedBackup(app: AppContext, name: string): string {
  const known = listBackups(app.backupDir).find((b) => b.name === name);
  if (!known || path.basename(name) !== name) {
    throw new AppError('NOT_FOUND', `备份“${name}”不存在，可能已被清理。请刷新备份列表。`);
  }
  return known.path;
}

async function preview(app: AppContext, source: string): Promise<RestorePreview> {
  const backup = await inspectBackup(source, app.handle.path);
  const current = summarize(app.handle.sqlite);
  return { source, name: path.basename(source), backup, current, warnings: restoreWarnings(backup, current) };
}

/** What the clerk should look at twice before replacing the current data with a backup. */
export function restoreWarnings(backup: DatabaseSummary, current: DatabaseSummary): string[] {
  const warnings: string[] = [];
  const b = backup.counts;
  const c = current.counts;
  if (b.grids + b.workers + b.households === 0) {
    warnings.push('这个备份里没有任何网格、网格员和住户：恢复后将没有数据。');
  }
  const fewer = (label: string, unit: string, had: number, now: number) => {
    if (now > 0 && had * 2 < now) warnings.push(`备份中的${label}（${had} ${unit}）不到当前（${now} ${unit}）的一半。`);
  };
  fewer('住户', '户', b.households, c.households);
  fewer('网格', '个', b.grids, c.grids);
  fewer('网格员', '名', b.workers, c.workers);
  if (backup.newestChange && current.newestChange && backup.newestChange < current.newestChange) {
    warnings.push(`备份中最新的修改在 ${formatDateTime(backup.newestChange)}，此后的修改将被替换。`);
  }
  if (backup.needsUpgrade) {
    warnings.push(`备份来自较早的版本（数据版本 ${backup.schemaVersion}），恢复时会自动升级。`);
  }
  return warnings;
}

async function restore(app: AppContext, audit: AuditRecorder, source: string): Promise<RestoreResult> {
  const { safetyBackup, installed } = await restoreInto(app, source);
  const name = path.basename(source);
  const { grids, workers, households } = installed.counts;
  audit.record({
    entity: '数据库',
    summary: `从 ${source} 恢复；恢复前的数据已另存为 ${safetyBackup.path}`,
    counts: { 网格: grids, 网格员: workers, 住户: households },
  });
  return { restoredFrom: name, safetyBackup: safetyBackup.name, safetyBackupPath: safetyBackup.path, installed };
}
