import { subsidiesApi } from '../../../shared/subsidies';
import { AppError } from '../../errors';
import type { Handlers } from '../../ipc/define';
import { defineHandlers } from '../../ipc/define';

// Placeholder until the subsidies service lands: every endpoint answers that it is not ready.
const notYet = Object.fromEntries(
  Object.keys(subsidiesApi).map((k) => [k, () => Promise.reject(new AppError('CONFLICT', '补贴功能尚在开发中'))]),
) as unknown as Handlers<typeof subsidiesApi>;

export const subsidiesHandlers = defineHandlers(subsidiesApi, notYet);
