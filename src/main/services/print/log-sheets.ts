/**
 * Blank monthly log sheets for a village (every household grid under it, each with its own worker)
 * or for a worker (every household grid they hold now). Phones print masked (138****5678): the
 * sheets lie on tables in villagers' houses. Households come in grid-code order, then in the order
 * they were entered — the order the bulk grid prefills them, so the clerk types the sheet back
 * line by line.
 */
import { maskPersonal } from '../../../shared/privacy';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { checkLogSheets, writeLogSheets, type LogSheetKind, type LogSheetSection } from '../../pdf/log-sheets';
import { gridPaths, subtreeOf } from '../grids/queries';
import { holdersOn } from '../workers/queries';
import { currentHolders, mainWorker, printRoot, printSettings } from './holders';

export interface LogSheetRequest {
  kind: LogSheetKind;
  month: string;
  gridId?: number | null;
  workerId?: number | null;
}

/** The grids the sheets cover, and who each sheet is for when it is one worker's. */
async function sheetGrids(db: DbOrTrx, req: LogSheetRequest): Promise<{ roots: number[]; worker: string | null }> {
  if (req.workerId) {
    const held = await holdersOn(db).select(['a.grid_id', 'w.name']).where('a.worker_id', '=', req.workerId).execute();
    if (held.length === 0) {
      const w = await db.selectFrom('workers').select('name').where('id', '=', req.workerId).executeTakeFirst();
      if (!w) throw new AppError('NOT_FOUND', '找不到所选网格员。');
      throw new AppError('VALIDATION', `网格员“${w.name}”目前没有负责的网格，没有可打印的登记表。`);
    }
    return { roots: held.map((h) => h.grid_id), worker: held[0]!.name };
  }
  if (!req.gridId) throw new AppError('VALIDATION', '请选择村（社区）、网格或网格员。');
  await printRoot(db, req.gridId);
  return { roots: [req.gridId], worker: null };
}

/** Household grids (level 4, or any grid holding households directly) under the roots, in code order. */
async function householdGrids(db: DbOrTrx, roots: number[]) {
  const out = new Map<number, { id: number; code: string }>();
  for (const root of roots) {
    const rows = await db
      .selectFrom('grids as g')
      .select(['g.id', 'g.code'])
      .where('g.id', 'in', subtreeOf(db, root))
      .where((eb) =>
        eb.or([
          eb('g.level', '=', 4),
          eb.exists(eb.selectFrom('households as h').select('h.id').whereRef('h.grid_id', '=', 'g.id')),
        ]),
      )
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export async function loadLogSheets(db: DbOrTrx, req: LogSheetRequest) {
  const { roots, worker } = await sheetGrids(db, req);
  const grids = await householdGrids(db, roots);
  if (grids.length === 0) throw new AppError('VALIDATION', '所选范围内没有户级网格，没有可打印的登记表。');
  const ids = grids.map((g) => g.id);
  const [paths, holders, settings, households] = await Promise.all([
    gridPaths(db, ids),
    currentHolders(db, ids, false),
    printSettings(db),
    db
      .selectFrom('households')
      .select(['id', 'grid_id', 'head_name', 'door_number', 'phone'])
      .where('grid_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const sections: LogSheetSection[] = grids.map((g) => ({
    gridCode: g.code,
    gridLabel: paths.get(g.id)?.label ?? g.code,
    worker: worker ?? mainWorker(holders, g.id)?.name ?? '待配备',
    rows: households
      .filter((h) => h.grid_id === g.id)
      .map((h) => ({ headName: h.head_name, doorNumber: h.door_number, phone: maskPersonal(h.phone) })),
  }));
  return { kind: req.kind, month: req.month, unit: settings.unitName, sections };
}

export async function printLogSheets(
  db: DbOrTrx,
  req: LogSheetRequest,
  out: string,
  fontPath: string,
): Promise<{ pages: number; sheets: number; households: number }> {
  const sheets = await loadLogSheets(db, req);
  const missing = checkLogSheets(sheets, fontPath);
  if (missing.length > 0) {
    const where = missing
      .slice(0, 10)
      .map((m) => `“${m.char}”（${m.where}）`)
      .join('；');
    throw new AppError(
      'VALIDATION',
      `字体中没有以下 ${missing.length} 处文字，打印出来会缺字：${where}。请核对这些姓名（生僻字可改用常用写法），再打印。`,
    );
  }
  const { pages } = await writeLogSheets(sheets, out, fontPath);
  const households = sheets.sections.reduce((n, s) => n + s.rows.length, 0);
  return { pages, sheets: sheets.sections.length, households };
}
