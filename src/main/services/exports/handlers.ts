import { exportsApi } from '../../../shared/imports';
import { defineHandlers } from '../../ipc/define';

// exceljs loads only when a workbook is written.
const excel = () => import('./exports');
const lists = () => import('./lists');

export const exportsHandlers = defineHandlers(exportsApi, {
  'export/workers': async ({ db }, { out, ...options }) => ({
    file: out,
    ...(await (await excel()).exportWorkers(db, out, options)),
  }),
  'export/households': async ({ db }, { out, ...options }) => ({
    file: out,
    ...(await (await excel()).exportHouseholds(db, out, options)),
  }),
  'export/vacancies': async ({ db }, { out, ...input }) => ({
    file: out,
    ...(await (await lists()).exportVacancies(db, out, input)),
  }),
  'export/contacts': async ({ db }, { out, gridId }) => ({
    file: out,
    ...(await (await lists()).exportContacts(db, out, gridId)),
  }),
});
