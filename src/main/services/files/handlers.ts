import path from 'node:path';
import { filesApi, OPEN_PURPOSES, saveFilterFor } from '../../../shared/files';
import { AppError } from '../../errors';
import { defineHandlers } from '../../ipc/define';

/** The shell's dialogs, behind the port; what the clerk chose becomes usable by the page. */
export const filesHandlers = defineHandlers(filesApi, {
  'files/chooseOpen': async ({ app }, { purpose, title }) => {
    const spec = OPEN_PURPOSES[purpose];
    const file = await app.pickFile({ ...spec, extensions: [...spec.extensions], title: title ?? spec.title });
    if (file) app.paths.grant('read', file);
    return { file };
  },
  'files/chooseSave': async ({ app }, { title, defaultName }) => {
    const file = await app.saveFile({ title, defaultName, ...saveFilterFor(defaultName) });
    if (file) app.paths.grant('write', file);
    return { file };
  },
  'files/open': async ({ app }, { file }) => {
    // Only a file written where the clerk chose to save, never an arbitrary path.
    if (!app.paths.allows('write', file) || !/\.(xlsx|pdf|csv)$/i.test(file)) {
      throw new AppError('FORBIDDEN', '只能打开本软件刚刚保存的文件。');
    }
    await app.openPath(path.resolve(file));
    return { opened: true };
  },
});
