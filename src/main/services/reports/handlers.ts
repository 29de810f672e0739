import { reportsApi } from '../../../shared/reports';
import { defineHandlers } from '../../ipc/define';
import { dashboard } from './dashboard';
import { reportFigures } from './figures';
import { inspectPackages, mergePackages, townshipIdentity, writePackage } from './packages';
import { writeReportWorkbook } from './workbook';

export const reportsHandlers = defineHandlers(reportsApi, {
  'reports/figures': ({ db }, period) => reportFigures(db, period),
  'reports/dashboard': ({ db }, period) => dashboard(db, period),
  'reports/workbook': async ({ db }, { out, ...period }) => writeReportWorkbook(await reportFigures(db, period), out),
  'reports/package': async ({ db, app }, { out, ...period }) =>
    writePackage(await townshipIdentity(db, await reportFigures(db, period)), out, app.version),
  'reports/inspectPackages': ({ app }, { files }) => inspectPackages(files, app.version),
  'reports/merge': ({ app }, { files, perVillage, out, expected }) =>
    mergePackages(files, { perVillage, out, version: app.version, expected }),
});
