/**
 * The figures per village for a period and subtree: the one computation behind every report.
 * Records are counted with `recordStats`' own rules: one village by `recordStats` itself, the whole
 * township by its per-grid form (`recordCountsByGrid`, one grouped pass), so a village's row is what
 * `records stats --grid <village>` says and the 合计 what `records stats` says.
 */
import type { ReportFigures, VillageFigures } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { emptyGridCounts, recordCountsByGrid, recordStats, type GridCounts } from '../records/stats';
import { getSettings } from '../settings/settings';
import { addIncentives, emptyIncentives, type IncentivePart } from './figures-incentives';
import { addRoster, emptyRoster, loadTree, type GridNode, type RosterPart, type Tree } from './figures-roster';

type RecordPart = Pick<
  VillageFigures,
  | 'publicityItems'
  | 'publicityHouseholds'
  | 'reports'
  | 'importantReports'
  | 'disputesFound'
  | 'disputesHandled'
  | 'disputesSuccess'
  | 'services'
  | 'visits'
  | 'visitHouseholds'
  | 'trainings'
  | 'trainingAttendance'
>;

function recordPart(s: GridCounts): RecordPart {
  return {
    publicityItems: s.publicity.items,
    publicityHouseholds: s.publicity.households,
    reports: s.reports.total,
    importantReports: s.reports.important,
    disputesFound: s.disputes.found,
    disputesHandled: s.disputes.handled,
    disputesSuccess: s.disputes.success,
    services: s.services,
    visits: s.visits.logs,
    visitHouseholds: s.visits.households,
    trainings: s.trainings.sessions,
    trainingAttendance: s.trainings.attendance,
  };
}

function emptyRow(villageId: number | null, code: string, name: string): VillageFigures {
  const zero = recordPart(emptyGridCounts());
  return { villageId, code, name, ...emptyRoster(), ...zero, ...emptyIncentives() };
}

const COUNT_KEYS = [
  'groups',
  'householdGrids',
  'households',
  'gridsOutsideRule',
  'workers',
  'workersLevel3',
  'workersLevel4',
  'partyMembers',
  'wechatGroups',
  'publicityItems',
  'publicityHouseholds',
  'reports',
  'importantReports',
  'disputesFound',
  'disputesHandled',
  'disputesSuccess',
  'services',
  'visits',
  'visitHouseholds',
  'trainings',
  'trainingAttendance',
  'recommendations',
  'awards',
  'subsidyTotal',
] as const satisfies readonly (keyof VillageFigures)[];
const MAP_KEYS = ['ageBands', 'education', 'tags', 'grades', 'subsidies'] as const;

/** `into += row`, field by field (maps key by key): the 合计 row and the county's merge. */
export function addFigures(into: VillageFigures, row: VillageFigures, sign = 1): void {
  for (const k of COUNT_KEYS) into[k] += sign * row[k];
  for (const m of MAP_KEYS) {
    const target = into[m] as Record<string, number>;
    for (const [k, v] of Object.entries(row[m] as Record<string, number>)) target[k] = (target[k] ?? 0) + sign * v;
  }
}

/** The 合计 row of `rows`. */
export function sumFigures(rows: VillageFigures[], name = '合计'): VillageFigures {
  const total = emptyRow(null, '', name);
  for (const r of rows) addFigures(total, r);
  return total;
}

function hasAnything(r: VillageFigures): boolean {
  const maps = MAP_KEYS.some((m) => Object.values(r[m] as Record<string, number>).some((v) => v !== 0));
  return maps || COUNT_KEYS.some((k) => r[k] !== 0);
}

interface Scope {
  township: GridNode;
  grid: GridNode | null;
  villages: GridNode[];
  /** The township's own row is kept (whole township asked for). */
  ownRow: boolean;
  inScope: (gridId: number) => boolean;
}

function scopeOf(tree: Tree, gridId: number | null): Scope {
  const all = [...tree.byId.values()];
  const grid = gridId === null ? null : (tree.byId.get(gridId) ?? null);
  if (gridId !== null && grid === null) throw new AppError('NOT_FOUND', `找不到网格（编号 ${gridId}），可能已被删除`);
  let top = grid;
  while (top && top.parentId !== null) top = tree.byId.get(top.parentId) ?? null;
  const township = top ?? all.filter((g) => g.level === 1).sort((a, b) => a.id - b.id)[0];
  if (!township) throw new AppError('NOT_FOUND', '尚未建立乡镇网格，无法生成报表');
  const byCode = (a: GridNode, b: GridNode) => a.code.localeCompare(b.code);
  if (grid === null || grid.level <= 1) {
    const villages = all.filter((g) => g.level === 2 && (grid === null || g.parentId === grid.id)).sort(byCode);
    return { township, grid, villages, ownRow: true, inScope: () => true };
  }
  const ids = new Set<number>([grid.id]);
  // Imported grids need not come parents-first: repeat until no grid joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const g of all) {
      if (g.parentId === null || !ids.has(g.parentId) || ids.has(g.id)) continue;
      ids.add(g.id);
      grew = true;
    }
  }
  const village = tree.byId.get(tree.villageOf(grid.id)!)!;
  return { township, grid, villages: [village], ownRow: false, inScope: (id) => ids.has(id) };
}

/** Workers holding a grid of the subtree now: a group's incentives are its workers'. */
async function holdersIn(db: DbOrTrx, inScope: (gridId: number) => boolean): Promise<Set<number>> {
  const rows = await db
    .selectFrom('assignments')
    .select(['worker_id', 'grid_id'])
    .where('end_date', 'is', null)
    .execute();
  return new Set(rows.filter((r) => inScope(r.grid_id)).map((r) => r.worker_id));
}

/** The township (level 1) a grid lies in. */
function townshipOf(tree: Tree, id: number): GridNode | null {
  let g = tree.byId.get(id);
  while (g && g.parentId !== null) g = tree.byId.get(g.parentId);
  return g ?? null;
}

/**
 * The whole township (or database): each grid's records counted in one grouped pass per table and
 * added to its village's row — the same counts `recordStats` makes per village (the tests compare
 * every row with it); records on the township's own grids (its trainings) go to its own row.
 */
async function addRecordsByGrid(
  db: DbOrTrx,
  tree: Tree,
  scope: Scope,
  rows: Map<number | null, VillageFigures>,
  own: VillageFigures,
  period: { from: string; to: string },
): Promise<void> {
  for (const [gridId, counts] of await recordCountsByGrid(db, period)) {
    const village = tree.villageOf(gridId);
    const row = village === null ? undefined : rows.get(village);
    const target = row ?? (scope.grid === null || townshipOf(tree, gridId)?.id === scope.township.id ? own : null);
    if (!target) continue;
    const part = recordPart(counts);
    for (const k of Object.keys(part) as (keyof RecordPart)[]) target[k] += part[k];
  }
}

export async function reportFigures(
  db: DbOrTrx,
  period: { from: string; to: string; gridId: number | null },
): Promise<ReportFigures> {
  const tree = await loadTree(db);
  const scope = scopeOf(tree, period.gridId);
  const { from, to } = period;
  // A database holding several townships (a county's), asked for as a whole: rows name their township.
  const several = scope.grid === null && [...tree.byId.values()].filter((g) => g.level === 1).length > 1;
  const settings = await getSettings(db);
  const rowName = (v: GridNode) => (several ? `${townshipOf(tree, v.id)?.name ?? ''} / ${v.name}` : v.name);
  const rows = new Map<number | null, VillageFigures>(
    scope.villages.map((v) => [v.id, emptyRow(v.id, v.code, rowName(v))]),
  );
  const head = several ? { name: settings.unitName.trim() || '各乡镇', code: '' } : scope.township;
  const own = emptyRow(null, head.code, several ? '各乡镇本级' : `${head.name}本级`);
  if (scope.ownRow) rows.set(null, own);

  if (scope.ownRow) await addRecordsByGrid(db, tree, scope, rows, own, period);
  else {
    // One village or a part of it: its subtree's stats, exactly as `records stats --grid`.
    const stats = await recordStats(db, { from, to, gridId: scope.grid!.id });
    Object.assign(rows.get(scope.villages[0]!.id)!, recordPart(stats));
  }
  await addRoster(db, tree, rows as Map<number, RosterPart>, scope.inScope, to);
  // A village counts all of its incentives (as in the township's report); below it, its holders'.
  const below = scope.grid !== null && scope.grid.level > 2;
  const workers = below ? await holdersIn(db, scope.inScope) : null;
  await addIncentives(db, rows as Map<number | null, IncentivePart>, period, workers);

  const list = scope.villages.map((v) => rows.get(v.id)!);
  if (scope.ownRow && hasAnything(own)) list.push(own);
  return {
    township: { name: head.name, code: head.code },
    unitName: settings.unitName.trim() || head.name,
    rowKind: 'village',
    from,
    to,
    grid: scope.grid && { id: scope.grid.id, code: scope.grid.code, name: scope.grid.name },
    rows: list,
    total: sumFigures(list),
  };
}
