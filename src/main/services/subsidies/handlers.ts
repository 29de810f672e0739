import { subsidiesApi } from '../../../shared/subsidies';
import { defineHandlers } from '../../ipc/define';
import {
  adjustLine,
  approveBatch,
  createBatch,
  deleteBatch,
  getBatch,
  listBatches,
  markPaid,
  recomputeBatch,
  yearTotals,
} from './batches';
import { computePeriod } from './compute';
import { exportBatch, exportPeriod } from './export';
import { deleteRule, listRules, saveRule } from './rules';
import { deletePost, deleteShare, listPosts, listShares, savePost, saveShare } from './setup';

export const subsidiesHandlers = defineHandlers(subsidiesApi, {
  'subsidies/rules/list': ({ db }) => listRules(db),
  'subsidies/rules/save': ({ db, audit }, input) => saveRule(db, input, audit),
  'subsidies/rules/delete': ({ db, audit }, { id }) => deleteRule(db, id, audit),
  'subsidies/shares/list': ({ db }, { year }) => listShares(db, year),
  'subsidies/shares/save': ({ db, audit }, input) => saveShare(db, input, audit),
  'subsidies/shares/delete': ({ db, audit }, { id }) => deleteShare(db, id, audit),
  'subsidies/posts/list': ({ db }, { workerId }) => listPosts(db, workerId),
  'subsidies/posts/save': ({ db, audit }, input) => savePost(db, input, audit),
  'subsidies/posts/delete': ({ db, audit }, { id }) => deletePost(db, id, audit),
  'subsidies/compute': ({ db }, input) => computePeriod(db, input),
  'subsidies/batches/list': ({ db }) => listBatches(db),
  'subsidies/batches/get': ({ db }, { id }) => getBatch(db, id),
  'subsidies/batches/create': ({ db, audit }, input) => createBatch(db, input, audit),
  'subsidies/batches/recompute': ({ db, audit }, { id }) => recomputeBatch(db, id, audit),
  'subsidies/batches/delete': ({ db, audit }, { id }) => deleteBatch(db, id, audit),
  'subsidies/lines/adjust': ({ db, audit }, input) => adjustLine(db, input, audit),
  'subsidies/batches/approve': ({ db, audit }, input) => approveBatch(db, input, audit),
  'subsidies/batches/paid': ({ db, audit }, input) => markPaid(db, input, audit),
  'subsidies/batches/export': ({ db }, { id, out, fullIdNumbers }) => exportBatch(db, id, out, { fullIdNumbers }),
  'subsidies/exportPeriod': ({ db }, { out, fullIdNumbers, ...period }) =>
    exportPeriod(db, period, out, { fullIdNumbers }),
  'subsidies/totals': ({ db }, { year }) => yearTotals(db, year),
});
