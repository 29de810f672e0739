/**
 * The API contract between the renderer and the main process: every capability is a named
 * endpoint (`domain/verb`) with a zod input schema (validated in main), an output type and
 * whether it writes. Each domain declares its endpoints in its own file; this table only
 * combines them — a new domain adds one line here.
 */
import { z } from 'zod';
import type { Result } from './errors';
import type { OutputOf } from './contract';
import { auditApi } from './audit';
import { filesApi } from './files';
import { gridsApi } from './grids';
import { evaluationsApi } from './evaluations';
import { exportsApi, importsApi } from './imports';
import { householdsApi, workersApi } from './people';
import { printApi } from './print';
import { recommendationsApi } from './recommendations';
import { recordsApi } from './records';
import { reportsApi } from './reports';
import { searchApi } from './search';
import { systemApi } from './settings';
import { subsidiesApi } from './subsidies';

export const contract = {
  ...systemApi,
  ...gridsApi,
  ...workersApi,
  ...householdsApi,
  ...importsApi,
  ...exportsApi,
  ...printApi,
  ...filesApi,
  ...auditApi,
  ...searchApi,
  ...recordsApi,
  ...evaluationsApi,
  ...recommendationsApi,
  ...subsidiesApi,
  ...reportsApi,
};

export type ApiContract = typeof contract;
export type HandlerName = keyof ApiContract;

/** What the renderer passes (defaults may be omitted). */
export type HandlerInput<K extends HandlerName> = z.input<ApiContract[K]['input']>;
/** What the handler receives after validation. */
export type HandlerArgs<K extends HandlerName> = z.output<ApiContract[K]['input']>;
export type HandlerOutput<K extends HandlerName> = OutputOf<ApiContract[K]>;

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Whether an endpoint changes the database (pages refresh what they show after one). */
export function isWrite(name: HandlerName): boolean {
  return contract[name].write !== null;
}

/** Events the main process pushes to the renderer. */
export interface ApiEvents {
  progress: { task: string; done: number; total: number; message?: string };
}

/** The one object the preload exposes as `window.api`. */
export interface GridDeskApi {
  call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Result<HandlerOutput<K>>>;
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export type { SavedFile } from './imports';
export type { RestoreResult } from './settings';
export { IPC_CALL, IPC_EVENT } from './ipc-channels';
