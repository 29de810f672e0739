import { subsidiesApi } from '../../../shared/subsidies';
import { defineHandlers } from '../../ipc/define';

export const subsidiesHandlers = defineHandlers(subsidiesApi, {});
