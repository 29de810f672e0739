import { reportsApi } from '../../../shared/reports';
import { AppError } from '../../errors';
import type { Handlers } from '../../ipc/define';
import { defineHandlers } from '../../ipc/define';

// Placeholder until the reports service lands: every endpoint answers that it is not ready.
const notYet = Object.fromEntries(
  Object.keys(reportsApi).map((k) => [k, () => Promise.reject(new AppError('CONFLICT', '报表功能尚在开发中'))]),
) as unknown as Handlers<typeof reportsApi>;

export const reportsHandlers = defineHandlers(reportsApi, notYet);
