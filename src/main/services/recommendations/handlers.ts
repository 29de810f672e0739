import { recommendationsApi } from '../../../shared/recommendations';
import { defineHandlers } from '../../ipc/define';

export const recommendationsHandlers = defineHandlers(recommendationsApi, {});
