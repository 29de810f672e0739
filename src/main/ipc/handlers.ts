import fs from 'node:fs';
import path from 'node:path';
import type { HandlerArgs, HandlerName, HandlerOutput } from '../../shared/api';
import { AppError } from '../errors';
import { backupNow, listBackups, pruneBackups } from '../db/backup';
import { latestMigration } from '../db/migrations';
import * as grids from '../services/grids/grids';
import { getSettings, updateSettings } from '../services/settings/settings';
import { getStats } from '../services/stats/stats';
import { createDemo } from '../services/demo/demo';
import { restoreInto, type AppContext } from './context';
import * as workers from '../services/workers/workers';
import * as households from '../services/households/households';
import { runImport } from '../import/run';
import { writeErrorWorkbook } from '../excel/error-workbook';
import { writeTemplate } from '../excel/template';
import { exportHouseholds, exportWorkers } from '../excel/export';
import type { HandlerArgs as Args } from '../../shared/api';
import { today as todayText } from '../excel/workbook';
import { fontFile } from '../pdf/fonts';
import { clearGridQr, getGridQr, setGridQr } from '../services/grids/qr';
import { checkBoardPrint, checkCardPrint, printBoards, printCards } from '../services/print/print';

type Handler<K extends HandlerName> = (ctx: AppContext, input: HandlerArgs<K>) => Promise<HandlerOutput<K>>;

/** The handler table: one entry per name in the shared contract, each a thin call into a service. */
export type HandlerTable = { [K in HandlerName]: Handler<K> };

export const handlers: HandlerTable = {
  'app/info': async (ctx) => ({
    version: ctx.version,
    dbPath: ctx.handle.path,
    backupDir: ctx.backupDir,
    schemaVersion: latestMigration,
  }),
  'stats/get': (ctx) => getStats(ctx.handle.db),

  'grids/tree': (ctx) => grids.listTree(ctx.handle.db),
  'grids/get': (ctx, { id }) => grids.getGrid(ctx.handle.db, id),
  'grids/create': (ctx, input) => grids.createGrid(ctx.handle.db, input),
  'grids/update': (ctx, input) => grids.updateGrid(ctx.handle.db, input),
  'grids/move': (ctx, input) => grids.moveGrid(ctx.handle.db, input),
  'grids/deletePreview': (ctx, { id }) => grids.deletePreview(ctx.handle.db, id),
  'grids/delete': (ctx, input) => grids.deleteGrid(ctx.handle.db, input),
  'grids/suggestCode': async (ctx, { parentId }) => ({ code: await grids.suggestCode(ctx.handle.db, parentId) }),

  'settings/get': (ctx) => getSettings(ctx.handle.db),
  'settings/update': (ctx, input) => updateSettings(ctx.handle.db, input),

  'backup/list': async (ctx) => listBackups(ctx.backupDir),
  'backup/create': async (ctx) => {
    const made = await backupNow(ctx.handle, ctx.backupDir);
    pruneBackups(ctx.backupDir);
    return made;
  },
  'backup/restore': async (ctx, { name }) => {
    // Only a file from the backup folder, by its bare name.
    const known = listBackups(ctx.backupDir).find((b) => b.name === name);
    if (!known || path.basename(name) !== name) {
      throw new AppError('NOT_FOUND', `备份“${name}”不存在，可能已被清理。请刷新备份列表。`);
    }
    const { safetyBackup } = await restoreInto(ctx, path.join(ctx.backupDir, name));
    return { restoredFrom: name, safetyBackup };
  },
  'backup/restoreFromFile': async (ctx) => {
    const file = await ctx.pickFile({
      title: '选择要恢复的备份文件',
      extensions: ['sqlite', 'db'],
      filterName: '数据库备份',
    });
    if (!file) throw new AppError('CANCELLED', '已取消恢复。');
    const { safetyBackup } = await restoreInto(ctx, file);
    return { restoredFrom: path.basename(file), safetyBackup };
  },

  'demo/create': async (ctx) => {
    const r = await createDemo(ctx.handle.db);
    return { township: r.township, grids: r.grids };
  },

  'grids/assignments': (ctx, { id }) => workers.gridAssignments(ctx.handle.db, id),
  'grids/vacancies': (ctx, input) => workers.listVacancies(ctx.handle.db, input),
  'workers/list': (ctx, input) => workers.listWorkers(ctx.handle.db, input),
  'workers/get': (ctx, { id }) => workers.getWorker(ctx.handle.db, id),
  'workers/create': (ctx, input) => workers.createWorker(ctx.handle.db, input),
  'workers/update': (ctx, input) => workers.updateWorker(ctx.handle.db, input),
  'assignments/create': (ctx, input) => workers.assignWorker(ctx.handle.db, input),
  'assignments/end': (ctx, input) => workers.endAssignment(ctx.handle.db, input),
  'households/list': (ctx, input) => households.listHouseholds(ctx.handle.db, input),
  'households/get': (ctx, { id }) => households.getHousehold(ctx.handle.db, id),
  'households/create': (ctx, input) => households.createHousehold(ctx.handle.db, input),
  'households/update': (ctx, input) => households.updateHousehold(ctx.handle.db, input),
  'households/delete': (ctx, { id }) => households.deleteHousehold(ctx.handle.db, id),
  'households/move': (ctx, input) => households.moveHouseholds(ctx.handle.db, input),

  'import/pickFile': async (ctx) => {
    const file = await ctx.pickFile({
      title: '选择要导入的花名册',
      extensions: ['xlsx', 'csv', 'xls'],
      filterName: 'Excel 或 CSV',
    });
    if (file) pickedBy(ctx).add(file);
    return { file };
  },
  'import/analyze': (ctx, input) => importFile(ctx, input, true),
  'import/commit': (ctx, input) => importFile(ctx, input, false),
  'import/errorWorkbook': async (ctx, input) => {
    const r = await importFile(ctx, input, true);
    const base = path.basename(input.file, path.extname(input.file));
    const out = await askSavePath(ctx, '保存错误清单', `${base}-错误清单.xlsx`);
    if (!out) return { file: null, rows: 0 };
    const headerRows = Object.fromEntries(r.sheets.map((s) => [s.sheet, s.headerRow]));
    const { rows } = await writeErrorWorkbook(input.file, r.errors, headerRows, out);
    return { file: out, rows };
  },
  'import/template': async (ctx) => {
    const out = await askSavePath(ctx, '保存导入模板', '网格员及住户花名册导入模板.xlsx');
    if (!out) return { file: null, rows: 0 };
    await writeTemplate(out);
    return { file: out, rows: 0 };
  },
  'export/workers': async (ctx, input) => {
    const out = await askSavePath(ctx, '导出网格员花名册', `网格员花名册-${todayText()}.xlsx`);
    if (!out) return { file: null, rows: 0 };
    return { file: out, ...(await exportWorkers(ctx.handle.db, out, input)) };
  },
  'export/households': async (ctx, input) => {
    const out = await askSavePath(ctx, '导出住户花名册', `住户花名册-${todayText()}.xlsx`);
    if (!out) return { file: null, rows: 0 };
    return { file: out, ...(await exportHouseholds(ctx.handle.db, out, input)) };
  },
  'workers/photo': (ctx, { id }) => workers.getPhoto(ctx.handle.db, id),
  'workers/setPhoto': async (ctx, { id }) =>
    workers.setPhoto(ctx.handle.db, id, await readPickedImage(ctx, '选择网格员照片')),
  'workers/clearPhoto': (ctx, { id }) => workers.clearPhoto(ctx.handle.db, id),
  'grids/qr': (ctx, { id }) => getGridQr(ctx.handle.db, id),
  'grids/setQr': async (ctx, { id }) =>
    setGridQr(ctx.handle.db, id, await readPickedImage(ctx, '选择微信群二维码图片')),
  'grids/clearQr': (ctx, { id }) => clearGridQr(ctx.handle.db, id),
  'print/check': async (ctx, input) => {
    const font = fontFile(ctx.resourcesDir);
    return input.kind === 'cards'
      ? checkCardPrint(ctx.handle.db, input.gridId, font, input)
      : checkBoardPrint(ctx.handle.db, input.gridId, font, input);
  },
  'print/cards': async (ctx, input) => {
    const grid = await grids.getGrid(ctx.handle.db, input.gridId);
    const out = await askSavePath(ctx, '保存联系卡', `${grid.name}网格员联系卡.pdf`);
    if (!out) return { file: null, pages: 0 };
    cancelled.set(ctx, false);
    const r = await printCards(ctx.handle.db, input.gridId, out, fontFile(ctx.resourcesDir), {
      ...input,
      isCancelled: () => cancelled.get(ctx) === true,
      onProgress: (done, total) =>
        ctx.emit('progress', { task: 'print', done, total, message: `已生成 ${done} / ${total} 张` }),
    });
    return { file: out, pages: r.pages };
  },
  'print/signboard': async (ctx, input) => {
    const grid = await grids.getGrid(ctx.handle.db, input.gridId);
    const out = await askSavePath(ctx, '保存公示牌', `${grid.name}网格员公示牌.pdf`);
    if (!out) return { file: null, pages: 0 };
    const r = await printBoards(ctx.handle.db, input.gridId, out, fontFile(ctx.resourcesDir), input);
    return { file: out, pages: r.pages };
  },
  'print/cancel': async (ctx) => {
    cancelled.set(ctx, true);
    return { cancelled: true };
  },
  'files/open': async (ctx, { file }) => {
    // Only files GridDesk itself saved in this session, never an arbitrary path.
    if (!savedBy(ctx).has(file) || !/\.(xlsx|pdf|csv)$/i.test(file)) {
      throw new AppError('FORBIDDEN', '只能打开本软件刚刚保存的文件。');
    }
    await ctx.openPath(file);
    return { opened: true };
  },
};

/** Asks the clerk for a JPG/PNG and reads it (checked by the service that stores it). */
async function readPickedImage(ctx: AppContext, title: string): Promise<Buffer> {
  const file = await ctx.pickFile({ title, extensions: ['jpg', 'jpeg', 'png'], filterName: '图片' });
  if (!file) throw new AppError('CANCELLED', '已取消。');
  try {
    return await fs.promises.readFile(file);
  } catch {
    throw new AppError('NOT_FOUND', `无法读取图片文件：${file}`);
  }
}

const cancelled = new WeakMap<AppContext, boolean>();
const saved = new WeakMap<AppContext, Set<string>>();
function savedBy(ctx: AppContext): Set<string> {
  let set = saved.get(ctx);
  if (!set) saved.set(ctx, (set = new Set()));
  return set;
}

/** Asks where to save, and remembers the answer so the clerk may open the file afterwards. */
async function askSavePath(ctx: AppContext, title: string, defaultName: string): Promise<string | null> {
  const pdf = defaultName.endsWith('.pdf');
  const out = await ctx.saveFile({
    title,
    defaultName,
    extensions: [pdf ? 'pdf' : 'xlsx'],
    filterName: pdf ? 'PDF 文件' : 'Excel 工作簿',
  });
  if (out) savedBy(ctx).add(out);
  return out;
}

const picked = new WeakMap<AppContext, Set<string>>();
function pickedBy(ctx: AppContext): Set<string> {
  let set = picked.get(ctx);
  if (!set) picked.set(ctx, (set = new Set()));
  return set;
}

async function importFile(ctx: AppContext, input: Args<'import/analyze'>, dryRun: boolean) {
  // Only a file the clerk picked in the open dialog, never a path the page made up.
  if (!pickedBy(ctx).has(input.file)) throw new AppError('FORBIDDEN', '请先通过“选择文件”选择要导入的文件。');
  return runImport(ctx.handle.db, input.file, {
    kind: input.kind,
    overrides: input.overrides,
    skipInvalid: input.skipInvalid,
    dryRun,
    onProgress: (phase, done, total) =>
      ctx.emit('progress', {
        task: 'import',
        done,
        total,
        message: phase === 'read' ? '正在读取文件' : '正在写入数据库',
      }),
  });
}
