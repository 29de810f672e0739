import { searchApi } from '../../../shared/search';
import { defineHandlers } from '../../ipc/define';
import { searchAll } from './search';

export const searchHandlers = defineHandlers(searchApi, {
  'search/all': ({ db }, { text, limit }) => searchAll(db, text, limit),
});
