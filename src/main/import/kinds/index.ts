/**
 * The kinds of sheet the import recognises. A new kind (a ledger of disputes, services,
 * trainings…) is one module exporting an ImportKind, and one line here.
 */
import { householdsKind } from './households';
import { LEDGER_KINDS } from './ledgers';
import type { ImportKind } from './types';
import { workersKind } from './workers';

/** In this order they are planned and written, and their counts listed. */
export const IMPORT_KINDS: readonly ImportKind[] = [workersKind, householdsKind, ...LEDGER_KINDS];
