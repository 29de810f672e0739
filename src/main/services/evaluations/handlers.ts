import { evaluationsApi } from '../../../shared/evaluations';
import { defineHandlers } from '../../ipc/define';

export const evaluationsHandlers = defineHandlers(evaluationsApi, {});
