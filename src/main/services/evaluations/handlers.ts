import { evaluationsApi } from '../../../shared/evaluations';
import { defineHandlers } from '../../ipc/define';
import { exportSheet } from './export';
import { combined, flags, history } from './history';
import { importPreview, importScores } from './import';
import { approveSheet, correctSheet, deleteSheet, refreshSheet } from './lifecycle';
import { archiveScheme, createScheme, listSchemes, updateScheme } from './schemes';
import { createSheet, setScore } from './sheets';
import { getSheet, listSheets } from './views';

export const evaluationsHandlers = defineHandlers(evaluationsApi, {
  'evaluations/schemes/list': ({ db }) => listSchemes(db),
  'evaluations/schemes/create': ({ db, audit }, input) => createScheme(db, input, audit),
  'evaluations/schemes/update': ({ db, audit }, input) => updateScheme(db, input, audit),
  'evaluations/schemes/archive': ({ db, audit }, input) => archiveScheme(db, input, audit),
  'evaluations/sheets/list': ({ db }, input) => listSheets(db, input),
  'evaluations/sheets/get': ({ db }, { id }) => getSheet(db, id),
  'evaluations/sheets/create': ({ db, audit }, input) => createSheet(db, input, audit),
  'evaluations/sheets/refresh': ({ db, audit }, { id }) => refreshSheet(db, id, audit),
  'evaluations/sheets/delete': ({ db, audit }, { id }) => deleteSheet(db, id, audit),
  'evaluations/scores/set': ({ db, audit }, input) => setScore(db, input, audit),
  'evaluations/sheets/approve': ({ db, audit }, input) => approveSheet(db, input, audit),
  'evaluations/sheets/correct': ({ db, audit }, input) => correctSheet(db, input, audit),
  'evaluations/sheets/export': ({ db }, { id, out }) => exportSheet(db, id, out),
  'evaluations/sheets/importPreview': ({ db }, { id, file }) => importPreview(db, id, file),
  'evaluations/sheets/import': ({ db, audit }, { id, file }) => importScores(db, id, file, audit),
  'evaluations/history': ({ db }, { workerId }) => history(db, workerId),
  'evaluations/flags': ({ db }) => flags(db),
  'evaluations/combined': ({ db }, input) => combined(db, input),
});
