import { recordsApi } from '../../../shared/records';
import { AppError } from '../../errors';
import { defineHandlers } from '../../ipc/define';
import { recordStats } from './stats';

// Being built (issue 10): each handler is replaced by its service as it lands.
const pending = (): never => {
  throw new AppError('NOT_FOUND', '记录功能尚在开发中');
};

export const recordsHandlers = defineHandlers(recordsApi, {
  'records/list': pending,
  'records/get': pending,
  'records/create': pending,
  'records/update': pending,
  'records/delete': pending,
  'records/bulkCreate': pending,
  'records/timeline': pending,
  'records/stats': ({ db }, input) => recordStats(db, input),
});
