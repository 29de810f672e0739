/**
 * The API contract between the renderer and the main process: every capability is a named
 * handler (`domain/verb`) with a zod input schema (validated in main) and an output type.
 * The main-process handler table must implement exactly this; the renderer's `api.call` is
 * typed from it end to end.
 */
import { z } from 'zod';
import type { Result } from './errors';
import {
  gridCreateSchema,
  gridDeleteSchema,
  gridIdSchema,
  gridMoveSchema,
  gridSuggestCodeSchema,
  gridUpdateSchema,
  type DeletePreview,
  type GridNode,
} from './grids';
import {
  assignmentEndSchema,
  assignmentFieldsSchema,
  householdFieldsSchema,
  householdListSchema,
  householdMoveSchema,
  householdUpdateSchema,
  vacanciesSchema,
  workerFieldsSchema,
  workerListSchema,
  workerUpdateSchema,
  type AssignmentView,
  type HouseholdView,
  type Vacancy,
  type WorkerDetail,
  type WorkerSummary,
} from './people';
import { boardPrintSchema, cardPrintSchema, printCheckSchema, type PrintCheckResult, type PrintResult } from './print';
import { exportRequestSchema, importRequestSchema, type ImportResult } from './imports';
import { settingsSchema, type AppInfo, type BackupInfo, type Settings, type Stats } from './settings';

const none = z.object({}).strict();

export const inputSchemas = {
  'app/info': none,
  'stats/get': none,
  'grids/tree': none,
  'grids/get': gridIdSchema,
  'grids/create': gridCreateSchema,
  'grids/update': gridUpdateSchema,
  'grids/move': gridMoveSchema,
  'grids/deletePreview': gridIdSchema,
  'grids/delete': gridDeleteSchema,
  'grids/suggestCode': gridSuggestCodeSchema,
  'settings/get': none,
  'settings/update': settingsSchema,
  'backup/list': none,
  'backup/create': none,
  'backup/restore': z.object({ name: z.string().min(1).max(200) }).strict(),
  'backup/restoreFromFile': none,
  'demo/create': none,
  'grids/assignments': gridIdSchema,
  'grids/vacancies': vacanciesSchema,
  'workers/list': workerListSchema,
  'workers/get': gridIdSchema,
  'workers/create': workerFieldsSchema,
  'workers/update': workerUpdateSchema,
  'assignments/create': assignmentFieldsSchema,
  'assignments/end': assignmentEndSchema,
  'households/list': householdListSchema,
  'households/get': gridIdSchema,
  'households/create': householdFieldsSchema,
  'households/update': householdUpdateSchema,
  'households/delete': gridIdSchema,
  'households/move': householdMoveSchema,
  'import/pickFile': none,
  'import/analyze': importRequestSchema,
  'import/commit': importRequestSchema,
  'import/errorWorkbook': importRequestSchema,
  'import/template': none,
  'export/workers': exportRequestSchema,
  'export/households': exportRequestSchema,
  'files/open': z.object({ file: z.string().min(1).max(1000) }).strict(),
  'workers/photo': gridIdSchema,
  'workers/setPhoto': gridIdSchema,
  'workers/clearPhoto': gridIdSchema,
  'grids/qr': gridIdSchema,
  'grids/setQr': gridIdSchema,
  'grids/clearQr': gridIdSchema,
  'print/check': printCheckSchema,
  'print/cards': cardPrintSchema,
  'print/signboard': boardPrintSchema,
  'print/cancel': none,
} as const;

export type HandlerName = keyof typeof inputSchemas;

export interface RestoreResult {
  /** The backup file that is now the live database. */
  restoredFrom: string;
  /** The copy of the database as it was just before the restore. */
  safetyBackup: string;
}

export interface HandlerOutputs {
  'app/info': AppInfo;
  'stats/get': Stats;
  'grids/tree': GridNode[];
  'grids/get': GridNode;
  'grids/create': GridNode;
  'grids/update': GridNode;
  'grids/move': GridNode;
  'grids/deletePreview': DeletePreview;
  'grids/delete': { deleted: number };
  'grids/suggestCode': { code: string | null };
  'settings/get': Settings;
  'settings/update': Settings;
  'backup/list': BackupInfo[];
  'backup/create': BackupInfo;
  'backup/restore': RestoreResult;
  'backup/restoreFromFile': RestoreResult;
  'demo/create': { township: GridNode; grids: number };
  'grids/assignments': AssignmentView[];
  'grids/vacancies': Vacancy[];
  'workers/list': { total: number; rows: WorkerSummary[] };
  'workers/get': WorkerDetail;
  'workers/create': WorkerDetail;
  'workers/update': WorkerDetail;
  'assignments/create': WorkerDetail;
  'assignments/end': WorkerDetail;
  'households/list': { total: number; rows: HouseholdView[] };
  'households/get': HouseholdView;
  'households/create': HouseholdView;
  'households/update': HouseholdView;
  'households/delete': { deleted: number };
  'households/move': { moved: number };
  'import/pickFile': { file: string | null };
  'import/analyze': ImportResult;
  'import/commit': ImportResult;
  'import/errorWorkbook': SavedFile;
  'import/template': SavedFile;
  'export/workers': SavedFile;
  'export/households': SavedFile;
  'files/open': { opened: boolean };
  'workers/photo': { photo: string | null };
  'workers/setPhoto': { photo: string | null };
  'workers/clearPhoto': { photo: string | null };
  'grids/qr': { image: string | null };
  'grids/setQr': { image: string | null };
  'grids/clearQr': { image: string | null };
  'print/check': PrintCheckResult;
  'print/cards': PrintResult;
  'print/signboard': PrintResult;
  'print/cancel': { cancelled: boolean };
}

/** A file written where the clerk chose (null: the clerk cancelled the save dialog). */
export interface SavedFile {
  file: string | null;
  rows: number;
}

/** What the renderer passes (defaults may be omitted). */
export type HandlerInput<K extends HandlerName> = z.input<(typeof inputSchemas)[K]>;
/** What the handler receives after validation. */
export type HandlerArgs<K extends HandlerName> = z.output<(typeof inputSchemas)[K]>;
export type HandlerOutput<K extends HandlerName> = HandlerOutputs[K];

/** Events the main process pushes to the renderer. */
export interface ApiEvents {
  progress: { task: string; done: number; total: number; message?: string };
}

/** The one object the preload exposes as `window.api`. */
export interface GridDeskApi {
  call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Result<HandlerOutput<K>>>;
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export { IPC_CALL, IPC_EVENT } from './ipc-channels';

// Compile-time check: the outputs table names exactly the handlers that have schemas.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractIsComplete: Exact<keyof HandlerOutputs, HandlerName> = true;
