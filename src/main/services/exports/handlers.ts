import { exportsApi } from '../../../shared/imports';
import { defineHandlers } from '../../ipc/define';

// exceljs loads only when a workbook is written.
const excel = () => import('./exports');

export const exportsHandlers = defineHandlers(exportsApi, {
  'export/workers': async ({ db }, { out, ...options }) => ({
    file: out,
    ...(await (await excel()).exportWorkers(db, out, options)),
  }),
  'export/households': async ({ db }, { out, ...options }) => ({
    file: out,
    ...(await (await excel()).exportHouseholds(db, out, options)),
  }),
});
