import path from 'node:path';
import { systemApi } from '../../../shared/settings';
import { backupNow, listBackups, pruneBackups } from '../../db/backup';
import { latestMigration } from '../../db/migrations';
import { AppError } from '../../errors';
import { restoreInto } from '../../ipc/context';
import { defineHandlers } from '../../ipc/define';
import { describeChanges } from '../audit/audit';
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
  'backup/create': async ({ app }) => {
    const made = await backupNow(app.handle, app.backupDir);
    pruneBackups(app.backupDir);
    return made;
  },
  'backup/restore': {
    ownTransaction: true,
    run: async ({ app, audit }, { name }) => {
      // Only a file from the backup folder, by its bare name.
      const known = listBackups(app.backupDir).find((b) => b.name === name);
      if (!known || path.basename(name) !== name) {
        throw new AppError('NOT_FOUND', `备份“${name}”不存在，可能已被清理。请刷新备份列表。`);
      }
      const { safetyBackup } = await restoreInto(app, path.join(app.backupDir, name));
      audit.record({ entity: '数据库', summary: `恢复为备份 ${name}；恢复前的数据已另存为 ${safetyBackup}` });
      return { restoredFrom: name, safetyBackup };
    },
  },
  'backup/restoreFromFile': {
    ownTransaction: true,
    run: async ({ app, audit }, { file }) => {
      const { safetyBackup } = await restoreInto(app, file);
      const name = path.basename(file);
      audit.record({ entity: '数据库', summary: `从文件 ${name} 恢复；恢复前的数据已另存为 ${safetyBackup}` });
      return { restoredFrom: name, safetyBackup };
    },
  },
  'demo/create': async ({ db, audit }, input) => {
    const r = await createDemo(db, { townships: input.townships });
    audit.record({
      entity: '网格',
      summary: `${r.townships} 个演示乡镇（首个：${r.township.name}）`,
      counts: { 乡镇: r.townships, 网格: r.grids },
    });
    return r;
  },
});
