import type { ApiContract } from '../../shared/api';
import { auditHandlers } from '../services/audit/handlers';
import { evaluationsHandlers } from '../services/evaluations/handlers';
import { exportsHandlers } from '../services/exports/handlers';
import { filesHandlers } from '../services/files/handlers';
import { gridsHandlers } from '../services/grids/handlers';
import { householdsHandlers } from '../services/households/handlers';
import { importsHandlers } from '../services/imports/handlers';
import { printHandlers } from '../services/print/handlers';
import { recommendationsHandlers } from '../services/recommendations/handlers';
import { reportsHandlers } from '../services/reports/handlers';
import { recordsHandlers } from '../services/records/handlers';
import { searchHandlers } from '../services/search/handlers';
import { systemHandlers } from '../services/settings/handlers';
import { subsidiesHandlers } from '../services/subsidies/handlers';
import { workersHandlers } from '../services/workers/handlers';
import type { Handlers } from './define';

/** The handler table: each domain's handlers, combined. A new domain adds one line. */
export const handlers = {
  ...systemHandlers,
  ...gridsHandlers,
  ...workersHandlers,
  ...householdsHandlers,
  ...importsHandlers,
  ...exportsHandlers,
  ...printHandlers,
  ...filesHandlers,
  ...auditHandlers,
  ...searchHandlers,
  ...recordsHandlers,
  ...evaluationsHandlers,
  ...recommendationsHandlers,
  ...subsidiesHandlers,
  ...reportsHandlers,
};

export type HandlerTable = Handlers<ApiContract>;

// Compile-time check: the table implements exactly the contract's endpoints, each with its types.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const tableIsComplete: Exact<keyof typeof handlers, keyof ApiContract> = true;
const typed: HandlerTable = handlers;
void typed;
