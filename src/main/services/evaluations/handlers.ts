import { evaluationsApi } from '../../../shared/evaluations';
import { AppError } from '../../errors';
import type { Handlers } from '../../ipc/define';
import { defineHandlers } from '../../ipc/define';

// Placeholder until the evaluations service lands: every endpoint answers that it is not ready.
const notYet = Object.fromEntries(
  Object.keys(evaluationsApi).map((k) => [k, () => Promise.reject(new AppError('CONFLICT', '考核功能尚在开发中'))]),
) as unknown as Handlers<typeof evaluationsApi>;

export const evaluationsHandlers = defineHandlers(evaluationsApi, notYet);
